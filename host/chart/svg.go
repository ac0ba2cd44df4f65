package chart

import (
	"html"

	gochart "github.com/wcharczuk/go-chart/v2"
)

// svgRenderer adapts go-chart's SVG renderer:
//   - it escapes text for XML (go-chart writes text as it is, so a title
//     with "<" or "&" would break the document);
//   - it drops fills of empty paths: go-chart writes each Circle as its
//     own element, and the Fill that rasterizes the disc in a PNG would
//     add an empty <path> per dot.
type svgRenderer struct {
	gochart.Renderer
	path bool // a path has been started since the last fill or stroke
}

func (r *svgRenderer) Text(body string, x, y int) {
	r.Renderer.Text(html.EscapeString(body), x, y)
}

func (r *svgRenderer) MoveTo(x, y int) { r.path = true; r.Renderer.MoveTo(x, y) }
func (r *svgRenderer) LineTo(x, y int) { r.path = true; r.Renderer.LineTo(x, y) }
func (r *svgRenderer) QuadCurveTo(cx, cy, x, y int) {
	r.path = true
	r.Renderer.QuadCurveTo(cx, cy, x, y)
}
func (r *svgRenderer) ArcTo(cx, cy int, rx, ry, start, delta float64) {
	r.path = true
	r.Renderer.ArcTo(cx, cy, rx, ry, start, delta)
}

func (r *svgRenderer) Fill()       { r.draw(r.Renderer.Fill) }
func (r *svgRenderer) Stroke()     { r.draw(r.Renderer.Stroke) }
func (r *svgRenderer) FillStroke() { r.draw(r.Renderer.FillStroke) }

func (r *svgRenderer) draw(f func()) {
	if r.path {
		f()
	}
	r.path = false
}
