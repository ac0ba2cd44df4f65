package ui_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/session"
	"github.com/openml-dash/openml-dash/host/ui"
	"github.com/openml-dash/openml-dash/sdk"
)

// linkPage is a page titled after ref with a link to the next entity.
func linkPage(ref sdk.EntityRef) *sdk.Page {
	next := sdk.EntityRef{Server: ref.Server, Kind: sdk.KindTask, ID: ref.ID + 1}
	return &sdk.Page{
		Title: "Page " + ref.String(),
		Tabs: []sdk.Tab{
			{ID: "main", Title: "Overview", Children: []sdk.Component{
				&sdk.Heading{Text: "About " + ref.String(), Level: 1},
				&sdk.Link{Text: "Next", Ref: next},
			}},
			{ID: "more", Title: "More", Children: []sdk.Component{&sdk.Text{Markdown: "more"}}},
		},
	}
}

func linkOpener() *fakeOpener {
	return &fakeOpener{open: func(ref sdk.EntityRef) ([]session.Part, error) {
		return page(linkPage(ref), nil), nil
	}}
}

func TestUI_opensPageWithTabs(t *testing.T) {
	test.NewTempApp(t)
	op := linkOpener()
	u, _ := newUI(t, op)
	assert.Nil(t, u.Current(), "no page before the first open")

	u.OpenText("https://www.openml.org/d/61")
	wait(t, u)
	require.NotNil(t, u.Current())
	assert.Equal(t, []sdk.EntityRef{ref(sdk.KindData, 61)}, op.refs())
	assert.Equal(t, "Page d/61", u.TitleText())
	tabs, ok := u.PageArea().(*container.AppTabs)
	require.True(t, ok, "the page area shows tabs, got %T", u.PageArea())
	require.Len(t, tabs.Items, 2)
	assert.Equal(t, "Overview", tabs.Items[0].Text)
	assert.Equal(t, "More", tabs.Items[1].Text)
	assert.Contains(t, texts(tabs.Items[0].Content), "About d/61")
	assert.Equal(t, "https://www.openml.org/d/61", u.Entry().Text)
	assert.Empty(t, u.StatusError())
}

func TestUI_badURLShowsRouteErrorAndOpensNothing(t *testing.T) {
	test.NewTempApp(t)
	op := linkOpener()
	u, _ := newUI(t, op)
	u.Open(ref(sdk.KindData, 61))
	wait(t, u)
	before := u.Current()

	u.Entry().SetText("https://www.openml.org/nonsense/abc")
	u.Entry().OnSubmitted(u.Entry().Text) // Enter
	wait(t, u)

	assert.True(t, u.URLError().Visible(), "the error shows under the URL bar")
	msg := u.URLError().Text
	assert.Contains(t, msg, "d/61", "route's message names a form that works")
	assert.Equal(t, msg, u.StatusError(), "and in the status line")
	assert.Equal(t, []sdk.EntityRef{ref(sdk.KindData, 61)}, op.refs(), "the opener was not called again")
	assert.Same(t, before, u.Current(), "the page stays")
	assert.Equal(t, "Page d/61", u.TitleText())

	u.OpenText("d/62") // a good one clears the error
	wait(t, u)
	assert.False(t, u.URLError().Visible())
	assert.Empty(t, u.StatusError())
}

func TestUI_openerErrorShowsPanel(t *testing.T) {
	test.NewTempApp(t)
	op := &fakeOpener{open: func(sdk.EntityRef) ([]session.Part, error) {
		return nil, errors.New("cannot open d/61: no plugin shows data pages")
	}}
	u, w := newUI(t, op)
	u.Open(ref(sdk.KindData, 61))
	wait(t, u)
	assert.Nil(t, u.Current())
	shown := strings.Join(texts(u.PageArea()), "\n")
	assert.Contains(t, shown, "No plugin shows data pages", "the reason, as a sentence")
	assert.Contains(t, shown, "https://www.openml.org/d/61", "the URL tried")
	assert.Equal(t, "Could not open d/61", u.TitleText())
	assert.Contains(t, w.Title(), "Could not open d/61")
	said := strings.ToLower(shown + "\n" + u.TitleText() + "\n" + u.StatusError())
	assert.Equal(t, 1, strings.Count(said, "could not open")+strings.Count(said, "cannot open"), "one cause, said once: %q", said)
	assert.Equal(t, 1, strings.Count(said, "no plugin shows data pages"), "each fact once: %q", said)

	var retry *widget.Button
	for _, b := range all[*widget.Button](u.PageArea()) {
		if b.Text == "Try again" {
			retry = b
		}
	}
	require.NotNil(t, retry)
	test.Tap(retry)
	wait(t, u)
	assert.Len(t, op.refs(), 2, "try again opens the same page again")
}

func TestUI_linkOpensThroughOpenerAndBackReturns(t *testing.T) {
	test.NewTempApp(t)
	op := linkOpener()
	u, _ := newUI(t, op)
	assert.True(t, u.BackButton().Disabled())
	u.Open(ref(sdk.KindData, 61))
	wait(t, u)

	link := one[*widget.Hyperlink](t, u.PageArea().(*container.AppTabs).Items[0].Content)
	test.TapAt(link, fyne.NewPos(10, link.Size().Height/2))
	wait(t, u)
	assert.Equal(t, []sdk.EntityRef{ref(sdk.KindData, 61), ref(sdk.KindTask, 62)}, op.refs())
	assert.Equal(t, "Page t/62", u.TitleText())
	assert.Equal(t, ref(sdk.KindTask, 62), u.Current().Ref())

	assert.False(t, u.BackButton().Disabled())
	test.Tap(u.BackButton())
	wait(t, u)
	assert.Equal(t, ref(sdk.KindData, 61), u.Current().Ref())
	assert.Equal(t, "Page d/61", u.TitleText())
	assert.True(t, u.BackButton().Disabled(), "back at the first page")
}

func TestUI_openClosesPreviousSession(t *testing.T) {
	test.NewTempApp(t)
	u, _ := newUI(t, linkOpener())
	u.Open(ref(sdk.KindData, 61))
	wait(t, u)
	first := u.Current()
	u.Open(ref(sdk.KindData, 62))
	wait(t, u)
	assert.ErrorIs(t, first.Wait(context.Background()), session.ErrClosed)
}

// selectionPage has a table whose selection a callback describes in a slot.
func selectionPage() *sdk.Page {
	tbl := &sdk.Table{ID: "runs", Selection: sdk.SelectMulti, Sortable: true,
		Columns: []sdk.Column{{Title: "Run"}, {Title: "Accuracy", Type: sdk.CellNumber}}}
	for i, acc := range []float64{0.91, 0.95, 0.87} {
		tbl.Rows = append(tbl.Rows, sdk.Row{Cells: []sdk.Cell{sdk.TextCell(fmt.Sprintf("run %d", i)), sdk.NumberCell(acc)}})
	}
	return &sdk.Page{
		Title: "Runs",
		Tabs: []sdk.Tab{{Title: "Runs", Children: []sdk.Component{
			tbl,
			&sdk.Slot{ID: "detail", Children: []sdk.Component{&sdk.Text{Markdown: "loading"}}},
		}}},
		Callbacks: []sdk.Callback{{
			ID:      "describe",
			Inputs:  []sdk.PropRef{sdk.Input("runs", sdk.PropSelectedRows)},
			Outputs: []sdk.PropRef{sdk.Output("detail", sdk.PropChildren)},
		}},
	}
}

func describeSelection(_ context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	rows := req.Value(sdk.Input("runs", sdk.PropSelectedRows)).Ints()
	return sdk.NewPatch().Fill("detail", &sdk.Text{Markdown: fmt.Sprintf("selected %v", rows)}), nil
}

func TestUI_tableTapFiresCallbackAndSlotRerenders(t *testing.T) {
	test.NewTempApp(t)
	var calls []*sdk.CallbackRequest
	op := &fakeOpener{open: func(sdk.EntityRef) ([]session.Part, error) {
		return page(selectionPage(), func(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
			calls = append(calls, req) // one at a time: the callback waits for the last
			return describeSelection(ctx, req)
		}), nil
	}}
	u, _ := newUI(t, op)
	u.Open(ref(sdk.KindRun, 1))
	wait(t, u)
	content := u.PageArea().(*container.AppTabs).Items[0].Content
	assert.Contains(t, texts(content), "selected []", "the initial call filled the slot")

	tv := one[*ui.TableView](t, content)
	tv.SortBy(1) // by accuracy: run 2, run 0, run 1
	tv.Table().Select(widget.TableCellID{Row: 2, Col: 1})
	wait(t, u)
	require.Len(t, calls, 2)
	assert.Equal(t, []sdk.PropRef{sdk.Input("runs", sdk.PropSelectedRows)}, calls[1].Triggered)
	assert.Equal(t, []int64{1}, calls[1].Inputs[0].Value.Ints(), "display row 2 is run 1")
	assert.Contains(t, texts(content), "selected [1]", "the slot shows the callback's new children")
	assert.NotContains(t, texts(content), "selected []")
	assert.Empty(t, u.BusyText())
}

func TestUI_callbackErrorShowsInStatusAndSlot(t *testing.T) {
	test.NewTempApp(t)
	op := &fakeOpener{open: func(sdk.EntityRef) ([]session.Part, error) {
		return page(selectionPage(), func(context.Context, *sdk.CallbackRequest) (*sdk.Patch, error) {
			return nil, errors.New("plugin exploded")
		}), nil
	}}
	u, _ := newUI(t, op)
	u.Open(ref(sdk.KindRun, 1))
	wait(t, u)
	assert.Contains(t, u.StatusError(), "plugin exploded")
	content := u.PageArea().(*container.AppTabs).Items[0].Content
	assert.Contains(t, strings.Join(texts(content), "\n"), "plugin exploded", "the slot shows the session's error notice")
}

func TestUI_inputsReachSession(t *testing.T) {
	test.NewTempApp(t)
	p := &sdk.Page{
		Tabs: []sdk.Tab{{Title: "Plot", Children: []sdk.Component{
			&sdk.Select{ID: "x", Options: sdk.Options("a", "b"), Values: []string{"a"}},
			&sdk.Slot{ID: "out"},
		}}},
		Callbacks: []sdk.Callback{{ID: "show", Inputs: []sdk.PropRef{sdk.Input("x", sdk.PropValue)}, Outputs: []sdk.PropRef{sdk.Output("out", sdk.PropChildren)}}},
	}
	op := &fakeOpener{open: func(sdk.EntityRef) ([]session.Part, error) {
		return page(p, func(_ context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
			return sdk.NewPatch().Fill("out", &sdk.Heading{Text: "x is " + req.Inputs[0].Value.Str()}), nil
		}), nil
	}}
	u, _ := newUI(t, op)
	u.Open(ref(sdk.KindData, 5))
	wait(t, u)
	content := u.PageArea().(*container.AppTabs).Items[0].Content
	assert.Contains(t, texts(content), "x is a")
	one[*widget.Select](t, content).SetSelected("b")
	wait(t, u)
	assert.Contains(t, texts(content), "x is b")
	assert.Equal(t, "d/5", u.TitleText(), "a page without a title is named by its ref")
}

func TestUI_progress(t *testing.T) {
	test.NewTempApp(t)
	u, _ := newUI(t, linkOpener())
	u.SetProgress(ui.Progress{Label: "Downloading iris.arff", Done: 25, Total: 100})
	shown, v := u.ProgressShown()
	assert.True(t, shown)
	assert.InDelta(t, 0.25, v, 1e-9)
	assert.Equal(t, "Downloading iris.arff", u.StatusActivity())

	u.SetProgress(ui.Progress{Label: "Parsing", Done: 3, Total: -1})
	shown, _ = u.ProgressShown()
	assert.False(t, shown, "no bar when the total is unknown")
	assert.Contains(t, u.StatusActivity(), "Parsing")

	u.SetProgress(ui.Progress{Label: "Downloading iris.arff", Done: 100, Total: 100})
	shown, _ = u.ProgressShown()
	assert.False(t, shown, "finished work hides the bar")
	assert.Empty(t, u.StatusActivity())
}

// Reports of parallel work can arrive out of order: "2 of 3" just after
// "3 of 3" does not bring the bar back; the same work started again a
// moment later does.
func TestUI_progressOutOfOrder(t *testing.T) {
	test.NewTempApp(t)
	u, _ := newUI(t, linkOpener())
	u.SetProgress(ui.Progress{Label: "Loading tasks", Done: 3, Total: 3})
	u.SetProgress(ui.Progress{Label: "Loading tasks", Done: 2, Total: 3})
	shown, _ := u.ProgressShown()
	assert.False(t, shown, "an overtaken report is dropped")
	assert.Empty(t, u.StatusActivity())

	time.Sleep(600 * time.Millisecond)
	u.SetProgress(ui.Progress{Label: "Loading tasks", Done: 1, Total: 3})
	shown, v := u.ProgressShown()
	assert.True(t, shown, "the same work started again shows")
	assert.InDelta(t, 1.0/3, v, 1e-9)
}

// The loading panel's animation stops once the page replaces it: left
// running, it repainted the real window every frame, half a core while
// the user only read the page.
func TestUI_loadingAnimationStops(t *testing.T) {
	test.NewTempApp(t)
	release := make(chan struct{})
	op := &fakeOpener{open: func(ref sdk.EntityRef) ([]session.Part, error) {
		<-release
		return page(linkPage(ref), nil), nil
	}}
	u, _ := newUI(t, op)
	u.Open(ref(sdk.KindData, 61))
	var bar *widget.ProgressBarInfinite
	require.Eventually(t, func() bool {
		var found []*widget.ProgressBarInfinite
		fyne.DoAndWait(func() { found = all[*widget.ProgressBarInfinite](u.PageArea()) })
		if len(found) == 1 {
			bar = found[0]
		}
		return bar != nil
	}, 5*time.Second, 10*time.Millisecond, "the loading panel shows while the page opens")
	assert.True(t, bar.Running())
	close(release)
	wait(t, u)
	assert.False(t, bar.Running(), "the page replaced the panel, and its animation stopped")
}

// lateOpener opens pages whose second part is still pending; the test
// brings it with Arrive on the session it keeps.
type lateOpener struct{ sess chan *session.Session }

func (o *lateOpener) Open(_ context.Context, ref sdk.EntityRef, onChange func(session.Change)) (*session.Session, error) {
	s := session.New(ref, []session.Part{
		{Plugin: "fake", Page: linkPage(ref)},
		{Plugin: "late", Pending: true},
	}, session.Options{OnChange: onChange})
	o.sess <- s
	return s, nil
}

// TestUI_latePartAddsItsTabs: the page shows before a slow plugin's part;
// when that part arrives its tabs and notice appear, after the others,
// and the tab the user is on stays on screen.
func TestUI_latePartAddsItsTabs(t *testing.T) {
	test.NewTempApp(t)
	op := &lateOpener{sess: make(chan *session.Session, 1)}
	u, _ := newUI(t, op)
	u.OpenText("https://www.openml.org/d/61")
	sess := <-op.sess
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	require.NoError(t, u.WaitOpened(ctx))
	tabs, ok := u.PageArea().(*container.AppTabs)
	require.True(t, ok, "the page shows while a part is pending, got %T", u.PageArea())
	assert.Equal(t, 1, sess.Pending())
	fyne.DoAndWait(func() {
		require.Len(t, tabs.Items, 2)
		tabs.SelectIndex(1)
	})

	late := &sdk.Page{
		Notice: &sdk.Notice{Level: sdk.Warning, Summary: "Late news"},
		Tabs:   []sdk.Tab{{ID: "late", Title: "Missing values", Children: []sdk.Component{&sdk.Text{Markdown: "late tab"}}}},
	}
	require.NoError(t, sess.Arrive(1, late, nil))
	wait(t, u)
	fyne.DoAndWait(func() {
		var titles []string
		for _, it := range tabs.Items {
			titles = append(titles, it.Text)
		}
		assert.Equal(t, []string{"Overview", "More", "Missing values"}, titles)
		assert.Equal(t, "More", tabs.Selected().Text, "the tab shown stays")
		tabs.SelectIndex(2)
		assert.Contains(t, texts(tabs.Items[2].Content), "late tab")
		assert.Contains(t, texts(u.PageArea()), "Late news", "the late part's notice is shown above the tabs")
	})
}
