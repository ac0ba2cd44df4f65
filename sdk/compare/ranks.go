package compare

import (
	"errors"
	"fmt"
	"math"
	"sort"
)

// Ranks ranks the methods on each dataset: scores[i][j] is the score of
// method j on dataset i, and the result has the same shape, with rank 1 for
// the best method. Ties share the average of the ranks they span, as
// scipy.stats.rankdata(method="average") does, so each row sums to
// k(k+1)/2.
//
// Every row must have the same, non-zero, number of methods and only
// finite scores; drop incomplete datasets before calling.
func Ranks(scores [][]float64, higherIsBetter bool) ([][]float64, error) {
	if _, err := checkBlock(scores); err != nil {
		return nil, err
	}
	ranks := make([][]float64, len(scores))
	for i, row := range scores {
		ranks[i] = rankRow(row, higherIsBetter)
	}
	return ranks, nil
}

// MeanRanks returns each method's rank averaged over the datasets (see
// Ranks for the layout of scores and the ranking). A lower mean rank is
// better whatever higherIsBetter says.
func MeanRanks(scores [][]float64, higherIsBetter bool) ([]float64, error) {
	ranks, err := Ranks(scores, higherIsBetter)
	if err != nil {
		return nil, err
	}
	return columnMeans(ranks), nil
}

func columnMeans(rows [][]float64) []float64 {
	means := make([]float64, len(rows[0]))
	for _, row := range rows {
		for j, r := range row {
			means[j] += r
		}
	}
	for j := range means {
		means[j] /= float64(len(rows))
	}
	return means
}

// checkBlock checks scores is a complete, finite N x k block and returns k.
func checkBlock(scores [][]float64) (int, error) {
	if len(scores) == 0 {
		return 0, errors.New("no datasets: scores has no rows")
	}
	k := len(scores[0])
	if k == 0 {
		return 0, errors.New("no methods: scores has empty rows")
	}
	for i, row := range scores {
		if len(row) != k {
			return 0, fmt.Errorf("ragged scores: row %d has %d methods, row 0 has %d", i, len(row), k)
		}
		for j, s := range row {
			if math.IsNaN(s) || math.IsInf(s, 0) {
				return 0, fmt.Errorf("score of method %d on dataset %d is %v; scores must be finite", j, i, s)
			}
		}
	}
	return k, nil
}

// rankRow ranks xs ascending (descending when descending is true), ties
// getting their average rank.
func rankRow(xs []float64, descending bool) []float64 {
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool {
		if descending {
			return xs[idx[a]] > xs[idx[b]]
		}
		return xs[idx[a]] < xs[idx[b]]
	})
	ranks := make([]float64, len(xs))
	forTies(xs, idx, func(lo, hi int) {
		// Positions lo..hi-1 hold ranks lo+1..hi; their mean is exact in
		// float64 (a multiple of 0.5).
		r := float64(lo+hi+1) / 2
		for _, i := range idx[lo:hi] {
			ranks[i] = r
		}
	})
	return ranks
}

// forTies calls fn(lo, hi) for each run idx[lo:hi] of equal values of xs,
// idx being a sorted order of xs.
func forTies(xs []float64, idx []int, fn func(lo, hi int)) {
	for lo := 0; lo < len(idx); {
		hi := lo + 1
		for hi < len(idx) && xs[idx[hi]] == xs[idx[lo]] {
			hi++
		}
		fn(lo, hi)
		lo = hi
	}
}

// tieSum returns sum(t^3 - t) over the groups of t equal values in xs, the
// quantity rank-test tie corrections are built from.
func tieSum(xs []float64) float64 {
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return xs[idx[a]] < xs[idx[b]] })
	var sum float64
	forTies(xs, idx, func(lo, hi int) {
		t := float64(hi - lo)
		sum += t*t*t - t
	})
	return sum
}
