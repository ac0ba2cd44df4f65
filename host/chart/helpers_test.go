package chart_test

import (
	"image"
	"image/color"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/chart"
	"github.com/openml-dash/openml-dash/sdk"
)

// testOpts is the size, scale, text size and theme every pixel test pins.
var testOpts = chart.Options{Width: 640, Height: 400, Scale: 1, TextSize: 12}

func draw(t *testing.T, spec *sdk.Chart, opts chart.Options) *image.RGBA {
	t.Helper()
	img, err := chart.Image(spec, opts)
	require.NoError(t, err)
	rgba, ok := img.(*image.RGBA)
	require.True(t, ok, "Image returns an *image.RGBA")
	return rgba
}

func at(img *image.RGBA, x, y int) color.RGBA { return img.RGBAAt(x, y) }

// near tells whether two colours differ by at most tol in every channel.
func near(a, b color.RGBA, tol int) bool {
	d := func(x, y uint8) int {
		if x > y {
			return int(x - y)
		}
		return int(y - x)
	}
	return d(a.R, b.R) <= tol && d(a.G, b.G) <= tol && d(a.B, b.B) <= tol
}

// over is col at opacity alpha (0-255) over white, as the charts blend.
func over(col color.RGBA, alpha uint8) color.RGBA {
	a := float64(alpha) / 255
	mix := func(c uint8) uint8 { return uint8(float64(c)*a + 255*(1-a) + 0.5) }
	return color.RGBA{mix(col.R), mix(col.G), mix(col.B), 255}
}

// span is a run of pixels [from, to).
type span struct{ from, to int }

func (s span) mid() int { return (s.from + s.to) / 2 }

// rowRuns are the runs of pixels in row y that match.
func rowRuns(img *image.RGBA, y int, match func(color.RGBA) bool) []span {
	var out []span
	for x := img.Rect.Min.X; x < img.Rect.Max.X; x++ {
		if !match(at(img, x, y)) {
			continue
		}
		if n := len(out); n > 0 && out[n-1].to == x {
			out[n-1].to++
		} else {
			out = append(out, span{x, x + 1})
		}
	}
	return out
}

// colRuns are the runs of pixels in column x that match.
func colRuns(img *image.RGBA, x int, match func(color.RGBA) bool) []span {
	var out []span
	for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
		if !match(at(img, x, y)) {
			continue
		}
		if n := len(out); n > 0 && out[n-1].to == y {
			out[n-1].to++
		} else {
			out = append(out, span{y, y + 1})
		}
	}
	return out
}

// blob is a connected set of matching pixels.
type blob struct {
	n      int
	cx, cy float64 // centroid
}

// blobs finds the 4-connected components of matching pixels.
func blobs(img *image.RGBA, match func(color.RGBA) bool) []blob {
	b := img.Rect
	seen := make([]bool, b.Dx()*b.Dy())
	var out []blob
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if seen[y*b.Dx()+x] || !match(at(img, x, y)) {
				continue
			}
			var bl blob
			stack := [][2]int{{x, y}}
			seen[y*b.Dx()+x] = true
			for len(stack) > 0 {
				p := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				bl.n++
				bl.cx += float64(p[0])
				bl.cy += float64(p[1])
				for _, d := range [][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
					q := [2]int{p[0] + d[0], p[1] + d[1]}
					if q[0] < b.Min.X || q[1] < b.Min.Y || q[0] >= b.Max.X || q[1] >= b.Max.Y || seen[q[1]*b.Dx()+q[0]] || !match(at(img, q[0], q[1])) {
						continue
					}
					seen[q[1]*b.Dx()+q[0]] = true
					stack = append(stack, q)
				}
			}
			bl.cx /= float64(bl.n)
			bl.cy /= float64(bl.n)
			out = append(out, bl)
		}
	}
	return out
}

func is(col color.RGBA, tol int) func(color.RGBA) bool {
	return func(c color.RGBA) bool { return near(c, col, tol) }
}
