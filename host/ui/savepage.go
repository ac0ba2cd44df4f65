package ui

import (
	"bytes"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sync"

	"golang.org/x/sync/errgroup"

	"fyne.io/fyne/v2"

	"github.com/openml-dash/openml-dash/host/chart"
	"github.com/openml-dash/openml-dash/host/pagejson"
	"github.com/openml-dash/openml-dash/host/session"
	"github.com/openml-dash/openml-dash/internal/atomicfile"
	"github.com/openml-dash/openml-dash/sdk"
)

// Export size of each chart alone in a saved page: for a paper or a slide.
const exportWidth, exportHeight = 1000, 700

// SavedPage says what SavePage wrote.
type SavedPage struct {
	Title  string
	Tabs   int
	Charts int
}

// SaveOptions says what SavePage draws.
type SaveOptions struct {
	Size fyne.Size // of each tab's picture
	// Charts also writes each chart alone, as PNG and SVG, under charts/:
	// on a big page that is as much drawing again as the tabs, so the
	// render command does it only when asked.
	Charts bool
	// OnMain runs the drawing of one tab, which builds and lays out Fyne
	// widgets and shapes text, where Fyne's own drawing runs: in the
	// window fyne.DoAndWait, since Fyne's text shaper must not work on two
	// goroutines at once and the window draws while a page is saved. The
	// pictures' encoding, the charts alone and page.json stay on the
	// saver's goroutines. Nil draws on the caller's goroutine (render).
	OnMain func(func())
}

// SavePage writes the open page sess into dir: page.json (every
// component's final contents), one PNG per tab drawn at opts.Size as the
// window draws it, and with opts.Charts each chart alone. Files are
// written whole or not at all. The window's "Save page" uses it; the
// render command uses a PageSaver, to draw tabs while others compute.
func SavePage(sess *session.Session, dir string, opts SaveOptions) (SavedPage, error) {
	ps, err := NewPageSaver(sess, dir, opts)
	if err != nil {
		return SavedPage{}, err
	}
	return ps.Finish()
}

// PageSaver writes a page into a folder as SavePage does, a tab at a
// time: DrawSettled draws the tabs that are final (session.Settled) while
// the page's slow callbacks still run, Whole starts what needs the whole
// page once the session is done, and Finish draws the rest. Tabs are
// drawn on the caller's goroutine (or through SaveOptions.OnMain), one
// after another (Fyne's widgets are not to be built on several
// goroutines); the PNG encoding, the chart exports and page.json, plain
// work on copies, run beside.
type PageSaver struct {
	sess  *session.Session
	dir   string
	opts  SaveOptions
	files errgroup.Group
	drawn map[int]bool

	whole  sync.Once
	title  string
	tabs   int
	charts int
}

// NewPageSaver makes dir and a saver of sess into it.
func NewPageSaver(sess *session.Session, dir string, opts SaveOptions) (*PageSaver, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return &PageSaver{sess: sess, dir: dir, opts: opts, drawn: map[int]bool{}}, nil
}

// DrawSettled draws the tabs settled now that are not drawn yet.
func (ps *PageSaver) DrawSettled() error {
	for i, t := range ps.sess.Tabs() {
		if !ps.drawn[i] && ps.sess.Settled(i) {
			if err := ps.draw(i, t.Tab); err != nil {
				return err
			}
		}
	}
	return nil
}

// draw draws tab i and has its PNG written.
func (ps *PageSaver) draw(i int, tab sdk.Tab) error {
	var img image.Image
	var err error
	render := func() { img, err = RenderTab(ps.sess, i, ps.opts.Size) }
	if ps.opts.OnMain != nil {
		ps.opts.OnMain(render)
	} else {
		render()
	}
	if err != nil {
		return fmt.Errorf("draw tab %q: %w", tab.Title, err)
	}
	ps.drawn[i] = true
	path := filepath.Join(ps.dir, tabImage(i, tab.ID))
	ps.files.Go(func() error {
		var buf bytes.Buffer
		if err := chart.EncodePNG(&buf, img); err != nil {
			return err
		}
		return atomicfile.Write(path, buf.Bytes(), 0o644)
	})
	return nil
}

// Whole starts writing page.json and, with SaveOptions.Charts, the charts
// alone: both need the page whole, so call it once the session's
// callbacks are done (session.Wait), from any goroutine. They run beside
// the tabs still being drawn: a page with a 20,000-row table takes a
// while to write. Finish calls it if it has not been.
func (ps *PageSaver) Whole() {
	ps.whole.Do(func() {
		page := pagejson.FromSession(ps.sess)
		ps.title, ps.tabs = page.Title, len(page.Tabs)
		if ps.opts.Charts {
			ps.files.Go(func() (err error) {
				ps.charts, err = exportCharts(ps.sess, ps.dir)
				return err
			})
		}
		for i := range page.Tabs {
			page.Tabs[i].Image = tabImage(i, page.Tabs[i].ID)
		}
		ps.files.Go(func() error {
			js, err := page.Marshal()
			if err != nil {
				return err
			}
			return atomicfile.Write(filepath.Join(ps.dir, "page.json"), js, 0o644)
		})
	})
}

// Finish draws the tabs not drawn yet and waits for every file. Call it
// once the session's callbacks are done.
func (ps *PageSaver) Finish() (SavedPage, error) {
	ps.Whole()
	for i, t := range ps.sess.Tabs() {
		if ps.drawn[i] {
			continue
		}
		if err := ps.draw(i, t.Tab); err != nil {
			_ = ps.files.Wait()
			return SavedPage{}, err
		}
	}
	if err := ps.files.Wait(); err != nil {
		return SavedPage{}, err
	}
	return SavedPage{Title: ps.title, Tabs: ps.tabs, Charts: ps.charts}, nil
}

// tabImage is the file name of tab i's picture.
func tabImage(i int, id string) string {
	return fmt.Sprintf("tab-%d-%s.png", i+1, safeName(id))
}

// exportCharts writes every chart of the page as
// charts/<tab>-<chart>.png and .svg, and returns how many it wrote.
func exportCharts(sess *session.Session, out string) (int, error) {
	type named struct {
		name string
		spec *sdk.Chart
	}
	var charts []named
	sess.Read(func() {
		for i, t := range sess.Tabs() {
			n := 0
			sdk.Walk(t.Tab.Children, func(c sdk.Component) bool {
				if ch, ok := c.(*sdk.Chart); ok {
					n++
					id := ch.ID
					if id == "" {
						id = fmt.Sprintf("chart%d", n)
					}
					charts = append(charts, named{fmt.Sprintf("%d-%s-%s", i+1, safeName(t.Tab.ID), safeName(id)), ch})
				}
				return true
			})
		}
	})
	if len(charts) == 0 {
		return 0, nil
	}
	dir := filepath.Join(out, "charts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	// Each chart is drawn and encoded on its own: they share nothing.
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, c := range charts {
		for _, f := range []chart.Format{chart.PNG, chart.SVG} {
			g.Go(func() error {
				var buf bytes.Buffer
				opts := chart.Options{Width: exportWidth, Height: exportHeight, Format: f}
				if err := chart.Render(c.spec, opts, &buf); err != nil {
					return fmt.Errorf("export chart %s: %w", c.name, err)
				}
				return atomicfile.Write(filepath.Join(dir, c.name+"."+f.String()), buf.Bytes(), 0o644)
			})
		}
	}
	if err := g.Wait(); err != nil {
		return 0, err
	}
	return len(charts), nil
}

var unsafeChars = regexp.MustCompile(`[^A-Za-z0-9_-]+`)

func safeName(s string) string {
	if s = unsafeChars.ReplaceAllString(s, "-"); s == "" {
		return "tab"
	}
	return s
}
