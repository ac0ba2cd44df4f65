package evalview_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/plugins/internal/evalviewtest"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

func TestLowerIsBetter(t *testing.T) {
	t.Parallel()
	cases := map[string]bool{
		"predictive_accuracy":         false,
		"area_under_roc_curve":        false,
		"kappa":                       false,
		"f_measure":                   false,
		"class_complexity_gain":       false, // "complexity" alone would say lower
		"c_index":                     false,
		"root_mean_squared_error":     true,
		"mean_absolute_error":         true,
		"relative_absolute_error":     true,
		"root_relative_squared_error": true,
		"usercpu_time_millis":         true,
		"wall_clock_time_millis":      true,
		"run_memory":                  true,
		"ram_hours":                   true,
		"average_cost":                true,
		"total_cost":                  true,
		"class_complexity":            true,
		"kohavi_wolpert_error":        true,
		"unclassified_instance_count": true,
		// not OpenML's: decided by the words in the name
		"log_loss":        true,
		"rmse":            true,
		"MAE":             true,
		"brier_score":     true,
		"inference_time":  true,
		"balanced_score":  false,
		"mean_reciprocal": false,
	}
	for name, want := range cases {
		assert.Equal(t, want, evalview.LowerIsBetter(name), name)
		order := map[bool]string{true: "asc", false: "desc"}[want]
		assert.Equal(t, order, evalview.SortOrder(name), name)
		assert.Equal(t, want, evalview.Better(name, 1, 2), name)
		assert.Equal(t, !want, evalview.Better(name, 2, 1), name)
		assert.False(t, evalview.Better(name, 1, 1), name)
	}
}

func TestMeasures_everyMeasureHasADirection(t *testing.T) {
	t.Parallel()
	assert.Len(t, evalview.Measures, 71, "OpenML's evaluationmeasure/list")
	seen := map[string]bool{}
	lower := 0
	for _, m := range evalview.Measures {
		assert.False(t, seen[m], "%s listed twice", m)
		seen[m] = true
		if evalview.LowerIsBetter(m) {
			lower++
		}
	}
	// Errors, costs, times, memory, class complexity and the bias-variance
	// parts: every name with "error", "time", "cost" or "memory" among them.
	assert.Equal(t, 32, lower)
	for _, m := range evalview.Measures {
		for _, w := range []string{"error", "time", "cost", "memory"} {
			if strings.Contains(m, w) {
				assert.True(t, evalview.LowerIsBetter(m), m)
			}
		}
	}
}

const ns = `xmlns:oml="http://openml.org/openml"`

func TestMeasureOptions(t *testing.T) {
	t.Parallel()
	server := sdktest.Answers(map[string][]byte{"evaluationmeasure/list": []byte(`<oml:evaluation_measures ` + ns + `><oml:measures><oml:measure>predictive_accuracy</oml:measure><oml:measure>kappa</oml:measure></oml:measures></oml:evaluation_measures>`)})
	opts, err := evalview.MeasureOptions(context.Background(), server, "https://test.openml.org", "rmse", "kappa", "")
	require.NoError(t, err)
	assert.Equal(t, sdk.Options("predictive_accuracy", "kappa", "rmse"), opts)

	opts, err = evalview.MeasureOptions(context.Background(), sdktest.Answers(nil), "", "predictive_accuracy")
	assert.ErrorContains(t, err, "evaluation measures: sdktest: no answer for evaluationmeasure/list")
	assert.Equal(t, sdk.Options(evalview.Measures...), opts, "the built-in list when the server's cannot be read")
}

func TestTaskTypes(t *testing.T) {
	t.Parallel()
	want := map[int]string{
		1: "Supervised Classification", 2: "Supervised Regression", 3: "Learning Curve",
		4: "Supervised Data Stream Classification", 5: "Clustering", 6: "Machine Learning Challenge",
		7: "Survival Analysis", 8: "Subgroup Discovery", 9: "Multitask Regression",
	}
	got := map[int]string{}
	for _, tt := range evalview.TaskTypes {
		got[tt.ID] = tt.Name
		assert.Equal(t, tt.ID, evalview.TaskTypeID(strings.ToLower(tt.Name)), tt.Name)
	}
	assert.Equal(t, want, got)
	assert.Zero(t, evalview.TaskTypeID("Supervised classification task"))
	assert.Equal(t, "task type 12", evalview.TaskTypeName(evalview.TaskTypes, 12))
	assert.Equal(t, "root_mean_squared_error", evalview.DefaultMeasure(2))
	assert.Equal(t, "root_mean_squared_error", evalview.DefaultMeasure(9))
	assert.Equal(t, "predictive_accuracy", evalview.DefaultMeasure(1))
	assert.Equal(t, "predictive_accuracy", evalview.DefaultMeasure(0))

	types, err := evalview.ListTaskTypes(context.Background(), sdktest.Answers(nil), "")
	require.Error(t, err)
	assert.Equal(t, evalview.TaskTypes, types)

	listed := sdktest.Answers(map[string][]byte{"tasktype/list": []byte(`<oml:task_types ` + ns + `>
  <oml:task_type><oml:id>10</oml:id><oml:name>New Kind</oml:name></oml:task_type>
  <oml:task_type><oml:id>2</oml:id><oml:name>Supervised Regression</oml:name></oml:task_type>
</oml:task_types>`)})
	types, err = evalview.ListTaskTypes(context.Background(), listed, "")
	require.NoError(t, err)
	assert.Equal(t, []evalview.TaskType{{2, "Supervised Regression"}, {10, "New Kind"}}, types, "the server's, by id")
}

func TestShortFlowName(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"sklearn.pipeline.Pipeline(imputer=sklearn.impute._base.SimpleImputer,estimator=sklearn.ensemble._forest.RandomForestClassifier)":                                                                                                                   "Pipeline(SimpleImputer,RandomForestClassifier)",
		"sklearn.pipeline.Pipeline(imputer=sklearn.impute._base.SimpleImputer,estimator=sklearn.ensemble._forest.RandomForestClassifier)(3)":                                                                                                                "Pipeline(SimpleImputer,RandomForestClassifier)",
		"TEST5b99b6a6b2sklearn.pipeline.Pipeline(cat_handling=sklearn.compose._column_transformer.ColumnTransformer(cat=sklearn.preprocessing._encoders.OneHotEncoder),imp=sklearn.impute._base.SimpleImputer,classifier=sklearn.dummy.DummyClassifier)(1)": "Pipeline(ColumnTransformer(OneHotEncoder…er,DummyClassifier)",
		"weka.J48(1)":                       "J48",
		"weka.classifiers.trees.J48":        "J48",
		"weka.AdaBoostM1_DecisionStump(2)":  "AdaBoostM1_DecisionStump",
		"mlr.classif.randomForest(1)":       "classif.randomForest",
		"mlr.classif.randomForest.filtered": "classif.randomForest.filtered",
		"moa.HoeffdingTree":                 "HoeffdingTree",
		"torch.nn.Sequential(0=torch.nn.Linear,1=torch.nn.ReLU,2=torch.nn.Linear)": "Sequential(Linear,ReLU,Linear)",
		"sklearn.svm.classes.SVC(12)":             "SVC",
		"RandomForest":                            "RandomForest",
		"my.lowercase.thing":                      "my.lowercase.thing",
		"  sklearn.tree.DecisionTreeClassifier  ": "DecisionTreeClassifier",
		"broken(a=b.C":                            "broken(a=b.C",
		"sklearn.pipeline.Pipeline()":             "Pipeline",
		"":                                        "",
	}
	for in, want := range cases {
		assert.Equal(t, want, evalview.ShortFlowName(in), in)
	}
	long := "sklearn.model_selection._search.RandomizedSearchCV(estimator=sklearn.pipeline.Pipeline(columntransformer=sklearn.compose._column_transformer.ColumnTransformer(num=sklearn.pipeline.Pipeline(simpleimputer=sklearn.impute._base.SimpleImputer,standardscaler=sklearn.preprocessing._data.StandardScaler),cat=sklearn.preprocessing._encoders.OneHotEncoder),histgradientboostingclassifier=sklearn.ensemble._hist_gradient_boosting.gradient_boosting.HistGradientBoostingClassifier))"
	got := evalview.ShortFlowName(long)
	assert.Equal(t, evalview.MaxLabel, len([]rune(got)))
	assert.True(t, strings.HasPrefix(got, "RandomizedSearchCV(Pipeline(ColumnTransf…"), got)
	assert.True(t, strings.HasSuffix(got, "…oostingClassifier))"), "cut in the middle, so the final estimator shows: %s", got)
}

func TestFlowLabels_dedup(t *testing.T) {
	t.Parallel()
	pipe := "sklearn.pipeline.Pipeline(imputer=sklearn.impute._base.SimpleImputer,estimator=sklearn.ensemble._forest.RandomForestClassifier)"
	got := evalview.FlowLabels(map[int64]string{
		5001: pipe + "(1)",
		5002: pipe + "(2)",
		18:   "weka.J48(1)",
		19:   "weka.classifiers.trees.J48(1)",
		7:    "sklearn.svm.SVC(1)",
	})
	assert.Equal(t, map[int64]string{
		5001: "Pipeline(SimpleImputer,RandomForestClassifier) (flow 5001)",
		5002: "Pipeline(SimpleImputer,RandomForestClassifier) (flow 5002)",
		18:   "J48 (flow 18)",
		19:   "J48 (flow 19)",
		7:    "SVC",
	}, got)
}

// TestFlowLabels_longDuplicatesKeepTheirSuffix: flows whose names shorten
// alike, or differ only where a long name is cut, are told apart by
// "(flow <id>)", which the cut leaves whole: the whole label fits
// MaxLabel, so the host's axis does not cut it off.
func TestFlowLabels_longDuplicatesKeepTheirSuffix(t *testing.T) {
	t.Parallel()
	search := func(inner string) string {
		return "sklearn.model_selection._search.RandomizedSearchCV(estimator=sklearn.pipeline.Pipeline(columntransformer=sklearn.compose._column_transformer.ColumnTransformer(num=" + inner + ",cat=sklearn.preprocessing._encoders.OneHotEncoder),histgradientboostingclassifier=sklearn.ensemble._hist_gradient_boosting.gradient_boosting.HistGradientBoostingClassifier))"
	}
	names := map[int64]string{
		44: search("sklearn.impute._base.SimpleImputer") + "(1)",
		45: search("sklearn.impute._base.SimpleImputer") + "(2)",
		46: search("sklearn.preprocessing._data.StandardScaler"),
		7:  "weka.J48(1)",
	}
	labels := evalview.FlowLabels(names)
	seen := map[string]bool{}
	for id, l := range labels {
		assert.LessOrEqual(t, len([]rune(l)), evalview.MaxLabel, l)
		assert.False(t, seen[l], "%q twice", l)
		seen[l] = true
		if id != 7 {
			assert.True(t, strings.HasSuffix(l, fmt.Sprintf(" (flow %d)", id)), l)
			assert.True(t, strings.HasPrefix(l, "RandomizedSearchCV("), l)
		}
	}
	assert.Equal(t, "J48", labels[7])
}

func TestFlowLabels_generatedFlowsAreDistinct(t *testing.T) {
	t.Parallel()
	flows := evalviewtest.SklearnFlows(40, 5000)
	names := map[int64]string{}
	for _, f := range flows {
		names[f.ID] = f.Name
	}
	labels := evalview.FlowLabels(names)
	seen := map[string]int64{}
	for id, l := range labels {
		other, dup := seen[l]
		assert.False(t, dup, "flows %d and %d are both %q", id, other, l)
		seen[l] = id
		assert.LessOrEqual(t, len([]rune(l)), evalview.MaxLabel, "(flow <id>) included")
	}
	assert.Equal(t, "Pipeline(SimpleImputer,RandomForestClassifier) (flow 5000)", labels[5000])
	assert.Equal(t, "Pipeline(SimpleImputer,SVC) (flow 5002)", labels[5002])
	assert.Equal(t, "Pipeline(ColumnTransformer(Stand…otEncoder),SVC) (flow 5016)", labels[5016])
	assert.Equal(t, "SVC (flow 5030)", labels[5030])
	assert.Equal(t, "DecisionTreeClassifier", labels[5033], "a name no other flow has keeps no id")
}

func TestRanges(t *testing.T) {
	t.Parallel()
	rs := evalview.Ranges([]float64{0.5, 0.6, 0.7, 0.8, 0.9, 1, math.NaN(), 0.55}, 5, false)
	require.Len(t, rs, 5)
	assert.Equal(t, 0.5, rs[0].Lo)
	assert.Equal(t, 1.0, rs[4].Hi)
	assert.Equal(t, "0.5 – 0.6", rs[0].Label)
	assert.Equal(t, "0.9 – 1", rs[4].Label)
	for i, v := range map[float64]int{0.5: 0, 0.55: 0, 0.6: 1, 0.99: 4, 1: 4, 1.01: -1, 0.4: -1} {
		assert.Equal(t, v, evalview.Index(rs, i), "value %g", i)
	}
	assert.Equal(t, -1, evalview.Index(rs, math.NaN()))

	few := evalview.Ranges([]float64{3, 1, 3, 2}, 5, false)
	assert.Equal(t, []evalview.Range{{1, 1, "1"}, {2, 2, "2"}, {3, 3, "3"}}, few, "one band per distinct value")
	assert.Equal(t, 2, evalview.Index(few, 3))
	assert.Equal(t, -1, evalview.Index(few, 2.5))

	log := evalview.Ranges([]float64{1, 10, 100, 1000, 10000, 100000}, 5, true)
	require.Len(t, log, 5)
	assert.InDelta(t, 10, log[0].Hi, 1e-9)
	assert.InDelta(t, 100, log[1].Hi, 1e-9)
	assert.Equal(t, "1000 – 10000", log[3].Label)

	close := evalview.Ranges([]float64{0.9612, 0.9613, 0.9614, 0.9615, 0.9616, 0.9617, 0.9618}, 3, false)
	labels := []string{close[0].Label, close[1].Label, close[2].Label}
	assert.Equal(t, []string{"0.9612 – 0.9614", "0.9614 – 0.9616", "0.9616 – 0.9618"}, labels, "enough digits to tell edges apart")

	assert.Nil(t, evalview.Ranges(nil, 5, false))
	assert.Nil(t, evalview.Ranges([]float64{math.Inf(1)}, 5, false))
}

func TestFormatValue(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "0.9667", evalview.FormatValue(0.96666666))
	assert.Equal(t, "123456", evalview.FormatValue(123456))
	assert.Equal(t, "1.5", evalview.FormatValue(1.5))
	assert.Equal(t, "1e-05", evalview.FormatValue(0.00001))
}

func TestUserNames(t *testing.T) {
	t.Parallel()
	var users []openml.User
	for id := int64(1); id <= 450; id++ {
		users = append(users, openml.User{ID: id, Username: fmt.Sprintf("person %d", id)})
	}
	srv := &evalviewtest.Server{Users: users}
	ids := []int64{0, 3}
	for id := int64(450); id >= 1; id-- {
		ids = append(ids, id)
	}
	names, err := evalview.UserNames(context.Background(), srv.Host(), "", append(ids, 999))
	require.NoError(t, err)
	assert.Len(t, names, 450)
	assert.Equal(t, "person 3", names[3])
	assert.Equal(t, "user 999", evalview.UserLabel(names, 999))
	paths := srv.PathsWith("user/list/")
	require.Len(t, paths, 3, "450 users, 200 a request")
	assert.True(t, strings.HasPrefix(paths[0], "user/list/user_id/1,2,3,"), paths[0])

	srv.Fail = map[string]error{paths[1]: &sdk.FetchError{Code: sdk.FetchUnavailable, Message: "offline"}}
	names, err = evalview.UserNames(context.Background(), srv.Host(), "", ids)
	assert.ErrorContains(t, err, "user names: offline")
	assert.Len(t, names, 200, "the names read before the failure stay")
}

// runs makes n runs of task 59 by 40 flows.
func runs(n int) []openml.RunEvaluation {
	return evalviewtest.Runs(evalviewtest.Spec{
		N: n, Seed: 1, Function: "predictive_accuracy", Uploaders: 30,
		Flows: evalviewtest.SklearnFlows(40, 5000),
		Tasks: []evalviewtest.Task{{ID: 59, TypeID: 1, DataID: 61, DataName: "iris"}},
	})
}

func TestLoadPages(t *testing.T) {
	t.Parallel()
	q := openml.EvaluationQuery{Function: "predictive_accuracy", Tasks: []int64{59}, SortOrder: "desc"}
	cases := map[string]struct {
		n, pages            int
		wantRuns, wantPages int
		wantMore            bool
	}{
		"first of several":      {n: 2500, pages: 1, wantRuns: 1000, wantPages: 1, wantMore: true},
		"two of several":        {n: 2500, pages: 2, wantRuns: 2000, wantPages: 2, wantMore: true},
		"last page short":       {n: 2500, pages: 3, wantRuns: 2500, wantPages: 3},
		"stops at short page":   {n: 2500, pages: 9, wantRuns: 2500, wantPages: 3},
		"exact pages: one more": {n: 2000, pages: 3, wantRuns: 2000, wantPages: 3},
		"exact pages: unknown":  {n: 2000, pages: 2, wantRuns: 2000, wantPages: 2, wantMore: true},
		"fewer than a page":     {n: 17, pages: 1, wantRuns: 17, wantPages: 1},
		"no runs":               {n: 0, pages: 2, wantRuns: 0, wantPages: 1},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			evals := runs(c.n)
			srv := &evalviewtest.Server{Evals: evals}
			got, err := evalview.LoadPages(context.Background(), srv.Host(), "", q, c.pages, nil, 0)
			require.NoError(t, err)
			assert.Len(t, got.Runs, c.wantRuns)
			assert.Equal(t, c.wantMore, got.More)
			assert.Equal(t, c.wantPages, got.PagesRead)
			assert.NoError(t, got.Err)
			for i := 1; i < len(got.Runs); i++ {
				require.GreaterOrEqual(t, got.Runs[i-1].Value, got.Runs[i].Value, "best first")
			}
			paths := srv.PathsWith("evaluation/list/")
			require.NotEmpty(t, paths)
			assert.Equal(t, "evaluation/list/function/predictive_accuracy/limit/1000/offset/0/task/59/sort_order/desc", paths[0])
			if len(paths) > 1 {
				assert.Equal(t, "evaluation/list/function/predictive_accuracy/limit/1000/offset/1000/task/59/sort_order/desc", paths[1])
			}
		})
	}
}

func TestLoadPages_keepAndWant(t *testing.T) {
	t.Parallel()
	evals := runs(6000)
	for i := range evals {
		if i%3 == 0 {
			evals[i].TaskID = 60
		}
		if i%10 == 1 {
			evals[i].HasValue = false // given per class only
		}
	}
	srv := &evalviewtest.Server{Evals: evals}
	q := openml.EvaluationQuery{Function: "predictive_accuracy", Flows: evalviewtest.FlowIDs(evalviewtest.SklearnFlows(40, 5000)), SortOrder: "desc"}
	got, err := evalview.LoadPages(context.Background(), srv.Host(), "", q, 5, func(e openml.RunEvaluation) bool { return e.TaskID == 59 }, 1000)
	require.NoError(t, err)
	assert.Len(t, got.Runs, 1000, "cut to want")
	for _, e := range got.Runs {
		require.Equal(t, int64(59), e.TaskID)
		require.True(t, e.HasValue)
	}
	assert.Equal(t, 2, got.PagesRead, "stops once want are kept")
	assert.Positive(t, got.NoValue)
}

func TestLoadPages_errors(t *testing.T) {
	t.Parallel()
	q := openml.EvaluationQuery{Function: "predictive_accuracy", Tasks: []int64{59}, SortOrder: "desc"}
	first, _ := q.Path()
	q2 := q
	q2.Limit, q2.Offset = 1000, 1000
	second, _ := q2.Path()
	q1 := q
	q1.Limit = 1000
	first, _ = q1.Path()
	down := &sdk.FetchError{Code: sdk.FetchUnavailable, Message: "server unreachable"}

	srv := &evalviewtest.Server{Evals: runs(2500), Fail: map[string]error{first: down}}
	_, err := evalview.LoadPages(context.Background(), srv.Host(), "", q, 2, nil, 0)
	assert.ErrorContains(t, err, "server unreachable")

	srv = &evalviewtest.Server{Evals: runs(2500), Fail: map[string]error{second: down}}
	got, err := evalview.LoadPages(context.Background(), srv.Host(), "", q, 3, nil, 0)
	require.NoError(t, err)
	assert.Len(t, got.Runs, 1000, "the first page stays")
	assert.True(t, got.More)
	assert.ErrorContains(t, got.Err, "runs 1001 to 2000: evaluation listing: server unreachable", "the host's message names the request")
	assert.Len(t, srv.PathsWith("evaluation/list/"), 2, "no page after the failed one")

	srv = &evalviewtest.Server{Evals: runs(10), Answers: map[string][]byte{first: evalviewtest.ErrorXML(542, "No results")}}
	got, err = evalview.LoadPages(context.Background(), srv.Host(), "", q, 1, nil, 0)
	require.NoError(t, err, "no results is an empty listing")
	assert.Empty(t, got.Runs)
	assert.False(t, got.More)
}

func TestLoadPages_duplicateAcrossPages(t *testing.T) {
	t.Parallel()
	evals := runs(1500)
	q := openml.EvaluationQuery{Function: "predictive_accuracy", Tasks: []int64{59}, SortOrder: "desc", Limit: 1000}
	p0, _ := q.Path()
	q.Offset = 1000
	p1, _ := q.Path()
	evalview.SortBest(evals, "predictive_accuracy")
	// A server whose sort is not stable may repeat a run on the next page.
	srv := &evalviewtest.Server{Answers: map[string][]byte{
		p0: evalviewtest.EvaluationsXML(evals[:1000]),
		p1: evalviewtest.EvaluationsXML(evals[999:]),
	}}
	got, err := evalview.LoadPages(context.Background(), srv.Host(), "", openml.EvaluationQuery{Function: "predictive_accuracy", Tasks: []int64{59}, SortOrder: "desc"}, 2, nil, 0)
	require.NoError(t, err)
	assert.Len(t, got.Runs, 1500)
	assert.Equal(t, 1501, got.Read)
}

func TestRank(t *testing.T) {
	t.Parallel()
	e := func(run, key int64, v float64, when string) openml.RunEvaluation {
		return openml.RunEvaluation{RunID: run, Uploader: key, Value: v, HasValue: true, UploadTime: when}
	}
	runs := []openml.RunEvaluation{
		e(1, 10, 0.80, "2015-01-01 00:00:00"),
		e(2, 20, 0.90, "2016-01-01 00:00:00"),
		e(3, 30, 0.70, "2014-01-01 00:00:00"),
		e(4, 10, 0.95, "2017-01-01 00:00:00"),
		e(5, 40, 0.90, "2015-06-01 00:00:00"), // ties 20's best, earlier
		{RunID: 6, Uploader: 50, UploadTime: "2013-01-01 00:00:00"},
	}
	key := func(e openml.RunEvaluation) int64 { return e.Uploader }
	keys := func(gs []evalview.Group) []int64 {
		var out []int64
		for _, g := range gs {
			out = append(out, g.Key)
		}
		return out
	}
	higher := evalview.Rank(runs, "predictive_accuracy", key)
	assert.Equal(t, []int64{10, 40, 20, 30}, keys(higher))
	assert.Equal(t, int64(4), higher[0].Best.RunID)
	assert.Equal(t, 2, higher[0].Runs)

	lower := evalview.Rank(runs, "root_mean_squared_error", key)
	assert.Equal(t, []int64{30, 10, 40, 20}, keys(lower), "lower is better for an error")
	assert.Equal(t, int64(1), lower[1].Best.RunID)
}
