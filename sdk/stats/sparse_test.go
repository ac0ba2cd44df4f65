package stats_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk/frame"
	"github.com/openml-dash/openml-dash/sdk/stats"
)

// sparseOf is c stored sparse, as a reader stores it: every row whose
// value is not +0, missing rows included.
func sparseOf(c *frame.Column) *frame.Column {
	s := *c
	s.Floats, s.Sparse = nil, &frame.Sparse{Len: len(c.Floats)}
	for i, x := range c.Floats {
		if math.Float64bits(x) != 0 || c.IsMissing(i) {
			s.Sparse.Rows = append(s.Sparse.Rows, int32(i))
			s.Floats = append(s.Floats, x)
		}
	}
	return &s
}

// zeroHeavy is a column of n rows, about density of them non-zero, some
// of those missing (NaN, or marked in Missing only), -0 or infinite.
func zeroHeavy(rng *rand.Rand, n int, density float64) *frame.Column {
	c := &frame.Column{Name: "x", Kind: frame.Numeric, Floats: make([]float64, n), Missing: &frame.Bitmap{}}
	for i := range c.Floats {
		if rng.Float64() >= density {
			continue
		}
		switch r := rng.IntN(40); {
		case r == 0:
			c.Floats[i] = math.NaN()
			c.Missing.Set(i)
		case r == 1:
			c.Floats[i] = 7 // marked missing, yet holding a value
			c.Missing.Set(i)
		case r == 2:
			c.Floats[i] = math.Copysign(0, -1)
		case r == 3 && n > 100:
			c.Floats[i] = math.Inf(1 - 2*rng.IntN(2))
		default:
			c.Floats[i] = float64(rng.IntN(50)-10) / 4
		}
	}
	return c
}

// printed is v as %+v prints it, every number to the last digit, so that
// NaN equals NaN.
func printed(v any) string { return fmt.Sprintf("%+v", v) }

// TestSparse_sameAsDense: sparse columns give the numbers of their dense
// twins: the feature table's, histograms split by a target (Scott's rule
// too), numeric splits.
func TestSparse_sameAsDense(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(3, 4))
	for _, shape := range []struct {
		n       int
		density float64
	}{{1, 1}, {5, 0}, {40, 0.1}, {300, 0.03}, {2000, 0.005}, {2000, 0.4}, {70_000, 0.01}} {
		dense := zeroHeavy(rng, shape.n, shape.density)
		sparse := sparseOf(dense)
		target := &frame.Column{Name: "t", Kind: frame.Nominal, Levels: []string{"a", "b", "c"}, Codes: make([]int32, shape.n)}
		for i := range target.Codes {
			target.Codes[i] = int32(rng.IntN(4)) - 1 // some missing
		}
		groups, err := stats.SplitBy(ctx, target, 0)
		require.NoError(t, err)

		wantSum, err := stats.Count(ctx, &frame.Frame{Columns: []*frame.Column{dense}})
		require.NoError(t, err)
		gotSum, err := stats.Count(ctx, &frame.Frame{Columns: []*frame.Column{sparse}})
		require.NoError(t, err)
		assert.Equal(t, printed(wantSum), printed(gotSum), "%+v", shape)

		for _, g := range []*stats.Groups{nil, groups} {
			for _, b := range []stats.Binning{{Bins: 20}, {}} {
				want, err := stats.Bin(ctx, dense, g, b)
				require.NoError(t, err)
				got, err := stats.Bin(ctx, sparse, g, b)
				require.NoError(t, err)
				assert.Equal(t, want, got, "%+v, %+v", shape, b)
			}
		}
		if shape.n > 100 { // infinite values cannot be cut
			continue
		}
		want, err := stats.SplitBy(ctx, dense, 3)
		require.NoError(t, err)
		got, err := stats.SplitBy(ctx, sparse, 3)
		require.NoError(t, err)
		assert.Equal(t, want, got)
	}
}
