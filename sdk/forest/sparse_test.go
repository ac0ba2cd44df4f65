package forest_test

import (
	"context"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk/forest"
)

// sparseTwins returns the same data twice, dense and sparse: rows x
// features, about density of the cells non-zero (small whole numbers of
// both signs, so values tie), some missing, one feature mostly missing,
// one categorical, and a target that a few features predict, some of it
// missing. In the sparse twin every third feature is left dense.
func sparseTwins(rows, features int, density float64, classes int, seed uint64) (dense, sparse forest.Input) {
	rng := rand.New(rand.NewPCG(seed, 11))
	dense = forest.Input{Classes: classes, Target: make([]float64, rows)}
	sparse = forest.Input{Classes: classes, Target: dense.Target}
	for j := range features {
		f := forest.Feature{Name: "f" + strconv.Itoa(j), Values: make([]float64, rows), Categorical: j == 1}
		for r := range f.Values {
			p := density
			if j == 2 {
				p = 0.9 // mostly missing below
			}
			if rng.Float64() >= p {
				continue
			}
			switch {
			case j == 2 || rng.IntN(30) == 0:
				f.Values[r] = nan
			case j == 1:
				f.Values[r] = float64(rng.IntN(4))
			case j == 3 && rng.IntN(2) == 0:
				f.Values[r] = 1e-50 // 0 as float32
			default:
				f.Values[r] = float64(rng.IntN(9) - 3)
			}
		}
		dense.Features = append(dense.Features, f)
		if j%3 == 2 {
			sparse.Features = append(sparse.Features, f)
			continue
		}
		s := forest.Feature{Name: f.Name, Categorical: f.Categorical, Sparse: true}
		for r, v := range f.Values {
			if v != 0 {
				s.Rows = append(s.Rows, int32(r))
				s.Values = append(s.Values, v)
			}
		}
		sparse.Features = append(sparse.Features, s)
	}
	for r := range dense.Target {
		score := 0.0
		for _, f := range dense.Features[3:8] {
			if v := f.Values[r]; !math.IsNaN(v) {
				score += v
			}
		}
		switch {
		case rng.IntN(25) == 0:
			dense.Target[r] = nan
		case classes > 0:
			dense.Target[r] = float64(min(classes-1, max(0, int(score)+rng.IntN(2))))
		default:
			dense.Target[r] = score + rng.NormFloat64()
		}
	}
	return dense, sparse
}

// TestImportance_sparseAsDense: sparse features give the forest of their
// dense twins: the same splits, summed in the same order, so the same
// ranking to the last bit, missing counts and dropped features included.
func TestImportance_sparseAsDense(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		rows, features int
		density        float64
		classes        int
		opts           forest.Options
	}{
		"classification":              {rows: 300, features: 40, density: 0.1, classes: 3},
		"binary, very sparse":         {rows: 500, features: 300, density: 0.01, classes: 2},
		"denser than half":            {rows: 200, features: 20, density: 0.7, classes: 2},
		"min leaf, depth and samples": {rows: 400, features: 30, density: 0.2, classes: 3, opts: forest.Options{MinSamplesLeaf: 3, MaxDepth: 6, MaxSamples: 250, Trees: 7, Seed: 9}},
		"regression":                  {rows: 300, features: 40, density: 0.1},
		"regression, min leaf":        {rows: 300, features: 25, density: 0.3, opts: forest.Options{MinSamplesLeaf: 2, Seed: 3}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dense, sparse := sparseTwins(tc.rows, tc.features, tc.density, tc.classes, uint64(len(name)))
			want, err := forest.Importance(context.Background(), dense, tc.opts)
			require.NoError(t, err)
			got, err := forest.Importance(context.Background(), sparse, tc.opts)
			require.NoError(t, err)
			assert.Equal(t, want, got)
			for _, r := range got.Features {
				assert.Equal(t, r.Name == "f2", r.Dropped == forest.MostlyMissing, r.Name)
			}
			assert.Greater(t, got.Features[0].Importance, 0.0)
		})
	}
}

func TestImportance_sparseChecks(t *testing.T) {
	t.Parallel()
	in := forest.Input{Target: []float64{0, 1, 0, 1}, Classes: 2}
	cases := map[string]struct {
		f   forest.Feature
		msg string
	}{
		"rows and values": {forest.Feature{Name: "a", Sparse: true, Rows: []int32{1}}, `sparse feature "a" has 1 rows for 0 values`},
		"out of order":    {forest.Feature{Name: "a", Sparse: true, Rows: []int32{2, 1}, Values: []float64{1, 2}}, "out of order"},
		"twice":           {forest.Feature{Name: "a", Sparse: true, Rows: []int32{1, 1}, Values: []float64{1, 2}}, "out of order"},
		"outside":         {forest.Feature{Name: "a", Sparse: true, Rows: []int32{4}, Values: []float64{1}}, "outside the 4 rows"},
		"infinite":        {forest.Feature{Name: "a", Sparse: true, Rows: []int32{3}, Values: []float64{math.Inf(1)}}, `feature "a" row 3 is infinite`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			in := in
			in.Features = []forest.Feature{tc.f}
			_, err := forest.Importance(context.Background(), in, forest.Options{})
			assert.ErrorContains(t, err, tc.msg)
		})
	}
	in.Features = []forest.Feature{{Name: "zero", Sparse: true}, {Name: "x", Sparse: true, Rows: []int32{1, 3}, Values: []float64{2, 2}}}
	res, err := forest.Importance(context.Background(), in, forest.Options{})
	require.NoError(t, err)
	assert.Equal(t, "x", res.Features[0].Name, "a feature without stored rows is all 0")
	assert.InDelta(t, 1.0, res.Features[0].Importance, 1e-12)
}
