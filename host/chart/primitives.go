package chart

import (
	"image"
	"math"

	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// rect is a pixel rectangle from (x0, y0) to (x1, y1), corners in any order.
type rect struct{ x0, y0, x1, y1 int }

func (r rect) norm() rect {
	if r.x0 > r.x1 {
		r.x0, r.x1 = r.x1, r.x0
	}
	if r.y0 > r.y1 {
		r.y0, r.y1 = r.y1, r.y0
	}
	return r
}

// has tells whether pixel (x, y) lies in r (r normalised).
func (r rect) has(x, y int) bool { return x >= r.x0 && x < r.x1 && y >= r.y0 && y < r.y1 }

// clip cuts r to box; ok is false when nothing is left.
func (r rect) clip(box gochart.Box) (rect, bool) {
	r = r.norm()
	r.x0, r.x1 = max(r.x0, box.Left), min(r.x1, box.Right)
	r.y0, r.y1 = max(r.y0, box.Top), min(r.y1, box.Bottom)
	return r, r.x0 < r.x1 && r.y0 < r.y1
}

// fillRects fills rs in one path: one rasterization for a whole series,
// and one SVG element. In a PNG the rectangles are written straight into
// the image: freetype's rasterizer slows down quadratically with the
// number of shapes in a path that share rows, and whole-pixel rectangles
// need no anti-aliasing.
func fillRects(r gochart.Renderer, rs []rect, col drawing.Color) {
	if len(rs) == 0 {
		return
	}
	if pr, ok := r.(*pngRenderer); ok {
		for _, q := range rs {
			q = q.norm()
			fillBlend(pr.img, image.Rect(q.x0, q.y0, q.x1, q.y1).Intersect(pr.img.Rect), col)
		}
		return
	}
	r.SetFillColor(col)
	for _, q := range rs {
		q = q.norm()
		r.MoveTo(q.x0, q.y0)
		r.LineTo(q.x1, q.y0)
		r.LineTo(q.x1, q.y1)
		r.LineTo(q.x0, q.y1)
		r.Close()
	}
	r.Fill()
	r.ResetStyle()
}

// hline and vline are crisp one-pixel (or wider) lines drawn as rectangles:
// a stroked line on integer coordinates would blur over two pixels.
func hline(r gochart.Renderer, x0, x1, y, width int, col drawing.Color) {
	fillRects(r, []rect{{x0, y, x1, y + max(1, width)}}, col)
}

func vline(r gochart.Renderer, x, y0, y1, width int, col drawing.Color) {
	fillRects(r, []rect{{x, y0, x + max(1, width), y1}}, col)
}

// strokePath draws connected runs of points; each run is one polyline.
func strokePath(r gochart.Renderer, runs [][][2]int, col drawing.Color, width float64) {
	drawn := false
	for _, run := range runs {
		if len(run) < 2 {
			continue
		}
		r.MoveTo(run[0][0], run[0][1])
		for _, p := range run[1:] {
			r.LineTo(p[0], p[1])
		}
		drawn = true
	}
	if !drawn {
		return
	}
	r.SetStrokeColor(col)
	r.SetStrokeWidth(width)
	r.Stroke()
	r.ResetStyle()
}

// clipSegment cuts the segment (x0,y0)-(x1,y1) to box (Liang-Barsky).
func clipSegment(x0, y0, x1, y1 float64, box gochart.Box) (ax, ay, bx, by float64, ok bool) {
	t0, t1 := 0.0, 1.0
	dx, dy := x1-x0, y1-y0
	edges := [4][2]float64{
		{-dx, x0 - float64(box.Left)},
		{dx, float64(box.Right) - x0},
		{-dy, y0 - float64(box.Top)},
		{dy, float64(box.Bottom) - y0},
	}
	for _, e := range edges {
		p, q := e[0], e[1]
		if p == 0 {
			if q < 0 {
				return 0, 0, 0, 0, false
			}
			continue
		}
		t := q / p
		if p < 0 {
			t0 = math.Max(t0, t)
		} else {
			t1 = math.Min(t1, t)
		}
		if t0 > t1 {
			return 0, 0, 0, 0, false
		}
	}
	return x0 + t0*dx, y0 + t0*dy, x0 + t1*dx, y0 + t1*dy, true
}

// inside tells whether (x, y) lies in box shrunk by margin on every side.
func inside(box gochart.Box, x, y, margin int) bool {
	return x >= box.Left+margin && x <= box.Right-margin && y >= box.Top+margin && y <= box.Bottom-margin
}

// fillCircles fills a disc at each point. Each disc is its own fill: the
// raster renderer fills one path by the even-odd rule, so overlapping
// discs in one path would cancel out.
func fillCircles(r gochart.Renderer, pts [][2]int, radius float64, col drawing.Color) {
	if len(pts) == 0 {
		return
	}
	r.SetFillColor(col)
	for _, p := range pts {
		r.Circle(radius, p[0], p[1])
		r.Fill()
	}
	r.ResetStyle()
}

// pngRenderer is go-chart's raster renderer with the image it draws into,
// so rectangles and big point sets can be written straight into it.
type pngRenderer struct {
	gochart.Renderer
	img *image.RGBA
}
