// Package run is the core plugin for OpenML runs: which flow ran on which
// task with which settings, what it produced and how well it did.
package run

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// Ids of the run page's tables.
const (
	DescriptionTable = "description"
	ParametersTable  = "parameters"
	FilesTable       = "files"
	EvaluationsTable = "evaluations"
)

type plugin struct {
	sdk.NoCallbacks
}

// New returns the run plugin.
func New() sdk.Plugin { return &plugin{} }

func (p *plugin) Manifest() sdk.Manifest {
	return sdk.Manifest{Name: "run", Version: "0.1.0", Kinds: []sdk.Kind{sdk.KindRun}, Order: sdk.OrderCore}
}

// Layout needs only the run answer: it names its task, flow and data.
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

	overview := []sdk.Component{&sdk.Heading{Text: title, Level: 1}}
	if r.Error != "" {
		overview = append(overview, &sdk.Notice{Level: sdk.Warning, Summary: "OpenML reports an error for this run", Detail: r.Error})
	}
	overview = append(overview, descriptionTable(req.Ref, r, flowName), &sdk.Heading{Text: "Parameter settings", Level: 2})
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

	var evaluations []sdk.Component
	if table := evaluationsTable(r); len(table.Rows) > 0 {
		evaluations = []sdk.Component{table}
	} else {
		evaluations = []sdk.Component{&sdk.Text{Markdown: "OpenML has not evaluated this run (yet)."}}
	}
	return &sdk.Page{
		Title: title,
		Tabs: []sdk.Tab{
			{ID: "overview", Title: "Overview", Children: overview},
			{ID: "evaluations", Title: "Evaluations", Children: evaluations},
		},
	}, nil
}

func descriptionTable(ref sdk.EntityRef, r *openml.Run, flowName string) *sdk.Table {
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
	if r.TaskType != "" {
		taskLabel += " (" + r.TaskType + ")"
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
	addText("Evaluation measure", r.TaskEvaluationMeasure)
	if r.SetupID != 0 {
		addText("Setup", fmt.Sprintf("%d", r.SetupID))
	}
	addText("Setup string", r.SetupString)
	addText("Tags", strings.Join(r.Tags, ", "))
	addText("OpenML page", websiteURL(ref))
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
		table.Rows = append(table.Rows, sdk.Row{Cells: []sdk.Cell{sdk.TextCell(p.Name), optional(p.Value), optional(p.Component)}})
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
		table.Rows = append(table.Rows, sdk.Row{Cells: []sdk.Cell{sdk.TextCell(f.Name), id, optional(f.URL)}})
	}
	return table
}

// evaluationsTable lists the whole-run evaluations with the spread of
// their per-fold values, which the server sends but does not summarise.
func evaluationsTable(r *openml.Run) *sdk.Table {
	table := &sdk.Table{
		ID: EvaluationsTable,
		Columns: []sdk.Column{
			{ID: "measure", Title: "Measure", Type: sdk.CellText},
			{ID: "value", Title: "Value", Type: sdk.CellNumber},
			{ID: "folds", Title: "Folds", Type: sdk.CellNumber},
			{ID: "fold_sd", Title: "Std. dev. over folds", Type: sdk.CellNumber},
			{ID: "per_class", Title: "Per class", Type: sdk.CellText},
		},
		Sortable:   true,
		Filterable: true,
	}
	// A measure the server gives only per fold still gets its row.
	seen := map[string]bool{}
	for _, ev := range r.Evaluations {
		if seen[ev.Name] {
			continue
		}
		seen[ev.Name] = true
		e, overall := r.Evaluation(ev.Name)
		value := sdk.MissingCell(sdk.CellNumber)
		if overall && e.HasValue {
			value = sdk.NumberCell(e.Value)
		}
		folds := sdk.MissingCell(sdk.CellNumber)
		sd := sdk.MissingCell(sdk.CellNumber)
		if per := r.FoldEvaluations(ev.Name); len(per) > 0 {
			folds = sdk.NumberCell(float64(len(per)))
			if s, ok := stdDev(per); ok {
				sd = sdk.NumberCell(s)
			}
		}
		table.Rows = append(table.Rows, sdk.Row{Cells: []sdk.Cell{sdk.TextCell(ev.Name), value, folds, sd, optional(e.ArrayData)}})
	}
	return table
}

// stdDev is the sample standard deviation of the values; ok is false with
// fewer than two.
func stdDev(es []openml.Evaluation) (float64, bool) {
	var n, sum, sq float64
	for _, e := range es {
		if e.HasValue && !math.IsNaN(e.Value) {
			n++
			sum += e.Value
		}
	}
	if n < 2 {
		return 0, false
	}
	mean := sum / n
	for _, e := range es {
		if e.HasValue && !math.IsNaN(e.Value) {
			sq += (e.Value - mean) * (e.Value - mean)
		}
	}
	return math.Sqrt(sq / (n - 1)), true
}

func optional(s string) sdk.Cell {
	if s == "" {
		return sdk.MissingCell(sdk.CellText)
	}
	return sdk.TextCell(s)
}

// websiteURL is the entity's page on the OpenML website, or "" for a
// server that has no website (such as the built-in demo).
func websiteURL(ref sdk.EntityRef) string {
	if ref.Server != "" && !strings.HasPrefix(ref.Server, "http://") && !strings.HasPrefix(ref.Server, "https://") {
		return ""
	}
	return ref.URL()
}
