package suite_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/internal/recordings"
	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/plugins/study"
	"github.com/openml-dash/openml-dash/plugins/study/suite"
	"github.com/openml-dash/openml-dash/plugins/study/suite/suitetest"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

// fields reads the suite's field table.
func fields(t *testing.T, p *sdk.Page) map[string]string {
	t.Helper()
	tb := sdktest.Find[*sdk.Table](t, tab(t, p, "suite-overview"), suite.FieldsTable)
	out := map[string]string{}
	for _, r := range tb.Rows {
		out[r.Cells[0].Text] = r.Cells[1].Text
	}
	return out
}

// TestLayout_recorded146: the test server's suite 146 lists tasks 4, 5
// and 6, which are not recorded: each keeps its row with the reason, a
// Notice counts them, and the suite's one dataset (anneal) is still drawn.
func TestLayout_recorded146(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, study.New(), sdktest.Recorded(recordings.Require(t, "test")))
	ref := sdk.EntityRef{Server: server, Kind: sdk.KindStudy, ID: 146}
	page, err := h.Layout(ref)
	require.NoError(t, err)
	assert.Equal(t, "Benchmark suite 146: unit tested benchmark suite", page.Title)
	assert.Equal(t, []string{"Overview", "Datasets", "Flows"}, []string{page.Tabs[0].Title, page.Tabs[1].Title, page.Tabs[2].Title})

	overview := tab(t, page, "suite-overview")
	ns := notices(overview)
	require.Len(t, ns, 1)
	assert.Equal(t, sdk.Warning, ns[0].Level)
	assert.Equal(t, "3 of 3 tasks could not be loaded", ns[0].Summary)
	assert.Contains(t, ns[0].Detail, "Task 4: sdktest: not recorded: ")
	tasks := sdktest.Find[*sdk.Table](t, overview, suite.TasksTable)
	require.Len(t, tasks.Rows, 3, "every task listed")
	for i, id := range []int64{4, 5, 6} {
		cells := tasks.Rows[i].Cells
		assert.Equal(t, sdk.LinkCell(fmt.Sprint(id), sdk.EntityRef{Server: server, Kind: sdk.KindTask, ID: id}), cells[0])
		assert.True(t, strings.HasPrefix(cells[1].Text, "could not be loaded: sdktest: not recorded: "), cells[1].Text)
		assert.Positive(t, cells[1].StyleLevel, "flagged")
		for _, c := range cells[2:] {
			assert.True(t, c.Missing)
		}
	}
	f := fields(t, page)
	assert.Equal(t, "146", f["ID"])
	assert.Equal(t, "deactivated", f["Status"])
	assert.Equal(t, "2026-02-19 17:27", f["Created"])
	assert.Equal(t, "Robert Jones", f["Creator"], "named from the recorded user list")
	assert.Equal(t, "3 (3 could not be loaded)", f["Number of tasks"])
	assert.Equal(t, "1", f["Number of datasets"])
	assert.Equal(t, "https://test.openml.org/s/146", f["OpenML page"])

	// The suite lists dataset 1 itself: its own qualities are drawn.
	cs := scatter(t, h, ref, "NumberOfInstances", suite.Linear, "NumberOfFeatures", suite.Linear)
	chart := sdktest.Find[*sdk.Chart](t, cs, suite.ScatterChart)
	require.Len(t, chart.Series, 1)
	assert.Equal(t, []float64{898}, chart.Series[0].X)
	assert.Equal(t, []float64{39}, chart.Series[0].Y)
	assert.Equal(t, []sdk.EntityRef{{Server: server, Kind: sdk.KindData, ID: 1}}, chart.Series[0].Links)
	assert.Contains(t, chart.Series[0].Labels[0], "anneal (dataset 1)")

	// No evaluation listing is recorded: the Flows tab says so.
	flows := rank(t, h, ref, "predictive_accuracy", "10", 0)
	ns = notices(flows)
	require.Len(t, ns, 1)
	assert.Equal(t, sdk.Error, ns[0].Level)
	assert.Equal(t, "The runs of the suite's tasks could not be loaded", ns[0].Summary)
	assert.Contains(t, ns[0].Detail, "task 4: sdktest: not recorded: ")
	assert.Contains(t, ns[0].Detail, "evaluation/list/function/predictive_accuracy/limit/1000/offset/0/task/4/sort_order/desc")
	assert.Contains(t, ns[0].Detail, "task 6: ")
}

// TestLayout_generated: every task is listed with its dataset and that
// dataset's qualities; tasks the server does not know or answers with an
// error keep their row, flagged, and a Notice counts them.
func TestLayout_generated(t *testing.T) {
	t.Parallel()
	s := suitetest.New(suitetest.Spec{Tasks: 30, Flows: 8, Seed: 1, Unknown: []int64{3001}, Broken: []int64{3002}})
	_, srv, page := open(t, s)
	assert.Equal(t, "Benchmark suite 99: Generated benchmark suite (GEN-99)", page.Title)
	overview := tab(t, page, "suite-overview")
	assert.Equal(t, "Benchmark suite 99: Generated benchmark suite (GEN-99)", sdktest.All[*sdk.Heading](overview)[0].Text)
	assert.Contains(t, texts(overview), "A suite of **32 tasks** made for tests.", "the description, as markdown")

	ns := notices(overview)
	require.Len(t, ns, 1)
	assert.Equal(t, "2 of 32 tasks could not be loaded", ns[0].Summary)
	assert.Contains(t, ns[0].Detail, "Task 3001: evalviewtest: no answer for task/3001.")
	assert.Contains(t, ns[0].Detail, "Task 3002: OpenML answered with error 151: Unknown task.")

	f := fields(t, page)
	assert.Equal(t, "GEN-99", f["Alias"])
	assert.Equal(t, "active", f["Status"])
	assert.Equal(t, "Suite Maker", f["Creator"])
	assert.Equal(t, "32 (2 could not be loaded)", f["Number of tasks"])
	assert.Equal(t, "30", f["Number of datasets"])

	tasks := sdktest.Find[*sdk.Table](t, overview, suite.TasksTable)
	require.Len(t, tasks.Rows, 32)
	ids := column(t, tasks, "task")
	for i, want := range s.TaskIDs() {
		assert.Equal(t, fmt.Sprint(want), ids[i].Text)
		assert.Equal(t, sdk.EntityRef{Server: server, Kind: sdk.KindTask, ID: want}, ids[i].Link)
	}
	types, data := column(t, tasks, "type"), column(t, tasks, "dataset")
	target, est := column(t, tasks, "target"), column(t, tasks, "estimation")
	for i, task := range s.Tasks {
		assert.Equal(t, "Supervised Classification", types[i].Text)
		assert.Equal(t, sdk.LinkCell(task.DataName, sdk.EntityRef{Server: server, Kind: sdk.KindData, ID: task.DataID}), data[i])
		assert.Equal(t, "class", target[i].Text)
		assert.Equal(t, "10-fold Crossvalidation", est[i].Text, "named from the server's list")
		for _, q := range []string{"NumberOfInstances", "NumberOfFeatures", "NumberOfClasses", "NumberOfMissingValues"} {
			assert.Equal(t, sdk.NumberCell(task.Qualities[q]), column(t, tasks, q)[i], "task %d %s: its own dataset's", task.ID, q)
		}
	}
	assert.Equal(t, "could not be loaded: evalviewtest: no answer for task/3001", types[30].Text)
	assert.Equal(t, "could not be loaded: OpenML answered with error 151: Unknown task", types[31].Text)
	assert.True(t, data[31].Missing)

	// Each task and dataset is read once, and no run before the callback.
	assert.Len(t, srv.PathsWith("task/"), 32)
	assert.Len(t, srv.PathsWith("data/qualities/"), 30)
	assert.Empty(t, srv.PathsWith("evaluation/list"))

	measure := sdktest.Find[*sdk.Select](t, tab(t, page, "suite-flows"), suite.MeasureSelect)
	assert.Equal(t, []string{"predictive_accuracy"}, measure.Values)
	assert.Equal(t, sdk.Options("area_under_roc_curve", "predictive_accuracy", "root_mean_squared_error"), measure.Options, "the server's measures")
	count := sdktest.Find[*sdk.Select](t, tab(t, page, "suite-flows"), suite.CountSelect)
	assert.Equal(t, []string{"10"}, count.Values)
}

// TestLayout_idsArePrefixed: the run-study page shares the plugin's
// callbacks, so every id the suite page declares starts with "suite-".
func TestLayout_idsArePrefixed(t *testing.T) {
	t.Parallel()
	_, _, page := open(t, suitetest.New(suitetest.Spec{Tasks: 3, Flows: 3}))
	for _, tb := range page.Tabs {
		assert.True(t, strings.HasPrefix(tb.ID, "suite-"), tb.ID)
		sdk.Walk(tb.Children, func(c sdk.Component) bool {
			if id := c.ComponentID(); id != "" {
				assert.True(t, strings.HasPrefix(id, "suite-"), id)
			}
			return true
		})
	}
	require.Len(t, page.Callbacks, 4)
	for _, cb := range page.Callbacks {
		assert.True(t, strings.HasPrefix(cb.ID, "suite-"), cb.ID)
	}
}

// TestLayout_regressionSuite: a suite of regression tasks is ranked by
// the root mean squared error at first.
func TestLayout_regressionSuite(t *testing.T) {
	t.Parallel()
	_, _, page := open(t, suitetest.New(suitetest.Spec{Tasks: 4, Flows: 3, TypeID: 2}))
	measure := sdktest.Find[*sdk.Select](t, tab(t, page, "suite-flows"), suite.MeasureSelect)
	assert.Equal(t, []string{"root_mean_squared_error"}, measure.Values)
	assert.True(t, evalview.LowerIsBetter(measure.Values[0]))
}

// TestLayout_emptySuite: a suite without tasks says so on every tab and
// declares no callbacks.
func TestLayout_emptySuite(t *testing.T) {
	t.Parallel()
	_, srv, page := open(t, suitetest.New(suitetest.Spec{}))
	assert.Empty(t, page.Callbacks)
	want := map[string]string{
		"suite-overview": "This suite lists no tasks",
		"suite-datasets": "This suite has no datasets to show",
		"suite-flows":    "There are no flows to compare",
	}
	for id, summary := range want {
		ns := notices(tab(t, page, id))
		require.Len(t, ns, 1, id)
		assert.Equal(t, summary, ns[0].Summary, id)
	}
	assert.Equal(t, "0", fields(t, page)["Number of tasks"])
	assert.Equal(t, []string{"study/99", "user/list/user_id/1"}, srv.Paths(), "the suite and its creator's name, nothing else")
}

// TestLayout_tasksGone: a suite whose tasks no longer exist lists them
// all, flagged; with no dataset to draw and no run to rank, each tab
// says so.
func TestLayout_tasksGone(t *testing.T) {
	t.Parallel()
	s := suitetest.New(suitetest.Spec{Unknown: []int64{11, 12}, Broken: []int64{13}})
	h, _, page := open(t, s)
	overview := tab(t, page, "suite-overview")
	assert.Equal(t, "3 of 3 tasks could not be loaded", notices(overview)[0].Summary)
	assert.Len(t, sdktest.Find[*sdk.Table](t, overview, suite.TasksTable).Rows, 3)
	ns := notices(tab(t, page, "suite-datasets"))
	require.Len(t, ns, 1)
	assert.Equal(t, "This suite has no datasets to show", ns[0].Summary)

	flows := rank(t, h, s.Ref(server), "predictive_accuracy", "10", 0)
	ns = notices(flows)
	require.Len(t, ns, 1)
	assert.Equal(t, sdk.Info, ns[0].Level)
	assert.Equal(t, "No run on the suite's 3 tasks has a predictive_accuracy value", ns[0].Summary)
}

// TestTitle names a suite by its name and alias.
func TestTitle(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		name, alias, want string
	}{
		"alias in name": {"OpenML-CC18 Curated Classification benchmark", "OpenML-CC18", "Benchmark suite 99: OpenML-CC18 Curated Classification benchmark"},
		"alias apart":   {"AutoML Benchmark", "amlb", "Benchmark suite 99: AutoML Benchmark (amlb)"},
		"alias only":    {"", "amlb", "Benchmark suite 99: amlb"},
		"nothing":       {"", "", "Benchmark suite 99"},
	}
	for name, c := range cases {
		assert.Equal(t, c.want, suite.Title(&openml.Study{ID: 99, Name: c.name, Alias: c.alias}), name)
	}
}
