package forest_test

import (
	"context"
	"math"
	"math/rand/v2"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk/forest"
)

var nan = math.NaN()

// modes runs a test case once with exact splits and once binned.
var modes = map[string]int{"exact": -1, "binned": 1}

// signal returns rows whose class (3 classes) or numeric target is a
// function of feature "signal" alone, plus four noise features.
func signal(rows int, classes int) forest.Input {
	rng := rand.New(rand.NewPCG(7, 7))
	in := forest.Input{Classes: classes, Target: make([]float64, rows)}
	names := []string{"noise0", "noise1", "signal", "noise2", "noise3"}
	for _, n := range names {
		in.Features = append(in.Features, forest.Feature{Name: n, Values: make([]float64, rows)})
	}
	for r := range rows {
		for f := range names {
			in.Features[f].Values[r] = rng.Float64() * 3
		}
		s := in.Features[2].Values[r]
		if classes > 0 {
			in.Target[r] = math.Floor(s)
		} else {
			in.Target[r] = 2*s + 0.1*rng.NormFloat64()
		}
	}
	return in
}

// TestImportance_signalRanksFirst: the feature that determines the target
// takes most of the importance, for a nominal and a numeric target.
func TestImportance_signalRanksFirst(t *testing.T) {
	t.Parallel()
	cases := map[string]int{"classification": 3, "regression": 0}
	for name, classes := range cases {
		for mode, exactRows := range modes {
			t.Run(name+"/"+mode, func(t *testing.T) {
				t.Parallel()
				res, err := forest.Importance(context.Background(), signal(600, classes), forest.Options{ExactRows: exactRows})
				require.NoError(t, err)
				require.Len(t, res.Features, 5)
				assert.Equal(t, "signal", res.Features[0].Name)
				assert.Equal(t, 2, res.Features[0].Index)
				assert.Greater(t, res.Features[0].Importance, 0.5)
				assert.Equal(t, 10, res.Trees)
				assert.Equal(t, 600, res.Rows)
				assert.Equal(t, mode == "binned", res.Binned, "600 distinct values do not fit 255 bins")
				var sum float64
				for i, f := range res.Features {
					sum += f.Importance
					if i > 0 {
						assert.LessOrEqual(t, f.Importance, res.Features[i-1].Importance, "sorted")
					}
				}
				assert.InDelta(t, 1, sum, 1e-9)
			})
		}
	}
}

// TestImportance_binnedEqualsExactWhenValuesFit: with at most 255 distinct
// values per feature, binning loses no threshold, so both row stores grow
// the same trees.
func TestImportance_binnedEqualsExactWhenValuesFit(t *testing.T) {
	t.Parallel()
	in := fitting(3000) // about 100 distinct values
	exact, err := forest.Importance(context.Background(), in, forest.Options{ExactRows: -1})
	require.NoError(t, err)
	binned, err := forest.Importance(context.Background(), in, forest.Options{ExactRows: 1})
	require.NoError(t, err)
	assert.False(t, binned.Binned)
	assert.Equal(t, exact, binned)
}

// TestImportance_preprocessing: rows without a target are left out, a
// feature missing in 80% of the remaining rows is dropped, and one missing
// in less is kept with its gaps filled by its mode.
func TestImportance_preprocessing(t *testing.T) {
	t.Parallel()
	in := forest.Input{
		Classes: 2,
		Target:  []float64{0, 1, 0, 1, 0, 1, 1, 1, 0, 1, nan, nan},
		Features: []forest.Feature{
			// Missing in 8 of the 10 rows with a target: dropped.
			{Name: "mostly missing", Values: []float64{0, 1, nan, nan, nan, nan, nan, nan, nan, nan, 5, 5}},
			// Missing in 7 of 10: kept; filled with 4, it is constant.
			{Name: "constant once filled", Values: []float64{4, 4, 4, nan, nan, nan, nan, nan, nan, nan, 1, 2}},
			// Separates the classes once its gap is filled with the mode 1.
			{Name: "separates", Values: []float64{0, 1, 0, 1, 0, 1, 1, nan, 0, 1, 9, 9}, Categorical: true},
		},
	}
	res, err := forest.Importance(context.Background(), in, forest.Options{})
	require.NoError(t, err)
	assert.Equal(t, 10, res.Rows)
	assert.Equal(t, 2, res.DroppedRows)
	assert.Equal(t, []forest.Ranked{
		{Name: "separates", Index: 2, Importance: 1, Missing: 1},
		{Name: "mostly missing", Index: 0, Missing: 8, Dropped: forest.MostlyMissing},
		{Name: "constant once filled", Index: 1, Missing: 7},
	}, res.Features)
	assert.Equal(t, "80% or more missing", forest.MostlyMissing.String())
}

// TestMode: the most frequent value, the smallest on a tie, ignoring gaps,
// as pandas' mode()[0].
func TestMode(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		in   []float64
		want float64
	}{
		"single":         {[]float64{3}, 3},
		"most frequent":  {[]float64{5, 2, 5, 1, 5, 2}, 5},
		"tie → smallest": {[]float64{7, 2, 7, 2, 9}, 2},
		"gaps ignored":   {[]float64{nan, 1, nan, nan, 3, 3}, 3},
		"negatives":      {[]float64{-1.5, -2, -1.5, 0, -2}, -2},
		"zero signs":     {[]float64{math.Copysign(0, -1), 0, 1}, 0},
		// One float32 run holding two float64 values: counted apart.
		"float64 values": {[]float64{1, 1 + 0x1p-30, 2, 1 + 0x1p-30, 2}, 1 + 0x1p-30},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, c.want, forest.Mode(c.in))
		})
	}
	assert.True(t, math.IsNaN(forest.Mode([]float64{nan})), "no value: NaN")
}

// TestSortColumn: missing values take the mode and join its run in row
// order; every run keeps row order.
func TestSortColumn(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		in        []float64
		wantCol   []float32
		wantOrder []int32
	}{
		"no gaps": {
			in:      []float64{2, -1, 2, 0.5},
			wantCol: []float32{2, -1, 2, 0.5}, wantOrder: []int32{1, 3, 0, 2},
		},
		"gaps join the mode's run": {
			in:      []float64{3, nan, 1, 3, nan, 2, 1, 3},
			wantCol: []float32{3, 3, 1, 3, 3, 2, 1, 3}, wantOrder: []int32{2, 6, 5, 0, 1, 3, 4, 7},
		},
		"mode is the smallest value": {
			in:      []float64{nan, 5, 4, 4, 5},
			wantCol: []float32{4, 5, 4, 4, 5}, wantOrder: []int32{0, 2, 3, 1, 4},
		},
		"zero signs are one value": {
			in:      []float64{0, math.Copysign(0, -1), -1, nan},
			wantCol: []float32{0, 0, -1, 0}, wantOrder: []int32{2, 0, 1, 3},
		},
		"values equal as float32 share a run": {
			// 1+2⁻³⁰ and 1 are one float32, as the trees see them.
			in:      []float64{1 + 0x1p-30, 1, 1, nan, 0},
			wantCol: []float32{1, 1, 1, 1, 0}, wantOrder: []int32{4, 0, 1, 2, 3},
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			col, order := forest.SortColumn(c.in)
			assert.Equal(t, c.wantCol, col)
			assert.Equal(t, c.wantOrder, order)
		})
	}
}

// TestImportance_deterministic: a seed fixes the result whatever the
// number of workers, and another seed changes it.
func TestImportance_deterministic(t *testing.T) {
	t.Parallel()
	for mode, exactRows := range modes {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			in := synthetic(2000, 6, 2, 3)
			run := func(seed uint64, workers int) forest.Result {
				res, err := forest.Importance(context.Background(), in, forest.Options{Seed: seed, Workers: workers, ExactRows: exactRows})
				require.NoError(t, err)
				return res
			}
			first := run(1, 1)
			assert.Equal(t, first, run(1, 1))
			assert.Equal(t, first, run(1, 3))
			assert.Equal(t, first, run(1, 16))
			assert.NotEqual(t, first, run(2, 3))
		})
	}
}

// countdown is a context whose Err reports Canceled after a number of
// calls, to cancel a forest while it grows without timing.
type countdown struct {
	context.Context
	left atomic.Int64
}

func (c *countdown) Err() error {
	if c.left.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

// TestImportance_cancelled: a cancelled context stops the forest, before
// it starts or while its trees grow.
func TestImportance_cancelled(t *testing.T) {
	t.Parallel()
	in := synthetic(5000, 5, 0, 1)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := forest.Importance(ctx, in, forest.Options{})
	require.ErrorIs(t, err, context.Canceled)

	for mode, exactRows := range modes {
		// One tree: only the checks between its nodes can stop it, at
		// the third (nodes 0, 64, 128).
		mid := &countdown{Context: context.Background()}
		mid.left.Store(2)
		_, err = forest.Importance(mid, in, forest.Options{Trees: 1, ExactRows: exactRows})
		require.ErrorIs(t, err, context.Canceled, mode)
		assert.Less(t, mid.left.Load(), int64(0), mode)
	}
}

// TestImportance_degenerate: malformed input fails with a clear error;
// degenerate but valid input gives zero importances, never a panic.
func TestImportance_degenerate(t *testing.T) {
	t.Parallel()
	one := func(vs ...float64) []forest.Feature { return []forest.Feature{{Name: "x", Values: vs}} }
	cases := map[string]struct {
		in      forest.Input
		opts    forest.Options
		wantErr string
		want    []float64 // importances in result order
	}{
		"no features":     {in: forest.Input{Target: []float64{1}, Classes: 2}, wantErr: "forest: no features"},
		"ragged":          {in: forest.Input{Features: one(1, 2), Target: []float64{0, 1, 0}, Classes: 2}, wantErr: `feature "x" has 2 values for 3 targets`},
		"no target":       {in: forest.Input{Features: one(1, 2), Target: []float64{nan, nan}, Classes: 2}, wantErr: "no row has a target value"},
		"zero rows":       {in: forest.Input{Features: one(), Classes: 2}, wantErr: "no row has a target value"},
		"class too big":   {in: forest.Input{Features: one(1, 2), Target: []float64{0, 2}, Classes: 2}, wantErr: "target row 1 is 2; want a class code 0..1"},
		"class fraction":  {in: forest.Input{Features: one(1, 2), Target: []float64{0, 0.5}, Classes: 2}, wantErr: "target row 1 is 0.5"},
		"infinite target": {in: forest.Input{Features: one(1, 2), Target: []float64{0, math.Inf(1)}}, wantErr: "target row 1 is infinite"},
		"infinite value":  {in: forest.Input{Features: one(1, math.Inf(-1)), Target: []float64{0, 1}}, wantErr: `feature "x" row 1 is infinite`},
		"bad category":    {in: forest.Input{Features: []forest.Feature{{Name: "c", Values: []float64{1, -1}, Categorical: true}}, Target: []float64{0, 1}}, wantErr: `feature "c" row 1 is -1`},
		"negative option": {in: forest.Input{Features: one(1, 2), Target: []float64{0, 1}}, opts: forest.Options{Trees: -1}, wantErr: "negative option"},
		"negative classes": {
			in: forest.Input{Features: one(1, 2), Target: []float64{0, 1}, Classes: -1}, wantErr: "Classes is -1",
		},
		"one row":         {in: forest.Input{Features: one(5), Target: []float64{1}, Classes: 2}, want: []float64{0}},
		"one row numeric": {in: forest.Input{Features: one(5), Target: []float64{1}}, want: []float64{0}},
		"constant target": {in: forest.Input{Features: one(1, 2, 3, 4), Target: []float64{1, 1, 1, 1}, Classes: 3}, want: []float64{0}},
		"constant target numeric": {
			in: forest.Input{Features: one(1, 2, 3, 4), Target: []float64{2.5, 2.5, 2.5, 2.5}}, want: []float64{0},
		},
		"constant feature": {in: forest.Input{Features: one(7, 7, 7, 7), Target: []float64{0, 1, 0, 1}, Classes: 2}, want: []float64{0}},
		"all mostly missing": {
			in:   forest.Input{Features: one(nan, nan, nan, nan, 1), Target: []float64{0, 1, 0, 1, 0}, Classes: 2},
			want: []float64{0},
		},
		"two rows numeric": {in: forest.Input{Features: one(1, 2), Target: []float64{0, 1}}, want: []float64{1}},
		"max features beyond features": {
			in: forest.Input{Features: one(1, 2), Target: []float64{0, 1}, Classes: 2}, opts: forest.Options{MaxFeatures: 9}, want: []float64{1},
		},
		"max depth": {
			in: signal(200, 3), opts: forest.Options{MaxDepth: 1, MinSamplesLeaf: 5, MaxFeatures: 5}, want: []float64{1, 0, 0, 0, 0},
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			res, err := forest.Importance(context.Background(), c.in, c.opts)
			if c.wantErr != "" {
				require.ErrorContains(t, err, c.wantErr)
				return
			}
			require.NoError(t, err)
			got := make([]float64, len(res.Features))
			for i, f := range res.Features {
				got[i] = f.Importance
			}
			assert.Equal(t, c.want, got)
		})
	}
}

// TestImportance_maxSamples: smaller bootstraps grow other trees, still
// deterministic, and still find the signal.
func TestImportance_maxSamples(t *testing.T) {
	t.Parallel()
	in := signal(2000, 3)
	full, err := forest.Importance(context.Background(), in, forest.Options{})
	require.NoError(t, err)
	assert.Equal(t, 2000, full.Draws)
	small, err := forest.Importance(context.Background(), in, forest.Options{MaxSamples: 600})
	require.NoError(t, err)
	assert.Equal(t, 600, small.Draws)
	assert.Equal(t, "signal", small.Features[0].Name)
	assert.Greater(t, small.Features[0].Importance, 0.5)
	assert.NotEqual(t, full.Features[0].Importance, small.Features[0].Importance, "fewer draws, other trees")
	again, err := forest.Importance(context.Background(), in, forest.Options{MaxSamples: 600, Workers: 1})
	require.NoError(t, err)
	assert.Equal(t, small, again)
	over, err := forest.Importance(context.Background(), in, forest.Options{MaxSamples: 5000})
	require.NoError(t, err)
	assert.Equal(t, full, over, "more draws than rows means a plain bootstrap")
	_, err = forest.Importance(context.Background(), in, forest.Options{MaxSamples: -1})
	assert.Error(t, err)
}
