package suite_test

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/plugins/internal/show"
	"github.com/openml-dash/openml-dash/plugins/study"
	"github.com/openml-dash/openml-dash/plugins/study/suite"
	"github.com/openml-dash/openml-dash/plugins/study/suite/suitetest"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

// demsarQ are the critical values q_0.05 of the two-tailed Nemenyi test
// by number of methods, from Demšar (2006), Table 5(a).
var demsarQ = map[int]float64{2: 1.960, 3: 2.343, 4: 2.569, 5: 2.728, 6: 2.850, 7: 2.949, 8: 3.031, 9: 3.102, 10: 3.164}

// expected is the comparison computed here, by hand, from the scores the
// suite was made with.
type expected struct {
	flows          []int // the flows compared, best mean rank first
	meanRank       map[int]float64
	chi2, p, f, fp float64
	cd             float64
	n, k           int
}

// handRanks ranks the flows on the tasks (rows of best) by the formulas
// of Demšar (2006), for scores without ties.
func handRanks(t *testing.T, s *suitetest.Suite, tasks, flows []int, higherBetter bool) expected {
	t.Helper()
	n, k := len(tasks), len(flows)
	e := expected{meanRank: map[int]float64{}, n: n, k: k}
	for _, ti := range tasks {
		order := slices.Clone(flows)
		sort.Slice(order, func(a, b int) bool {
			va, vb := s.Best[ti][order[a]], s.Best[ti][order[b]]
			require.NotEqual(t, va, vb, "the test expects no ties")
			if higherBetter {
				return va > vb
			}
			return va < vb
		})
		for r, f := range order {
			e.meanRank[f] += float64(r+1) / float64(n)
		}
	}
	e.flows = slices.Clone(flows)
	sort.SliceStable(e.flows, func(a, b int) bool { return e.meanRank[e.flows[a]] < e.meanRank[e.flows[b]] })
	nf, kf := float64(n), float64(k)
	sum := 0.0
	for _, f := range flows {
		sum += e.meanRank[f] * e.meanRank[f]
	}
	e.chi2 = 12 * nf / (kf * (kf + 1)) * (sum - kf*(kf+1)*(kf+1)/4)
	e.f = (nf - 1) * e.chi2 / (nf*(kf-1) - e.chi2)
	e.p = distuv.ChiSquared{K: kf - 1}.Survival(e.chi2)
	// P(F > f) straight from the incomplete beta function: distuv.F's
	// 1 - CDF rounds p-values below about 1e-16.
	d1, d2 := kf-1, (kf-1)*(nf-1)
	e.fp = mathext.RegIncBeta(d2/2, d1/2, d2/(d2+d1*e.f))
	e.cd = demsarQ[k] * math.Sqrt(kf*(kf+1)/(6*nf))
	return e
}

func indexes(from, to int) []int {
	var out []int
	for i := from; i < to; i++ {
		out = append(out, i)
	}
	return out
}

// flowLabels are the labels the page gives the suite's flows.
func flowLabels(s *suitetest.Suite) map[int64]string {
	names := map[int64]string{}
	for _, f := range s.Flows {
		names[f.ID] = f.Name
	}
	return evalview.FlowLabels(names)
}

// TestRanking_matchesIndependentStatistics: 30 tasks and 8 flows, flow 6
// without runs on task 0 and flow 7 on tasks 20 to 29. All 8 flows share
// 19 tasks (152 scores), the first 7 share 29 (203), so those are
// compared. The page's mean ranks, Friedman and Iman–Davenport statistics,
// p-values, critical difference, groups and heatmap cells match what the
// formulas give on the generated scores.
func TestRanking_matchesIndependentStatistics(t *testing.T) {
	t.Parallel()
	s := suitetest.New(suitetest.Spec{Tasks: 30, Flows: 8, Seed: 3, NoRun: func(ti, f int) bool {
		return (f == 6 && ti == 0) || (f == 7 && ti >= 20)
	}})
	h, srv, _ := open(t, s)
	cs := rank(t, h, s.Ref(server), "predictive_accuracy", "10", 0)
	require.Empty(t, notices(cs))
	e := handRanks(t, s, indexes(1, 30), indexes(0, 7), true)
	labels := flowLabels(s)

	// Which flows and tasks, and why.
	txt := texts(cs)
	assert.Contains(t, txt, "687 runs with predictive\\_accuracy loaded: 8 flows on 30 of the suite's 30 tasks.")
	assert.Contains(t, txt, "**Compared:** the first 7 of the 8 flows run on the most tasks, on the 29 tasks where each of them has a run")
	assert.Contains(t, txt, fmt.Sprintf("Of the 8 flows run on the most tasks, %s is left out: with all 8, only 19 tasks have a run of every flow; without, 29 do, the most scores (7 flows × 29 tasks).", show.Escape(labels[s.Flows[7].ID])))
	assert.Contains(t, txt, "Left out, for lack of a run of some compared flow: data-a0 (1001).")

	// The ranking table.
	table := sdktest.Find[*sdk.Table](t, cs, suite.RankingTable)
	require.Len(t, table.Rows, 7)
	flowCells, meanRanks := column(t, table, "flow"), column(t, table, "mean_rank")
	tasksRun, meanScores := column(t, table, "tasks"), column(t, table, "mean_score")
	for i, f := range e.flows {
		flow := s.Flows[f]
		assert.Equal(t, sdk.LinkCell(labels[flow.ID], sdk.EntityRef{Server: server, Kind: sdk.KindFlow, ID: flow.ID}), flowCells[i], "place %d", i+1)
		assert.InDelta(t, e.meanRank[f], meanRanks[i].Number, 1e-12)
		cover := 0
		mean := 0.0
		for ti := range s.Tasks {
			if s.Has[ti][f] {
				cover++
			}
			if ti > 0 {
				mean += s.Best[ti][f] / 29
			}
		}
		assert.Equal(t, float64(cover), tasksRun[i].Number)
		assert.InDelta(t, mean, meanScores[i].Number, 1e-12)
	}
	assert.Equal(t, float64(29), tasksRun[slices.Index(e.flows, 6)].Number)

	// The tests, as the page writes them.
	fr := sdktest.Find[*sdk.Text](t, cs, suite.FriedmanText).Markdown
	assert.Contains(t, fr, fmt.Sprintf("over 29 tasks and 7 flows: χ²_F = %s with 6 degrees of freedom, p = %s.", evalview.FormatValue(e.chi2), evalview.FormatValue(e.p)))
	assert.Contains(t, fr, fmt.Sprintf("F = %s with 6 and 168 degrees of freedom, p = %s.", evalview.FormatValue(e.f), evalview.FormatValue(e.fp)))
	require.Less(t, e.fp, 0.05, "the generated flows differ")
	assert.Contains(t, fr, "**Reading:** at the 5% level the flows do not all perform alike")

	// The critical-difference diagram.
	chart := sdktest.Find[*sdk.Chart](t, cs, suite.CDChart)
	assert.Equal(t, sdk.ChartLine, chart.Kind)
	cdLine := series(t, chart, "Critical difference")
	best := e.meanRank[e.flows[0]]
	require.Len(t, cdLine.X, 2)
	assert.InDelta(t, best, cdLine.X[0], 1e-12)
	cd := cdLine.X[1] - cdLine.X[0]
	assert.InDelta(t, e.cd, cd, 1e-3, "Demšar's q is given to 3 decimals")
	assert.Contains(t, sdktest.Find[*sdk.Text](t, cs, suite.CDText).Markdown, "critical difference CD = "+evalview.FormatValue(cd))

	points := series(t, chart, "Flow at its mean rank")
	var xs []float64
	for i, x := range points.X {
		if !math.IsNaN(x) {
			xs = append(xs, x)
			assert.Equal(t, sdk.KindFlow, points.Links[i].Kind)
		}
	}
	require.Len(t, xs, 7)
	for i, f := range e.flows {
		assert.InDelta(t, e.meanRank[f], xs[i], 1e-12)
		assert.Equal(t, fmt.Sprintf("#%d %s", i+1, labels[s.Flows[f].ID]), chart.Y.Categories[len(chart.Y.Categories)-2-i], "one row per flow, best at the top under the CD row")
	}

	// The groups: each bar spans flows within CD of each other, cannot
	// grow on either side, and every pair within CD shares a bar.
	bars := series(t, chart, "No significant difference")
	var spans [][2]int // places, best first
	for i := 0; i+1 < len(bars.X); i++ {
		if math.IsNaN(bars.X[i]) || math.IsNaN(bars.X[i+1]) {
			continue
		}
		lo, hi := bars.X[i], bars.X[i+1]
		first, last := -1, -1
		for p, f := range e.flows {
			if math.Abs(e.meanRank[f]-lo) < 1e-12 && first < 0 {
				first = p
			}
			if math.Abs(e.meanRank[f]-hi) < 1e-12 {
				last = p
			}
		}
		require.True(t, first >= 0 && last > first, "bar %g–%g joins flows", lo, hi)
		spans = append(spans, [2]int{first, last})
		i++
	}
	require.NotEmpty(t, spans)
	rankAt := func(p int) float64 { return e.meanRank[e.flows[p]] }
	for _, sp := range spans {
		assert.LessOrEqual(t, rankAt(sp[1])-rankAt(sp[0]), e.cd+1e-3)
		if sp[1]+1 < len(e.flows) {
			assert.Greater(t, rankAt(sp[1]+1)-rankAt(sp[0]), e.cd-1e-3, "the bar ends where CD does")
		}
		if sp[0] > 0 {
			assert.Greater(t, rankAt(sp[1])-rankAt(sp[0]-1), e.cd-1e-3, "the bar starts where CD does")
		}
	}
	for a := range e.flows {
		for b := a + 1; b < len(e.flows); b++ {
			if rankAt(b)-rankAt(a) > e.cd+1e-3 {
				continue
			}
			shared := slices.ContainsFunc(spans, func(sp [2]int) bool { return sp[0] <= a && b <= sp[1] })
			assert.True(t, shared, "#%d and #%d are within CD", a+1, b+1)
		}
	}
	var names []string
	for _, sp := range spans {
		names = append(names, fmt.Sprintf("#%d–#%d", sp[0]+1, sp[1]+1))
	}
	assert.Contains(t, sdktest.Find[*sdk.Text](t, cs, suite.CDText).Markdown, "(bars in the diagram): "+strings.Join(names, ", ")+".")

	// The heatmap: one row per compared flow by rank, one column per task.
	heat := sdktest.Find[*sdk.Chart](t, cs, suite.HeatmapChart)
	assert.Equal(t, sdk.ChartHeatmap, heat.Kind)
	require.Len(t, heat.X.Categories, 30)
	assert.Equal(t, "data-a0 (1001)", heat.X.Categories[0])
	require.Len(t, heat.Y.Categories, 7)
	cells := heat.Series[0]
	require.Len(t, cells.Z, 7*30)
	for r, f := range e.flows {
		assert.Equal(t, labels[s.Flows[f].ID], heat.Y.Categories[r])
		for c := range s.Tasks {
			z := cells.Z[r*30+c]
			if !s.Has[c][f] {
				assert.True(t, math.IsNaN(z), "flow %d has no run on task %d", f, c)
				assert.Equal(t, sdk.KindTask, cells.Links[r*30+c].Kind)
				continue
			}
			assert.Equal(t, s.Best[c][f], z, "flow %d, task %d", f, c)
			assert.Equal(t, sdk.KindRun, cells.Links[r*30+c].Kind)
		}
	}

	// The flow left out, and the listing asked for.
	left := sdktest.Find[*sdk.Table](t, cs, suite.LeftOutTable)
	require.Len(t, left.Rows, 1)
	assert.Equal(t, labels[s.Flows[7].ID], left.Rows[0].Cells[0].Text)
	assert.Equal(t, float64(20), left.Rows[0].Cells[1].Number)
	assert.Equal(t, "run on too few of the tasks the others share", left.Rows[0].Cells[2].Text)
	var want []string
	for _, id := range s.TaskIDs() {
		want = append(want, fmt.Sprintf("evaluation/list/function/predictive_accuracy/limit/1000/offset/0/task/%d/sort_order/desc", id))
	}
	assert.ElementsMatch(t, want, srv.PathsWith("evaluation/list"), "each task's best runs")
}

// meanRanksByFlow reads the ranking table's mean ranks by flow id.
func meanRanksByFlow(t *testing.T, cs []sdk.Component) map[int64]float64 {
	t.Helper()
	table := sdktest.Find[*sdk.Table](t, cs, suite.RankingTable)
	out := map[int64]float64{}
	for i, c := range column(t, table, "flow") {
		out[c.Link.ID] = column(t, table, "mean_rank")[i].Number
	}
	return out
}

// TestRanking_measureChangeAndDirection: the best runs of each flow have
// the same values under both measures, so the root mean squared error,
// lower better, ranks the flows the other way: mean rank k+1-r.
func TestRanking_measureChangeAndDirection(t *testing.T) {
	t.Parallel()
	s := suitetest.New(suitetest.Spec{Tasks: 12, Flows: 5, Seed: 9, Measures: []string{"predictive_accuracy", "root_mean_squared_error"}})
	h, srv, _ := open(t, s)
	acc := rank(t, h, s.Ref(server), "predictive_accuracy", "10", 0)
	rmse := rank(t, h, s.Ref(server), "root_mean_squared_error", "10", 0)
	a, r := meanRanksByFlow(t, acc), meanRanksByFlow(t, rmse)
	require.Len(t, a, 5)
	require.Len(t, r, 5)
	for id, ra := range a {
		assert.InDelta(t, 6-ra, r[id], 1e-12, "flow %d", id)
	}
	e := handRanks(t, s, indexes(0, 12), indexes(0, 5), false)
	for f, want := range e.meanRank {
		assert.InDelta(t, want, r[s.Flows[f].ID], 1e-12)
	}
	first := column(t, sdktest.Find[*sdk.Table](t, rmse, suite.RankingTable), "flow")[0].Link.ID
	assert.Equal(t, s.Flows[e.flows[0]].ID, first, "the lowest error first")
	assert.Contains(t, sdktest.Find[*sdk.Chart](t, rmse, suite.HeatmapChart).Title, "lower is better")
	paths := srv.PathsWith("evaluation/list/function/root_mean_squared_error")
	require.Len(t, paths, 12)
	for _, p := range paths {
		assert.True(t, strings.HasSuffix(p, "/sort_order/asc"), p)
	}
}

// TestRanking_flowCount: fewer flows asked for, fewer compared: the ones
// run on the most tasks (here all, so the first by id).
func TestRanking_flowCount(t *testing.T) {
	t.Parallel()
	s := suitetest.New(suitetest.Spec{Tasks: 10, Flows: 8, Seed: 4})
	h, _, _ := open(t, s)
	cs := rank(t, h, s.Ref(server), "predictive_accuracy", "5", 0)
	got := meanRanksByFlow(t, cs)
	require.Len(t, got, 5)
	e := handRanks(t, s, indexes(0, 10), indexes(0, 5), true)
	for f, want := range e.meanRank {
		assert.InDelta(t, want, got[s.Flows[f].ID], 1e-12)
	}
	left := sdktest.Find[*sdk.Table](t, cs, suite.LeftOutTable)
	require.Len(t, left.Rows, 3)
	assert.Equal(t, "not among the 5 run on the most tasks", left.Rows[0].Cells[2].Text)
}

// TestRanking_notices: with too few flows or tasks, or no runs, a Notice
// says so instead of the statistics.
func TestRanking_notices(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		spec      suitetest.Spec
		level     sdk.NoticeLevel
		summary   string
		detail    string
		heatmap   bool
		moreShown bool
	}{
		"two flows": {
			spec:    suitetest.Spec{Tasks: 6, Flows: 2},
			level:   sdk.Warning,
			summary: "Too few flows to rank",
			detail:  "Only 2 flows have runs with predictive_accuracy on the suite's tasks; ranking needs at least 3.",
			heatmap: true,
		},
		"no shared tasks": {
			spec:    suitetest.Spec{Tasks: 8, Flows: 4, NoRun: func(ti, f int) bool { return ti%4 != f }},
			level:   sdk.Warning,
			summary: "Too few tasks to rank the flows",
			detail:  "No 3 of the flows run on the most tasks share 2 tasks with a run of each: the 4 first share 0 tasks.",
			heatmap: true,
		},
		"one shared task": {
			spec:    suitetest.Spec{Tasks: 8, Flows: 4, NoRun: func(ti, f int) bool { return ti > 0 && ti%4 != f }},
			level:   sdk.Warning,
			summary: "Too few tasks to rank the flows",
			detail:  "the 4 first share 1 task.",
			heatmap: true,
		},
		"no runs": {
			spec:    suitetest.Spec{Tasks: 5},
			level:   sdk.Info,
			summary: "No run on the suite's 5 tasks has a predictive_accuracy value",
			detail:  "There are no evaluations of this measure for these tasks yet",
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := suitetest.New(c.spec)
			h, _, _ := open(t, s)
			p := patch(t, h, s.Ref(server), suite.FlowsCallback, rankArgs("predictive_accuracy", "10", 0)...)
			var cs []sdk.Component
			for _, o := range p.Outputs {
				if o.Ref.ComponentID == suite.FlowsSlot {
					cs = o.Value.Children()
				}
			}
			ns := notices(cs)
			require.Len(t, ns, 1)
			assert.Equal(t, c.level, ns[0].Level)
			assert.Equal(t, c.summary, ns[0].Summary)
			assert.Contains(t, ns[0].Detail, c.detail)
			for _, tb := range sdktest.All[*sdk.Table](cs) {
				assert.NotEqual(t, suite.RankingTable, tb.ID, "no ranking")
			}
			for _, ch := range sdktest.All[*sdk.Chart](cs) {
				assert.NotEqual(t, suite.CDChart, ch.ID, "no diagram")
			}
			assert.Equal(t, c.heatmap, len(sdktest.All[*sdk.Chart](cs)) == 1, "the scores there are")
		})
	}
}

// TestRanking_listingFails: listings that cannot be read are an Error
// Notice, and the button stays on to try again; when only some fail, a
// Warning names them and the others are compared.
func TestRanking_listingFails(t *testing.T) {
	t.Parallel()
	s := suitetest.New(suitetest.Spec{Tasks: 5, Flows: 4})
	srv := s.Server()
	srv.FailPrefix = map[string]error{"evaluation/list": &sdk.FetchError{Code: sdk.FetchUnavailable, Message: "evaluation/list/…: the server could not be reached"}}
	h := sdktest.Run(t, study.New(), srv.Host())
	p := patch(t, h, s.Ref(server), suite.FlowsCallback, rankArgs("predictive_accuracy", "10", 0)...)
	require.Len(t, p.Outputs, 2)
	ns := notices(p.Outputs[0].Value.Children())
	require.Len(t, ns, 1)
	assert.Equal(t, sdk.Error, ns[0].Level)
	assert.Equal(t, "The runs of the suite's tasks could not be loaded", ns[0].Summary)
	assert.Equal(t, "task 1001: evaluation/list/…: the server could not be reached; task 1002: evaluation/list/…: the server could not be reached; "+
		"task 1003: evaluation/list/…: the server could not be reached; and 2 more. Click the button or choose another measure to try again.", ns[0].Detail)
	assert.Equal(t, sdk.Output(suite.MoreButton, sdk.PropDisabled), p.Outputs[1].Ref)
	assert.False(t, p.Outputs[1].Value.Bool())

	srv.FailPrefix = map[string]error{"evaluation/list/function/predictive_accuracy/limit/1000/offset/0/task/1003/": &sdk.FetchError{Code: sdk.FetchUnavailable, Message: "offline"}}
	p = patch(t, h, s.Ref(server), suite.FlowsCallback, rankArgs("predictive_accuracy", "10", 0)...)
	cs := p.Outputs[0].Value.Children()
	ns = notices(cs)
	require.Len(t, ns, 1)
	assert.Equal(t, sdk.Warning, ns[0].Level)
	assert.Equal(t, "The runs of 1 task could not all be loaded", ns[0].Summary)
	assert.Equal(t, "task 1003: offline. The runs loaded are compared; click the button to try again.", ns[0].Detail)
	assert.Len(t, sdktest.Find[*sdk.Table](t, cs, suite.RankingTable).Rows, 4)
	assert.Contains(t, texts(cs), "4 flows on 4 of the suite's 5 tasks.")
	assert.False(t, p.Outputs[1].Value.Bool(), "the button tries again")
}

// TestRanking_morePages: the best InitialPages pages of each task come
// first; the button loads MorePages more of each, and is disabled once
// every task's listing ends.
func TestRanking_morePages(t *testing.T) {
	t.Parallel()
	s := suitetest.New(suitetest.Spec{Tasks: 3, Flows: 5, RunsPerPair: 250})
	require.Len(t, s.Runs, 3750)
	h, srv, _ := open(t, s)
	p := patch(t, h, s.Ref(server), suite.FlowsCallback, rankArgs("predictive_accuracy", "10", 0)...)
	txt := texts(p.Outputs[0].Value.Children())
	assert.Contains(t, txt, "3000 runs with predictive\\_accuracy loaded, at most the best 1000 of each task (higher is better): 5 flows on 3 of the suite's 3 tasks.")
	assert.Contains(t, txt, "3 tasks have more runs: load the next 1000 of each with the button")
	assert.False(t, p.Outputs[1].Value.Bool(), "more to load")
	assert.Len(t, srv.PathsWith("evaluation/list"), 3)
	e := handRanks(t, s, indexes(0, 3), indexes(0, 5), true)
	for f, want := range e.meanRank {
		assert.InDelta(t, want, meanRanksByFlow(t, p.Outputs[0].Value.Children())[s.Flows[f].ID], 1e-12, "each flow's best run is among its task's best")
	}

	p = patch(t, h, s.Ref(server), suite.FlowsCallback, rankArgs("predictive_accuracy", "10", 1)...)
	assert.Contains(t, texts(p.Outputs[0].Value.Children()), "3750 runs with predictive\\_accuracy loaded: 5 flows")
	assert.True(t, p.Outputs[1].Value.Bool(), "all loaded")

	reset := patch(t, h, s.Ref(server), suite.ResetCallback, arg(suite.MeasureSelect, "area_under_roc_curve"))
	assert.Equal(t, []sdk.OutputValue{{Ref: sdk.Output(suite.MoreButton, sdk.PropNClicks), Value: sdk.IntValue(0)}}, reset.Outputs)
}
