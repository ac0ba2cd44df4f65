package stats_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk/frame"
	"github.com/openml-dash/openml-dash/sdk/stats"
)

func TestSummarize(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		col  *frame.Column
		want stats.Summary
	}{
		// pandas 1.5: len(s), s.isna().sum(); numeric columns are not
		// sorted, so Distinct stays 0.
		"numeric with missing": {
			col:  numeric("x", 2.5, nan, -1.25, 3.0, 3.0, 10.0, 0.1, nan, 7.75),
			want: stats.Summary{Name: "x", Kind: frame.Numeric, Rows: 9, Missing: 2},
		},
		"all missing": {
			col:  numeric("gone", nan, nan, nan),
			want: stats.Summary{Name: "gone", Kind: frame.Numeric, Rows: 3, Missing: 3},
		},
		"empty": {
			col:  numeric("none"),
			want: stats.Summary{Name: "none", Kind: frame.Numeric},
		},
		"NaN without the bitmap is missing": {
			col:  &frame.Column{Name: "raw", Kind: frame.Numeric, Floats: []float64{1, nan, 3}},
			want: stats.Summary{Name: "raw", Kind: frame.Numeric, Rows: 3, Missing: 1},
		},
		"bitmap without NaN is missing": {
			col: func() *frame.Column {
				c := numeric("marked", 1, 100, 3)
				c.Missing = &frame.Bitmap{}
				c.Missing.Set(1)
				return c
			}(),
			want: stats.Summary{Name: "marked", Kind: frame.Numeric, Rows: 3, Missing: 1},
		},
		"date": {
			col:  &frame.Column{Name: "when", Kind: frame.Date, Floats: []float64{86400, nan}},
			want: stats.Summary{Name: "when", Kind: frame.Date, Rows: 2, Missing: 1},
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
	wc, gc := want.Nominal, got.Nominal
	want.Nominal, got.Nominal = nil, nil
	assert.Equal(t, want, got)
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

// TestCount: Count summarises each column as Summarize does, in column
// order.
func TestCount(t *testing.T) {
	t.Parallel()
	f := &frame.Frame{Columns: []*frame.Column{
		numeric("a", 1, 2, nan),
		nominal("b", []string{"x", "y"}, 1, 1, 0),
		numeric("c", 5),
		nominal("d", []string{"z"}, -1, 0, 0),
	}}
	got, err := stats.Count(t.Context(), f)
	require.NoError(t, err)
	require.Len(t, got, 4)
	for i, c := range f.Columns {
		want, err := stats.Summarize(t.Context(), c)
		require.NoError(t, err)
		assertSummary(t, want, got[i])
	}
}

func TestCount_firstErrorWins(t *testing.T) {
	t.Parallel()
	cols := []*frame.Column{nominal("bad", []string{"a"}, 0, 5)}
	for range 30 {
		cols = append(cols, numeric("ok", 1, 2, 3))
	}
	_, err := stats.Count(t.Context(), &frame.Frame{Columns: cols})
	assert.EqualError(t, err, `column "bad" row 1: code 5 is outside its 1 levels`)
}

func TestCount_cancelled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := stats.Count(ctx, &frame.Frame{Columns: []*frame.Column{numeric("a", 1), numeric("b", 2)}})
	assert.ErrorIs(t, err, context.Canceled)
}

func TestCount_noColumns(t *testing.T) {
	t.Parallel()
	got, err := stats.Count(t.Context(), &frame.Frame{})
	require.NoError(t, err)
	assert.Empty(t, got)
}
