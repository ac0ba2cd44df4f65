// Package ui is openml-dash's window: a URL bar with history, the page's
// title and tabs, a status line, and the renderers that turn each sdk
// component into Fyne widgets. The session (host/session) holds the page
// and runs its callbacks; this package shows it and feeds user input back.
// Changes arrive from session goroutines and are applied with fyne.Do.
package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openml-dash/openml-dash/host/route"
	"github.com/openml-dash/openml-dash/host/session"
	"github.com/openml-dash/openml-dash/sdk"
)

// busyPoll is how often the status line rechecks the running callbacks; a
// change report arrives before its callback stops counting as running.
const busyPoll = 250 * time.Millisecond

// Opener builds the session of a page (in production: ask the plugins of
// ref's kind for their layouts). onChange must be passed to the session's
// Options.OnChange. The UI starts the session itself.
type Opener interface {
	Open(ctx context.Context, ref sdk.EntityRef, onChange func(session.Change)) (*session.Session, error)
}

// Options are what the window keeps and shows beyond the pages.
type Options struct {
	// Prefs keeps the history, the last page, the window's size, the theme
	// and the text size across runs; nil keeps nothing.
	Prefs fyne.Preferences
	// About describes the app's and the plugins' versions and folders,
	// for Help > About; nil shows the app's name only.
	About func() string
	// OnShown, if set, is called once per opened page when the tab it
	// opens on has all its callbacks' results drawn, with the time since
	// the page was asked for (Enter, a link, the history). For the log: it
	// runs on the painting goroutine and must not touch widgets.
	OnShown func(ref sdk.EntityRef, took time.Duration)
}

// UI is the content of the main window.
type UI struct {
	w      fyne.Window
	opener Opener
	opts   Options
	hist   *history
	look   *appTheme

	entry   *widget.Entry
	urlErr  *widget.Label
	back    *widget.Button
	forward *widget.Button
	title   *widget.Label
	// loadingBar animates the panel of a page being opened; stopped when
	// the page (or its error) replaces it.
	loadingBar *widget.ProgressBarInfinite

	menu        *fyne.MainMenu
	historyMenu *fyne.Menu
	themeItems  map[string]*fyne.MenuItem
	page        *fyne.Container
	root        *fyne.Container
	status      *statusLine
	probe       *paintProbe

	mu     sync.Mutex
	gen    uint64 // counts opens; a late answer for an older one is dropped
	sess   *session.Session
	cancel context.CancelFunc
	loaded chan struct{} // closed when the latest open shows its page or error
	// shown is the open generation whose page is drawn; early holds the
	// changes its session reported before that (it starts as soon as it
	// opens), which the drawn page applies again (applyEarly).
	shown uint64
	early []session.Change

	// UI goroutine only.
	ref    sdk.EntityRef
	hasRef bool
	view   *pageView
}

// appName ends every window title, so the window is found by its name.
const appName = "openml-dash"

// New builds the window's content, main menu and shortcuts, and sets them
// on w at the size it had last time.
func New(w fyne.Window, opener Opener, opts Options) *UI {
	u := &UI{w: w, opener: opener, opts: opts, status: newStatusLine(), hist: newHistory(opts.Prefs), probe: newPaintProbe()}

	u.entry = widget.NewEntry()
	u.entry.SetPlaceHolder("OpenML URL or short form, e.g. https://www.openml.org/d/61 or t/59")
	u.entry.OnSubmitted = u.OpenText
	open := widget.NewButtonWithIcon("Open", theme.SearchIcon(), func() { u.OpenText(u.entry.Text) })
	open.Importance = widget.HighImportance
	u.back = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), u.Back)
	u.forward = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), u.Forward)
	u.back.Disable()
	u.forward.Disable()
	u.urlErr = widget.NewLabel("")
	u.urlErr.Importance = widget.DangerImportance
	u.urlErr.Wrapping = fyne.TextWrapWord
	u.urlErr.Hide()

	u.title = newTitle("")

	welcome := widget.NewLabel("Paste the URL of an OpenML dataset, task, flow, run, study or benchmark suite above, such as https://www.openml.org/d/61, and press Enter.")
	welcome.Wrapping = fyne.TextWrapWord
	u.page = container.NewStack(container.NewPadded(welcome))

	top := container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(u.back, u.forward), open, u.entry),
		u.urlErr,
		u.title,
	)
	bottom := container.NewVBox(widget.NewSeparator(), container.NewStack(u.status.box, u.probe.r))
	saver := &sizeSaver{save: u.SaveWindowState}
	u.root = &fyne.Container{
		Layout:  &resizeWatch{inner: layout.NewBorderLayout(top, bottom, nil, nil), onResize: saver.changed},
		Objects: []fyne.CanvasObject{u.page, top, bottom},
	}
	w.SetContent(u.root)
	w.SetTitle(appName)
	u.look = loadTheme(opts.Prefs)
	if opts.Prefs != nil {
		u.look.apply()
	}
	u.installMenu()
	if size, ok := u.hist.windowSize(); ok {
		w.Resize(size)
	}
	return u
}

// OpenStart opens what the command line named, else the page open when
// the app last closed, else the built-in demo.
func (u *UI) OpenStart(arg string) {
	if arg == "" {
		arg = u.hist.last()
	}
	if arg == "" {
		arg = "demo"
	}
	u.OpenText(arg)
}

// SaveWindowState remembers the window's size for the next run. Call it
// as the app stops.
func (u *UI) SaveWindowState() {
	u.hist.setWindowSize(u.w.Canvas().Size())
}

// Open shows ref's page, closing the previous one (its calls are
// cancelled). The page loads in the background; a loading state shows
// meanwhile. Safe from any goroutine.
func (u *UI) Open(ref sdk.EntityRef) {
	fyne.Do(func() { u.open(ref, true) })
}

// OpenText opens what the user typed, as the URL bar does. A text that is
// not an OpenML reference shows route's message under the URL bar and in
// the status line, and changes nothing else. Safe from any goroutine.
func (u *UI) OpenText(s string) {
	fyne.Do(func() {
		ref, err := route.Parse(s)
		if err != nil {
			u.urlErr.SetText(err.Error())
			u.urlErr.Show()
			u.root.Refresh() // the bar grew
			u.status.setError(err.Error())
			return
		}
		u.open(ref, true)
	})
}

// Back opens the page shown before the current one, if any.
func (u *UI) Back() {
	fyne.Do(func() {
		if ref, ok := u.hist.goBack(u.ref); ok {
			u.open(ref, false)
		}
	})
}

// Forward opens the page that Back left, if any.
func (u *UI) Forward() {
	fyne.Do(func() {
		if ref, ok := u.hist.goForward(u.ref); ok {
			u.open(ref, false)
		}
	})
}

// Reload opens the current page anew: its plugins' layouts and callbacks
// run again (answers come from the cache as before).
func (u *UI) Reload() {
	fyne.Do(func() {
		if u.hasRef {
			u.open(u.ref, false)
		}
	})
}

// SetProgress shows long work in the status line. Safe from any goroutine.
func (u *UI) SetProgress(p Progress) {
	fyne.Do(func() { u.status.setProgress(p) })
}

// ShowWarning puts a problem the app worked around (a damaged cached
// answer fetched again, a cache folder it cannot write) in the status
// line. Safe from any goroutine.
func (u *UI) ShowWarning(msg string) {
	fyne.Do(func() { u.status.setError("Warning: " + msg) })
}

// Current is the open page's session: nil before the first page loaded,
// while a page loads, and after it failed to open.
func (u *UI) Current() *session.Session {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.sess
}

// waitOpened blocks until the latest page opened shows, or its error,
// without waiting for its callbacks or pending parts.
func (u *UI) waitOpened(ctx context.Context) error {
	u.mu.Lock()
	loaded := u.loaded
	u.mu.Unlock()
	if loaded == nil {
		return nil
	}
	select {
	case <-loaded:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Wait blocks until the latest page opened (or failed to) and its
// callbacks settled, with their changes shown. It returns the session's
// Wait error or ctx's. Call it from another goroutine than the UI's (a
// test, a smoke run), never from a widget callback.
func (u *UI) Wait(ctx context.Context) error {
	if err := u.waitOpened(ctx); err != nil {
		return err
	}
	sess := u.Current()
	if sess == nil {
		return nil
	}
	err := sess.Wait(ctx)
	// Changes applied with fyne.Do may still be queued: run behind them.
	fyne.DoAndWait(func() { u.refreshBusy(sess) })
	return err
}

// open starts loading ref; push records the current page in the history.
// UI goroutine only.
func (u *UI) open(ref sdk.EntityRef, push bool) {
	start := time.Now()
	if push && u.hasRef && u.ref != ref {
		u.hist.visit(u.ref)
	}
	u.ref, u.hasRef = ref, true
	enable(u.back, u.hist.canBack())
	enable(u.forward, u.hist.canForward())
	u.entry.SetText(ref.URL())
	if u.urlErr.Visible() {
		u.urlErr.Hide()
		u.root.Refresh()
	}
	u.status.setError("")
	u.status.setBusy(0)
	u.status.setActivity("Opening " + ref.String() + "…")
	u.setTitle(ref.String())
	u.view = nil
	u.showLoading(ref)

	ctx, cancel := context.WithCancel(context.Background())
	loaded := make(chan struct{})
	u.mu.Lock()
	u.gen++
	gen := u.gen
	u.early = nil
	old, oldCancel := u.sess, u.cancel
	u.sess, u.cancel, u.loaded = nil, cancel, loaded
	u.mu.Unlock()
	if oldCancel != nil {
		oldCancel()
	}
	if old != nil {
		old.Close()
	}

	go func() {
		sess, err := u.opener.Open(ctx, ref, func(c session.Change) { u.changed(gen, c) })
		if err == nil && sess == nil {
			err = errors.New("the page opener returned no page")
		}
		if err == nil {
			// The callbacks start now, not once the UI goroutine draws the
			// page (at start-up it is busy with the window's first frames):
			// the page is drawn from what they wrote by then, and the
			// changes reported before it is drawn are applied again then
			// (see changed).
			sess.Start(ctx)
		}
		fyne.Do(func() {
			defer close(loaded)
			u.opened(gen, ctx, ref, sess, err, start)
		})
	}()
}

// opened shows a finished open's page or error. UI goroutine only.
func (u *UI) opened(gen uint64, ctx context.Context, ref sdk.EntityRef, sess *session.Session, err error, asked time.Time) {
	u.mu.Lock()
	current := gen == u.gen
	if current && err == nil {
		u.sess = sess
	}
	u.mu.Unlock()
	if !current {
		if sess != nil {
			sess.Close() // the user moved on while this page loaded
		}
		return
	}
	if err != nil {
		if ctx.Err() == nil {
			// The title says what failed, the panel why, once each; the
			// status line stays for errors of a page that is shown.
			u.setTitle("Could not open " + ref.String())
			u.status.setActivity("")
			u.setPage(errorPanel(ref, err, func() { u.open(ref, false) }))
		}
		return
	}
	report := func(err error) { u.status.setError(err.Error()) }
	u.view = newPageView(sess, setter(ctx, sess, report), u.Open)
	u.view.gen, u.view.askedAt = gen, asked
	u.setTitle(sess.Title())
	u.hist.opened(ref)
	u.refreshHistoryMenu()
	u.status.setActivity("")
	u.setPage(withPageNotices(sess, u.view.tabs))
	u.refreshBusy(sess)
	u.checkShown(u.view)
	u.applyEarly(gen)
	go u.pollBusy(ctx, sess)
}

// applyEarly applies again the changes page gen's session reported
// before the page was drawn (they may be drawn already), then lets
// changed apply the next ones as they come, not before: until then
// they are kept here, so that no change is applied while the page is
// still being built. UI goroutine only.
func (u *UI) applyEarly(gen uint64) {
	for {
		u.mu.Lock()
		early := u.early
		u.early = nil
		if len(early) == 0 {
			u.shown = gen
			u.mu.Unlock()
			return
		}
		u.mu.Unlock()
		for _, c := range early {
			u.apply(u.view, c)
		}
	}
}

// changed receives a session's change report, on a session goroutine.
func (u *UI) changed(gen uint64, c session.Change) {
	u.mu.Lock()
	if u.shown != gen {
		if gen == u.gen {
			u.early = append(u.early, c) // its page is not drawn yet
		}
		u.mu.Unlock()
		return
	}
	u.mu.Unlock()
	fyne.Do(func() {
		if v := u.view; v != nil && v.gen == gen { // else the page was closed since
			u.apply(v, c)
		}
	})
}

// apply shows change c on page v. UI goroutine only.
func (u *UI) apply(v *pageView, c session.Change) {
	v.apply(c)
	if c.Arrived {
		// A late part may bring a notice for the whole page.
		u.setPage(withPageNotices(v.sess, v.tabs))
	}
	u.checkShown(v)
	if c.Err != nil {
		u.status.setError(c.Err.Error())
	}
	u.refreshBusy(v.sess)
}

// refreshBusy shows how many callbacks sess runs, if it is still shown.
func (u *UI) refreshBusy(sess *session.Session) {
	if u.Current() == sess {
		u.status.setBusy(sess.Busy())
	}
}

// pollBusy keeps the callback count right between change reports, until
// ctx (the page's) ends.
func (u *UI) pollBusy(ctx context.Context, sess *session.Session) {
	t := time.NewTicker(busyPoll)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if int64(sess.Busy()) != u.status.shownBusy.Load() {
			fyne.Do(func() { u.refreshBusy(sess) })
		}
	}
}

// setTitle shows the page's title above its tabs and in the window's
// title bar (and so in the task bar).
func (u *UI) setTitle(t string) {
	u.title.SetText(t)
	u.w.SetTitle(t + " — " + appName)
}

// newTitle is the page's title as the window shows it above the tabs.
func newTitle(t string) *widget.Label {
	l := widget.NewLabelWithStyle(t, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

func enable(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

func (u *UI) setPage(o fyne.CanvasObject) {
	if u.loadingBar != nil {
		// Its animation would otherwise go on, repainting the window
		// every frame (half a core), until Fyne drops the renderer.
		u.loadingBar.Stop()
		u.loadingBar = nil
	}
	u.page.Objects = []fyne.CanvasObject{o}
	u.page.Refresh()
}

// showLoading shows the panel a page shows while it opens.
func (u *UI) showLoading(ref sdk.EntityRef) {
	bar := widget.NewProgressBarInfinite()
	label := widget.NewLabel(fmt.Sprintf("Loading %s …", ref))
	u.setPage(container.NewCenter(container.NewVBox(label, bar)))
	u.loadingBar = bar
}

// errorPanel says why a whole page could not be opened (the window's
// title says that it could not), which URL was tried, and offers to try
// again.
func errorPanel(ref sdk.EntityRef, err error, retry func()) fyne.CanvasObject {
	why := err.Error()
	for _, name := range []string{ref.String(), ref.URL()} {
		why = strings.TrimPrefix(why, "cannot open "+name+": ")
	}
	n := newNotice(&sdk.Notice{
		Level:   sdk.Error,
		Summary: capitalize(why),
		Detail:  "URL tried: " + ref.URL() + "\nCheck the address, or try again later if the server or a plugin was unavailable.",
	})
	again := widget.NewButtonWithIcon("Try again", theme.ViewRefreshIcon(), retry)
	return container.NewVBox(container.NewPadded(n), container.NewHBox(again))
}

// capitalize starts s with a capital letter, as a sentence on its own.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
