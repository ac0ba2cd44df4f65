package ui_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/session"
	"github.com/openml-dash/openml-dash/host/ui"
	"github.com/openml-dash/openml-dash/sdk"
)

// OnShown reports a page once the tab it opens on is complete and drawn:
// not while that tab's callback runs, not waiting for another tab's, and
// only once.
func TestUI_onShownWaitsForTheFirstTabAndItsFrame(t *testing.T) {
	test.NewTempApp(t)
	firstDone, otherDone := make(chan struct{}), make(chan struct{})
	pg := &sdk.Page{
		Title: "Two tabs",
		Tabs: []sdk.Tab{
			{Title: "First", Children: []sdk.Component{&sdk.Select{ID: "x", Options: sdk.Options("p", "q"), Values: []string{"p"}}, &sdk.Slot{ID: "a"}}},
			{Title: "Other", Children: []sdk.Component{&sdk.Slot{ID: "b"}}},
		},
		Callbacks: []sdk.Callback{
			{ID: "fill-a", Inputs: []sdk.PropRef{sdk.Input("x", sdk.PropValue)}, Outputs: []sdk.PropRef{sdk.Output("a", sdk.PropChildren)}},
			{ID: "fill-b", Inputs: []sdk.PropRef{sdk.Input("x", sdk.PropValue)}, Outputs: []sdk.PropRef{sdk.Output("b", sdk.PropChildren)}},
		},
	}
	caller := func(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
		done := map[string]chan struct{}{"fill-a": firstDone, "fill-b": otherDone}[req.ID]
		select {
		case <-done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		return sdk.NewPatch().Fill(req.ID[len(req.ID)-1:], &sdk.Text{Markdown: req.ID + " done"}), nil
	}
	op := &fakeOpener{open: func(sdk.EntityRef) ([]session.Part, error) { return page(pg, caller), nil }}

	var mu sync.Mutex
	var shown []time.Duration
	count := func() int { mu.Lock(); defer mu.Unlock(); return len(shown) }
	w := test.NewTempWindow(t, widget.NewLabel(""))
	u := ui.New(w, op, ui.Options{OnShown: func(_ sdk.EntityRef, took time.Duration) {
		mu.Lock()
		shown = append(shown, took)
		mu.Unlock()
	}})
	w.Resize(fyne.NewSize(600, 400))
	draw := func() { fyne.DoAndWait(func() { w.Canvas().(test.WindowlessCanvas).Capture() }) }

	u.Open(ref(sdk.KindData, 1))
	require.Eventually(t, func() bool { return u.Current() != nil }, 5*time.Second, 5*time.Millisecond)
	draw()
	assert.Zero(t, count(), "the first tab's callback still runs")

	close(firstDone)
	require.Eventually(t, func() bool { draw(); return count() == 1 }, 5*time.Second, 10*time.Millisecond,
		"the first tab is complete once drawn, though the other tab still loads")
	close(otherDone)
	wait(t, u)
	draw()
	assert.Equal(t, 1, count(), "reported once")
	mu.Lock()
	defer mu.Unlock()
	assert.Positive(t, shown[0])
}
