// Package run is the core plugin for OpenML runs: which flow ran on which
// task with which settings, what it produced and how well it did, fold by
// fold, and what its predictions file shows (ROC and precision-recall
// curves and a confusion matrix, or predicted against true values).
package run

import (
	"context"
	"fmt"
	"strings"

	"github.com/openml-dash/openml-dash/plugins/internal/keep"
	"github.com/openml-dash/openml-dash/plugins/internal/show"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// Ids of the run page's components and callbacks.
const (
	DescriptionTable = "description"
	ParametersTable  = "parameters"
	FilesTable       = "files"
	EvaluationsTable = "evaluations"

	MeasureSelect       = "measures"      // multi-select of the measures to plot
	BoxSlot             = "measure-boxes" // holds BoxChart, filled by BoxCallback
	BoxChart            = "fold-boxes"    // per-fold values, one box per measure
	BoxCallback         = "measure-boxes" // MeasureSelect -> BoxSlot
	FoldSelect          = "fold"          // pooled, or one repeat and fold
	PredictionsSlot     = "predictions"   // filled by PredictionsCallback
	PredictionsCallback = "predictions"   // FoldSelect -> PredictionsSlot

	ROCChart       = "roc"               // classification
	PRChart        = "precision-recall"  // classification
	ConfusionChart = "confusion"         // classification
	ClassTable     = "classes"           // classification: per-class numbers
	ScatterChart   = "predicted-vs-true" // regression
	ResidualChart  = "residuals"         // regression
)

type plugin struct {
	sdk.CallbackMux
	// predictions keeps the last two predictions files read: the page open
	// now and the one before it, so switching folds or going back does not
	// read the file again.
	predictions keep.Latest[*openml.RunPredictions]
	testRows    keep.Latest[int] // test rows of a task's splits file, by URL
}

// New returns the run plugin.
func New() sdk.Plugin {
	p := &plugin{predictions: keep.Latest[*openml.RunPredictions]{N: 2}, testRows: keep.Latest[int]{N: 4}}
	p.HandleFunc(BoxCallback, p.boxes)
	p.HandleFunc(PredictionsCallback, p.predictionsView)
	p.HandleFunc(CompareCallback, p.compareWith)
	return p
}

func (p *plugin) Manifest() sdk.Manifest {
	return sdk.Manifest{Name: "run", Version: "0.2.0", Kinds: []sdk.Kind{sdk.KindRun}, Order: sdk.OrderCore}
}

// Layout needs the run answer, which names its task, flow and data. The
// upload date (from the run listing), the task (when the run does not
// name its measure or type) and the predictions file are fetched too;
// when they fail, only their part of the page says so.
func (p *plugin) Layout(ctx context.Context, req *sdk.LayoutRequest) (*sdk.Page, error) {
	r, err := openml.GetRun(ctx, req.Host, req.Ref)
	if err != nil {
		return nil, err
	}
	flowName := r.FlowName
	if flowName == "" {
		flowName = fmt.Sprintf("flow %d", r.FlowID)
	}
	title := fmt.Sprintf("Run %d: %s on task %d", r.ID, flowName, r.TaskID)
	info := p.runInfo(ctx, req.Host, req.Ref, r)

	overview := []sdk.Component{&sdk.Heading{Text: title, Level: 1}}
	if r.Error != "" {
		overview = append(overview, &sdk.Notice{Level: sdk.Warning, Summary: "OpenML reports an error for this run", Detail: r.Error})
	}
	if r.ErrorMessage != "" {
		overview = append(overview, &sdk.Notice{Level: sdk.Warning, Summary: "The uploader reports an error for this run", Detail: r.ErrorMessage})
	}
	overview = append(overview, descriptionTable(req.Ref, r, flowName, info))
	compare, compareCbs := compareSection(r, info.measure)
	overview = append(overview, compare...)
	overview = append(overview, &sdk.Heading{Text: "Parameter settings", Level: 2})
	if len(r.ParameterSettings) == 0 {
		overview = append(overview, &sdk.Text{Markdown: "The run sets no parameters: the flow's defaults apply."})
	} else {
		overview = append(overview, parametersTable(r))
	}
	overview = append(overview, &sdk.Heading{Text: "Output files", Level: 2})
	if len(r.OutputFiles) == 0 {
		overview = append(overview, &sdk.Text{Markdown: "The run has no output files."})
	} else {
		overview = append(overview, filesTable(r))
	}

	page := &sdk.Page{Title: title, Tabs: []sdk.Tab{{ID: "overview", Title: "Overview", Children: overview}}, Callbacks: compareCbs}
	evals, cbs := evaluationsTab(r, info.measure)
	page.Tabs = append(page.Tabs, sdk.Tab{ID: "evaluations", Title: "Evaluations", Children: evals})
	page.Callbacks = append(page.Callbacks, cbs...)
	preds, cbs := p.predictionsTab(ctx, req.Host, req.Ref, r, info.taskType)
	page.Tabs = append(page.Tabs, sdk.Tab{ID: "predictions", Title: "Predictions", Children: preds})
	page.Callbacks = append(page.Callbacks, cbs...)
	return page, nil
}

// runInfo is what the page needs beyond the run answer.
type runInfo struct {
	uploadTime string
	measure    string // the task's evaluation measure, "" if unknown
	taskType   string
}

// runInfo fills in the upload date from the run listing, and the task's
// measure and type from the task when the run does not give them. Each is
// left empty when its answer cannot be had.
func (p *plugin) runInfo(ctx context.Context, h sdk.Host, ref sdk.EntityRef, r *openml.Run) runInfo {
	var info runInfo
	if runs, err := openml.ListRuns(ctx, h, ref.Server, openml.RunQuery{Runs: []int64{r.ID}}); err == nil {
		for _, s := range runs {
			if s.ID == r.ID {
				info.uploadTime = s.UploadTime
			}
		}
	}
	info.measure, info.taskType = taskFacts(ctx, h, ref, r)
	return info
}

// taskFacts is the task's evaluation measure and type, from the run or,
// when it does not say, from the task; "" when neither says.
func taskFacts(ctx context.Context, h sdk.Host, ref sdk.EntityRef, r *openml.Run) (measure, taskType string) {
	measure, taskType = r.TaskEvaluationMeasure, r.TaskType
	if measure != "" && taskType != "" {
		return measure, taskType
	}
	t, err := openml.GetTask(ctx, h, sdk.EntityRef{Server: ref.Server, Kind: sdk.KindTask, ID: r.TaskID})
	if err != nil {
		return measure, taskType
	}
	if ms := t.EvaluationMeasures(); measure == "" && len(ms) > 0 {
		measure = ms[0]
	}
	if taskType == "" {
		taskType = t.Type
	}
	return measure, taskType
}

func descriptionTable(ref sdk.EntityRef, r *openml.Run, flowName string, info runInfo) *sdk.Table {
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
	taskLabel := fmt.Sprintf("Task %d", r.TaskID)
	if info.taskType != "" {
		taskLabel += " (" + info.taskType + ")"
	}
	add("Task", sdk.LinkCell(taskLabel, sdk.EntityRef{Server: ref.Server, Kind: sdk.KindTask, ID: r.TaskID}))
	add("Flow", sdk.LinkCell(flowName, sdk.EntityRef{Server: ref.Server, Kind: sdk.KindFlow, ID: r.FlowID}))
	for _, d := range r.InputData {
		label := d.Name
		if label == "" {
			label = fmt.Sprintf("dataset %d", d.ID)
		}
		add("Dataset", sdk.LinkCell(label, sdk.EntityRef{Server: ref.Server, Kind: sdk.KindData, ID: d.ID}))
	}
	uploader := r.UploaderName
	switch {
	case uploader != "" && r.Uploader != 0:
		uploader = fmt.Sprintf("%s (user %d)", uploader, r.Uploader)
	case r.Uploader != 0:
		uploader = fmt.Sprintf("user %d", r.Uploader)
	}
	addText("Uploader", uploader)
	addText("Upload date", show.Date(info.uploadTime))
	addText("Evaluation measure", info.measure)
	if r.SetupID != 0 {
		addText("Setup", fmt.Sprintf("%d", r.SetupID))
	}
	addText("Setup string", r.SetupString)
	addText("Run details", r.RunDetails)
	addText("Tags", strings.Join(r.Tags, ", "))
	addText("OpenML page", show.Website(ref))
	return table
}

func parametersTable(r *openml.Run) *sdk.Table {
	table := &sdk.Table{
		ID: ParametersTable,
		Columns: []sdk.Column{
			{ID: "name", Title: "Parameter", Type: sdk.CellText},
			{ID: "value", Title: "Value", Type: sdk.CellText},
			{ID: "component", Title: "Component", Type: sdk.CellText},
		},
		Sortable:   true,
		Filterable: true,
	}
	for _, p := range r.ParameterSettings {
		table.Rows = append(table.Rows, sdk.Row{Cells: []sdk.Cell{sdk.TextCell(p.Name), show.Optional(p.Value), show.Optional(p.Component)}})
	}
	return table
}

func filesTable(r *openml.Run) *sdk.Table {
	table := &sdk.Table{ID: FilesTable, Columns: []sdk.Column{
		{ID: "name", Title: "File", Type: sdk.CellText},
		{ID: "file_id", Title: "File id", Type: sdk.CellNumber},
		{ID: "url", Title: "URL", Type: sdk.CellText},
	}}
	for _, f := range r.OutputFiles {
		id := sdk.MissingCell(sdk.CellNumber)
		if f.FileID != 0 {
			id = sdk.NumberCell(float64(f.FileID))
		}
		table.Rows = append(table.Rows, sdk.Row{Cells: []sdk.Cell{sdk.TextCell(f.Name), id, show.Optional(f.URL)}})
	}
	return table
}
