package ui_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/ui"
	"github.com/openml-dash/openml-dash/sdk"
)

// clickTarget is the object the desktop driver gives a click at pos to, by
// its rule: of the visible objects under pos that take any kind of tap
// (or focus, or raw mouse events), the last one drawn. The test driver
// taps widgets directly, so only this shows an object that lies over
// another and takes its clicks.
func clickTarget(c fyne.Canvas, pos fyne.Position) fyne.CanvasObject {
	var found fyne.CanvasObject
	var walk func(o fyne.CanvasObject, origin fyne.Position)
	walk = func(o fyne.CanvasObject, origin fyne.Position) {
		if !o.Visible() {
			return
		}
		at := origin.Add(o.Position())
		if pos.X < at.X || pos.Y < at.Y || pos.X >= at.X+o.Size().Width || pos.Y >= at.Y+o.Size().Height {
			return
		}
		switch o.(type) {
		case fyne.Tappable, fyne.SecondaryTappable, fyne.DoubleTappable, fyne.Focusable, desktop.Mouseable:
			found = o
		}
		var kids []fyne.CanvasObject
		switch o := o.(type) {
		case *fyne.Container:
			kids = o.Objects
		case fyne.Widget:
			kids = test.WidgetRenderer(o).Objects()
		}
		for _, k := range kids {
			walk(k, at)
		}
	}
	walk(c.Content(), fyne.Position{})
	return found
}

// A click on a table's row, on its header and on a field/value table's
// link reaches them in the real window: nothing lies over them taking
// clicks (a wheel relay that took right clicks once ate them all).
func TestTable_clicksReachCellsAndHeader(t *testing.T) {
	test.NewTempApp(t)
	tbl := irisTable()
	tbl.Sortable = true
	tbl.Selection = sdk.SelectMulti
	v, w := renderTable(t, tbl, &recorder{}, nil)

	cell := cellAt(t, v, "petallength")
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(cell).AddXY(5, cell.Size().Height/2)
	target := clickTarget(w.Canvas(), pos)
	require.NotNil(t, target)
	_, tappable := target.(fyne.Tappable)
	assert.True(t, tappable, "a click on a row goes to %T, which takes no left click", target)
	_, menu := target.(fyne.SecondaryTappable)
	assert.True(t, menu, "a right click on a row opens the table's menu")

	var header *widget.Button
	for _, b := range all[*widget.Button](v) {
		if b.Text == "Mean" {
			header = b
		}
	}
	require.NotNil(t, header)
	pos = fyne.CurrentApp().Driver().AbsolutePositionForObject(header).AddXY(5, 5)
	got := clickTarget(w.Canvas(), pos)
	_, relay := got.(*ui.WheelRelay)
	_, tappable = got.(fyne.Tappable)
	assert.True(t, tappable && !relay, "a click on a header sorts; it goes to %T", got)
}

func TestKeyValue_linksTakeClicks(t *testing.T) {
	test.NewTempApp(t)
	tbl := &sdk.Table{ID: "fields", Columns: []sdk.Column{{Title: "Field"}, {Title: "Value", Type: sdk.CellLink}},
		Rows: []sdk.Row{{Cells: []sdk.Cell{sdk.TextCell("Flow"), sdk.LinkCell("flow 5270", sdk.EntityRef{Kind: sdk.KindFlow, ID: 5270})}}}}
	w := show(t, ui.Render(tbl, nil, func(sdk.EntityRef) {}).Object, 600, 300)
	links := all[*widget.Hyperlink](w.Canvas().Content())
	require.NotEmpty(t, links)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(links[0]).AddXY(3, 3)
	assert.Same(t, links[0], clickTarget(w.Canvas(), pos), "a click on a field's link opens it")

}
