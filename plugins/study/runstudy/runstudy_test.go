package runstudy_test

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/plugins/internal/evalviewtest"
	"github.com/openml-dash/openml-dash/plugins/study/runstudy"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

func notices(cs []sdk.Component) []*sdk.Notice { return sdktest.All[*sdk.Notice](cs) }

// noticeWith finds the notice whose summary holds s.
func noticeWith(t *testing.T, cs []sdk.Component, s string) *sdk.Notice {
	t.Helper()
	var summaries []string
	for _, n := range notices(cs) {
		if strings.Contains(n.Summary, s) {
			return n
		}
		summaries = append(summaries, n.Summary)
	}
	t.Fatalf("no notice says %q; the notices are %q", s, summaries)
	return nil
}

func text(cs []sdk.Component) string {
	var parts []string
	for _, tx := range sdktest.All[*sdk.Text](cs) {
		parts = append(parts, tx.Markdown)
	}
	return strings.Join(parts, "\n")
}

// fields turns the overview's field table into a map of cells by field.
func fields(t *testing.T, page *sdk.Page) map[string]sdk.Cell {
	t.Helper()
	tbl := sdktest.Find[*sdk.Table](t, sdktest.TabChildren(t, page, "overview"), runstudy.FieldsTable)
	out := map[string]sdk.Cell{}
	for _, r := range tbl.Rows {
		out[r.Cells[0].Text] = r.Cells[1]
	}
	return out
}

// drawRequest asks for the chart as the session would: the inputs, and
// the dataset table the page holds as state.
func drawRequest(t *testing.T, ref sdk.EntityRef, page *sdk.Page, measure, scores string, rows []int64) *sdk.CallbackRequest {
	t.Helper()
	box := sdktest.Find[*sdk.Container](t, sdktest.TabChildren(t, page, "evaluations"), runstudy.DatasetBox)
	return &sdk.CallbackRequest{
		Ref: ref, ID: runstudy.ChartCallback,
		Inputs: []sdk.Arg{
			{Ref: sdk.Input(runstudy.MeasureSelect, sdk.PropValue), Value: sdk.StrValue(measure)},
			{Ref: sdk.Input(runstudy.ScoresRadio, sdk.PropValue), Value: sdk.StrValue(scores)},
			{Ref: sdk.Input(runstudy.DatasetTable, sdk.PropSelectedRows), Value: sdk.IntsValue(rows)},
		},
		State: []sdk.Arg{{Ref: sdk.State(runstudy.DatasetBox, sdk.PropChildren), Value: sdk.ChildrenValue(box.Children...)}},
	}
}

// draw runs the chart's callback and returns what it put in the status
// and the chart slots.
func draw(t *testing.T, h *sdktest.Harness, req *sdk.CallbackRequest) (status, chart []sdk.Component) {
	t.Helper()
	p, err := h.Callback(req)
	require.NoError(t, err)
	out := map[string][]sdk.Component{}
	for _, o := range p.Outputs {
		require.Equal(t, sdk.PropChildren, o.Ref.Property)
		out[o.Ref.ComponentID] = o.Value.Children()
	}
	require.Len(t, out, 2)
	return out[runstudy.StatusSlot], out[runstudy.ChartSlot]
}

// offsets lists the offsets of the paths asked for that start with prefix.
func offsets(paths []string) []string {
	var out []string
	for _, p := range paths {
		out = append(out, strings.Split(strings.Split(p, "/offset/")[1], "/")[0])
	}
	return out
}

// tableOrder is the order the dataset table lists the fixture's
// datasets in, worked out here: by name.
func (f *fixture) tableOrder() []int64 {
	ids := slices.Collect(maps.Keys(f.names))
	slices.SortFunc(ids, func(a, b int64) int { return strings.Compare(f.names[a], f.names[b]) })
	return ids
}

// checkChart checks that the chart draws exactly want (each run once, or
// each fold score of each run with perFold), one series per flow of
// flows, each point at its run's score and in its dataset's band, the
// datasets of order from the top.
func checkChart(t *testing.T, f *fixture, c *sdk.Chart, want []openml.RunEvaluation, flows []openml.RunEvaluation, order []int64, perFold bool) {
	t.Helper()
	require.Equal(t, runstudy.ScoreChart, c.ID)
	require.Equal(t, sdk.ChartScatter, c.Kind)
	require.Len(t, c.Y.Categories, len(order))
	band := map[int64]int{}
	for i, id := range order {
		at := len(order) - 1 - i
		assert.Equal(t, f.names[id], c.Y.Categories[at], "dataset %d at band %d", id, at)
		band[id] = at
	}
	byRun := map[int64]openml.RunEvaluation{}
	for _, e := range want {
		byRun[e.RunID] = e
	}
	flowNames := map[int64]string{}
	for _, e := range flows {
		flowNames[e.FlowID] = e.FlowName
	}
	labels := evalview.FlowLabels(flowNames)
	require.Len(t, c.Series, len(flowNames), "a series for every flow, drawn or not")

	// Thousands of points: checked with plain comparisons, each kind of
	// mistake reported once.
	seen := map[int64][]float64{}
	names := map[string]bool{}
	problems := map[string]string{}
	problem := func(kind, format string, args ...any) {
		if _, ok := problems[kind]; !ok {
			problems[kind] = fmt.Sprintf(format, args...)
		}
	}
	for _, s := range c.Series {
		require.Len(t, s.X, len(s.Links))
		require.Len(t, s.Y, len(s.Links))
		require.Len(t, s.Labels, len(s.Links))
		assert.False(t, names[s.Name], "series %q twice", s.Name)
		names[s.Name] = true
		for j, l := range s.Links {
			e, ok := byRun[l.ID]
			switch {
			case l != sdk.EntityRef{Server: server, Kind: sdk.KindRun, ID: l.ID}:
				problem("link", "point %d of %q links to %v, not a run", j, s.Name, l)
			case !ok:
				problem("extra", "run %d is drawn but should not be", l.ID)
			case labels[e.FlowID] != s.Name:
				problem("flow", "run %d of flow %q is in series %q", l.ID, labels[e.FlowID], s.Name)
			case float64(band[e.DataID]) != math.Round(s.Y[j]) || math.Abs(s.Y[j]-math.Round(s.Y[j])) > 0.3+1e-9:
				problem("band", "run %d on dataset %d is at y %g, not in band %d", l.ID, e.DataID, s.Y[j], band[e.DataID])
			case !strings.HasPrefix(s.Labels[j], fmt.Sprintf("run %d", l.ID)):
				problem("label", "run %d is labelled %q", l.ID, s.Labels[j])
			}
			seen[l.ID] = append(seen[l.ID], s.X[j])
		}
	}
	assert.Empty(t, problems)
	require.Len(t, seen, len(want), "every run drawn")
	for id, xs := range seen {
		var wantX []float64
		if perFold {
			wantX = slices.Clone(f.folds[id])
		} else {
			wantX = []float64{byRun[id].Value}
		}
		slices.Sort(xs)
		slices.Sort(wantX)
		if !slices.Equal(xs, wantX) {
			t.Fatalf("run %d is drawn at %v, not at %v (perFold %t)", id, xs, wantX, perFold)
		}
	}
}

func TestLayout_bigStudy(t *testing.T) {
	t.Parallel()
	f := bigStudy(t)
	_, host, page := f.open(t)
	assert.Equal(t, "Study 7: A big study", page.Title)
	require.Len(t, page.Tabs, 2)
	assert.Equal(t, []string{"Overview", "Evaluations"}, []string{page.Tabs[0].Title, page.Tabs[1].Title})

	overview := sdktest.TabChildren(t, page, "overview")
	assert.Empty(t, notices(overview))
	assert.Equal(t, "Study 7: A big study", sdktest.All[*sdk.Heading](overview)[0].Text)
	assert.Contains(t, text(overview), "Runs of **many** flows.", "the description, as markdown")
	assert.Contains(t, text(overview), "**Runs found:** 3025 runs of 12 flows on 40 tasks, 25 of which report an error.")
	got := fields(t, page)
	for field, want := range map[string]string{
		"ID": "7", "Alias": "big-one", "Status": "active", "Created": "2019-02-21 16:51", "Creator": "Ada", "Visibility": "public",
		"Runs": "3025", "Flows": "12", "Datasets": "41", "Tasks": "40", "OpenML page": "https://test.openml.org/s/7",
	} {
		assert.Equal(t, want, got[field].Text, field)
	}
	assert.Equal(t, sdk.LinkCell("suite 99", sdk.EntityRef{Server: server, Kind: sdk.KindStudy, ID: 99}), got["Benchmark suite"])

	runPaths := f.srv.PathsWith("run/list/")
	assert.Equal(t, []string{"0", "1000", "2000", "3000"}, offsets(runPaths), "3,025 runs in pages of 1,000")
	for _, p := range runPaths {
		assert.Regexp(t, `^run/list/limit/1000/offset/\d+/study/7$`, p)
	}
	assert.Contains(t, host.Progresses, "Loading the runs of study 7 3025/3025")

	evals := sdktest.TabChildren(t, page, "evaluations")
	measure := sdktest.Find[*sdk.Select](t, evals, runstudy.MeasureSelect)
	assert.Equal(t, []string{"predictive_accuracy"}, measure.Values)
	assert.Equal(t, sdk.Options("predictive_accuracy", "area_under_roc_curve", "root_mean_squared_error"), measure.Options, "the server's measures")
	assert.Equal(t, runstudy.ScoresMean, sdktest.Find[*sdk.Radio](t, evals, runstudy.ScoresRadio).Value)
	sdktest.Find[*sdk.Slot](t, evals, runstudy.StatusSlot)
	sdktest.Find[*sdk.Slot](t, evals, runstudy.ChartSlot)
	assert.Equal(t, []sdk.Callback{{
		ID: runstudy.ChartCallback,
		Inputs: []sdk.PropRef{
			sdk.Input(runstudy.MeasureSelect, sdk.PropValue), sdk.Input(runstudy.ScoresRadio, sdk.PropValue),
			sdk.Input(runstudy.DatasetTable, sdk.PropSelectedRows),
			sdk.Input(runstudy.DatasetTable, sdk.PropSortedRows),
		},
		State:   []sdk.PropRef{sdk.State(runstudy.DatasetBox, sdk.PropChildren)},
		Outputs: []sdk.PropRef{sdk.Output(runstudy.StatusSlot, sdk.PropChildren), sdk.Output(runstudy.ChartSlot, sdk.PropChildren)},
	}}, page.Callbacks)
	for _, id := range []string{runstudy.FieldsTable, runstudy.MeasureSelect, runstudy.ScoresRadio, runstudy.StatusSlot, runstudy.ChartSlot, runstudy.DatasetBox, runstudy.DatasetTable, runstudy.ChartCallback} {
		assert.True(t, strings.HasPrefix(id, "runstudy-"), id)
	}

	// The dataset table: every dataset of the runs and of the description,
	// by name, with its own qualities.
	tbl := sdktest.Find[*sdk.Table](t, evals, runstudy.DatasetTable)
	assert.Equal(t, sdk.SelectMulti, tbl.Selection)
	assert.True(t, tbl.Sortable)
	var titles []string
	for _, c := range tbl.Columns {
		titles = append(titles, c.Title)
	}
	assert.Equal(t, []string{"Dataset", "Instances", "Features", "Classes", "Missing values", "Numeric features", "Nominal features"}, titles)
	order := f.tableOrder()
	require.Len(t, tbl.Rows, 41)
	for i, id := range order {
		row := tbl.Rows[i]
		assert.Equal(t, sdk.LinkCell(f.names[id], sdk.EntityRef{Server: server, Kind: sdk.KindData, ID: id}), row.Cells[0], "row %d", i)
		qs, ok := f.qualities[id]
		for j, q := range qualityNames {
			if !ok {
				assert.True(t, row.Cells[j+1].Missing, "dataset %d has no %s", id, q)
				continue
			}
			assert.Equal(t, sdk.NumberCell(qs[q]), row.Cells[j+1], "dataset %d: %s", id, q)
		}
	}
	n := noticeWith(t, evals, "The qualities of 4 of the 41 datasets could not be loaded")
	assert.Equal(t, sdk.Warning, n.Level)
	assert.Contains(t, n.Detail, "the chart still shows their runs")
	assert.Len(t, f.srv.PathsWith("data/qualities/"), 41, "each dataset's qualities, once")
	assert.Equal(t, []string{"data/999"}, f.srv.PathsWith("data/9"), "only the dataset no evaluation names is described")
}

func TestDraw_everyRunByFlow(t *testing.T) {
	t.Parallel()
	f := bigStudy(t)
	h, host, page := f.open(t)
	before := len(f.srv.PathsWith("evaluation/list/"))
	status, chart := draw(t, h, drawRequest(t, f.ref(), page, "predictive_accuracy", runstudy.ScoresMean, nil))

	paths := f.srv.PathsWith("evaluation/list/")[before:]
	assert.Equal(t, []string{"0", "1000", "2000", "3000"}, offsets(paths), "3,000 runs in pages of 1,000, then the empty page")
	for _, p := range paths {
		assert.Regexp(t, `^evaluation/list/function/predictive_accuracy/limit/1000/offset/\d+/study/7$`, p)
	}
	assert.Contains(t, host.Progresses, "Loading predictive_accuracy of the runs of study 7 3000/3000")

	assert.Contains(t, text(status), `**3000 runs of 12 flows on 40 datasets** with predictive\_accuracy (higher is better).`)
	n := noticeWith(t, status, "25 of the study's 3025 runs have no predictive_accuracy")
	assert.Equal(t, sdk.Info, n.Level)
	require.Len(t, chart, 1)
	c := chart[0].(*sdk.Chart)
	assert.Equal(t, "predictive_accuracy (higher is better)", c.X.Title)
	assert.True(t, c.Legend)
	assert.GreaterOrEqual(t, c.Height, 41*20, "a band for each dataset")
	acc := f.evals["predictive_accuracy"]
	checkChart(t, f, c, acc, acc, f.tableOrder(), false)
}

func TestDraw_perFold(t *testing.T) {
	t.Parallel()
	f := bigStudy(t)
	h, _, page := f.open(t)
	status, chart := draw(t, h, drawRequest(t, f.ref(), page, "predictive_accuracy", runstudy.ScoresFolds, nil))
	paths := f.srv.PathsWith("evaluation/list/function/predictive_accuracy/limit/1000/offset/")
	var perFold []string
	for _, p := range paths {
		if strings.HasSuffix(p, "/study/7/per_fold/true") {
			perFold = append(perFold, p)
		}
	}
	assert.Equal(t, []string{"0", "1000", "2000", "3000"}, offsets(perFold))
	assert.Contains(t, text(status), "**3000 runs of 12 flows on 40 datasets**")
	assert.Contains(t, text(status), "Each fold's score is drawn: 30000 scores.")
	require.Len(t, chart, 1)
	c := chart[0].(*sdk.Chart)
	assert.True(t, strings.HasPrefix(c.Title, "Each fold's predictive_accuracy by dataset"), c.Title)
	acc := f.evals["predictive_accuracy"]
	checkChart(t, f, c, acc, acc, f.tableOrder(), true)
}

func TestDraw_selectedRowsFilterTheChart(t *testing.T) {
	t.Parallel()
	f := bigStudy(t)
	h, _, page := f.open(t)
	order := f.tableOrder()
	rows := shuffled(len(order), 5, 3)
	var picked []int64
	chosen := map[int64]bool{}
	for _, r := range rows {
		picked = append(picked, order[r])
		chosen[order[r]] = true
	}
	var want []openml.RunEvaluation
	for _, e := range f.evals["predictive_accuracy"] {
		if chosen[e.DataID] {
			want = append(want, e)
		}
	}
	status, chart := draw(t, h, drawRequest(t, f.ref(), page, "predictive_accuracy", runstudy.ScoresMean, rows))
	withRuns := 0
	for _, id := range picked {
		if id != 999 {
			withRuns++
		}
	}
	assert.Contains(t, text(status), "**3000 runs of 12 flows on 40 datasets**", "the count is of the whole study")
	assert.Contains(t, text(status), fmt.Sprintf("Showing the %d runs on the %d datasets selected in the table", len(want), withRuns))
	require.Len(t, chart, 1)
	checkChart(t, f, chart[0].(*sdk.Chart), want, f.evals["predictive_accuracy"], picked, false)

	// Only the dataset without runs: nothing to draw, and a notice.
	lonely := slices.Index(order, 999)
	status, chart = draw(t, h, drawRequest(t, f.ref(), page, "predictive_accuracy", runstudy.ScoresMean, []int64{int64(lonely)}))
	assert.Empty(t, chart)
	noticeWith(t, status, "None of the 1 dataset selected has a run with predictive_accuracy")
}

// Sorting the table orders the chart's datasets the same way.
func TestDraw_tableSortOrdersTheChart(t *testing.T) {
	t.Parallel()
	f := bigStudy(t)
	h, _, page := f.open(t)
	_, chart := draw(t, h, drawRequest(t, f.ref(), page, "predictive_accuracy", runstudy.ScoresMean, nil))
	require.Len(t, chart, 1)
	before := chart[0].(*sdk.Chart).Y.Categories
	require.NotEmpty(t, before)

	n := len(f.tableOrder())
	reversed := make([]int64, n)
	for i := range reversed {
		reversed[i] = int64(n - 1 - i)
	}
	req := drawRequest(t, f.ref(), page, "predictive_accuracy", runstudy.ScoresMean, nil)
	req.Inputs = append(req.Inputs, sdk.Arg{Ref: sdk.Input(runstudy.DatasetTable, sdk.PropSortedRows), Value: sdk.IntsValue(reversed)})
	_, chart = draw(t, h, req)
	require.Len(t, chart, 1)
	after := chart[0].(*sdk.Chart).Y.Categories
	want := slices.Clone(before)
	slices.Reverse(want)
	assert.Equal(t, want, after, "the table sorted the other way round orders the chart the other way round")
}

func TestDraw_measureChange(t *testing.T) {
	t.Parallel()
	f := bigStudy(t)
	h, _, page := f.open(t)
	status, chart := draw(t, h, drawRequest(t, f.ref(), page, "area_under_roc_curve", runstudy.ScoresMean, nil))
	assert.Contains(t, text(status), "**2000 runs of 12 flows on 40 datasets** with area\\_under\\_roc\\_curve")
	noticeWith(t, status, "1025 of the study's 3025 runs have no area_under_roc_curve")
	require.Len(t, chart, 1)
	auc := f.evals["area_under_roc_curve"]
	checkChart(t, f, chart[0].(*sdk.Chart), auc, auc, f.tableOrder(), false)

	// A measure none of the runs has.
	status, chart = draw(t, h, drawRequest(t, f.ref(), page, "kappa", runstudy.ScoresMean, nil))
	assert.Empty(t, chart)
	n := noticeWith(t, status, "No run of this study has kappa")
	assert.Contains(t, n.Detail, "OpenML lists no such evaluation for its 3025 runs")

	// Back to the first measure: the listing is kept, not read again.
	draw(t, h, drawRequest(t, f.ref(), page, "predictive_accuracy", runstudy.ScoresMean, nil))
	before := len(f.srv.PathsWith("evaluation/list/"))
	draw(t, h, drawRequest(t, f.ref(), page, "predictive_accuracy", runstudy.ScoresMean, []int64{1, 2}))
	assert.Len(t, f.srv.PathsWith("evaluation/list/"), before, "selecting rows reads nothing again")
}

func TestLayout_regressionDefaultsToRMSE(t *testing.T) {
	t.Parallel()
	f := bigStudy(t)
	for i := range f.tasks {
		f.tasks[i].TypeID = 2
	}
	rmse := slices.Clone(f.evals["predictive_accuracy"])
	for i := range rmse {
		rmse[i].Function, rmse[i].Value = "root_mean_squared_error", 10*(1-rmse[i].Value)
	}
	f.evals = map[string][]openml.RunEvaluation{"root_mean_squared_error": rmse}
	f.runs = runsOf(rmse, f.tasks)
	f.serve(t)
	h, _, page := f.open(t)
	evals := sdktest.TabChildren(t, page, "evaluations")
	assert.Equal(t, []string{"root_mean_squared_error"}, sdktest.Find[*sdk.Select](t, evals, runstudy.MeasureSelect).Values)
	status, chart := draw(t, h, drawRequest(t, f.ref(), page, "root_mean_squared_error", runstudy.ScoresMean, nil))
	assert.Contains(t, text(status), "**3000 runs of 12 flows on 40 datasets**")
	assert.Empty(t, notices(status))
	require.Len(t, chart, 1)
	c := chart[0].(*sdk.Chart)
	assert.Equal(t, "root_mean_squared_error (lower is better)", c.X.Title)
	checkChart(t, f, c, rmse, rmse, f.tableOrder(), false)
}

func TestDraw_cutOffListing(t *testing.T) {
	t.Parallel()
	f := bigStudy(t)
	h, _, page := f.open(t)
	page3 := "evaluation/list/function/predictive_accuracy/limit/1000/offset/2000/study/7"
	f.srv.Fail = map[string]error{page3: &sdk.FetchError{Code: sdk.FetchUnavailable, Message: "OpenML did not answer " + page3}}
	status, chart := draw(t, h, drawRequest(t, f.ref(), page, "predictive_accuracy", runstudy.ScoresMean, nil))
	n := noticeWith(t, status, "The predictive_accuracy listing stopped after 2000 runs")
	assert.Equal(t, sdk.Warning, n.Level)
	assert.Contains(t, n.Detail, "runs 2001 to 3000: evaluation listing: OpenML did not answer")
	assert.Contains(t, n.Detail, "check the connection")
	assert.Contains(t, text(status), "**at least 2000 runs of 12 flows")
	for _, n := range notices(status) {
		assert.NotContains(t, n.Summary, "have no predictive_accuracy", "runs not loaded are not said to lack the measure")
	}
	require.Len(t, chart, 1)
	acc := f.evals["predictive_accuracy"]
	checkChart(t, f, chart[0].(*sdk.Chart), acc[:2000], acc[:2000], f.tableOrder(), false)

	// A listing cut off is not kept: the next call reads it again.
	f.srv.Fail = nil
	status, chart = draw(t, h, drawRequest(t, f.ref(), page, "predictive_accuracy", runstudy.ScoresMean, nil))
	assert.Contains(t, text(status), "**3000 runs of 12 flows on 40 datasets**")
	checkChart(t, f, chart[0].(*sdk.Chart), acc, acc, f.tableOrder(), false)
}

func TestLayout_cutOffRunListing(t *testing.T) {
	t.Parallel()
	f := smallStudy(t)
	f.srv.Fail = map[string]error{"run/list/limit/200/offset/200/study/7": &sdk.FetchError{Code: sdk.FetchFailed, Message: "OpenML answered 500"}}
	_, _, page := f.open(t)
	overview := sdktest.TabChildren(t, page, "overview")
	n := noticeWith(t, overview, "The study's run listing stopped after 200 runs")
	assert.Equal(t, sdk.Warning, n.Level)
	assert.Contains(t, n.Detail, "runs 201 to 400: run listing: OpenML answered 500")
	assert.Contains(t, text(overview), "**Runs found:** at least 200 runs of 12 flows")
}

// TestLayout_repeatingListingStops: a server that ignores the offset
// answers the first page again; the listing stops there and says so.
func TestLayout_repeatingListingStops(t *testing.T) {
	t.Parallel()
	f := smallStudy(t)
	f.srv.Answers["run/list/limit/200/offset/200/study/7"] = f.srv.Answers["run/list/limit/200/offset/0/study/7"]
	_, _, page := f.open(t)
	overview := sdktest.TabChildren(t, page, "overview")
	n := noticeWith(t, overview, "The study's run listing stopped after 200 runs")
	assert.Contains(t, n.Detail, "the server listed the same runs as before")
	assert.Equal(t, []string{"0", "200"}, offsets(f.srv.PathsWith("run/list/")))
}

func TestLayout_emptyStudy(t *testing.T) {
	t.Parallel()
	f := smallStudy(t)
	f.runs, f.evals, f.listed = nil, map[string][]openml.RunEvaluation{}, nil
	f.names, f.qualities = map[int64]string{}, map[int64]map[string]float64{}
	f.serve(t)
	_, _, page := f.open(t)
	assert.Contains(t, text(sdktest.TabChildren(t, page, "overview")), "**Runs found:** none; OpenML lists no runs for study 7.")
	evals := sdktest.TabChildren(t, page, "evaluations")
	require.NotEmpty(t, evals, "never an empty tab")
	n := noticeWith(t, evals, "Study 7 has no runs yet")
	assert.Equal(t, sdk.Info, n.Level)
	assert.Empty(t, page.Callbacks, "nothing to draw")
	assert.Empty(t, f.srv.PathsWith("evaluation/list/"))
}

func TestLayout_fetchErrorsBecomeNotices(t *testing.T) {
	t.Parallel()
	f := smallStudy(t)
	offline := &sdk.FetchError{Code: sdk.FetchUnavailable, Message: "cannot reach test.openml.org"}
	f.srv.FailPrefix = map[string]error{"run/list/": offline, "evaluation/list/": offline, "data/": offline}
	h, _, page := f.open(t)
	overview := sdktest.TabChildren(t, page, "overview")
	n := noticeWith(t, overview, "The study's run listing could not be loaded")
	assert.Equal(t, sdk.Error, n.Level)
	assert.Contains(t, n.Detail, "cannot reach test.openml.org")
	assert.Contains(t, n.Detail, "check the connection, then reload the page (Ctrl+R)")

	evals := sdktest.TabChildren(t, page, "evaluations")
	n = noticeWith(t, evals, "The qualities of 41 of the 41 datasets could not be loaded")
	assert.Contains(t, n.Detail, "check the connection")
	status, chart := draw(t, h, drawRequest(t, f.ref(), page, "predictive_accuracy", runstudy.ScoresMean, nil))
	assert.Empty(t, chart)
	n = noticeWith(t, status, "The predictive_accuracy scores of study 7 could not be loaded")
	assert.Equal(t, sdk.Error, n.Level)
	assert.Contains(t, n.Detail, "check the connection")
}

func TestDraw_perFoldTaskByTask(t *testing.T) {
	t.Parallel()
	f := smallStudy(t)
	whole := "evaluation/list/function/predictive_accuracy/limit/200/offset/0/study/7/per_fold/true"
	f.srv.Fail = map[string]error{whole: &sdk.FetchError{Code: sdk.FetchFailed, Message: "OpenML answered with error 548: Number of inspected run records too high", OpenMLCode: 548}}
	acc := f.evals["predictive_accuracy"]
	for _, tk := range f.tasks {
		var evals []openml.RunEvaluation
		for _, e := range acc {
			if e.TaskID == tk.ID {
				evals = append(evals, e)
			}
		}
		pages(f.srv.Answers, len(evals), f.pageSize, func(limit, offset int) string {
			return path(t, openml.EvaluationQuery{Function: "predictive_accuracy", Study: 7, PerFold: true, Tasks: []int64{tk.ID}, Limit: limit, Offset: offset})
		}, func(lo, hi int) []byte { return f.foldsXML(evals[lo:hi]) }, evalviewtest.ErrorXML(542, "No results"))
	}
	h, _, page := f.open(t)
	status, chart := draw(t, h, drawRequest(t, f.ref(), page, "predictive_accuracy", runstudy.ScoresFolds, nil))
	noticeWith(t, status, "Fold scores were read one task at a time")
	assert.Len(t, f.srv.PathsWith("evaluation/list/function/predictive_accuracy/limit/200/offset/0/study/7/per_fold/true/task/"), 40)
	require.Len(t, chart, 1)
	checkChart(t, f, chart[0].(*sdk.Chart), acc, acc, f.tableOrder(), true)
}
