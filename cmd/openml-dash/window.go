package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/openml-dash/openml-dash/host/dashboard"
	"github.com/openml-dash/openml-dash/host/ui"
	"github.com/openml-dash/openml-dash/sdk"
)

func runWindow(ctx context.Context, cfg *config, stderr io.Writer) error {
	dash, err := dashboard.Start(ctx, cfg.dashboard(stderr))
	if err != nil {
		return err
	}
	defer dash.Close()
	for _, err := range dash.Failures() {
		io.WriteString(stderr, "openml-dash: "+err.Error()+"\n")
	}

	a := app.NewWithID("org.openml.dash")
	w := a.NewWindow("openml-dash")
	w.Resize(fyne.NewSize(1200, 800)) // unless the size of the last run is kept
	winLog := dash.Logger().ResetNamed("window")
	var firstShown sync.Once
	u := ui.New(w, dash, ui.Options{
		Prefs: a.Preferences(),
		About: func() string { return aboutText(cfg, dash) },
		OnShown: func(ref sdk.EntityRef, took time.Duration) {
			// What a user waits for after Enter; scripts/bench-window.sh reads it.
			winLog.Debug("page shown", "page", ref.String(), "took", took.Round(time.Millisecond))
			// The first page started only its own plugins: the others
			// start now, so the next page finds them ready.
			firstShown.Do(func() { dash.StartIdle(ctx) })
		},
	})
	a.Lifecycle().SetOnStopped(u.SaveWindowState)
	dash.OnWarning(u.ShowWarning)
	dash.OnProgress(func(p dashboard.Progress) {
		u.SetProgress(ui.Progress{Label: p.Label, Done: p.Done, Total: p.Total})
	})
	// A signal ends the app like closing the window does, so plugins are killed.
	go func() {
		<-ctx.Done()
		fyne.Do(a.Quit)
	}()
	u.OpenStart(cfg.target())
	w.ShowAndRun()
	if s := u.Current(); s != nil {
		s.Close()
	}
	return nil
}

// aboutText is Help > About: the versions --version prints and the
// folders the app uses.
func aboutText(cfg *config, dash *dashboard.App) string {
	var b strings.Builder
	fmt.Fprintf(&b, "openml-dash %s (%s %s/%s)\n\n", appVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	writePlugins(&b, dash)
	fmt.Fprintf(&b, "\nplugin folders: %s\ncache folder: %s\nserver: %s\nlog file: %s\n",
		strings.Join(cfg.dashboard(io.Discard).PluginDirs, ", "), cfg.settings.CacheDir, cfg.server, logPathText())
	return b.String()
}
