// Package runstudy builds the page of a run study for the study plugin:
// what the study is, and how its flows scored on each of its datasets.
//
// Overview: the study's name, description and fields, and how many runs
// its run listing holds. Evaluations: a measure, mean or per-fold scores,
// a chart of score by dataset with one colour per flow (every run of the
// study: the run and evaluation listings are read page by page to their
// end, not capped), and a table of the datasets with their qualities whose
// selected rows narrow the chart.
//
// Listings are asked for as openml-python asks (PageSize entries a page,
// filtered by study), so a mirror recorded with it answers them.
package runstudy

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/plugins/internal/keep"
	"github.com/openml-dash/openml-dash/plugins/internal/show"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// Component and callback ids of the run study page. They start with
// "runstudy-": the benchmark suite page shares the plugin's callbacks.
const (
	FieldsTable   = "runstudy-fields"       // the study's fields
	MeasureSelect = "runstudy-measure"      // the measure runs are scored by
	ScoresRadio   = "runstudy-scores"       // ScoresMean or ScoresFolds
	StatusSlot    = "runstudy-status"       // the count of runs, and what is left out
	ChartSlot     = "runstudy-chart-slot"   // holds ScoreChart
	ScoreChart    = "runstudy-chart"        // score by dataset, one series per flow
	DatasetBox    = "runstudy-datasets-box" // holds DatasetTable; ChartCallback reads its rows
	DatasetTable  = "runstudy-datasets"     // the datasets with their qualities
	ChartCallback = "runstudy-draw"         // fills StatusSlot and ChartSlot
	ScoresMean    = "mean"                  // ScoresRadio: each run's score
	ScoresFolds   = "folds"                 // ScoresRadio: each fold's score
)

const (
	keptEvals = 4 // evaluation listings the callback keeps
	keptRuns  = 2 // run listings the callback keeps
)

// Register adds the page's callbacks to mux.
func Register(mux *sdk.CallbackMux) { register(mux, defaultOptions) }

func register(mux *sdk.CallbackMux, o options) {
	h := &handlers{o: o, runs: keep.Latest[*runSet]{N: keptRuns}, evals: keep.Latest[*evalSet]{N: keptEvals}}
	mux.HandleFunc(ChartCallback, h.draw)
}

// Layout builds the page of study s. It reads the study's run listing
// (for the counts and the default measure), the evaluations of that
// measure (for the datasets the runs were made on) and each dataset's
// qualities; the chart is drawn by ChartCallback. What cannot be read
// becomes a notice on the page.
func Layout(ctx context.Context, req *sdk.LayoutRequest, s *openml.Study) (*sdk.Page, error) {
	return layout(ctx, req, s, defaultOptions)
}

func layout(ctx context.Context, req *sdk.LayoutRequest, s *openml.Study, o options) (*sdk.Page, error) {
	host, server := req.Host, req.Ref.Server
	title := fmt.Sprintf("Study %d", s.ID)
	if s.Name != "" {
		title += ": " + s.Name
	}

	rs, runErr := loadRuns(ctx, host, server, s.ID, o)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	measure := defaultMeasure(ctx, host, server, s, rs)
	empty := rs != nil && len(rs.Runs) == 0 && rs.Err == nil

	var evals []openml.RunEvaluation
	if !empty {
		expected := 0
		if rs != nil {
			expected = len(rs.Runs)
		}
		es, err := loadEvals(ctx, host, server, s.ID, measure, false, nil, expected, o)
		switch {
		case ctx.Err() != nil:
			return nil, ctx.Err()
		case err != nil:
			// The chart's callback reads the same listing and says why.
			host.Log(ctx, sdk.LogWarn, fmt.Sprintf("study %d: the datasets of the runs' %s evaluations are not in the table: %v", s.ID, measure, err))
		default:
			evals = es.Evals
		}
	}
	ds, err := loadDatasets(ctx, host, server, s.DataIDs, evals)
	if err != nil {
		return nil, err
	}

	page := &sdk.Page{Title: title, Tabs: []sdk.Tab{
		{ID: "overview", Title: "Overview", Children: overviewTab(ctx, req, s, title, rs, runErr)},
		{ID: "evaluations", Title: "Evaluations", Children: evaluationsTab(ctx, req, s, measure, empty, ds)},
	}}
	if !empty {
		page.Callbacks = []sdk.Callback{{
			ID: ChartCallback,
			Inputs: []sdk.PropRef{
				sdk.Input(MeasureSelect, sdk.PropValue),
				sdk.Input(ScoresRadio, sdk.PropValue),
				sdk.Input(DatasetTable, sdk.PropSelectedRows),
				sdk.Input(DatasetTable, sdk.PropSortedRows),
			},
			State:   []sdk.PropRef{sdk.State(DatasetBox, sdk.PropChildren)},
			Outputs: []sdk.PropRef{sdk.Output(StatusSlot, sdk.PropChildren), sdk.Output(ChartSlot, sdk.PropChildren)},
		}}
	}
	return page, nil
}

// overviewTab shows what the study is and how many runs it has.
func overviewTab(ctx context.Context, req *sdk.LayoutRequest, s *openml.Study, title string, rs *runSet, runErr error) []sdk.Component {
	out := []sdk.Component{&sdk.Heading{Text: title, Level: 1}}
	if n := runsNotice(s.ID, rs, runErr); n != nil {
		out = append(out, n)
	}
	if s.Description != "" {
		out = append(out, &sdk.Text{Markdown: s.Description})
	}
	return append(out, &sdk.Text{Markdown: runCountLine(s, rs)}, fieldsTable(ctx, req, s))
}

// evaluationsTab holds the controls, the slots ChartCallback fills and the
// dataset table; for a study without runs, a notice instead of the
// controls.
func evaluationsTab(ctx context.Context, req *sdk.LayoutRequest, s *openml.Study, measure string, empty bool, ds []*dataset) []sdk.Component {
	host, server := req.Host, req.Ref.Server
	if empty {
		out := []sdk.Component{&sdk.Notice{
			Level:   sdk.Info,
			Summary: fmt.Sprintf("Study %d has no runs yet", s.ID),
			Detail:  "OpenML lists no runs for it, so there is nothing to compare. Runs join a study when they are attached to it (openml-python: openml.study.attach_to_study); come back once some are.",
		}}
		if len(ds) > 0 {
			out = append(out, datasetSection(server, ds, false)...)
		}
		return out
	}
	options, err := evalview.MeasureOptions(ctx, host, server, measure)
	if err != nil {
		host.Log(ctx, sdk.LogWarn, fmt.Sprintf("study %d: OpenML's list of measures could not be read, so the built-in one is offered: %v", s.ID, err))
	}
	out := []sdk.Component{
		&sdk.Container{Direction: sdk.RowDirection, Children: []sdk.Component{
			&sdk.Select{ID: MeasureSelect, Label: "Measure", Options: options, Values: []string{measure}},
			&sdk.Radio{ID: ScoresRadio, Label: "Scores", Value: ScoresMean, Options: []sdk.Option{
				{Label: "Each run's score", Value: ScoresMean},
				{Label: "Each fold's score", Value: ScoresFolds},
			}},
		}},
		&sdk.Slot{ID: StatusSlot, Children: []sdk.Component{&sdk.Text{Markdown: "Loading the evaluations…"}}},
		&sdk.Slot{ID: ChartSlot},
	}
	return append(out, datasetSection(server, ds, true)...)
}

// datasetSection is the dataset table with its heading and caption.
func datasetSection(server string, ds []*dataset, selectable bool) []sdk.Component {
	out := []sdk.Component{&sdk.Heading{Text: "Datasets", Level: 2}}
	if len(ds) == 0 {
		return append(out, &sdk.Notice{
			Level:   sdk.Info,
			Summary: "No datasets to list",
			Detail:  "Neither the study's description nor its runs' evaluations name a dataset.",
		}, &sdk.Container{ID: DatasetBox, Children: []sdk.Component{datasetTable(server, ds, selectable)}})
	}
	caption := fmt.Sprintf("%d datasets, by name, with their qualities.", len(ds))
	if selectable {
		caption += " Select rows to show only those datasets in the chart; sort the table by a column to order the chart's datasets the same way."
	}
	out = append(out, &sdk.Text{Markdown: caption})
	if n := datasetNotice(ds); n != nil {
		out = append(out, n)
	}
	return append(out, &sdk.Container{ID: DatasetBox, Children: []sdk.Component{datasetTable(server, ds, selectable)}})
}

// defaultMeasure is the measure the page starts with: the root mean
// squared error when most of the study's runs are on regression tasks
// (by the task types of the run listing, or, when it gives none, by the
// type of the first task's description), else the predictive accuracy.
func defaultMeasure(ctx context.Context, host sdk.Host, server string, s *openml.Study, rs *runSet) string {
	count := map[int]int{}
	var tasks []int64
	if rs != nil {
		for _, r := range rs.Runs {
			if r.TaskTypeID > 0 {
				count[r.TaskTypeID]++
			}
			tasks = append(tasks, r.TaskID)
		}
	}
	tasks = append(tasks, s.TaskIDs...)
	typeID := 0
	for id, n := range count {
		if n > count[typeID] || (n == count[typeID] && id < typeID) {
			typeID = id
		}
	}
	if typeID == 0 && len(tasks) > 0 {
		t, err := openml.GetTask(ctx, host, evalview.Ref(server, sdk.KindTask, tasks[0]))
		if err != nil {
			host.Log(ctx, sdk.LogWarn, fmt.Sprintf("study %d: the runs' task type is unknown and task %d could not be read, so the default measure is for classification: %v", s.ID, tasks[0], err))
		} else {
			typeID = cmp.Or(t.TypeID, evalview.TaskTypeID(t.Type))
		}
	}
	return evalview.DefaultMeasure(typeID)
}

// runsNotice says that the run listing failed or was cut off, or nil.
func runsNotice(study int64, rs *runSet, err error) *sdk.Notice {
	switch {
	case err != nil:
		return &sdk.Notice{
			Level:   sdk.Error,
			Summary: fmt.Sprintf("The study's run listing could not be loaded"),
			Detail:  fmt.Sprintf("%v. The counts of runs, flows and tasks are unknown; the Evaluations tab still tries the evaluations. %s", err, retry(err)),
		}
	case rs != nil && rs.Err != nil:
		return &sdk.Notice{
			Level:   sdk.Warning,
			Summary: fmt.Sprintf("The study's run listing stopped after %d runs", len(rs.Runs)),
			Detail:  fmt.Sprintf("%v. The counts below are of the %d runs loaded; study %d has more. %s", rs.Err, len(rs.Runs), study, retry(rs.Err)),
		}
	}
	return nil
}

// runCountLine says how many runs the run listing found.
func runCountLine(s *openml.Study, rs *runSet) string {
	if rs == nil {
		return "**Runs found:** unknown: the run listing could not be read."
	}
	if len(rs.Runs) == 0 {
		return fmt.Sprintf("**Runs found:** none; OpenML lists no runs for study %d.", s.ID)
	}
	flows, tasks := rs.counts()
	line := fmt.Sprintf("**Runs found:** %d runs of %s on %s", len(rs.Runs), plural(flows, "flow"), plural(tasks, "task"))
	if rs.Err != nil {
		line = "**Runs found:** at least " + line[len("**Runs found:** "):]
	}
	failed := 0
	for _, r := range rs.Runs {
		if r.ErrorMessage != "" {
			failed++
		}
	}
	if failed > 0 {
		line += fmt.Sprintf(", %d of which report an error", failed)
	}
	line += "."
	if n := len(s.RunIDs); n > 0 && n != len(rs.Runs) && rs.Err == nil {
		line += fmt.Sprintf(" The study's description lists %s.", plural(n, "run"))
	}
	return line + " See the Evaluations tab for their scores."
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// fieldsTable lists the study's fields.
func fieldsTable(ctx context.Context, req *sdk.LayoutRequest, s *openml.Study) *sdk.Table {
	server := req.Ref.Server
	t := &sdk.Table{ID: FieldsTable, Columns: []sdk.Column{
		{ID: "field", Title: "Field", Type: sdk.CellText},
		{ID: "value", Title: "Value", Type: sdk.CellText},
	}}
	add := func(field string, c sdk.Cell) {
		t.Rows = append(t.Rows, sdk.Row{Cells: []sdk.Cell{sdk.TextCell(field), c}})
	}
	addText := func(field, value string) {
		if value != "" {
			add(field, sdk.TextCell(value))
		}
	}
	addCount := func(field string, ids []int64) {
		add(field, sdk.TextCell(fmt.Sprint(len(ids))))
	}
	addText("ID", fmt.Sprint(s.ID))
	addText("Alias", s.Alias)
	addText("Status", s.Status)
	addText("Created", show.Date(s.CreationDate))
	if s.Creator > 0 {
		names, err := evalview.UserNames(ctx, req.Host, server, []int64{s.Creator})
		if err != nil {
			req.Host.Log(ctx, sdk.LogWarn, fmt.Sprintf("study %d: the creator's name: %v", s.ID, err))
		}
		addText("Creator", evalview.UserLabel(names, s.Creator))
	}
	addText("Visibility", s.Visibility)
	if s.BenchmarkSuite > 0 {
		add("Benchmark suite", sdk.LinkCell(fmt.Sprintf("suite %d", s.BenchmarkSuite), evalview.Ref(server, sdk.KindStudy, s.BenchmarkSuite)))
	}
	addCount("Runs", s.RunIDs)
	addCount("Flows", s.FlowIDs)
	addCount("Datasets", s.DataIDs)
	addCount("Tasks", s.TaskIDs)
	if len(s.SetupIDs) > 0 {
		addCount("Setups", s.SetupIDs)
	}
	var tags []string
	for _, tg := range s.Tags {
		tags = append(tags, tg.Name)
	}
	slices.Sort(tags)
	addText("Tags", strings.Join(slices.Compact(tags), ", "))
	if ref := req.Ref; ref.Server == "" || strings.HasPrefix(ref.Server, "http://") || strings.HasPrefix(ref.Server, "https://") {
		addText("OpenML page", ref.URL())
	}
	return t
}
