package forest

import (
	"context"
	"math"
	"slices"
)

// Mode exposes mode over every row to the external tests.
func Mode(values []float64) float64 {
	return mode(values, allRows(len(values)))
}

// Groupings for ModeGrouped.
const (
	ByBin       = iota // the values' bins in binColumn, in their order
	ByScrambled        // the same groups, not in the values' order
	ByNothing          // one group
)

// ModeGrouped exposes modeGrouped over every row to the external tests,
// with the rows grouped as grouping says.
func ModeGrouped(values []float64, grouping int) (float64, uint8) {
	keep := allRows(len(values))
	col, order := sortColumn(values, keep, nil)
	group := make([]uint8, len(values))
	binColumn(col, order, group, nil)
	for r, v := range values {
		switch {
		case math.IsNaN(v):
			group[r] = missingBin
		case grouping == ByScrambled:
			group[r] = uint8((int(group[r]) * 100) % maxBins)
		case grouping == ByNothing:
			group[r] = 0
		}
	}
	return modeGrouped(values, keep, group, new(modeScratch))
}

// SortColumn exposes sortColumn over every row to the external tests.
func SortColumn(values []float64) ([]float32, []int32) {
	return sortColumn(values, allRows(len(values)), nil)
}

// ImportanceBinSample is Importance with binned features' edges found on
// binSample rows instead of DefaultBinSample.
func ImportanceBinSample(ctx context.Context, in Input, opts Options, binSample int) (Result, error) {
	return importance(ctx, in, opts, binSample)
}

// BinColumn bins every row of values as a binned forest does: exactly,
// or with edges from binSample rows drawn with seed when there are more
// rows (sampled then says whether they sufficed).
func BinColumn(values []float64, binSample int, seed uint64) (bins []uint8, lossy, sampled bool) {
	keep := allRows(len(values))
	var sample []int32
	if len(values) > binSample {
		sample = samplePositions(len(values), binSample, seed)
	}
	bins = make([]uint8, len(values))
	lossy, sampled = binFeature(values, keep, sample, bins)
	return bins, lossy, sampled
}

func allRows(n int) []int32 {
	keep := make([]int32, n)
	for i := range keep {
		keep[i] = int32(i)
	}
	return keep
}

// SortKeys exposes sortKeys to the external tests.
func SortKeys(keys []uint32) []uint32 {
	return sortKeys(slices.Clone(keys), make([]uint32, len(keys)))
}
