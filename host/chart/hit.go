package chart

import (
	"image"
	"io"
	"math"
	"sync"

	"github.com/openml-dash/openml-dash/sdk"
	gochart "github.com/wcharczuk/go-chart/v2"
)

// Hit is the data point drawn under a pixel.
type Hit struct {
	Series     int // index into spec.Series
	Index      int // the point's index in the series (bars: the category index; heatmap: the cell index y*nx+x)
	SeriesName string
	// X and Y are data coordinates (bars: category index and value;
	// heatmap: column and row index, value in Value).
	X, Y  float64
	Value float64        // the value shown (bar height, heatmap cell, or Y)
	Label string         // the point's label, else its full category name
	Link  *sdk.EntityRef // the point's link, if any
	// Dims are, in a scatter matrix, the dimensions of the panel hit,
	// across then up (indexes into Chart.Dimensions): X and Y are the
	// point's values on them. Nil for other kinds.
	Dims []int
}

// HitTest returns the point drawn at pixel (x, y) of spec drawn with opts
// (same size and scale as the image shown), within a few pixels for
// points and lines, inside the rectangle for bars and cells.
//
// How each kind answers:
//   - bar kinds: the bar under the pixel; Index and X are its category.
//   - histogram: the bin; Index is its place in Y, X its centre, Label its
//     range unless the series labels it.
//   - scatter, line, scatter matrix: the nearest point within a few pixels
//     (line: or the nearer end of the segment under the pixel); in a
//     scatter matrix X and Y are the point's values on the panel's
//     dimensions, which Dims names.
//   - box, violin: an outlier dot (Index is the sample) or the box or
//     outline of a group (Index and X are its category, Y and Value the
//     median).
//   - heatmap: the cell.
//   - pie: the slice; Index and X are its category, Value its value.
//   - parallel categories: the series' share of a category block (Index
//     and Y are the category, X the dimension, Value the weight) or a
//     ribbon between two dimensions (Index is its category on the left).
//
// The layout drawn is cached for a few recent (spec, opts) pairs, so a
// hit test after Image or Render does not lay the chart out again: a spec
// must not be changed after it has been drawn (send a new *sdk.Chart).
func HitTest(spec *sdk.Chart, opts Options, x, y int) (Hit, bool) {
	l, err := cachedLayout(spec, opts)
	if err != nil {
		return Hit{}, false
	}
	return l.HitTest(x, y)
}

// hitQuery is a pixel to test against one series of one panel.
type hitQuery struct {
	x, y   int
	box    gochart.Box
	xr, yr *scale
	spec   *sdk.Chart
	c      *canvas
}

// hitter is implemented by the series that can be hit: dist is 0 inside
// a shape and the distance in pixels to a point or line otherwise.
type hitter interface {
	hit(q *hitQuery) (h Hit, dist float64, ok bool)
}

// hitRadius is how far from a point or a line a pixel still hits it.
func (c *canvas) hitRadius(markerRadius float64) float64 {
	return math.Max(markerRadius+2*c.scale, 4*c.scale)
}

// pointHit fills in what every hit on point i of series si shares.
func pointHit(spec *sdk.Chart, si, i int, x, y, value float64, fallback string) Hit {
	s := &spec.Series[si]
	h := Hit{Series: si, Index: i, SeriesName: seriesName(s, si), X: x, Y: y, Value: value, Label: fallback}
	if i >= 0 && i < len(s.Labels) && s.Labels[i] != "" {
		h.Label = s.Labels[i]
	}
	if i >= 0 && i < len(s.Links) {
		l := s.Links[i]
		h.Link = &l
	}
	return h
}

// hit finds what is drawn at (x, y): the topmost shape containing the
// pixel, else the nearest point or line within reach.
func (f *frame) hit(x, y int) (Hit, bool) {
	best, bestD, found := Hit{}, math.Inf(1), false
	for pi := len(f.panels) - 1; pi >= 0; pi-- {
		p := &f.panels[pi]
		q := hitQuery{x: x, y: y, box: p.box, xr: p.xl.sc, yr: p.yl.sc, spec: f.spec, c: f.c}
		for si := len(p.series) - 1; si >= 0; si-- {
			h, ok := p.series[si].(hitter)
			if !ok {
				continue
			}
			if hit, d, ok := h.hit(&q); ok && d < bestD {
				hit.Dims = p.dims
				best, bestD, found = hit, d, true
			}
		}
	}
	return best, found
}

// Layout is a chart laid out for one set of options: where its boxes,
// axes, legend and marks go. Drawing and hit-testing read the same
// Layout, so a hit names what was drawn under the pixel. A Layout may be
// used from several goroutines; its methods take turns.
type Layout struct {
	mu   sync.Mutex
	spec *sdk.Chart
	opts Options
	f    *frame
}

// NewLayout lays spec out for opts (opts.Format is ignored: the layout
// serves both formats). It fails as Render does.
func NewLayout(spec *sdk.Chart, opts Options) (*Layout, error) {
	if err := check(spec, &opts); err != nil {
		return nil, err
	}
	f, err := layoutFrame(spec, opts)
	if err != nil {
		return nil, err
	}
	return &Layout{spec: spec, opts: opts, f: f}, nil
}

// HitTest is the package's HitTest on this layout.
func (l *Layout) HitTest(x, y int) (Hit, bool) {
	if x < 0 || y < 0 || x >= l.opts.Width || y >= l.opts.Height {
		return Hit{}, false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.f.hit(x, y)
}

// Image draws the layout as an *image.RGBA of its size.
func (l *Layout) Image() (*image.RGBA, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return rasterize(l.f)
}

// Render draws the layout into w as a PNG or an SVG document.
func (l *Layout) Render(w io.Writer, format Format) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return render(l.f, format, w)
}

// layoutCache keeps the last few layouts, so a hit test after drawing (and
// a redraw at the same size) reuses them.
var layoutCache struct {
	sync.Mutex
	entries []cacheEntry // most recent first
}

const cacheSize = 4

type cacheKey struct {
	spec     *sdk.Chart
	w, h     int
	scale    float32
	textSize float32
	dark     bool
	// A cheap fingerprint of the spec, so an edited spec is seldom served
	// a stale layout.
	kind    sdk.ChartKind
	series  int
	values  int
	title   string
	dims    int
	barmode sdk.BarMode
}

type cacheEntry struct {
	key cacheKey
	l   *Layout
}

func keyFor(spec *sdk.Chart, opts Options) cacheKey {
	k := cacheKey{spec: spec, w: opts.Width, h: opts.Height, scale: opts.Scale, textSize: opts.TextSize, dark: opts.Dark,
		kind: spec.Kind, series: len(spec.Series), title: spec.Title, dims: len(spec.Dimensions), barmode: spec.Barmode}
	for i := range spec.Series {
		s := &spec.Series[i]
		k.values += len(s.X) + len(s.Y) + len(s.Z) + len(s.Color) + len(s.Dims)
	}
	return k
}

// cachedLayout returns the layout of (spec, opts), making it when it is
// not among the recent ones.
func cachedLayout(spec *sdk.Chart, opts Options) (*Layout, error) {
	if err := check(spec, &opts); err != nil {
		return nil, err
	}
	opts.Format = PNG
	key := keyFor(spec, opts)
	layoutCache.Lock()
	for i, e := range layoutCache.entries {
		if e.key == key {
			copy(layoutCache.entries[1:i+1], layoutCache.entries[:i])
			layoutCache.entries[0] = e
			layoutCache.Unlock()
			return e.l, nil
		}
	}
	layoutCache.Unlock()
	l, err := NewLayout(spec, opts)
	if err != nil {
		return nil, err
	}
	layoutCache.Lock()
	defer layoutCache.Unlock()
	layoutCache.entries = append([]cacheEntry{{key, l}}, layoutCache.entries...)
	if len(layoutCache.entries) > cacheSize {
		layoutCache.entries[cacheSize] = cacheEntry{}
		layoutCache.entries = layoutCache.entries[:cacheSize]
	}
	return l, nil
}
