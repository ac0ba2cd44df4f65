package compare

import (
	"context"
	"fmt"
	"slices"

	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/plugins/internal/show"
	"github.com/openml-dash/openml-dash/plugins/run/metrics"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// overviewTab is the title, a notice per run that could not be loaded,
// links to the comparison of each task's runs when they are on several,
// and the runs table.
func overviewTab(ctx context.Context, h sdk.Host, l *loaded, title string) []sdk.Component {
	out := []sdk.Component{&sdk.Heading{Text: title, Level: 1}}
	for _, f := range l.failed {
		out = append(out, &sdk.Notice{Level: sdk.Warning,
			Summary: fmt.Sprintf("Run %d could not be loaded", f.id),
			Detail:  f.err.Error() + ". It is left out of the comparison; reopen the page to try again."})
	}
	if _, same := l.sameTask(); !same {
		for _, g := range l.byTask() {
			if len(g.runs) < 2 {
				continue
			}
			ids := make([]int64, len(g.runs))
			for i, r := range g.runs {
				ids[i] = r.ID
			}
			if ref, err := sdk.CompareRuns(l.ref.Server, ids...); err == nil {
				out = append(out, &sdk.Link{Text: fmt.Sprintf("Compare the %d runs on task %d alone", len(ids), g.task), Ref: ref})
			}
		}
	}
	ms := mainMeasures(l.taskType(), l.taskMeasure())
	note := fmt.Sprintf("Each run's overall values as OpenML computed them (%s).", show.Escape(directions(ms)))
	out = append(out, &sdk.Text{Markdown: note}, runsTable(l, uploadTimes(ctx, h, l), ms))
	return out
}

// directions says which way each measure is better.
func directions(ms []string) string {
	var parts []string
	for _, m := range ms {
		parts = append(parts, m+": "+evalview.Direction(m))
	}
	return joinAnd(parts)
}

// mainMeasures are the overview's measures: the task's own, then those
// its type calls for.
func mainMeasures(taskType, taskMeasure string) []string {
	var ms []string
	switch metrics.ProblemOf(taskType) {
	case metrics.Classification:
		ms = []string{"predictive_accuracy", "area_under_roc_curve"}
	case metrics.Regression:
		ms = []string{"root_mean_squared_error", "mean_absolute_error"}
	}
	if taskMeasure != "" && !slices.Contains(ms, taskMeasure) {
		ms = append([]string{taskMeasure}, ms...)
	}
	if len(ms) == 0 {
		ms = []string{evalview.DefaultMeasure(evalview.TaskTypeID(taskType))}
	}
	return ms
}

// uploadTimes reads the runs' upload dates from one run listing; the
// runs it does not list, or all when it fails, have none.
func uploadTimes(ctx context.Context, h sdk.Host, l *loaded) map[int64]string {
	ids := make([]int64, len(l.runs))
	for i, r := range l.runs {
		ids[i] = r.ID
	}
	out := map[int64]string{}
	runs, err := openml.ListRuns(ctx, h, l.ref.Server, openml.RunQuery{Runs: ids})
	if err != nil {
		h.Log(ctx, sdk.LogDebug, fmt.Sprintf("comparison %s: upload dates: %v", l.ref, err))
		return out
	}
	for _, s := range runs {
		out[s.ID] = s.UploadTime
	}
	return out
}

// runsTable has one row per run: the run, its flow (and task, when they
// differ), uploader, upload date and the overall value of each measure.
func runsTable(l *loaded, uploaded map[int64]string, measures []string) *sdk.Table {
	_, same := l.sameTask()
	cols := []sdk.Column{
		{ID: "run", Title: "Run", Type: sdk.CellLink},
		{ID: "flow", Title: "Flow", Type: sdk.CellLink},
	}
	if !same {
		cols = append(cols, sdk.Column{ID: "task", Title: "Task", Type: sdk.CellLink})
	}
	cols = append(cols,
		sdk.Column{ID: "uploader", Title: "Uploader", Type: sdk.CellText},
		sdk.Column{ID: "uploaded", Title: "Upload date", Type: sdk.CellText},
	)
	for _, m := range measures {
		cols = append(cols, sdk.Column{ID: m, Title: m, Type: sdk.CellNumber})
	}
	t := &sdk.Table{ID: RunsTable, Columns: cols, Sortable: true}
	server := l.ref.Server
	for _, r := range l.runs {
		cells := []sdk.Cell{
			sdk.LinkCell(fmt.Sprint(r.ID), runRef(server, r.ID)),
			sdk.LinkCell(l.flows[r.FlowID], sdk.EntityRef{Server: server, Kind: sdk.KindFlow, ID: r.FlowID}),
		}
		if !same {
			cells = append(cells, sdk.LinkCell(fmt.Sprintf("task %d", r.TaskID), sdk.EntityRef{Server: server, Kind: sdk.KindTask, ID: r.TaskID}))
		}
		cells = append(cells, show.Optional(uploader(r)), show.Optional(show.Date(uploaded[r.ID])))
		for _, m := range measures {
			cells = append(cells, overall(r, m))
		}
		t.Rows = append(t.Rows, sdk.Row{Cells: cells})
	}
	return t
}

// overall is the run's whole-run value of measure, or a missing cell.
func overall(r *openml.Run, measure string) sdk.Cell {
	if e, ok := r.Evaluation(measure); ok && e.HasValue {
		return sdk.NumberCell(e.Value)
	}
	return sdk.MissingCell(sdk.CellNumber)
}

func uploader(r *openml.Run) string {
	switch {
	case r.UploaderName != "" && r.Uploader != 0:
		return fmt.Sprintf("%s (user %d)", r.UploaderName, r.Uploader)
	case r.Uploader != 0:
		return fmt.Sprintf("user %d", r.Uploader)
	}
	return r.UploaderName
}
