package task_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/internal/recordings"
	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/plugins/internal/evalviewtest"
	"github.com/openml-dash/openml-dash/plugins/task"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

// generated makes n runs of task 5 with measure, by 40 flows and 60
// uploaders, the first 50 of whom the server names.
func generated(n int, measure string) *evalviewtest.Server {
	evals := evalviewtest.Runs(evalviewtest.Spec{
		N: n, Seed: 5, Function: measure, Uploaders: 60,
		Flows: evalviewtest.SklearnFlows(40, 5000),
		Tasks: []evalviewtest.Task{{ID: 5, TypeID: 2, DataID: 8, DataName: "houses"}},
	})
	var users []openml.User
	for id := int64(1); id <= 50; id++ {
		users = append(users, openml.User{ID: id, Username: fmt.Sprintf("Person %d", id)})
	}
	return &evalviewtest.Server{Evals: evals, Users: users, Answers: map[string][]byte{
		"task/5": []byte(taskXML), "data/8": []byte(datasetXML),
	}}
}

func runsRequest(measure string, clicks int64) *sdk.CallbackRequest {
	return &sdk.CallbackRequest{
		Ref: taskRef, ID: task.RunsCallback,
		Inputs: []sdk.Arg{
			{Ref: sdk.Input(task.MetricSelect, sdk.PropValue), Value: sdk.StrValue(measure)},
			{Ref: sdk.Input(task.MoreButton, sdk.PropNClicks), Value: sdk.IntValue(clicks)},
		},
	}
}

// slots runs the callback and returns what it put in each slot.
func slots(t *testing.T, h *sdktest.Harness, req *sdk.CallbackRequest) map[string][]sdk.Component {
	t.Helper()
	p, err := h.Callback(req)
	require.NoError(t, err)
	out := map[string][]sdk.Component{}
	for _, o := range p.Outputs {
		require.Equal(t, sdk.PropChildren, o.Ref.Property)
		out[o.Ref.ComponentID] = o.Value.Children()
	}
	require.Len(t, out, 3)
	return out
}

func text(cs []sdk.Component) string {
	var parts []string
	for _, tx := range sdktest.All[*sdk.Text](cs) {
		parts = append(parts, tx.Markdown)
	}
	return strings.Join(parts, "\n")
}

func points(t *testing.T, c *sdk.Chart) int {
	t.Helper()
	n := 0
	for _, s := range c.Series {
		require.Len(t, s.Links, len(s.X))
		n += len(s.X)
	}
	return n
}

// runLinks lists the runs a chart's points open.
func runLinks(t *testing.T, c *sdk.Chart) []int64 {
	t.Helper()
	var out []int64
	for _, s := range c.Series {
		require.Len(t, s.Links, len(s.X))
		require.Len(t, s.Labels, len(s.X))
		for _, l := range s.Links {
			require.Equal(t, sdk.KindRun, l.Kind)
			require.Equal(t, taskRef.Server, l.Server)
			out = append(out, l.ID)
		}
	}
	return out
}

func TestLayout_selectors(t *testing.T) {
	t.Parallel()
	srv := generated(10, "rmse")
	srv.Answers["evaluationmeasure/list"] = []byte(`<oml:evaluation_measures ` + ns + `><oml:measures><oml:measure>mean_absolute_error</oml:measure><oml:measure>root_mean_squared_error</oml:measure></oml:measures></oml:evaluation_measures>`)
	h := sdktest.Run(t, task.New(), srv.Host())
	page, err := h.Layout(taskRef)
	require.NoError(t, err)
	require.Len(t, page.Tabs, 3)
	assert.Equal(t, []string{"Overview", "Evaluations", "People"}, []string{page.Tabs[0].Title, page.Tabs[1].Title, page.Tabs[2].Title})

	metric := sdktest.Find[*sdk.Select](t, page.Tabs[1].Children, task.MetricSelect)
	assert.Equal(t, []string{"rmse"}, metric.Values, "the task's own measure")
	assert.Equal(t, sdk.Options("mean_absolute_error", "root_mean_squared_error", "rmse"), metric.Options, "the server's measures, and the task's")
	assert.Equal(t, "Load next 1000 runs", sdktest.Find[*sdk.Button](t, page.Tabs[1].Children, task.MoreButton).Label)
	sdktest.Find[*sdk.Slot](t, page.Tabs[0].Children, task.CountSlot)
	sdktest.Find[*sdk.Slot](t, page.Tabs[1].Children, task.EvaluationsSlot)
	sdktest.Find[*sdk.Slot](t, page.Tabs[2].Children, task.PeopleSlot)
	assert.Equal(t, []sdk.Callback{{
		ID:                 task.ResetCallback,
		Inputs:             []sdk.PropRef{sdk.Input(task.MetricSelect, sdk.PropValue)},
		Outputs:            []sdk.PropRef{sdk.Output(task.MoreButton, sdk.PropNClicks)},
		PreventInitialCall: true,
	}, {
		ID:      task.RunsCallback,
		Inputs:  []sdk.PropRef{sdk.Input(task.MetricSelect, sdk.PropValue), sdk.Input(task.MoreButton, sdk.PropNClicks)},
		Outputs: []sdk.PropRef{sdk.Output(task.CountSlot, sdk.PropChildren), sdk.Output(task.EvaluationsSlot, sdk.PropChildren), sdk.Output(task.PeopleSlot, sdk.PropChildren)},
	}}, page.Callbacks)
	assert.Empty(t, srv.PathsWith("evaluation/list"), "the runs load in the callback, not in the layout")
}

func TestLayout_recorded59Measures(t *testing.T) {
	t.Parallel()
	host := sdktest.Recorded(recordings.Require(t, "www"))
	h := sdktest.Run(t, task.New(), host)
	page, err := h.Layout(sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindTask, ID: 59})
	require.NoError(t, err)
	metric := sdktest.Find[*sdk.Select](t, page.Tabs[1].Children, task.MetricSelect)
	assert.Equal(t, []string{"predictive_accuracy"}, metric.Values)
	assert.Equal(t, sdk.Options(evalview.Measures...), metric.Options, "the measure list is not recorded: the built-in one")
	require.Len(t, host.Logs, 1)
	assert.Contains(t, host.Logs[0], "task 59: OpenML's list of measures could not be read")
}

func TestDefaultMeasure(t *testing.T) {
	t.Parallel()
	withMeasure := &openml.Task{TypeID: 2, Inputs: []openml.TaskInput{{Name: "evaluation_measures", EvaluationMeasures: []string{"mean_absolute_error"}}}}
	cases := map[string]struct {
		task *openml.Task
		want string
	}{
		"its own":                 {withMeasure, "mean_absolute_error"},
		"regression by id":        {&openml.Task{TypeID: 2}, "root_mean_squared_error"},
		"regression by name":      {&openml.Task{Type: "Supervised Regression"}, "root_mean_squared_error"},
		"multitask regression":    {&openml.Task{TypeID: 9}, "root_mean_squared_error"},
		"classification":          {&openml.Task{Type: "Supervised Classification"}, "predictive_accuracy"},
		"learning curve":          {&openml.Task{TypeID: 3}, "predictive_accuracy"},
		"unknown type":            {&openml.Task{}, "predictive_accuracy"},
		"empty measure is absent": {&openml.Task{TypeID: 2, Inputs: []openml.TaskInput{{EvaluationMeasures: []string{""}}}}, "root_mean_squared_error"},
	}
	for name, c := range cases {
		assert.Equal(t, c.want, task.DefaultMeasure(c.task), name)
	}
}

func TestRuns_pagesAppend(t *testing.T) {
	t.Parallel()
	srv := generated(2345, "predictive_accuracy")
	h := sdktest.Run(t, task.New(), srv.Host())
	cases := []struct {
		clicks               int64
		runs                 int
		status, count, title string
		offsets              []string
	}{
		{0, 1000, "1000 of at least 1000 runs loaded", "at least 1000", "The best 1000 runs by flow", []string{"0"}},
		{1, 2000, "2000 of at least 2000 runs loaded", "at least 2000", "The best 2000 runs by flow", []string{"0", "1000"}},
		{2, 2345, "2345 runs, all loaded.", "2345.", "All 2345 runs by flow", []string{"0", "1000", "2000"}},
		{3, 2345, "2345 runs, all loaded.", "2345.", "All 2345 runs by flow", []string{"0", "1000", "2000"}},
	}
	var before []int64
	for _, c := range cases {
		seen := len(srv.PathsWith("evaluation/list/"))
		got := slots(t, h, runsRequest("predictive_accuracy", c.clicks))
		paths := srv.PathsWith("evaluation/list/")[seen:]
		var offsets []string
		for _, p := range paths {
			assert.Contains(t, p, "/task/5/sort_order/desc", "best first for a score")
			offsets = append(offsets, strings.Split(strings.Split(p, "/offset/")[1], "/")[0])
		}
		assert.Equal(t, c.offsets, offsets, "clicks %d", c.clicks)

		assert.Contains(t, text(got[task.EvaluationsSlot]), c.status, "clicks %d", c.clicks)
		assert.Contains(t, text(got[task.PeopleSlot]), c.status, "clicks %d", c.clicks)
		assert.Contains(t, text(got[task.CountSlot]), "predictive_accuracy:** "+c.count, "clicks %d", c.clicks)
		chart := sdktest.Find[*sdk.Chart](t, got[task.EvaluationsSlot], task.EvaluationsChart)
		assert.True(t, strings.HasPrefix(chart.Title, c.title), chart.Title)
		links := runLinks(t, chart)
		assert.Len(t, links, c.runs)
		slices.Sort(links)
		assert.Len(t, slices.Compact(slices.Clone(links)), c.runs, "each run once")
		for _, id := range before {
			_, ok := slices.BinarySearch(links, id)
			require.True(t, ok, "run %d of the page before is still there", id)
		}
		before = links
		assert.Equal(t, c.runs, points(t, sdktest.Find[*sdk.Chart](t, got[task.PeopleSlot], task.TimeChart)))
	}
}

func TestRuns_bestFirstOfAll(t *testing.T) {
	t.Parallel()
	srv := generated(2500, "predictive_accuracy")
	h := sdktest.Run(t, task.New(), srv.Host())
	got := slots(t, h, runsRequest("predictive_accuracy", 0))
	values := slices.Clone(srv.Evals)
	evalview.SortBest(values, "predictive_accuracy")
	cut := values[999].Value
	chart := sdktest.Find[*sdk.Chart](t, got[task.EvaluationsSlot], task.EvaluationsChart)
	for _, s := range chart.Series {
		for _, x := range s.X {
			require.GreaterOrEqual(t, x, cut, "only the best 1000 runs")
		}
	}
}

func TestRuns_exactPages(t *testing.T) {
	t.Parallel()
	srv := generated(2000, "predictive_accuracy")
	h := sdktest.Run(t, task.New(), srv.Host())
	got := slots(t, h, runsRequest("predictive_accuracy", 1))
	assert.Contains(t, text(got[task.EvaluationsSlot]), "2000 of at least 2000 runs loaded", "a full last page may have more after it")
	got = slots(t, h, runsRequest("predictive_accuracy", 2))
	assert.Contains(t, text(got[task.EvaluationsSlot]), "2000 runs, all loaded.", "an empty page ends the listing")
	assert.Empty(t, sdktest.All[*sdk.Notice](got[task.EvaluationsSlot]))
}

// wantLeaderboard ranks uploaders the slow way.
func wantLeaderboard(evals []openml.RunEvaluation, lower bool) (ids []int64, best map[int64]float64, entries map[int64]int) {
	best, entries = map[int64]float64{}, map[int64]int{}
	first := map[int64]string{}
	for _, e := range evals {
		b, ok := best[e.Uploader]
		better := !ok || (lower && e.Value < b) || (!lower && e.Value > b)
		if better || (e.Value == b && e.UploadTime < first[e.Uploader]) {
			best[e.Uploader], first[e.Uploader] = e.Value, e.UploadTime
		}
		entries[e.Uploader]++
	}
	for id := range best {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b int64) int {
		if best[a] != best[b] {
			if (best[a] < best[b]) == lower {
				return -1
			}
			return 1
		}
		return strings.Compare(first[a], first[b])
	})
	return ids, best, entries
}

func TestRuns_directionOfTheMeasure(t *testing.T) {
	t.Parallel()
	for _, measure := range []string{"predictive_accuracy", "root_mean_squared_error"} {
		t.Run(measure, func(t *testing.T) {
			t.Parallel()
			lower := measure == "root_mean_squared_error"
			srv := generated(900, measure)
			h := sdktest.Run(t, task.New(), srv.Host())
			got := slots(t, h, runsRequest(measure, 0))
			order := map[bool]string{true: "asc", false: "desc"}[lower]
			assert.True(t, strings.HasSuffix(srv.PathsWith("evaluation/list/")[0], "/sort_order/"+order))

			board := sdktest.Find[*sdk.Table](t, got[task.PeopleSlot], task.LeaderboardTable)
			ids, best, entries := wantLeaderboard(srv.Evals, lower)
			require.Len(t, board.Rows, len(ids))
			for i, id := range ids {
				r := board.Rows[i].Cells
				require.Equal(t, float64(i+1), r[0].Number)
				wantName := fmt.Sprintf("user %d", id)
				if id <= 50 {
					wantName = fmt.Sprintf("Person %d", id)
				}
				require.Equal(t, wantName, r[1].Text, "rank %d", i+1)
				require.Equal(t, best[id], r[2].Number, "rank %d", i+1)
				require.Equal(t, float64(entries[id]), r[5].Number, "rank %d", i+1)
				require.Equal(t, sdk.KindRun, r[3].Link.Kind)
			}
			caption := text(got[task.PeopleSlot])
			assert.Contains(t, caption, map[bool]string{true: "lower is better", false: "higher is better"}[lower])

			flows := sdktest.Find[*sdk.Table](t, got[task.EvaluationsSlot], task.FlowsTable)
			for i := 1; i < len(flows.Rows); i++ {
				a, b := flows.Rows[i-1].Cells[2].Number, flows.Rows[i].Cells[2].Number
				if lower {
					require.LessOrEqual(t, a, b)
				} else {
					require.GreaterOrEqual(t, a, b)
				}
			}
			chart := sdktest.Find[*sdk.Chart](t, got[task.EvaluationsSlot], task.EvaluationsChart)
			require.Len(t, chart.Series, 1, "one series, coloured by value")
			assert.Equal(t, chart.Series[0].X, chart.Series[0].Color, "each point's colour is its value")
			assert.Equal(t, measure, chart.ColorAxis.Title)
			assert.Contains(t, chart.X.Title, evalview.Direction(measure))
		})
	}
}

func TestRuns_flowsByShortName(t *testing.T) {
	t.Parallel()
	srv := generated(3000, "predictive_accuracy")
	h := sdktest.Run(t, task.New(), srv.Host())
	got := slots(t, h, runsRequest("predictive_accuracy", 2))
	chart := sdktest.Find[*sdk.Chart](t, got[task.EvaluationsSlot], task.EvaluationsChart)
	flows := sdktest.Find[*sdk.Table](t, got[task.EvaluationsSlot], task.FlowsTable)
	require.Len(t, flows.Rows, 40)
	require.Len(t, chart.Y.Categories, 40)

	flowOf := map[int64]openml.RunEvaluation{}
	for _, e := range srv.Evals {
		flowOf[e.RunID] = e
	}
	labelOf := map[int64]string{}
	seen := map[string]bool{}
	for i, r := range flows.Rows {
		link := r.Cells[1]
		require.Equal(t, sdk.CellLink, link.Type)
		require.Equal(t, sdk.KindFlow, link.Link.Kind)
		require.Equal(t, taskRef.Server, link.Link.Server)
		require.False(t, seen[link.Text], "two flows labelled %q", link.Text)
		seen[link.Text] = true
		labelOf[link.Link.ID] = link.Text
		require.Equal(t, link.Text, chart.Y.Categories[len(flows.Rows)-1-i], "the best flow at the top of the axis")
		require.NotContains(t, link.Text, "sklearn.")
		require.True(t, strings.HasPrefix(r.Cells[5].Text, "sklearn."), "the full name stays in the table")
	}
	assert.Equal(t, "Pipeline(SimpleImputer,RandomForestClassifier) (flow 5000)", labelOf[5000])
	assert.Equal(t, "DecisionTreeClassifier", labelOf[5033])
	for _, s := range chart.Series {
		for i, l := range s.Links {
			e := flowOf[l.ID]
			require.Equal(t, e.Value, s.X[i])
			require.Equal(t, labelOf[e.FlowID], chart.Y.Categories[int(s.Y[i])], "run %d sits on its flow", l.ID)
			require.Contains(t, s.Labels[i], fmt.Sprintf("run %d: ", l.ID))
		}
	}
}

func TestRuns_timeChartByUploader(t *testing.T) {
	t.Parallel()
	srv := generated(1500, "predictive_accuracy")
	h := sdktest.Run(t, task.New(), srv.Host())
	got := slots(t, h, runsRequest("predictive_accuracy", 1))
	chart := sdktest.Find[*sdk.Chart](t, got[task.PeopleSlot], task.TimeChart)
	require.Len(t, chart.Series, task.TopUploaders+1)
	assert.True(t, chart.Legend)
	assert.Equal(t, "Upload date", chart.X.Title)
	assert.True(t, chart.X.Time, "a time axis: the host ticks it with dates")
	assert.Equal(t, "predictive_accuracy", chart.Y.Title)
	counts := map[int64]int{}
	for _, e := range srv.Evals {
		counts[e.Uploader]++
	}
	total := 0
	for i, s := range chart.Series {
		total += len(s.X)
		for _, x := range s.X {
			when := time.Unix(int64(x), 0).UTC()
			require.True(t, when.Year() >= 2014 && when.Year() < 2025, "uploaded %s", when)
		}
		if i > 0 && i < task.TopUploaders {
			require.LessOrEqual(t, len(s.X), len(chart.Series[i-1].X), "the busiest uploaders first")
		}
	}
	assert.Equal(t, 1500, total)
	others := chart.Series[task.TopUploaders]
	assert.Equal(t, fmt.Sprintf("%d others (%d)", len(counts)-task.TopUploaders, len(others.X)), others.Name)
	assert.Regexp(t, `^Person \d+ \(\d+\)$`, chart.Series[0].Name, "named from user/list")
	require.Len(t, srv.PathsWith("user/list/user_id/"), 1)

	// Dates read "2016-02-02 12:01", to the minute, in the points' labels
	// and in the leaderboard.
	assert.Regexp(t, `, \d{4}-\d{2}-\d{2} \d{2}:\d{2}\)$`, chart.Series[0].Labels[0])
	for _, r := range sdktest.Find[*sdk.Table](t, got[task.PeopleSlot], task.LeaderboardTable).Rows {
		require.Regexp(t, `^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$`, r.Cells[4].Text)
	}
}

func TestRuns_notices(t *testing.T) {
	t.Parallel()
	down := &sdk.FetchError{Code: sdk.FetchUnavailable, Message: "server unreachable"}
	page := func(offset int) string {
		p, _ := openml.EvaluationQuery{Function: "predictive_accuracy", Tasks: []int64{5}, Limit: 1000, Offset: offset, SortOrder: "desc"}.Path()
		return p
	}

	// The error is said once, with its action, on the Evaluations tab,
	// which has the measure select and the button; the other tabs point
	// there in one line and offer no action they lack the controls for.
	t.Run("first page fails", func(t *testing.T) {
		t.Parallel()
		srv := generated(1500, "predictive_accuracy")
		srv.Fail = map[string]error{page(0): down}
		got := slots(t, sdktest.Run(t, task.New(), srv.Host()), runsRequest("predictive_accuracy", 0))
		ns := sdktest.All[*sdk.Notice](got[task.EvaluationsSlot])
		require.Len(t, ns, 1)
		assert.Equal(t, sdk.Error, ns[0].Level)
		assert.Equal(t, "The runs of task 5 could not be loaded", ns[0].Summary)
		assert.Contains(t, ns[0].Detail, "server unreachable")
		assert.Contains(t, ns[0].Detail, "Click the button or choose another measure to try again.")
		for _, slot := range []string{task.CountSlot, task.PeopleSlot} {
			ns := sdktest.All[*sdk.Notice](got[slot])
			require.Len(t, ns, 1, slot)
			assert.Equal(t, "The runs of task 5 could not be loaded: see the Evaluations tab.", ns[0].Summary, slot)
			assert.Empty(t, ns[0].Detail, "%s: the error and its action are the Evaluations tab's", slot)
		}
		for slot, cs := range got {
			assert.Empty(t, sdktest.All[*sdk.Chart](cs), slot)
		}
	})
	t.Run("a later page fails", func(t *testing.T) {
		t.Parallel()
		srv := generated(2500, "predictive_accuracy")
		srv.Fail = map[string]error{page(1000): down}
		got := slots(t, sdktest.Run(t, task.New(), srv.Host()), runsRequest("predictive_accuracy", 1))
		ns := sdktest.All[*sdk.Notice](got[task.EvaluationsSlot])
		require.Len(t, ns, 1)
		assert.Equal(t, sdk.Warning, ns[0].Level)
		assert.Equal(t, "The next 1000 runs could not be loaded", ns[0].Summary)
		assert.Contains(t, ns[0].Detail, "server unreachable")
		assert.Empty(t, sdktest.All[*sdk.Notice](got[task.PeopleSlot]), "said once, where the button is")
		assert.Len(t, runLinks(t, sdktest.Find[*sdk.Chart](t, got[task.EvaluationsSlot], task.EvaluationsChart)), 1000, "the first page stays")
		assert.Contains(t, text(got[task.EvaluationsSlot]), "1000 of at least 1000 runs loaded, the best by predictive_accuracy first; load the next 1000 with the button.")
		assert.Contains(t, text(got[task.PeopleSlot]), "load the next 1000 on the Evaluations tab.", "the People tab has no button")
	})
	t.Run("no runs", func(t *testing.T) {
		t.Parallel()
		srv := generated(1500, "area_under_roc_curve")
		got := slots(t, sdktest.Run(t, task.New(), srv.Host()), runsRequest("predictive_accuracy", 0))
		for slot, cs := range got {
			ns := sdktest.All[*sdk.Notice](cs)
			require.Len(t, ns, 1, slot)
			assert.Equal(t, sdk.Info, ns[0].Level)
			if slot == task.EvaluationsSlot {
				assert.Equal(t, "No runs of this task use predictive_accuracy yet", ns[0].Summary)
				assert.Equal(t, "Choose another measure, or come back once runs are uploaded.", ns[0].Detail)
				continue
			}
			assert.Equal(t, "No runs of this task use predictive_accuracy yet: see the Evaluations tab.", ns[0].Summary, slot)
			assert.Empty(t, ns[0].Detail, slot)
		}
	})
	t.Run("values per class only", func(t *testing.T) {
		t.Parallel()
		srv := generated(30, "f_measure")
		for i := range srv.Evals {
			srv.Evals[i].HasValue, srv.Evals[i].ArrayData = false, "[0.5,0.7]"
		}
		got := slots(t, sdktest.Run(t, task.New(), srv.Host()), runsRequest("f_measure", 0))
		ns := sdktest.All[*sdk.Notice](got[task.EvaluationsSlot])
		require.Len(t, ns, 1)
		assert.Equal(t, "No run of this task has a single f_measure value", ns[0].Summary)
		assert.Contains(t, ns[0].Detail, "30 runs")
	})
	t.Run("some values per class only", func(t *testing.T) {
		t.Parallel()
		srv := generated(30, "f_measure")
		for i := range srv.Evals[:4] {
			srv.Evals[i].HasValue = false
		}
		got := slots(t, sdktest.Run(t, task.New(), srv.Host()), runsRequest("f_measure", 0))
		ns := sdktest.All[*sdk.Notice](got[task.EvaluationsSlot])
		require.Len(t, ns, 1)
		assert.Equal(t, "4 runs are not drawn", ns[0].Summary)
		assert.Len(t, runLinks(t, sdktest.Find[*sdk.Chart](t, got[task.EvaluationsSlot], task.EvaluationsChart)), 26)
		assert.Contains(t, text(got[task.EvaluationsSlot]), "30 runs, all loaded.")
	})
	t.Run("uploader names fail", func(t *testing.T) {
		t.Parallel()
		srv := generated(20, "predictive_accuracy")
		srv.Users = nil
		srv.Answers = map[string][]byte{}
		host := srv.Host()
		var failed []string
		base := host.FetchFunc
		host.FetchFunc = func(ctx2 context.Context, req sdk.FetchRequest) (*sdk.FetchResponse, error) {
			if strings.HasPrefix(req.Path, "user/list/") {
				failed = append(failed, req.Path)
				return nil, down
			}
			return base(ctx2, req)
		}
		got := slots(t, sdktest.Run(t, task.New(), host), runsRequest("predictive_accuracy", 0))
		board := sdktest.Find[*sdk.Table](t, got[task.PeopleSlot], task.LeaderboardTable)
		assert.Regexp(t, `^user \d+$`, board.Rows[0].Cells[1].Text)
		assert.Contains(t, text(got[task.PeopleSlot]), "Their names could not be loaded")
		assert.NotEmpty(t, failed)
		assert.Empty(t, sdktest.All[*sdk.Notice](got[task.PeopleSlot]))
	})
	t.Run("no measure", func(t *testing.T) {
		t.Parallel()
		srv := generated(20, "predictive_accuracy")
		got := slots(t, sdktest.Run(t, task.New(), srv.Host()), runsRequest("", 0))
		assert.Equal(t, "Choose a measure", sdktest.All[*sdk.Notice](got[task.EvaluationsSlot])[0].Summary)
		assert.Empty(t, srv.PathsWith("evaluation/list/"))
	})
}

func TestResetPages(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, task.New(), sdktest.Answers(nil))
	p, err := h.Callback(&sdk.CallbackRequest{
		Ref: taskRef, ID: task.ResetCallback,
		Inputs:    []sdk.Arg{{Ref: sdk.Input(task.MetricSelect, sdk.PropValue), Value: sdk.StrValue("kappa")}},
		Triggered: []sdk.PropRef{sdk.Input(task.MetricSelect, sdk.PropValue)},
	})
	require.NoError(t, err)
	require.Len(t, p.Outputs, 1)
	assert.Equal(t, sdk.Output(task.MoreButton, sdk.PropNClicks), p.Outputs[0].Ref)
	assert.Equal(t, int64(0), p.Outputs[0].Value.Int())
}
