package evalview

import (
	"fmt"

	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// Point is one run drawn on a chart; clicking it opens the run.
type Point struct {
	Run   openml.RunEvaluation
	X, Y  float64
	Label string
}

// Series makes a chart series of points, each linked to its run on server.
func Series(name, server string, pts []Point) sdk.Series {
	s := sdk.Series{
		Name:   name,
		X:      make([]float64, len(pts)),
		Y:      make([]float64, len(pts)),
		Labels: make([]string, len(pts)),
		Links:  make([]sdk.EntityRef, len(pts)),
	}
	for i, p := range pts {
		s.X[i], s.Y[i], s.Labels[i] = p.X, p.Y, p.Label
		s.Links[i] = Ref(server, sdk.KindRun, p.Run.RunID)
	}
	return s
}

// ValueBands is how many value ranges a numeric hyper-parameter is
// coloured by (the flow page), each a series with a legend entry.
const ValueBands = 5

// ByValue is one series of every point, each coloured by its run's value
// on the chart's colour scale (Series.Color), as the Python page coloured
// its runs.
func ByValue(pts []Point, measure, server string) sdk.Series {
	s := Series(measure, server, pts)
	s.Color = make([]float64, len(pts))
	for i, p := range pts {
		s.Color[i] = p.Run.Value
	}
	return s
}

// RunLabel describes a run's point: "run 123: 0.9667 (what)".
func RunLabel(e openml.RunEvaluation, what string) string {
	return fmt.Sprintf("run %d: %s (%s)", e.RunID, FormatValue(e.Value), what)
}
