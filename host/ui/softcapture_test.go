package ui

import (
	"image"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The fast path must find Fyne's painter (a Fyne upgrade that renames the
// field would silently bring back the slow Capture) and draw the pixels
// Capture draws: text, translucent fills and a raster over the background.
func TestCapture_samePixelsAsFyne(t *testing.T) {
	test.NewTempApp(t)
	ensureApp()
	c := software.NewCanvas()
	c.SetPadded(false)
	half := canvas.NewRectangle(color.NRGBA{R: 200, G: 30, B: 30, A: 0x80})
	half.SetMinSize(fyne.NewSize(60, 20))
	ramp := canvas.NewRasterWithPixels(func(x, y, w, h int) color.Color {
		return color.NRGBA{R: uint8(x), G: uint8(y), B: 90, A: uint8(x * 255 / max(w, 1))}
	})
	ramp.SetMinSize(fyne.NewSize(120, 40))
	c.SetContent(container.NewVBox(widget.NewLabel("Feature table"), half, ramp, widget.NewButton("Export", nil)))
	c.Resize(fyne.NewSize(200, 160))

	require.NotNil(t, painterOf(c), "Fyne's software canvas keeps its painter in a field named painter")
	fast, ok := capture(c).(*image.NRGBA)
	require.True(t, ok)
	want := c.Capture()
	require.Equal(t, want.Bounds(), fast.Bounds())
	worst := 0
	for y := want.Bounds().Min.Y; y < want.Bounds().Max.Y; y++ {
		for x := want.Bounds().Min.X; x < want.Bounds().Max.X; x++ {
			w := color.NRGBAModel.Convert(want.At(x, y)).(color.NRGBA)
			g := fast.NRGBAAt(x, y)
			for _, d := range []int{int(w.R) - int(g.R), int(w.G) - int(g.G), int(w.B) - int(g.B), int(w.A) - int(g.A)} {
				worst = max(worst, d, -d)
			}
		}
	}
	assert.LessOrEqual(t, worst, 1, "largest difference from Capture, in levels of 255")
	assert.Greater(t, distinctNRGBA(fast), 20, "the picture is not blank")
}

func TestUnderlay(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 3, 1))
	img.SetNRGBA(0, 0, color.NRGBA{A: 0})
	img.SetNRGBA(1, 0, color.NRGBA{R: 255, A: 255})
	img.SetNRGBA(2, 0, color.NRGBA{R: 255, A: 0x80})
	underlay(img, color.NRGBA{R: 0, G: 0, B: 255, A: 255})
	assert.Equal(t, color.NRGBA{B: 255, A: 255}, img.NRGBAAt(0, 0), "transparent shows the background")
	assert.Equal(t, color.NRGBA{R: 255, A: 255}, img.NRGBAAt(1, 0), "opaque stays")
	assert.Equal(t, color.NRGBA{R: 128, B: 127, A: 255}, img.NRGBAAt(2, 0), "half blends")
}

func distinctNRGBA(img *image.NRGBA) int {
	seen := map[color.NRGBA]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			seen[img.NRGBAAt(x, y)] = true
		}
	}
	return len(seen)
}
