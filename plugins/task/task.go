// Package task is the core plugin for OpenML tasks: what a task asks for,
// on which data, evaluated how, and how the runs on it did: every run by
// flow, the runs over time by uploader, and a leaderboard of uploaders.
package task

import (
	"context"
	"fmt"
	"strings"

	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/plugins/internal/show"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// Component and callback ids of the task page.
const (
	DescriptionTable = "description"       // the task's fields
	MetricSelect     = "metric"            // the measure runs are shown by
	MoreButton       = "more"              // loads the next PageSize runs
	CountSlot        = "run-count"         // overview: how many runs there are
	EvaluationsSlot  = "evaluations"       // what is loaded, the chart and the flow table
	PeopleSlot       = "people"            // the time chart and the leaderboard
	EvaluationsChart = "evaluations-chart" // one point per run, by flow
	FlowsTable       = "flows"             // the flows of the chart, linked
	TimeChart        = "time-chart"        // runs over time, by uploader
	LeaderboardTable = "leaderboard"       // uploaders ranked by their best run
	RunsCallback     = "runs"              // fills the three slots
	ResetCallback    = "reset-pages"       // a new measure starts again at one page
)

// PageSize is how many runs a click on MoreButton adds.
const PageSize = evalview.PageSize

// MaxPages caps the pages loaded, however often MoreButton is clicked.
const MaxPages = 50

// TopUploaders is how many uploaders get a series of their own in the
// time chart; the others share one.
const TopUploaders = 10

type plugin struct {
	sdk.CallbackMux
}

// New returns the task plugin.
func New() sdk.Plugin {
	p := &plugin{}
	p.HandleFunc(RunsCallback, p.runs)
	p.HandleFunc(ResetCallback, resetPages)
	return p
}

func (p *plugin) Manifest() sdk.Manifest {
	return sdk.Manifest{Name: "task", Version: "0.2.0", Kinds: []sdk.Kind{sdk.KindTask}, Order: sdk.OrderCore}
}

// Layout needs the task; its dataset only names the data in the title, so
// a dataset that cannot be loaded becomes a Notice. The runs are loaded by
// RunsCallback, once the page shows.
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
	children = append(children,
		descriptionTable(req.Ref, t, dataRef, dataLabel),
		&sdk.Slot{ID: CountSlot, Children: []sdk.Component{&sdk.Text{Markdown: "Counting the runs…"}}},
	)

	measure := DefaultMeasure(t)
	options, err := evalview.MeasureOptions(ctx, req.Host, req.Ref.Server, measure)
	if err != nil {
		req.Host.Log(ctx, sdk.LogWarn, fmt.Sprintf("task %d: OpenML's list of measures could not be read, so the built-in one is offered: %v", t.ID, err))
	}
	evaluations := []sdk.Component{
		&sdk.Container{Direction: sdk.RowDirection, Children: []sdk.Component{
			&sdk.Select{ID: MetricSelect, Label: "Measure", Options: options, Values: []string{measure}},
			&sdk.Button{ID: MoreButton, Label: fmt.Sprintf("Load next %d runs", PageSize)},
		}},
		&sdk.Slot{ID: EvaluationsSlot, Children: []sdk.Component{&sdk.Text{Markdown: "Loading the runs…"}}},
	}
	return &sdk.Page{
		Title: title,
		Tabs: []sdk.Tab{
			{ID: "overview", Title: "Overview", Children: children},
			{ID: "evaluations", Title: "Evaluations", Children: evaluations},
			{ID: "people", Title: "People", Children: []sdk.Component{&sdk.Slot{ID: PeopleSlot}}},
		},
		Callbacks: []sdk.Callback{
			{
				ID:                 ResetCallback,
				Inputs:             []sdk.PropRef{sdk.Input(MetricSelect, sdk.PropValue)},
				Outputs:            []sdk.PropRef{sdk.Output(MoreButton, sdk.PropNClicks)},
				PreventInitialCall: true,
			},
			{
				ID:      RunsCallback,
				Inputs:  []sdk.PropRef{sdk.Input(MetricSelect, sdk.PropValue), sdk.Input(MoreButton, sdk.PropNClicks)},
				Outputs: []sdk.PropRef{sdk.Output(CountSlot, sdk.PropChildren), sdk.Output(EvaluationsSlot, sdk.PropChildren), sdk.Output(PeopleSlot, sdk.PropChildren)},
			},
		},
	}, nil
}

// DefaultMeasure is the measure the page starts with: the task's own, or
// the usual one for its type.
func DefaultMeasure(t *openml.Task) string {
	if ms := t.EvaluationMeasures(); len(ms) > 0 && ms[0] != "" {
		return ms[0]
	}
	id := t.TypeID
	if id == 0 {
		id = evalview.TaskTypeID(t.Type)
	}
	return evalview.DefaultMeasure(id)
}

// resetPages starts a new measure at its first page: the button's clicks
// count the pages loaded after the first, for the measure shown.
func resetPages(_ context.Context, _ *sdk.CallbackRequest) (*sdk.Patch, error) {
	return sdk.NewPatch().Set(sdk.Output(MoreButton, sdk.PropNClicks), sdk.IntValue(0)), nil
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
	addText("OpenML page", show.Website(ref))
	return table
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
