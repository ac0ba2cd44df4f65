package main

import (
	"context"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/openml-dash/openml-dash/host/dashboard"
	"github.com/openml-dash/openml-dash/host/ui"
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
	u := ui.New(w, dash)
	dash.OnProgress(func(p dashboard.Progress) {
		u.SetProgress(ui.Progress{Label: p.Label, Done: p.Done, Total: p.Total})
	})
	// A signal ends the app like closing the window does, so plugins are killed.
	go func() {
		<-ctx.Done()
		fyne.Do(a.Quit)
	}()
	u.OpenText(cfg.target())
	w.Resize(fyne.NewSize(1200, 800))
	w.ShowAndRun()
	if s := u.Current(); s != nil {
		s.Close()
	}
	return nil
}
