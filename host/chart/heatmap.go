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
	cs     colorScale
	// xcats and ycats name the columns and rows in full; xt and yt are
	// the axis titles.
	xcats, ycats []string
	xt, yt       string
}

var (
	_ gochart.Series = heatSeries{}
	_ hitter         = heatSeries{}
)

func (s heatSeries) color(z float64) drawing.Color {
	t := s.cs.t(z)
	if math.IsNaN(t) {
		return s.c.th.missing
	}
	return heat(t)
}

// hit finds the cell under the pixel; its label names the row and the
// column (with the axis titles, when there are some).
func (s heatSeries) hit(q *hitQuery) (Hit, float64, bool) {
	if !inside(q.box, q.x, q.y, 0) || q.x == q.box.Right || q.y == q.box.Bottom {
		return Hit{}, 0, false
	}
	// The band under the pixel, give or take one for rounding.
	cx := int(math.Round(q.xr.invert(float64(q.x - q.box.Left))))
	cy := int(math.Round(q.yr.invert(float64(q.box.Bottom - q.y))))
	for yi := max(0, cy-1); yi <= min(s.ny-1, cy+1); yi++ {
		for xi := max(0, cx-1); xi <= min(s.nx-1, cx+1); xi++ {
			if !s.cell(q.box, q.xr, q.yr, xi, yi).has(q.x, q.y) {
				continue
			}
			k := yi*s.nx + xi
			label := s.ycats[yi] + ", " + s.xcats[xi]
			if s.yt != "" && s.xt != "" {
				label = s.yt + ": " + s.ycats[yi] + ", " + s.xt + ": " + s.xcats[xi]
			}
			h := pointHit(q.spec, s.idx, k, float64(xi), float64(yi), s.z[k], label)
			return h, 0, true
		}
	}
	return Hit{}, 0, false
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
	si := 0
	for i := range spec.Series {
		if len(spec.Series[i].Z) > 0 {
			s, si = &spec.Series[i], i
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
	hs := heatSeries{seriesBase: seriesBase{seriesName(s, si), si}, c: c, nx: nx, ny: ny, z: make([]float64, nx*ny),
		xcats: xcats, ycats: ycats, xt: p.x.title, yt: p.y.title}
	for i := range hs.z {
		hs.z[i] = math.NaN()
		if i < len(s.Z) && finite(s.Z[i]) {
			hs.z[i] = s.Z[i]
			p.points++
		}
	}
	cs, ok := newColorScale(spec.ColorAxis.Log, hs.z)
	if p.points == 0 || !ok {
		return p, nil
	}
	hs.cs = cs
	p.series = []gochart.Series{hs}
	p.colorbar = &colorbar{title: cleanText(spec.ColorAxis.Title), sc: cs}
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
