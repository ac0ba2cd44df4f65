package data

import (
	"context"
	"fmt"
	"math"

	"github.com/openml-dash/openml-dash/sdk/frame"

	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// fetchQualities gets OpenML's dataset qualities; a local file has none.
func fetchQualities(ctx context.Context, host sdk.Host, ref sdk.EntityRef) (openml.Qualities, error) {
	if _, local := ref.LocalFile(); local {
		return nil, nil
	}
	return openml.GetQualities(ctx, host, ref)
}

// qualitiesTab is the tab of OpenML's dataset qualities (meta-features
// such as NumberOfInstances or ClassEntropy), searchable. A local file has
// none, and a failure to fetch them costs only this tab.
func qualitiesTab(ref sdk.EntityRef, qs openml.Qualities, err error) sdk.Tab {
	t := sdk.Tab{ID: "qualities", Title: "Qualities"}
	if _, local := ref.LocalFile(); local {
		t.Children = []sdk.Component{&sdk.Notice{Level: sdk.Info, Summary: "A local file has no qualities",
			Detail: "OpenML computes the qualities of the datasets uploaded to it."}}
		return t
	}
	if err != nil {
		t.Children = []sdk.Component{&sdk.Notice{Level: sdk.Warning, Summary: "The qualities of this dataset could not be loaded", Detail: err.Error()}}
		return t
	}
	table := &sdk.Table{ID: QualitiesTable, Sortable: true, Filterable: true, Columns: []sdk.Column{
		{ID: "name", Title: "Quality", Type: sdk.CellText},
		{ID: "value", Title: "Value", Type: sdk.CellNumber},
	}}
	for _, q := range qs {
		if q.FeatureIndex >= 0 || q.HasInterval {
			continue // per feature or per stretch of a stream: not the dataset's
		}
		v := sdk.MissingCell(sdk.CellNumber)
		if q.HasValue {
			v = sdk.NumberCell(q.Value)
		}
		table.Rows = append(table.Rows, sdk.Row{Cells: []sdk.Cell{sdk.TextCell(q.Name), v}})
	}
	if len(table.Rows) == 0 {
		t.Children = []sdk.Component{&sdk.Notice{Level: sdk.Info, Summary: "OpenML lists no qualities for this dataset"}}
		return t
	}
	t.Children = []sdk.Component{&sdk.Text{Markdown: "Computed by OpenML when the dataset was uploaded. Type in the filter to search."}, table}
	return t
}

// sizeFacts are the overview's numbers (instances, features, classes,
// missing values): OpenML's qualities when it has them, else counted in
// the data when it was read, else none.
func sizeFacts(qs openml.Qualities, f *frame.Frame, target string) [][2]string {
	names := [][2]string{
		{"Instances", "NumberOfInstances"}, {"Features", "NumberOfFeatures"},
		{"Classes", "NumberOfClasses"}, {"Missing values", "NumberOfMissingValues"},
	}
	var out [][2]string
	for _, n := range names {
		if v, ok := qs.Value(n[1]); ok && !math.IsNaN(v) {
			out = append(out, [2]string{n[0], fmt.Sprintf("%.0f", v)})
		}
	}
	if len(out) > 0 || f == nil {
		return out
	}
	missing := 0
	for _, c := range f.Columns {
		missing += c.MissingCount()
	}
	out = [][2]string{{"Instances", fmt.Sprint(f.Rows())}, {"Features", fmt.Sprint(len(f.Columns))}}
	if t := f.Column(target); t != nil && t.Kind == frame.Nominal {
		out = append(out, [2]string{"Classes", fmt.Sprint(len(t.Levels))})
	}
	return append(out, [2]string{"Missing values", fmt.Sprint(missing)})
}
