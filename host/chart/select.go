package chart

import (
	"image"

	"github.com/openml-dash/openml-dash/sdk"
)

// selector is implemented by the series whose points can be selected with
// a rectangle: the points of scatter, line and scatter-matrix panels.
type selector interface {
	selectIn(q *hitQuery, r image.Rectangle, out []Hit) []Hit
}

// Select returns the points drawn inside the pixel rectangle with corners
// (x0, y0) and (x1, y1), as Dash's selectedData: a box selection over
// spec drawn with opts. Kinds without points (bars, boxes, cells) select
// nothing. In a scatter matrix a point is listed once however many panels
// the rectangle covers.
func Select(spec *sdk.Chart, opts Options, x0, y0, x1, y1 int) ([]Hit, error) {
	l, err := cachedLayout(spec, opts)
	if err != nil {
		return nil, err
	}
	return l.Select(x0, y0, x1, y1), nil
}

// Select is the package's Select on this layout.
func (l *Layout) Select(x0, y0, x1, y1 int) []Hit {
	r := image.Rect(x0, y0, x1, y1) // Rect orders the corners
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []Hit
	seen := map[[2]int]bool{}
	for pi := range l.f.panels {
		p := &l.f.panels[pi]
		q := hitQuery{box: p.box, xr: p.xl.sc, yr: p.yl.sc, spec: l.f.spec, c: l.f.c}
		for _, s := range p.series {
			sel, ok := s.(selector)
			if !ok {
				continue
			}
			for _, h := range sel.selectIn(&q, r, nil) {
				if k := [2]int{h.Series, h.Index}; !seen[k] {
					seen[k] = true
					out = append(out, h)
				}
			}
		}
	}
	return out
}

func (s *pointSeries) selectIn(q *hitQuery, r image.Rectangle, out []Hit) []Hit {
	pr := newProjector(q.box, q.xr, q.yr)
	for i := 0; i < s.n; i++ {
		x, y, ok := s.at(i)
		if !ok {
			continue
		}
		px, py := pr.at(x, y)
		if px >= float64(r.Min.X) && px <= float64(r.Max.X) && py >= float64(r.Min.Y) && py <= float64(r.Max.Y) {
			out = append(out, pointHit(q.spec, s.idx, i, x, y, y, categoryLabel(q.spec, x, y)))
		}
	}
	return out
}

func (s lineSeries) selectIn(q *hitQuery, r image.Rectangle, out []Hit) []Hit {
	for _, run := range s.runs {
		for _, p := range run {
			x, y := toX(q.box, q.xr, p.x), toY(q.box, q.yr, p.y)
			if image.Pt(x, y).In(r.Inset(-1)) {
				out = append(out, pointHit(q.spec, s.idx, p.i, p.x, p.y, p.y, categoryLabel(q.spec, p.x, p.y)))
			}
		}
	}
	return out
}
