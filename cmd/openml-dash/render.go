package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"github.com/openml-dash/openml-dash/host/chart"
	"github.com/openml-dash/openml-dash/host/dashboard"
	"github.com/openml-dash/openml-dash/host/pagejson"
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
	dash, err := dashboard.Start(ctx, cfg.dashboard(stderr))
	if err != nil {
		return err
	}
	defer dash.Close()
	dash.OnProgress(progressPrinter(stderr))

	sess, err := openPage(ctx, dash, ref, cfg.timeout)
	if sess == nil {
		return err
	}
	defer sess.Close()
	if err != nil {
		fmt.Fprintf(stderr, "openml-dash: %v; writing what is there\n", err)
	}

	if err := os.MkdirAll(cfg.out, 0o755); err != nil {
		return err
	}
	page := pagejson.FromSession(sess)
	for i := range page.Tabs {
		img, err := ui.RenderTab(sess, i, fyne.NewSize(float32(cfg.width), float32(cfg.height)))
		if err != nil {
			return fmt.Errorf("draw tab %q: %w", page.Tabs[i].Title, err)
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			return err
		}
		name := fmt.Sprintf("tab-%d-%s.png", i+1, safeName(page.Tabs[i].ID))
		if err := writeAtomic(filepath.Join(cfg.out, name), buf.Bytes()); err != nil {
			return err
		}
		page.Tabs[i].Image = name
	}
	charts, err := exportCharts(sess, cfg.out)
	if err != nil {
		return err
	}
	js, err := page.Marshal()
	if err != nil {
		return err
	}
	if err := writeAtomic(filepath.Join(cfg.out, "page.json"), js); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: %q, %d tabs, %d charts -> %s\n", ref, page.Title, len(page.Tabs), charts, cfg.out)
	return nil
}

// exportSize is the size of each chart's own PNG and SVG in render's
// output: a chart drawn alone, for a paper or a slide.
const exportWidth, exportHeight = 1000, 700

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
	for _, c := range charts {
		for _, f := range []chart.Format{chart.PNG, chart.SVG} {
			var buf bytes.Buffer
			opts := chart.Options{Width: exportWidth, Height: exportHeight, Format: f}
			if err := chart.Render(c.spec, opts, &buf); err != nil {
				return 0, fmt.Errorf("export chart %s: %w", c.name, err)
			}
			if err := writeAtomic(filepath.Join(dir, c.name+"."+f.String()), buf.Bytes()); err != nil {
				return 0, err
			}
		}
	}
	return len(charts), nil
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
	waitCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := sess.Wait(waitCtx); err != nil {
		return sess, fmt.Errorf("page not finished after %s: %w", timeout, err)
	}
	return sess, nil
}

var unsafeChars = regexp.MustCompile(`[^A-Za-z0-9_-]+`)

func safeName(s string) string {
	if s = unsafeChars.ReplaceAllString(s, "-"); s == "" {
		return "tab"
	}
	return s
}

// writeAtomic never leaves a half-written file under name.
func writeAtomic(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
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
