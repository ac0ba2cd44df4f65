package ui

import (
	"image"
	"image/draw"
	"math"
	"runtime"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// takenChart is a chart drawn ahead of a software paint: its raster is
// hidden from the painter and its picture copied in afterwards, with the
// shadows painted over it after it painted again.
type takenChart struct {
	raster *canvas.Raster
	at     image.Rectangle // the raster's pixels on the canvas
	clip   image.Rectangle // the part of them that shows
	img    image.Image
	over   []painted // gradients painted over it
}

// painted is an object the software painter draws, where it draws it.
type painted struct {
	obj     fyne.CanvasObject
	at      image.Rectangle // its pixels on the canvas
	clip    image.Rectangle // the part of at that shows
	visible image.Rectangle // what its clip (a scroll, the canvas) lets show
}

// gradient is what Fyne's software painter draws as a gradient: the
// scrolls' edge shadows, which lie over the charts a tab's bottom cuts.
type gradient interface {
	Generate(w, h int) image.Image
}

type takenCharts []takenChart

// takeCharts draws the charts that show, found among all (what
// paintedObjects returns), beside each other (each chart's drawing is its
// own work) and hides their rasters, so that the painter skips them.
// Fyne's software painter would draw them one after another and lay each
// on the picture with image/draw's per-pixel NRGBA "over", about a third
// of a tab's paint. A chart with anything but a gradient painted over it
// is left to the painter. The caller paints, calls restore, then copyInto.
func takeCharts(all []painted, found []int) takenCharts {
	var taken takenCharts
	for _, i := range found {
		t := takenChart{raster: all[i].obj.(*canvas.Raster), at: all[i].at, clip: all[i].clip}
		covered := false
		for _, later := range all[i+1:] {
			if !later.clip.Overlaps(t.clip) {
				continue
			}
			if _, ok := later.obj.(gradient); !ok {
				covered = true
				break
			}
			t.over = append(t.over, later)
		}
		if !covered {
			taken = append(taken, t)
		}
	}
	var wg sync.WaitGroup
	work := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(taken)) {
		wg.Go(func() {
			for i := range work {
				t := &taken[i]
				t.img = t.raster.Generator(t.at.Dx(), t.at.Dy())
			}
		})
	}
	for i := range taken {
		work <- i
	}
	close(work)
	wg.Wait()
	// Only an opaque picture of the raster's size is copied; anything else
	// (a chart that cannot be drawn, or one beyond chart.MaxSize, which the
	// painter stretches) is left to the painter, which finds it drawn.
	kept := taken[:0]
	for _, t := range taken {
		if src, ok := t.img.(*image.RGBA); ok && src.Rect == image.Rect(0, 0, t.at.Dx(), t.at.Dy()) && src.Opaque() {
			t.raster.Hidden = true // the field: Hide would also ask for a repaint
			kept = append(kept, t)
		}
	}
	return kept
}

// paintedObjects lists what a software paint of c draws, in paint order,
// with where it lies and the part of that its clip lets show, and which
// of them (indexes into all) are charts that show.
func paintedObjects(c fyne.Canvas) (all []painted, charts []int) {
	px := func(v float32) int { return int(math.Ceil(float64(v * c.Scale()))) }
	visit := func(obj fyne.CanvasObject, pos, clipPos fyne.Position, clipSize fyne.Size, chart *canvas.Raster) {
		size := obj.Size()
		at := image.Rect(px(pos.X), px(pos.Y), px(pos.X)+px(size.Width), px(pos.Y)+px(size.Height))
		clip := image.Rect(px(clipPos.X), px(clipPos.Y),
			px(min(clipPos.X+clipSize.Width, c.Size().Width)), px(min(clipPos.Y+clipSize.Height, c.Size().Height)))
		p := painted{obj: obj, at: at, clip: at.Intersect(clip), visible: clip}
		if obj == chart && !p.clip.Empty() {
			charts = append(charts, len(all))
		}
		all = append(all, p)
	}
	unclipped := fyne.NewSize(math.MaxInt32, math.MaxInt32)
	walkPainted(c.Content(), fyne.Position{}, fyne.Position{}, unclipped, nil, visit)
	for _, o := range c.Overlays().List() {
		walkPainted(o, fyne.Position{}, fyne.Position{}, unclipped, nil, visit)
	}
	return all, charts
}

// walkPainted visits, in the painter's order, every visible object a
// software painter draws, with its position and clip on the canvas, as
// Fyne's internal walk does; chart is the raster of the ChartView the
// object belongs to, if any.
func walkPainted(obj fyne.CanvasObject, offset, clipPos fyne.Position, clipSize fyne.Size, chart *canvas.Raster,
	visit func(obj fyne.CanvasObject, pos, clipPos fyne.Position, clipSize fyne.Size, chart *canvas.Raster)) {
	if obj == nil || !obj.Visible() {
		return
	}
	pos := obj.Position().Add(offset)
	var children []fyne.CanvasObject
	clips := false
	switch o := obj.(type) {
	case *fyne.Container:
		children = o.Objects
	case fyne.Widget:
		r := test.WidgetRenderer(o)
		children = r.Objects()
		_, clips = r.(interface{ IsClip() })
		if cr, ok := r.(*chartRenderer); ok {
			chart = cr.img
		}
	default:
		visit(obj, pos, clipPos, clipSize, chart)
		return
	}
	if _, ok := obj.(fyne.Scrollable); ok || clips {
		clipPos, clipSize = pos, obj.Size()
	}
	for _, child := range children {
		walkPainted(child, pos, clipPos, clipSize, chart, visit)
	}
}

// restore shows the hidden rasters again.
func (ts takenCharts) restore() {
	for _, t := range ts {
		t.raster.Hidden = false
	}
}

// copyInto copies each chart's shown part onto img (opaque, premultiplied
// and straight colours are the same bytes), then paints the gradients
// over it again, there, as the painter did after the chart.
func (ts takenCharts) copyInto(img *image.NRGBA) {
	for _, t := range ts {
		src := t.img.(*image.RGBA)
		clip := t.clip.Intersect(img.Bounds())
		for y := clip.Min.Y; y < clip.Max.Y; y++ {
			from := src.PixOffset(clip.Min.X-t.at.Min.X, y-t.at.Min.Y)
			to := img.PixOffset(clip.Min.X, y)
			copy(img.Pix[to:to+4*clip.Dx()], src.Pix[from:from+4*clip.Dx()])
		}
		for _, g := range t.over {
			tex := g.obj.(gradient).Generate(g.at.Dx(), g.at.Dy())
			r := g.clip.Intersect(clip)
			draw.Draw(img, r, tex, r.Min.Sub(g.at.Min), draw.Over)
		}
	}
}
