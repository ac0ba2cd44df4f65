package ui_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/session"
	"github.com/openml-dash/openml-dash/host/ui"
	"github.com/openml-dash/openml-dash/sdk"
)

// newUIWith is newUI with options.
func newUIWith(t *testing.T, opener ui.Opener, opts ui.Options) (*ui.UI, fyne.Window) {
	t.Helper()
	w := test.NewTempWindow(t, widget.NewLabel(""))
	u := ui.New(w, opener, opts)
	w.Resize(fyne.NewSize(900, 700))
	return u, w
}

// The window's title is the page's, so the task bar names the page.
func TestUI_windowTitleIsPageTitle(t *testing.T) {
	test.NewTempApp(t)
	u, w := newUI(t, linkOpener())
	u.Open(ref(sdk.KindData, 61))
	wait(t, u)
	assert.Equal(t, "Page d/61 — openml-dash", w.Title())
}

// Back and Forward walk the pages as a browser does; a new page drops
// what Forward held.
func TestUI_backAndForward(t *testing.T) {
	test.NewTempApp(t)
	u, _ := newUI(t, linkOpener())
	for _, id := range []int64{1, 2, 3} {
		u.Open(ref(sdk.KindData, id))
		wait(t, u)
	}
	assert.True(t, u.ForwardButton().Disabled())
	u.Back()
	wait(t, u)
	u.Back()
	wait(t, u)
	assert.Equal(t, ref(sdk.KindData, 1), u.Current().Ref())
	assert.True(t, u.BackButton().Disabled())
	assert.False(t, u.ForwardButton().Disabled())

	test.Tap(u.ForwardButton())
	wait(t, u)
	assert.Equal(t, ref(sdk.KindData, 2), u.Current().Ref())
	u.MenuItem("Go", "Forward").Action()
	wait(t, u)
	assert.Equal(t, ref(sdk.KindData, 3), u.Current().Ref())
	assert.True(t, u.ForwardButton().Disabled())

	u.Back()
	wait(t, u)
	u.Open(ref(sdk.KindData, 9))
	wait(t, u)
	assert.True(t, u.ForwardButton().Disabled(), "a new page drops the forward history")
	u.Back()
	wait(t, u)
	assert.Equal(t, ref(sdk.KindData, 2), u.Current().Ref())
}

// History, the last page and the window's size survive a restart; with no
// URL the app reopens the last page, and the demo on first start.
func TestUI_historyKeptAcrossRestarts(t *testing.T) {
	a := test.NewTempApp(t)
	prefs := a.Preferences()
	op := linkOpener()
	u, _ := newUIWith(t, op, ui.Options{Prefs: prefs})
	u.OpenStart("")
	wait(t, u)
	assert.Equal(t, "demo", u.Current().Ref().Server, "the demo on first start")
	u.Open(ref(sdk.KindData, 61))
	wait(t, u)
	u.Open(ref(sdk.KindTask, 59))
	wait(t, u)
	u.SaveWindowState()

	u2, w2 := newUIWith(t, op, ui.Options{Prefs: prefs})
	u2.OpenStart("")
	wait(t, u2)
	assert.Equal(t, ref(sdk.KindTask, 59), u2.Current().Ref(), "the last page reopens")
	assert.Equal(t, []string{"https://www.openml.org/t/59", "https://www.openml.org/d/61", "demo/d/1"}, u2.RecentMenu())
	assert.False(t, u2.BackButton().Disabled())
	u2.Back()
	wait(t, u2)
	assert.Equal(t, ref(sdk.KindData, 61), u2.Current().Ref(), "Back works after a restart")
	_ = w2

	u3, _ := newUIWith(t, op, ui.Options{Prefs: prefs})
	u3.OpenStart("r/7")
	wait(t, u3)
	assert.Equal(t, ref(sdk.KindRun, 7), u3.Current().Ref(), "a URL given wins over the last page")
}

// Menu items carry the shortcuts the issue names, and do what they say.
func TestUI_menuShortcuts(t *testing.T) {
	test.NewTempApp(t)
	op := linkOpener()
	u, w := newUI(t, op)
	u.Open(ref(sdk.KindData, 61))
	wait(t, u)

	cases := map[string]struct{ top, label, keys string }{
		"url":     {"File", "Open URL…", "L"},
		"file":    {"File", "Open data file…", "O"},
		"save":    {"File", "Save page to folder…", "S"},
		"close":   {"File", "Close window", "W"},
		"quit":    {"File", "Quit", "Q"},
		"find":    {"Edit", "Find in table", "F"},
		"reload":  {"Go", "Reload", "R"},
		"back":    {"Go", "Back", "Left"},
		"forward": {"Go", "Forward", "Right"},
		"larger":  {"View", "Larger text", "="},
	}
	for name, tc := range cases {
		it := u.MenuItem(tc.top, tc.label)
		require.NotNil(t, it, name)
		require.NotNil(t, it.Shortcut, name)
		assert.Contains(t, it.Shortcut.ShortcutName(), tc.keys, name)
	}

	u.MenuItem("File", "Open URL…").Action()
	assert.Equal(t, u.Entry(), u.Focused(), "Ctrl+L focuses the URL bar")

	u.MenuItem("Go", "Reload").Action()
	wait(t, u)
	assert.Equal(t, []sdk.EntityRef{ref(sdk.KindData, 61), ref(sdk.KindData, 61)}, op.refs(), "Ctrl+R opens the page again")
	w.Canvas().Unfocus()
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF5})
	wait(t, u)
	assert.Len(t, op.refs(), 3, "F5 reloads too")
}

// The View menu switches between light and dark and steps the text size.
func TestUI_themeAndTextSize(t *testing.T) {
	a := test.NewTempApp(t)
	u, _ := newUIWith(t, linkOpener(), ui.Options{Prefs: a.Preferences()})
	luma := func() uint32 {
		r, g, b, _ := a.Settings().Theme().Color(theme.ColorNameBackground, a.Settings().ThemeVariant()).RGBA()
		return (299*r + 587*g + 114*b) / 1000
	}
	u.MenuItem("View", "Dark theme").Action()
	assert.Less(t, luma(), uint32(0x4000), "dark")
	assert.True(t, u.MenuItem("View", "Dark theme").Checked)
	u.MenuItem("View", "Light theme").Action()
	assert.Greater(t, luma(), uint32(0xc000), "light")
	assert.Equal(t, "light", a.Preferences().String("theme.variant"), "kept for the next run")

	base := a.Settings().Theme().Size(theme.SizeNameText)
	u.MenuItem("View", "Larger text").Action()
	assert.Greater(t, a.Settings().Theme().Size(theme.SizeNameText), base)
	u.MenuItem("View", "Normal text size").Action()
	assert.Equal(t, base, a.Settings().Theme().Size(theme.SizeNameText))
}

// tablePage is a page with a selectable, filterable table of n rows and a
// text below it.
func tablePage(n int) *sdk.Page {
	tbl := &sdk.Table{ID: "t", Selection: sdk.SelectMulti, Filterable: true, Columns: []sdk.Column{
		{Title: "name", Type: sdk.CellText}, {Title: "value", Type: sdk.CellNumber},
	}}
	for i := range n {
		tbl.Rows = append(tbl.Rows, sdk.Row{Cells: []sdk.Cell{sdk.TextCell(fmt.Sprintf("f%d", i)), sdk.NumberCell(float64(i) + 0.125)}})
	}
	return &sdk.Page{Title: "Tables", Tabs: []sdk.Tab{{ID: "a", Title: "A", Children: []sdk.Component{
		&sdk.Heading{Text: "Above", Level: 2}, tbl, &sdk.Text{Markdown: "Below the table"},
	}}}}
}

// Ctrl+C copies the selected rows as tab-separated text with the header;
// Ctrl+F focuses the tab's table filter.
func TestUI_copyRowsAndFindInTable(t *testing.T) {
	test.NewTempApp(t)
	op := &fakeOpener{open: func(sdk.EntityRef) ([]session.Part, error) { return page(tablePage(30), nil), nil }}
	u, _ := newUI(t, op)
	u.Open(ref(sdk.KindData, 1))
	wait(t, u)
	tv := one[*ui.TableView](t, u.PageArea())
	tv.Table().OnSelected(widget.TableCellID{Row: 2, Col: 1})
	tv.Table().OnSelected(widget.TableCellID{Row: 0, Col: 1})
	u.MenuItem("Edit", "Copy selected table rows").Action() // what Ctrl+C does outside a text field
	assert.Equal(t, "name\tvalue\nf0\t0.125\nf2\t2.125\n", fyne.CurrentApp().Clipboard().Content())

	u.MenuItem("Edit", "Find in table").Action()
	entry, ok := u.Focused().(*widget.Entry)
	require.True(t, ok, "Ctrl+F focuses an entry, got %T", u.Focused())
	assert.Contains(t, entry.PlaceHolder, "Filter")
}

// A table is as tall as its rows up to a cap, so a short one never
// scrolls inside the page; the wheel over a table scrolls it while it
// can, then the page.
func TestTable_heightAndWheel(t *testing.T) {
	test.NewTempApp(t)
	for _, n := range []int{3, 15} {
		op := &fakeOpener{open: func(sdk.EntityRef) ([]session.Part, error) { return page(tablePage(n), nil), nil }}
		u, _ := newUI(t, op)
		u.Open(ref(sdk.KindData, 1))
		wait(t, u)
		inner := one[*ui.TableView](t, u.PageArea()).InnerScroll()
		require.NotNil(t, inner)
		assert.LessOrEqual(t, inner.Content.MinSize().Height, inner.Size().Height+0.5, "%d rows show without scrolling", n)
	}

	op := &fakeOpener{open: func(sdk.EntityRef) ([]session.Part, error) { return page(tablePage(60), nil), nil }}
	u, w := newUI(t, op)
	w.Resize(fyne.NewSize(700, 500))
	u.Open(ref(sdk.KindData, 1))
	wait(t, u)
	tabs := u.PageArea().(*container.AppTabs)
	pageScroll := tabs.Items[0].Content.(*container.Scroll)
	inner := one[*ui.TableView](t, u.PageArea()).InnerScroll()
	relay := one[*ui.WheelRelay](t, u.PageArea())
	down := &fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -200)}
	relay.Scrolled(down)
	assert.Positive(t, inner.Offset.Y, "the table scrolls first")
	assert.Zero(t, pageScroll.Offset.Y)
	for range 30 {
		relay.Scrolled(down)
	}
	assert.InDelta(t, inner.Content.Size().Height-inner.Size().Height, inner.Offset.Y, 1, "the table reached its end")
	assert.Positive(t, pageScroll.Offset.Y, "then the page scrolls")
}

// A field/value table is drawn whole: long values wrap inside the window,
// web addresses and entity links are links, and it copies as text.
func TestTable_keyValue(t *testing.T) {
	test.NewTempApp(t)
	long := strings.Repeat("a long description that goes on ", 12)
	tbl := &sdk.Table{ID: "facts", Columns: []sdk.Column{{Title: "Field"}, {Title: "Value"}}, Rows: []sdk.Row{
		{Cells: []sdk.Cell{sdk.TextCell("Description"), sdk.TextCell(long)}},
		{Cells: []sdk.Cell{sdk.TextCell("Paper"), sdk.TextCell("https://doi.org/10.1007/s10994-013-5415-4")}},
		{Cells: []sdk.Cell{sdk.TextCell("Task"), sdk.LinkCell("Task 59", ref(sdk.KindTask, 59))}},
	}}
	var opened []sdk.EntityRef
	r := ui.Render(tbl, nil, func(r sdk.EntityRef) { opened = append(opened, r) })
	w := show(t, r.Object, 500, 600)
	assert.Empty(t, all[*ui.TableView](r.Object), "not a scrolling table")
	assert.LessOrEqual(t, r.Object.Size().Width, float32(500))

	var desc *widget.Label
	for _, l := range all[*widget.Label](r.Object) {
		if l.Text == long {
			desc = l
		}
	}
	require.NotNil(t, desc)
	assert.Greater(t, desc.Size().Height, 3*widget.NewLabel("x").MinSize().Height, "the long value wraps onto lines")

	links := all[*widget.Hyperlink](r.Object)
	require.Len(t, links, 2)
	assert.Equal(t, "doi.org", links[0].URL.Host, "a web address opens in the browser")
	test.TapAt(links[1], fyne.NewPos(10, links[1].Size().Height/2))
	assert.Equal(t, []sdk.EntityRef{ref(sdk.KindTask, 59)}, opened)
	_ = w
	assert.Equal(t, "Description\t"+long+"\nPaper\thttps://doi.org/10.1007/s10994-013-5415-4\nTask\tTask 59\n", ui.KeyValueText(tbl))
}

// A page's own notice shows once, above its tabs.
func TestUI_pageNoticeAboveTabs(t *testing.T) {
	test.NewTempApp(t)
	op := &fakeOpener{open: func(r sdk.EntityRef) ([]session.Part, error) {
		p := linkPage(r)
		p.Notice = &sdk.Notice{Level: sdk.Error, Summary: "The file could not be read", Detail: "line 5, column 1: expected a number"}
		return page(p, nil), nil
	}}
	u, _ := newUI(t, op)
	u.Open(ref(sdk.KindData, 1))
	wait(t, u)
	shown := strings.Join(texts(u.PageArea()), "\n")
	assert.Equal(t, 1, strings.Count(shown, "The file could not be read"))
	assert.Contains(t, shown, "line 5, column 1")
	tabs := one[*container.AppTabs](t, u.PageArea())
	assert.NotContains(t, strings.Join(texts(tabs), "\n"), "could not be read", "not inside a tab")
}

// The window's size is remembered a moment after the user changes it, not
// only when the app stops: a killed app, or preferences not written on the
// way out, keep it too.
func TestUI_windowSizeRememberedWhenChanged(t *testing.T) {
	a := test.NewTempApp(t)
	prefs := a.Preferences()
	_, w := newUIWith(t, linkOpener(), ui.Options{Prefs: prefs})
	w.Resize(fyne.NewSize(640, 480))
	assert.Eventually(t, func() bool {
		return prefs.Float("window.width") == 640 && prefs.Float("window.height") == 480
	}, 5*time.Second, 20*time.Millisecond, "remembered without SaveWindowState")
}
