package chart

import (
	"image"
	"math"
	"strconv"

	"github.com/openml-dash/openml-dash/sdk"
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// Point sets are drawn three ways, chosen by how many points a chart has
// (all series together):
//   - up to svgDotsMax: a dot per point in both formats (an SVG circle
//     element takes about 95 bytes);
//   - up to densityAbove: a dot per point in a PNG, drawn straight into
//     the image (go-chart's own circles take about 9 µs each), and density
//     cells in an SVG, which would otherwise grow without bound;
//   - beyond: density cells in both, and the chart says so.
//
// Density cells count the points per cell of a few pixels, deterministically:
// a cell takes the mean colour of its points and an opacity growing with
// the logarithm of its count.
const (
	svgDotsMax   = 5_000
	densityAbove = 100_000
	// svgMaxCells bounds the density cells of an SVG (one path element
	// per colour, a few dozen bytes per cell).
	svgMaxCells = 12_000
)

// pointSeries is one series' points in a scatter plot or in a panel of a
// scatter matrix. Its columns are the spec's own, not copies.
type pointSeries struct {
	seriesBase
	c      *canvas
	xs, ys []float64 // nil xs: point i has x = i
	n      int
	// cs colours point i by value on cmap (nil: every point has color).
	cs         []float64
	cmap       colorScale
	color      drawing.Color
	xlog, ylog bool
	// xcats and ycats, when not 0, are the number of categories of a band
	// axis: points outside them are not drawn.
	xcats, ycats int
	radius       float64 // at scale 1
	alpha        uint8
	// hidden: a densityLayer draws the points (they can still be hit);
	// svgHidden: only in an SVG.
	hidden, svgHidden bool
}

var (
	_ gochart.Series = (*pointSeries)(nil)
	_ hitter         = (*pointSeries)(nil)
)

// at is point i, and whether it can be drawn.
func (s *pointSeries) at(i int) (x, y float64, ok bool) {
	x, y = float64(i), s.ys[i]
	if s.xs != nil {
		x = s.xs[i]
	}
	if !finite(x) || !finite(y) || (s.xlog && x <= 0) || (s.ylog && y <= 0) {
		return x, y, false
	}
	if s.xcats > 0 && (x < -0.5 || x > float64(s.xcats)-0.5) || s.ycats > 0 && (y < -0.5 || y > float64(s.ycats)-0.5) {
		return x, y, false
	}
	return x, y, true
}

// pointColor is the colour of point i (opaque).
func (s *pointSeries) pointColor(i int) drawing.Color {
	if s.cs == nil {
		return s.color
	}
	if i >= len(s.cs) {
		return s.c.th.neutral
	}
	t := s.cmap.t(s.cs[i])
	if math.IsNaN(t) {
		return s.c.th.neutral
	}
	return heat(t)
}

// projector maps data values to pixel positions in a box, unrounded.
type projector struct {
	x0, y0 float64 // box left and bottom
	xs, ys *scale
}

func newProjector(box gochart.Box, xr, yr gochart.Range) projector {
	return projector{x0: float64(box.Left), y0: float64(box.Bottom), xs: xr.(*scale), ys: yr.(*scale)}
}

func (p projector) at(x, y float64) (float64, float64) {
	return p.x0 + p.xs.frac(x)*float64(p.xs.domain), p.y0 - p.ys.frac(y)*float64(p.ys.domain)
}

// paintsImage: a PNG's dots are painted into the image, inside the box.
func (s *pointSeries) paintsImage() bool { return s.c.img != nil }

func (s *pointSeries) Render(r gochart.Renderer, box gochart.Box, xr, yr gochart.Range, style gochart.Style) {
	if s.hidden || (s.svgHidden && s.c.img == nil) {
		return
	}
	rad := s.radius * style.StrokeWidth
	pr := newProjector(box, xr, yr)
	if img := s.c.img; img != nil {
		clip := image.Rect(box.Left, box.Top, box.Right, box.Bottom).Intersect(img.Rect)
		discs := newDiscMasks(rad, float64(s.alpha)/255)
		for i := 0; i < s.n; i++ {
			x, y, ok := s.at(i)
			if !ok {
				continue
			}
			px, py := pr.at(x, y)
			discs.blend(img, clip, px, py, s.pointColor(i))
		}
		return
	}
	// SVG: a circle element per point, one fill colour at a time. A dot
	// whose disc would cross the box's edge is left out: the axes pad
	// their range so in-range points never are.
	m := int(rad + 0.5)
	groups := map[drawing.Color][][2]int{}
	var order []drawing.Color
	for i := 0; i < s.n; i++ {
		x, y, ok := s.at(i)
		if !ok {
			continue
		}
		px, py := pr.at(x, y)
		ix, iy := int(math.Round(px)), int(math.Round(py))
		if !inside(box, ix, iy, m) {
			continue
		}
		col := withAlpha(s.pointColor(i), s.alpha)
		if _, seen := groups[col]; !seen {
			order = append(order, col)
		}
		groups[col] = append(groups[col], [2]int{ix, iy})
	}
	for _, col := range order {
		fillCircles(r, groups[col], rad, col)
	}
}

// hit finds the nearest point within reach; of equally near points the
// one drawn last (on top) wins.
func (s *pointSeries) hit(q *hitQuery) (Hit, float64, bool) {
	reach := q.c.hitRadius(s.radius * q.c.scale)
	if !inside(q.box, q.x, q.y, -int(math.Ceil(reach))) {
		return Hit{}, 0, false
	}
	pr := newProjector(q.box, q.xr, q.yr)
	// The pixel's centre, as the dots are drawn.
	qx, qy := float64(q.x)+0.5, float64(q.y)+0.5
	best, bestD := -1, reach
	for i := 0; i < s.n; i++ {
		x, y, ok := s.at(i)
		if !ok {
			continue
		}
		px, py := pr.at(x, y)
		if d := math.Hypot(px-qx, py-qy); d <= bestD {
			best, bestD = i, d
		}
	}
	if best < 0 {
		return Hit{}, 0, false
	}
	x, y, _ := s.at(best)
	return pointHit(q.spec, s.idx, best, x, y, y, categoryLabel(q.spec, x, y)), bestD, true
}

// discSteps is how many positions per pixel a dot's centre takes: a
// quarter pixel is finer than the eye follows at 1.5 to 3.5 px radii.
const discSteps = 4

// discMasks holds a dot's anti-aliased coverage, times its opacity, for
// each quarter-pixel offset of its centre. Scatter plots paint up to
// 100,000 dots; looking coverage up instead of taking a square root per
// pixel makes that several times faster.
type discMasks struct {
	half int // a mask spans the centre's pixel and half more on each side
	w    [discSteps * discSteps][]uint32
	// span is, for each mask and row, the columns [from, to) that are not
	// zero: a disc covers about half of its square, and skipping the
	// corners makes a dot quicker to paint.
	span [discSteps * discSteps][][2]int
}

func newDiscMasks(r, alpha float64) *discMasks {
	half := int(math.Ceil(r + 1))
	size := 2*half + 1
	d := &discMasks{half: half}
	for k := range d.w {
		fx, fy := float64(k%discSteps)/discSteps, float64(k/discSteps)/discSteps
		m := make([]uint32, size*size)
		span := make([][2]int, size)
		for j := range size {
			dy := float64(j-half) + 0.5 - fy
			from, to := size, 0
			for i := range size {
				dx := float64(i-half) + 0.5 - fx
				cov := math.Min(math.Max(r+0.5-math.Sqrt(dx*dx+dy*dy), 0), 1)
				m[j*size+i] = uint32(alpha*cov*256 + 0.5)
				if m[j*size+i] != 0 {
					from, to = min(from, i), i+1
				}
			}
			span[j] = [2]int{from, max(from, to)}
		}
		d.w[k], d.span[k] = m, span
	}
	return d
}

// blend paints a dot centred on (cx, cy) in col over img, inside clip.
func (d *discMasks) blend(img *image.RGBA, clip image.Rectangle, cx, cy float64, col drawing.Color) {
	qx, qy := math.Floor(cx*discSteps+0.5), math.Floor(cy*discSteps+0.5)
	ix, iy := int(math.Floor(qx/discSteps)), int(math.Floor(qy/discSteps))
	k := (int(qx)-ix*discSteps)%discSteps + (int(qy)-iy*discSteps)%discSteps*discSteps
	m, span, size := d.w[k], d.span[k], 2*d.half+1
	x0, y0 := ix-d.half, iy-d.half
	cr, cg, cb := uint32(col.R), uint32(col.G), uint32(col.B)
	if x0 >= clip.Min.X && y0 >= clip.Min.Y && x0+size <= clip.Max.X && y0+size <= clip.Max.Y {
		// Wholly inside, as nearly every dot is: no clipping per row.
		base := (y0-img.Rect.Min.Y)*img.Stride + (x0-img.Rect.Min.X)*4
		for j, sp := range span {
			mrow := m[j*size+sp[0] : j*size+sp[1]]
			off := base + j*img.Stride + sp[0]*4
			row := img.Pix[off : off+4*len(mrow)]
			blendRow(row, mrow, cr, cg, cb)
		}
		return
	}
	ya, yb := max(clip.Min.Y, y0), min(clip.Max.Y, y0+size)
	for y := ya; y < yb; y++ {
		sp := span[y-y0]
		xa, xb := max(clip.Min.X, x0+sp[0]), min(clip.Max.X, x0+sp[1])
		if xa >= xb {
			continue
		}
		mrow := m[(y-y0)*size+xa-x0 : (y-y0)*size+xb-x0]
		off := (y-img.Rect.Min.Y)*img.Stride + (xa-img.Rect.Min.X)*4
		row := img.Pix[off : off+4*len(mrow)]
		blendRow(row, mrow, cr, cg, cb)
	}
}

// blendRow lays the colour (cr, cg, cb) over the pixels of row with the
// coverages of mrow, out of 256.
func blendRow(row []byte, mrow []uint32, cr, cg, cb uint32) {
	for i, a := range mrow {
		p := row[4*i : 4*i+3 : 4*i+3]
		na := 256 - a
		p[0] = uint8((uint32(p[0])*na + cr*a + 128) >> 8)
		p[1] = uint8((uint32(p[1])*na + cg*a + 128) >> 8)
		p[2] = uint8((uint32(p[2])*na + cb*a + 128) >> 8)
	}
}

// densityLayer draws the points of several series as density cells.
type densityLayer struct {
	seriesBase
	c    *canvas
	sets []*pointSeries
	// svgOnly: a PNG draws the points as dots.
	svgOnly bool
}

var _ gochart.Series = densityLayer{}

// paintsImage: a PNG's density cells are painted into the image, inside
// the box.
func (d densityLayer) paintsImage() bool { return d.c.img != nil }

func (d densityLayer) Render(r gochart.Renderer, box gochart.Box, xr, yr gochart.Range, style gochart.Style) {
	img := d.c.img
	if img != nil && d.svgOnly {
		return
	}
	w, h := box.Width(), box.Height()
	if w <= 0 || h <= 0 {
		return
	}
	cell := max(1, int(math.Round(2*style.StrokeWidth)))
	if img == nil {
		cell = max(cell+1, int(math.Ceil(math.Sqrt(float64(w*h)/svgMaxCells))))
	}
	gw, gh := (w+cell-1)/cell, (h+cell-1)/cell
	count := make([]uint32, gw*gh)
	sum := make([][3]float32, gw*gh)
	pr := newProjector(box, xr, yr)
	fl, fb := float64(box.Left), float64(box.Top)
	fc := float64(cell)
	for _, s := range d.sets {
		for i := 0; i < s.n; i++ {
			x, y, ok := s.at(i)
			if !ok {
				continue
			}
			px, py := pr.at(x, y)
			cx, cy := int(math.Floor((px-fl)/fc)), int(math.Floor((py-fb)/fc))
			if cx < 0 || cy < 0 || cx >= gw || cy >= gh {
				continue
			}
			k := cy*gw + cx
			col := s.pointColor(i)
			count[k]++
			sum[k][0] += float32(col.R)
			sum[k][1] += float32(col.G)
			sum[k][2] += float32(col.B)
		}
	}
	most := uint32(0)
	for _, n := range count {
		most = max(most, n)
	}
	if most == 0 {
		return
	}
	norm := math.Log1p(float64(most))
	shade := func(k int) drawing.Color {
		n := float64(count[k])
		a := 0.25 + 0.75*math.Log1p(n)/norm
		return drawing.Color{R: uint8(float64(sum[k][0])/n + 0.5), G: uint8(float64(sum[k][1])/n + 0.5), B: uint8(float64(sum[k][2])/n + 0.5), A: uint8(a*255 + 0.5)}
	}
	if img != nil {
		clip := image.Rect(box.Left, box.Top, box.Right, box.Bottom).Intersect(img.Rect)
		for k, n := range count {
			if n == 0 {
				continue
			}
			col := shade(k)
			x0, y0 := box.Left+(k%gw)*cell, box.Top+(k/gw)*cell
			fillBlend(img, image.Rect(x0, y0, x0+cell, y0+cell).Intersect(clip), col)
		}
		return
	}
	// SVG: one path per colour, with colours rounded to a few levels so
	// the paths stay few.
	groups := map[drawing.Color][]rect{}
	var order []drawing.Color
	for k, n := range count {
		if n == 0 {
			continue
		}
		col := quantize(shade(k))
		if _, seen := groups[col]; !seen {
			order = append(order, col)
		}
		x0, y0 := box.Left+(k%gw)*cell, box.Top+(k/gw)*cell
		groups[col] = append(groups[col], rect{x0, y0, min(x0+cell, box.Right), min(y0+cell, box.Bottom)})
	}
	for _, col := range order {
		fillRects(r, groups[col], col)
	}
}

// quantize rounds a colour to 16 levels a channel and 8 of opacity.
func quantize(c drawing.Color) drawing.Color {
	q := func(v uint8, step int) uint8 { return uint8(min(255, (int(v)+step/2)/step*step)) }
	return drawing.Color{R: q(c.R, 16), G: q(c.G, 16), B: q(c.B, 16), A: q(c.A, 32)}
}

// fillBlend paints col (straight alpha) over the pixels of r.
func fillBlend(img *image.RGBA, r image.Rectangle, col drawing.Color) {
	if r.Empty() {
		return
	}
	if col.A == 255 {
		// One row pixel by pixel, the others copied from it: a chart's
		// background is a whole image.
		first := img.Pix[img.PixOffset(r.Min.X, r.Min.Y):img.PixOffset(r.Max.X, r.Min.Y)]
		for i := 0; i+3 < len(first); i += 4 {
			first[i], first[i+1], first[i+2], first[i+3] = col.R, col.G, col.B, 255
		}
		for y := r.Min.Y + 1; y < r.Max.Y; y++ {
			copy(img.Pix[img.PixOffset(r.Min.X, y):], first)
		}
		return
	}
	a := float64(col.A) / 255
	cr, cg, cb := float64(col.R)*a, float64(col.G)*a, float64(col.B)*a
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := img.Pix[(y-img.Rect.Min.Y)*img.Stride:]
		for x := r.Min.X; x < r.Max.X; x++ {
			p := row[(x-img.Rect.Min.X)*4:]
			p[0] = uint8(float64(p[0])*(1-a) + cr + 0.5)
			p[1] = uint8(float64(p[1])*(1-a) + cg + 0.5)
			p[2] = uint8(float64(p[2])*(1-a) + cb + 0.5)
		}
	}
}

// pointStyle is the dot radius (at scale 1) and opacity for a chart of n
// points.
func pointStyle(n int) (radius float64, alpha uint8) {
	switch {
	case n > 20000:
		// Fainter as they crowd, so dense regions do not all saturate.
		return 1.5, uint8(max(50, 140*math.Sqrt(20000/float64(n))))
	case n > 2000:
		return 2.5, 170
	}
	return 3.5, 255
}

// drawPoints sets how a plot's point series are drawn for total points
// and adds the density layer and the note they need.
func drawPoints(p *plot, c *canvas, sets []*pointSeries, total int) []gochart.Series {
	radius, alpha := pointStyle(total)
	out := make([]gochart.Series, 0, len(sets)+1)
	for _, s := range sets {
		s.radius, s.alpha = radius, alpha
		s.hidden = total > densityAbove
		s.svgHidden = total > svgDotsMax
	}
	if total > svgDotsMax {
		out = append(out, densityLayer{c: c, sets: sets, svgOnly: total <= densityAbove})
		note := thousands(total) + " points, drawn as density"
		if total > densityAbove {
			p.note = note
		} else {
			p.svgNote = note
		}
	}
	for _, s := range sets {
		out = append(out, s)
	}
	return out
}

// thousands prints n with commas between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// buildScatter draws x,y points, one colour per series, or coloured by
// value on a colour bar where a series has Color.
func buildScatter(spec *sdk.Chart, c *canvas) *plot {
	th := c.th
	p := &plot{x: numericAxis(spec.X, 0.05), y: numericAxis(spec.Y, 0.05)}
	var colors [][]float64
	for i := range spec.Series {
		if len(spec.Series[i].Color) > 0 {
			colors = append(colors, spec.Series[i].Color)
		}
	}
	cmap, colored := newColorScale(spec.ColorAxis.Log, colors...)
	sets := make([]*pointSeries, 0, len(spec.Series))
	for si := range spec.Series {
		s := &spec.Series[si]
		ps := &pointSeries{seriesBase: seriesBase{seriesName(s, si), si}, c: c, ys: s.Y, n: len(s.Y), color: th.color(si),
			xlog: p.x.kind == axisLog, ylog: p.y.kind == axisLog}
		if len(s.X) > 0 {
			ps.xs, ps.n = s.X, min(len(s.X), len(s.Y))
		}
		if p.x.kind == axisBand {
			ps.xcats = len(p.x.cats)
		}
		if p.y.kind == axisBand {
			ps.ycats = len(p.y.cats)
		}
		if len(s.Color) > 0 && colored {
			ps.cs, ps.cmap = s.Color, cmap
		}
		for i := 0; i < ps.n; i++ {
			if x, y, ok := ps.at(i); ok {
				p.x.include(x)
				p.y.include(y)
				p.points++
			}
		}
		sets = append(sets, ps)
		if spec.Legend && ps.cs == nil {
			p.legend = append(p.legend, legendEntry{name: ps.name, color: ps.color, shape: shapeDot})
		}
	}
	p.series = drawPoints(p, c, sets, p.points)
	if colored {
		p.colorbar = &colorbar{title: cleanText(spec.ColorAxis.Title), sc: cmap}
	}
	return p
}
