package chart

import (
	"math"
	"slices"

	"github.com/openml-dash/openml-dash/sdk"
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// boxStats is one box: its place on the category axis and its summary.
type boxStats struct {
	c0, c1              float64
	lo, q1, med, q3, hi float64 // whiskers at the furthest samples within 1.5 IQR
	outliers            []float64
}

// summarize computes Tukey's box of sorted samples (quartiles by linear
// interpolation, as numpy's default).
func summarize(sorted []float64) boxStats {
	q := func(p float64) float64 {
		pos := p * float64(len(sorted)-1)
		i := int(math.Floor(pos))
		if i+1 >= len(sorted) {
			return sorted[len(sorted)-1]
		}
		return sorted[i] + (pos-float64(i))*(sorted[i+1]-sorted[i])
	}
	b := boxStats{q1: q(0.25), med: q(0.5), q3: q(0.75)}
	iqr := b.q3 - b.q1
	lo, hi := b.q1-1.5*iqr, b.q3+1.5*iqr
	b.lo, b.hi = b.q1, b.q3
	for _, v := range sorted {
		if v < lo || v > hi {
			b.outliers = append(b.outliers, v)
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
}

var _ gochart.Series = boxSeries{}

func (s boxSeries) Render(r gochart.Renderer, box gochart.Box, xr, yr gochart.Range, style gochart.Style) {
	lw := max(1, int(math.Round(style.StrokeWidth)))
	// pt places category c and value v on the screen, whichever way the
	// axes run.
	pt := func(c, v float64) (int, int) {
		if s.horizontal {
			return valuePx(box, xr, v, false), toY(box, yr, c)
		}
		return toX(box, xr, c), valuePx(box, yr, v, true)
	}
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

// buildBox draws box plots. Without X, each series is one box named by
// the series; with X, a series' samples are grouped by category (its X
// values index X.Categories, or are the categories) and series sit side
// by side within a category.
func buildBox(spec *sdk.Chart, th theme) *plot {
	val := valueAxis(spec.Y, false)
	val.pad = 0.05
	p := &plot{legend: legendFor(spec, th, shapeBox)}
	grouped := false
	for i := range spec.Series {
		grouped = grouped || len(spec.Series[i].X) > 0
	}
	var cats []string
	index := func(float64) (int, bool) { return 0, false }
	if grouped {
		ci := newCategoryIndex(spec)
		cats, index = ci.cats, ci.index
	} else {
		for i := range spec.Series {
			cats = append(cats, seriesName(&spec.Series[i], i))
		}
		// One box per category: the colours already tell series apart.
		p.legend = nil
	}
	k := 1
	if grouped {
		k = max(1, len(spec.Series))
	}
	const width = 0.7
	w := width / float64(k)
	for si := range spec.Series {
		s := &spec.Series[si]
		pts, _ := seriesPoints(s, false, val.kind == axisLog)
		groups := map[int][]float64{}
		for _, pt := range pts {
			c := si
			if grouped {
				var ok bool
				if c, ok = index(pt.x); !ok {
					continue
				}
			}
			groups[c] = append(groups[c], pt.y)
		}
		bs := boxSeries{seriesBase: seriesBase{seriesName(s, si)}, color: th.color(si), horizontal: spec.Horizontal}
		for _, c := range sortedKeys(groups) {
			vs := groups[c]
			slices.Sort(vs)
			b := summarize(vs)
			off := 0
			if grouped {
				off = si
			}
			b.c0 = float64(c) - width/2 + float64(off)*w
			b.c1 = b.c0 + w
			val.include(b.lo)
			val.include(b.hi)
			for _, o := range b.outliers {
				val.include(o)
			}
			bs.boxes = append(bs.boxes, b)
			p.points += len(vs)
		}
		p.series = append(p.series, bs)
	}
	cat := axisSpec{title: cleanText(spec.X.Title), kind: axisBand, cats: cats}
	if spec.Horizontal {
		cat.descending = true
		p.x, p.y = val, cat
	} else {
		p.x, p.y = cat, val
	}
	return p
}

func sortedKeys(m map[int][]float64) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
