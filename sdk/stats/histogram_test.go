package stats_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk/frame"
	"github.com/openml-dash/openml-dash/sdk/stats"
)

// normal40 is np.round(np.random.default_rng(7).normal(3, 2, 40), 3) with
// the sixth value made missing.
var normal40 = []float64{3.002, 3.597, 2.452, 1.219, 2.091, nan, 3.12, 5.68, 2.016, 1.759, 3.98, 3.714, 3.211, 1.139, 2.941, 4.391, 0.312, 2.085, -0.802, 0.421, -0.683, 2.53, 0.465, 3.543, 3.314, 2.626, -2.034, 1.923, 2.903, 3.227, -0.06, 2.044, 1.043, 1.382, 5.122, 1.385, 2.935, 4.769, 1.833, 2.777}

func TestBin(t *testing.T) {
	t.Parallel()
	// Expected values: numpy 1.24 np.histogram(present_values, bins).
	tenths := make([]float64, 11) // np.arange(11) / 10: 0.3 falls below the edge 0.30000000000000004
	for i := range tenths {
		tenths[i] = float64(i) / 10
	}
	cases := map[string]struct {
		col       *frame.Column
		bins      stats.Binning
		wantEdges []float64
		wantCount []int
		wantLeft  stats.LeftOut
	}{
		"twenty bins": {
			col:       numeric("x", normal40...),
			bins:      stats.Binning{Bins: 20},
			wantEdges: []float64{-2.034, -1.6482999999999999, -1.2626, -0.8768999999999998, -0.49119999999999986, -0.10549999999999993, 0.2802000000000002, 0.6659000000000002, 1.0516, 1.4373, 1.823, 2.2087000000000003, 2.5944000000000003, 2.9801, 3.3658, 3.7515, 4.1372, 4.5229, 4.9086, 5.2943, 5.68},
			wantCount: []int{1, 0, 0, 2, 0, 1, 3, 1, 4, 1, 6, 2, 5, 5, 3, 1, 1, 1, 1, 1},
			wantLeft:  stats.LeftOut{Missing: 1},
		},
		"scott": {
			col:       numeric("x", normal40...),
			wantEdges: []float64{-2.034, -0.49119999999999986, 1.0516, 2.5944000000000003, 4.1372, 5.68},
			wantCount: []int{3, 5, 13, 14, 4},
			wantLeft:  stats.LeftOut{Missing: 1},
		},
		"scott capped": {
			col:       numeric("x", normal40...),
			bins:      stats.Binning{MaxBins: 2},
			wantEdges: []float64{-2.034, 1.823, 5.68},
			wantCount: []int{13, 26}, // np.histogram(values, 2)
			wantLeft:  stats.LeftOut{Missing: 1},
		},
		"values on the edges": {
			col:       numeric("t", tenths...),
			bins:      stats.Binning{Bins: 10},
			wantEdges: []float64{0.0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001, 0.7000000000000001, 0.8, 0.9, 1.0},
			wantCount: []int{1, 1, 2, 0, 1, 2, 1, 0, 1, 2},
		},
		"constant by scott": {
			col:       numeric("k", 2, 2, 2),
			wantEdges: []float64{1.5, 2.5},
			wantCount: []int{3},
		},
		"constant in four bins": {
			col:       numeric("k", 2, 2, 2),
			bins:      stats.Binning{Bins: 4},
			wantEdges: []float64{1.5, 1.75, 2.0, 2.25, 2.5},
			wantCount: []int{0, 0, 3, 0},
		},
		"infinities left out": {
			col:       numeric("inf", math.Inf(1), 1, 3, math.Inf(-1), nan),
			bins:      stats.Binning{Bins: 2},
			wantEdges: []float64{1, 2, 3},
			wantCount: []int{1, 1},
			wantLeft:  stats.LeftOut{Missing: 1, Infinite: 2},
		},
		"all missing has no bins": {
			col:      numeric("gone", nan, nan),
			wantLeft: stats.LeftOut{Missing: 2},
		},
		"empty has no bins": {
			col: numeric("none"),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			h, err := stats.Bin(t.Context(), tc.col, nil, tc.bins)
			require.NoError(t, err)
			assert.Equal(t, []string{""}, h.Groups)
			assertAllClose(t, tc.wantEdges, h.Edges, "edges")
			require.Len(t, h.Counts, 1)
			if tc.wantCount == nil {
				assert.Empty(t, h.Counts[0])
			} else {
				assert.Equal(t, tc.wantCount, h.Counts[0])
			}
			assert.Equal(t, tc.wantLeft, h.LeftOut)
		})
	}
}

func TestBin_byGroup(t *testing.T) {
	t.Parallel()
	col := numeric("x", 1, 2, nan, 4, 5, 6, 7, nan)
	g := &stats.Groups{Labels: []string{"a", "b"}, Of: []int32{0, 1, 0, 0, stats.NoGroup, 1, 1, stats.NoGroup}, Missing: 2}
	h, err := stats.Bin(t.Context(), col, g, stats.Binning{Bins: 3})
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b"}, h.Groups)
	// The edges span the grouped values 1..7 only; 5 has no group.
	assertAllClose(t, []float64{1, 3, 5, 7}, h.Edges, "edges")
	assert.Equal(t, [][]int{{1, 1, 0}, {1, 0, 2}}, h.Counts)
	assert.Equal(t, stats.LeftOut{Missing: 1, TargetMissing: 2}, h.LeftOut)
}

func TestBin_errors(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		col     *frame.Column
		groups  *stats.Groups
		bins    stats.Binning
		wantErr string
	}{
		"nil column":       {nil, nil, stats.Binning{}, "nil column"},
		"nominal":          {nominal("n", []string{"a"}, 0), nil, stats.Binning{}, `column "n" is nominal, not numeric`},
		"negative bins":    {numeric("x", 1), nil, stats.Binning{Bins: -1}, "bin counts must not be negative: {Bins:-1 MaxBins:0}"},
		"groups too short": {numeric("x", 1, 2), &stats.Groups{Labels: []string{"a"}, Of: []int32{0}}, stats.Binning{}, "groups cover 1 rows, the column has 2"},
		"group out of range": {numeric("x", 1, 2), &stats.Groups{Labels: []string{"a"}, Of: []int32{0, 1}}, stats.Binning{},
			"row 1: group 1 is outside the 1 groups"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := stats.Bin(t.Context(), tc.col, tc.groups, tc.bins)
			assert.EqualError(t, err, tc.wantErr)
		})
	}
}

func TestCountLevels(t *testing.T) {
	t.Parallel()
	col := nominal("n", []string{"a", "b", "c"}, 0, 1, 1, -1, 2, 0, 1)
	cases := map[string]struct {
		groups *stats.Groups
		want   *stats.LevelCounts
	}{
		"all rows": {
			want: &stats.LevelCounts{Groups: []string{""}, Levels: []string{"a", "b", "c"}, Counts: [][]int{{2, 3, 1}}, LeftOut: stats.LeftOut{Missing: 1}},
		},
		"by group": {
			groups: &stats.Groups{Labels: []string{"x", "y"}, Of: []int32{0, 0, 1, 1, stats.NoGroup, 1, stats.NoGroup}, Missing: 2},
			want: &stats.LevelCounts{Groups: []string{"x", "y"}, Levels: []string{"a", "b", "c"}, Counts: [][]int{{1, 1, 0}, {1, 1, 0}},
				LeftOut: stats.LeftOut{Missing: 1, TargetMissing: 2}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := stats.CountLevels(t.Context(), col, tc.groups)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestCountLevels_errors(t *testing.T) {
	t.Parallel()
	_, err := stats.CountLevels(t.Context(), numeric("x", 1), nil)
	assert.EqualError(t, err, `column "x" is numeric, not nominal`)
	_, err = stats.CountLevels(t.Context(), nominal("n", []string{"a"}, 0, 1), nil)
	assert.EqualError(t, err, `column "n" row 1: code 1 is outside its 1 levels`)
}
