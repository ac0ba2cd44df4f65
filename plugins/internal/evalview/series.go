package evalview

import (
	"fmt"
	"slices"

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

// ValueBands is how many value ranges ByValue colours points by.
const ValueBands = 5

// ByValue splits points into ValueBands series by their run's value of
// measure, each named by its range, the best range first: with the
// chart's colours per series, this stands in for a colour scale.
func ByValue(pts []Point, measure, server string) []sdk.Series {
	values := make([]float64, len(pts))
	for i, p := range pts {
		values[i] = p.Run.Value
	}
	ranges := Ranges(values, ValueBands, false)
	groups := make([][]Point, len(ranges))
	for _, p := range pts {
		if i := Index(ranges, p.Run.Value); i >= 0 {
			groups[i] = append(groups[i], p)
		}
	}
	var out []sdk.Series
	for i, r := range ranges {
		if len(groups[i]) > 0 {
			out = append(out, Series(r.Label, server, groups[i]))
		}
	}
	if !LowerIsBetter(measure) {
		slices.Reverse(out)
	}
	return out
}

// RunLabel describes a run's point: "run 123: 0.9667 (what)".
func RunLabel(e openml.RunEvaluation, what string) string {
	return fmt.Sprintf("run %d: %s (%s)", e.RunID, FormatValue(e.Value), what)
}
