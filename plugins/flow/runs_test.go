package flow_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/internal/recordings"
	"github.com/openml-dash/openml-dash/plugins/flow"
	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/plugins/internal/evalviewtest"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

const (
	forest   = "sklearn.ensemble._forest.RandomForestClassifier"
	pipeline = "sklearn.pipeline.Pipeline(imputer=sklearn.impute._base.SimpleImputer,estimator=" + forest + ")"
)

// tasks are 60 tasks: every third one a regression task, the others
// classification, on 25 datasets of which two are both called "credit".
func tasks() []evalviewtest.Task {
	var out []evalviewtest.Task
	for i := int64(1); i <= 60; i++ {
		typ := 1
		if i%3 == 0 {
			typ = 2
		}
		data := 100 + i%25
		name := fmt.Sprintf("data-%d", data)
		if data == 101 || data == 102 {
			name = "credit"
		}
		out = append(out, evalviewtest.Task{ID: i, TypeID: typ, DataID: data, DataName: name})
	}
	// Tasks of other flows' runs, of a type this flow has no runs on.
	out = append(out, evalviewtest.Task{ID: 900, TypeID: 5, DataID: 5, DataName: "clusters"})
	return out
}

// setups are the setups 2000 to 2048 of flow 20 (2049 is not listed):
// criterion a string, n_estimators a number of many values, max_depth a
// few numbers or null, left out of every seventh setup.
func setups() []openml.Setup {
	var out []openml.Setup
	crit := []string{`"gini"`, `"entropy"`, `"log_loss"`}
	depth := []string{"3", "10", "5", "null"}
	for i := range 49 {
		s := openml.Setup{ID: 2000 + int64(i), FlowID: 20, Parameters: []openml.SetupParameter{
			{ID: 1, FlowID: 20, FlowName: pipeline + "(1)", FullName: pipeline + "(1)_memory", Name: "memory", Value: "null"},
			{ID: 2, FlowID: 20, FlowName: pipeline + "(1)", FullName: pipeline + "(1)_random_state", Name: "random_state", Value: "1"},
			{ID: 3, FlowID: 22, FlowName: forest + "(1)", FullName: forest + "(1)_criterion", Name: "criterion", Value: crit[i%3]},
			{ID: 4, FlowID: 22, FlowName: forest + "(1)", FullName: forest + "(1)_n_estimators", Name: "n_estimators", Value: strconv.Itoa(10 + 10*i)},
			{ID: 5, FlowID: 22, FlowName: forest + "(1)", FullName: forest + "(1)_random_state", Name: "random_state", Value: "7"},
		}}
		if i%7 != 0 {
			s.Parameters = append(s.Parameters, openml.SetupParameter{ID: 6, FlowID: 22, FlowName: forest + "(1)", FullName: forest + "(1)_max_depth", Name: "max_depth", Value: depth[i%4]})
		}
		out = append(out, s)
	}
	return out
}

// flowServer has n runs of flow 20 with measure on tasks(), and a few
// runs of other flows.
func flowServer(n int, measure string) *evalviewtest.Server {
	evals := evalviewtest.Runs(evalviewtest.Spec{
		N: n, Seed: 20, Function: measure, Uploaders: 5,
		Flows: []evalviewtest.Flow{{ID: 20, Name: pipeline + "(1)"}},
		Tasks: tasks()[:60],
		Value: func(rng *rand.Rand, _ int) float64 { return float64(rng.IntN(1_000_000)) / 1_000_000 },
	})
	for i := range evals {
		if i%40 == 0 {
			evals[i].DataID, evals[i].DataName = 0, "" // older servers leave the dataset out
		}
	}
	others := evalviewtest.Runs(evalviewtest.Spec{
		N: 50, Seed: 21, Function: measure, FirstRun: 5,
		Flows: []evalviewtest.Flow{{ID: 21, Name: "weka.J48(1)"}},
		Tasks: tasks()[60:],
	})
	return &evalviewtest.Server{
		Evals: append(evals, others...), Tasks: tasks(), Setups: setups(),
		Answers: map[string][]byte{"flow/20": []byte(pipelineXML)},
	}
}

func runsRequest(measure, typ, param string) *sdk.CallbackRequest {
	return &sdk.CallbackRequest{
		Ref: flowRef, ID: flow.RunsCallback,
		Inputs: []sdk.Arg{
			{Ref: sdk.Input(flow.MetricSelect, sdk.PropValue), Value: sdk.StrValue(measure)},
			{Ref: sdk.Input(flow.TaskTypeSelect, sdk.PropValue), Value: sdk.StrValue(typ)},
			{Ref: sdk.Input(flow.ParameterSelect, sdk.PropValue), Value: sdk.StrValue(param)},
		},
	}
}

func runsSlot(t *testing.T, h *sdktest.Harness, req *sdk.CallbackRequest) []sdk.Component {
	t.Helper()
	p, err := h.Callback(req)
	require.NoError(t, err)
	require.Len(t, p.Outputs, 1)
	require.Equal(t, sdk.Output(flow.RunsSlot, sdk.PropChildren), p.Outputs[0].Ref)
	return p.Outputs[0].Value.Children()
}

func seriesNames(c *sdk.Chart) []string {
	var out []string
	for _, s := range c.Series {
		out = append(out, s.Name)
	}
	return out
}

func TestLayout_runsTab(t *testing.T) {
	t.Parallel()
	srv := flowServer(10, "predictive_accuracy")
	h := sdktest.Run(t, flow.New(), srv.Host())
	page, err := h.Layout(flowRef)
	require.NoError(t, err)
	require.Len(t, page.Tabs, 2)
	runs := page.Tabs[1].Children
	assert.Empty(t, sdktest.All[*sdk.Notice](runs))

	metric := sdktest.Find[*sdk.Select](t, runs, flow.MetricSelect)
	assert.Equal(t, []string{"predictive_accuracy"}, metric.Values)
	assert.Equal(t, sdk.Options(evalview.Measures...), metric.Options)

	types := sdktest.Find[*sdk.Select](t, runs, flow.TaskTypeSelect)
	assert.Equal(t, []string{"1"}, types.Values)
	assert.Equal(t, []sdk.Option{
		{Label: "Supervised Classification", Value: "1"}, {Label: "Supervised Regression", Value: "2"},
		{Label: "Learning Curve", Value: "3"}, {Label: "Supervised Data Stream Classification", Value: "4"},
		{Label: "Clustering", Value: "5"}, {Label: "Machine Learning Challenge", Value: "6"},
		{Label: "Survival Analysis", Value: "7"}, {Label: "Subgroup Discovery", Value: "8"},
		{Label: "Multitask Regression", Value: "9"},
	}, types.Options, "every task type once, by its own id")

	params := sdktest.Find[*sdk.Select](t, runs, flow.ParameterSelect)
	assert.Equal(t, []string{flow.NoParameter}, params.Values)
	assert.Equal(t, []sdk.Option{
		{Label: "none", Value: "none"},
		{Label: "criterion", Value: forest + "(1)_criterion"},
		{Label: "max_depth", Value: forest + "(1)_max_depth"},
		{Label: "memory", Value: pipeline + "(1)_memory"},
		{Label: "n_estimators", Value: forest + "(1)_n_estimators"},
		{Label: "random_state (Pipeline(SimpleImputer,RandomForestClassifier))", Value: pipeline + "(1)_random_state"},
		{Label: "random_state (RandomForestClassifier)", Value: forest + "(1)_random_state"},
	}, params.Options)
	assert.Equal(t, []string{"setup/list/limit/100/offset/0/flow/20"}, srv.PathsWith("setup/list/"))
	assert.Equal(t, []sdk.Callback{{
		ID: flow.RunsCallback,
		Inputs: []sdk.PropRef{
			sdk.Input(flow.MetricSelect, sdk.PropValue), sdk.Input(flow.TaskTypeSelect, sdk.PropValue), sdk.Input(flow.ParameterSelect, sdk.PropValue),
		},
		Outputs: []sdk.PropRef{sdk.Output(flow.RunsSlot, sdk.PropChildren)},
	}}, page.Callbacks)
}

func TestLayout_setupsFail(t *testing.T) {
	t.Parallel()
	srv := flowServer(10, "predictive_accuracy")
	srv.Fail = map[string]error{"setup/list/limit/100/offset/0/flow/20": &sdk.FetchError{Code: sdk.FetchUnavailable, Message: "server unreachable"}}
	h := sdktest.Run(t, flow.New(), srv.Host())
	page, err := h.Layout(flowRef)
	require.NoError(t, err, "the selectors only")
	ns := sdktest.All[*sdk.Notice](page.Tabs[1].Children)
	require.Len(t, ns, 1)
	assert.Equal(t, sdk.Warning, ns[0].Level)
	assert.Contains(t, ns[0].Detail, "server unreachable")
	assert.Equal(t, sdk.Options(flow.NoParameter), sdktest.Find[*sdk.Select](t, page.Tabs[1].Children, flow.ParameterSelect).Options)
}

func TestLayout_noSetupsYet(t *testing.T) {
	t.Parallel()
	srv := flowServer(10, "predictive_accuracy")
	srv.Setups = nil
	h := sdktest.Run(t, flow.New(), srv.Host())
	page, err := h.Layout(flowRef)
	require.NoError(t, err)
	assert.Empty(t, sdktest.All[*sdk.Notice](page.Tabs[1].Children), "no setups is an answer")
	assert.Equal(t, sdk.Options(flow.NoParameter), sdktest.Find[*sdk.Select](t, page.Tabs[1].Children, flow.ParameterSelect).Options)
}

func TestRuns_byTaskType(t *testing.T) {
	t.Parallel()
	srv := flowServer(6000, "predictive_accuracy")
	h := sdktest.Run(t, flow.New(), srv.Host())
	byRun := map[int64]openml.RunEvaluation{}
	for _, e := range srv.Evals {
		byRun[e.RunID] = e
	}
	typeOf := map[int64]int{}
	for _, tk := range tasks() {
		typeOf[tk.ID] = tk.TypeID
	}

	for _, typ := range []int{1, 2} {
		slot := runsSlot(t, h, runsRequest("predictive_accuracy", strconv.Itoa(typ), flow.NoParameter))
		assert.Empty(t, sdktest.All[*sdk.Notice](slot))
		chart := sdktest.Find[*sdk.Chart](t, slot, flow.RunsChart)
		assert.Equal(t, "Dataset", chart.Y.Title)
		assert.False(t, chart.Legend, "one colour")
		require.Len(t, chart.Series, 1)
		s := chart.Series[0]
		require.Len(t, s.X, flow.MaxRuns, "type %d", typ)

		// The best runs of the type, however the listing mixes types.
		var want []float64
		for _, e := range srv.Evals {
			if e.FlowID == 20 && typeOf[e.TaskID] == typ {
				want = append(want, e.Value)
			}
		}
		slices.Sort(want)
		slices.Reverse(want)
		values := slices.Clone(s.X)
		slices.Sort(values)
		slices.Reverse(values)
		require.Equal(t, want[:flow.MaxRuns], values, "type %d: the best %d runs", typ, flow.MaxRuns)

		table := sdktest.Find[*sdk.Table](t, slot, flow.DatasetsTable)
		labelOf := map[int64]string{} // by data id, or -task id
		for i, r := range table.Rows {
			require.Equal(t, r.Cells[1].Text, chart.Y.Categories[len(table.Rows)-1-i], "the best dataset at the top")
			if i > 0 {
				require.GreaterOrEqual(t, table.Rows[i-1].Cells[2].Number, r.Cells[2].Number, "best first")
			}
			if r.Cells[1].Type == sdk.CellLink {
				require.Equal(t, sdk.EntityRef{Server: flowRef.Server, Kind: sdk.KindData, ID: r.Cells[1].Link.ID}, r.Cells[1].Link)
				labelOf[r.Cells[1].Link.ID] = r.Cells[1].Text
			} else {
				require.Regexp(t, `^task \d+$`, r.Cells[1].Text, "no dataset in the listing")
				id, _ := strconv.ParseInt(strings.TrimPrefix(r.Cells[1].Text, "task "), 10, 64)
				labelOf[-id] = r.Cells[1].Text
			}
			require.Equal(t, typ, typeOf[r.Cells[4].Link.ID], "the best run's task is of the type")
		}
		if typ == 1 {
			assert.Equal(t, "credit (data 101)", labelOf[101], "two datasets of one name")
			assert.Equal(t, "credit (data 102)", labelOf[102])
			assert.Equal(t, "data-110", labelOf[110])
		}
		for i, l := range s.Links {
			e := byRun[l.ID]
			require.Equal(t, int64(20), e.FlowID)
			require.Equal(t, typ, typeOf[e.TaskID], "run %d", l.ID)
			require.Equal(t, e.Value, s.X[i])
			key := e.DataID
			if key == 0 {
				key = -e.TaskID
			}
			require.Equal(t, labelOf[key], chart.Y.Categories[int(s.Y[i])], "run %d sits on its dataset", l.ID)
		}
		status := sdktest.All[*sdk.Text](slot)[0].Markdown
		assert.Contains(t, status, fmt.Sprintf("The flow's best 1000 runs on %s tasks", evalview.TaskTypeName(evalview.TaskTypes, typ)))
	}
	evals := srv.PathsWith("evaluation/list/")
	assert.Equal(t, "evaluation/list/function/predictive_accuracy/limit/1000/offset/0/flow/20/sort_order/desc", evals[0])
	assert.LessOrEqual(t, len(evals), 2*flow.MaxPages)

	runsSlot(t, h, runsRequest("predictive_accuracy", "1", forest+"(1)_criterion"))
	assert.Equal(t, []string{"task/list/type/1", "task/list/type/2"}, srv.PathsWith("task/list/"), "each type's tasks listed once")
}

func TestRuns_stopsAfterMaxPages(t *testing.T) {
	t.Parallel()
	srv := flowServer(8000, "predictive_accuracy")
	for i := range srv.Evals {
		if srv.Evals[i].FlowID == 20 && i%100 != 0 {
			srv.Evals[i].TaskID = 900 // of a type with few runs of this flow
		}
	}
	h := sdktest.Run(t, flow.New(), srv.Host())
	slot := runsSlot(t, h, runsRequest("predictive_accuracy", "2", flow.NoParameter))
	assert.Len(t, srv.PathsWith("evaluation/list/"), flow.MaxPages)
	chart := sdktest.Find[*sdk.Chart](t, slot, flow.RunsChart)
	n := len(chart.Series[0].X)
	assert.Positive(t, n)
	assert.Less(t, n, flow.MaxRuns)
	status := sdktest.All[*sdk.Text](slot)[0].Markdown
	assert.Contains(t, status, fmt.Sprintf("The flow's best %d runs on Supervised Regression tasks", n))
	assert.Contains(t, status, "Read from the flow's best 5000 runs on tasks of any type.")
}

func TestRuns_colourByCategory(t *testing.T) {
	t.Parallel()
	srv := flowServer(3000, "predictive_accuracy")
	h := sdktest.Run(t, flow.New(), srv.Host())
	slot := runsSlot(t, h, runsRequest("predictive_accuracy", "1", forest+"(1)_criterion"))
	chart := sdktest.Find[*sdk.Chart](t, slot, flow.RunsChart)
	assert.True(t, chart.Legend)
	assert.Contains(t, chart.Title, "coloured by criterion")
	names := seriesNames(chart)
	require.Len(t, names, 4)
	assert.ElementsMatch(t, []string{"criterion = gini", "criterion = entropy", "criterion = log_loss"}, names[:3], "unquoted")
	assert.Equal(t, flow.UnknownSetup, names[3], "setup 2049 is not listed")

	want := map[int64]string{}
	for _, s := range setups() {
		v, _ := s.Value(forest + "(1)_criterion")
		want[s.ID] = "criterion = " + strings.Trim(v, `"`)
	}
	setupOf := map[int64]int64{}
	for _, e := range srv.Evals {
		setupOf[e.RunID] = e.SetupID
	}
	total := 0
	for _, s := range chart.Series {
		total += len(s.X)
		for _, l := range s.Links {
			w, ok := want[setupOf[l.ID]]
			if !ok {
				w = flow.UnknownSetup
			}
			require.Equal(t, w, s.Name, "run %d", l.ID)
		}
	}
	assert.Equal(t, 1000, total)
	for _, p := range srv.PathsWith("setup/list/") {
		ids := strings.Split(strings.Split(p, "/setup/")[1], ",")
		require.LessOrEqual(t, len(ids), 100, "setups asked for in chunks")
	}
}

func TestRuns_colourByNumber(t *testing.T) {
	t.Parallel()
	srv := flowServer(3000, "predictive_accuracy")
	h := sdktest.Run(t, flow.New(), srv.Host())
	slot := runsSlot(t, h, runsRequest("predictive_accuracy", "1", forest+"(1)_n_estimators"))
	chart := sdktest.Find[*sdk.Chart](t, slot, flow.RunsChart)
	names := seriesNames(chart)
	assert.Equal(t, []string{
		"n_estimators 10 – 106", "n_estimators 106 – 202", "n_estimators 202 – 298", "n_estimators 298 – 394", "n_estimators 394 – 490",
		flow.UnknownSetup,
	}, names, "49 numbers in 5 ranges")

	slot = runsSlot(t, h, runsRequest("predictive_accuracy", "1", forest+"(1)_max_depth"))
	chart = sdktest.Find[*sdk.Chart](t, slot, flow.RunsChart)
	assert.Equal(t, []string{
		"max_depth = 3", "max_depth = 5", "max_depth = 10", "max_depth = null", flow.NotSet, flow.UnknownSetup,
	}, seriesNames(chart), "few numbers one series each, in order; then null; then the unknown")
}

func TestRuns_lowerIsBetter(t *testing.T) {
	t.Parallel()
	srv := flowServer(2500, "mean_absolute_error")
	h := sdktest.Run(t, flow.New(), srv.Host())
	slot := runsSlot(t, h, runsRequest("mean_absolute_error", "1", flow.NoParameter))
	assert.True(t, strings.HasSuffix(srv.PathsWith("evaluation/list/")[0], "/flow/20/sort_order/asc"))
	table := sdktest.Find[*sdk.Table](t, slot, flow.DatasetsTable)
	for i := 1; i < len(table.Rows); i++ {
		require.LessOrEqual(t, table.Rows[i-1].Cells[2].Number, table.Rows[i].Cells[2].Number)
	}
	assert.Contains(t, sdktest.Find[*sdk.Chart](t, slot, flow.RunsChart).X.Title, "lower is better")
}

func TestRuns_notices(t *testing.T) {
	t.Parallel()
	down := &sdk.FetchError{Code: sdk.FetchUnavailable, Message: "server unreachable"}
	first, _ := openml.EvaluationQuery{Function: "predictive_accuracy", Flows: []int64{20}, Limit: 1000, SortOrder: "desc"}.Path()
	cases := map[string]struct {
		change    func(*evalviewtest.Server)
		typ       string
		param     string
		levels    []sdk.NoticeLevel
		summaries []string
		chart     bool
	}{
		"runs fail": {
			change: func(s *evalviewtest.Server) { s.Fail = map[string]error{first: down} },
			typ:    "1", levels: []sdk.NoticeLevel{sdk.Error}, summaries: []string{"The runs of flow 20 could not be loaded"},
		},
		"task listing fails": {
			change: func(s *evalviewtest.Server) { s.Fail = map[string]error{"task/list/type/1": down} },
			typ:    "1", levels: []sdk.NoticeLevel{sdk.Warning}, summaries: []string{"The Supervised Classification tasks could not be listed"}, chart: true,
		},
		"no runs of the type": {
			typ: "5", levels: []sdk.NoticeLevel{sdk.Info}, summaries: []string{"No runs of this flow on Clustering tasks use predictive_accuracy yet"},
		},
		"no tasks of the type": {
			typ: "7", levels: []sdk.NoticeLevel{sdk.Info}, summaries: []string{"This server has no Survival Analysis tasks"},
		},
		"no runs at all": {
			change: func(s *evalviewtest.Server) { s.Evals = nil },
			typ:    "1", levels: []sdk.NoticeLevel{sdk.Info}, summaries: []string{"No runs of this flow on Supervised Classification tasks use predictive_accuracy yet"},
		},
		"setups fail": {
			change: func(s *evalviewtest.Server) {
				s.FailPrefix = map[string]error{"setup/list/limit/50/offset/0/setup/" + setupIDs(2000, 2049): down}
			},
			typ: "1", param: forest + "(1)_criterion", levels: []sdk.NoticeLevel{sdk.Warning},
			summaries: []string{"The runs' hyperparameter settings could not be loaded"}, chart: true,
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := flowServer(1500, "predictive_accuracy")
			if c.change != nil {
				c.change(srv)
			}
			param := c.param
			if param == "" {
				param = flow.NoParameter
			}
			slot := runsSlot(t, sdktest.Run(t, flow.New(), srv.Host()), runsRequest("predictive_accuracy", c.typ, param))
			var levels []sdk.NoticeLevel
			var summaries []string
			for _, n := range sdktest.All[*sdk.Notice](slot) {
				levels = append(levels, n.Level)
				summaries = append(summaries, n.Summary)
			}
			assert.Equal(t, c.levels, levels)
			assert.Equal(t, c.summaries, summaries)
			charts := sdktest.All[*sdk.Chart](slot)
			if !c.chart {
				assert.Empty(t, charts)
				return
			}
			require.Len(t, charts, 1)
			assert.Len(t, charts[0].Series, 1, "no colours")
		})
	}
}

// TestRuns_recorded5270EachPathOnce: nothing past flow 5270 is recorded,
// so the runs tab explains three failures; each names what it asked for
// once (the host's message names it; the listing does not again).
func TestRuns_recorded5270EachPathOnce(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, flow.New(), sdktest.Recorded(recordings.Require(t, "www")))
	ref := sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindFlow, ID: 5270}
	page, err := h.Layout(ref)
	require.NoError(t, err)
	assert.True(t, sdktest.Find[*sdk.Select](t, sdktest.TabChildren(t, page, "runs"), flow.ParameterSelect).Disabled,
		"with no settings loaded there is nothing to colour by: the select is greyed out")
	req := runsRequest("predictive_accuracy", "1", flow.NoParameter)
	req.Ref = ref
	notices := append(sdktest.All[*sdk.Notice](sdktest.TabChildren(t, page, "runs")), sdktest.All[*sdk.Notice](runsSlot(t, h, req))...)
	evals, _ := openml.EvaluationQuery{Function: "predictive_accuracy", Flows: []int64{5270}, Limit: 1000, SortOrder: "desc"}.Path()
	asked := map[string]string{
		"The flow's hyperparameter settings could not be loaded":  "setup/list/limit/100/offset/0/flow/5270",
		"The Supervised Classification tasks could not be listed": "task/list/type/1",
		"The runs of flow 5270 could not be loaded":               evals,
	}
	require.Len(t, notices, len(asked))
	for _, n := range notices {
		path, ok := asked[n.Summary]
		require.True(t, ok, n.Summary)
		assert.Equal(t, 1, strings.Count(n.Summary+" "+n.Detail, path), "%s: %s", n.Summary, n.Detail)
	}
}

func setupIDs(from, to int64) string {
	var s []string
	for id := from; id <= to; id++ {
		s = append(s, strconv.FormatInt(id, 10))
	}
	return strings.Join(s, ",")
}
