package ui

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/session"
	"github.com/openml-dash/openml-dash/sdk"
)

// A part that arrived before the page was drawn is drawn with it; the
// report of its arrival, handled later, must not add its tabs again.
func TestPageView_arrivalAlreadyShown(t *testing.T) {
	test.NewTempApp(t)
	tab := func(id string) *sdk.Page {
		return &sdk.Page{Tabs: []sdk.Tab{{ID: id, Title: id, Children: []sdk.Component{&sdk.Text{Markdown: id}}}}}
	}
	s := session.New(sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindData, ID: 1}, []session.Part{
		{Plugin: "core", Page: tab("core")},
		{Plugin: "late", Pending: true},
	}, session.Options{})
	t.Cleanup(s.Close)
	require.NoError(t, s.Arrive(1, tab("late"), nil))
	v := newPageView(s, nil, nil)
	require.Len(t, v.tabs.Items, 2)
	v.apply(session.Change{Part: 1, Arrived: true})
	assert.Len(t, v.tabs.Items, 2)
	assert.Len(t, v.states, 2)
	assert.Equal(t, []int{0, 1}, []int{v.states[0].part, v.states[1].part})
}

// PageSaver draws a tab as soon as nothing running can change it, and
// page.json and the rest when the page is done; the files are those
// SavePage writes.
func TestPageSaver_drawsSettledTabsFirst(t *testing.T) {
	test.NewTempApp(t)
	release := make(chan struct{})
	caller := session.CallerFunc(func(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
		select {
		case <-release:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		return sdk.NewPatch().Fill("slow", &sdk.Text{Markdown: "computed"}), nil
	})
	s := session.New(sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindData, ID: 1}, []session.Part{{Plugin: "core", Caller: caller, Page: &sdk.Page{
		Title: "T",
		Tabs: []sdk.Tab{
			{ID: "quick", Title: "Quick", Children: []sdk.Component{&sdk.Text{Markdown: "ready"}}},
			{ID: "slow", Title: "Slow", Children: []sdk.Component{&sdk.Radio{ID: "in", Options: sdk.Options("a"), Value: "a"}, &sdk.Slot{ID: "slow"}}},
		},
		Callbacks: []sdk.Callback{{ID: "c", Inputs: []sdk.PropRef{sdk.Input("in", sdk.PropValue)}, Outputs: []sdk.PropRef{sdk.Output("slow", sdk.PropChildren)}}},
	}}}, session.Options{})
	t.Cleanup(s.Close)
	s.Start(t.Context())
	dir := t.TempDir()
	// As the window saves: each tab drawn on Fyne's goroutine.
	onMain := 0
	ps, err := NewPageSaver(s, dir, SaveOptions{Size: fyne.NewSize(300, 200), OnMain: func(f func()) { onMain++; fyne.DoAndWait(f) }})
	require.NoError(t, err)
	require.NoError(t, ps.DrawSettled())
	assert.Equal(t, map[int]bool{0: true}, ps.drawn, "the quick tab is drawn, the slow one waits for its callback")
	assert.Equal(t, 1, onMain, "the quick tab is drawn through OnMain")
	onMain = 0

	close(release)
	require.NoError(t, s.Wait(t.Context()))
	// As render does: the page is whole, so page.json is written from
	// another goroutine while the last tabs are still to be drawn.
	go ps.Whole()
	require.Eventually(t, func() bool {
		_, err := os.Stat(filepath.Join(dir, "page.json"))
		return err == nil
	}, 10*time.Second, time.Millisecond, "Whole writes page.json before Finish")
	assert.False(t, ps.drawn[1], "the slow tab is not drawn yet")
	saved, err := ps.Finish()
	require.NoError(t, err)
	assert.Equal(t, SavedPage{Title: "T", Tabs: 2}, saved)
	assert.Equal(t, 1, onMain, "the slow tab, drawn by Finish, is drawn through OnMain too")
	for _, f := range []string{"page.json", "tab-1-quick.png", "tab-2-slow.png"} {
		assert.FileExists(t, filepath.Join(dir, f))
	}
	js, err := os.ReadFile(filepath.Join(dir, "page.json"))
	require.NoError(t, err)
	assert.Contains(t, string(js), "computed", "page.json has the finished page")
}
