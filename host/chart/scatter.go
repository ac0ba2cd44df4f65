package chart

import (
	"github.com/openml-dash/openml-dash/sdk"
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// dotSeries draws one series' points as filled circles, all in one path.
type dotSeries struct {
	seriesBase
	color  drawing.Color
	pts    []point
	radius float64 // at scale 1
}

var _ gochart.Series = dotSeries{}

func (s dotSeries) Render(r gochart.Renderer, box gochart.Box, xr, yr gochart.Range, style gochart.Style) {
	rad := s.radius * style.StrokeWidth
	m := int(rad + 0.5)
	pts := make([][2]int, 0, len(s.pts))
	for _, p := range s.pts {
		x, y := toX(box, xr, p.x), toY(box, yr, p.y)
		// A dot whose disc would cross the plot box's edge is left out:
		// the axes pad their range so in-range points never are.
		if inside(box, x, y, m) {
			pts = append(pts, [2]int{x, y})
		}
	}
	fillCircles(r, pts, rad, s.color)
}

// buildScatter draws x,y points, one colour per series.
func buildScatter(spec *sdk.Chart, th theme) *plot {
	p := &plot{x: numericAxis(spec.X, 0.05), y: numericAxis(spec.Y, 0.05), legend: legendFor(spec, th, shapeDot)}
	total := 0
	for i := range spec.Series {
		total += len(spec.Series[i].Y)
	}
	radius, alpha := 3.5, uint8(255)
	switch {
	case total > 20000:
		radius, alpha = 1.5, 140
	case total > 2000:
		radius, alpha = 2.5, 170
	}
	for si := range spec.Series {
		pts, _ := seriesPoints(&spec.Series[si], p.x.kind == axisLog, p.y.kind == axisLog)
		pts = inBands(pts, &p.x, &p.y)
		for _, pt := range pts {
			p.x.include(pt.x)
			p.y.include(pt.y)
		}
		p.points += len(pts)
		p.series = append(p.series, dotSeries{seriesBase: seriesBase{seriesName(&spec.Series[si], si)}, color: withAlpha(th.color(si), alpha), pts: pts, radius: radius})
	}
	return p
}

// inBands drops points that fall outside a band axis' categories.
func inBands(pts []point, x, y *axisSpec) []point {
	ok := func(a *axisSpec, v float64) bool {
		return a.kind != axisBand || (v >= -0.5 && v <= float64(len(a.cats))-0.5)
	}
	out := pts[:0]
	for _, p := range pts {
		if ok(x, p.x) && ok(y, p.y) {
			out = append(out, p)
		}
	}
	return out
}
