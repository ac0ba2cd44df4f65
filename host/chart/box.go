package chart

import (
	"math"
	"slices"

	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/stats"
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// boxStats is one box: its place on the category axis and its summary.
type boxStats struct {
	c0, c1              float64
	cat                 int     // the category index
	lo, q1, med, q3, hi float64 // whiskers at the furthest samples within 1.5 IQR
	outliers            []float64
	outIdx              []int // the outliers' indexes in the series
}

// summarize computes Tukey's box of sorted samples (quartiles as numpy's
// default, see stats.Quantile); idx, when not nil, holds each sample's
// index in its series.
func summarize(sorted []float64, idx []int) boxStats {
	b := boxStats{q1: stats.Quantile(sorted, 0.25), med: stats.Quantile(sorted, 0.5), q3: stats.Quantile(sorted, 0.75)}
	iqr := b.q3 - b.q1
	lo, hi := b.q1-1.5*iqr, b.q3+1.5*iqr
	b.lo, b.hi = b.q1, b.q3
	for k, v := range sorted {
		if v < lo || v > hi {
			b.outliers = append(b.outliers, v)
			if idx != nil {
				b.outIdx = append(b.outIdx, idx[k])
			}
			continue
		}
		b.lo, b.hi = math.Min(b.lo, v), math.Max(b.hi, v)
	}
	return b
}

// boxSeries draws one series' boxes: a translucent body from q1 to q3, a
// median bar, whiskers with caps and the outliers as dots.
type boxSeries struct {
	seriesBase
	color      drawing.Color
	boxes      []boxStats
	horizontal bool
	cats       []string // the category names, in full
}

var (
	_ gochart.Series = boxSeries{}
	_ hitter         = boxSeries{}
)

// screen places category c and value v on the screen, whichever way the
// axes run.
func screen(horizontal bool, box gochart.Box, xr, yr gochart.Range, c, v float64) (int, int) {
	if horizontal {
		return valuePx(box, xr, v, false), toY(box, yr, c)
	}
	return toX(box, xr, c), valuePx(box, yr, v, true)
}

// hit finds an outlier dot within reach, else the box whose body or
// whisker span holds the pixel.
func (s boxSeries) hit(q *hitQuery) (Hit, float64, bool) {
	reach := q.c.hitRadius(2.5 * q.c.scale)
	for _, b := range s.boxes {
		mid := (b.c0 + b.c1) / 2
		bestD, best := reach, -1
		for k, v := range b.outliers {
			x, y := screen(s.horizontal, q.box, q.xr, q.yr, mid, v)
			if d := math.Hypot(float64(x-q.x), float64(y-q.y)); d <= bestD {
				bestD, best = d, k
			}
		}
		if best >= 0 && best < len(b.outIdx) {
			v := b.outliers[best]
			h := pointHit(q.spec, s.idx, b.outIdx[best], float64(b.cat), v, v, s.cats[b.cat])
			return h, bestD, true
		}
	}
	for _, b := range s.boxes {
		if groupRect(s.horizontal, q, b.c0, b.c1, b.lo, b.hi).has(q.x, q.y) {
			return s.groupHit(q, b), 0, true
		}
	}
	return Hit{}, 0, false
}

// groupHit is a hit on a whole box or violin: its category and median.
func (s boxSeries) groupHit(q *hitQuery, b boxStats) Hit {
	h := Hit{Series: s.idx, Index: b.cat, SeriesName: s.name, X: float64(b.cat), Y: b.med, Value: b.med, Label: s.cats[b.cat]}
	return h
}

// groupRect is the screen rectangle of a group from c0 to c1 across and
// from v0 to v1 along the value axis, clipped to the box.
func groupRect(horizontal bool, q *hitQuery, c0, c1, v0, v1 float64) rect {
	x0, y0 := screen(horizontal, q.box, q.xr, q.yr, c0, v0)
	x1, y1 := screen(horizontal, q.box, q.xr, q.yr, c1, v1)
	r := rect{x0, y0, x1, y1}.norm()
	r.x1++
	r.y1++
	r, _ = r.clip(q.box)
	return r
}

func (s boxSeries) Render(r gochart.Renderer, box gochart.Box, xr, yr gochart.Range, style gochart.Style) {
	lw := max(1, int(math.Round(style.StrokeWidth)))
	// pt places category c and value v on the screen, whichever way the
	// axes run.
	pt := func(c, v float64) (int, int) { return screen(s.horizontal, box, xr, yr, c, v) }
	// along is a line t pixels thick along the value axis at category c;
	// across one along the category axis at value v.
	along := func(c, v0, v1 float64, t int) rect {
		x0, y0 := pt(c, v0)
		x1, y1 := pt(c, v1)
		if s.horizontal {
			return rect{x0, y0 - t/2, x1, y0 - t/2 + t}
		}
		return rect{x0 - t/2, y0, x0 - t/2 + t, y1}
	}
	across := func(c0, c1, v float64, t int) rect {
		x0, y0 := pt(c0, v)
		x1, y1 := pt(c1, v)
		if s.horizontal {
			return rect{x0 - t/2, y0, x0 - t/2 + t, y1}
		}
		return rect{x0, y0 - t/2, x1, y0 - t/2 + t}
	}
	var bodies, strokes, medians []rect
	for _, b := range s.boxes {
		mid := (b.c0 + b.c1) / 2
		quarter := (b.c1 - b.c0) / 4
		x0, y0 := pt(b.c0, b.q1)
		x1, y1 := pt(b.c1, b.q3)
		q := rect{x0, y0, x1, y1}.norm()
		bodies = append(bodies, q)
		strokes = append(strokes,
			rect{q.x0, q.y0, q.x1, q.y0 + lw}, rect{q.x0, q.y1 - lw, q.x1, q.y1},
			rect{q.x0, q.y0, q.x0 + lw, q.y1}, rect{q.x1 - lw, q.y0, q.x1, q.y1},
			along(mid, b.q3, b.hi, lw), along(mid, b.lo, b.q1, lw),
			across(mid-quarter, mid+quarter, b.hi, lw), across(mid-quarter, mid+quarter, b.lo, lw))
		medians = append(medians, across(b.c0, b.c1, b.med, 2*lw))
	}
	fillRects(r, clipAll(bodies, box), withAlpha(s.color, 80))
	fillRects(r, clipAll(strokes, box), s.color)
	fillRects(r, clipAll(medians, box), s.color)
	rad := 2.5 * style.StrokeWidth
	var dots [][2]int
	for _, b := range s.boxes {
		mid := (b.c0 + b.c1) / 2
		for _, v := range b.outliers {
			if x, y := pt(mid, v); inside(box, x, y, int(rad+0.5)) {
				dots = append(dots, [2]int{x, y})
			}
		}
	}
	fillCircles(r, dots, rad, s.color)
}

func clipAll(rs []rect, box gochart.Box) []rect {
	out := rs[:0]
	for _, q := range rs {
		if q, ok := q.clip(box); ok {
			out = append(out, q)
		}
	}
	return out
}

// sampleGroup is the samples of one series in one category, sorted, with
// each sample's index in the series.
type sampleGroup struct {
	cat  int
	vals []float64
	idx  []int
}

// groupSamples reads box and violin specs. Without X, each series is one
// group named by the series; with X, a series' samples are grouped by
// category (its X values index X.Categories, or are the categories).
func groupSamples(spec *sdk.Chart, ylog bool) (cats []string, grouped bool, groups [][]sampleGroup) {
	for i := range spec.Series {
		grouped = grouped || len(spec.Series[i].X) > 0
	}
	index := func(float64) (int, bool) { return 0, false }
	if grouped {
		ci := newCategoryIndex(spec)
		cats, index = ci.cats, ci.index
	} else {
		for i := range spec.Series {
			cats = append(cats, seriesName(&spec.Series[i], i))
		}
	}
	groups = make([][]sampleGroup, len(spec.Series))
	for si := range spec.Series {
		pts, _ := seriesPoints(&spec.Series[si], false, ylog)
		byCat := map[int][]point{}
		for _, pt := range pts {
			c := si
			if grouped {
				var ok bool
				if c, ok = index(pt.x); !ok {
					continue
				}
			}
			byCat[c] = append(byCat[c], pt)
		}
		for _, c := range sortedKeys(byCat) {
			ps := byCat[c]
			slices.SortStableFunc(ps, func(a, b point) int {
				switch {
				case a.y < b.y:
					return -1
				case a.y > b.y:
					return 1
				}
				return 0
			})
			g := sampleGroup{cat: c, vals: make([]float64, len(ps)), idx: make([]int, len(ps))}
			for k, p := range ps {
				g.vals[k], g.idx[k] = p.y, p.i
			}
			groups[si] = append(groups[si], g)
		}
	}
	return cats, grouped, groups
}

// buildBox draws box plots. Without X, each series is one box named by
// the series; with X, a series' samples are grouped by category (its X
// values index X.Categories, or are the categories) and series sit side
// by side within a category.
func buildBox(spec *sdk.Chart, th theme) *plot {
	sp := newSamplePlot(spec, th, 0.05, 0.7)
	for si := range spec.Series {
		bs := boxSeries{seriesBase: seriesBase{seriesName(&spec.Series[si], si), si}, color: th.color(si), horizontal: spec.Horizontal, cats: sp.cats}
		for _, g := range sp.groups[si] {
			b := summarize(g.vals, g.idx)
			b.cat = g.cat
			b.c0, b.c1 = sp.span(si, g.cat)
			sp.val.include(b.lo)
			sp.val.include(b.hi)
			for _, o := range b.outliers {
				sp.val.include(o)
			}
			bs.boxes = append(bs.boxes, b)
			sp.p.points += len(g.vals)
		}
		sp.p.series = append(sp.p.series, bs)
	}
	return sp.done(spec)
}

// samplePlot is a box or violin chart being built: each category is a
// band of width; grouped series sit side by side in it, else one shape
// fills it and the legend goes (the colours already tell series apart).
type samplePlot struct {
	p      *plot
	val    axisSpec
	cats   []string
	groups [][]sampleGroup
	span   func(si, cat int) (c0, c1 float64)
}

func newSamplePlot(spec *sdk.Chart, th theme, pad, width float64) *samplePlot {
	sp := &samplePlot{p: &plot{legend: legendFor(spec, th, shapeBox)}, val: valueAxis(spec.Y, false)}
	sp.val.pad = pad
	cats, grouped, groups := groupSamples(spec, sp.val.kind == axisLog)
	sp.cats, sp.groups = cats, groups
	k := 1
	if grouped {
		k = max(1, len(spec.Series))
	} else {
		sp.p.legend = nil
	}
	w := width / float64(k)
	sp.span = func(si, cat int) (float64, float64) {
		if !grouped {
			si = 0
		}
		c0 := float64(cat) - width/2 + float64(si)*w
		return c0, c0 + w
	}
	return sp
}

// done sets the plot's axes: the value axis up, or across when horizontal.
func (sp *samplePlot) done(spec *sdk.Chart) *plot {
	cat := axisSpec{title: cleanText(spec.X.Title), kind: axisBand, cats: sp.cats}
	if spec.Horizontal {
		cat.descending = true
		sp.p.x, sp.p.y = sp.val, cat
	} else {
		sp.p.x, sp.p.y = cat, sp.val
	}
	return sp.p
}

func sortedKeys[V any](m map[int]V) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
