package chart

import (
	"math"
	"slices"

	"github.com/openml-dash/openml-dash/sdk"
	gochart "github.com/wcharczuk/go-chart/v2"
)

// A parallel categories chart (parallel sets) draws each dimension as a
// column of blocks, one per category, as tall as the weight of the items
// in it; each block is split by series. Ribbons join the blocks of
// neighbouring dimensions, as wide as the weight of the items they share,
// in their series' colour.

// pcDim is one dimension: its name and categories.
type pcDim struct {
	name string
	cats []string
}

// pcFlow is the weight of series s's items in category a of a dimension
// and category b of the next one.
type pcFlow struct {
	s, a, b int
	w       float64
}

type parcatsSeries struct {
	seriesBase
	c    *canvas
	dims []pcDim
	// block[d][cat][s] is the weight of series s in category cat of
	// dimension d; flows[d] joins dimension d to d+1.
	block  [][][]float64
	flows  [][]pcFlow
	total  float64
	series []string // series names
}

var (
	_ gochart.Series = (*parcatsSeries)(nil)
	_ hitter         = (*parcatsSeries)(nil)
)

// pcBand is a vertical span at one side of a ribbon or in a block.
type pcBand struct{ y0, y1 float64 }

// pcGeometry is the chart placed in a box.
type pcGeometry struct {
	x      []float64 // left edge of each column's blocks
	bw     float64   // block width
	titleY int
	// seg[d][cat][s] is series s's part of the block.
	seg [][][]pcBand
	// left and right ends of each flow (flows[d][k]).
	from, to [][]pcBand
	labelW   int
}

func (s *parcatsSeries) geometry(box gochart.Box) pcGeometry {
	c := s.c
	k := len(s.dims)
	g := pcGeometry{bw: float64(c.px(14))}
	g.titleY = box.Top
	top := float64(box.Top + c.lineHeight(axisTitleSize) + c.px(8))
	height := float64(box.Bottom) - top
	span := float64(box.Width()) - g.bw
	g.labelW = int(span / float64(max(1, k-1)) * 0.45)
	for d := 0; d < k; d++ {
		g.x = append(g.x, float64(box.Left)+span*float64(d)/float64(max(1, k-1)))
	}
	gap := float64(c.px(6))
	most := 0
	for d := range s.dims {
		n := 0
		for _, ws := range s.block[d] {
			if sum(ws) > 0 {
				n++
			}
		}
		most = max(most, n)
	}
	u := math.Max(0, height-float64(max(0, most-1))*gap) / s.total
	g.seg = make([][][]pcBand, k)
	for d := range s.dims {
		y := top
		g.seg[d] = make([][]pcBand, len(s.dims[d].cats))
		for ci, ws := range s.block[d] {
			g.seg[d][ci] = make([]pcBand, len(ws))
			if sum(ws) == 0 {
				continue
			}
			for si, w := range ws {
				g.seg[d][ci][si] = pcBand{y, y + w*u}
				y += w * u
			}
			y += gap
		}
	}
	// Within a series' part of a block, ribbons leave in the order of
	// the category they go to, and arrive in the order of the one they
	// come from.
	g.from, g.to = make([][]pcBand, len(s.flows)), make([][]pcBand, len(s.flows))
	for d, fl := range s.flows {
		g.from[d], g.to[d] = make([]pcBand, len(fl)), make([]pcBand, len(fl))
		out := map[[2]int]float64{} // (cat, series) -> used so far
		in := map[[2]int]float64{}
		order := make([]int, len(fl))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(i, j int) int { return cmpInts(fl[i].s, fl[j].s, fl[i].b, fl[j].b) })
		for _, i := range order {
			f := fl[i]
			k := [2]int{f.a, f.s}
			y := g.seg[d][f.a][f.s].y0 + out[k]
			g.from[d][i] = pcBand{y, y + f.w*u}
			out[k] += f.w * u
		}
		slices.SortStableFunc(order, func(i, j int) int { return cmpInts(fl[i].s, fl[j].s, fl[i].a, fl[j].a) })
		for _, i := range order {
			f := fl[i]
			k := [2]int{f.b, f.s}
			y := g.seg[d+1][f.b][f.s].y0 + in[k]
			g.to[d][i] = pcBand{y, y + f.w*u}
			in[k] += f.w * u
		}
	}
	return g
}

func cmpInts(a0, b0, a1, b1 int) int {
	if a0 != b0 {
		return a0 - b0
	}
	return a1 - b1
}

func sum(vs []float64) float64 {
	t := 0.0
	for _, v := range vs {
		t += v
	}
	return t
}

// smooth eases a ribbon from one column to the next.
func smooth(t float64) float64 { return t * t * (3 - 2*t) }

const ribbonSteps = 16

// ribbon is the outline of a ribbon from band a at x0 to band b at x1.
func ribbon(x0, x1 float64, a, b pcBand) [][2]int {
	out := make([][2]int, 0, 2*ribbonSteps+2)
	for i := 0; i <= ribbonSteps; i++ {
		t := float64(i) / ribbonSteps
		e := smooth(t)
		out = append(out, [2]int{int(math.Round(x0 + t*(x1-x0))), int(math.Round(a.y0 + e*(b.y0-a.y0)))})
	}
	for i := ribbonSteps; i >= 0; i-- {
		t := float64(i) / ribbonSteps
		e := smooth(t)
		out = append(out, [2]int{int(math.Round(x0 + t*(x1-x0))), int(math.Round(a.y1 + e*(b.y1-a.y1)))})
	}
	return out
}

func (s *parcatsSeries) Render(r gochart.Renderer, box gochart.Box, _, _ gochart.Range, style gochart.Style) {
	c := s.c
	g := s.geometry(box)
	// Ribbons, each its own fill (one path would cancel out where two
	// cross), in the order hit reverses: by series, then categories.
	for d, fl := range s.flows {
		for i, f := range fl {
			pts := ribbon(g.x[d]+g.bw, g.x[d+1], g.from[d][i], g.to[d][i])
			r.MoveTo(pts[0][0], pts[0][1])
			for _, p := range pts[1:] {
				r.LineTo(p[0], p[1])
			}
			r.Close()
			r.SetFillColor(withAlpha(c.th.color(f.s), 110))
			r.Fill()
			r.ResetStyle()
		}
	}
	// Blocks, split by series.
	for si := range s.series {
		var rs []rect
		for d := range s.dims {
			for ci := range s.dims[d].cats {
				b := g.seg[d][ci][si]
				if b.y1 > b.y0 {
					rs = append(rs, rect{int(g.x[d]), int(math.Round(b.y0)), int(g.x[d] + g.bw), max(int(math.Round(b.y0))+1, int(math.Round(b.y1)))})
				}
			}
		}
		fillRects(r, rs, c.th.color(si))
	}
	// Category labels beside their blocks (left of the last column), and
	// the dimension names on top.
	for d, dim := range s.dims {
		for ci, name := range dim.cats {
			segs := g.seg[d][ci]
			if len(segs) == 0 || sum(s.block[d][ci]) == 0 {
				continue
			}
			y0, y1 := segs[0].y0, segs[len(segs)-1].y1
			if y1-y0 < float64(c.lineHeight(tickSize))*0.8 {
				continue
			}
			label := c.fit(name, tickSize, g.labelW)
			y := int(math.Round((y0 + y1) / 2))
			x, align := int(g.x[d]+g.bw)+c.px(4), alignLeft
			if d == len(s.dims)-1 && d > 0 {
				x, align = int(g.x[d])-c.px(4), alignRight
			}
			w := c.textWidth(label, tickSize)
			lx := x
			if align == alignRight {
				lx = x - w
			}
			lh := c.lineHeight(tickSize)
			fillRects(r, []rect{{lx - c.px(2), y - lh/2 - c.px(1), lx + w + c.px(2), y + lh - lh/2 + c.px(1)}}, withAlpha(c.th.background, 200))
			c.text(label, x, y, tickSize, c.th.text, align, alignMiddle)
		}
		title := c.fit(dim.name, axisTitleSize, max(g.labelW, c.px(60)))
		x, align := int(g.x[d]), alignLeft
		if d == len(s.dims)-1 && d > 0 {
			x, align = int(g.x[d]+g.bw), alignRight
		}
		c.text(title, x, g.titleY, axisTitleSize, c.th.text, align, alignTop)
	}
}

// hit finds the series' part of a block under the pixel, else the
// topmost ribbon.
func (s *parcatsSeries) hit(q *hitQuery) (Hit, float64, bool) {
	g := s.geometry(q.box)
	px, py := float64(q.x)+0.5, float64(q.y)+0.5
	for d := range s.dims {
		if px < g.x[d] || px >= g.x[d]+g.bw {
			continue
		}
		for ci := range s.dims[d].cats {
			for si, b := range g.seg[d][ci] {
				if b.y1 > b.y0 && py >= math.Round(b.y0) && py < math.Max(math.Round(b.y0)+1, math.Round(b.y1)) {
					return Hit{Series: si, Index: ci, SeriesName: s.series[si], X: float64(d), Y: float64(ci),
						Value: s.block[d][ci][si], Label: s.dims[d].name + ": " + s.dims[d].cats[ci]}, 0, true
				}
			}
		}
	}
	for d := len(s.flows) - 1; d >= 0; d-- {
		x0, x1 := g.x[d]+g.bw, g.x[d+1]
		if px < x0 || px >= x1 {
			continue
		}
		e := smooth((px - x0) / (x1 - x0))
		// Later ribbons are drawn over earlier ones.
		for i := len(s.flows[d]) - 1; i >= 0; i-- {
			f, a, b := s.flows[d][i], g.from[d][i], g.to[d][i]
			y0, y1 := a.y0+e*(b.y0-a.y0), a.y1+e*(b.y1-a.y1)
			if py >= y0 && py < y1 {
				return Hit{Series: f.s, Index: f.a, SeriesName: s.series[f.s], X: float64(d) + 0.5, Y: float64(f.a), Value: f.w,
					Label: s.dims[d].name + ": " + s.dims[d].cats[f.a] + " → " + s.dims[d+1].name + ": " + s.dims[d+1].cats[f.b]}, 0, true
			}
		}
	}
	return Hit{}, 0, false
}

// buildParcats reads a parallel categories spec: Chart.Dimensions name
// the dimensions and their categories, Series.Dims[d][i] is item i's
// category index on dimension d (without Categories, the distinct values
// are the categories), Series.Y[i] its weight (1 without Y). Items with a
// value outside the categories, or a weight that is not positive, are
// left out.
func buildParcats(spec *sdk.Chart, c *canvas) *plot {
	p := &plot{mode: modeFree, legend: legendFor(spec, c.th, shapeBox)}
	k := len(spec.Dimensions)
	if k < 2 {
		p.placeholder = "A parallel categories chart needs two or more dimensions (Chart.Dimensions) and the items' categories in Series.Dims."
		return p
	}
	dims := make([]pcDim, k)
	index := make([]func(float64) (int, bool), k)
	for d, a := range spec.Dimensions {
		dims[d].name = cleanText(a.Title)
		if dims[d].name == "" {
			dims[d].name = "Dimension " + formatValue(float64(d+1))
		}
		if len(a.Categories) > 0 {
			ci := categoryIndex{cats: cleanAll(a.Categories), listed: true}
			dims[d].cats, index[d] = ci.cats, ci.index
			continue
		}
		var xs []float64
		for i := range spec.Series {
			if d < len(spec.Series[i].Dims) {
				for _, v := range spec.Series[i].Dims[d] {
					if finite(v) {
						xs = append(xs, v)
					}
				}
			}
		}
		slices.Sort(xs)
		xs = slices.Compact(xs)
		ci := categoryIndex{cats: formatAll(xs), byX: make(map[float64]int, len(xs))}
		for i, x := range xs {
			ci.byX[x] = i
		}
		dims[d].cats, index[d] = ci.cats, ci.index
	}
	ps := &parcatsSeries{seriesBase: seriesBase{name: "parallel categories"}, c: c, dims: dims, block: make([][][]float64, k), flows: make([][]pcFlow, k-1)}
	for d := range dims {
		ps.block[d] = make([][]float64, len(dims[d].cats))
		for ci := range ps.block[d] {
			ps.block[d][ci] = make([]float64, len(spec.Series))
		}
	}
	flowAt := make([]map[[3]int]int, k-1)
	for d := range flowAt {
		flowAt[d] = map[[3]int]int{}
	}
	cat := make([]int, k)
	for si := range spec.Series {
		s := &spec.Series[si]
		ps.series = append(ps.series, seriesName(s, si))
		if len(s.Dims) < k {
			continue
		}
		n := len(s.Dims[0])
		for d := 1; d < k; d++ {
			n = min(n, len(s.Dims[d]))
		}
		if len(s.Y) > 0 {
			n = min(n, len(s.Y))
		}
	items:
		for i := 0; i < n; i++ {
			w := 1.0
			if len(s.Y) > 0 {
				w = s.Y[i]
			}
			if !finite(w) || w <= 0 {
				continue
			}
			for d := 0; d < k; d++ {
				ci, ok := index[d](s.Dims[d][i])
				if !ok {
					continue items
				}
				cat[d] = ci
			}
			for d := 0; d < k; d++ {
				ps.block[d][cat[d]][si] += w
				if d+1 < k {
					key := [3]int{si, cat[d], cat[d+1]}
					j, ok := flowAt[d][key]
					if !ok {
						j = len(ps.flows[d])
						flowAt[d][key] = j
						ps.flows[d] = append(ps.flows[d], pcFlow{s: si, a: cat[d], b: cat[d+1]})
					}
					ps.flows[d][j].w += w
				}
			}
			ps.total += w
			p.points++
		}
	}
	for d := range ps.flows {
		slices.SortFunc(ps.flows[d], func(x, y pcFlow) int {
			if x.s != y.s {
				return x.s - y.s
			}
			return cmpInts(x.a, y.a, x.b, y.b)
		})
	}
	if p.points > 0 {
		p.series = []gochart.Series{ps}
	}
	return p
}
