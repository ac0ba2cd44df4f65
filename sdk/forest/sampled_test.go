package forest_test

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk/forest"
)

// The tests of sampled bin edges lower the sample (forest.DefaultBinSample
// rows) with ImportanceBinSample and BinColumn to stay quick.

// fitting returns n rows of synthetic data whose numeric features have
// about 100 distinct values each, so that every feature fits the bins.
func fitting(n int) forest.Input {
	in := synthetic(n, 4, 3, 5)
	for _, f := range in.Features[:4] {
		for r, v := range f.Values {
			f.Values[r] = math.Round(v * 10)
		}
	}
	return in
}

// TestImportance_sampledEqualsExactWhenValuesFit: with at most 255
// distinct values per feature, bins from a sample lose no threshold, even
// when the sample misses a value that a single row holds, so the trees are
// those of exact splits.
func TestImportance_sampledEqualsExactWhenValuesFit(t *testing.T) {
	t.Parallel()
	in := fitting(20_000)
	// Values the sample of 2000 rows is likely to miss: between two common
	// values, below and above them all, and in one row each.
	in.Features[0].Values[123] = 0.5
	in.Features[1].Values[4567] = -1000
	in.Features[2].Values[8910] = 1000
	// Two values closer than scikit-learn's FEATURE_THRESHOLD are one: a
	// value between them, wherever it is, is in their run.
	f3 := in.Features[3].Values
	for r := range f3 {
		if f3[r] == 0 {
			f3[r] = []float64{0.25, 0.25 + 5e-8}[r%2]
		}
	}
	f3[11_111] = 0.25 + 2.5e-8
	exact, err := forest.Importance(context.Background(), in, forest.Options{ExactRows: -1})
	require.NoError(t, err)
	for _, sample := range []int{2000, 19_999} {
		binned, err := forest.ImportanceBinSample(context.Background(), in, forest.Options{ExactRows: 1}, sample)
		require.NoError(t, err)
		assert.False(t, binned.Binned, "sample %d", sample)
		assert.Equal(t, exact, binned, "sample %d", sample)
	}
}

// TestBinColumn_sampleMissesAValue: bins from a sample are those of the
// whole column when its values fit the bins; a value the sample missed,
// which could have made a bin of its own, makes the column binned exactly.
func TestBinColumn_sampleMissesAValue(t *testing.T) {
	t.Parallel()
	// 30 values, each in about 330 rows: the sample of 500 has them all.
	// 0.1 and 0.1+8e-8 are closer than FEATURE_THRESHOLD: one run.
	rng := rand.New(rand.NewPCG(3, 3))
	common := make([]float64, 10_000)
	for r := range common {
		common[r] = float64(rng.IntN(10))*2 + []float64{0, 0.1, 0.1 + 8e-8}[r%3]
		if r%97 == 0 {
			common[r] = nan
		}
	}
	cases := map[string]struct {
		row         int
		value       float64
		wantSampled bool
	}{
		"no rare value":        {row: -1, wantSampled: true},
		"a common value":       {row: 1234, value: 6.1, wantSampled: true},
		"within a run":         {row: 1234, value: 0.1 + 4e-8, wantSampled: true},
		"between two values":   {row: 1234, value: 3.05},
		"below every value":    {row: 1234, value: -7},
		"above every value":    {row: 1234, value: 500},
		"next to a run":        {row: 1234, value: 0.1 + 15e-8},
		"next to a value":      {row: 1234, value: 2.0000002},
		"a negative zero":      {row: 1234, value: math.Copysign(0, -1), wantSampled: true},
		"missing, then a mode": {row: 1234, value: nan, wantSampled: true},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			values := slices.Clone(common)
			if c.row >= 0 {
				values[c.row] = c.value
			}
			want, wantLossy, _ := forest.BinColumn(values, len(values), 0)
			got, lossy, sampled := forest.BinColumn(values, 500, 0)
			assert.Equal(t, c.wantSampled, sampled, "the sample sufficed")
			assert.False(t, wantLossy)
			assert.False(t, lossy)
			assert.Equal(t, want, got)
		})
	}
}

// TestBinColumn_sampledQuantiles: on a continuous column, the edges from a
// sample are close to the column's quantiles, every bin holding about as
// many rows, and bins follow the values' order.
func TestBinColumn_sampledQuantiles(t *testing.T) {
	t.Parallel()
	const n, sample = 400_000, 50_000
	rng := rand.New(rand.NewPCG(5, 5))
	values := make([]float64, n)
	for r := range values {
		values[r] = math.Exp(rng.NormFloat64()) // skewed
	}
	bins, lossy, sampled := forest.BinColumn(values, sample, 1)
	require.True(t, sampled)
	assert.True(t, lossy)
	count := make([]int, 256)
	for _, b := range bins {
		count[b]++
	}
	// A bin's share of the sample is binomial: its share of the rows
	// strays by about sqrt(255/sample) ≈ 7%; 4 standard deviations.
	for b, c := range count[:255] {
		assert.InEpsilon(t, float64(n)/255, float64(c), 0.3, "bin %d", b)
	}
	assert.Zero(t, count[255])
	order := make([]int, n)
	for r := range order {
		order[r] = r
	}
	slices.SortFunc(order, func(a, b int) int { return cmpFloat(values[a], values[b]) })
	for i := 1; i < n; i++ {
		assert.LessOrEqual(t, bins[order[i-1]], bins[order[i]], "bins follow the values")
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// TestBinColumn_missingTakeTheMode: missing values take the bin of the
// column's mode, whether the values fit the bins or not.
func TestBinColumn_missingTakeTheMode(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(9, 9))
	cases := map[string]func() float64{
		// About 2000 values seen 5 times each: several tie for the mode
		// now and then.
		"many values": func() float64 { return math.Round(rng.NormFloat64()*300) / 100 },
		"few values":  func() float64 { return float64(rng.IntN(7)) },
	}
	for name, draw := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			values := make([]float64, 10_000)
			for r := range values {
				values[r] = draw()
				if r%10 == 0 {
					values[r] = nan
				}
			}
			mode := forest.Mode(values)
			bins, _, sampled := forest.BinColumn(values, 1000, 2)
			require.True(t, sampled)
			at := slices.Index(values, mode)
			for r, v := range values {
				if math.IsNaN(v) {
					require.Equal(t, bins[at], bins[r], "row %d", r)
				}
			}
		})
	}
}

// TestModeGrouped: counted apart in groups, the mode is mode's, ties
// going to the smallest value whatever the groups' order.
func TestModeGrouped(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(4, 4))
	for i := range 400 {
		distinct := []int{1, 2, 3, 7, 100, 300, 3000}[rng.IntN(7)]
		value := func(k int) float64 {
			switch {
			case k%5 == 1:
				return 1 + float64(k)*0x1p-30 // one float32, several float64s
			case k == 0:
				return math.Copysign(0, -1)
			}
			return float64(k) - float64(distinct)/2
		}
		// Every value as often, so that they tie, or not.
		reps := 1 + rng.IntN(4)
		var values []float64
		for k := range distinct {
			for range reps {
				values = append(values, value(k))
			}
		}
		for range rng.IntN(3) {
			values = append(values, value(rng.IntN(distinct)))
		}
		for range rng.IntN(len(values)/5 + 1) {
			values = append(values, nan)
		}
		rng.Shuffle(len(values), func(a, b int) { values[a], values[b] = values[b], values[a] })
		want := forest.Mode(values)
		for _, grouping := range []int{forest.ByBin, forest.ByScrambled, forest.ByNothing} {
			got, _ := forest.ModeGrouped(values, grouping)
			require.Equal(t, want, got, "case %d: %d values, %d distinct, grouping %d", i, len(values), distinct, grouping)
		}
	}
	got, _ := forest.ModeGrouped([]float64{nan, nan}, forest.ByBin)
	assert.True(t, math.IsNaN(got), "no value: NaN")
}

// TestSortKeys: the radix sort of bin keys is a sort.
func TestSortKeys(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(6, 6))
	for _, n := range []int{0, 1, 2, 1000, 100_000} {
		for _, mask := range []uint32{math.MaxUint32, 0xff, 0x7ff, 0xffc00000, 0x00300c01} {
			keys := make([]uint32, n)
			for i := range keys {
				keys[i] = rng.Uint32()&mask | 0x1000
			}
			want := slices.Clone(keys)
			slices.Sort(want)
			assert.Equal(t, want, forest.SortKeys(keys), "%d keys, mask %x", n, mask)
		}
	}
}

// TestImportance_sampledDeterministic: sampled bin edges depend on the
// seed, not on the workers.
func TestImportance_sampledDeterministic(t *testing.T) {
	t.Parallel()
	in := synthetic(20_000, 4, 2, 3)
	run := func(seed uint64, workers int) forest.Result {
		res, err := forest.ImportanceBinSample(context.Background(), in, forest.Options{Seed: seed, Workers: workers, ExactRows: 1}, 2000)
		require.NoError(t, err)
		return res
	}
	first := run(1, 1)
	assert.True(t, first.Binned)
	assert.Equal(t, first, run(1, 2))
	assert.Equal(t, first, run(1, 16))
	assert.NotEqual(t, first, run(2, 2))
	whole, err := forest.ImportanceBinSample(context.Background(), in, forest.Options{Seed: 1, ExactRows: 1}, 20_000)
	require.NoError(t, err)
	assert.NotEqual(t, first, whole, "edges from a sample are not the column's quantiles")
}

// TestImportance_sampledSignalRanksFirst: on an input big enough for
// sampled bin edges at the default settings, the signal still stands out.
func TestImportance_sampledSignalRanksFirst(t *testing.T) {
	t.Parallel()
	for name, classes := range map[string]int{"classification": 3, "regression": 0} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			res, err := forest.Importance(context.Background(), signal(forest.DefaultBinSample+50_000, classes), forest.Options{MaxSamples: 20_000})
			require.NoError(t, err)
			assert.True(t, res.Binned)
			assert.Equal(t, "signal", res.Features[0].Name)
			assert.Greater(t, res.Features[0].Importance, 0.5)
		})
	}
}
