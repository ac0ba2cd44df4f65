package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"github.com/openml-dash/openml-dash/host/dashboard"
	"github.com/openml-dash/openml-dash/host/route"
	"github.com/openml-dash/openml-dash/host/session"
	"github.com/openml-dash/openml-dash/host/ui"
	"github.com/openml-dash/openml-dash/sdk"
)

// runRender builds a page without a window: DIR/page.json and one PNG per
// tab. It fails only when the page cannot be built at all; a part that
// fails is a notice in the page.
func runRender(ctx context.Context, cfg *config, stdout, stderr io.Writer) error {
	if len(cfg.args) != 1 {
		return errors.New("render needs one URL, e.g. openml-dash render d/61 --out out/d61")
	}
	if cfg.out == "" {
		return errors.New("render needs --out DIR, the folder to write page.json and the tab images into")
	}
	ref, err := route.Parse(cfg.args[0])
	if err != nil {
		return err
	}
	if cfg.cpuProfile != "" {
		stop, err := startCPUProfile(cfg.cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	if os.Getenv("GOGC") == "" {
		// A render draws a picture per tab and drops it: letting the
		// heap grow to five times what is live rather than twice runs
		// the collector about a quarter as often (demo 0.29 -> 0.26 s).
		// The host stays small (160 MB at 1M rows, against 130); the
		// data is in the plugins.
		debug.SetGCPercent(400)
	}
	dash, err := dashboard.Start(ctx, cfg.dashboard(cfg.log))
	if err != nil {
		return err
	}
	defer dash.Close()
	dash.OnProgress(progressPrinter(stderr))

	// The fonts load while the plugins build the page; those of a
	// description's markdown when the page is an OpenML entity's, and any
	// other once the page's layout says it uses them. Drawing waits for
	// them: Fyne's text shaper must not measure on two goroutines at once.
	fonts := make(chan struct{})
	opened := make(chan *session.Session, 1)
	go func() {
		defer close(fonts)
		_, local := ref.LocalFile()
		ui.PrepareFonts(!local)
		if sess := <-opened; sess != nil {
			ui.PreparePageFonts(sess)
		}
	}()
	// Tabs are drawn as soon as nothing still running can change them,
	// while the page's slow callbacks (a forest) finish.
	changed := make(chan struct{}, 1)
	warn := failurePrinter(cfg.log)
	sess, err := dash.Open(ctx, ref, func(c session.Change) {
		warn(c)
		select {
		case changed <- struct{}{}:
		default:
		}
	})
	opened <- sess
	if err != nil {
		return err
	}
	defer sess.Close()
	sess.Start(ctx)
	saver, err := ui.NewPageSaver(sess, cfg.out, ui.SaveOptions{Size: fyne.NewSize(float32(cfg.width), float32(cfg.height)), Charts: cfg.charts})
	if err != nil {
		return err
	}
	finished := make(chan error, 1)
	go func() {
		err := finishPage(ctx, sess, cfg.timeout)
		// Nothing a plugin does can change the page now: page.json is
		// written, and the plugins stop, while the last tabs are drawn
		// rather than after them (the deferred Close waits for them).
		saver.Whole()
		go dash.Close()
		finished <- err
	}()

	<-fonts
	for done := false; !done; {
		if err := saver.DrawSettled(); err != nil {
			return err
		}
		select {
		case <-changed:
		case err = <-finished:
			done = true
		}
	}
	unfinished := err
	if unfinished != nil {
		fmt.Fprintf(stderr, "openml-dash: %v; writing what is there\n", unfinished)
	}
	saved, err := saver.Finish()
	if err != nil {
		return err
	}
	charts := ""
	if cfg.charts {
		charts = fmt.Sprintf(", %d charts", saved.Charts)
	}
	fmt.Fprintf(stdout, "%s: %q, %d tabs%s -> %s\n", ref, saved.Title, saved.Tabs, charts, cfg.out)
	if unfinished != nil {
		// The parts still missing say so in the page; a script must not
		// take it for a whole one.
		return fmt.Errorf("the page was written, but it is not complete: %w", unfinished)
	}
	return pageFailure(sess)
}

// pageFailure is the page's own error notice (sdk.Page.Notice at Error
// level: its subject could not be read at all) as an error, so that a
// script sees a non-zero exit although the page was written.
func pageFailure(sess *session.Session) error {
	for _, n := range sess.Notices() {
		if n.Level == sdk.Error {
			msg := n.Summary
			if n.Detail != "" {
				msg += ": " + n.Detail
			}
			return fmt.Errorf("the page was written, but %s", lowerFirst(msg))
		}
	}
	return nil
}

func lowerFirst(s string) string {
	if s == "" || strings.ToUpper(s[:1]) != s[:1] || (len(s) > 1 && strings.ToUpper(s[1:2]) == s[1:2]) {
		return s // empty, already lower, or an acronym
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// openPage opens ref headless and waits, at most timeout, for its initial
// callbacks. A page that did not finish in time comes back with an error
// too: the caller decides whether what is there will do.
func openPage(ctx context.Context, dash *dashboard.App, ref sdk.EntityRef, timeout time.Duration) (*session.Session, error) {
	sess, err := dash.Open(ctx, ref, nil)
	if err != nil {
		return nil, err
	}
	sess.Start(ctx)
	return sess, finishPage(ctx, sess, timeout)
}

// finishPage waits, at most timeout, for the started page sess. A page
// not finished by then is given up on: the parts still missing say so in
// the page that is written, and the error says it was not finished.
func finishPage(ctx context.Context, sess *session.Session, timeout time.Duration) error {
	waitCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := sess.Wait(waitCtx); err != nil {
		err = fmt.Errorf("page not finished after %s: %w", timeout, err)
		sess.Abandon(err)
		return err
	}
	return nil
}

// failurePrinter says on w (the terminal and the log) why a callback
// failed or its patch was not applied in full, as the window's status
// line does. The page shows a failed callback's error where its output
// goes; a part of a patch that was refused shows nowhere else.
func failurePrinter(w io.Writer) func(session.Change) {
	var mu sync.Mutex
	return func(c session.Change) {
		if c.Err == nil {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(w, "openml-dash: %v\n", c.Err)
	}
}

// progressPrinter reports downloads on the terminal, at most a few times a second.
func progressPrinter(w io.Writer) func(dashboard.Progress) {
	var (
		mu   sync.Mutex
		last time.Time
	)
	return func(p dashboard.Progress) {
		mu.Lock()
		defer mu.Unlock()
		finished := p.Total > 0 && p.Done >= p.Total
		if !finished && time.Since(last) < 250*time.Millisecond {
			return
		}
		last = time.Now()
		fmt.Fprintln(w, progressLine(p))
	}
}

// progressLine says how far long work is. Downloads and file reads count
// bytes (the host's and the data plugin's labels say so); other work, such
// as loading runs, counts items.
func progressLine(p dashboard.Progress) string {
	bytes := strings.HasPrefix(p.Label, "downloading ") || strings.HasPrefix(p.Label, "reading ")
	switch {
	case p.Total > 0 && bytes:
		return fmt.Sprintf("%s: %d%% of %s", p.Label, p.Done*100/p.Total, humanBytes(p.Total))
	case p.Total > 0:
		return fmt.Sprintf("%s: %d of %d", p.Label, p.Done, p.Total)
	case bytes:
		return fmt.Sprintf("%s: %s", p.Label, humanBytes(p.Done))
	}
	return fmt.Sprintf("%s: %d", p.Label, p.Done)
}

// startCPUProfile profiles the host until stop is called.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
