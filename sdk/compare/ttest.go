package compare

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mathext"
)

// TTestResult is the outcome of a t-test on paired scores.
type TTestResult struct {
	// MeanDiff is the mean of x[i] - y[i]; positive when x scores higher.
	MeanDiff float64
	// T is the t statistic, DF its degrees of freedom.
	T, DF float64
	// PValue is two-sided.
	PValue float64
}

// CorrectedTTest runs the corrected resampled t-test of Nadeau and Bengio
// (2003) on the per-fold scores x and y of two methods evaluated on the
// same train/test splits (k-fold or repeated cross-validation, fold i of x
// pairing with fold i of y).
//
// The folds' training sets overlap, so their differences are correlated and
// the plain paired t-test rejects far too often. With d = x - y over n
// folds, the correction inflates the variance of the mean:
//
//	t = mean(d) / sqrt((1/n + n_test/n_train) var(d)),  var with ddof 1,
//
// and the two-sided p-value comes from Student's t with n-1 df.
// testFraction is n_test/(n_test+n_train), the share of the data in each
// test fold: 0.1 for 10-fold CV, 1/3 for a 2/3 holdout.
//
// When all differences are equal, var(d) is 0: T is 0 and PValue 1 if they
// are all zero, otherwise T is ±Inf and PValue 0 (a constant non-zero
// difference). Needs n >= 2 and finite scores.
func CorrectedTTest(x, y []float64, testFraction float64) (TTestResult, error) {
	if len(x) != len(y) {
		return TTestResult{}, fmt.Errorf("paired samples differ in length: %d and %d", len(x), len(y))
	}
	if len(x) < 2 {
		return TTestResult{}, fmt.Errorf("t-test needs at least 2 folds, got %d", len(x))
	}
	if !(testFraction > 0 && testFraction < 1) {
		return TTestResult{}, fmt.Errorf("test fraction %v is outside (0, 1)", testFraction)
	}
	if err := checkFinite(x, y); err != nil {
		return TTestResult{}, err
	}
	n := len(x)
	d := make([]float64, n)
	var scale float64
	for i := range x {
		d[i] = x[i] - y[i]
		scale = max(scale, math.Abs(d[i]))
	}
	if math.IsInf(scale, 0) {
		return TTestResult{}, errors.New("paired differences overflow float64")
	}
	res := TTestResult{DF: float64(n - 1), PValue: 1}
	if scale == 0 {
		return res, nil
	}
	// t does not change when d is scaled, so work on d/scale in [-1, 1]
	// where the sums cannot overflow.
	var mean float64
	for i := range d {
		d[i] /= scale
		mean += d[i]
	}
	mean /= float64(n)
	var ss float64
	for _, di := range d {
		ss += (di - mean) * (di - mean)
	}
	variance := ss / float64(n-1)
	res.MeanDiff = mean * scale

	ratio := testFraction / (1 - testFraction) // n_test / n_train
	se := math.Sqrt((1/float64(n) + ratio) * variance)
	switch {
	case mean == 0:
		return res, nil
	case se == 0:
		res.T, res.PValue = math.Copysign(math.Inf(1), mean), 0
		return res, nil
	}
	res.T = mean / se
	// Two-sided Student t tail: P(|T| > t) = I_{df/(df+t²)}(df/2, 1/2).
	res.PValue = mathext.RegIncBeta(res.DF/2, 0.5, res.DF/(res.DF+res.T*res.T))
	return res, nil
}
