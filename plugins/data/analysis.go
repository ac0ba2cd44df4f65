package data

import (
	"context"
	"fmt"
	"math"

	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/frame"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// column is a feature's name and type as Layout knows them, from OpenML's
// feature list or from the data.
type column struct {
	name, kind string // kind: "numeric", "nominal", "string", "date"
}

func listColumns(fs []openml.Feature) []column {
	out := make([]column, len(fs))
	for i, f := range fs {
		out[i] = column{name: f.Name, kind: f.DataType}
	}
	return out
}

func frameColumns(f *frame.Frame) []column {
	out := make([]column, len(f.Columns))
	for i, c := range f.Columns {
		out[i] = column{name: c.Name, kind: c.Kind.String()}
	}
	return out
}

// dataFor loads the data a callback needs. When the file cannot be read it
// answers a one-line notice naming the part that needs it (needs, e.g.
// "The distributions need"): the overview says why, once (see
// featureTable), and the rest of the page keeps working. err is set only
// when the call itself failed or was cancelled.
func (p *plugin) dataFor(ctx context.Context, req *sdk.CallbackRequest, needs string) (*frame.Frame, *sdk.Notice, error) {
	ds, err := openml.GetDataset(ctx, req.Host, req.Ref)
	if err != nil {
		return nil, nil, err
	}
	f, err := p.frames.get(ctx, req.Host, req.Ref, ds)
	if err != nil {
		if ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		return nil, seeOverview(needs + " the data file"), nil
	}
	return f, nil, nil
}

// tableNames are the feature names in the feature table's row order (the
// target first, then the file's order), so that selected rows, which are
// indices into the table, name features.
func tableNames(f *frame.Frame, target string) []string {
	out := make([]string, 0, len(f.Columns))
	if f.Column(target) != nil {
		out = append(out, target)
	}
	for _, c := range f.Columns {
		if c.Name != target {
			out = append(out, c.Name)
		}
	}
	return out
}

// columnsByName indexes f's columns by name, for the loops over every
// ranked feature: frame.Frame.Column searches, which over a text dataset's
// 20,000 columns would take seconds.
func columnsByName(f *frame.Frame) map[string]*frame.Column {
	out := make(map[string]*frame.Column, len(f.Columns))
	for _, c := range f.Columns {
		if _, dup := out[c.Name]; !dup { // the first, as Frame.Column finds
			out[c.Name] = c
		}
	}
	return out
}

// floats converts counts for a chart series.
func floats(counts []int) []float64 {
	out := make([]float64, len(counts))
	for i, n := range counts {
		out[i] = float64(n)
	}
	return out
}

// num formats a statistic for a title: 4 significant digits.
func num(x float64) string {
	if math.IsNaN(x) {
		return "n/a"
	}
	return fmt.Sprintf("%.4g", x)
}

// grid lays charts out two to a row.
func grid(cs []sdk.Component) *sdk.Container {
	return &sdk.Container{Direction: sdk.GridDirection, GridColumns: 2, Children: cs}
}
