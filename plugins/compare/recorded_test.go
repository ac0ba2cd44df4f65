package compare_test

import (
	"fmt"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/internal/recordings"
	"github.com/openml-dash/openml-dash/plugins/compare"
	"github.com/openml-dash/openml-dash/sdk"
	sdkcompare "github.com/openml-dash/openml-dash/sdk/compare"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

func apiFile(root string, path string) string {
	return filepath.Join(root, "api", "v1", "xml", filepath.FromSlash(path))
}

// TestRecorded_identicalRuns: www runs 539275 and 572944 are two flows'
// runs on task 59 whose predictions files are byte-identical, so every
// per-fold value agrees: zero differences, the corrected t-test's
// no-difference answer (t = 0, p = 1), no Wilcoxon test (every
// difference is zero) and one shared curve.
func TestRecorded_identicalRuns(t *testing.T) {
	t.Parallel()
	www := recordings.Require(t, "www")
	h := sdktest.Run(t, compare.New(), sdktest.Recorded(www))
	page, err := h.Layout(comparison(t, sdk.DefaultServer, 539275, 572944))
	require.NoError(t, err)
	assert.Equal(t, "Runs 539275 and 572944 on task 59", page.Title)
	assert.Equal(t, []string{"overview", "folds", "curves", "parameters"}, tabIDs(page))
	assert.Nil(t, page.Notice)

	a, b := apiFile(www, "run/539275"), apiFile(www, "run/572944")
	overview := sdktest.TabChildren(t, page, "overview")
	assert.Empty(t, sdktest.All[*sdk.Notice](overview))
	runs := sdktest.Find[*sdk.Table](t, overview, compare.RunsTable)
	assert.Equal(t, []string{"run", "flow", "uploader", "uploaded", "predictive_accuracy", "area_under_roc_curve"}, columnIDs(runs))
	assert.Equal(t, sdk.LinkCell("539275", sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindRun, ID: 539275}), runs.Rows[0].Cells[0])
	assert.Equal(t, []string{"classif.randomForest.filtered (flow 5270)", "classif.randomForest.filtered (flow 3884)"}, texts(column(t, runs, "flow")),
		"both flows shorten alike, so their ids tell them apart")
	assert.Equal(t, sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindFlow, ID: 3884}, runs.Rows[1].Cells[1].Link)
	assert.Equal(t, []string{"Giuseppe C. (user 348)", "Giuseppe C. (user 348)"}, texts(column(t, runs, "uploader")))
	assert.Equal(t, []string{"<missing>", "<missing>"}, texts(column(t, runs, "uploaded")), "the run listing is not recorded")
	accA, _ := xmlOverall(t, a, "predictive_accuracy")
	accB, _ := xmlOverall(t, b, "predictive_accuracy")
	assert.Equal(t, []float64{accA, accB}, numbers(column(t, runs, "predictive_accuracy")))

	// Per fold: the values are the run descriptions', read here on their own.
	folds := sdktest.TabChildren(t, page, "folds")
	sel := sdktest.Find[*sdk.Select](t, folds, compare.MeasureSelect)
	assert.Equal(t, []string{"predictive_accuracy"}, sel.Values, "the task's measure")
	assert.Contains(t, sel.Options, sdk.Option{Label: "area_under_roc_curve", Value: "area_under_roc_curve"})
	assert.Empty(t, sdktest.All[*sdk.Select](folds)[1:], "two runs: no reference to choose")
	x, y := xmlFolds(t, a, "predictive_accuracy"), xmlFolds(t, b, "predictive_accuracy")
	require.Len(t, x, 10)
	ft := sdktest.Find[*sdk.Table](t, folds, compare.FoldTable)
	assert.Equal(t, []string{"fold", "run-539275", "run-572944", "diff-572944"}, columnIDs(ft))
	assert.Equal(t, []float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, numbers(column(t, ft, "fold")))
	assert.Equal(t, x, numbers(column(t, ft, "run-539275")))
	assert.Equal(t, y, numbers(column(t, ft, "run-572944")))
	assert.Equal(t, make([]float64, 10), numbers(column(t, ft, "diff-572944")), "zero differences")

	want, err := sdkcompare.CorrectedTTest(y, x, 0.1)
	require.NoError(t, err)
	_, werr := sdkcompare.Wilcoxon(y, x)
	require.Error(t, werr, "every difference is zero")
	tt := sdktest.Find[*sdk.Table](t, folds, compare.TestsTable)
	require.Len(t, tt.Rows, 1)
	assert.Equal(t, []float64{10, 0, 0, 10, 0}, numbers([]sdk.Cell{tt.Rows[0].Cells[2], tt.Rows[0].Cells[3], tt.Rows[0].Cells[4], tt.Rows[0].Cells[5], tt.Rows[0].Cells[6]}))
	assert.True(t, column(t, tt, "wilcoxon_p")[0].Missing, "no Wilcoxon test without a non-zero difference")
	assert.Equal(t, []float64{want.T, want.DF, want.PValue}, numbers([]sdk.Cell{column(t, tt, "t")[0], column(t, tt, "df")[0], column(t, tt, "t_p")[0]}))
	assert.Equal(t, 1.0, want.PValue)
	md := markdowns(folds)
	assert.Contains(t, md, `Run 539275 and run 572944 have the same predictive\_accuracy on all 10 folds: there is no difference to test (corrected t-test p = 1; the Wilcoxon test is not defined when every difference is zero).`)
	assert.Contains(t, md[len(md)-1], "The corrected t-test takes each test fold to hold 1/10 of the data, as task 59's estimation procedure is 10-fold cross-validation.")
	chart := sdktest.Find[*sdk.Chart](t, folds, compare.FoldChart)
	assert.Equal(t, []string{"runs 539275 = 572944"}, seriesNames(chart), "identical values share one series")
	assert.Equal(t, x, chart.Series[0].Y)

	// Curves: one shared series per chart; the first class is shown first.
	curves := sdktest.TabChildren(t, page, "curves")
	cls := sdktest.Find[*sdk.Select](t, curves, compare.ClassSelect)
	assert.Equal(t, sdk.Options("Iris-setosa", "Iris-versicolor", "Iris-virginica"), cls.Options)
	assert.Equal(t, []string{"runs 539275 = 572944 (AUC 1.000)"}, seriesNames(sdktest.Find[*sdk.Chart](t, curves, compare.ROCChart)))
	assert.Equal(t, []string{"runs 539275 = 572944 (AP 1.000)"}, seriesNames(sdktest.Find[*sdk.Chart](t, curves, compare.PRChart)))

	// Another class, through the callback: its AUC as the test computes it
	// from the predictions file, and OpenML's own.
	patch, err := h.Callback(&sdk.CallbackRequest{Ref: comparison(t, sdk.DefaultServer, 539275, 572944), ID: compare.CurvesCallback,
		Inputs: []sdk.Arg{{Ref: sdk.Input(compare.ClassSelect, sdk.PropValue), Value: sdk.StrValue("Iris-versicolor")}}})
	require.NoError(t, err)
	cs := filled(t, patch)
	rows := arffRows(t, predictionsPath(t, www, a))
	auc := mannWhitneyAUC(t, rows, "Iris-versicolor")
	areas := sdktest.Find[*sdk.Table](t, cs, compare.AreasTable)
	assert.InDeltaSlice(t, []float64{auc, auc}, numbers(column(t, areas, "roc_auc")), 1e-12)
	assert.Equal(t, []float64{150, 150}, numbers(column(t, areas, "instances")))
	assert.InDeltaSlice(t, []float64{accuracyOf(rows), accuracyOf(rows)}, numbers(column(t, areas, "accuracy")), 1e-12)
	assert.Equal(t, []float64{0.94, 0.94}, numbers(column(t, areas, "openml_auc")), "area_under_roc_curve's array_data [1,0.94,0.94]")
	assert.Equal(t, []string{fmt.Sprintf("runs 539275 = 572944 (AUC %.3f)", auc)}, seriesNames(sdktest.Find[*sdk.Chart](t, cs, compare.ROCChart)))

	// Parameters: both set the same seven alike, so all are shown at once.
	params := sdktest.TabChildren(t, page, "parameters")
	pt := sdktest.Find[*sdk.Table](t, params, compare.ParametersTable)
	assert.Equal(t, []string{"fw.method", "fw.perc", "mtry", "ntree", "openml.kind", "openml.normal.kind", "openml.seed"}, texts(column(t, pt, "name")))
	assert.Equal(t, []string{"same", "same", "same", "same", "same", "same", "same"}, texts(column(t, pt, "differs")))
	assert.Empty(t, sdktest.All[*sdk.Checklist](params), "nothing to fold")
	assert.Contains(t, markdowns(params)[0], "The runs set all 7 parameters alike.")
}

// TestRecorded_differentTasks: test-server runs 219 and 221 are on task
// 19, run 220 on task 20: the notice names the tasks, per-fold scores and
// curves are left out, and the parameters are still compared.
func TestRecorded_differentTasks(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, compare.New(), sdktest.Recorded(recordings.Require(t, "test")))
	ref := comparison(t, testServer, 219, 221, 220)
	page, err := h.Layout(ref)
	require.NoError(t, err)
	assert.Equal(t, "3 runs on tasks 19 and 20", page.Title)
	assert.Equal(t, []string{"overview", "parameters"}, tabIDs(page), "no per-fold comparison or curves across tasks")

	require.NotNil(t, page.Notice, "the page's notice, above every tab")
	assert.Equal(t, sdk.Warning, page.Notice.Level)
	assert.Equal(t, "These runs are on different tasks: runs 219 and 221 on task 19 and run 220 on task 20", page.Notice.Summary)
	assert.Contains(t, page.Notice.Detail, "same splits")
	overview := sdktest.TabChildren(t, page, "overview")
	assert.Empty(t, sdktest.All[*sdk.Notice](overview), "said once, above the tabs")
	links := sdktest.All[*sdk.Link](overview)
	require.Len(t, links, 1)
	assert.Equal(t, comparison(t, testServer, 219, 221), links[0].Ref, "the runs of task 19 alone")
	runs := sdktest.Find[*sdk.Table](t, overview, compare.RunsTable)
	assert.Equal(t, []string{"task 19", "task 19", "task 20"}, texts(column(t, runs, "task")))
	assert.Equal(t, sdk.EntityRef{Server: testServer, Kind: sdk.KindTask, ID: 20}, runs.Rows[2].Cells[2].Link)

	params := sdktest.TabChildren(t, page, "parameters")
	pt := sdktest.Find[*sdk.Table](t, params, compare.ParametersTable)
	assert.Equal(t, []string{"xval", "openml.seed", "openml.kind", "openml.normal.kind"}, texts(column(t, pt, "name")))
	assert.Equal(t, []string{"run-219", "run-221", "run-220"}, columnIDs(pt)[2:])
	for _, id := range []string{compare.FoldTable, compare.ROCChart} {
		sdk.Walk(append(overview, params...), func(c sdk.Component) bool {
			assert.NotEqual(t, id, c.ComponentID())
			return true
		})
	}
}

// TestRecorded_sameTaskTests: runs 219 and 221 on task 19 have equal
// accuracy on every fold but different AUCs; the tests' numbers are
// sdk/compare's on the per-fold values read here from the run
// descriptions, and the curves' areas the test's own from the files.
func TestRecorded_sameTaskTests(t *testing.T) {
	t.Parallel()
	root := recordings.Require(t, "test")
	h := sdktest.Run(t, compare.New(), sdktest.Recorded(root))
	ref := comparison(t, testServer, 219, 221)
	page, err := h.Layout(ref)
	require.NoError(t, err)
	assert.Equal(t, "Runs 219 and 221 on task 19", page.Title)
	folds := sdktest.TabChildren(t, page, "folds")
	assert.Equal(t, []string{"predictive_accuracy"}, sdktest.Find[*sdk.Select](t, folds, compare.MeasureSelect).Values,
		"task 19 names no measure: the first fallback the runs have")

	patch, err := h.Callback(&sdk.CallbackRequest{Ref: ref, ID: compare.FoldCallback,
		Inputs: []sdk.Arg{{Ref: sdk.Input(compare.MeasureSelect, sdk.PropValue), Value: sdk.StrValue("area_under_roc_curve")}}})
	require.NoError(t, err)
	cs := filled(t, patch)
	x := xmlFolds(t, apiFile(root, "run/219"), "area_under_roc_curve")
	y := xmlFolds(t, apiFile(root, "run/221"), "area_under_roc_curve")
	ft := sdktest.Find[*sdk.Table](t, cs, compare.FoldTable)
	assert.Equal(t, x, numbers(column(t, ft, "run-219")))
	assert.Equal(t, y, numbers(column(t, ft, "run-221")))
	diffs := numbers(column(t, ft, "diff-221"))
	better := 0
	for i := range x {
		assert.InDelta(t, y[i]-x[i], diffs[i], 1e-12)
		if y[i] > x[i] {
			better++
		}
	}
	w, err := sdkcompare.Wilcoxon(y, x)
	require.NoError(t, err)
	tr, err := sdkcompare.CorrectedTTest(y, x, 0.1)
	require.NoError(t, err)
	tt := sdktest.Find[*sdk.Table](t, cs, compare.TestsTable)
	require.Len(t, tt.Rows, 1)
	assert.Equal(t, float64(better), column(t, tt, "better")[0].Number)
	assert.InDelta(t, w.Statistic, column(t, tt, "wilcoxon_w")[0].Number, 1e-12)
	assert.InDelta(t, w.PValue, column(t, tt, "wilcoxon_p")[0].Number, 1e-12)
	assert.Equal(t, string(w.Method), column(t, tt, "wilcoxon_method")[0].Text)
	assert.InDelta(t, tr.T, column(t, tt, "t")[0].Number, 1e-12)
	assert.InDelta(t, tr.PValue, column(t, tt, "t_p")[0].Number, 1e-12)
	assert.InDelta(t, tr.MeanDiff, column(t, tt, "mean_diff")[0].Number, 1e-12)
	// The plain Wilcoxon test finds the difference, the corrected t-test,
	// which allows for the folds' overlapping training sets, does not.
	require.Less(t, w.PValue, 0.05)
	require.GreaterOrEqual(t, tr.PValue, 0.05)
	require.Greater(t, better, 5, "run 221 has the better AUC on most folds")
	assert.Contains(t, markdowns(cs), fmt.Sprintf("Run 221 is better than run 219 on %d of 10 folds; the tests disagree at 5%%: "+
		"the Wilcoxon test finds the difference significant (p = %s), the corrected t-test does not (p = %s).",
		better, strconv.FormatFloat(w.PValue, 'g', 2, 64), strconv.FormatFloat(tr.PValue, 'g', 2, 64)))

	// Accuracy: equal on every fold.
	patch, err = h.Callback(&sdk.CallbackRequest{Ref: ref, ID: compare.FoldCallback,
		Inputs: []sdk.Arg{{Ref: sdk.Input(compare.MeasureSelect, sdk.PropValue), Value: sdk.StrValue("predictive_accuracy")}}})
	require.NoError(t, err)
	assert.Equal(t, xmlFolds(t, apiFile(root, "run/219"), "predictive_accuracy"), xmlFolds(t, apiFile(root, "run/221"), "predictive_accuracy"))
	assert.Contains(t, markdowns(filled(t, patch))[1], "have the same predictive\\_accuracy on all 10 folds")

	// Curves of class B (multi-class balance-scale), from each run's file.
	curves := sdktest.TabChildren(t, page, "curves")
	assert.Equal(t, sdk.Options("L", "B", "R"), sdktest.Find[*sdk.Select](t, curves, compare.ClassSelect).Options)
	patch, err = h.Callback(&sdk.CallbackRequest{Ref: ref, ID: compare.CurvesCallback,
		Inputs: []sdk.Arg{{Ref: sdk.Input(compare.ClassSelect, sdk.PropValue), Value: sdk.StrValue("B")}}})
	require.NoError(t, err)
	cs = filled(t, patch)
	aucA := mannWhitneyAUC(t, arffRows(t, predictionsPath(t, root, apiFile(root, "run/219"))), "B")
	aucB := mannWhitneyAUC(t, arffRows(t, predictionsPath(t, root, apiFile(root, "run/221"))), "B")
	areas := sdktest.Find[*sdk.Table](t, cs, compare.AreasTable)
	assert.InDeltaSlice(t, []float64{aucA, aucB}, numbers(column(t, areas, "roc_auc")), 1e-12)
	assert.Equal(t, []string{fmt.Sprintf("run 219 (AUC %.3f)", aucA), fmt.Sprintf("run 221 (AUC %.3f)", aucB)},
		seriesNames(sdktest.Find[*sdk.Chart](t, cs, compare.ROCChart)))
}
