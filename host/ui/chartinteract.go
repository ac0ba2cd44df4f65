package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openml-dash/openml-dash/host/chart"
	"github.com/openml-dash/openml-dash/sdk"
)

var (
	_ desktop.Hoverable      = (*ChartView)(nil)
	_ desktop.Cursorable     = (*ChartView)(nil)
	_ fyne.Tappable          = (*ChartView)(nil)
	_ fyne.SecondaryTappable = (*ChartView)(nil)
)

// pixel maps a position in the widget to a pixel of the drawn image, at
// the pixels per unit it was drawn with.
func (v *ChartView) pixel(pos fyne.Position) (int, int) {
	scale := v.drawnOpts().Scale
	if scale <= 0 {
		scale = 1
	}
	return int(pos.X * scale), int(pos.Y * scale)
}

// hit is the point under pos in the image last drawn.
func (v *ChartView) hit(pos fyne.Position) (chart.Hit, bool) {
	drawn := v.drawnOpts()
	if v.spec == nil || drawn.Width == 0 {
		return chart.Hit{}, false
	}
	x, y := v.pixel(pos)
	return chart.HitTest(v.spec, drawn, x, y)
}

// MouseIn is called by Fyne when the pointer enters the chart.
func (v *ChartView) MouseIn(ev *desktop.MouseEvent) { v.hover(ev.Position) }

// MouseMoved is called by Fyne as the pointer moves over the chart.
func (v *ChartView) MouseMoved(ev *desktop.MouseEvent) { v.hover(ev.Position) }

// MouseOut is called by Fyne when the pointer leaves the chart.
func (v *ChartView) MouseOut() {
	v.pointing = nil
	v.showTip("", fyne.Position{})
}

func (v *ChartView) hover(pos fyne.Position) {
	h, ok := v.hit(pos)
	if !ok {
		v.pointing = nil
		v.showTip("", pos)
		return
	}
	v.pointing = &h
	v.showTip(describeHit(v.spec, h), pos)
}

// Cursor is the hand over a point that opens a page, else the arrow.
func (v *ChartView) Cursor() desktop.Cursor {
	if v.pointing != nil && v.pointing.Link != nil {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// Tapped opens the entity the point under the pointer links to, and
// reports the click to the page as the chart's click_data (series, index),
// which callbacks may take as an input.
func (v *ChartView) Tapped(ev *fyne.PointEvent) {
	h, ok := v.hit(ev.Position)
	if !ok {
		return
	}
	if v.onClick != nil {
		v.onClick(h)
	}
	if h.Link != nil && v.open != nil {
		v.open(*h.Link)
	}
}

// TappedSecondary offers to save the chart, as shown, as PNG or SVG.
func (v *ChartView) TappedSecondary(ev *fyne.PointEvent) {
	c := fyne.CurrentApp().Driver().CanvasForObject(v)
	if c == nil || v.spec == nil {
		return
	}
	menu := fyne.NewMenu("",
		fyne.NewMenuItem("Save chart as PNG…", func() { v.save(chart.PNG) }),
		fyne.NewMenuItem("Save chart as SVG…", func() { v.save(chart.SVG) }),
	)
	widget.ShowPopUpMenuAtPosition(menu, c, ev.AbsolutePosition)
}

// save asks where to write the chart and writes it at the size shown.
func (v *ChartView) save(f chart.Format) {
	win := windowOf(v)
	if win == nil {
		return
	}
	opts := v.drawnOpts()
	opts.Format = f
	spec := v.spec
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return // cancelled
		}
		defer w.Close()
		if err := chart.Render(spec, opts, w); err != nil {
			dialog.ShowError(fmt.Errorf("could not save the chart: %w", err), win)
		}
	}, win)
	d.SetFileName(exportName(spec, f))
	d.SetFilter(storage.NewExtensionFileFilter([]string{"." + f.String()}))
	d.Show()
}

func windowOf(o fyne.CanvasObject) fyne.Window {
	c := fyne.CurrentApp().Driver().CanvasForObject(o)
	for _, w := range fyne.CurrentApp().Driver().AllWindows() {
		if w.Canvas() == c {
			return w
		}
	}
	return nil
}

// exportName is a file name from the chart's title, else its id.
func exportName(spec *sdk.Chart, f chart.Format) string {
	name := spec.Title
	if name == "" {
		name = spec.ID
	}
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) {
			return '-'
		}
		return r
	}, strings.TrimSpace(name))
	if name == "" {
		name = "chart"
	}
	return name + "." + f.String()
}

// describeHit is the tooltip of a point: its series, label, coordinates
// (category names on categorical axes) and where a click takes the user.
func describeHit(spec *sdk.Chart, h chart.Hit) string {
	var lines []string
	if spec.Kind == sdk.ChartHeatmap {
		// A cell: its row and column by name, then its value (the cell's
		// label is that value as drawn, so it is not repeated).
		value := num(h.Value)
		if h.SeriesName != "" {
			value = h.SeriesName + ": " + value
		}
		lines = append(lines, axisText(spec.Y, h.Y), axisText(spec.X, h.X), value)
		return strings.Join(lines, "\n")
	}
	if h.SeriesName != "" {
		lines = append(lines, h.SeriesName)
	}
	if h.Label != "" {
		lines = append(lines, h.Label)
	}
	switch {
	case slices.Contains([]sdk.ChartKind{sdk.ChartBar, sdk.ChartStackedBar, sdk.ChartGroupedBar, sdk.ChartHistogram, sdk.ChartBox}, spec.Kind):
		lines = append(lines, "value: "+num(h.Value))
	case spec.Kind == sdk.ChartScatterMatrix && len(h.Dims) == 2 && max(h.Dims[0], h.Dims[1]) < len(spec.Dimensions):
		// A panel's point, on the panel's two dimensions.
		lines = append(lines, axisText(spec.Dimensions[h.Dims[0]], h.X)+", "+axisText(spec.Dimensions[h.Dims[1]], h.Y))
	default:
		lines = append(lines, axisText(spec.X, h.X)+", "+axisText(spec.Y, h.Y))
	}
	if h.Link != nil {
		lines = append(lines, "click to open "+h.Link.String())
	}
	return strings.Join(lines, "\n")
}

func axisText(a sdk.Axis, v float64) string {
	name := a.Title
	if name == "" {
		name = "value"
	}
	if i := int(v); len(a.Categories) > 0 && float64(i) == v && i >= 0 && i < len(a.Categories) {
		return name + ": " + a.Categories[i]
	}
	if a.Time {
		return name + ": " + chart.FormatTime(v)
	}
	return name + ": " + num(v)
}

func num(v float64) string { return strconv.FormatFloat(v, 'g', 6, 64) }

// tooltip is the box that follows the pointer over a chart.
type tooltip struct {
	box  *fyne.Container
	text *widget.Label
}

func newTooltip() *tooltip {
	text := widget.NewLabel("")
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.StrokeColor = theme.Color(theme.ColorNameShadow)
	bg.StrokeWidth = 1
	bg.CornerRadius = theme.InputRadiusSize()
	box := container.NewStack(bg, text)
	box.Hide()
	return &tooltip{box: box, text: text}
}

// showTip shows text near pos, kept inside the chart; "" hides it.
func (v *ChartView) showTip(text string, pos fyne.Position) {
	t := v.tip
	if t == nil {
		return
	}
	if text == "" {
		if t.box.Visible() {
			t.box.Hide()
			v.repaint(t.box)
		}
		return
	}
	t.text.SetText(text)
	size := t.box.MinSize()
	t.box.Resize(size)
	off := theme.Padding() * 3
	x, y := pos.X+off, pos.Y+off
	if x+size.Width > v.Size().Width {
		x = pos.X - off - size.Width
	}
	if y+size.Height > v.Size().Height {
		y = pos.Y - off - size.Height
	}
	t.box.Move(fyne.NewPos(max(0, x), max(0, y)))
	t.box.Show()
	t.box.Refresh()
	v.repaint(t.box)
}

// repaint has the window draw o, a part of the chart. A box that was
// hidden when the window last drew is not known to its canvas, so its own
// Refresh reaches no canvas and nothing is drawn until something else
// changes: the window showed no tooltip while the mouse rested on a point.
func (v *ChartView) repaint(o fyne.CanvasObject) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(v); c != nil {
		c.Refresh(o)
	}
}

// Dragged draws the selection box from where the drag started.
func (v *ChartView) Dragged(ev *fyne.DragEvent) {
	if v.dragFrom == nil {
		start := ev.Position.Subtract(ev.Dragged)
		v.dragFrom = &start
	}
	a, b := *v.dragFrom, ev.Position
	v.band.Move(fyne.NewPos(min(a.X, b.X), min(a.Y, b.Y)))
	v.band.Resize(fyne.NewSize(abs32(a.X-b.X), abs32(a.Y-b.Y)))
	v.band.Show()
	v.band.Refresh()
	v.repaint(v.band)
	v.showTip("", b)
}

// DragEnd selects the points inside the box (Dash's box select).
func (v *ChartView) DragEnd() {
	v.band.Hide()
	v.repaint(v.band)
	if v.dragFrom == nil {
		return
	}
	v.dragFrom = nil
	to := v.band.Position().Add(v.band.Size())
	drawn := v.drawnOpts()
	if v.spec == nil || drawn.Width == 0 || v.onSelect == nil {
		return
	}
	x0, y0 := v.pixel(v.band.Position())
	x1, y1 := v.pixel(to)
	hits, err := chart.Select(v.spec, drawn, x0, y0, x1, y1)
	if err == nil {
		v.onSelect(hits)
	}
}

func abs32(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}
