package run

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/plugins/internal/show"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// Ids of the "Compare with…" section of the overview.
const (
	CompareMeasure  = "compare-measure" // the measure the other runs are ranked by
	CompareSlot     = "compare-with"    // filled by CompareCallback
	CompareCallback = "compare-with"    // CompareMeasure -> CompareSlot, also at page load
	CompareTable    = "compare-runs"    // the best run of other flows, each with a link to the comparison
)

// CompareChoices is how many other flows' best runs are offered.
const CompareChoices = 5

// compareSection offers comparisons of the run with the best runs of
// other flows on its task. The task's evaluation listing is read by the
// callback, at page load, so the rest of the page does not wait for it.
// A run with no overall value has nothing to rank by and gets no section.
func compareSection(r *openml.Run, taskMeasure string) ([]sdk.Component, []sdk.Callback) {
	var ms []string
	for _, e := range r.Evaluations {
		if !e.PerFold() && e.HasValue && !slices.Contains(ms, e.Name) {
			ms = append(ms, e.Name)
		}
	}
	if len(ms) == 0 {
		return nil, nil
	}
	measure := ms[0]
	if d := defaultMeasures(ms, taskMeasure); len(d) > 0 {
		measure = d[0]
	}
	return []sdk.Component{
			&sdk.Heading{Text: "Compare with…", Level: 2},
			&sdk.Container{Direction: sdk.RowDirection, Children: []sdk.Component{
				&sdk.Select{ID: CompareMeasure, Label: "Best runs of other flows by", Options: sdk.Options(ms...), Values: []string{measure}},
			}},
			&sdk.Slot{ID: CompareSlot},
		}, []sdk.Callback{{
			ID:      CompareCallback,
			Inputs:  []sdk.PropRef{sdk.Input(CompareMeasure, sdk.PropValue)},
			Outputs: []sdk.PropRef{sdk.Output(CompareSlot, sdk.PropChildren)},
		}}
}

// compareWith lists the best run of each of the best other flows on the
// run's task by the chosen measure, from the first page of the task's
// evaluation listing (the page the task page reads first), each with a
// link to its comparison with this run.
func (p *plugin) compareWith(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	fill := func(cs ...sdk.Component) *sdk.Patch { return sdk.NewPatch().Fill(CompareSlot, cs...) }
	measure := req.Value(sdk.Input(CompareMeasure, sdk.PropValue)).Str()
	if measure == "" {
		return fill(&sdk.Text{Markdown: "Choose a measure to see the best runs of other flows on this task."}), nil
	}
	r, err := openml.GetRun(ctx, req.Host, req.Ref)
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		return fill(&sdk.Notice{Level: sdk.Warning, Summary: "The run could not be loaded", Detail: err.Error()}), nil
	}
	q := openml.EvaluationQuery{Function: measure, Tasks: []int64{r.TaskID}, SortOrder: evalview.SortOrder(measure)}
	loaded, err := evalview.LoadPages(ctx, req.Host, req.Ref.Server, q, 1, nil, 0)
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		return fill(&sdk.Notice{Level: sdk.Info,
			Summary: fmt.Sprintf("The runs of task %d could not be loaded, so none is offered for comparison", r.TaskID),
			Detail:  fmt.Sprintf("%v. A comparison opens from its address too, such as r/%d,<other run>.", err, r.ID)}), nil
	}
	best := bestOfOtherFlows(loaded.Runs, r, CompareChoices)
	if len(best) == 0 {
		return fill(&sdk.Text{Markdown: fmt.Sprintf("No other flow has a run on task %d with a %s value among the %d runs loaded.", r.TaskID, show.Escape(measure), len(loaded.Runs))}), nil
	}
	intro := fmt.Sprintf("The best run of each of the %d best other flows on task %d by %s (%s)", len(best), r.TaskID, show.Escape(measure), evalview.Direction(measure))
	if loaded.More {
		intro += fmt.Sprintf(", among its %d best runs", len(loaded.Runs))
	}
	intro += "."
	if e, ok := r.Evaluation(measure); ok && e.HasValue {
		intro += fmt.Sprintf(" This run's value is %.4g.", e.Value)
	}
	out := []sdk.Component{&sdk.Text{Markdown: intro}, compareTable(req.Ref.Server, r, measure, best)}
	ids := []int64{r.ID}
	for _, e := range best {
		ids = append(ids, e.RunID)
	}
	if len(best) > 1 {
		if ref, err := sdk.CompareRuns(req.Ref.Server, ids...); err == nil {
			out = append(out, &sdk.Link{Text: fmt.Sprintf("Compare this run with all %d", len(best)), Ref: ref})
		}
	}
	return fill(out...), nil
}

// bestOfOtherFlows keeps the first, so best, run of each flow other than
// r's, up to n of them, from a listing sorted best first.
func bestOfOtherFlows(runs []openml.RunEvaluation, r *openml.Run, n int) []openml.RunEvaluation {
	var out []openml.RunEvaluation
	seen := map[int64]bool{r.FlowID: true}
	for _, e := range runs {
		if len(out) == n {
			break
		}
		if seen[e.FlowID] || e.RunID == r.ID {
			continue
		}
		seen[e.FlowID] = true
		out = append(out, e)
	}
	return out
}

func compareTable(server string, r *openml.Run, measure string, best []openml.RunEvaluation) *sdk.Table {
	names := map[int64]string{}
	for _, e := range best {
		names[e.FlowID] = cmp.Or(e.FlowName, fmt.Sprintf("flow %d", e.FlowID))
	}
	labels := evalview.FlowLabels(names)
	t := &sdk.Table{ID: CompareTable, Columns: []sdk.Column{
		{ID: "flow", Title: "Flow", Type: sdk.CellLink},
		{ID: "run", Title: "Run", Type: sdk.CellLink},
		{ID: "value", Title: measure, Type: sdk.CellNumber},
		{ID: "compare", Title: "Compare", Type: sdk.CellLink},
	}}
	for _, e := range best {
		cmpCell := sdk.MissingCell(sdk.CellLink)
		if ref, err := sdk.CompareRuns(server, r.ID, e.RunID); err == nil {
			cmpCell = sdk.LinkCell(fmt.Sprintf("%d and %d side by side", r.ID, e.RunID), ref)
		}
		t.Rows = append(t.Rows, sdk.Row{Cells: []sdk.Cell{
			sdk.LinkCell(labels[e.FlowID], sdk.EntityRef{Server: server, Kind: sdk.KindFlow, ID: e.FlowID}),
			sdk.LinkCell(fmt.Sprint(e.RunID), sdk.EntityRef{Server: server, Kind: sdk.KindRun, ID: e.RunID}),
			sdk.NumberCell(e.Value),
			cmpCell,
		}})
	}
	return t
}
