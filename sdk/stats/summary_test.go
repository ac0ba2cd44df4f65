package stats_test

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/stat"

	"github.com/openml-dash/openml-dash/sdk/frame"
	"github.com/openml-dash/openml-dash/sdk/stats"
)

func TestSummarize(t *testing.T) {
	t.Parallel()
	allNaN := &stats.NumericSummary{Min: nan, Max: nan, Mean: nan, Std: nan, Q1: nan, Median: nan, Q3: nan}
	cases := map[string]struct {
		col  *frame.Column
		want stats.Summary
	}{
		// pandas 1.5: s.count(), s.nunique(), s.min(), s.max(), s.mean(),
		// s.std(), s.quantile([.25, .5, .75]).
		"numeric with missing": {
			col: numeric("x", 2.5, nan, -1.25, 3.0, 3.0, 10.0, 0.1, nan, 7.75),
			want: stats.Summary{Name: "x", Kind: frame.Numeric, Rows: 9, Missing: 2, Distinct: 6, Numeric: &stats.NumericSummary{
				Min: -1.25, Max: 10, Mean: 3.585714285714286, Std: 3.997573668876565, Q1: 1.3, Median: 3.0, Q3: 5.375,
			}},
		},
		"single value": {
			col:  numeric("one", 4.5),
			want: stats.Summary{Name: "one", Kind: frame.Numeric, Rows: 1, Distinct: 1, Numeric: &stats.NumericSummary{Min: 4.5, Max: 4.5, Mean: 4.5, Std: nan, Q1: 4.5, Median: 4.5, Q3: 4.5}},
		},
		"constant": {
			col:  numeric("k", 2, 2, 2, 2),
			want: stats.Summary{Name: "k", Kind: frame.Numeric, Rows: 4, Distinct: 1, Numeric: &stats.NumericSummary{Min: 2, Max: 2, Mean: 2, Std: 0, Q1: 2, Median: 2, Q3: 2}},
		},
		"all missing": {
			col:  numeric("gone", nan, nan, nan),
			want: stats.Summary{Name: "gone", Kind: frame.Numeric, Rows: 3, Missing: 3, Numeric: allNaN},
		},
		"empty": {
			col:  numeric("none"),
			want: stats.Summary{Name: "none", Kind: frame.Numeric, Numeric: allNaN},
		},
		"NaN without the bitmap is missing": {
			col:  &frame.Column{Name: "raw", Kind: frame.Numeric, Floats: []float64{1, nan, 3}},
			want: stats.Summary{Name: "raw", Kind: frame.Numeric, Rows: 3, Missing: 1, Distinct: 2, Numeric: &stats.NumericSummary{Min: 1, Max: 3, Mean: 2, Std: math.Sqrt2, Q1: 1.5, Median: 2, Q3: 2.5}},
		},
		"bitmap without NaN is missing": {
			col: func() *frame.Column {
				c := numeric("marked", 1, 100, 3)
				c.Missing = &frame.Bitmap{}
				c.Missing.Set(1)
				return c
			}(),
			want: stats.Summary{Name: "marked", Kind: frame.Numeric, Rows: 3, Missing: 1, Distinct: 2, Numeric: &stats.NumericSummary{Min: 1, Max: 3, Mean: 2, Std: math.Sqrt2, Q1: 1.5, Median: 2, Q3: 2.5}},
		},
		"date": {
			col:  &frame.Column{Name: "when", Kind: frame.Date, Floats: []float64{86400, 0}},
			want: stats.Summary{Name: "when", Kind: frame.Date, Rows: 2, Distinct: 2, Numeric: &stats.NumericSummary{Min: 0, Max: 86400, Mean: 43200, Std: 86400 / math.Sqrt2, Q1: 21600, Median: 43200, Q3: 64800}},
		},
		// scipy.stats.entropy(pd.Series(pd.Categorical.from_codes(codes, levels)).value_counts())
		"nominal with an unused level": {
			col: nominal("n", []string{"a", "b", "c", "d"}, 0, 1, 1, 2, -1, 2, 2, 0, 1, 2, -1, 2),
			want: stats.Summary{Name: "n", Kind: frame.Nominal, Rows: 12, Missing: 2, Distinct: 3, Nominal: &stats.NominalSummary{
				Categories: 4, Counts: []int{2, 3, 5, 0}, Entropy: 1.0296530140645737,
			}},
		},
		"one category": {
			col:  nominal("only", []string{"yes"}, 0, 0, -1),
			want: stats.Summary{Name: "only", Kind: frame.Nominal, Rows: 3, Missing: 1, Distinct: 1, Nominal: &stats.NominalSummary{Categories: 1, Counts: []int{2}, Entropy: 0}},
		},
		"nominal all missing": {
			col:  nominal("blank", []string{"a", "b"}, -1, -1),
			want: stats.Summary{Name: "blank", Kind: frame.Nominal, Rows: 2, Missing: 2, Nominal: &stats.NominalSummary{Categories: 2, Counts: []int{0, 0}, Entropy: nan}},
		},
		"strings": {
			col: func() *frame.Column {
				c := &frame.Column{Name: "s", Kind: frame.String, Strings: []string{"x", "", "y", "x", ""}, Missing: &frame.Bitmap{}}
				c.Missing.Set(1)
				return c
			}(),
			want: stats.Summary{Name: "s", Kind: frame.String, Rows: 5, Missing: 1, Distinct: 3},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := stats.Summarize(t.Context(), tc.col)
			require.NoError(t, err)
			assertSummary(t, tc.want, got)
		})
	}
}

func assertSummary(t *testing.T, want, got stats.Summary) {
	t.Helper()
	wn, gn, wc, gc := want.Numeric, got.Numeric, want.Nominal, got.Nominal
	want.Numeric, got.Numeric, want.Nominal, got.Nominal = nil, nil, nil, nil
	assert.Equal(t, want, got)
	require.Equal(t, wn == nil, gn == nil, "numeric part")
	if wn != nil {
		assertAllClose(t, []float64{wn.Min, wn.Max, wn.Mean, wn.Std, wn.Q1, wn.Median, wn.Q3},
			[]float64{gn.Min, gn.Max, gn.Mean, gn.Std, gn.Q1, gn.Median, gn.Q3}, want.Name+" min, max, mean, std, q1, median, q3")
	}
	require.Equal(t, wc == nil, gc == nil, "nominal part")
	if wc != nil {
		assert.Equal(t, wc.Categories, gc.Categories)
		assert.Equal(t, wc.Counts, gc.Counts)
		assertClose(t, wc.Entropy, gc.Entropy, want.Name+" entropy")
	}
}

func TestSummarize_errors(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		col     *frame.Column
		wantErr string
	}{
		"nil":           {nil, "nil column"},
		"code too high": {nominal("c", []string{"a"}, 0, 3), `column "c" row 1: code 3 is outside its 1 levels`},
		"negative code": {nominal("c", []string{"a"}, -7), `column "c" row 0: code -7 is outside its 1 levels`},
		"unknown kind":  {&frame.Column{Name: "u", Kind: frame.Kind(9)}, `column "u": unknown kind Kind(9)`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := stats.Summarize(t.Context(), tc.col)
			assert.EqualError(t, err, tc.wantErr)
		})
	}
}

// TestSummarize_largeColumn checks the radix-sorted path (long columns)
// against slices.Sort, including negatives, zeros of both signs, ties and
// infinities.
func TestSummarize_largeColumn(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	xs := make([]float64, 20000)
	for i := range xs {
		switch i % 10 {
		case 0:
			xs[i] = nan
		case 1:
			xs[i] = float64(rng.IntN(50) - 25) // ties
		case 2:
			xs[i] = math.Copysign(0, -1)
		default:
			xs[i] = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(20)-10))
		}
	}
	xs[3], xs[4] = math.Inf(1), math.Inf(-1)
	before := slices.Clone(xs)

	got, err := stats.Summarize(t.Context(), numeric("big", xs...))
	require.NoError(t, err)

	assert.True(t, slices.EqualFunc(before, xs, sameBits), "the caller's values must stay in place")
	ref := slices.DeleteFunc(slices.Clone(xs), math.IsNaN)
	slices.Sort(ref)
	distinct := 1
	for i := 1; i < len(ref); i++ {
		if ref[i] != ref[i-1] {
			distinct++
		}
	}
	mean, std := stat.MeanStdDev(ref, nil)
	assert.Equal(t, 2000, got.Missing)
	assert.Equal(t, distinct, got.Distinct)
	assert.Equal(t, stats.NumericSummary{
		Min: math.Inf(-1), Max: math.Inf(1),
		Q1: stats.Quantile(ref, 0.25), Median: stats.Quantile(ref, 0.5), Q3: stats.Quantile(ref, 0.75),
	}, stats.NumericSummary{Min: got.Numeric.Min, Max: got.Numeric.Max, Q1: got.Numeric.Q1, Median: got.Numeric.Median, Q3: got.Numeric.Q3})
	assert.True(t, math.IsNaN(mean) && math.IsNaN(got.Numeric.Mean), "mean with both infinities is NaN")
	assert.True(t, math.IsNaN(std) && math.IsNaN(got.Numeric.Std), "std with infinities is NaN")

	finite := slices.DeleteFunc(slices.Clone(xs), func(x float64) bool { return math.IsNaN(x) || math.IsInf(x, 0) })
	got, err = stats.Summarize(t.Context(), numeric("finite", finite...))
	require.NoError(t, err)
	slices.Sort(finite)
	mean, std = stat.MeanStdDev(finite, nil)
	assertAllClose(t, []float64{finite[0], finite[len(finite)-1], mean, std, stats.Quantile(finite, 0.5)},
		[]float64{got.Numeric.Min, got.Numeric.Max, got.Numeric.Mean, got.Numeric.Std, got.Numeric.Median}, "finite summary")
}

func TestDescribe(t *testing.T) {
	t.Parallel()
	f := &frame.Frame{Columns: []*frame.Column{
		numeric("a", 1, 2, nan),
		nominal("b", []string{"x", "y"}, 1, 1, 0),
		numeric("c", 5),
		nominal("d", []string{"z"}, -1, 0, 0),
	}}
	got, err := stats.Describe(t.Context(), f)
	require.NoError(t, err)
	require.Len(t, got, 4)
	for i, c := range f.Columns {
		want, err := stats.Summarize(t.Context(), c)
		require.NoError(t, err)
		assertSummary(t, want, got[i])
	}
}

func TestDescribe_firstErrorWins(t *testing.T) {
	t.Parallel()
	cols := []*frame.Column{nominal("bad", []string{"a"}, 0, 5)}
	for range 30 {
		cols = append(cols, numeric("ok", 1, 2, 3))
	}
	_, err := stats.Describe(t.Context(), &frame.Frame{Columns: cols})
	assert.EqualError(t, err, `column "bad" row 1: code 5 is outside its 1 levels`)
}

func TestDescribe_cancelled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := stats.Describe(ctx, &frame.Frame{Columns: []*frame.Column{numeric("a", 1), numeric("b", 2)}})
	assert.ErrorIs(t, err, context.Canceled)
}

func TestDescribe_noColumns(t *testing.T) {
	t.Parallel()
	got, err := stats.Describe(t.Context(), &frame.Frame{})
	require.NoError(t, err)
	assert.Empty(t, got)
}

func sameBits(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }

func TestCount_isDescribeWithoutNumbers(t *testing.T) {
	t.Parallel()
	x := &frame.Column{Name: "x", Kind: frame.Numeric, Floats: []float64{1, math.NaN(), 3, 3}}
	c := &frame.Column{Name: "c", Kind: frame.Nominal, Levels: []string{"a", "b"}, Codes: []int32{0, 1, 1, frame.MissingCode}}
	f := &frame.Frame{Columns: []*frame.Column{x, c}}
	full, err := stats.Describe(context.Background(), f)
	require.NoError(t, err)
	light, err := stats.Count(context.Background(), f)
	require.NoError(t, err)
	require.Len(t, light, 2)
	assert.Equal(t, 1, light[0].Missing)
	assert.Nil(t, light[0].Numeric)
	assert.Zero(t, light[0].Distinct)
	assert.Equal(t, full[0].Missing, light[0].Missing)
	assert.Equal(t, full[1], light[1], "nominal columns are summarised in full")
}
