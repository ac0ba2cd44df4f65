package ui

import (
	"encoding/binary"
	"image"
	"image/color"
	"math"
	"reflect"
	"unsafe"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/theme"
)

// capture draws what c.Capture() draws, faster. Capture paints the
// content onto a transparent picture and then lays that over the
// background with image/draw, whose NRGBA-onto-NRGBA "over" has no fast
// path: a per-pixel interface call that took 45 ms of a 1280x900 tab's
// 100. Here the picture is painted by the canvas's own painter and the
// background goes under it in one pass over its bytes. Charts, the
// largest part of most tabs, are drawn beside each other before the paint
// and copied in after it (see takeCharts), not drawn one by one and laid
// on with that same slow "over". What lies wholly out of sight is hidden
// from the painter meanwhile (see hideUnseen).
//
// Fyne does not export a canvas's painter, so it is read from the
// canvas's unexported field; if a Fyne release renames it, capture falls
// back to Capture (TestCapture_samePixelsAsFyne fails so that it is seen).
func capture(c software.WindowlessCanvas) image.Image {
	p := painterOf(c)
	if p == nil {
		return c.Capture()
	}
	all, found := paintedObjects(c)
	charts := takeCharts(all, found)
	unseen := hideUnseen(c, all)
	img, ok := p.Paint(c).(*image.NRGBA)
	charts.restore()
	unseen.restore()
	if !ok {
		return c.Capture()
	}
	charts.copyInto(img)
	bg := color.NRGBAModel.Convert(theme.Color(theme.ColorNameBackground)).(color.NRGBA)
	underlay(img, bg)
	return img
}

// hideUnseen hides, until restore, the objects of all that lie wholly
// outside what their clip lets show: the rows of a long table below a
// tab's bottom, the charts and text scrolled out of sight. Fyne's
// software painter draws every object and clips the result, so each such
// text is shaped and rasterised, and each chart drawn, for nothing. It
// hides what paints nothing, too (see paintsNothing).
func hideUnseen(c fyne.Canvas, all []painted) hiddenObjects {
	margin := int(math.Ceil(float64(unseenMargin * c.Scale())))
	var hidden hiddenObjects
	for _, p := range all {
		flag := hiddenFlag(p.obj)
		if flag == nil || *flag {
			continue
		}
		if paintsNothing(p.obj) {
			*flag = true
			hidden = append(hidden, flag)
			continue
		}
		reach := p.at
		if ms := p.obj.MinSize(); ms.Width > p.obj.Size().Width || ms.Height > p.obj.Size().Height {
			// Text wider than its box is drawn whole, from its start.
			reach.Max.X = max(reach.Max.X, reach.Min.X+int(math.Ceil(float64(ms.Width*c.Scale()))))
			reach.Max.Y = max(reach.Max.Y, reach.Min.Y+int(math.Ceil(float64(ms.Height*c.Scale()))))
		}
		if reach.Inset(-margin).Overlaps(p.visible) {
			continue
		}
		*flag = true
		hidden = append(hidden, flag)
	}
	return hidden
}

// paintsNothing says whether o, painted, would leave every pixel as it
// was: a rectangle with no fill, stroke or shadow (the background of a
// table cell or a button that has none), a text with no characters.
// Fyne's painter still lays each over the picture pixel by pixel, on
// image/draw's slow path for its NRGBA pictures.
func paintsNothing(o fyne.CanvasObject) bool {
	switch o := o.(type) {
	case *canvas.Rectangle:
		return invisible(o.FillColor) && (invisible(o.StrokeColor) || o.StrokeWidth <= 0) && invisible(o.Shadow.Color)
	case *canvas.Text:
		return o.Text == "" && !o.TextStyle.Underline && !o.TextStyle.Strikethrough
	}
	return false
}

func invisible(c color.Color) bool {
	if c == nil {
		return true
	}
	_, _, _, a := c.RGBA()
	return a == 0
}

// unseenMargin is how far, in Fyne units, beyond its own rectangle an
// object may paint and still be kept: strokes, shadows, anti-aliasing and
// italic overhang reach a few units out; this leaves room to spare.
const unseenMargin = 64

// hiddenFlag is the Hidden field of the kinds of object Fyne's painter
// draws, set directly: Hide would also ask for a repaint. Other kinds are
// always painted.
func hiddenFlag(o fyne.CanvasObject) *bool {
	switch o := o.(type) {
	case *canvas.Text:
		return &o.Hidden
	case *canvas.Rectangle:
		return &o.Hidden
	case *canvas.Raster:
		return &o.Hidden
	case *canvas.Image:
		return &o.Hidden
	case *canvas.Line:
		return &o.Hidden
	case *canvas.Circle:
		return &o.Hidden
	case *canvas.LinearGradient:
		return &o.Hidden
	}
	return nil
}

// hiddenObjects are the Hidden fields hideUnseen set.
type hiddenObjects []*bool

// restore shows them again.
func (h hiddenObjects) restore() {
	for _, f := range h {
		*f = false
	}
}

// painterOf is the driver.Painter in a software canvas's "painter" field,
// or nil when it has none.
func painterOf(c software.WindowlessCanvas) driver.Painter {
	v := reflect.ValueOf(c)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	f := v.Elem().FieldByName("painter")
	if !f.IsValid() || f.Type() != reflect.TypeFor[driver.Painter]() {
		return nil
	}
	p, _ := reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().Interface().(driver.Painter)
	return p
}

// underlay puts the opaque colour bg under the non-premultiplied picture
// img, in place: the result is opaque. It is image/draw's Over of img
// onto bg, rounded the same way to within one level. A page is nearly all
// opaque or clear, so it looks at two pixels at a time.
func underlay(img *image.NRGBA, bg color.NRGBA) {
	const alpha2 = 0xff000000_ff000000 // two pixels' alpha bytes, little-endian
	one := uint64(bg.R) | uint64(bg.G)<<8 | uint64(bg.B)<<16 | 0xff<<24
	two := one | one<<32
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := img.Pix[img.PixOffset(b.Min.X, y):img.PixOffset(b.Max.X, y)]
		i := 0
		for ; i+8 <= len(row); i += 8 {
			switch binary.LittleEndian.Uint64(row[i:]) & alpha2 {
			case alpha2:
			case 0:
				binary.LittleEndian.PutUint64(row[i:], two)
			default:
				underlayPixel(row[i:i+4], bg)
				underlayPixel(row[i+4:i+8], bg)
			}
		}
		if i < len(row) {
			underlayPixel(row[i:i+4], bg)
		}
	}
}

// underlayPixel is underlay of one pixel p.
func underlayPixel(p []byte, bg color.NRGBA) {
	a := uint32(p[3])
	switch a {
	case 0xff:
	case 0:
		p[0], p[1], p[2], p[3] = bg.R, bg.G, bg.B, 0xff
	default:
		na := 0xff - a
		p[0] = uint8((uint32(p[0])*a + uint32(bg.R)*na + 0x7f) / 0xff)
		p[1] = uint8((uint32(p[1])*a + uint32(bg.G)*na + 0x7f) / 0xff)
		p[2] = uint8((uint32(p[2])*a + uint32(bg.B)*na + 0x7f) / 0xff)
		p[3] = 0xff
	}
}
