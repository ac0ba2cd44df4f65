// Package task is the core plugin for OpenML tasks: what a task asks for,
// on which data, evaluated how.
package task

import (
	"context"
	"fmt"
	"strings"

	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// DescriptionTable is the id of the table of the task's fields.
const DescriptionTable = "description"

type plugin struct {
	sdk.NoCallbacks
}

// New returns the task plugin.
func New() sdk.Plugin { return &plugin{} }

func (p *plugin) Manifest() sdk.Manifest {
	return sdk.Manifest{Name: "task", Version: "0.1.0", Kinds: []sdk.Kind{sdk.KindTask}, Order: sdk.OrderCore}
}

// Layout needs the task; its dataset only names the data in the title, so
// a dataset that cannot be loaded becomes a Notice.
func (p *plugin) Layout(ctx context.Context, req *sdk.LayoutRequest) (*sdk.Page, error) {
	t, err := openml.GetTask(ctx, req.Host, req.Ref)
	if err != nil {
		return nil, err
	}
	var children []sdk.Component
	source := t.DataSet()
	var dataRef sdk.EntityRef
	dataLabel := ""
	if source != nil {
		dataRef = sdk.EntityRef{Server: req.Ref.Server, Kind: sdk.KindData, ID: source.DataSetID}
		dataLabel = fmt.Sprintf("dataset %d", source.DataSetID)
		ds, err := openml.GetDataset(ctx, req.Host, dataRef)
		if err != nil {
			children = append(children, &sdk.Notice{
				Level:   sdk.Warning,
				Summary: "The task's dataset could not be loaded",
				Detail:  err.Error() + ". The task itself is shown below.",
			})
		} else {
			dataLabel = ds.Name
		}
	}

	typ := t.Type
	if typ == "" {
		typ = "task of unknown type"
	}
	title := fmt.Sprintf("Task %d: %s", t.ID, typ)
	if dataLabel != "" {
		title += " on " + dataLabel
	}
	children = append([]sdk.Component{&sdk.Heading{Text: title, Level: 1}}, children...)
	children = append(children, descriptionTable(req.Ref, t, dataRef, dataLabel))
	return &sdk.Page{
		Title: title,
		Tabs:  []sdk.Tab{{ID: "overview", Title: "Overview", Children: children}},
	}, nil
}

// estimationLabels names the usual estimation parameters for people.
var estimationLabels = map[string]string{
	"number_folds":        "Folds",
	"number_repeats":      "Repeats",
	"percentage":          "Holdout percentage",
	"stratified_sampling": "Stratified sampling",
}

func descriptionTable(ref sdk.EntityRef, t *openml.Task, dataRef sdk.EntityRef, dataLabel string) *sdk.Table {
	table := &sdk.Table{ID: DescriptionTable, Columns: []sdk.Column{
		{ID: "field", Title: "Field", Type: sdk.CellText},
		{ID: "value", Title: "Value", Type: sdk.CellText},
	}}
	add := func(field string, value sdk.Cell) {
		table.Rows = append(table.Rows, sdk.Row{Cells: []sdk.Cell{sdk.TextCell(field), value}})
	}
	addText := func(field, value string) {
		if value != "" {
			add(field, sdk.TextCell(value))
		}
	}

	addText("Task type", t.Type)
	addText("Task name", t.Name)
	if ds := t.DataSet(); ds != nil {
		add("Source data", sdk.LinkCell(dataLabel, dataRef))
		label := "Target feature"
		if len(ds.TargetFeatures) > 1 {
			label = "Target features"
		}
		addText(label, strings.Join(ds.TargetFeatures, ", "))
	}
	if e := t.Estimation(); e != nil {
		addText("Estimation procedure", e.Type)
		for _, p := range e.Parameters {
			label, ok := estimationLabels[p.Name]
			if !ok {
				label = p.Name
			}
			value := p.Value
			if p.Name == "stratified_sampling" {
				value = yesNo(e.Stratified)
			}
			addText(label, value)
		}
		addText("Data splits", e.DataSplitsURL)
	}
	measures := t.EvaluationMeasures()
	label := "Evaluation measure"
	if len(measures) > 1 {
		label = "Evaluation measures"
	}
	addText(label, strings.Join(measures, ", "))
	addText("Cost matrix", t.CostMatrix())
	for _, in := range t.Inputs {
		if in.Value != "" {
			addText(in.Name, in.Value)
		}
	}
	for _, p := range t.Parameters {
		addText(p.Name, p.Value)
	}
	for _, out := range t.Outputs {
		if out.Predictions == nil {
			continue
		}
		cols := make([]string, len(out.Predictions.Features))
		for i, f := range out.Predictions.Features {
			cols[i] = f.Name
		}
		addText("Predictions", fmt.Sprintf("%s file with columns %s", out.Predictions.Format, strings.Join(cols, ", ")))
	}
	addText("Tags", strings.Join(t.Tags, ", "))
	addText("OpenML page", websiteURL(ref))
	return table
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// websiteURL is the entity's page on the OpenML website, or "" for a
// server that has no website (such as the built-in demo).
func websiteURL(ref sdk.EntityRef) string {
	if ref.Server != "" && !strings.HasPrefix(ref.Server, "http://") && !strings.HasPrefix(ref.Server, "https://") {
		return ""
	}
	return ref.URL()
}
