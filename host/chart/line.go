package chart

import (
	"math"

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

var (
	_ gochart.Series = lineSeries{}
	_ hitter         = lineSeries{}
)

// hit finds the nearest point within reach, else the nearer end of the
// nearest segment within reach.
func (s lineSeries) hit(q *hitQuery) (Hit, float64, bool) {
	reach := q.c.hitRadius(2.5 * q.c.scale)
	px, py := float64(q.x), float64(q.y)
	best, bestD := point{}, math.Inf(1)
	for _, run := range s.runs {
		for i, p := range run {
			x, y := float64(toX(q.box, q.xr, p.x)), float64(toY(q.box, q.yr, p.y))
			if d := math.Hypot(x-px, y-py); d <= reach && d < bestD {
				best, bestD = p, d
			}
			if i == 0 || bestD <= reach {
				continue
			}
			a := run[i-1]
			ax, ay := float64(toX(q.box, q.xr, a.x)), float64(toY(q.box, q.yr, a.y))
			if d := segmentDist(px, py, ax, ay, x, y); d <= reach && d+reach < bestD {
				// Beyond any vertex in reach: the nearer end stands for the
				// segment, at the segment's own distance plus reach.
				best, bestD = p, d+reach
				if math.Hypot(ax-px, ay-py) < math.Hypot(x-px, y-py) {
					best = a
				}
			}
		}
	}
	if math.IsInf(bestD, 1) || !inside(q.box, q.x, q.y, -int(reach)) {
		return Hit{}, 0, false
	}
	return pointHit(q.spec, s.idx, best.i, best.x, best.y, best.y, categoryLabel(q.spec, best.x, best.y)), bestD, true
}

// segmentDist is the distance from (px, py) to the segment a-b.
func segmentDist(px, py, ax, ay, bx, by float64) float64 {
	dx, dy := bx-ax, by-ay
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = math.Max(0, math.Min(1, ((px-ax)*dx+(py-ay)*dy)/l2))
	}
	return math.Hypot(px-(ax+t*dx), py-(ay+t*dy))
}

// categoryLabel names the category of a point on a categorical axis (x
// first), or is empty.
func categoryLabel(spec *sdk.Chart, x, y float64) string {
	for _, c := range []struct {
		cats []string
		v    float64
	}{{spec.X.Categories, x}, {spec.Y.Categories, y}} {
		if i := math.Round(c.v); len(c.cats) > 0 && i >= 0 && int(i) < len(c.cats) {
			return c.cats[int(i)]
		}
	}
	return ""
}

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
		ls := lineSeries{seriesBase: seriesBase{seriesName(s, si), si}, color: th.color(si), markers: len(pts) <= 60}
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
