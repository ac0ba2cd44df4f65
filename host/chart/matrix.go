package chart

import (
	"math"

	"github.com/openml-dash/openml-dash/sdk"
	gochart "github.com/wcharczuk/go-chart/v2"
)

// matrixPlot is a scatter matrix: k dimensions, panel (i, j) plots
// dimension j across and dimension i up; the diagonal holds each
// dimension's histogram.
type matrixPlot struct {
	k     int
	dims  []axisSpec           // each dimension's axis, shared by its row and column
	count []axisSpec           // the count axis of each diagonal histogram
	cells [][][]gochart.Series // cells[i][j]: what panel (i, j) draws
}

// matrixBins is the number of histogram bins of a numeric dimension.
func matrixBins(n int) int {
	// Sturges' rule, within 5 to 30.
	return max(5, min(30, int(math.Ceil(math.Log2(float64(max(1, n)))))+1))
}

// buildMatrix reads a scatter matrix spec: Chart.Dimensions name the
// dimensions (Log and Categories as on any axis) and Series.Dims[d][i] is
// point i's value on dimension d. Each series has its own colour, or
// colours its points by Series.Color.
func buildMatrix(spec *sdk.Chart, c *canvas) *plot {
	th := c.th
	k := len(spec.Dimensions)
	p := &plot{mode: modeMatrix}
	if k == 0 {
		p.placeholder = "A scatter matrix needs its dimensions (Chart.Dimensions) and the points' values in Series.Dims."
		return p
	}
	m := &matrixPlot{k: k, dims: make([]axisSpec, k), count: make([]axisSpec, k), cells: make([][][]gochart.Series, k)}
	p.matrix = m
	for d, a := range spec.Dimensions {
		m.dims[d] = numericAxis(a, 0.05)
		m.dims[d].title = cleanText(a.Title)
		if m.dims[d].title == "" {
			m.dims[d].title = "Dimension " + formatValue(float64(d+1))
		}
		m.count[d] = axisSpec{kind: axisLinear, zero: true, pad: 0.05}
		m.cells[d] = make([][]gochart.Series, k)
	}
	var colors [][]float64
	rows := make([]int, len(spec.Series)) // points per series
	for si := range spec.Series {
		s := &spec.Series[si]
		if len(s.Dims) < k {
			continue
		}
		n := len(s.Dims[0])
		for d := 1; d < k; d++ {
			n = min(n, len(s.Dims[d]))
		}
		rows[si] = n
		for d := 0; d < k; d++ {
			for _, v := range s.Dims[d][:n] {
				if inAxis(&m.dims[d], v) {
					m.dims[d].include(v)
				}
			}
		}
		if len(s.Color) > 0 {
			colors = append(colors, s.Color)
		}
		p.points += n
	}
	cmap, colored := newColorScale(spec.ColorAxis.Log, colors...)
	// Off the diagonal: the points of every series, dots or density as a
	// scatter plot of as many points would be.
	for i := 0; i < k; i++ {
		for j := 0; j < k; j++ {
			if i == j {
				continue
			}
			var sets []*pointSeries
			for si := range spec.Series {
				s := &spec.Series[si]
				if rows[si] == 0 {
					continue
				}
				ps := &pointSeries{seriesBase: seriesBase{seriesName(s, si), si}, c: c, xs: s.Dims[j], ys: s.Dims[i], n: rows[si],
					color: th.color(si), xlog: m.dims[j].kind == axisLog, ylog: m.dims[i].kind == axisLog}
				if m.dims[j].kind == axisBand {
					ps.xcats = len(m.dims[j].cats)
				}
				if m.dims[i].kind == axisBand {
					ps.ycats = len(m.dims[i].cats)
				}
				if len(s.Color) > 0 && colored {
					ps.cs, ps.cmap = s.Color, cmap
				}
				sets = append(sets, ps)
			}
			m.cells[i][j] = drawPoints(p, c, sets, p.points)
		}
	}
	// The diagonal: each series' histogram of the dimension, over bins
	// shared by the series, overlaid.
	for d := 0; d < k; d++ {
		m.cells[d][d] = matrixHistograms(spec, th, &m.dims[d], &m.count[d], d, rows)
	}
	if spec.Legend {
		for si := range spec.Series {
			if rows[si] > 0 && (len(spec.Series[si].Color) == 0 || !colored) {
				p.legend = append(p.legend, legendEntry{name: seriesName(&spec.Series[si], si), color: th.color(si), shape: shapeDot})
			}
		}
	}
	if colored {
		p.colorbar = &colorbar{title: cleanText(spec.ColorAxis.Title), sc: cmap}
	}
	return p
}

// inAxis tells whether v can be drawn on a.
func inAxis(a *axisSpec, v float64) bool {
	switch {
	case !finite(v):
		return false
	case a.kind == axisLog:
		return v > 0
	case a.kind == axisBand:
		return v >= -0.5 && v <= float64(len(a.cats))-0.5
	}
	return true
}

// matrixHistograms bins dimension d of every series.
func matrixHistograms(spec *sdk.Chart, th theme, dim, count *axisSpec, d int, rows []int) []gochart.Series {
	var edges []float64
	if dim.kind != axisBand && dim.has {
		total := 0
		for _, n := range rows {
			total += n
		}
		nb := matrixBins(total)
		lo, hi := dim.lo, dim.hi
		if dim.kind == axisLog {
			lo, hi = math.Log10(lo), math.Log10(hi)
		}
		if lo == hi {
			lo, hi = lo-0.5, hi+0.5
		}
		for b := 0; b <= nb; b++ {
			e := lo + (hi-lo)*float64(b)/float64(nb)
			if dim.kind == axisLog {
				e = math.Pow(10, e)
			}
			edges = append(edges, e)
		}
	}
	drawn := 0
	for _, n := range rows {
		if n > 0 {
			drawn++
		}
	}
	var out []gochart.Series
	for si := range spec.Series {
		if rows[si] == 0 {
			continue
		}
		vals := spec.Series[si].Dims[d][:rows[si]]
		var bars []span
		if dim.kind == axisBand {
			counts := make([]float64, len(dim.cats))
			for _, v := range vals {
				if inAxis(dim, v) {
					counts[int(math.Round(v))]++
				}
			}
			for ci, n := range counts {
				if n > 0 {
					bars = append(bars, span{c0: float64(ci) - 0.4, c1: float64(ci) + 0.4, v1: n, cat: ci})
				}
			}
		} else if len(edges) > 1 {
			nb := len(edges) - 1
			counts := make([]float64, nb)
			lo, hi := edges[0], edges[nb]
			if dim.kind == axisLog {
				lo, hi = math.Log10(lo), math.Log10(hi)
			}
			for _, v := range vals {
				if !inAxis(dim, v) {
					continue
				}
				if dim.kind == axisLog {
					v = math.Log10(v)
				}
				b := min(nb-1, max(0, int((v-lo)/(hi-lo)*float64(nb))))
				counts[b]++
			}
			for b, n := range counts {
				if n > 0 {
					bars = append(bars, span{c0: edges[b], c1: edges[b+1], v1: n, cat: -1})
				}
			}
		}
		for _, b := range bars {
			count.include(0)
			count.include(b.v1)
		}
		col := th.color(si)
		if drawn > 1 {
			col = withAlpha(col, overlayAlpha)
		}
		out = append(out, barSeries{seriesBase: seriesBase{seriesName(&spec.Series[si], si), si}, color: col, bars: bars, gap: dim.kind != axisBand, noHit: true})
	}
	return out
}

// layoutMatrix lays the panels out in a k x k grid between top and right,
// with tick labels left of the first column and below the last row, and
// the dimension names beyond them.
func (f *frame) layoutMatrix(top, right int) {
	c, m := f.c, f.p.matrix
	k := m.k
	gap := c.px(8)
	titleH := c.lineHeight(axisTitleSize) + c.px(6)
	left0, bottom0 := f.pad+titleH, c.h-f.pad-titleH
	left, bottom, r := left0, bottom0, right
	t := top
	xls, yls := make([]axisLayout, k), make([]axisLayout, k)
	cw, ch := 1, 1
	for pass := 0; pass < 3; pass++ {
		cw = max(1, (r-left-(k-1)*gap)/k)
		ch = max(1, (bottom-t-(k-1)*gap)/k)
		xs, ys := 0, 0
		for d := 0; d < k; d++ {
			xls[d] = c.layoutX(&m.dims[d], cw)
			yls[d] = c.layoutY(&m.dims[d], ch)
			xs, ys = max(xs, xls[d].size), max(ys, yls[d].size)
		}
		left = max(left0+ys+f.tickLen+f.gap, f.pad+xls[0].before)
		bottom = bottom0 - xs - f.tickLen - f.gap
		r = right - max(0, xls[k-1].after-f.pad)
		t = top + yls[0].before
	}
	for i := 0; i < k; i++ {
		for j := 0; j < k; j++ {
			box := gochart.Box{Left: left + j*(cw+gap), Top: t + i*(ch+gap)}
			box.Right, box.Bottom = box.Left+cw, box.Top+ch
			q := panel{box: box, xl: xls[j], yl: yls[i], series: m.cells[i][j], axes: true, border: true,
				xTicks: i == k-1, yTicks: j == 0, dims: []int{j, i}}
			if i == j {
				// The histogram's counts go unlabelled; the row's ticks
				// stay those of its dimension.
				q.yl = c.layoutY(&m.count[i], ch)
				q.yTickLayout = &yls[i]
			}
			if i == k-1 {
				q.xTitle = m.dims[j].title
			}
			if j == 0 {
				q.yTitle = m.dims[i].title
			}
			f.panels = append(f.panels, q)
		}
	}
}
