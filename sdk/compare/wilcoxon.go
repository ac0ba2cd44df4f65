package compare

import (
	"errors"
	"fmt"
	"math"
)

// WilcoxonMethod says how a Wilcoxon p-value was computed.
type WilcoxonMethod string

const (
	// WilcoxonExact is the exact null distribution of the rank sum.
	WilcoxonExact WilcoxonMethod = "exact"
	// WilcoxonNormal is the normal approximation with tie correction and
	// no continuity correction.
	WilcoxonNormal WilcoxonMethod = "normal"
)

// wilcoxonExactMax is the most pairs, zeros included, SciPy gives an
// exact p-value.
const wilcoxonExactMax = 50

// WilcoxonResult is the outcome of the Wilcoxon signed-rank test.
type WilcoxonResult struct {
	// Statistic is min(W+, W-), the smaller of the rank sums of the
	// positive and of the negative differences.
	Statistic float64
	// PValue is two-sided.
	PValue float64
	// N counts the non-zero differences the ranks were taken over.
	N int
	// Method is how PValue was computed.
	Method WilcoxonMethod
}

// Wilcoxon runs the two-sided Wilcoxon signed-rank test of whether the
// paired differences x[i] - y[i] are symmetric around zero, typically x
// and y being two methods' scores on the same datasets.
//
// It matches scipy.stats.wilcoxon(x, y) with its defaults in SciPy 1.10
// (zero_method="wilcox", correction=False, method="auto"):
//
//   - differences that are exactly zero are dropped before ranking;
//     round the scores first if near-equal ones should count as equal;
//   - with at most 50 pairs and no zero difference the exact distribution
//     of W+ is used, even when differences tie;
//   - otherwise the normal approximation with tie correction is used.
//
// One deliberate departure: when ties make W+ a half-integer, the exact
// tails are taken at floor(W+) and ceil(W+), the conservative choice later
// SciPy releases make for method="exact" (scipy/scipy#19872; their "auto"
// no longer uses the exact distribution with ties). SciPy 1.10 truncates
// W+ instead, so its p-value then depends on the order of x and y; this
// one agrees with SciPy 1.10 for the order in which W+ is the larger sum.
//
// It is an error if x and y differ in length, are empty, hold a
// non-finite value or have no non-zero difference.
func Wilcoxon(x, y []float64) (WilcoxonResult, error) {
	if len(x) != len(y) {
		return WilcoxonResult{}, fmt.Errorf("paired samples differ in length: %d and %d", len(x), len(y))
	}
	if len(x) == 0 {
		return WilcoxonResult{}, errors.New("no pairs")
	}
	if err := checkFinite(x, y); err != nil {
		return WilcoxonResult{}, err
	}
	var d []float64
	for i := range x {
		if di := x[i] - y[i]; di != 0 {
			d = append(d, di)
		}
	}
	if len(d) == 0 {
		return WilcoxonResult{}, errors.New("all paired differences are zero")
	}
	// The method is chosen on all pairs, zeros included, as SciPy does.
	method := WilcoxonExact
	if len(x) > wilcoxonExactMax || len(d) < len(x) {
		method = WilcoxonNormal
	}

	abs := make([]float64, len(d))
	for i, di := range d {
		abs[i] = math.Abs(di)
	}
	ranks := rankRow(abs, false)
	var wPlus, wMinus float64
	for i, di := range d {
		if di > 0 {
			wPlus += ranks[i]
		} else {
			wMinus += ranks[i]
		}
	}
	res := WilcoxonResult{Statistic: min(wPlus, wMinus), N: len(d), Method: method}
	n := float64(len(d))
	if method == WilcoxonExact {
		res.PValue = wilcoxonExactP(len(d), wPlus)
		return res, nil
	}
	mean := n * (n + 1) / 4
	// Ties among |d| shrink the variance of W by Σ(t³-t)/48.
	variance := (n*(n+1)*(2*n+1) - tieSum(abs)/2) / 24
	z := (res.Statistic - mean) / math.Sqrt(variance)
	res.PValue = math.Erfc(math.Abs(z) / math.Sqrt2)
	return res, nil
}

// wilcoxonExactP is the two-sided exact p-value of W+ = w among n signed
// ranks: twice the smaller tail, P(W+ >= floor(w)) or P(W+ <= ceil(w)),
// capped at 1 (which also covers w at the centre).
func wilcoxonExactP(n int, w float64) float64 {
	lo, hi := int(math.Floor(w)), int(math.Ceil(w))
	var cdf, sf float64
	for i, p := range wilcoxonPMF(n) {
		if i <= hi {
			cdf += p
		}
		if i >= lo {
			sf += p
		}
	}
	return min(1, 2*min(cdf, sf))
}

// wilcoxonPMF returns P(W+ = w) for w = 0..n(n+1)/2 under the null
// hypothesis: each rank r = 1..n enters W+ with probability 1/2
// independently, so the distribution is built one rank at a time.
func wilcoxonPMF(n int) []float64 {
	pmf := []float64{1}
	for r := 1; r <= n; r++ {
		next := make([]float64, len(pmf)+r)
		for w, p := range pmf {
			next[w] += p / 2
			next[w+r] += p / 2
		}
		pmf = next
	}
	return pmf
}

// checkFinite reports the first NaN or infinite value of the samples.
func checkFinite(x, y []float64) error {
	for i := range x {
		if math.IsNaN(x[i]) || math.IsInf(x[i], 0) || math.IsNaN(y[i]) || math.IsInf(y[i], 0) {
			return fmt.Errorf("pair %d is (%v, %v); values must be finite", i, x[i], y[i])
		}
	}
	return nil
}
