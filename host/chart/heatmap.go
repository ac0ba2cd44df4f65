package chart

import (
	"fmt"
	"math"

	"github.com/openml-dash/openml-dash/sdk"
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// heatSeries draws a grid of cells coloured by value, with the value
// written in cells large enough to hold it (a confusion matrix reads its
// counts). Cells without a value take the theme's missing colour.
type heatSeries struct {
	seriesBase
	c      *canvas
	nx, ny int
	z      []float64 // row-major, y then x; NaN is missing
	lo, hi float64
}

var _ gochart.Series = heatSeries{}

func (s heatSeries) color(z float64) drawing.Color {
	if !finite(z) {
		return s.c.th.missing
	}
	if s.hi == s.lo {
		return heat(0.5)
	}
	return heat((z - s.lo) / (s.hi - s.lo))
}

func (s heatSeries) cell(box gochart.Box, xr, yr gochart.Range, xi, yi int) rect {
	x, y := float64(xi), float64(yi)
	return rect{toX(box, xr, x-0.5), toY(box, yr, y-0.5), toX(box, xr, x+0.5), toY(box, yr, y+0.5)}.norm()
}

func (s heatSeries) Render(r gochart.Renderer, box gochart.Box, xr, yr gochart.Range, _ gochart.Style) {
	// One path per colour: viridis has 256, so a big matrix is at most
	// 257 fills rather than one per cell.
	byColor := map[drawing.Color][]rect{}
	var order []drawing.Color
	for yi := 0; yi < s.ny; yi++ {
		for xi := 0; xi < s.nx; xi++ {
			q, ok := s.cell(box, xr, yr, xi, yi).clip(box)
			if !ok {
				continue
			}
			col := s.color(s.z[yi*s.nx+xi])
			if _, seen := byColor[col]; !seen {
				order = append(order, col)
			}
			byColor[col] = append(byColor[col], q)
		}
	}
	for _, col := range order {
		fillRects(r, byColor[col], col)
	}
	if s.nx == 0 || s.ny == 0 {
		return
	}
	// Values are written only when every cell can hold its label.
	cw, ch := box.Width()/s.nx, box.Height()/s.ny
	if ch < s.c.lineHeight(cellSize)+2 {
		return
	}
	labels := make([]string, len(s.z))
	for i, z := range s.z {
		if finite(z) {
			labels[i] = formatValue(z)
			if s.c.textWidth(labels[i], cellSize)+s.c.px(4) > cw {
				return
			}
		}
	}
	for yi := 0; yi < s.ny; yi++ {
		for xi := 0; xi < s.nx; xi++ {
			l := labels[yi*s.nx+xi]
			q := s.cell(box, xr, yr, xi, yi)
			if l == "" || !inside(box, (q.x0+q.x1)/2, (q.y0+q.y1)/2, 0) {
				continue
			}
			s.c.text(l, (q.x0+q.x1)/2, (q.y0+q.y1)/2, cellSize, contrastText(s.color(s.z[yi*s.nx+xi])), alignCenter, alignMiddle)
		}
	}
}

// maxCells bounds a heatmap so a wrong shape cannot allocate gigabytes.
const maxCells = 1 << 22

// buildHeatmap draws the Z of the first series that has one as cells over
// the x and y categories, first row at the top, with a colour bar.
func buildHeatmap(spec *sdk.Chart, c *canvas) (*plot, error) {
	var s *sdk.Series
	for i := range spec.Series {
		if len(spec.Series[i].Z) > 0 {
			s = &spec.Series[i]
			break
		}
	}
	xcats, ycats := cleanAll(spec.X.Categories), cleanAll(spec.Y.Categories)
	if s != nil && len(xcats) == 0 {
		xcats = formatAll(s.X)
	}
	if s != nil && len(ycats) == 0 {
		ycats = formatAll(s.Y)
	}
	p := &plot{
		x: axisSpec{title: cleanText(spec.X.Title), kind: axisBand, cats: xcats},
		y: axisSpec{title: cleanText(spec.Y.Title), kind: axisBand, cats: ycats, descending: true},
	}
	if s == nil {
		return p, nil
	}
	nx, ny := len(xcats), len(ycats)
	switch {
	case nx == 0 && ny == 0:
		return nil, fmt.Errorf("heatmap has %d cells but no x or y categories to shape them: set Chart.X.Categories and Chart.Y.Categories (Z is row-major: y, then x)", len(s.Z))
	case nx == 0:
		nx = (len(s.Z) + ny - 1) / ny
		xcats = indexLabels(nx)
	case ny == 0:
		ny = (len(s.Z) + nx - 1) / nx
		ycats = indexLabels(ny)
	}
	if nx*ny > maxCells {
		return nil, fmt.Errorf("heatmap of %d x %d cells is too large to draw (at most %d cells): aggregate the data first", nx, ny, maxCells)
	}
	p.x.cats, p.y.cats = xcats, ycats
	hs := heatSeries{seriesBase: seriesBase{seriesName(s, 0)}, c: c, nx: nx, ny: ny, z: make([]float64, nx*ny), lo: math.Inf(1), hi: math.Inf(-1)}
	for i := range hs.z {
		hs.z[i] = math.NaN()
		if i < len(s.Z) && finite(s.Z[i]) {
			hs.z[i] = s.Z[i]
			hs.lo, hs.hi = math.Min(hs.lo, s.Z[i]), math.Max(hs.hi, s.Z[i])
			p.points++
		}
	}
	if p.points == 0 {
		return p, nil
	}
	p.series = []gochart.Series{hs}
	p.colorbar = &colorbar{lo: hs.lo, hi: hs.hi}
	if hs.lo == hs.hi {
		p.colorbar = &colorbar{lo: hs.lo - 0.5, hi: hs.hi + 0.5}
	}
	return p, nil
}

func formatAll(vs []float64) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = formatValue(v)
	}
	return out
}

func indexLabels(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprint(i)
	}
	return out
}
