package ui

import (
	"image"

	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openml-dash/openml-dash/host/chart"
	"github.com/openml-dash/openml-dash/sdk"
)

// chartMinSize is the least room a chart asks for: enough for axes, ticks
// and a legend to stay legible, and narrow enough that two side by side
// (a data page's distributions) fit a window 800 pixels wide.
var chartMinSize = fyne.NewSize(360, 300)

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

	drawnMu  sync.Mutex
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
	msg := widget.NewLabel("")
	msg.Wrapping = fyne.TextWrapWord
	msg.Importance = widget.DangerImportance
	msg.Hide()
	v.tip = newTooltip()
	v.band = canvas.NewRectangle(theme.Color(theme.ColorNameSelection))
	v.band.StrokeColor = theme.Color(theme.ColorNamePrimary)
	v.band.StrokeWidth = 1
	v.band.Hide()
	r := &chartRenderer{v: v, msg: msg}
	// A raster is drawn when it is painted, at the size painted: a chart on
	// a tab not shown, or between two layouts of a settling page, is not
	// drawn at all, and a chart is drawn once per size.
	r.img = canvas.NewRaster(r.generate)
	r.img.ScaleMode = canvas.ImageScalePixels
	return r
}

type chartRenderer struct {
	v    *ChartView
	img  *canvas.Raster
	msg  *widget.Label
	laid fyne.Size // the size of the last Layout

	mu      sync.Mutex // the painter may generate on its own goroutine
	last    chartKey   // what shown shows
	shown   image.Image
	failure string // why the chart cannot be drawn, "" when it can
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
}

func (r *chartRenderer) Refresh() {
	r.img.Refresh() // paint again: the spec or the theme may have changed
	canvas.Refresh(r.v)
}

// generate draws the chart at w x h pixels, the raster's size on screen,
// unless its spec, size and the theme's darkness are those of the image
// shown. A chart that cannot be drawn says why in a label over it.
func (r *chartRenderer) generate(w, h int) image.Image {
	size := r.v.Size()
	// Beyond chart.MaxSize the image is stretched rather than refused.
	w, h = min(w, chart.MaxSize), min(h, chart.MaxSize)
	key := chartKey{spec: r.v.spec, w: w, h: h, dark: r.dark()}
	r.mu.Lock()
	defer r.mu.Unlock()
	if key == r.last && r.shown != nil {
		return r.shown
	}
	if w < chart.MinSize || h < chart.MinSize || key.spec == nil || size.Width <= 0 {
		return image.NewNRGBA(image.Rect(0, 0, 1, 1)) // not laid out yet
	}
	r.last = key
	scale := float32(w) / size.Width
	opts := chart.Options{Width: w, Height: h, Scale: scale, Dark: key.dark, TextSize: r.v.Theme().Size(theme.SizeNameText)}
	img, err := chart.Image(key.spec, opts)
	failure := ""
	if err != nil {
		img = image.NewNRGBA(image.Rect(0, 0, 1, 1))
		failure = "This chart cannot be drawn: " + err.Error()
	}
	r.shown = img
	r.v.setDrawn(opts)
	if failure != r.failure {
		r.failure = failure
		// Widgets change outside the paint that called this.
		fyne.Do(func() {
			r.msg.SetText(failure)
			if failure == "" {
				r.msg.Hide()
			} else {
				r.msg.Show()
			}
		})
	}
	return img
}

// dark reports whether the theme's background is dark, which works for any
// theme, including ones that do not say their variant.
func (r *chartRenderer) dark() bool {
	c := r.v.Theme().Color(theme.ColorNameBackground, fyne.CurrentApp().Settings().ThemeVariant())
	cr, cg, cb, _ := c.RGBA()
	// Rec. 601 luma on 16-bit channels.
	return 299*cr+587*cg+114*cb < 500*0xffff
}

// setDrawn records how the image shown was drawn, for hit-testing.
func (v *ChartView) setDrawn(o chart.Options) {
	v.drawnMu.Lock()
	v.drawn = o
	v.drawnMu.Unlock()
}

// drawnOpts is how the image shown was drawn; zero before it is.
func (v *ChartView) drawnOpts() chart.Options {
	v.drawnMu.Lock()
	defer v.drawnMu.Unlock()
	return v.drawn
}
