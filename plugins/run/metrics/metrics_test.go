package metrics_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/plugins/run/metrics"
)

// The expected numbers below were printed by scikit-learn 1.2.1 (numpy
// 1.24.2): roc_curve(y, s), auc(fpr, tpr), precision_recall_curve(y, s),
// average_precision_score(y, s), with y the positive flags and s the scores
// of each case. scikit-learn 1.2 writes max(s)+1 as the first ROC
// threshold where this package writes +Inf (as scikit-learn 1.3 does).
var curveCases = map[string]struct {
	positive []bool
	score    []float64

	fpr, tpr, rocThresholds []float64
	auc                     float64
	precision, recall       []float64
	prThresholds            []float64
	ap                      float64
}{
	"scikit-learn's doc example": {
		positive: []bool{false, false, true, true}, score: []float64{0.1, 0.4, 0.35, 0.8},
		fpr: []float64{0, 0, 0.5, 0.5, 1}, tpr: []float64{0, 0.5, 0.5, 1, 1},
		rocThresholds: []float64{math.Inf(1), 0.8, 0.4, 0.35, 0.1},
		auc:           0.75,
		precision:     []float64{0.5, 0.6666666666666666, 0.5, 1, 1}, recall: []float64{1, 1, 0.5, 0.5, 0},
		prThresholds: []float64{0.1, 0.35, 0.4, 0.8},
		ap:           0.8333333333333333,
	},
	"ties": {
		positive:      []bool{true, false, true, true, false, false, true, false, true, false, false, true},
		score:         []float64{0.9, 0.9, 0.7, 0.7, 0.7, 0.5, 0.5, 0.3, 0.3, 0.3, 0.1, 0.05},
		fpr:           []float64{0, 0.16666666666666666, 0.3333333333333333, 0.5, 0.8333333333333334, 1, 1},
		tpr:           []float64{0, 0.16666666666666666, 0.5, 0.6666666666666666, 0.8333333333333334, 0.8333333333333334, 1},
		rocThresholds: []float64{math.Inf(1), 0.9, 0.7, 0.5, 0.3, 0.1, 0.05},
		auc:           0.5555555555555556,
		precision:     []float64{0.5, 0.45454545454545453, 0.5, 0.5714285714285714, 0.6, 0.5, 1},
		recall:        []float64{1, 0.8333333333333334, 0.8333333333333334, 0.6666666666666666, 0.5, 0.16666666666666666, 0},
		prThresholds:  []float64{0.05, 0.1, 0.3, 0.5, 0.7, 0.9},
		ap:            0.5452380952380952,
	},
	"collinear points dropped": {
		positive: []bool{true, true, true, false, false, false}, score: []float64{0.9, 0.8, 0.7, 0.6, 0.5, 0.4},
		fpr: []float64{0, 0, 0, 1}, tpr: []float64{0, 0.3333333333333333, 1, 1},
		rocThresholds: []float64{math.Inf(1), 0.9, 0.7, 0.4},
		auc:           1,
		precision:     []float64{0.5, 0.6, 0.75, 1, 1, 1, 1}, recall: []float64{1, 1, 1, 1, 0.6666666666666666, 0.3333333333333333, 0},
		prThresholds: []float64{0.4, 0.5, 0.6, 0.7, 0.8, 0.9},
		ap:           1,
	},
}

func TestROC(t *testing.T) {
	t.Parallel()
	for name, c := range curveCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			roc, err := metrics.ROC(c.positive, c.score)
			require.NoError(t, err)
			assert.InDeltaSlice(t, c.fpr, roc.X, 1e-12)
			assert.InDeltaSlice(t, c.tpr, roc.Y, 1e-12)
			assert.Equal(t, c.rocThresholds, roc.Thresholds)
			area, err := metrics.AUC(roc)
			require.NoError(t, err)
			assert.InDelta(t, c.auc, area, 1e-12)
		})
	}
}

func TestPrecisionRecall(t *testing.T) {
	t.Parallel()
	for name, c := range curveCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			pr, err := metrics.PrecisionRecall(c.positive, c.score)
			require.NoError(t, err)
			assert.InDeltaSlice(t, c.precision, pr.Y, 1e-12)
			assert.InDeltaSlice(t, c.recall, pr.X, 1e-12)
			assert.Equal(t, c.prThresholds, pr.Thresholds)
			assert.InDelta(t, c.ap, metrics.AveragePrecision(pr), 1e-12)
		})
	}
}

func TestCurves_scoresAreNotReordered(t *testing.T) {
	t.Parallel()
	score := []float64{0.1, 0.4, 0.35, 0.8}
	_, err := metrics.ROC([]bool{false, false, true, true}, score)
	require.NoError(t, err)
	assert.Equal(t, []float64{0.1, 0.4, 0.35, 0.8}, score)
}

func TestCurves_errors(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		positive []bool
		score    []float64
		roc, pr  string
	}{
		"no positives": {[]bool{false, false}, []float64{0.2, 0.3}, "no positive instances", "no positive instances"},
		"no negatives": {[]bool{true, true}, []float64{0.2, 0.3}, "no negative instances", ""},
		"NaN score":    {[]bool{true, false}, []float64{math.NaN(), 0.3}, "score 0 is NaN: scores must be finite", "score 0 is NaN: scores must be finite"},
		"infinite":     {[]bool{true, false}, []float64{0.3, math.Inf(-1)}, "score 1 is -Inf: scores must be finite", "score 1 is -Inf: scores must be finite"},
		"lengths":      {[]bool{true}, []float64{0.2, 0.3}, "1 labels but 2 scores", "1 labels but 2 scores"},
		"empty":        {nil, nil, "no instances", "no instances"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := metrics.ROC(c.positive, c.score)
			assert.EqualError(t, err, c.roc)
			_, err = metrics.PrecisionRecall(c.positive, c.score)
			if c.pr == "" {
				assert.NoError(t, err)
			} else {
				assert.EqualError(t, err, c.pr)
			}
		})
	}
}

func TestPrecisionRecall_noNegatives(t *testing.T) {
	t.Parallel()
	// precision_recall_curve([1, 1], [0.2, 0.3]): precision [1, 1, 1],
	// recall [1, 0.5, 0]; average precision 1.
	pr, err := metrics.PrecisionRecall([]bool{true, true}, []float64{0.2, 0.3})
	require.NoError(t, err)
	assert.Equal(t, []float64{1, 1, 1}, pr.Y)
	assert.Equal(t, []float64{1, 0.5, 0}, pr.X)
	assert.Equal(t, 1.0, metrics.AveragePrecision(pr))
}

func TestAUC(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		x, y    []float64
		want    float64
		wantErr string
	}{
		"rising":      {x: []float64{0, 0.5, 1}, y: []float64{0, 1, 1}, want: 0.75},
		"falling":     {x: []float64{1, 0.5, 0}, y: []float64{1, 1, 0}, want: 0.75},
		"zigzag":      {x: []float64{0, 1, 0.5}, y: []float64{0, 1, 1}, wantErr: "x is neither increasing nor decreasing"},
		"one point":   {x: []float64{0}, y: []float64{1}, wantErr: "at least 2 points are needed for an area, got 1"},
		"mismatched":  {x: []float64{0, 1}, y: []float64{1}, wantErr: "2 x but 1 y values"},
		"flat at one": {x: []float64{0, 0, 1}, y: []float64{0, 1, 1}, want: 1},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := metrics.AUC(metrics.Curve{X: c.x, Y: c.y})
			if c.wantErr != "" {
				assert.EqualError(t, err, c.wantErr)
				assert.True(t, math.IsNaN(got))
				return
			}
			require.NoError(t, err)
			assert.InDelta(t, c.want, got, 1e-15)
		})
	}
}

func TestConfusion(t *testing.T) {
	t.Parallel()
	// confusion_matrix([0,0,1,2,2,2], [0,1,1,2,0,2], labels=[0,1,2]) is
	// [[1,1,0],[0,1,0],[1,0,2]]; the rows with -1 (missing) are left out.
	m, err := metrics.Confusion([]int{0, 0, 1, 2, 2, 2, -1, 1}, []int{0, 1, 1, 2, 0, 2, 1, -1}, 3)
	require.NoError(t, err)
	assert.Equal(t, []int{1, 1, 0, 0, 1, 0, 1, 0, 2}, m)

	pc, acc := metrics.FromConfusion(m, 3)
	assert.Equal(t, []int{2, 1, 3}, pc.Support)
	assert.Equal(t, []int{2, 2, 2}, pc.Predicted)
	// precision_score(..., average=None) = [0.5, 0.5, 1];
	// recall_score(..., average=None) = [0.5, 1, 0.6666666666666666].
	assert.Equal(t, []float64{0.5, 0.5, 1}, pc.Precision)
	assert.InDeltaSlice(t, []float64{0.5, 1, 0.6666666666666666}, pc.Recall, 1e-15)
	assert.InDelta(t, 4.0/6, acc, 1e-15)

	_, err = metrics.Confusion([]int{0}, nil, 2)
	assert.EqualError(t, err, "1 true classes but 0 predictions")
}

func TestFromConfusion_emptyClasses(t *testing.T) {
	t.Parallel()
	pc, acc := metrics.FromConfusion([]int{2, 0, 0, 0}, 2)
	assert.Equal(t, 1.0, pc.Precision[0])
	assert.True(t, math.IsNaN(pc.Precision[1]), "never predicted")
	assert.True(t, math.IsNaN(pc.Recall[1]), "never occurs")
	assert.Equal(t, 1.0, acc)
	_, acc = metrics.FromConfusion([]int{0, 0, 0, 0}, 2)
	assert.True(t, math.IsNaN(acc))
}

func TestRegressionErrors(t *testing.T) {
	t.Parallel()
	// mean_squared_error([3, -0.5, 2, 7], [2.5, 0, 2, 8], squared=False)
	// = 0.6123724356957945; mean_absolute_error = 0.5. The NaN pairs are
	// left out.
	e, err := metrics.RegressionErrors([]float64{3, -0.5, math.NaN(), 2, 7, 1}, []float64{2.5, 0, 4, 2, 8, math.NaN()})
	require.NoError(t, err)
	assert.Equal(t, 4, e.N)
	assert.InDelta(t, 0.6123724356957945, e.RMSE, 1e-15)
	assert.Equal(t, 0.5, e.MAE)
	assert.Equal(t, []float64{-0.5, 0.5, 0, 1}, e.Residuals)

	e, err = metrics.RegressionErrors([]float64{math.NaN()}, []float64{1})
	require.NoError(t, err)
	assert.Zero(t, e.N)
	assert.True(t, math.IsNaN(e.RMSE) && math.IsNaN(e.MAE))

	_, err = metrics.RegressionErrors([]float64{1}, nil)
	assert.EqualError(t, err, "1 true values but 0 predictions")
}

func TestOneVsRest(t *testing.T) {
	t.Parallel()
	truth := []int{0, 1, 2, -1, 1, 0}
	score := []float64{0.9, 0.2, math.NaN(), 0.5, 0.7, 0.1}
	positive, scores := metrics.OneVsRest(truth, score, 1)
	assert.Equal(t, []bool{false, true, true, false}, positive, "a missing truth and a missing score are left out")
	assert.Equal(t, []float64{0.9, 0.2, 0.7, 0.1}, scores)
	positive, scores = metrics.OneVsRest(nil, nil, 0)
	assert.Empty(t, positive)
	assert.Empty(t, scores)
}

func TestThin(t *testing.T) {
	t.Parallel()
	x := []float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	y := []float64{10, 11, 12, 13, 14, 15, 16, 17, 18, 19}
	tx, ty := metrics.Thin(x, y, 4)
	assert.Equal(t, []float64{0, 3, 6, 9}, tx, "first and last kept, evenly spread")
	assert.Equal(t, []float64{10, 13, 16, 19}, ty)
	tx, ty = metrics.Thin(x, y, 10)
	assert.Equal(t, x, tx, "a curve short enough is kept whole")
	assert.Equal(t, y, ty)
}
