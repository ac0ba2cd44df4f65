package chart

import (
	"math"
	"slices"

	"github.com/openml-dash/openml-dash/sdk"
)

// bin is one histogram bar: [lo, hi) with a count, and its index in Y.
type bin struct {
	lo, hi, count float64
	i             int
}

// seriesBins reads a histogram series: X holds len(Y)+1 bin edges, or one
// centre per count (bins then reach halfway to their neighbours), or
// nothing (bin i is centred on i). Bins with a value that is not finite,
// or not positive on a log x axis, are skipped.
func seriesBins(s *sdk.Series, xlog bool) []bin {
	var out []bin
	ok := func(b bin) bool {
		return finite(b.lo) && finite(b.hi) && finite(b.count) && b.hi > b.lo && (!xlog || b.lo > 0)
	}
	if len(s.X) == len(s.Y)+1 {
		for i, y := range s.Y {
			if b := (bin{s.X[i], s.X[i+1], y, i}); ok(b) {
				out = append(out, b)
			}
		}
		return out
	}
	pts, _ := seriesPoints(s, false, false)
	slices.SortStableFunc(pts, func(a, b point) int {
		switch {
		case a.x < b.x:
			return -1
		case a.x > b.x:
			return 1
		}
		return 0
	})
	for i, p := range pts {
		var lo, hi float64
		switch {
		case len(pts) == 1:
			lo, hi = p.x-0.5, p.x+0.5
		case i == 0:
			hi = (p.x + pts[1].x) / 2
			lo = p.x - (hi - p.x)
		case i == len(pts)-1:
			lo = (pts[i-1].x + p.x) / 2
			hi = p.x + (p.x - lo)
		default:
			lo, hi = (pts[i-1].x+p.x)/2, (p.x+pts[i+1].x)/2
		}
		if b := (bin{lo, hi, p.y, p.i}); ok(b) {
			out = append(out, b)
		}
	}
	return out
}

// buildHistogram draws counts over numeric bins; several series are
// stacked where their bins coincide, or side by side within each bin, or
// overlaid (Chart.Barmode). A histogram over categories (a nominal
// feature) is a bar chart, stacked unless Barmode says otherwise.
func buildHistogram(spec *sdk.Chart, th theme) *plot {
	layout := barLayoutFor(spec)
	if len(spec.X.Categories) > 0 {
		ci := newCategoryIndex(spec)
		return barsOver(spec, th, ci.cats, ci.index, layout)
	}
	xa := axisSpec{title: cleanText(spec.X.Title), kind: axisLinear, pad: 0.02, grid: false}
	if spec.X.Log {
		xa.kind = axisLog
	}
	val := valueAxis(spec.Y, true)
	p := &plot{legend: legendFor(spec, th, shapeBox)}
	type key struct{ lo, hi float64 }
	pos, neg := map[key]float64{}, map[key]float64{}
	k := max(1, len(spec.Series))
	for si := range spec.Series {
		col := th.color(si)
		if layout == barsOverlay && k > 1 {
			col = withAlpha(col, overlayAlpha)
		}
		s := barSeries{seriesBase: seriesBase{seriesName(&spec.Series[si], si), si}, color: col, horizontal: spec.Horizontal, gap: true}
		for _, b := range seriesBins(&spec.Series[si], spec.X.Log) {
			if val.kind == axisLog && b.count <= 0 {
				continue
			}
			sp := span{c0: b.lo, c1: b.hi, v1: b.count, cat: -1, pt: b.i, value: b.count,
				label: "[" + formatValue(b.lo) + ", " + formatValue(b.hi) + ")"}
			sp.x = (b.lo + b.hi) / 2
			if spec.X.Log {
				sp.x = math.Sqrt(b.lo * b.hi)
			}
			switch layout {
			case barsStacked:
				bk := key{roundSig(b.lo), roundSig(b.hi)}
				if b.count >= 0 {
					sp.v0, sp.v1 = pos[bk], pos[bk]+b.count
					pos[bk] = sp.v1
				} else {
					sp.v0, sp.v1 = neg[bk], neg[bk]+b.count
					neg[bk] = sp.v1
				}
			case barsGrouped:
				if k > 1 {
					// Side by side within the bin, evenly on a log axis too.
					lo, hi := b.lo, b.hi
					if spec.X.Log {
						lo, hi = math.Log10(lo), math.Log10(hi)
					}
					w := (hi - lo) / float64(k)
					sp.c0, sp.c1 = lo+float64(si)*w, lo+float64(si+1)*w
					if spec.X.Log {
						sp.c0, sp.c1 = math.Pow(10, sp.c0), math.Pow(10, sp.c1)
					}
				}
			}
			xa.include(b.lo)
			xa.include(b.hi)
			val.include(sp.v0)
			val.include(sp.v1)
			s.bars = append(s.bars, sp)
			p.points++
		}
		p.series = append(p.series, s)
	}
	if spec.Horizontal {
		xa.descending = false
		p.x, p.y = val, xa
	} else {
		p.x, p.y = xa, val
	}
	return p
}

// roundSig rounds to 9 significant digits, so bin edges computed in
// different ways still stack.
func roundSig(v float64) float64 {
	if v == 0 || !finite(v) {
		return v
	}
	e := math.Pow(10, 8-math.Floor(math.Log10(math.Abs(v))))
	if math.IsInf(e, 0) {
		return v
	}
	return math.Round(v*e) / e
}
