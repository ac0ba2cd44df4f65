package runstudy

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/plugins/internal/fanout"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// A dataset of the study: one row of the dataset table.
type dataset struct {
	ID        int64
	Name      string // "" when neither the evaluations nor its description named it
	Qualities openml.Qualities
	Err       error // why its name or qualities could not be read
}

// qualityColumns are the qualities the dataset table shows, as the Python
// page did.
var qualityColumns = []struct{ quality, title string }{
	{"NumberOfInstances", "Instances"},
	{"NumberOfFeatures", "Features"},
	{"NumberOfClasses", "Classes"},
	{"NumberOfMissingValues", "Missing values"},
	{"NumberOfNumericFeatures", "Numeric features"},
	{"NumberOfSymbolicFeatures", "Nominal features"},
}

// loadDatasets gathers the study's datasets: those its description lists
// and those its runs were evaluated on (evals), named as the evaluations
// name them, or else by their description, each with its qualities
// (data/qualities/<id>). What cannot be read is kept in dataset.Err. The
// datasets come sorted by name, then id: the table's order.
func loadDatasets(ctx context.Context, host sdk.Host, server string, listed []int64, evals []openml.RunEvaluation) ([]*dataset, error) {
	byID := map[int64]*dataset{}
	var all []*dataset
	add := func(id int64, name string) {
		if id < 1 {
			return
		}
		d, ok := byID[id]
		if !ok {
			d = &dataset{ID: id}
			byID[id] = d
			all = append(all, d)
		}
		if d.Name == "" {
			d.Name = name
		}
	}
	for _, id := range listed {
		add(id, "")
	}
	for _, e := range evals {
		add(e.DataID, e.DataName)
	}

	fanout.Each(ctx, host, "Loading the qualities of the study's datasets", len(all), func(i int) {
		loadDataset(ctx, host, server, all[i])
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(all, func(a, b *dataset) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.label()), strings.ToLower(b.label())), cmp.Compare(a.ID, b.ID))
	})
	return all, nil
}

// loadDataset reads d's qualities, and its name when it has none.
func loadDataset(ctx context.Context, host sdk.Host, server string, d *dataset) {
	ref := evalview.Ref(server, sdk.KindData, d.ID)
	if d.Name == "" {
		ds, err := openml.GetDataset(ctx, host, ref)
		if err != nil {
			d.Err = err
		} else {
			d.Name = ds.Name
		}
	}
	qs, err := openml.GetQualities(ctx, host, ref)
	if err != nil {
		if d.Err == nil {
			d.Err = err
		}
		return
	}
	d.Qualities = qs
}

func (d *dataset) label() string {
	if d.Name == "" {
		return fmt.Sprintf("dataset %d", d.ID)
	}
	return d.Name
}

// datasetLabels names the datasets on the chart's axis: by name, with
// "(dataset <id>)" when several share it (versions of one dataset).
func datasetLabels(ds []*dataset) map[int64]string {
	names := make(map[int64]string, len(ds))
	for _, d := range ds {
		names[d.ID] = d.label()
	}
	return evalview.Unique(names, func(id int64) string { return fmt.Sprintf("dataset %d", id) })
}

// datasetTable lists the datasets with their qualities; selecting rows
// narrows the chart to them.
func datasetTable(server string, ds []*dataset, selectable bool) *sdk.Table {
	t := &sdk.Table{
		ID:         DatasetTable,
		Columns:    []sdk.Column{{ID: "dataset", Title: "Dataset", Type: sdk.CellLink}},
		Sortable:   true,
		Filterable: true,
	}
	if selectable {
		t.Selection = sdk.SelectMulti
	}
	for _, q := range qualityColumns {
		t.Columns = append(t.Columns, sdk.Column{ID: q.quality, Title: q.title, Type: sdk.CellNumber})
	}
	labels := datasetLabels(ds)
	for _, d := range ds {
		row := sdk.Row{Cells: []sdk.Cell{sdk.LinkCell(labels[d.ID], evalview.Ref(server, sdk.KindData, d.ID))}}
		for _, q := range qualityColumns {
			if v, ok := d.Qualities.Value(q.quality); ok {
				row.Cells = append(row.Cells, sdk.NumberCell(v))
			} else {
				row.Cells = append(row.Cells, sdk.MissingCell(sdk.CellNumber))
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// datasetNotice says which datasets' details could not be read, or nil.
func datasetNotice(ds []*dataset) *sdk.Notice {
	var failed []*dataset
	for _, d := range ds {
		if d.Err != nil {
			failed = append(failed, d)
		}
	}
	if len(failed) == 0 {
		return nil
	}
	const listed = 10
	var names []string
	for _, d := range failed[:min(listed, len(failed))] {
		name := d.label()
		if d.Name != "" {
			name += fmt.Sprintf(" (dataset %d)", d.ID)
		}
		names = append(names, name)
	}
	if len(failed) > listed {
		names = append(names, fmt.Sprintf("and %d more", len(failed)-listed))
	}
	summary := fmt.Sprintf("The qualities of %d of the %d datasets could not be loaded", len(failed), len(ds))
	if len(failed) == 1 {
		summary = fmt.Sprintf("The qualities of %s could not be loaded", failed[0].label())
	}
	return &sdk.Notice{
		Level:   sdk.Warning,
		Summary: summary,
		Detail: fmt.Sprintf("%s. Their cells in the table are empty; the chart still shows their runs. The first failure: %v. %s",
			strings.Join(names, ", "), failed[0].Err, retry(failed[0].Err)),
	}
}

// tableDatasets reads the datasets back from the table the page shows
// (the state of DatasetBox), in its rows' order, with their labels. ok is
// false when the table is not there.
func tableDatasets(children []sdk.Component) (ids []int64, labels map[int64]string, ok bool) {
	var t *sdk.Table
	sdk.Walk(children, func(c sdk.Component) bool {
		if x, is := c.(*sdk.Table); is && x.ID == DatasetTable {
			t = x
		}
		return t == nil
	})
	if t == nil {
		return nil, nil, false
	}
	labels = map[int64]string{}
	for _, r := range t.Rows {
		id := int64(0)
		if len(r.Cells) > 0 && r.Cells[0].Type == sdk.CellLink {
			id = r.Cells[0].Link.ID
			labels[id] = r.Cells[0].Text
		}
		ids = append(ids, id) // 0 keeps the row indexes of a row that is not a dataset
	}
	return ids, labels, true
}
