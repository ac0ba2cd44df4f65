package ui

import (
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openml-dash/openml-dash/host/chart"
	"github.com/openml-dash/openml-dash/sdk"
)

// chartMinSize is the least room a chart asks for: enough for axes, ticks
// and a legend to stay legible.
var chartMinSize = fyne.NewSize(400, 300)

var _ fyne.Widget = (*ChartView)(nil)

// ChartView draws an sdk.Chart with host/chart at the widget's pixel size,
// redrawing when it is resized or the theme changes between light and dark.
// Hovering a point shows its values, clicking it opens its link and
// reports the click to the page, and the secondary button saves the chart.
type ChartView struct {
	widget.BaseWidget
	spec *sdk.Chart

	// onClick receives the point clicked, onSelect the points box-selected;
	// open opens a point's link.
	onClick  func(chart.Hit)
	onSelect func([]chart.Hit)
	open     func(sdk.EntityRef)
	// fitHeight is the height of the page area the chart scrolls in (0
	// or nil when unknown), which bounds the height it asks for.
	fitHeight func() float32

	drawn    chart.Options // how the image shown was drawn, for HitTest
	pointing *chart.Hit    // the point under the pointer
	tip      *tooltip
	band     *canvas.Rectangle // the box being dragged out
	dragFrom *fyne.Position
}

// NewChartView makes a view of spec.
func NewChartView(spec *sdk.Chart) *ChartView {
	v := &ChartView{spec: spec}
	v.ExtendBaseWidget(v)
	return v
}

// SetSpec shows another chart.
func (v *ChartView) SetSpec(spec *sdk.Chart) {
	v.spec = spec
	v.Refresh()
}

// CreateRenderer is called by Fyne to draw the widget.
func (v *ChartView) CreateRenderer() fyne.WidgetRenderer {
	img := canvas.NewImageFromImage(nil)
	img.FillMode = canvas.ImageFillStretch
	img.ScaleMode = canvas.ImageScalePixels
	msg := widget.NewLabel("")
	msg.Wrapping = fyne.TextWrapWord
	msg.Importance = widget.DangerImportance
	msg.Hide()
	v.tip = newTooltip()
	v.band = canvas.NewRectangle(theme.Color(theme.ColorNameSelection))
	v.band.StrokeColor = theme.Color(theme.ColorNamePrimary)
	v.band.StrokeWidth = 1
	v.band.Hide()
	return &chartRenderer{v: v, img: img, msg: msg}
}

type chartRenderer struct {
	v    *ChartView
	img  *canvas.Image
	msg  *widget.Label
	last chartKey  // what img shows
	laid fyne.Size // the size of the last Layout
}

// chartKey is what a drawn image depends on.
type chartKey struct {
	spec *sdk.Chart
	w, h int
	dark bool
}

func (r *chartRenderer) Destroy() {}

// MinSize is at least chartMinSize. Once the chart has a width, it asks
// for a height in proportion (chartAspect), up to what the page shows at
// once (fitHeight), so that a chart alone in a wide window is not a thin
// strip and is seen whole without scrolling. A chart that asks for more
// height (Chart.Height) gets it, capped so it cannot take an unbounded
// page.
func (r *chartRenderer) MinSize() fyne.Size {
	s := chartMinSize
	if w := r.v.Size().Width; w > 0 {
		h := w * chartAspect
		if r.v.fitHeight != nil {
			if fit := r.v.fitHeight(); fit > 0 {
				h = min(h, fit*chartFitShare)
			}
		}
		s.Height = max(s.Height, h)
	}
	if spec := r.v.spec; spec != nil && spec.Height > 0 {
		s.Height = max(s.Height, min(float32(spec.Height), maxChartHeight))
	}
	return s
}

const (
	// maxChartHeight bounds Chart.Height.
	maxChartHeight = 4000
	// chartAspect is a chart's height over its width when it has the room.
	chartAspect = 0.6
	// chartFitShare is how much of the visible page a chart may fill.
	chartFitShare = 0.85
)

func (r *chartRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.img, r.msg, r.v.band, r.v.tip.box}
}

func (r *chartRenderer) Layout(size fyne.Size) {
	if size != r.laid {
		// A tooltip from before a resize points at nothing now.
		r.laid = size
		r.v.showTip("", fyne.Position{})
	}
	r.img.Resize(size)
	r.msg.Resize(size)
	r.draw(size)
}

func (r *chartRenderer) Refresh() {
	r.draw(r.v.Size())
	canvas.Refresh(r.v)
}

// draw renders the chart when its size in pixels, its spec or the theme's
// darkness changed since the last time.
func (r *chartRenderer) draw(size fyne.Size) {
	scale := float32(1)
	if c := fyne.CurrentApp().Driver().CanvasForObject(r.v); c != nil {
		scale = c.Scale()
	}
	// Beyond chart.MaxSize the image is stretched rather than refused.
	w := min(int(size.Width*scale), chart.MaxSize)
	h := min(int(size.Height*scale), chart.MaxSize)
	key := chartKey{spec: r.v.spec, w: w, h: h, dark: r.dark()}
	if key == r.last || w < chart.MinSize || h < chart.MinSize || key.spec == nil {
		return // unchanged, or not laid out yet
	}
	r.last = key
	opts := chart.Options{Width: key.w, Height: key.h, Scale: scale, Dark: key.dark, TextSize: r.v.Theme().Size(theme.SizeNameText)}
	r.v.drawn = opts
	img, err := chart.Image(key.spec, opts)
	if err != nil {
		r.img.Image = image.NewNRGBA(image.Rect(0, 0, 1, 1))
		r.msg.SetText("This chart cannot be drawn: " + err.Error())
		r.msg.Show()
	} else {
		r.img.Image = img
		r.msg.Hide()
	}
	r.img.Refresh()
}

// dark reports whether the theme's background is dark, which works for any
// theme, including ones that do not say their variant.
func (r *chartRenderer) dark() bool {
	c := r.v.Theme().Color(theme.ColorNameBackground, fyne.CurrentApp().Settings().ThemeVariant())
	cr, cg, cb, _ := c.RGBA()
	// Rec. 601 luma on 16-bit channels.
	return 299*cr+587*cg+114*cb < 500*0xffff
}
