// Package metrics computes the curves and tables of a classifier's
// predictions the way scikit-learn does, so that the run page's numbers
// can be checked against it: roc_curve and auc, precision_recall_curve and
// average_precision_score, confusion_matrix. It works on plain slices; the
// caller picks the rows (a fold, or all of them) and the positive class.
package metrics

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// Errors for inputs a curve cannot be drawn from. scikit-learn warns and
// answers NaN (or raises) in these cases; here they are errors, so the
// caller can say which class lacked instances.
var (
	ErrNoPositives = errors.New("no positive instances")
	ErrNoNegatives = errors.New("no negative instances")
)

// Curve is a ROC or precision-recall curve: point i is (X[i], Y[i]), reached
// by predicting positive every score >= Thresholds[i].
type Curve struct {
	X, Y       []float64
	Thresholds []float64
}

// counts is scikit-learn's _binary_clf_curve: the false and true positives
// at each distinct score, highest score first, with that score.
func counts(positive []bool, score []float64) (fps, tps, thresholds []float64, err error) {
	if len(positive) != len(score) {
		return nil, nil, nil, fmt.Errorf("%d labels but %d scores", len(positive), len(score))
	}
	if len(score) == 0 {
		return nil, nil, nil, errors.New("no instances")
	}
	for i, s := range score {
		if math.IsNaN(s) || math.IsInf(s, 0) {
			return nil, nil, nil, fmt.Errorf("score %d is %v: scores must be finite", i, s)
		}
	}
	order := make([]int, len(score))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case score[a] > score[b]:
			return -1
		case score[a] < score[b]:
			return 1
		}
		return 0
	})
	// The last index of each run of equal scores closes a threshold; ties
	// are counted together whatever their order.
	tp := 0.0
	for k, i := range order {
		if positive[i] {
			tp++
		}
		if k == len(order)-1 || score[order[k+1]] != score[i] {
			tps = append(tps, tp)
			fps = append(fps, float64(k+1)-tp)
			thresholds = append(thresholds, score[i])
		}
	}
	return fps, tps, thresholds, nil
}

// ROC is scikit-learn's roc_curve(positive, score) with its default
// drop_intermediate=True: X is the false positive rate, Y the true positive
// rate, from (0, 0) to (1, 1). Points collinear between two others are
// dropped. The first threshold is +Inf, as in scikit-learn 1.3 and later
// (1.2 writes the highest score + 1 there). Both classes must occur.
func ROC(positive []bool, score []float64) (Curve, error) {
	fps, tps, th, err := counts(positive, score)
	if err != nil {
		return Curve{}, err
	}
	if tps[len(tps)-1] == 0 {
		return Curve{}, ErrNoPositives
	}
	if fps[len(fps)-1] == 0 {
		return Curve{}, ErrNoNegatives
	}
	if len(fps) > 2 {
		keep := []int{0}
		for i := 1; i < len(fps)-1; i++ {
			// A corner: the second difference of fps or tps is not zero.
			if fps[i-1]-2*fps[i]+fps[i+1] != 0 || tps[i-1]-2*tps[i]+tps[i+1] != 0 {
				keep = append(keep, i)
			}
		}
		keep = append(keep, len(fps)-1)
		fps, tps, th = pick(fps, keep), pick(tps, keep), pick(th, keep)
	}
	n, p := fps[len(fps)-1], tps[len(tps)-1]
	c := Curve{X: []float64{0}, Y: []float64{0}, Thresholds: []float64{math.Inf(1)}}
	for i := range fps {
		c.X = append(c.X, fps[i]/n)
		c.Y = append(c.Y, tps[i]/p)
		c.Thresholds = append(c.Thresholds, th[i])
	}
	return c, nil
}

func pick(xs []float64, idx []int) []float64 {
	out := make([]float64, len(idx))
	for i, j := range idx {
		out[i] = xs[j]
	}
	return out
}

// PrecisionRecall is scikit-learn's precision_recall_curve(positive, score):
// X is the recall, falling to 0, and Y the precision, ending at 1; the last
// point has no threshold (Thresholds is one shorter than X and Y). Positive
// instances must occur.
func PrecisionRecall(positive []bool, score []float64) (Curve, error) {
	fps, tps, th, err := counts(positive, score)
	if err != nil {
		return Curve{}, err
	}
	p := tps[len(tps)-1]
	if p == 0 {
		return Curve{}, ErrNoPositives
	}
	var c Curve
	for i := len(tps) - 1; i >= 0; i-- {
		prec := 0.0
		if ps := tps[i] + fps[i]; ps != 0 {
			prec = tps[i] / ps
		}
		c.Y = append(c.Y, prec)
		c.X = append(c.X, tps[i]/p)
		c.Thresholds = append(c.Thresholds, th[i])
	}
	c.X = append(c.X, 0)
	c.Y = append(c.Y, 1)
	return c, nil
}

// AUC is the area under the curve by the trapezoidal rule, as
// scikit-learn's auc(x, y): X must be monotonic, rising or falling.
func AUC(c Curve) (float64, error) {
	if len(c.X) != len(c.Y) {
		return math.NaN(), fmt.Errorf("%d x but %d y values", len(c.X), len(c.Y))
	}
	if len(c.X) < 2 {
		return math.NaN(), fmt.Errorf("at least 2 points are needed for an area, got %d", len(c.X))
	}
	rising, falling := true, true
	for i := 1; i < len(c.X); i++ {
		d := c.X[i] - c.X[i-1]
		rising = rising && d >= 0
		falling = falling && d <= 0
	}
	if !rising && !falling {
		return math.NaN(), errors.New("x is neither increasing nor decreasing")
	}
	area := 0.0
	for i := 1; i < len(c.X); i++ {
		area += (c.X[i] - c.X[i-1]) * (c.Y[i] + c.Y[i-1]) / 2
	}
	if !rising {
		area = -area
	}
	return area, nil
}

// AveragePrecision is scikit-learn's average_precision_score for a curve
// from PrecisionRecall: the precision at each threshold weighted by the
// recall gained there, a step function with no interpolation.
func AveragePrecision(pr Curve) float64 {
	ap := 0.0
	for i := 0; i+1 < len(pr.X); i++ {
		ap -= (pr.X[i+1] - pr.X[i]) * pr.Y[i]
	}
	return ap
}

// Confusion is scikit-learn's confusion_matrix(truth, predicted,
// labels=range(k)): cell [t*k+p] counts the instances of class t predicted
// as p, row-major (true class, then predicted). Instances whose truth or
// prediction is outside 0..k-1 (a missing value) are not counted.
func Confusion(truth, predicted []int, k int) ([]int, error) {
	if len(truth) != len(predicted) {
		return nil, fmt.Errorf("%d true classes but %d predictions", len(truth), len(predicted))
	}
	if k < 0 {
		return nil, fmt.Errorf("%d classes", k)
	}
	m := make([]int, k*k)
	for i, t := range truth {
		if p := predicted[i]; t >= 0 && t < k && p >= 0 && p < k {
			m[t*k+p]++
		}
	}
	return m, nil
}

// PerClass holds scikit-learn's precision_score and recall_score with
// average=None, computed from a k×k confusion matrix: NaN where the class
// was never predicted (precision) or never occurs (recall), where
// scikit-learn warns and answers 0.
type PerClass struct {
	Precision, Recall []float64
	// Support is the instances of each class; Predicted the instances
	// predicted as it.
	Support, Predicted []int
}

// FromConfusion derives per-class precision and recall and the accuracy
// (NaN with no instances) from a row-major k×k confusion matrix.
func FromConfusion(m []int, k int) (PerClass, float64) {
	pc := PerClass{
		Precision: make([]float64, k), Recall: make([]float64, k),
		Support: make([]int, k), Predicted: make([]int, k),
	}
	total, correct := 0, 0
	for t := 0; t < k; t++ {
		for p := 0; p < k; p++ {
			n := m[t*k+p]
			pc.Support[t] += n
			pc.Predicted[p] += n
			total += n
			if t == p {
				correct += n
			}
		}
	}
	for c := 0; c < k; c++ {
		pc.Precision[c], pc.Recall[c] = ratio(m[c*k+c], pc.Predicted[c]), ratio(m[c*k+c], pc.Support[c])
	}
	return pc, ratio(correct, total)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

// Errors of a regressor: scikit-learn's mean_squared_error (its root) and
// mean_absolute_error over the instances where both values are numbers.
type Errors struct {
	N         int
	RMSE, MAE float64
	// Residuals are predicted - true, per counted instance in order.
	Residuals []float64
}

// RegressionErrors compares predicted with true values; pairs where either
// is missing (NaN) are left out. RMSE and MAE are NaN when none is left.
func RegressionErrors(truth, predicted []float64) (Errors, error) {
	if len(truth) != len(predicted) {
		return Errors{}, fmt.Errorf("%d true values but %d predictions", len(truth), len(predicted))
	}
	var e Errors
	var sq, abs float64
	for i, t := range truth {
		p := predicted[i]
		if math.IsNaN(t) || math.IsNaN(p) {
			continue
		}
		r := p - t
		e.Residuals = append(e.Residuals, r)
		sq += r * r
		abs += math.Abs(r)
	}
	e.N = len(e.Residuals)
	e.RMSE, e.MAE = math.NaN(), math.NaN()
	if e.N > 0 {
		e.RMSE, e.MAE = math.Sqrt(sq/float64(e.N)), abs/float64(e.N)
	}
	return e, nil
}

// OneVsRest is what the curves of one class against the rest need: for
// each instance whose true class is known (truth[i] >= 0) and whose score
// is a number, whether it is of class c and its score (the confidence in
// c). truth holds class indexes, -1 for a missing one; score one
// confidence per instance.
func OneVsRest(truth []int, score []float64, c int) (positive []bool, scores []float64) {
	for i, t := range truth {
		if s := score[i]; t >= 0 && !math.IsNaN(s) {
			positive = append(positive, t == c)
			scores = append(scores, s)
		}
	}
	return positive, scores
}

// Thin keeps at most n evenly spread points of a curve, always its first
// and last, for drawing: its area is still computed from every point. A
// curve of n points or fewer is returned as it is.
func Thin(x, y []float64, n int) ([]float64, []float64) {
	if len(x) <= n || n < 2 {
		return x, y
	}
	ox, oy := make([]float64, 0, n), make([]float64, 0, n)
	for k := range n {
		i := k * (len(x) - 1) / (n - 1)
		ox, oy = append(ox, x[i]), append(oy, y[i])
	}
	return ox, oy
}
