package run_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/internal/recordings"
	"github.com/openml-dash/openml-dash/plugins/run"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

// binaryARFF has two folds of three; it names its truth column "correct",
// as some writers do, and lists the columns out of the usual order.
const binaryARFF = `@relation p
@attribute repeat numeric
@attribute fold numeric
@attribute row_id numeric
@attribute confidence.neg numeric
@attribute confidence.pos numeric
@attribute prediction {neg,pos}
@attribute correct {neg,pos}
@data
0,0,0,0.9,0.1,neg,neg
0,0,1,0.65,0.35,neg,pos
0,0,2,0.6,0.4,neg,neg
0,1,3,0.2,0.8,pos,pos
0,1,4,0.8,0.2,neg,neg
0,1,5,0.4,0.6,pos,pos
`

// multiARFF has three classes; fold 1 has no instance of c and one row
// whose truth is missing.
const multiARFF = `@relation p
@attribute repeat numeric
@attribute fold numeric
@attribute row_id numeric
@attribute prediction {a,b,c}
@attribute truth {a,b,c}
@attribute confidence.a numeric
@attribute confidence.b numeric
@attribute confidence.c numeric
@data
0,0,0,a,a,0.7,0.2,0.1
0,0,1,b,a,0.4,0.5,0.1
0,0,2,b,b,0.1,0.8,0.1
0,0,3,c,c,0.2,0.2,0.6
0,0,4,a,c,0.5,0.1,0.4
0,1,5,a,a,0.6,0.3,0.1
0,1,6,b,b,0.3,0.6,0.1
0,1,7,a,b,0.5,0.4,0.1
0,1,8,b,?,0.2,0.7,0.1
`

// regressionARFF has one row without a prediction.
const regressionARFF = `@relation p
@attribute repeat numeric
@attribute fold numeric
@attribute row_id numeric
@attribute prediction numeric
@attribute truth numeric
@data
0,0,0,2.5,3
0,0,1,0,-0.5
0,1,2,2,2
0,1,3,8,7
0,1,4,?,1
`

func withPredictions(taskType, arff string) map[string][]byte {
	return map[string][]byte{"run/30": runXML(taskType, predictionsFile), predictionsKey: []byte(arff)}
}

func foldRequest(ref sdk.EntityRef, value string) *sdk.CallbackRequest {
	return &sdk.CallbackRequest{
		Ref: ref, ID: run.PredictionsCallback,
		Inputs:    []sdk.Arg{{Ref: sdk.Input(run.FoldSelect, sdk.PropValue), Value: sdk.StrValue(value)}},
		Triggered: []sdk.PropRef{sdk.Input(run.FoldSelect, sdk.PropValue)},
	}
}

func layoutPredictions(t *testing.T, h *sdktest.Harness, ref sdk.EntityRef) (*sdk.Page, []sdk.Component) {
	t.Helper()
	page, err := h.Layout(ref)
	require.NoError(t, err)
	return page, tab(t, page, "predictions")
}

func seriesNames(c *sdk.Chart) []string {
	var out []string
	for _, s := range c.Series {
		out = append(out, s.Name)
	}
	return out
}

// classNumbers reads the class table: per class, the numeric columns.
func classNumbers(t *testing.T, cs []sdk.Component, col string) []float64 {
	t.Helper()
	cells := column(t, sdktest.Find[*sdk.Table](t, cs, run.ClassTable), col)
	out := make([]float64, len(cells))
	for i, c := range cells {
		out[i] = c.Number
		if c.Missing {
			out[i] = math.NaN()
		}
	}
	return out
}

// The expected curves and areas of the synthetic files were printed by
// scikit-learn 1.2.1: roc_curve, auc, average_precision_score and
// confusion_matrix on the rows of each view (one class against the rest).

func TestPredictions_binary(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, run.New(), sdktest.Answers(withPredictions("Supervised Classification", binaryARFF)))
	page, preds := layoutPredictions(t, h, runRef)

	sel := sdktest.Find[*sdk.Select](t, preds, run.FoldSelect)
	assert.Equal(t, []sdk.Option{{Label: "pooled (all folds)", Value: run.Pooled}, {Label: "fold 0", Value: "0/0"}, {Label: "fold 1", Value: "0/1"}}, sel.Options)
	assert.Equal(t, []string{run.Pooled}, sel.Values)
	assert.Contains(t, page.Callbacks, sdk.Callback{
		ID:                 run.PredictionsCallback,
		Inputs:             []sdk.PropRef{sdk.Input(run.FoldSelect, sdk.PropValue)},
		Outputs:            []sdk.PropRef{sdk.Output(run.PredictionsSlot, sdk.PropChildren)},
		PreventInitialCall: true,
	})

	roc := sdktest.Find[*sdk.Chart](t, preds, run.ROCChart)
	assert.Equal(t, sdk.ChartLine, roc.Kind)
	assert.Equal(t, "ROC curve, positive class pos", roc.Title)
	require.Len(t, roc.Series, 1, "binary: one curve")
	assert.Equal(t, "pos (AUC 0.889)", roc.Series[0].Name)
	assert.InDeltaSlice(t, []float64{0, 0, 0, 1.0 / 3, 1.0 / 3, 1}, roc.Series[0].X, 1e-12)
	assert.InDeltaSlice(t, []float64{0, 1.0 / 3, 2.0 / 3, 2.0 / 3, 1, 1}, roc.Series[0].Y, 1e-12)
	assert.Equal(t, []string{"pos (AP 0.917)"}, seriesNames(sdktest.Find[*sdk.Chart](t, preds, run.PRChart)))
	assert.InDeltaSlice(t, []float64{0.888888888888889, 0.888888888888889}, classNumbers(t, preds, "roc_auc"), 1e-9)
	assert.InDeltaSlice(t, []float64{0.9166666666666665, 0.9166666666666665}, classNumbers(t, preds, "ap"), 1e-9)

	cm := sdktest.Find[*sdk.Chart](t, preds, run.ConfusionChart)
	assert.Equal(t, sdk.ChartHeatmap, cm.Kind)
	assert.Equal(t, []string{"neg", "pos"}, cm.X.Categories)
	assert.Equal(t, []string{"neg", "pos"}, cm.Y.Categories)
	assert.Equal(t, []float64{3, 0, 1, 2}, cm.Series[0].Z)
	assert.Equal(t, []string{"3", "0", "1", "2"}, cm.Series[0].Labels)
	assert.True(t, strings.HasPrefix(sdktest.All[*sdk.Text](preds)[0].Markdown, "6 predictions, pooled over all folds. Accuracy 0.8333 (5 of 6 correct)."))

	// Fold 0: one positive (0.35) between two negatives (0.1, 0.4).
	patch, err := h.Callback(foldRequest(runRef, "0/0"))
	require.NoError(t, err)
	fold := filled(t, patch, run.PredictionsSlot)
	assert.Equal(t, []string{"pos (AUC 0.500)"}, seriesNames(sdktest.Find[*sdk.Chart](t, fold, run.ROCChart)))
	assert.Equal(t, []string{"pos (AP 0.500)"}, seriesNames(sdktest.Find[*sdk.Chart](t, fold, run.PRChart)))
	assert.Equal(t, []float64{2, 0, 1, 0}, sdktest.Find[*sdk.Chart](t, fold, run.ConfusionChart).Series[0].Z)
	assert.True(t, strings.HasPrefix(sdktest.All[*sdk.Text](fold)[0].Markdown, "3 predictions, repeat 0, fold 0."))

	patch, err = h.Callback(foldRequest(runRef, "0/1"))
	require.NoError(t, err)
	fold = filled(t, patch, run.PredictionsSlot)
	assert.Equal(t, []string{"pos (AUC 1.000)"}, seriesNames(sdktest.Find[*sdk.Chart](t, fold, run.ROCChart)))
	assert.Equal(t, []float64{1, 0, 0, 2}, sdktest.Find[*sdk.Chart](t, fold, run.ConfusionChart).Series[0].Z)

	patch, err = h.Callback(foldRequest(runRef, run.Pooled))
	require.NoError(t, err)
	assert.Equal(t, []string{"pos (AUC 0.889)"}, seriesNames(sdktest.Find[*sdk.Chart](t, filled(t, patch, run.PredictionsSlot), run.ROCChart)), "back to pooled")
}

func TestPredictions_multiclass(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, run.New(), sdktest.Answers(withPredictions("Supervised Classification", multiARFF)))
	_, preds := layoutPredictions(t, h, runRef)

	roc := sdktest.Find[*sdk.Chart](t, preds, run.ROCChart)
	assert.Equal(t, "ROC curves, each class against the rest", roc.Title)
	assert.Equal(t, []string{"a (AUC 0.867)", "b (AUC 0.933)", "c (AUC 1.000)"}, seriesNames(roc))
	assert.InDeltaSlice(t, []float64{0, 0, 0, 0.2, 0.2, 0.4, 0.8, 1}, roc.Series[1].X, 1e-12)
	assert.InDeltaSlice(t, []float64{0, 1.0 / 3, 2.0 / 3, 2.0 / 3, 1, 1, 1, 1}, roc.Series[1].Y, 1e-12)
	assert.Equal(t, []string{"a (AP 0.867)", "b (AP 0.917)", "c (AP 1.000)"}, seriesNames(sdktest.Find[*sdk.Chart](t, preds, run.PRChart)))
	assert.InDeltaSlice(t, []float64{0.8666666666666667, 0.9333333333333333, 1}, classNumbers(t, preds, "roc_auc"), 1e-9)
	assert.InDeltaSlice(t, []float64{0.8666666666666667, 0.9166666666666665, 1}, classNumbers(t, preds, "ap"), 1e-9)
	assert.Equal(t, []float64{2, 1, 0, 1, 2, 0, 1, 0, 1}, sdktest.Find[*sdk.Chart](t, preds, run.ConfusionChart).Series[0].Z)
	assert.Equal(t, []float64{3, 3, 2}, classNumbers(t, preds, "support"))
	assert.Equal(t, []float64{4, 3, 1}, classNumbers(t, preds, "predicted"))
	assert.True(t, strings.HasPrefix(sdktest.All[*sdk.Text](preds)[0].Markdown,
		"9 predictions, pooled over all folds. 1 have a missing true or predicted class and are left out. Accuracy 0.6250 (5 of 8 correct)."))

	patch, err := h.Callback(foldRequest(runRef, "0/1"))
	require.NoError(t, err)
	fold := filled(t, patch, run.PredictionsSlot)
	assert.Equal(t, []string{"a (AUC 1.000)", "b (AUC 1.000)"}, seriesNames(sdktest.Find[*sdk.Chart](t, fold, run.ROCChart)), "no c in fold 1")
	assert.Equal(t, "No curve for c (no positive instances).", sdktest.All[*sdk.Text](fold)[1].Markdown)
	assert.Equal(t, []float64{1, 0, 0, 1, 1, 0, 0, 0, 0}, sdktest.Find[*sdk.Chart](t, fold, run.ConfusionChart).Series[0].Z)
	auc := classNumbers(t, fold, "roc_auc")
	assert.Equal(t, []float64{1, 1}, auc[:2])
	assert.True(t, math.IsNaN(auc[2]), "no AUC for an absent class")
	prec := classNumbers(t, fold, "precision")
	assert.True(t, math.IsNaN(prec[2]), "c is never predicted: no precision (scikit-learn says 0 with a warning)")
}

func TestPredictions_regression(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, run.New(), sdktest.Answers(withPredictions("Supervised Regression", regressionARFF)))
	_, preds := layoutPredictions(t, h, runRef)
	// mean_squared_error([3, -0.5, 2, 7], [2.5, 0, 2, 8], squared=False) =
	// 0.6123724356957945; mean_absolute_error = 0.5.
	assert.Equal(t, "5 predictions, pooled over all folds. 1 have a missing true or predicted value and are left out. "+
		"Root mean squared error 0.612372, mean absolute error 0.5 (as scikit-learn's mean_squared_error, square-rooted, and mean_absolute_error).",
		sdktest.All[*sdk.Text](preds)[0].Markdown)
	sc := sdktest.Find[*sdk.Chart](t, preds, run.ScatterChart)
	assert.Equal(t, sdk.ChartScatter, sc.Kind)
	assert.Equal(t, "True value", sc.X.Title)
	assert.Equal(t, []float64{3, -0.5, 2, 7}, sc.Series[0].X)
	assert.Equal(t, []float64{2.5, 0, 2, 8}, sc.Series[0].Y)
	hist := sdktest.Find[*sdk.Chart](t, preds, run.ResidualChart)
	assert.Equal(t, sdk.ChartHistogram, hist.Kind)
	require.Len(t, hist.Series, 1)
	s := hist.Series[0]
	assert.Len(t, s.X, len(s.Y)+1, "bin edges")
	assert.Equal(t, -0.5, s.X[0])
	assert.Equal(t, 1.0, s.X[len(s.X)-1])
	var n float64
	for _, y := range s.Y {
		n += y
	}
	assert.Equal(t, 4.0, n, "every counted residual in a bin")
	assert.Empty(t, sdktest.All[*sdk.Table](preds), "no class table")

	patch, err := h.Callback(foldRequest(runRef, "0/1"))
	require.NoError(t, err)
	fold := filled(t, patch, run.PredictionsSlot)
	// Fold 1: residuals 0 and 1: RMSE sqrt(0.5), MAE 0.5.
	assert.Contains(t, sdktest.All[*sdk.Text](fold)[0].Markdown, "Root mean squared error 0.707107, mean absolute error 0.5")
	assert.Equal(t, []float64{2, 7}, sdktest.Find[*sdk.Chart](t, fold, run.ScatterChart).Series[0].X)
}

func TestPredictions_taskTypeFromFile(t *testing.T) {
	t.Parallel()
	// The run names no task type and the task is not there: the file says
	// regression.
	h := sdktest.Run(t, run.New(), sdktest.Answers(withPredictions("", regressionARFF)))
	_, preds := layoutPredictions(t, h, runRef)
	sdktest.Find[*sdk.Chart](t, preds, run.ScatterChart)

	// The task says classification.
	answers := withPredictions("", binaryARFF)
	answers["task/5"] = []byte(taskXML("Supervised Classification", "predictive_accuracy"))
	h = sdktest.Run(t, run.New(), sdktest.Answers(answers))
	_, preds = layoutPredictions(t, h, runRef)
	sdktest.Find[*sdk.Chart](t, preds, run.ROCChart)
	patch, err := h.Callback(foldRequest(runRef, "0/1"))
	require.NoError(t, err)
	sdktest.Find[*sdk.Chart](t, filled(t, patch, run.PredictionsSlot), run.ROCChart)
}

// notice is the predictions tab's single notice, with the rest of the
// page intact.
func notice(t *testing.T, h *sdktest.Harness) *sdk.Notice {
	t.Helper()
	page, preds := layoutPredictions(t, h, runRef)
	assert.NotEmpty(t, fields(t, page), "the overview still shows")
	require.Len(t, preds, 1)
	n, ok := preds[0].(*sdk.Notice)
	require.True(t, ok, "got %T", preds[0])
	for _, cb := range page.Callbacks {
		assert.NotEqual(t, run.PredictionsCallback, cb.ID, "no selector, so no callback")
	}
	return n
}

func TestPredictions_notShown(t *testing.T) {
	t.Parallel()
	unavailable := &sdk.FetchError{Code: sdk.FetchUnavailable, Message: "the server could not be reached"}
	cases := map[string]struct {
		host    *sdktest.Host
		level   sdk.NoticeLevel
		summary string
		detail  string
	}{
		"no predictions file": {
			host:  sdktest.Answers(map[string][]byte{"run/30": runXML("Supervised Classification", "")}),
			level: sdk.Info, summary: "This run has no predictions file", detail: `no output file named "predictions"`,
		},
		"file not found": {
			host:  sdktest.Answers(map[string][]byte{"run/30": runXML("Supervised Classification", predictionsFile)}),
			level: sdk.Warning, summary: "The predictions file could not be loaded",
			detail: "sdktest: no answer for " + predictionsKey + ". The other tabs are not affected", // the host's message names the file, once
		},
		"server unreachable": {
			host:  failingFiles(map[string][]byte{"run/30": runXML("Supervised Classification", predictionsFile)}, unavailable),
			level: sdk.Warning, summary: "The predictions file could not be loaded",
			detail: "the server could not be reached",
		},
		"malformed file": {
			host:  sdktest.Answers(withPredictions("Supervised Classification", "@relation p\n@attribute fold numeric\n@data\n0\n")),
			level: sdk.Warning, summary: "The predictions file could not be loaded",
			detail: "a predictions file needs a repeat column",
		},
		"clustering": {
			host:  sdktest.Answers(withPredictions("Clustering", binaryARFF)),
			level: sdk.Info, summary: "Predictions of Clustering runs are not shown",
			detail: "classification runs (ROC and precision-recall curves, confusion matrix) and regression runs",
		},
		"learning curve": {
			host:  sdktest.Answers(withPredictions("Learning Curve", binaryARFF)),
			level: sdk.Info, summary: "Predictions of Learning Curve runs are not shown",
		},
		"classes for regression": {
			host:  sdktest.Answers(withPredictions("Supervised Regression", binaryARFF)),
			level: sdk.Warning, summary: "The predictions do not fit the task",
			detail: "holds classes, not numbers",
		},
		"numbers for classification": {
			host:  sdktest.Answers(withPredictions("Supervised Classification", regressionARFF)),
			level: sdk.Warning, summary: "The predictions do not fit the task",
			detail: "holds numbers, not classes",
		},
		"empty file": {
			host:  sdktest.Answers(withPredictions("Supervised Regression", strings.SplitAfter(regressionARFF, "@data\n")[0])),
			level: sdk.Info, summary: "The predictions file is empty",
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			n := notice(t, sdktest.Run(t, run.New(), c.host))
			assert.Equal(t, c.level, n.Level)
			assert.Equal(t, c.summary, n.Summary)
			assert.Contains(t, n.Detail, c.detail)
		})
	}
}

func TestPredictions_fetchedOnce(t *testing.T) {
	t.Parallel()
	host := sdktest.Answers(withPredictions("Supervised Classification", binaryARFF))
	h := sdktest.Run(t, run.New(), host)
	layoutPredictions(t, h, runRef)
	for _, v := range []string{"0/0", "0/1", run.Pooled} {
		_, err := h.Callback(foldRequest(runRef, v))
		require.NoError(t, err)
	}
	files := 0
	for _, f := range host.Fetches {
		if f.URL != "" {
			files++
			assert.True(t, f.AsFile, "the predictions come as a file")
			assert.Equal(t, predictionsURL, f.URL)
		}
	}
	assert.Equal(t, 1, files, "the file is read once and kept")
}

func TestPredictions_failedFetchIsRetried(t *testing.T) {
	t.Parallel()
	answers := withPredictions("Supervised Classification", binaryARFF)
	var fail atomic.Bool
	fail.Store(true)
	ok := sdktest.Answers(answers)
	host := failingFiles(answers, &sdk.FetchError{Code: sdk.FetchUnavailable, Message: "offline"})
	api := host.FetchFunc
	host.FetchFunc = func(ctx context.Context, req sdk.FetchRequest) (*sdk.FetchResponse, error) {
		if fail.Load() {
			return api(ctx, req)
		}
		return ok.Fetch(ctx, req)
	}
	h := sdktest.Run(t, run.New(), host)
	assert.Equal(t, "The predictions file could not be loaded", notice(t, h).Summary)
	fail.Store(false)
	patch, err := h.Callback(foldRequest(runRef, "0/1"))
	require.NoError(t, err)
	sdktest.Find[*sdk.Chart](t, filled(t, patch, run.PredictionsSlot), run.ROCChart)
}

func TestPredictions_callbackProblems(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, run.New(), sdktest.Answers(withPredictions("Supervised Classification", binaryARFF)))
	cases := map[string]struct {
		value, summary, detail string
	}{
		"not a fold":   {"first", "Unknown fold", `"first" names no repeat and fold`},
		"trailing":     {"0/1x", "Unknown fold", `"0/1x" names no repeat and fold`},
		"absent fold":  {"0/7", "No predictions for this fold", "no rows for repeat 0, fold 7"},
		"other repeat": {"2/0", "No predictions for this fold", "no rows for repeat 2, fold 0"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			patch, err := h.Callback(foldRequest(runRef, c.value))
			require.NoError(t, err)
			children := filled(t, patch, run.PredictionsSlot)
			require.Len(t, children, 1)
			n := children[0].(*sdk.Notice)
			assert.Equal(t, c.summary, n.Summary)
			assert.Contains(t, n.Detail, c.detail)
		})
	}

	noRun := sdktest.Run(t, run.New(), sdktest.Answers(nil))
	patch, err := noRun.Callback(foldRequest(runRef, "0/0"))
	require.NoError(t, err)
	n := filled(t, patch, run.PredictionsSlot)[0].(*sdk.Notice)
	assert.Equal(t, "The run could not be loaded", n.Summary)
}

func TestPredictions_noConfidences(t *testing.T) {
	t.Parallel()
	arff := "@relation p\n@attribute repeat numeric\n@attribute fold numeric\n@attribute row_id numeric\n@attribute prediction {x,y}\n@attribute truth {x,y}\n@data\n0,0,0,x,x\n0,0,1,x,y\n"
	h := sdktest.Run(t, run.New(), sdktest.Answers(withPredictions("Supervised Classification", arff)))
	_, preds := layoutPredictions(t, h, runRef)
	n := sdktest.All[*sdk.Notice](preds)
	require.Len(t, n, 1)
	assert.Equal(t, "No ROC or precision-recall curves", n[0].Summary)
	for _, c := range sdktest.All[*sdk.Chart](preds) {
		assert.NotContains(t, []string{run.ROCChart, run.PRChart}, c.ID)
	}
	assert.Equal(t, []float64{1, 0, 1, 0}, sdktest.Find[*sdk.Chart](t, preds, run.ConfusionChart).Series[0].Z, "the matrix needs no confidences")
}

// TestPredictions_recorded539275 checks the page's numbers against
// scikit-learn 1.2.1 on the same file
// (www/data/download/1840863/predictions1a3c3e1b7277.arff, all 150 rows):
//
//	y = truth == c; s = confidence.c
//	fpr, tpr, _ = roc_curve(y, s); auc(fpr, tpr)
//	average_precision_score(y, s)
//	confusion_matrix(truth, prediction, labels=classes)
//	precision_score / recall_score(truth, prediction, average=None)
func TestPredictions_recorded539275(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, run.New(), sdktest.Recorded(recordings.Require(t, "www")))
	_, preds := layoutPredictions(t, h, www)

	sel := sdktest.Find[*sdk.Select](t, preds, run.FoldSelect)
	require.Len(t, sel.Options, 11, "pooled and ten folds")
	assert.Equal(t, sdk.Option{Label: "fold 9", Value: "0/9"}, sel.Options[10])

	classes := []string{"Iris-setosa", "Iris-versicolor", "Iris-virginica"}
	assert.Equal(t, classes, texts(column(t, sdktest.Find[*sdk.Table](t, preds, run.ClassTable), "class")))
	assert.InDeltaSlice(t, []float64{1.0, 0.94, 0.94}, classNumbers(t, preds, "roc_auc"), 1e-9)
	assert.InDeltaSlice(t, []float64{1.0, 0.8730666666666667, 0.8730666666666667}, classNumbers(t, preds, "ap"), 1e-9)
	assert.InDeltaSlice(t, []float64{1.0, 0.92, 0.92}, classNumbers(t, preds, "precision"), 1e-9)
	assert.InDeltaSlice(t, []float64{1.0, 0.92, 0.92}, classNumbers(t, preds, "recall"), 1e-9)
	assert.Equal(t, []float64{1, 0.94, 0.94}, classNumbers(t, preds, "openml_auc"), "OpenML's per-class AUC agrees")

	// Versicolor's and virginica's curves are the same points: one series
	// names both, rather than one drawn over the other unseen.
	roc := sdktest.Find[*sdk.Chart](t, preds, run.ROCChart)
	assert.Equal(t, []string{"Iris-setosa (AUC 1.000)", "Iris-versicolor = Iris-virginica (AUC 0.940)"}, seriesNames(roc))
	assert.InDeltaSlice(t, []float64{0, 0.04, 1}, roc.Series[1].X, 1e-9)
	assert.InDeltaSlice(t, []float64{0, 0.92, 1}, roc.Series[1].Y, 1e-9)
	pr := sdktest.Find[*sdk.Chart](t, preds, run.PRChart)
	assert.Equal(t, []string{"Iris-setosa (AP 1.000)", "Iris-versicolor = Iris-virginica (AP 0.873)"}, seriesNames(pr))
	var notes []string
	for _, tx := range sdktest.All[*sdk.Text](preds) {
		notes = append(notes, tx.Markdown)
	}
	assert.Contains(t, notes, `Identical curves are drawn once, their classes joined by "=": Iris-versicolor = Iris-virginica, in both charts.`)
	assert.InDeltaSlice(t, []float64{1, 0.92, 0}, pr.Series[1].X, 1e-9)
	assert.InDeltaSlice(t, []float64{1.0 / 3, 0.92, 1}, pr.Series[1].Y, 1e-9)

	cm := sdktest.Find[*sdk.Chart](t, preds, run.ConfusionChart)
	assert.Equal(t, classes, cm.X.Categories)
	assert.Equal(t, classes, cm.Y.Categories)
	assert.Equal(t, []float64{50, 0, 0, 0, 46, 4, 0, 4, 46}, cm.Series[0].Z)
	assert.True(t, strings.HasPrefix(sdktest.All[*sdk.Text](preds)[0].Markdown, "150 predictions, pooled over all folds. Accuracy 0.9467 (142 of 150 correct)."))

	// Fold 0 (the 15 rows with fold == 0): auc 1, 0.9500000000000001, 0.9;
	// average precision 1, 0.8333333333333334, 0.8666666666666667;
	// confusion_matrix [[5,0,0],[0,5,0],[0,1,4]]. OpenML's fold-0 AUC
	// array ([1,0.95,0.9]) is shown beside them.
	patch, err := h.Callback(foldRequest(www, "0/0"))
	require.NoError(t, err)
	fold := filled(t, patch, run.PredictionsSlot)
	assert.Equal(t, []float64{5, 0, 0, 0, 5, 0, 0, 1, 4}, sdktest.Find[*sdk.Chart](t, fold, run.ConfusionChart).Series[0].Z)
	assert.True(t, strings.HasPrefix(sdktest.All[*sdk.Text](fold)[0].Markdown, "15 predictions, repeat 0, fold 0. Accuracy 0.9333 (14 of 15 correct)."))
	assert.InDeltaSlice(t, []float64{1, 0.9500000000000001, 0.9}, classNumbers(t, fold, "roc_auc"), 1e-9)
	assert.InDeltaSlice(t, []float64{1, 0.8333333333333334, 0.8666666666666667}, classNumbers(t, fold, "ap"), 1e-9)
	assert.Equal(t, []float64{1, 0.95, 0.9}, classNumbers(t, fold, "openml_auc"))
}

// TestPredictions_recorded221 checks the curves of a file with real
// probabilities (test server run 221, rpart on balance-scale:
// test/data/download/752/predictions3a78db5551f.arff) against
// scikit-learn 1.2.1, computed as for run 539275. OpenML's own per-class
// AUC ([0.861446,0.491107,0.860112]) agrees to its six digits.
func TestPredictions_recorded221(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, run.New(), sdktest.Recorded(recordings.Require(t, "test")))
	ref := sdk.EntityRef{Server: "https://test.openml.org", Kind: sdk.KindRun, ID: 221}
	_, preds := layoutPredictions(t, h, ref)

	assert.InDeltaSlice(t, []float64{0.8614459693372898, 0.49110685941043086, 0.8601116880975932}, classNumbers(t, preds, "roc_auc"), 1e-9)
	assert.InDeltaSlice(t, []float64{0.8160480167658828, 0.08118341570496651, 0.7871597730745582}, classNumbers(t, preds, "ap"), 1e-9)
	assert.InDeltaSlice(t, []float64{0.861446, 0.491107, 0.860112}, classNumbers(t, preds, "roc_auc"), 1e-6)
	roc := sdktest.Find[*sdk.Chart](t, preds, run.ROCChart)
	assert.Equal(t, []string{"L (AUC 0.861)", "B (AUC 0.491)", "R (AUC 0.860)"}, seriesNames(roc))
	assert.Len(t, roc.Series[0].X, 94, "as many points as roc_curve keeps")
	assert.Len(t, roc.Series[1].X, 72)
	assert.Len(t, roc.Series[2].X, 91)
	assert.Equal(t, []float64{250, 0, 38, 26, 0, 23, 47, 0, 241}, sdktest.Find[*sdk.Chart](t, preds, run.ConfusionChart).Series[0].Z)
	assert.True(t, strings.HasPrefix(sdktest.All[*sdk.Text](preds)[0].Markdown, "625 predictions, pooled over all folds. Accuracy 0.7856 (491 of 625 correct)."))

	// Repeat 0, fold 3 (63 rows), class B against the rest.
	patch, err := h.Callback(foldRequest(ref, "0/3"))
	require.NoError(t, err)
	fold := filled(t, patch, run.PredictionsSlot)
	assert.InDeltaSlice(t, []float64{0.8585192697768763, 0.32931034482758625, 0.8519269776876268}, classNumbers(t, fold, "roc_auc"), 1e-9)
	assert.InDeltaSlice(t, []float64{0.7986745753436546, 0.06598506460257611}, classNumbers(t, fold, "ap")[:2], 1e-9)
	assert.InDeltaSlice(t, []float64{0.8027961532723857}, classNumbers(t, fold, "ap")[2:], 1e-9)
	b := sdktest.Find[*sdk.Chart](t, fold, run.ROCChart).Series[1]
	assert.InDeltaSlice(t, []float64{0.0, 0.06896551724137931, 0.1206896551724138, 0.15517241379310345, 0.20689655172413793, 0.22413793103448276, 0.27586206896551724, 0.3620689655172414, 0.41379310344827586, 0.5, 0.5689655172413793, 0.7931034482758621, 0.896551724137931, 1.0}, b.X, 1e-9)
	assert.InDeltaSlice(t, []float64{0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.2, 0.2, 0.4, 0.4, 0.6, 0.6, 1.0}, b.Y, 1e-9)
	bpr := sdktest.Find[*sdk.Chart](t, fold, run.PRChart).Series[1]
	assert.InDeltaSlice(t, []float64{0.07936507936507936, 0.05454545454545454, 0.061224489795918366, 0.05714285714285714, 0.06451612903225806, 0.04, 0.045454545454545456, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0}, bpr.Y, 1e-9)
	assert.InDeltaSlice(t, []float64{1.0, 0.6, 0.6, 0.4, 0.4, 0.2, 0.2, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0}, bpr.X, 1e-9)
	assert.Equal(t, []float64{24, 0, 5, 2, 0, 3, 3, 0, 26}, sdktest.Find[*sdk.Chart](t, fold, run.ConfusionChart).Series[0].Z)
	assert.Equal(t, []float64{0.858519, 0.32931, 0.851927}, classNumbers(t, fold, "openml_auc"), "the fold's own OpenML AUC")
}

func TestPredictions_recorded220Repeats(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, run.New(), sdktest.Recorded(recordings.Require(t, "test")))
	ref := sdk.EntityRef{Server: "https://test.openml.org", Kind: sdk.KindRun, ID: 220}
	_, preds := layoutPredictions(t, h, ref)
	sel := sdktest.Find[*sdk.Select](t, preds, run.FoldSelect)
	require.Len(t, sel.Options, 11)
	assert.Equal(t, sdk.Option{Label: "pooled (all repeats and folds)", Value: run.Pooled}, sel.Options[0])
	assert.Equal(t, sdk.Option{Label: "repeat 4, fold 1", Value: "4/1"}, sel.Options[10])
	assert.True(t, strings.HasPrefix(sdktest.All[*sdk.Text](preds)[0].Markdown, "3125 predictions, pooled over all repeats and folds."))
	patch, err := h.Callback(foldRequest(ref, "4/1"))
	require.NoError(t, err)
	assert.Contains(t, sdktest.All[*sdk.Text](filled(t, patch, run.PredictionsSlot))[0].Markdown, "repeat 4, fold 1.")
}

// bigFile is a predictions file of n rows in one fold: binary with
// distinct scores, or regression.
func bigFile(n int, classes bool) string {
	var b strings.Builder
	b.WriteString("@relation p\n@attribute repeat numeric\n@attribute fold numeric\n@attribute row_id numeric\n")
	if classes {
		b.WriteString("@attribute prediction {x,y}\n@attribute truth {x,y}\n@attribute confidence.x numeric\n@attribute confidence.y numeric\n@data\n")
	} else {
		b.WriteString("@attribute prediction numeric\n@attribute truth numeric\n@data\n")
	}
	for i := range n {
		// A fixed scramble of 0..n-1 decides the class, so the curve has a
		// corner at nearly every score.
		s := float64((i*7919)%n) / float64(n)
		if classes {
			truth := "x"
			if (i*104729)%3 == 0 {
				truth = "y"
			}
			fmt.Fprintf(&b, "0,0,%d,x,%s,%v,%v\n", i, truth, 1-s, s)
		} else {
			fmt.Fprintf(&b, "0,0,%d,%v,%d\n", i, s*10, i%10)
		}
	}
	return b.String()
}

func TestPredictions_bigCurvesAreThinned(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, run.New(), sdktest.Answers(withPredictions("Supervised Classification", bigFile(9000, true))))
	_, preds := layoutPredictions(t, h, runRef)
	roc := sdktest.Find[*sdk.Chart](t, preds, run.ROCChart).Series[0]
	assert.Len(t, roc.X, 2000, "at most 2000 points drawn")
	assert.Equal(t, [2]float64{0, 0}, [2]float64{roc.X[0], roc.Y[0]})
	assert.Equal(t, [2]float64{1, 1}, [2]float64{roc.X[1999], roc.Y[1999]})
	auc := classNumbers(t, preds, "roc_auc")[1]
	assert.Equal(t, fmt.Sprintf("y (AUC %.3f)", auc), roc.Name, "the area is of the whole curve")
	pr := sdktest.Find[*sdk.Chart](t, preds, run.PRChart).Series[0]
	assert.Len(t, pr.X, 2000)
	assert.Equal(t, [2]float64{0, 1}, [2]float64{pr.X[1999], pr.Y[1999]}, "ends at recall 0, precision 1")

	h = sdktest.Run(t, run.New(), sdktest.Answers(withPredictions("Supervised Regression", bigFile(12000, false))))
	_, preds = layoutPredictions(t, h, runRef)
	sc := sdktest.Find[*sdk.Chart](t, preds, run.ScatterChart)
	assert.Equal(t, "Predicted against true values (every 3rd of 12000 points)", sc.Title)
	assert.Len(t, sc.Series[0].X, 4000)
	var n float64
	for _, y := range sdktest.Find[*sdk.Chart](t, preds, run.ResidualChart).Series[0].Y {
		n += y
	}
	assert.Equal(t, 12000.0, n, "the histogram counts every residual")
}

// TestPredictions_countAgainstSplits: a predictions file cut at a line
// boundary parses, and its numbers look plausible, so the page says that
// it holds fewer rows than the task tests (www r/539275: 150).
func TestPredictions_countAgainstSplits(t *testing.T) {
	t.Parallel()
	dir := recordings.Require(t, "www")
	h := sdktest.Run(t, run.New(), sdktest.Recorded(dir))
	_, preds := layoutPredictions(t, h, www)
	for _, n := range sdktest.All[*sdk.Notice](preds) {
		assert.NotContains(t, n.Summary, "rows, but task", "the whole file agrees with the splits")
	}

	recorded := sdktest.Recorded(dir)
	cut := filepath.Join(t.TempDir(), "cut.arff")
	host := &sdktest.Host{FetchFunc: func(ctx context.Context, req sdk.FetchRequest) (*sdk.FetchResponse, error) {
		resp, err := recorded.Fetch(ctx, req)
		if err != nil || !strings.Contains(req.URL, "predictions") {
			return resp, err
		}
		b, err := os.ReadFile(resp.FilePath)
		if err != nil {
			return nil, err
		}
		lines := strings.SplitAfter(string(b), "\n")
		data := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(strings.ToLower(l), "@data") })
		require.Positive(t, data)
		if err := os.WriteFile(cut, []byte(strings.Join(lines[:data+1+70], "")), 0o644); err != nil {
			return nil, err
		}
		return &sdk.FetchResponse{FilePath: cut}, nil
	}}
	_, preds = layoutPredictions(t, sdktest.Run(t, run.New(), host), www)
	notices := sdktest.All[*sdk.Notice](preds)
	require.NotEmpty(t, notices)
	assert.Equal(t, sdk.Warning, notices[0].Level)
	assert.Equal(t, "The predictions file has 70 rows, but task 59 tests 150", notices[0].Summary)
}
