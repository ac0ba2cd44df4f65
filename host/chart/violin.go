package chart

import (
	"math"

	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/stats"
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// violin is one group's density outline with its box summary.
type violin struct {
	boxStats
	// grid runs along the value axis (ascending) and dens holds the
	// density there, scaled so its largest value is 1 (the full half
	// width).
	grid, dens []float64
}

// violinSeries draws one series' violins: a translucent mirrored density
// with its outline, and inside it a slim box from q1 to q3, the whiskers
// as a line and the median as a dot.
type violinSeries struct {
	seriesBase
	c          *canvas
	color      drawing.Color
	violins    []violin
	horizontal bool
	cats       []string
}

var (
	_ gochart.Series = violinSeries{}
	_ hitter         = violinSeries{}
)

// outline is the violin's edge on the screen: up one side, down the other.
func (s violinSeries) outline(v violin, box gochart.Box, xr, yr gochart.Range) [][2]int {
	mid, half := (v.c0+v.c1)/2, (v.c1-v.c0)/2
	out := make([][2]int, 0, 2*len(v.grid))
	for k, g := range v.grid {
		x, y := screen(s.horizontal, box, xr, yr, mid+half*v.dens[k], g)
		out = append(out, [2]int{x, y})
	}
	for k := len(v.grid) - 1; k >= 0; k-- {
		x, y := screen(s.horizontal, box, xr, yr, mid-half*v.dens[k], v.grid[k])
		out = append(out, [2]int{x, y})
	}
	return out
}

func (s violinSeries) Render(r gochart.Renderer, box gochart.Box, xr, yr gochart.Range, style gochart.Style) {
	lw := max(1, int(math.Round(style.StrokeWidth)))
	var outlines [][][2]int
	for _, v := range s.violins {
		pts := s.outline(v, box, xr, yr)
		for i := range pts {
			pts[i][0] = max(box.Left, min(box.Right, pts[i][0]))
			pts[i][1] = max(box.Top, min(box.Bottom, pts[i][1]))
		}
		r.MoveTo(pts[0][0], pts[0][1])
		for _, p := range pts[1:] {
			r.LineTo(p[0], p[1])
		}
		r.Close()
		outlines = append(outlines, append(pts, pts[0]))
	}
	if len(outlines) == 0 {
		return
	}
	r.SetFillColor(withAlpha(s.color, 90))
	r.Fill()
	r.ResetStyle()
	strokePath(r, outlines, s.color, 1.5*style.StrokeWidth)

	var bodies, whiskers []rect
	var medians [][2]int
	for _, v := range s.violins {
		mid, q := (v.c0+v.c1)/2, (v.c1-v.c0)/14
		x0, y0 := screen(s.horizontal, box, xr, yr, mid-q, v.q1)
		x1, y1 := screen(s.horizontal, box, xr, yr, mid+q, v.q3)
		bodies = append(bodies, rect{x0, y0, x1, y1}.norm())
		wx0, wy0 := screen(s.horizontal, box, xr, yr, mid, v.lo)
		wx1, wy1 := screen(s.horizontal, box, xr, yr, mid, v.hi)
		if s.horizontal {
			whiskers = append(whiskers, rect{wx0, wy0 - lw/2, wx1, wy0 - lw/2 + lw}.norm())
		} else {
			whiskers = append(whiskers, rect{wx0 - lw/2, wy0, wx0 - lw/2 + lw, wy1}.norm())
		}
		mx, my := screen(s.horizontal, box, xr, yr, mid, v.med)
		if inside(box, mx, my, 0) {
			medians = append(medians, [2]int{mx, my})
		}
	}
	fillRects(r, clipAll(whiskers, box), s.color)
	fillRects(r, clipAll(bodies, box), s.color)
	fillCircles(r, medians, 2.5*style.StrokeWidth, s.c.th.background)
}

// hit finds the violin whose outline holds the pixel (with a pixel or two
// to spare).
func (s violinSeries) hit(q *hitQuery) (Hit, float64, bool) {
	slack := 2 * q.c.scale
	for _, v := range s.violins {
		if len(v.grid) == 0 {
			continue
		}
		r := groupRect(s.horizontal, q, v.c0, v.c1, v.grid[0], v.grid[len(v.grid)-1])
		if !r.has(q.x, q.y) {
			continue
		}
		// The value under the pixel and the outline's half width there.
		var val, across, mid float64
		mx, my := screen(s.horizontal, q.box, q.xr, q.yr, (v.c0+v.c1)/2, v.med)
		if s.horizontal {
			val, across, mid = q.xr.invert(float64(q.x-q.box.Left)), float64(q.y), float64(my)
		} else {
			val, across, mid = q.yr.invert(float64(q.box.Bottom-q.y)), float64(q.x), float64(mx)
		}
		d := interpolate(v.grid, v.dens, val)
		ex, ey := screen(s.horizontal, q.box, q.xr, q.yr, (v.c0+v.c1)/2+(v.c1-v.c0)/2*d, val)
		half := math.Abs(float64(ex) - mid)
		if s.horizontal {
			half = math.Abs(float64(ey) - mid)
		}
		if math.Abs(across-mid) <= half+slack {
			return boxSeries{seriesBase: s.seriesBase, cats: s.cats}.groupHit(q, v.boxStats), 0, true
		}
	}
	return Hit{}, 0, false
}

// interpolate reads ys at x along the ascending xs (0 outside them).
func interpolate(xs, ys []float64, x float64) float64 {
	if len(xs) == 0 || x < xs[0] || x > xs[len(xs)-1] {
		return 0
	}
	for k := 1; k < len(xs); k++ {
		if x <= xs[k] {
			t := 0.0
			if xs[k] > xs[k-1] {
				t = (x - xs[k-1]) / (xs[k] - xs[k-1])
			}
			return ys[k-1] + t*(ys[k]-ys[k-1])
		}
	}
	return ys[len(ys)-1]
}

// kdeGrid is the number of places a violin's density is evaluated at.
const kdeGrid = 96

// kde estimates the density of sorted samples as plotly.js draws a violin
// by default: stats.KDE with the bandwidth stats.Silverman (but at least
// a hundredth of the samples' range, as plotly keeps it), from two
// bandwidths below the smallest sample to two above the largest (plotly's
// "soft" span). The density is scaled so its peak is 1. On a log axis it
// works on log10 of the samples.
func kde(sorted []float64, logScale bool) (grid, dens []float64) {
	n := len(sorted)
	if n == 0 {
		return nil, nil
	}
	w := sorted
	if logScale {
		w = make([]float64, n)
		for i, v := range sorted {
			w[i] = math.Log10(v)
		}
	}
	h := max(stats.Silverman(w), (w[n-1]-w[0])/100)
	if !(h > 0) {
		// All samples alike: a narrow bump, so the group still shows.
		h = math.Max(math.Abs(w[0])*0.05, 0.05)
	}
	lo, hi := w[0]-2*h, w[n-1]+2*h
	grid = make([]float64, kdeGrid)
	for k := range grid {
		grid[k] = lo + (hi-lo)*float64(k)/(kdeGrid-1)
	}
	dens = stats.KDE(w, h, grid)
	top := 0.0
	for _, d := range dens {
		top = math.Max(top, d)
	}
	for k := range dens {
		if top > 0 {
			dens[k] /= top
		}
		if logScale {
			grid[k] = math.Pow(10, grid[k])
		}
	}
	return grid, dens
}

// buildViolin draws violin plots, grouped as box plots are (see
// groupSamples): the density is computed here from the samples in Y.
func buildViolin(spec *sdk.Chart, c *canvas) *plot {
	sp := newSamplePlot(spec, c.th, 0.03, 0.8)
	for si := range spec.Series {
		vs := violinSeries{seriesBase: seriesBase{seriesName(&spec.Series[si], si), si}, c: c, color: c.th.color(si), horizontal: spec.Horizontal, cats: sp.cats}
		for _, g := range sp.groups[si] {
			v := violin{boxStats: summarize(g.vals, g.idx)}
			v.grid, v.dens = kde(g.vals, sp.val.kind == axisLog)
			v.cat = g.cat
			v.c0, v.c1 = sp.span(si, g.cat)
			sp.val.include(v.grid[0])
			sp.val.include(v.grid[len(v.grid)-1])
			vs.violins = append(vs.violins, v)
			sp.p.points += len(g.vals)
		}
		sp.p.series = append(sp.p.series, vs)
	}
	return sp.done(spec)
}
