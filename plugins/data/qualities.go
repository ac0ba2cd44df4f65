package data

import (
	"context"

	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// qualities is the tab of OpenML's dataset qualities (meta-features such
// as NumberOfInstances or ClassEntropy), searchable. A local file has none,
// and a failure to fetch them costs only this tab.
func qualities(ctx context.Context, host sdk.Host, ref sdk.EntityRef) sdk.Tab {
	t := sdk.Tab{ID: "qualities", Title: "Qualities"}
	if _, local := ref.LocalFile(); local {
		t.Children = []sdk.Component{&sdk.Notice{Level: sdk.Info, Summary: "A local file has no qualities",
			Detail: "OpenML computes the qualities of the datasets uploaded to it."}}
		return t
	}
	qs, err := openml.GetQualities(ctx, host, ref)
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
