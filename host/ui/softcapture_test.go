package ui

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math/rand/v2"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk"
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
	assertSamePixels(t, c)
}

// Charts are drawn ahead of the paint and copied in: the picture must be
// the one Fyne's painter draws, with a chart cut by its scroll's edge and
// under its shadow, one scrolled out of sight, one with a label over it
// (left to the painter), one that cannot be drawn and one cut by the
// canvas's edge.
func TestCapture_chartsAsFyneDrawsThem(t *testing.T) {
	test.NewTempApp(t)
	ensureApp()
	bar := func(title string) *sdk.Chart {
		return &sdk.Chart{Kind: sdk.ChartBar, Title: title, X: sdk.Axis{Categories: []string{"a", "b"}},
			Series: []sdk.Series{{Name: "n", X: []float64{0, 1}, Y: []float64{3, 5}}}}
	}
	sized := func(spec *sdk.Chart) fyne.CanvasObject {
		v := NewChartView(spec)
		return container.NewGridWrap(fyne.NewSize(180, 120), v)
	}
	covered := container.NewStack(sized(bar("under a label")), container.NewCenter(widget.NewLabel("over the chart")))
	list := container.NewVBox(sized(bar("first")), sized(bar("second")), covered, sized(&sdk.Chart{Title: "no kind"}), sized(bar("last")))
	scroll := container.NewVScroll(list)
	c := software.NewCanvas()
	c.SetPadded(false)
	c.SetContent(scroll)
	c.Resize(fyne.NewSize(200, 330))
	scroll.ScrollToOffset(fyne.NewPos(0, 70)) // the first chart cut, under the scroll's top shadow; the last out of sight

	// Beside the scroll, a chart that the canvas's bottom edge cuts.
	edge := software.NewCanvas()
	edge.SetPadded(false)
	edge.SetContent(container.NewVBox(sized(bar("cut by the edge"))))
	edge.Resize(fyne.NewSize(200, 100))
	cut := takeCharts(paintedObjects(edge))
	cut.restore()
	require.Len(t, cut, 1)
	assert.Equal(t, image.Rect(0, 0, 180, 100), cut[0].clip)
	assertSamePixels(t, edge)

	taken := takeCharts(paintedObjects(c))
	taken.restore()
	require.Len(t, taken, 2, "the cut chart (under the scroll's shadow, painted again) and the whole one are copied; not the one under a label, the failed one or the one out of sight")
	assert.Equal(t, image.Rect(0, 0, 180, 50), taken[0].clip, "the first chart (120 high), scrolled up by 70")
	assert.NotEmpty(t, taken[0].over, "the scroll's top shadow lies over it")
	assert.Equal(t, image.Rect(0, 54, 180, 174), taken[1].clip, "the second, below the first and the padding")
	assertSamePixels(t, c)
	for _, tc := range taken {
		assert.False(t, tc.raster.Hidden, "every raster is shown again after the capture")
	}
}

// What lies wholly outside its clip (rows scrolled below a tab's bottom)
// is not painted at all, and the picture is still Capture's, also for the
// row the scroll's edge cuts.
func TestCapture_skipsWhatCannotShow(t *testing.T) {
	test.NewTempApp(t)
	ensureApp()
	rows := container.NewVBox()
	for i := range 200 {
		rows.Add(widget.NewLabel(fmt.Sprintf("row %d", i)))
	}
	scroll := container.NewVScroll(rows)
	c := software.NewCanvas()
	c.SetPadded(false)
	c.SetContent(scroll)
	c.Resize(fyne.NewSize(200, 300))
	scroll.ScrollToOffset(fyne.NewPos(0, 1000))

	all, _ := paintedObjects(c)
	hidden := hideUnseen(c, all)
	texts := 0
	for _, p := range all {
		if txt, ok := p.obj.(*canvas.Text); ok {
			texts++
			if !p.at.Inset(-unseenMargin).Overlaps(p.visible) {
				assert.True(t, txt.Hidden, "%q lies out of sight", txt.Text)
			} else {
				assert.False(t, txt.Hidden, "%q may show", txt.Text)
			}
		}
	}
	assert.Greater(t, len(hidden), texts*3/4, "most of the 200 rows are out of sight")
	hidden.restore()
	for _, p := range all {
		assert.True(t, p.obj.Visible(), "everything is shown again")
	}
	assertSamePixels(t, c)
}

// What paints nothing is hidden from the painter too, and nothing else.
func TestCapture_skipsWhatPaintsNothing(t *testing.T) {
	test.NewTempApp(t)
	ensureApp()
	clear := canvas.NewRectangle(color.Transparent)
	filled := canvas.NewRectangle(color.NRGBA{R: 200, A: 255})
	outlined := &canvas.Rectangle{FillColor: color.Transparent, StrokeColor: color.Black, StrokeWidth: 2}
	shadowed := &canvas.Rectangle{FillColor: color.Transparent, Shadow: canvas.Shadow{Color: color.Black, BlurRadius: 4}}
	empty := canvas.NewText("", color.Black)
	underlined := canvas.NewText("", color.Black)
	underlined.TextStyle.Underline = true
	word := canvas.NewText("word", color.Black)
	c := software.NewCanvas()
	c.SetPadded(false)
	c.SetContent(container.NewGridWithColumns(2, clear, filled, outlined, shadowed, empty, underlined, word))
	c.Resize(fyne.NewSize(200, 300))

	all, _ := paintedObjects(c)
	hidden := hideUnseen(c, all)
	for o, want := range map[fyne.CanvasObject]bool{clear: true, empty: true, filled: false, outlined: false, shadowed: false, underlined: false, word: false} {
		assert.Equal(t, want, !o.Visible(), "%#v", o)
	}
	hidden.restore()
	assert.True(t, clear.Visible() && empty.Visible(), "shown again")
	assertSamePixels(t, c)
	assert.True(t, paintsNothing(&canvas.Rectangle{}), "no fill at all")
}

// assertSamePixels checks that capture draws what Fyne's Capture draws.
func assertSamePixels(t *testing.T, c software.WindowlessCanvas) {
	t.Helper()
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

// Two pixels at a time or one, clear, opaque or between, at any width
// and offset: underlay is image/draw's Over onto the colour, within one
// level.
func TestUnderlay_isOver(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	bg := color.NRGBA{R: 30, G: 200, B: 90, A: 255}
	for _, r := range []image.Rectangle{image.Rect(0, 0, 1, 1), image.Rect(0, 0, 7, 3), image.Rect(5, 2, 64, 9)} {
		img := image.NewNRGBA(r)
		for i := range img.Pix {
			img.Pix[i] = byte(rng.IntN(256))
		}
		for i := 3; i < len(img.Pix); i += 4 {
			img.Pix[i] = []byte{0, 0, 0xff, 0xff, byte(rng.IntN(256))}[rng.IntN(5)]
		}
		want := image.NewNRGBA(r)
		draw.Draw(want, r, &image.Uniform{C: bg}, image.Point{}, draw.Src)
		draw.Draw(want, r, img, r.Min, draw.Over)
		underlay(img, bg)
		for i := range img.Pix {
			d := int(img.Pix[i]) - int(want.Pix[i])
			require.LessOrEqual(t, max(d, -d), 1, "%v: byte %d", r, i)
		}
	}
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
