package sdk

// ChartKind is the type of a chart.
type ChartKind uint8

// Chart kinds. The host draws each one; more come with later protocol versions.
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
)

func (k ChartKind) String() string {
	names := [...]string{"unspecified", "bar", "stacked bar", "grouped bar", "histogram", "scatter", "line", "box", "heatmap"}
	if int(k) < len(names) {
		return names[k]
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
}

// Axis describes one chart axis. A categorical axis names its categories,
// and points give their index into them as the coordinate.
type Axis struct {
	Title      string
	Log        bool
	Categories []string
}

// Series is one named set of points. Labels and Links, when present, have
// one entry per point; Z holds heatmap cells row-major (y, then x).
type Series struct {
	Name   string
	X, Y   []float64
	Labels []string
	Links  []EntityRef
	Z      []float64
}
