package sdk

import "slices"

// ChartKind is the type of a chart.
type ChartKind uint8

// Chart kinds. The host draws each one; more come with later protocol
// versions, and a host that does not know a kind says so in the picture.
const (
	ChartUnspecified ChartKind = iota
	ChartBar
	ChartStackedBar
	ChartGroupedBar
	ChartHistogram
	ChartScatter
	ChartLine
	ChartBox
	ChartHeatmap
	// ChartViolin draws each group's samples (Series.Y, grouped by X as
	// in a box plot) as a mirrored density outline with a box inside; the
	// host computes the density from the samples.
	ChartViolin
	// ChartScatterMatrix draws every pair of Chart.Dimensions as a small
	// scatter plot, with each dimension's histogram on the diagonal; the
	// points are in Series.Dims.
	ChartScatterMatrix
	// ChartPie draws one slice per category from the first series with
	// data: X.Categories (or the series' Labels) name them, Y gives the
	// values.
	ChartPie
	// ChartParallelCategories draws two or more nominal Chart.Dimensions
	// as columns of stacked category blocks joined by ribbons (parallel
	// sets): Series.Dims holds each item's category indexes, Series.Y its
	// weight (1 when empty), and each series has its own colour.
	ChartParallelCategories
)

func (k ChartKind) String() string {
	names := [...]string{"unspecified", "bar", "stacked bar", "grouped bar", "histogram", "scatter", "line", "box", "heatmap",
		"violin", "scatter matrix", "pie", "parallel categories"}
	if int(k) < len(names) {
		return names[k]
	}
	return "unknown"
}

// BarMode says how the bars of several series share a category or a
// histogram bin.
type BarMode uint8

// Bar modes.
const (
	// BarModeAuto is the kind's own: stacked for ChartStackedBar and
	// ChartHistogram, side by side for ChartBar and ChartGroupedBar.
	BarModeAuto BarMode = iota
	// BarModeStack piles the series' bars on each other.
	BarModeStack
	// BarModeGroup puts the series' bars side by side.
	BarModeGroup
	// BarModeOverlay draws the series' bars over each other, see-through.
	BarModeOverlay
)

func (m BarMode) String() string {
	names := [...]string{"auto", "stack", "group", "overlay"}
	if int(m) < len(names) {
		return names[m]
	}
	return "unknown"
}

// Chart carries a chart's data, not its pixels: the host draws it at the
// size of the window, in the current theme, and maps clicks to points.
type Chart struct {
	ID     string
	Kind   ChartKind
	Title  string
	X, Y   Axis
	Series []Series
	Legend bool
	// Horizontal lays bars along the y axis.
	Horizontal bool
	// Barmode says how the bars of several series share a category or bin
	// (bar kinds and histograms).
	Barmode BarMode
	// Dimensions names the dimensions of a scatter matrix or a parallel
	// categories chart, in order: Title names one, Log makes a scatter
	// matrix axis logarithmic, and Categories name a nominal dimension's
	// values (Series.Dims then holds indexes into them).
	Dimensions []Axis
	// ColorAxis describes the colour scale of Series.Color and of heatmap
	// cells: Title names the colour bar, Log makes it logarithmic.
	ColorAxis Axis
	// Height is the height the chart asks for, in Fyne units (pixels at
	// scale 1), for charts that need room, such as many horizontal bars;
	// 0 leaves it to the host. The window may still make it taller.
	Height int
	// Clicked is PropClickData, [series, index] of the point clicked last.
	// The host sets it when the user clicks; plugins read it as a callback
	// input or state.
	Clicked []int64
	// Selected is PropSelectedData, the box-selected points as flattened
	// [series, index] pairs, set by the host like Clicked.
	Selected []int64
}

// Clone copies c deeply, so the copy can be changed without touching c.
func (c *Chart) Clone() *Chart {
	if c == nil {
		return nil
	}
	x := *c
	x.X, x.Y, x.ColorAxis = c.X.clone(), c.Y.clone(), c.ColorAxis.clone()
	x.Clicked, x.Selected = slices.Clone(c.Clicked), slices.Clone(c.Selected)
	if c.Dimensions != nil {
		x.Dimensions = make([]Axis, len(c.Dimensions))
		for i, d := range c.Dimensions {
			x.Dimensions[i] = d.clone()
		}
	}
	if c.Series != nil {
		x.Series = make([]Series, len(c.Series))
		for i, s := range c.Series {
			x.Series[i] = s.clone()
		}
	}
	return &x
}

// Axis describes one chart axis. A categorical axis names its categories,
// and points give their index into them as the coordinate.
type Axis struct {
	Title      string
	Log        bool
	Categories []string
	// Time says the axis's values are times in seconds since 1970-01-01
	// UTC (time.Time.Unix): ticks and tooltips show dates, not numbers.
	// Since: protocol 1, openml-dash 0.2.
	Time bool
}

func (a Axis) clone() Axis {
	a.Categories = slices.Clone(a.Categories)
	return a
}

// Series is one named set of points. Labels and Links, when present, have
// one entry per point; Z holds heatmap cells row-major (y, then x).
type Series struct {
	Name   string
	X, Y   []float64
	Labels []string
	Links  []EntityRef
	Z      []float64
	// Color, in a scatter plot or scatter matrix, colours point i by a
	// continuous value on a colour scale (see Chart.ColorAxis) instead of
	// by the series; NaN draws the point in a neutral colour. To colour by
	// category, give each category its own series.
	Color []float64
	// Dims holds the points of a scatter matrix or parallel categories
	// chart by dimension: Dims[d][i] is point i's value on
	// Chart.Dimensions[d] (a category index for a nominal dimension).
	Dims [][]float64
}

func (s Series) clone() Series {
	s.X, s.Y, s.Z, s.Color = slices.Clone(s.X), slices.Clone(s.Y), slices.Clone(s.Z), slices.Clone(s.Color)
	s.Labels, s.Links = slices.Clone(s.Labels), slices.Clone(s.Links)
	if s.Dims != nil {
		d := make([][]float64, len(s.Dims))
		for i, v := range s.Dims {
			d[i] = slices.Clone(v)
		}
		s.Dims = d
	}
	return s
}
