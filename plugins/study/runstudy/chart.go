package runstudy

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/plugins/internal/keep"
	"github.com/openml-dash/openml-dash/plugins/internal/show"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// handlers serve the page's callbacks. They keep the listings they read
// last, so that selecting datasets or going back to a measure does not
// read them again.
type handlers struct {
	o     options
	runs  keep.Latest[*runSet]
	evals keep.Latest[*evalSet]
}

// cutOff carries a listing that was cut off out of a keep.Latest load as
// a failure, so that it is not kept and the next call reads it again.
type cutOff[T any] struct {
	partial T
	err     error
}

func (c *cutOff[T]) Error() string { return c.err.Error() }

// kept loads key through l; a listing load reports as cut off is handed
// back but not kept.
func kept[T any](ctx context.Context, l *keep.Latest[T], key string, load func(context.Context) (T, error), cut func(T) error) (T, error) {
	v, err := l.Get(ctx, key, func(ctx context.Context) (T, error) {
		v, err := load(ctx)
		if err == nil {
			if e := cut(v); e != nil {
				return v, &cutOff[T]{partial: v, err: e}
			}
		}
		return v, err
	})
	var c *cutOff[T]
	if errors.As(err, &c) {
		return c.partial, nil
	}
	return v, err
}

func (h *handlers) loadRuns(ctx context.Context, host sdk.Host, server string, study int64) (*runSet, error) {
	key := fmt.Sprintf("%s|%d", server, study)
	return kept(ctx, &h.runs, key, func(ctx context.Context) (*runSet, error) {
		return loadRuns(ctx, host, server, study, h.o)
	}, func(rs *runSet) error { return rs.Err })
}

func (h *handlers) loadEvals(ctx context.Context, host sdk.Host, server string, study int64, measure string, perFold bool, rs *runSet) (*evalSet, error) {
	var tasks []int64
	expected := 0
	if rs != nil {
		expected = len(rs.Runs)
		for _, r := range rs.Runs {
			tasks = append(tasks, r.TaskID)
		}
		slices.Sort(tasks)
		tasks = slices.Compact(tasks)
	}
	key := fmt.Sprintf("%s|%d|%s|%t", server, study, measure, perFold)
	return kept(ctx, &h.evals, key, func(ctx context.Context) (*evalSet, error) {
		return loadEvals(ctx, host, server, study, measure, perFold, tasks, expected, h.o)
	}, func(es *evalSet) error { return es.Err })
}

// draw fills the status and the chart for the measure, the kind of
// score and the datasets selected in the table (none: every dataset).
func (h *handlers) draw(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	measure := req.Value(sdk.Input(MeasureSelect, sdk.PropValue)).Str()
	perFold := req.Value(sdk.Input(ScoresRadio, sdk.PropValue)).Str() == ScoresFolds
	rows := req.Value(sdk.Input(DatasetTable, sdk.PropSelectedRows)).Ints()
	sorted := req.Value(sdk.Input(DatasetTable, sdk.PropSortedRows)).Ints()
	box := req.Value(sdk.State(DatasetBox, sdk.PropChildren)).Children()
	fill := func(status []sdk.Component, chart ...sdk.Component) *sdk.Patch {
		return sdk.NewPatch().Fill(StatusSlot, status...).Fill(ChartSlot, chart...)
	}
	if measure == "" {
		return fill([]sdk.Component{&sdk.Notice{Level: sdk.Info, Summary: "Choose a measure", Detail: "Pick a measure above to see the scores of the study's runs."}}), nil
	}
	host, server, study := req.Host, req.Ref.Server, req.Ref.ID

	rs, runErr := h.loadRuns(ctx, host, server, study)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if runErr != nil {
		host.Log(ctx, sdk.LogWarn, fmt.Sprintf("study %d: run listing: %v", study, runErr))
	}
	es, err := h.loadEvals(ctx, host, server, study, measure, perFold, rs)
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		return fill([]sdk.Component{evalsFailed(study, measure, perFold, err)}), nil
	}

	notes := evalNotices(es, rs)
	if len(es.Evals) == 0 {
		return fill(append(notes, noScores(es, rs)...)), nil
	}

	// The datasets in the table's rows, and then in the order the user
	// sorted the table in (as Dash's table sorted its chart).
	byRow, labels, ok := tableDatasets(box)
	if !ok {
		byRow, labels = nil, map[int64]string{}
	}
	selected := map[int64]bool{}
	for _, r := range rows {
		if r >= 0 && int(r) < len(byRow) && byRow[r] > 0 {
			selected[byRow[r]] = true
		}
	}
	order := byRow
	if len(sorted) == len(byRow) {
		order = make([]int64, 0, len(byRow))
		for _, r := range sorted {
			if r >= 0 && int(r) < len(byRow) {
				order = append(order, byRow[r])
			}
		}
	}
	shown := shownDatasets(order, labels, selected, es.Evals)
	evals := es.Evals
	if len(selected) > 0 {
		evals = slices.DeleteFunc(slices.Clone(evals), func(e openml.RunEvaluation) bool { return !selected[e.DataID] })
	}
	status := append([]sdk.Component{&sdk.Text{Markdown: countLine(es, evals, len(selected) > 0)}}, notes...)
	if len(evals) == 0 {
		return fill(append(status, &sdk.Notice{
			Level:   sdk.Info,
			Summary: fmt.Sprintf("None of the %s selected has a run with %s", plural(len(selected), "dataset"), measure),
			Detail:  "Select other rows in the table below, or clear the selection to see every dataset.",
		})), nil
	}
	return fill(status, scoreChart(server, es, evals, shown, labels)), nil
}

// evalsFailed says the evaluation listing could not be read at all.
func evalsFailed(study int64, measure string, perFold bool, err error) *sdk.Notice {
	what := "scores"
	if perFold {
		what = "fold scores"
	}
	advice := retry(err)
	if perFold && openMLCode(err) == tooManyForFolds {
		advice = "OpenML lists fold scores of at most 10,000 runs at once, and the study's run listing, which would let them be read task by task, could not be read. Choose \"Each run's score\", or reload the page (Ctrl+R) to try again."
	}
	return &sdk.Notice{
		Level:   sdk.Error,
		Summary: fmt.Sprintf("The %s %s of study %d could not be loaded", measure, what, study),
		Detail:  fmt.Sprintf("%v. %s", err, advice),
	}
}

// evalNotices say what the chart leaves out and why.
func evalNotices(es *evalSet, rs *runSet) []sdk.Component {
	var out []sdk.Component
	if es.Err != nil {
		out = append(out, &sdk.Notice{
			Level:   sdk.Warning,
			Summary: fmt.Sprintf("The %s listing stopped after %s", es.Measure, plural(len(es.listed), "run")),
			Detail: fmt.Sprintf("%v. Only the %d runs loaded are counted and drawn; the study has more. %s",
				es.Err, len(es.listed), retry(es.Err)),
		})
	}
	if es.ByTask {
		out = append(out, &sdk.Notice{
			Level:   sdk.Info,
			Summary: "Fold scores were read one task at a time",
			Detail:  "OpenML lists fold scores of at most 10,000 runs at once, so they were asked for task by task.",
		})
	}
	if es.NoValue > 0 && len(es.Evals) > 0 {
		n := &sdk.Notice{Level: sdk.Info, Summary: fmt.Sprintf("%s not drawn", runsAre(es.NoValue))}
		if es.PerFold {
			n.Detail = fmt.Sprintf("OpenML lists no fold scores of %s for them.", es.Measure)
		} else {
			n.Detail = fmt.Sprintf("They have %s only per class, not as a single value.", es.Measure)
		}
		out = append(out, n)
	}
	if missing := unlisted(es, rs); missing > 0 && len(es.listed) > 0 {
		out = append(out, &sdk.Notice{
			Level:   sdk.Info,
			Summary: fmt.Sprintf("%d of the study's %d runs have no %s", missing, len(rs.Runs), es.Measure),
			Detail:  "OpenML lists no such evaluation for them: they may be on tasks of another type, failed, or not evaluated yet. Choose another measure to see them.",
		})
	}
	return out
}

// unlisted counts the study's runs the evaluation listing did not name,
// when both listings are complete.
func unlisted(es *evalSet, rs *runSet) int {
	if rs == nil || rs.Err != nil || es.Err != nil || es.ByTask {
		return 0
	}
	n := 0
	for _, r := range rs.Runs {
		if !es.listed[r.ID] {
			n++
		}
	}
	return n
}

// noScores says that no run has the measure.
func noScores(es *evalSet, rs *runSet) []sdk.Component {
	n := &sdk.Notice{Level: sdk.Info}
	switch {
	case es.PerFold && len(es.listed) > 0:
		n.Summary = fmt.Sprintf("No run of this study has fold scores of %s", es.Measure)
		n.Detail = fmt.Sprintf("%s listed without them. Choose \"Each run's score\" or another measure.", runsAre(len(es.listed)))
	case len(es.listed) > 0:
		n.Summary = fmt.Sprintf("No run of this study has a single %s value", es.Measure)
		n.Detail = fmt.Sprintf("%s it only per class. Choose another measure.", runsHave(len(es.listed)))
	default:
		n.Summary = fmt.Sprintf("No run of this study has %s", es.Measure)
		n.Detail = "Choose another measure: the list holds every measure OpenML knows, not only those of this study's runs."
		if rs != nil && len(rs.Runs) > 0 {
			n.Detail = fmt.Sprintf("OpenML lists no such evaluation for its %s. ", plural(len(rs.Runs), "run")) + n.Detail
		}
	}
	return []sdk.Component{n}
}

// countLine says how many runs, flows and datasets the scores cover, and
// how many of them the chart shows.
func countLine(es *evalSet, shown []openml.RunEvaluation, selection bool) string {
	flows, datasets := map[int64]bool{}, map[int64]bool{}
	for _, e := range es.Evals {
		flows[e.FlowID], datasets[e.DataID] = true, true
	}
	runs := plural(len(es.Evals), "run")
	if es.Err != nil {
		runs = "at least " + runs
	}
	line := fmt.Sprintf("**%s of %s on %s** with %s (%s).", runs, plural(len(flows), "flow"), plural(len(datasets), "dataset"),
		show.Escape(es.Measure), evalview.Direction(es.Measure))
	if es.PerFold {
		line += fmt.Sprintf(" Each fold's score is drawn: %s.", plural(foldCount(es.Evals), "score"))
	}
	if selection {
		ds := map[int64]bool{}
		for _, e := range shown {
			ds[e.DataID] = true
		}
		line += fmt.Sprintf(" Showing the %s on the %s selected in the table; clear the selection to see them all.", plural(len(shown), "run"), plural(len(ds), "dataset"))
	}
	return line
}

func foldCount(evals []openml.RunEvaluation) int {
	n := 0
	for _, e := range evals {
		folds, _ := e.FoldValues()
		n += len(folds)
	}
	return n
}

// shownDatasets are the datasets the chart has a band for, in the
// table's order: those selected, or with no selection every dataset of
// the table and then those of the runs that the table lacks (added to
// labels).
func shownDatasets(order []int64, labels map[int64]string, selected map[int64]bool, evals []openml.RunEvaluation) []int64 {
	var out []int64
	for _, id := range order {
		if id > 0 && (len(selected) == 0 || selected[id]) {
			out = append(out, id)
		}
	}
	if len(selected) > 0 {
		return out
	}
	used := map[string]bool{}
	for _, l := range labels {
		used[l] = true
	}
	var extra []int64
	for _, e := range evals {
		if _, ok := labels[e.DataID]; ok {
			continue
		}
		l := e.DataName
		if l == "" || used[l] {
			l = strings.TrimSpace(l + fmt.Sprintf(" (dataset %d)", e.DataID))
		}
		labels[e.DataID], used[l] = l, true
		extra = append(extra, e.DataID)
	}
	slices.SortFunc(extra, func(a, b int64) int {
		return cmp.Or(cmp.Compare(strings.ToLower(labels[a]), strings.ToLower(labels[b])), cmp.Compare(a, b))
	})
	return append(out, extra...)
}

// bandSpread is how much of a dataset's band the flows' points are
// spread over, so that flows with close scores stay apart.
const bandSpread = 0.6

// scoreChart draws the scores of evals by dataset (shown, the first at
// the top), one series per flow of the listing es, so that a flow keeps
// its colour whatever the selection.
func scoreChart(server string, es *evalSet, evals []openml.RunEvaluation, shown []int64, labels map[int64]string) *sdk.Chart {
	names := map[int64]string{}
	for _, e := range es.Evals {
		names[e.FlowID] = e.FlowName
	}
	flowLabels := evalview.FlowLabels(names)
	flows := make([]int64, 0, len(names))
	for id := range names {
		flows = append(flows, id)
	}
	slices.SortFunc(flows, func(a, b int64) int {
		return cmp.Or(cmp.Compare(strings.ToLower(flowLabels[a]), strings.ToLower(flowLabels[b])), cmp.Compare(a, b))
	})
	// A scatter's band axis counts from the bottom: the first dataset
	// gets the last band, so it is drawn at the top, as in the table.
	band := make(map[int64]int, len(shown))
	cats := make([]string, len(shown))
	for i, id := range shown {
		at := len(shown) - 1 - i
		band[id], cats[at] = at, labels[id]
	}
	offset := make(map[int64]float64, len(flows))
	for i, id := range flows {
		if len(flows) > 1 {
			offset[id] = bandSpread/2 - bandSpread*float64(i)/float64(len(flows)-1)
		}
	}

	points := make(map[int64][]evalview.Point, len(flows))
	for _, e := range evals {
		b, ok := band[e.DataID]
		if !ok {
			continue
		}
		y := float64(b) + offset[e.FlowID]
		where := fmt.Sprintf("%s on %s", flowLabels[e.FlowID], labels[e.DataID])
		if !es.PerFold {
			points[e.FlowID] = append(points[e.FlowID], evalview.Point{Run: e, X: e.Value, Y: y, Label: evalview.RunLabel(e, where)})
			continue
		}
		folds, _ := e.FoldValues()
		for k, v := range folds {
			label := fmt.Sprintf("run %d, fold %d: %s (%s)", e.RunID, k+1, evalview.FormatValue(v), where)
			points[e.FlowID] = append(points[e.FlowID], evalview.Point{Run: e, X: v, Y: y, Label: label})
		}
	}

	what := "one point per run"
	title := es.Measure + " by dataset"
	if es.PerFold {
		what, title = "one point per fold", "Each fold's "+es.Measure+" by dataset"
	}
	chart := &sdk.Chart{
		ID:     ScoreChart,
		Kind:   sdk.ChartScatter,
		Title:  fmt.Sprintf("%s: one colour per flow, %s", title, what),
		X:      sdk.Axis{Title: fmt.Sprintf("%s (%s)", es.Measure, evalview.Direction(es.Measure))},
		Y:      sdk.Axis{Title: "Dataset", Categories: cats},
		Legend: true,
		Height: max(minChartHeight, chartMargin+bandHeight*len(shown)),
	}
	for _, id := range flows {
		chart.Series = append(chart.Series, evalview.Series(flowLabels[id], server, points[id]))
	}
	return chart
}

// The chart's height: a band per dataset, and room for the legend.
const (
	bandHeight     = 28
	chartMargin    = 120
	minChartHeight = 360
)

// runsAre is "1 run is" or "n runs are".
func runsAre(n int) string {
	if n == 1 {
		return "1 run is"
	}
	return fmt.Sprintf("%d runs are", n)
}

// runsHave is "1 run has" or "n runs have".
func runsHave(n int) string {
	if n == 1 {
		return "1 run has"
	}
	return fmt.Sprintf("%d runs have", n)
}
