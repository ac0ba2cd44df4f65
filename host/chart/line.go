package chart

import (
	"github.com/openml-dash/openml-dash/sdk"
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// lineSeries joins one series' points in their order. A skipped point
// (NaN, infinite) breaks the line instead of bridging the gap.
type lineSeries struct {
	seriesBase
	color   drawing.Color
	runs    [][]point
	markers bool
}

var _ gochart.Series = lineSeries{}

func (s lineSeries) Render(r gochart.Renderer, box gochart.Box, xr, yr gochart.Range, style gochart.Style) {
	var paths [][][2]int
	for _, run := range s.runs {
		var cur [][2]int
		for i := 1; i < len(run); i++ {
			ax, ay, bx, by, ok := clipSegment(
				float64(toX(box, xr, run[i-1].x)), float64(toY(box, yr, run[i-1].y)),
				float64(toX(box, xr, run[i].x)), float64(toY(box, yr, run[i].y)), box)
			if !ok {
				if len(cur) > 0 {
					paths, cur = append(paths, cur), nil
				}
				continue
			}
			a, b := [2]int{int(ax + 0.5), int(ay + 0.5)}, [2]int{int(bx + 0.5), int(by + 0.5)}
			if len(cur) == 0 || cur[len(cur)-1] != a {
				if len(cur) > 0 {
					paths = append(paths, cur)
				}
				cur = [][2]int{a}
			}
			cur = append(cur, b)
		}
		if len(cur) > 0 {
			paths = append(paths, cur)
		}
	}
	strokePath(r, paths, s.color, 2*style.StrokeWidth)
	// Markers show the points of short series, and lone points between
	// gaps, which have no segment to show them.
	rad := 2.5 * style.StrokeWidth
	var pts [][2]int
	for _, run := range s.runs {
		if !s.markers && len(run) > 1 {
			continue
		}
		for _, p := range run {
			x, y := toX(box, xr, p.x), toY(box, yr, p.y)
			if inside(box, x, y, int(rad+0.5)) {
				pts = append(pts, [2]int{x, y})
			}
		}
	}
	fillCircles(r, pts, rad, s.color)
}

// buildLine draws one line per series through its points in order.
func buildLine(spec *sdk.Chart, th theme) *plot {
	p := &plot{x: numericAxis(spec.X, 0.03), y: numericAxis(spec.Y, 0.05), legend: legendFor(spec, th, shapeLine)}
	for si := range spec.Series {
		s := &spec.Series[si]
		pts, _ := seriesPoints(s, p.x.kind == axisLog, p.y.kind == axisLog)
		pts = inBands(pts, &p.x, &p.y)
		ls := lineSeries{seriesBase: seriesBase{seriesName(s, si)}, color: th.color(si), markers: len(pts) <= 60}
		prev := -2
		for _, pt := range pts {
			if pt.i != prev+1 || len(ls.runs) == 0 {
				ls.runs = append(ls.runs, nil)
			}
			ls.runs[len(ls.runs)-1] = append(ls.runs[len(ls.runs)-1], pt)
			prev = pt.i
			p.x.include(pt.x)
			p.y.include(pt.y)
		}
		p.points += len(pts)
		p.series = append(p.series, ls)
	}
	return p
}
