package chart

import (
	"math"

	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// theme holds the colours of a light or dark chart.
type theme struct {
	background drawing.Color
	text       drawing.Color // title, axis titles, legend
	muted      drawing.Color // tick labels, notices
	axis       drawing.Color
	grid       drawing.Color
	missing    drawing.Color // heatmap cells without a value
	neutral    drawing.Color // points without a colour value
	series     []drawing.Color
	dark       bool
}

func rgb(hex uint32) drawing.Color {
	return drawing.Color{R: uint8(hex >> 16), G: uint8(hex >> 8), B: uint8(hex), A: 255}
}

// The series palettes hold 20 colours each. The first ten are Tableau's
// category10 on light backgrounds and a brighter set of the same hues on
// dark ones, so series i keeps its hue when the theme changes. The next
// ten were picked as Glasbey's method does: each in turn the colour (on a
// 17-step RGB grid, greys and colours too light or too dark for the
// background left out) furthest in CIELAB from the colours before it and
// from the background. Past 20, hues step by the golden angle.
var (
	lightSeries = []drawing.Color{
		rgb(0x1f77b4), rgb(0xff7f0e), rgb(0x2ca02c), rgb(0xd62728), rgb(0x9467bd),
		rgb(0x8c564b), rgb(0xe377c2), rgb(0x7f7f7f), rgb(0xbcbd22), rgb(0x17becf),
		rgb(0x0000ff), rgb(0xff22ff), rgb(0x224400), rgb(0x4411aa), rgb(0xff0077),
		rgb(0x886600), rgb(0xff9977), rgb(0x770055), rgb(0x00cc99), rgb(0x0077ff),
	}
	darkSeries = []drawing.Color{
		rgb(0x4c9be8), rgb(0xff9f40), rgb(0x4cc94c), rgb(0xf05a5b), rgb(0xb48ee0),
		rgb(0xc79a86), rgb(0xf59bd6), rgb(0xb0b0b0), rgb(0xd9da3a), rgb(0x2fd6e8),
		rgb(0xaa00ff), rgb(0xff00bb), rgb(0x0066ff), rgb(0x00ff00), rgb(0x667711),
		rgb(0xff0000), rgb(0x00ffcc), rgb(0x008866), rgb(0xbbdd99), rgb(0xaa44cc),
	}
)

func newTheme(dark bool) theme {
	if dark {
		// Fyne's dark theme background, so the chart sits in the window.
		return theme{
			background: rgb(0x171718),
			text:       rgb(0xe8e8e8),
			muted:      rgb(0xb4b4b4),
			axis:       rgb(0x8a8a8a),
			grid:       rgb(0x333336),
			missing:    rgb(0x2a2a2c),
			neutral:    rgb(0x6a6a6e),
			series:     darkSeries,
			dark:       true,
		}
	}
	return theme{
		background: rgb(0xffffff),
		text:       rgb(0x222222),
		muted:      rgb(0x555555),
		axis:       rgb(0x8c8c8c),
		grid:       rgb(0xe6e6e6),
		missing:    rgb(0xf0f0f0),
		neutral:    rgb(0xb4b4b4),
		series:     lightSeries,
	}
}

// color is the colour of series i. Past the fixed palette, hues step by
// the golden angle at a lightness that reads on the theme's background.
func (t theme) color(i int) drawing.Color {
	if i < 0 {
		i = 0
	}
	if i < len(t.series) {
		return t.series[i]
	}
	k := i - len(t.series)
	hue := math.Mod(15+float64(k)*137.508, 360)
	l := 0.42
	if t.dark {
		l = 0.66
	}
	// Alternate saturation so neighbours in hue differ in one more way.
	s := 0.75
	if k%2 == 1 {
		s = 0.5
	}
	return hsl(hue, s, l)
}

func hsl(h, s, l float64) drawing.Color {
	c := (1 - math.Abs(2*l-1)) * s
	hp := h / 60
	x := c * (1 - math.Abs(math.Mod(hp, 2)-1))
	var r, g, b float64
	switch {
	case hp < 1:
		r, g = c, x
	case hp < 2:
		r, g = x, c
	case hp < 3:
		g, b = c, x
	case hp < 4:
		g, b = x, c
	case hp < 5:
		r, b = x, c
	default:
		r, b = c, x
	}
	m := l - c/2
	u8 := func(v float64) uint8 { return uint8(math.Round(math.Max(0, math.Min(1, v+m)) * 255)) }
	return drawing.Color{R: u8(r), G: u8(g), B: u8(b), A: 255}
}

// heat maps t in [0,1] to the viridis colour map (readable in both themes
// and in grey), using go-chart's table.
func heat(t float64) drawing.Color {
	if math.IsNaN(t) {
		t = 0
	}
	return gochart.Viridis(math.Max(0, math.Min(1, t)), 0, 1)
}

// contrastText is black or white, whichever reads better on bg.
func contrastText(bg drawing.Color) drawing.Color {
	lum := 0.2126*float64(bg.R) + 0.7152*float64(bg.G) + 0.0722*float64(bg.B)
	if lum > 140 {
		return rgb(0x111111)
	}
	return rgb(0xffffff)
}

func withAlpha(c drawing.Color, a uint8) drawing.Color {
	c.A = a
	return c
}
