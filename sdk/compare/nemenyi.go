package compare

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"sync"

	"gonum.org/v1/gonum/integrate/quad"
)

// NemenyiCD returns the critical difference of the Nemenyi post-hoc test
// for k methods compared on n datasets at significance level alpha: two
// methods whose mean ranks differ by more than CD perform significantly
// differently (Demšar says "at least"; the boundary has probability 0, and
// "more than" agrees with NemenyiGroups and Orange's CD diagrams).
// CD = q_alpha sqrt(k(k+1)/(6n)), q_alpha being the upper alpha quantile
// of the studentized range of k means with infinite degrees of freedom,
// divided by sqrt(2) (Demšar 2006, Table 5).
//
// q_alpha is computed, not looked up, so any k >= 2 works. It agrees with
// scipy.stats.studentized_range.ppf(1-alpha, k, np.inf)/sqrt(2) to about
// 1e-12 for alpha down to 1e-20 and k up to 1000 at least; smaller alphas
// get q capped near 11.3. Demšar's table is off in the third decimal for a
// few entries (e.g. k=3, alpha=0.05 is 2.3437, printed 2.343).
func NemenyiCD(k, n int, alpha float64) (float64, error) {
	if k < 2 {
		return 0, fmt.Errorf("critical difference needs at least 2 methods, got %d", k)
	}
	if n < 1 {
		return 0, fmt.Errorf("critical difference needs at least 1 dataset, got %d", n)
	}
	if !(alpha > 0 && alpha < 1) {
		return 0, fmt.Errorf("significance level %v is outside (0, 1)", alpha)
	}
	q := rangeQuantile(k, alpha) / math.Sqrt2
	return q * math.Sqrt(float64(k)*float64(k+1)/(6*float64(n))), nil
}

// NemenyiGroups returns the groups of methods whose mean ranks lie within
// cd of each other, the bars of a critical-difference diagram: each group
// is a maximal run of methods, sorted by mean rank, whose best and worst
// mean ranks differ by at most cd, and no group is contained in another.
// Groups hold indices into meanRanks, best mean rank first, and come in
// order of their best method. Only groups of two or more methods are
// returned: a method in no group differs significantly from all others.
func NemenyiGroups(meanRanks []float64, cd float64) ([][]int, error) {
	if len(meanRanks) == 0 {
		return nil, errors.New("no mean ranks")
	}
	if math.IsNaN(cd) || cd < 0 {
		return nil, fmt.Errorf("critical difference %v must be a non-negative number", cd)
	}
	for j, r := range meanRanks {
		if math.IsNaN(r) || math.IsInf(r, 0) {
			return nil, fmt.Errorf("mean rank of method %d is %v; mean ranks must be finite", j, r)
		}
	}
	order := make([]int, len(meanRanks))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return meanRanks[order[a]] < meanRanks[order[b]] })

	var groups [][]int
	end := 0 // one past the last method of the previous run
	for lo := range order {
		hi := max(end, lo+1)
		for hi < len(order) && meanRanks[order[hi]]-meanRanks[order[lo]] <= cd {
			hi++
		}
		// Runs only grow to the right as lo moves right, so a run that
		// ends where the previous one did is contained in it.
		if hi > end && hi-lo >= 2 {
			groups = append(groups, append([]int(nil), order[lo:hi]...))
		}
		end = max(end, hi)
	}
	return groups, nil
}

// rangeQuantile returns q with P(R > q) = alpha, R being the range of k
// independent standard normals: the studentized range with infinite
// degrees of freedom. The tail decreases with q, so bisection finds q to
// rounding accuracy.
func rangeQuantile(k int, alpha float64) float64 {
	lo, hi := 0.0, 1.0
	for hi < rangeMaxQ && rangeTail(k, hi) > alpha {
		lo, hi = hi, 2*hi
	}
	for range 200 {
		mid := (lo + hi) / 2
		if mid <= lo || mid >= hi {
			break
		}
		if rangeTail(k, mid) > alpha {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// rangeTail is P(R > q). With m = k-1, P(R <= q) = k ∫ φ(z) [Φ(z+q) -
// Φ(z)]^m dz, and k ∫ φ(z) [1-Φ(z)]^m dz = 1 (the minimum has some
// value), so
//
//	P(R > q) = k ∫ φ(z) (a^m - (a-c)^m) dz,  a = 1-Φ(z), c = 1-Φ(z+q),
//
// and a^m - (a-c)^m = -a^m expm1(m log1p(-c/a)) keeps full relative
// precision however small alpha is, where 1 - P(R <= q) would cancel.
func rangeTail(k int, q float64) float64 {
	x, w := rangeRule()
	m := float64(k - 1)
	var sum float64
	for i, z := range x {
		a := normalSF(z)
		if a == 0 {
			continue
		}
		sum -= w[i] * math.Exp(-z*z/2+m*math.Log(a)) * math.Expm1(m*math.Log1p(-normalSF(z+q)/a))
	}
	return float64(k) * sum / math.Sqrt(2*math.Pi)
}

// The integrand of rangeTail is smooth and, through φ(z) and the a^m
// factor, negligible outside [-rangeBound, rangeBound] for q up to
// rangeMaxQ (alpha down to about 1e-20 for k <= 1000); Gauss–Legendre with
// rangeNodes nodes integrates it to about 1e-15 relative.
const (
	rangeBound = 20.0
	rangeNodes = 600
	rangeMaxQ  = 16.0
)

var rangeRule = sync.OnceValues(func() (x, w []float64) {
	x, w = make([]float64, rangeNodes), make([]float64, rangeNodes)
	quad.Legendre{}.FixedLocations(x, w, -rangeBound, rangeBound)
	return x, w
})

// normalSF is 1 - Φ(x), accurate in the upper tail.
func normalSF(x float64) float64 { return math.Erfc(x/math.Sqrt2) / 2 }
