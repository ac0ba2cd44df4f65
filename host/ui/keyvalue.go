package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openml-dash/openml-dash/sdk"
)

// maxKeyValueRows bounds the tables drawn whole, as a grid of labels: a
// larger one goes to widget.Table, which builds only the visible rows.
const maxKeyValueRows = 200

// isKeyValue reports whether t is a field/value listing (a description's
// facts, a run's settings): two columns, nothing to select, sort or
// filter. Such a table is drawn whole, with long values wrapped and web
// addresses as links, and scrolls with the page rather than inside itself.
func isKeyValue(t *sdk.Table) bool {
	return len(t.Columns) == 2 && t.Selection == sdk.SelectNone && !t.Sortable && !t.Filterable &&
		len(t.Rows) <= maxKeyValueRows
}

// newKeyValueTable draws t as a two-column grid: a bold header, the keys
// at their natural width (capped) and the values wrapped in the rest.
func newKeyValueTable(e env, t *sdk.Table) fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, 0, 2*len(t.Rows)+2)
	size, inset := theme.TextSize(), 2*theme.InnerPadding()
	bold := fyne.TextStyle{Bold: true}
	keyW := fyne.MeasureText(t.Columns[0].Title, size, bold).Width + inset
	for _, c := range t.Columns {
		objs = append(objs, widget.NewLabelWithStyle(c.Title, fyne.TextAlignLeading, bold))
	}
	for _, row := range t.Rows {
		for col := range 2 {
			cell := sdk.MissingCell(t.Columns[col].Type)
			if col < len(row.Cells) {
				cell = row.Cells[col]
			}
			if col == 0 {
				keyW = max(keyW, fyne.MeasureText(formatCell(cell), size, fyne.TextStyle{Bold: row.Emphasis}).Width+inset)
			}
			objs = append(objs, keyValueCell(e, cell, row.Emphasis))
		}
	}
	grid := container.New(keyValueLayout{keyWidth: min(keyW, maxColumnWidth)}, objs...)
	// A right click copies the table as text. The area holds the grid
	// rather than lying over it, so that its links take clicks.
	return newMenuArea(grid, func(ev *fyne.PointEvent) {
		c := fyne.CurrentApp().Driver().CanvasForObject(grid)
		if c == nil {
			return
		}
		widget.ShowPopUpMenuAtPosition(fyne.NewMenu("",
			fyne.NewMenuItem("Copy table", func() { fyne.CurrentApp().Clipboard().SetContent(keyValueText(t)) }),
		), c, ev.AbsolutePosition)
	})
}

// menuArea shows content and opens a menu on a secondary tap (right
// click) that nothing inside it takes.
type menuArea struct {
	widget.BaseWidget
	content fyne.CanvasObject
	menu    func(*fyne.PointEvent)
}

func newMenuArea(content fyne.CanvasObject, menu func(*fyne.PointEvent)) *menuArea {
	a := &menuArea{content: content, menu: menu}
	a.ExtendBaseWidget(a)
	return a
}

func (a *menuArea) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(a.content)
}

func (a *menuArea) TappedSecondary(ev *fyne.PointEvent) { a.menu(ev) }

// keyValueText is the table as lines of "key<TAB>value".
func keyValueText(t *sdk.Table) string {
	var b strings.Builder
	for _, row := range t.Rows {
		for col := range 2 {
			if col > 0 {
				b.WriteByte('\t')
			}
			if col < len(row.Cells) {
				b.WriteString(exportCell(row.Cells[col]))
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// keyValueCell is one cell: a link or a label, wrapped to its column, on
// the cell's missing-value shading.
func keyValueCell(e env, c sdk.Cell, bold bool) fyne.CanvasObject {
	text := formatCell(c)
	style := fyne.TextStyle{Bold: bold}
	var o fyne.CanvasObject
	if tapped, web := cellLink(e, c); tapped != nil || web != nil {
		l := widget.NewHyperlinkWithStyle(text, web, fyne.TextAlignLeading, style)
		l.OnTapped = tapped
		l.Wrapping = fyne.TextWrapBreak // addresses have no spaces to wrap at
		o = l
	} else {
		align := fyne.TextAlignLeading
		if c.Type == sdk.CellNumber && !c.Missing {
			align = fyne.TextAlignTrailing
		}
		l := widget.NewLabelWithStyle(text, align, style)
		l.Wrapping = fyne.TextWrapWord
		o = l
	}
	if c.StyleLevel > 0 {
		bg := canvas.NewRectangle(shade(theme.Color(theme.ColorNameError), c.StyleLevel))
		return container.NewStack(bg, o)
	}
	return o
}

// keyValueLayout places objects as rows of two: the first column
// keyWidth wide (its widest text, measured when built), the second taking
// the rest, each row as tall as its taller cell at those widths, so that
// wrapped values push the rows below down.
type keyValueLayout struct{ keyWidth float32 }

func (l keyValueLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	h := float32(0)
	valueW := float32(minColumnWidth)
	for i := 0; i+1 < len(objs); i += 2 {
		h += max(objs[i].MinSize().Height, objs[i+1].MinSize().Height)
		if i > 0 {
			h += pad
		}
	}
	return fyne.NewSize(l.keyWidth+pad+valueW, h)
}

func (l keyValueLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	kw := l.keyWidth
	vw := max(size.Width-kw-pad, minColumnWidth)
	y := float32(0)
	for i := 0; i+1 < len(objs); i += 2 {
		key, val := objs[i], objs[i+1]
		// Give each cell its width first: a wrapped label's height follows.
		key.Resize(fyne.NewSize(kw, key.MinSize().Height))
		val.Resize(fyne.NewSize(vw, val.MinSize().Height))
		h := max(key.MinSize().Height, val.MinSize().Height)
		key.Move(fyne.NewPos(0, y))
		key.Resize(fyne.NewSize(kw, h))
		val.Move(fyne.NewPos(kw+pad, y))
		val.Resize(fyne.NewSize(vw, h))
		y += h + pad
	}
}
