package stats_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk/frame"
	"github.com/openml-dash/openml-dash/sdk/stats"
)

func TestSplitBy(t *testing.T) {
	t.Parallel()
	// Numeric expectations: pandas 1.5 pd.cut(x, k, right=False), labels
	// from .cat.categories.astype(str), groups from .cat.codes.
	cases := map[string]struct {
		target     *frame.Column
		k          int
		wantLabels []string
		wantOf     []int32
		wantEdges  []float64
		wantMiss   int
	}{
		"nominal keeps level order": {
			target:     nominal("class", []string{"a", "b", "c"}, 2, 0, -1, 2),
			wantLabels: []string{"a", "b", "c"},
			wantOf:     []int32{2, 0, stats.NoGroup, 2},
			wantMiss:   1,
		},
		"numeric in five": {
			target:     numeric("y", 4.3, 7.9, 5.0, nan, 6.1, 5.02, 7.18, 6.46, 5.74, 4.3),
			wantLabels: []string{"[4.3, 5.02)", "[5.02, 5.74)", "[5.74, 6.46)", "[6.46, 7.18)", "[7.18, 7.904)"},
			wantOf:     []int32{0, 4, 0, stats.NoGroup, 2, 1, 4, 3, 2, 0},
			wantEdges:  []float64{4.3, 5.02, 5.74, 6.46, 7.18, 7.9036},
			wantMiss:   1,
		},
		"small numbers keep three significant digits": {
			target:     numeric("y", 0.00012, 0.00019, 0.00013, 0.0001),
			k:          3,
			wantLabels: []string{"[0.0001, 0.00013)", "[0.00013, 0.00016)", "[0.00016, 0.00019)"},
			wantOf:     []int32{0, 2, 0, 0},
		},
		"constant target is widened by 0.1%": {
			target:     numeric("y", 1000, 1000),
			k:          2,
			wantLabels: []string{"[999.0, 1000.0)", "[1000.0, 1001.0)"},
			wantOf:     []int32{1, 1},
			wantEdges:  []float64{999, 1000, 1001},
		},
		"precision grows until labels differ": {
			target:     numeric("y", -3, 12345.678, 500),
			k:          4,
			wantLabels: []string{"[-3.0, 3084.17)", "[3084.17, 6171.339)", "[6171.339, 9258.508)", "[9258.508, 12358.027)"},
			wantOf:     []int32{0, 3, 0},
		},
		"all missing": {
			target:   numeric("y", nan, nan),
			wantOf:   []int32{stats.NoGroup, stats.NoGroup},
			wantMiss: 2,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g, err := stats.SplitBy(t.Context(), tc.target, tc.k)
			require.NoError(t, err)
			assert.Equal(t, tc.wantLabels, g.Labels)
			assert.Equal(t, tc.wantOf, g.Of)
			assert.Equal(t, tc.wantMiss, g.Missing)
			if tc.wantEdges != nil {
				assertAllClose(t, tc.wantEdges, g.Edges, "edges")
			}
		})
	}
}

func TestSplitBy_errors(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		target  *frame.Column
		wantErr string
	}{
		"nil":      {nil, "nil target column"},
		"string":   {&frame.Column{Name: "s", Kind: frame.String}, `cannot split by column "s": it is string`},
		"infinite": {numeric("y", 1, math.Inf(1)), `cannot cut column "y" into equal ranges: it has infinite values`},
		"bad code": {nominal("c", []string{"a"}, 0, 2), `column "c" row 1: code 2 is outside its 1 levels`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := stats.SplitBy(t.Context(), tc.target, 0)
			assert.EqualError(t, err, tc.wantErr)
		})
	}
}
