package chart

import (
	"math"
	"slices"

	"github.com/openml-dash/openml-dash/sdk"
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// span is a bar in data units: from c0 to c1 along the category (or bin)
// axis and from v0 to v1 along the value axis, with what a hit on it
// reports: its category (or -1), the index of its point in the series,
// its x coordinate, value and fallback label.
type span struct {
	c0, c1, v0, v1 float64
	cat, pt        int
	x, value       float64
	label          string
}

// barSeries draws one series' bars. Along a value axis the bars start at
// v0; a bar of non-zero value keeps at least one pixel, so the smallest
// bar never vanishes.
type barSeries struct {
	seriesBase
	color      drawing.Color
	bars       []span
	horizontal bool // categories run down the vertical axis
	gap        bool // leave a pixel between neighbouring bins
	noHit      bool // the bars summarise points rather than show them
}

var (
	_ gochart.Series = barSeries{}
	_ hitter         = barSeries{}
)

// rectOf is bar b on the screen, clipped to box; ok is false when nothing
// of it shows.
func (s barSeries) rectOf(b span, box gochart.Box, xr, yr gochart.Range, minLen int) (rect, bool) {
	var q rect
	if s.horizontal {
		q = rect{x0: valuePx(box, xr, b.v0, false), x1: valuePx(box, xr, b.v1, false), y0: toY(box, yr, b.c0), y1: toY(box, yr, b.c1)}
	} else {
		q = rect{x0: toX(box, xr, b.c0), x1: toX(box, xr, b.c1), y0: valuePx(box, yr, b.v0, true), y1: valuePx(box, yr, b.v1, true)}
	}
	q = q.norm()
	if s.gap && q.x1-q.x0 >= 4 && !s.horizontal {
		q.x1--
	}
	if s.gap && q.y1-q.y0 >= 4 && s.horizontal {
		q.y1--
	}
	if b.v0 != b.v1 {
		q = minExtent(q, minLen, s.horizontal, b.v1 >= b.v0)
	}
	return q.clip(box)
}

func (s barSeries) Render(r gochart.Renderer, box gochart.Box, xr, yr gochart.Range, style gochart.Style) {
	minLen := max(1, int(math.Round(style.StrokeWidth)))
	rs := make([]rect, 0, len(s.bars))
	for _, b := range s.bars {
		if q, ok := s.rectOf(b, box, xr, yr, minLen); ok {
			rs = append(rs, q)
		}
	}
	fillRects(r, rs, s.color)
}

func (s barSeries) hit(q *hitQuery) (Hit, float64, bool) {
	if s.noHit {
		return Hit{}, 0, false
	}
	minLen := max(1, int(math.Round(q.c.scale)))
	for i := len(s.bars) - 1; i >= 0; i-- {
		b := s.bars[i]
		if r, ok := s.rectOf(b, q.box, q.xr, q.yr, minLen); ok && q.x >= r.x0 && q.x < r.x1 && q.y >= r.y0 && q.y < r.y1 {
			idx := b.pt
			if b.cat >= 0 {
				idx = b.cat
			}
			h := pointHit(q.spec, s.idx, b.pt, b.x, b.value, b.value, b.label)
			h.Index = idx
			return h, 0, true
		}
	}
	return Hit{}, 0, false
}

// valuePx maps a value to a pixel; on a log axis a value at or below zero
// is the axis start (bars there grow from the bottom of the plot).
func valuePx(box gochart.Box, rg gochart.Range, v float64, vertical bool) int {
	if sc, ok := rg.(*scale); ok && sc.log && v <= 0 {
		v = sc.min
	}
	if vertical {
		return toY(box, rg, v)
	}
	return toX(box, rg, v)
}

// minExtent grows q to at least n pixels along the value axis, away from
// its base.
func minExtent(q rect, n int, horizontal, up bool) rect {
	if horizontal {
		if q.x1-q.x0 < n {
			if up {
				q.x1 = q.x0 + n
			} else {
				q.x0 = q.x1 - n
			}
		}
		return q
	}
	if q.y1-q.y0 < n {
		if up {
			q.y0 = q.y1 - n
		} else {
			q.y1 = q.y0 + n
		}
	}
	return q
}

// barLayout is how several series share a category.
type barLayout uint8

const (
	barsGrouped barLayout = iota
	barsStacked
	barsOverlay
)

// barLayoutFor reads Chart.Barmode; BarModeAuto stacks stacked bar charts
// and histograms and groups the other bar kinds.
func barLayoutFor(spec *sdk.Chart) barLayout {
	switch spec.Barmode {
	case sdk.BarModeStack:
		return barsStacked
	case sdk.BarModeGroup:
		return barsGrouped
	case sdk.BarModeOverlay:
		return barsOverlay
	}
	if spec.Kind == sdk.ChartStackedBar || spec.Kind == sdk.ChartHistogram {
		return barsStacked
	}
	return barsGrouped
}

// overlayAlpha lets overlaid bars show the ones behind.
const overlayAlpha = 150

// categoryIndex maps the x values of a bar chart to categories: indexes
// into Axis.Categories, or, without categories, the distinct x values
// sorted and printed.
type categoryIndex struct {
	cats   []string
	byX    map[float64]int
	listed bool
}

func newCategoryIndex(spec *sdk.Chart) categoryIndex {
	if len(spec.X.Categories) > 0 {
		return categoryIndex{cats: cleanAll(spec.X.Categories), listed: true}
	}
	var xs []float64
	for i := range spec.Series {
		pts, _ := seriesPoints(&spec.Series[i], false, false)
		for _, p := range pts {
			xs = append(xs, p.x)
		}
	}
	slices.Sort(xs)
	xs = slices.Compact(xs)
	out := categoryIndex{cats: make([]string, len(xs)), byX: make(map[float64]int, len(xs))}
	for i, x := range xs {
		out.cats[i] = formatValue(x)
		out.byX[x] = i
	}
	return out
}

func (ci categoryIndex) index(x float64) (int, bool) {
	if !ci.listed {
		i, ok := ci.byX[x]
		return i, ok
	}
	i := math.Round(x)
	if math.Abs(x-i) > 1e-9 || i < 0 || int(i) >= len(ci.cats) {
		return 0, false
	}
	return int(i), true
}

// buildBar draws bar, stacked bar and grouped bar charts. A plain bar
// chart with several series is drawn grouped, so no series hides another.
func buildBar(spec *sdk.Chart, th theme) *plot {
	ci := newCategoryIndex(spec)
	return barsOver(spec, th, ci.cats, ci.index, barLayoutFor(spec))
}

// barsOver lays out the series' bars over the given categories.
func barsOver(spec *sdk.Chart, th theme, cats []string, index func(float64) (int, bool), layout barLayout) *plot {
	cat := axisSpec{title: cleanText(spec.X.Title), kind: axisBand, cats: cats}
	val := valueAxis(spec.Y, true)
	p := &plot{legend: legendFor(spec, th, shapeBox)}

	const width = 0.8 // of a band; the rest separates categories
	k := max(1, len(spec.Series))
	pos := make([]float64, len(cats)) // stack tops above and below zero
	neg := make([]float64, len(cats))
	for si := range spec.Series {
		pts, _ := seriesPoints(&spec.Series[si], false, val.kind == axisLog)
		col := th.color(si)
		if layout == barsOverlay && k > 1 {
			col = withAlpha(col, overlayAlpha)
		}
		s := barSeries{seriesBase: seriesBase{seriesName(&spec.Series[si], si), si}, color: col, horizontal: spec.Horizontal}
		for _, pt := range pts {
			i, ok := index(pt.x)
			if !ok {
				continue
			}
			c := float64(i)
			b := span{cat: i, pt: pt.i, x: c, value: pt.y, label: cats[i]}
			switch layout {
			case barsStacked:
				b.c0, b.c1 = c-width/2, c+width/2
				if pt.y >= 0 {
					b.v0, b.v1 = pos[i], pos[i]+pt.y
					pos[i] = b.v1
				} else {
					b.v0, b.v1 = neg[i], neg[i]+pt.y
					neg[i] = b.v1
				}
			case barsOverlay:
				b.c0, b.c1, b.v1 = c-width/2, c+width/2, pt.y
			default:
				w := width / float64(k)
				b.c0 = c - width/2 + float64(si)*w
				b.c1, b.v1 = b.c0+w, pt.y
			}
			val.include(b.v0)
			val.include(b.v1)
			s.bars = append(s.bars, b)
			p.points++
		}
		p.series = append(p.series, s)
	}
	if spec.Horizontal {
		cat.descending = true
		p.x, p.y = val, cat
	} else {
		p.x, p.y = cat, val
	}
	return p
}
