package overview_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/plugins/overview"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

var runCharts = []string{overview.RunTypesChart, overview.RunYearsChart}

// wantRunTypes counts runs by the name of their task type.
func wantRunTypes(rs []fakeRun) map[string]int {
	out := map[string]int{}
	for _, r := range rs {
		name := typeNames[r.TypeID]
		if r.TypeID == 0 {
			name = "unknown task type"
		}
		out[name]++
	}
	return out
}

// TestRuns_countChoice: the radio chooses how many runs to load, 10,000
// a page; a listing that ends before the count is all loaded.
func TestRuns_countChoice(t *testing.T) {
	t.Parallel()
	srv := &server{Runs: makeRuns(10_500, 11), Answers: map[string][]byte{"tasktype/list": taskTypesXML()}}
	host := srv.Host()
	h := sdktest.Run(t, overview.New(), host)

	page, err := h.Layout(overviewRef(www, sdk.KindRunOverview))
	require.NoError(t, err)
	radio := sdktest.Find[*sdk.Radio](t, page.Tabs[0].Children, overview.RunCountRadio)
	assert.Equal(t, []sdk.Option{{Label: "10K runs", Value: "10000"}, {Label: "100K runs", Value: "100000"}, {Label: "500K runs", Value: "500000"}}, radio.Options)
	assert.Equal(t, "10000", radio.Value)

	out := load(t, h, runIDs, www, "10000")
	assert.Equal(t, []string{"run/list/limit/10000/offset/0"}, srv.Paths("run/list"))
	assert.Contains(t, texts(out), "**10,000** runs loaded from www.openml.org: the first it lists")
	assert.Contains(t, texts(out), "Choose more above to load more.")
	assert.Equal(t, wantRunTypes(srv.Runs[:10_000]), counts(t, sdktest.Find[*sdk.Chart](t, out, overview.RunTypesChart)))
	assert.Contains(t, host.Progresses, "Loading runs 0/10000")
	assert.Equal(t, "Loading runs 1/1", host.Progresses[len(host.Progresses)-1])

	out = load(t, h, runIDs, www, "100000")
	assert.Equal(t, []string{"run/list/limit/10000/offset/0", "run/list/limit/10000/offset/0", "run/list/limit/10000/offset/10000"},
		srv.Paths("run/list"), "a new count loads its own listing; the host's cache answers the pages asked before")
	assert.Contains(t, texts(out), "**10,500** runs on www.openml.org, all loaded.")
	assert.Contains(t, host.Progresses, "Loading runs 10000/100000")
	assert.Equal(t, wantRunTypes(srv.Runs), counts(t, sdktest.Find[*sdk.Chart](t, out, overview.RunTypesChart)))

	years, undated := map[string]int{}, 0
	for _, r := range srv.Runs {
		if r.Year > 0 {
			years[fmt.Sprint(r.Year)]++
		} else {
			undated++
		}
	}
	yc := sdktest.Find[*sdk.Chart](t, out, overview.RunYearsChart)
	assert.Equal(t, years, counts(t, yc))
	assert.True(t, slices.IsSorted(yc.X.Categories), "years in order")
	assert.Contains(t, yc.Title, fmt.Sprintf("(%d runs without an upload date left out)", undated))

	tasks, flows := map[int64]int{}, map[int64]int{}
	for _, r := range srv.Runs {
		tasks[r.Task]++
		flows[r.Flow]++
	}
	for id, want := range map[string]map[int64]int{overview.RunTasksChart: tasks, overview.RunFlowsChart: flows} {
		c := sdktest.Find[*sdk.Chart](t, out, id)
		s := c.Series[0]
		require.Len(t, s.Links, overview.TopBars)
		for i, l := range s.Links {
			assert.Equal(t, www, l.Server)
			assert.Equal(t, float64(want[l.ID]), s.Y[i], "%s %d", id, l.ID)
			assert.Equal(t, fmt.Sprintf("%s %d", l.Kind, l.ID), c.X.Categories[i])
		}
		assert.Equal(t, sdk.KindTask, sdktest.Find[*sdk.Chart](t, out, overview.RunTasksChart).Series[0].Links[0].Kind)
		assert.Equal(t, sdk.KindFlow, sdktest.Find[*sdk.Chart](t, out, overview.RunFlowsChart).Series[0].Links[0].Kind)
	}

	tb := table(t, out)
	require.Len(t, tb.Rows, overview.TableRows)
	last := srv.Runs[len(srv.Runs)-1]
	assert.Equal(t, sdk.EntityRef{Server: www, Kind: sdk.KindRun, ID: last.ID}, column(t, tb, "id")[0].Link)
	assert.Equal(t, sdk.EntityRef{Server: www, Kind: sdk.KindTask, ID: last.Task}, column(t, tb, "task")[0].Link)
	assert.Equal(t, sdk.EntityRef{Server: www, Kind: sdk.KindFlow, ID: last.Flow}, column(t, tb, "flow")[0].Link)

	out = load(t, h, runIDs, www, "500000")
	assert.Len(t, srv.Paths("run/list"), 5, "500K asks for the pages again, until the short one")
	assert.Contains(t, texts(out), "**10,500** runs on www.openml.org, all loaded.")

	// A click on a slice lists its runs, from the count chosen.
	pie := sdktest.Find[*sdk.Chart](t, out, overview.RunTypesChart)
	at := slices.Index(pie.X.Categories, "Clustering")
	got := click(t, h, runIDs, www, "500000", runCharts, overview.RunTypesChart, int64(at), 0)
	require.NotNil(t, got)
	assert.Contains(t, texts(got), fmt.Sprintf("Runs on tasks of type Clustering: %s runs.", thousands(wantRunTypes(srv.Runs)["Clustering"])))
	for _, c := range column(t, table(t, got), "type") {
		assert.Equal(t, "Clustering", c.Text)
	}
}

// TestRuns_cutOff: the server stops answering after the first page of a
// 100K load; the page says how many runs it shows.
func TestRuns_cutOff(t *testing.T) {
	t.Parallel()
	srv := &server{Runs: makeRuns(15_000, 12), FailFrom: map[string]int{"run": 10_000}}
	h := sdktest.Run(t, overview.New(), srv.Host())
	out := load(t, h, runIDs, www, "100000")
	ns := notices(out)
	require.Len(t, ns, 1)
	assert.Equal(t, "Only 10,000 runs could be loaded", ns[0].Summary)
	assert.Contains(t, ns[0].Detail, "entries 10,001 to 20,000")
	assert.Equal(t, wantRunTypes(srv.Runs[:10_000]), counts(t, sdktest.Find[*sdk.Chart](t, out, overview.RunTypesChart)))
}
