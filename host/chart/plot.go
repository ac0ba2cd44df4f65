package chart

import (
	"fmt"
	"math"

	"github.com/openml-dash/openml-dash/sdk"
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// plotMode says how a plot uses the area below its title.
type plotMode uint8

const (
	// modeAxes, the zero value, so the mode of every kind that sets none:
	// one plot box with an x and a y axis.
	modeAxes plotMode = iota
	// modeFree: the series fill the area themselves, without axes (pie,
	// parallel categories).
	modeFree
	// modeMatrix: a grid of plot boxes sharing axes by row and column
	// (scatter matrix).
	modeMatrix
)

// plot is a chart kind made ready to draw: its two screen axes, the
// go-chart Series that draw inside the plot box, and the legend.
type plot struct {
	mode   plotMode
	x, y   axisSpec
	series []gochart.Series
	legend []legendEntry
	// colorbar, when set, is drawn right of the plot (heatmaps, scatter
	// plots coloured by value).
	colorbar *colorbar
	// points counts what will be drawn; with none the plot says "No data".
	points int
	// placeholder replaces the whole plot with a notice (a kind this
	// version does not draw).
	placeholder string
	// note is a short remark drawn in the plot's top right corner, such as
	// how a big point set was drawn.
	note string
	// svgNote, when set, replaces note in an SVG (drawn with fewer marks).
	svgNote string
	// matrix holds the panels of a scatter matrix (modeMatrix).
	matrix *matrixPlot
}

type legendShape uint8

const (
	shapeBox legendShape = iota
	shapeLine
	shapeDot
)

type legendEntry struct {
	name  string
	color drawing.Color
	shape legendShape
}

// colorbar is a continuous colour scale shown beside the plot.
type colorbar struct {
	title string
	sc    colorScale
}

// colorScale maps values to viridis, linearly or by their logarithm.
type colorScale struct {
	lo, hi float64
	log    bool
}

// newColorScale spans the finite values of vs (positive ones on a log
// scale); ok is false when there are none.
func newColorScale(log bool, vss ...[]float64) (colorScale, bool) {
	cs := colorScale{lo: math.Inf(1), hi: math.Inf(-1), log: log}
	for _, vs := range vss {
		for _, v := range vs {
			if !finite(v) || (log && v <= 0) {
				continue
			}
			cs.lo, cs.hi = math.Min(cs.lo, v), math.Max(cs.hi, v)
		}
	}
	if cs.lo > cs.hi {
		return cs, false
	}
	if cs.lo == cs.hi {
		if log {
			cs.lo, cs.hi = cs.lo/math.Sqrt(10), cs.hi*math.Sqrt(10)
		} else {
			cs.lo, cs.hi = cs.lo-0.5, cs.hi+0.5
		}
	}
	return cs, true
}

// t is v's place on the scale, from 0 to 1; NaN when v has none.
func (cs colorScale) t(v float64) float64 {
	if !finite(v) || (cs.log && v <= 0) {
		return math.NaN()
	}
	var t float64
	if cs.log {
		t = (math.Log10(v) - math.Log10(cs.lo)) / (math.Log10(cs.hi) - math.Log10(cs.lo))
	} else {
		t = (v - cs.lo) / (cs.hi - cs.lo)
	}
	return math.Max(0, math.Min(1, t))
}

// build turns spec into a plot with the builder of its kind.
func build(spec *sdk.Chart, c *canvas) (*plot, error) {
	th := c.th
	switch spec.Kind {
	case sdk.ChartBar, sdk.ChartStackedBar, sdk.ChartGroupedBar:
		return buildBar(spec, th), nil
	case sdk.ChartHistogram:
		return buildHistogram(spec, th), nil
	case sdk.ChartScatter:
		return buildScatter(spec, c), nil
	case sdk.ChartLine:
		return buildLine(spec, th), nil
	case sdk.ChartBox:
		return buildBox(spec, th), nil
	case sdk.ChartHeatmap:
		return buildHeatmap(spec, c)
	case sdk.ChartViolin:
		return buildViolin(spec, c), nil
	case sdk.ChartScatterMatrix:
		return buildMatrix(spec, c), nil
	case sdk.ChartPie:
		return buildPie(spec, c), nil
	case sdk.ChartParallelCategories:
		return buildParcats(spec, c), nil
	}
	// A kind from a newer protocol: say so in the picture rather than fail
	// the page.
	return &plot{placeholder: fmt.Sprintf("This chart kind (%d) is not drawn by this version of openml-dash; update the app to see it.", spec.Kind)}, nil
}

// seriesName is the legend name of series i.
func seriesName(s *sdk.Series, i int) string {
	if n := cleanText(s.Name); n != "" {
		return n
	}
	return fmt.Sprintf("Series %d", i+1)
}

// legendFor lists one entry per series when the spec asks for a legend.
func legendFor(spec *sdk.Chart, th theme, shape legendShape) []legendEntry {
	if !spec.Legend {
		return nil
	}
	out := make([]legendEntry, len(spec.Series))
	for i := range spec.Series {
		out[i] = legendEntry{name: seriesName(&spec.Series[i], i), color: th.color(i), shape: shape}
	}
	return out
}

// valueAxis is the axis of measured values (bar heights, counts).
func valueAxis(a sdk.Axis, zero bool) axisSpec {
	out := axisSpec{title: cleanText(a.Title), kind: axisLinear, zero: zero, pad: 0.05, grid: true}
	if a.Log {
		out.kind, out.zero = axisLog, false
	}
	return out
}

// numericAxis is a continuous axis, or a band axis when it has categories.
func numericAxis(a sdk.Axis, pad float64) axisSpec {
	if len(a.Categories) > 0 {
		return axisSpec{title: cleanText(a.Title), kind: axisBand, cats: cleanAll(a.Categories), grid: true}
	}
	out := axisSpec{title: cleanText(a.Title), kind: axisLinear, pad: pad, grid: true}
	switch {
	case a.Time:
		out.kind = axisTime
	case a.Log:
		out.kind = axisLog
	}
	return out
}

func cleanAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = cleanText(s)
	}
	return out
}

// maxAbs bounds the values drawn: beyond it differences overflow.
const maxAbs = 1e300

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) && math.Abs(v) <= maxAbs }

// point is one drawable point and its index in the series.
type point struct {
	x, y float64
	i    int
}

// seriesPoints pairs the X and Y of s; without X, point i has x = i. Points
// with a coordinate that is not finite, or not positive on a log axis, are
// skipped, as are X or Y values without a partner.
func seriesPoints(s *sdk.Series, xlog, ylog bool) (pts []point, skipped int) {
	n := len(s.Y)
	if len(s.X) > 0 {
		n = min(len(s.X), len(s.Y))
		skipped = max(len(s.X), len(s.Y)) - n
	}
	pts = make([]point, 0, n)
	for i := 0; i < n; i++ {
		x := float64(i)
		if len(s.X) > 0 {
			x = s.X[i]
		}
		y := s.Y[i]
		if !finite(x) || !finite(y) || (xlog && x <= 0) || (ylog && y <= 0) {
			skipped++
			continue
		}
		pts = append(pts, point{x: x, y: y, i: i})
	}
	return pts, skipped
}

// seriesBase gives the go-chart Series methods the layout does not use,
// and the index of the spec series drawn.
type seriesBase struct {
	name string
	idx  int
}

func (s seriesBase) GetName() string             { return s.name }
func (s seriesBase) GetYAxis() gochart.YAxisType { return gochart.YAxisPrimary }
func (s seriesBase) GetStyle() gochart.Style     { return gochart.Style{} }
func (s seriesBase) Validate() error             { return nil }

// toX and toY map data values to pixels in the plot box.
func toX(box gochart.Box, xr gochart.Range, v float64) int { return box.Left + xr.Translate(v) }
func toY(box gochart.Box, yr gochart.Range, v float64) int { return box.Bottom - yr.Translate(v) }
