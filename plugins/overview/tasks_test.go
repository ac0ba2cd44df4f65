package overview_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/plugins/overview"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

var taskCharts = []string{overview.TaskTypesChart, overview.TaskProceduresChart}

func taskServer(n int) *server {
	return &server{Tasks: makeTasks(n, 7), Answers: map[string][]byte{
		"estimationprocedure/list": proceduresXML(),
		"tasktype/list":            taskTypesXML(),
	}}
}

// wantProcedure is the name the overview gives a task's procedure.
func wantProcedure(t fakeTask) string {
	switch {
	case t.Procedure == 0:
		return "none given"
	case procedures[t.Procedure] == "":
		return fmt.Sprintf("estimation procedure %d", t.Procedure)
	}
	return procedures[t.Procedure]
}

// TestTasks_typesAndProcedures loads 2,600 tasks a thousand a page:
// the pie counts them by type, the bars by estimation procedure (by
// name, so two procedures of one name share a bar), and the datasets
// with the most tasks are bars that open them.
func TestTasks_typesAndProcedures(t *testing.T) {
	t.Parallel()
	srv := taskServer(2600)
	h := sdktest.Run(t, overview.NewWith(overview.Options{PageSize: 1000}), srv.Host())

	page, err := h.Layout(overviewRef(www, sdk.KindTaskOverview))
	require.NoError(t, err)
	sel := sdktest.Find[*sdk.Select](t, page.Tabs[0].Children, overview.TaskTypeSelect)
	assert.Equal(t, []sdk.Option{{Label: "All task types", Value: "all"}, {Label: "Supervised Classification", Value: "1"},
		{Label: "Supervised Regression", Value: "2"}, {Label: "Learning Curve", Value: "3"}, {Label: "Clustering", Value: "5"}}, sel.Options,
		"the server's task types")

	out := load(t, h, taskIDs, www, "all")
	assert.Equal(t, []string{"task/list/limit/1000/offset/0", "task/list/limit/1000/offset/1000", "task/list/limit/1000/offset/2000"}, srv.Paths("task/list"))
	assert.Empty(t, notices(out))
	assert.Contains(t, texts(out), "**2,600** active tasks on www.openml.org, all loaded.")

	types, procs, datasets := map[string]int{}, map[string]int{}, map[int64]int{}
	for _, tk := range srv.Tasks {
		types[typeNames[tk.TypeID]]++
		procs[wantProcedure(tk)]++
		datasets[tk.DataID]++
	}
	assert.Equal(t, types, counts(t, sdktest.Find[*sdk.Chart](t, out, overview.TaskTypesChart)))
	bars := sdktest.Find[*sdk.Chart](t, out, overview.TaskProceduresChart)
	assert.Equal(t, procs, counts(t, bars))
	assert.True(t, bars.Horizontal)
	for i := 1; i < len(bars.Series[0].Y); i++ {
		assert.GreaterOrEqual(t, bars.Series[0].Y[i-1], bars.Series[0].Y[i], "the most used procedure first")
	}

	top := sdktest.Find[*sdk.Chart](t, out, overview.TaskDatasetsChart)
	s := top.Series[0]
	require.Len(t, s.Y, overview.TopBars)
	require.Len(t, s.Links, overview.TopBars)
	for i, l := range s.Links {
		assert.Equal(t, sdk.EntityRef{Server: www, Kind: sdk.KindData, ID: l.ID}, l)
		assert.Equal(t, float64(datasets[l.ID]), s.Y[i], "dataset %d", l.ID)
		if i > 0 {
			assert.GreaterOrEqual(t, s.Y[i-1], s.Y[i])
		}
	}
	best := 0
	for _, n := range datasets {
		best = max(best, n)
	}
	assert.Equal(t, float64(best), s.Y[0])

	tb := table(t, out)
	require.Len(t, tb.Rows, 1000)
	last := srv.Tasks[len(srv.Tasks)-1]
	assert.Equal(t, sdk.LinkCell(fmt.Sprint(last.ID), sdk.EntityRef{Server: www, Kind: sdk.KindTask, ID: last.ID}), column(t, tb, "id")[0])
	assert.Equal(t, sdk.LinkCell(fmt.Sprintf("%s (%d)", last.DataName, last.DataID), sdk.EntityRef{Server: www, Kind: sdk.KindData, ID: last.DataID}), column(t, tb, "dataset")[0])
	assert.Equal(t, wantProcedure(last), column(t, tb, "procedure")[0].Text)

	// A bar of the procedures lists its tasks.
	at := -1
	for i, c := range bars.X.Categories {
		if c == "10-fold Crossvalidation" {
			at = i
		}
	}
	require.GreaterOrEqual(t, at, 0)
	got := click(t, h, taskIDs, www, "all", taskCharts, overview.TaskProceduresChart, int64(at), 0)
	require.NotNil(t, got)
	assert.Contains(t, texts(got), fmt.Sprintf("Tasks evaluated by 10-fold Crossvalidation: %s tasks.", thousands(procs["10-fold Crossvalidation"])))
	assert.Len(t, table(t, got).Rows, procs["10-fold Crossvalidation"])
}

// TestTasks_typeChosen asks the server for one type's listing.
func TestTasks_typeChosen(t *testing.T) {
	t.Parallel()
	srv := taskServer(2600)
	h := sdktest.Run(t, overview.NewWith(overview.Options{PageSize: 1000}), srv.Host())
	out := load(t, h, taskIDs, www, "3")
	n := 0
	for _, tk := range srv.Tasks {
		if tk.TypeID == 3 {
			n++
		}
	}
	assert.Equal(t, []string{"task/list/type/3/limit/1000/offset/0"}, srv.Paths("task/list"))
	assert.Contains(t, texts(out), fmt.Sprintf("**%d** active tasks of type Learning Curve on www.openml.org, all loaded.", n))
	assert.Equal(t, map[string]int{"Learning Curve": n}, counts(t, sdktest.Find[*sdk.Chart](t, out, overview.TaskTypesChart)))
}

// TestTasks_procedureNamesMissing: without the server's procedure names,
// the procedures are shown by id, with a note saying why.
func TestTasks_procedureNamesMissing(t *testing.T) {
	t.Parallel()
	srv := &server{Tasks: makeTasks(300, 8)}
	h := sdktest.Run(t, overview.New(), srv.Host())
	page, err := h.Layout(overviewRef(www, sdk.KindTaskOverview))
	require.NoError(t, err)
	sel := sdktest.Find[*sdk.Select](t, page.Tabs[0].Children, overview.TaskTypeSelect)
	assert.Len(t, sel.Options, 10, "every task type OpenML has, when the server cannot be asked")

	out := load(t, h, taskIDs, www, "all")
	ns := notices(out)
	require.Len(t, ns, 1)
	assert.Equal(t, sdk.Info, ns[0].Level)
	assert.Equal(t, "The estimation procedures are shown by id", ns[0].Summary)
	assert.Contains(t, ns[0].Detail, "estimationprocedure/list")
	procs := counts(t, sdktest.Find[*sdk.Chart](t, out, overview.TaskProceduresChart))
	assert.Contains(t, procs, "estimation procedure 1")
}
