package chart

import (
	"math"
	"strconv"

	"github.com/openml-dash/openml-dash/sdk"
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// pieSlice is one category's slice: angles in radians clockwise from the
// top of the pie.
type pieSlice struct {
	cat, pt int // category index, and the index of its first point
	value   float64
	a0, a1  float64
	color   drawing.Color
}

// pieSeries draws slices with go-chart's arcs, from the top clockwise,
// each with its share written inside when it has room.
type pieSeries struct {
	seriesBase
	c      *canvas
	slices []pieSlice
	total  float64
	cats   []string
}

var (
	_ gochart.Series = pieSeries{}
	_ hitter         = pieSeries{}
)

// top is where the first slice starts: go-chart measures angles from the
// positive x axis, clockwise on the screen.
const top = -math.Pi / 2

func (s pieSeries) geometry(box gochart.Box) (cx, cy int, radius float64) {
	cx, cy = (box.Left+box.Right)/2, (box.Top+box.Bottom)/2
	return cx, cy, math.Max(1, float64(min(box.Width(), box.Height()))/2-2*s.c.scale)
}

func (s pieSeries) Render(r gochart.Renderer, box gochart.Box, _, _ gochart.Range, style gochart.Style) {
	cx, cy, radius := s.geometry(box)
	for _, sl := range s.slices {
		r.SetFillColor(sl.color)
		if sl.a1-sl.a0 >= 2*math.Pi-1e-9 {
			r.Circle(radius, cx, cy)
		} else {
			r.MoveTo(cx, cy)
			r.ArcTo(cx, cy, radius, radius, top+sl.a0, sl.a1-sl.a0)
			r.LineTo(cx, cy)
			r.Close()
		}
		r.Fill()
		r.ResetStyle()
	}
	// Thin gaps between slices, in the background colour.
	if len(s.slices) > 1 {
		var seps [][][2]int
		for _, sl := range s.slices {
			a := top + sl.a0
			seps = append(seps, [][2]int{{cx, cy}, {cx + int(math.Round(radius*math.Cos(a))), cy + int(math.Round(radius*math.Sin(a)))}})
		}
		strokePath(r, seps, s.c.th.background, 1.5*style.StrokeWidth)
	}
	for _, sl := range s.slices {
		label := percent(sl.value / s.total)
		mid := top + (sl.a0+sl.a1)/2
		at := 0.65 * radius
		lx, ly := cx+int(math.Round(at*math.Cos(mid))), cy+int(math.Round(at*math.Sin(mid)))
		// Written only when the slice's width at the label holds it.
		room := 2 * at * math.Sin(math.Min(sl.a1-sl.a0, math.Pi)/2)
		if float64(s.c.textWidth(label, cellSize)+s.c.px(4)) > room || float64(s.c.lineHeight(cellSize)) > 0.6*radius {
			continue
		}
		s.c.text(label, lx, ly, cellSize, contrastText(sl.color), alignCenter, alignMiddle)
	}
}

func (s pieSeries) hit(q *hitQuery) (Hit, float64, bool) {
	cx, cy, radius := s.geometry(q.box)
	dx, dy := float64(q.x)+0.5-float64(cx), float64(q.y)+0.5-float64(cy)
	if math.Hypot(dx, dy) > radius {
		return Hit{}, 0, false
	}
	a := math.Mod(math.Atan2(dy, dx)-top+4*math.Pi, 2*math.Pi)
	for _, sl := range s.slices {
		if a >= sl.a0 && a < sl.a1 {
			h := pointHit(q.spec, s.idx, sl.pt, float64(sl.cat), sl.value, sl.value, s.cats[sl.cat])
			h.Index = sl.cat
			return h, 0, true
		}
	}
	return Hit{}, 0, false
}

// percent prints a share with one decimal below 10%.
func percent(f float64) string {
	p := 100 * f
	if p < 10 {
		return strconv.FormatFloat(p, 'f', 1, 64) + "%"
	}
	return strconv.FormatFloat(p, 'f', 0, 64) + "%"
}

// buildPie draws the first series with a positive value as a pie: its
// points' categories (X.Categories indexed by X, or point i is category i)
// name the slices, else its Labels do. Values that are not positive are
// left out; a category given twice adds up. The legend lists the
// categories with their shares.
func buildPie(spec *sdk.Chart, c *canvas) *plot {
	p := &plot{mode: modeFree}
	si := -1
	for i := range spec.Series {
		for _, v := range spec.Series[i].Y {
			if finite(v) && v > 0 {
				si = i
				break
			}
		}
		if si >= 0 {
			break
		}
	}
	if si < 0 {
		return p
	}
	s := &spec.Series[si]
	var cats []string
	var index func(float64) (int, bool)
	if len(spec.X.Categories) == 0 && len(s.X) == 0 && len(s.Labels) >= len(s.Y) {
		cats = cleanAll(s.Labels[:len(s.Y)])
		index = func(x float64) (int, bool) { return int(x), true }
	} else {
		ci := newCategoryIndex(&sdk.Chart{X: spec.X, Series: []sdk.Series{*s}})
		cats, index = ci.cats, ci.index
	}
	sums := make([]float64, len(cats))
	first := make([]int, len(cats))
	for i := range first {
		first[i] = -1
	}
	pts, _ := seriesPoints(s, false, false)
	total := 0.0
	for _, pt := range pts {
		ci, ok := index(pt.x)
		if !ok || pt.y <= 0 {
			continue
		}
		sums[ci] += pt.y
		total += pt.y
		if first[ci] < 0 {
			first[ci] = pt.i
		}
		p.points++
	}
	ps := pieSeries{seriesBase: seriesBase{seriesName(s, si), si}, c: c, total: total, cats: cats}
	a := 0.0
	for ci, v := range sums {
		if v <= 0 {
			continue
		}
		sl := pieSlice{cat: ci, pt: first[ci], value: v, a0: a, color: c.th.color(ci)}
		a += 2 * math.Pi * v / total
		sl.a1 = a
		ps.slices = append(ps.slices, sl)
		p.legend = append(p.legend, legendEntry{name: cats[ci] + " (" + percent(v/total) + ")", color: sl.color, shape: shapeBox})
	}
	if n := len(ps.slices); n > 0 {
		ps.slices[n-1].a1 = 2 * math.Pi
	}
	p.series = []gochart.Series{ps}
	others := 0
	for i := range spec.Series {
		if i != si && len(spec.Series[i].Y) > 0 {
			others++
		}
	}
	if others > 0 {
		p.note = "showing " + ps.name + "; " + strconv.Itoa(others) + " other series not drawn"
	}
	return p
}
