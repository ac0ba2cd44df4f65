package ui_test

import (
	"image"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/ui"
	"github.com/openml-dash/openml-dash/sdk"
)

func barChart() *sdk.Chart {
	return &sdk.Chart{
		ID:     "classes",
		Kind:   sdk.ChartBar,
		Title:  "Class distribution",
		X:      sdk.Axis{Title: "class", Categories: []string{"setosa", "versicolor", "virginica"}},
		Y:      sdk.Axis{Title: "count"},
		Series: []sdk.Series{{Name: "count", X: []float64{0, 1, 2}, Y: []float64{50, 50, 50}}},
	}
}

// chartImage is the image a chart view shows, as the painter asks for it
// (the test canvas has scale 1).
func chartImage(t *testing.T, v fyne.CanvasObject) image.Image {
	t.Helper()
	r := one[*canvas.Raster](t, v)
	img := r.Generator(int(r.Size().Width), int(r.Size().Height))
	require.NotNil(t, img, "the chart was drawn")
	return img
}

func TestChartView_drawsAtWidgetSize(t *testing.T) {
	test.NewTempApp(t)
	r := ui.Render(barChart(), nil, nil)
	v, ok := r.Object.(*ui.ChartView)
	require.True(t, ok, "got %T", r.Object)
	assert.GreaterOrEqual(t, v.MinSize().Width, float32(360))
	assert.GreaterOrEqual(t, v.MinSize().Height, float32(300))

	w := show(t, v, 608, 408) // the window pads by 4
	img := chartImage(t, v)
	assert.Equal(t, image.Pt(600, 400), img.Bounds().Size())
	assert.Greater(t, distinctColors(img), 2, "not blank")

	w.Resize(fyne.NewSize(708, 458))
	assert.Equal(t, image.Pt(700, 450), chartImage(t, v).Bounds().Size(), "redrawn on resize")
}

func TestChartView_darkTheme(t *testing.T) {
	test.NewTempApp(t)
	test.ApplyTheme(t, variantTheme{theme.DefaultTheme(), theme.VariantLight})
	v := ui.NewChartView(barChart())
	show(t, v, 508, 408)
	light := luma(chartImage(t, v).At(2, 2))

	test.ApplyTheme(t, variantTheme{theme.DefaultTheme(), theme.VariantDark})
	v.Refresh()
	dark := luma(chartImage(t, v).At(2, 2))
	assert.Less(t, dark, light, "the dark theme draws a dark chart")
}

func TestChartView_badSpecSaysSo(t *testing.T) {
	test.NewTempApp(t)
	v := ui.NewChartView(&sdk.Chart{Title: "nothing"}) // no kind
	show(t, v, 508, 408)
	var msg string
	for _, l := range all[*widget.Label](v) {
		msg += l.Text
	}
	assert.Contains(t, msg, "cannot be drawn")

	v.SetSpec(barChart())
	assert.Equal(t, image.Pt(500, 400), chartImage(t, v).Bounds().Size())
	assert.Empty(t, all[*widget.Label](v), "a good spec hides the message")
}

// variantTheme pins a theme's variant: the test app has no preference.
type variantTheme struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.v)
}

func luma(c color.Color) uint32 {
	r, g, b, _ := c.RGBA()
	return (299*r + 587*g + 114*b) / 1000
}

func distinctColors(img image.Image) int {
	seen := map[color.RGBA]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), uint8(a >> 8)}] = true
		}
	}
	return len(seen)
}

func TestChartView_heightHint(t *testing.T) {
	test.NewTempApp(t)
	tall := barChart()
	tall.Height = 900
	assert.Equal(t, float32(900), ui.Render(tall, nil, nil).Object.MinSize().Height)
	assert.Equal(t, float32(300), ui.Render(barChart(), nil, nil).Object.MinSize().Height, "the default")
	huge := barChart()
	huge.Height = 1 << 20
	assert.Equal(t, float32(4000), ui.Render(huge, nil, nil).Object.MinSize().Height, "capped")
}

// Two charts side by side, as the data page's distributions are, fit a
// window 800 pixels wide with the page's padding: the page does not
// scroll sideways.
func TestChartView_twoFitASmallWindow(t *testing.T) {
	test.NewTempApp(t)
	grid := ui.Render(&sdk.Container{Direction: sdk.GridDirection, GridColumns: 2, Children: []sdk.Component{barChart(), barChart()}}, nil, nil).Object
	assert.LessOrEqual(t, grid.MinSize().Width+4*theme.Padding(), float32(800))
}
