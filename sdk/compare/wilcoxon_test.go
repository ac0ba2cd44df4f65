package compare_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk/compare"
)

// Expected values: SciPy 1.10.1, r = stats.wilcoxon(x, y) with the default
// arguments; r.statistic, r.pvalue.
func TestWilcoxon(t *testing.T) {
	t.Parallel()
	// rng = np.random.default_rng(11)
	// x = rng.integers(0, 20, 60); y = rng.integers(0, 20, 60)
	largeX := []float64{2, 2, 15, 9, 11, 12, 14, 0, 9, 2, 8, 18, 10, 1, 10, 2, 15, 18, 19, 12, 17, 7, 2, 10, 8, 13, 19, 5, 17, 2, 6, 15, 4, 13, 9, 10, 18, 16, 16, 10, 19, 19, 2, 4, 6, 11, 16, 9, 19, 7, 18, 11, 14, 4, 11, 16, 17, 17, 19, 2}
	largeY := []float64{15, 9, 13, 5, 0, 1, 19, 17, 6, 8, 4, 2, 17, 13, 1, 4, 11, 18, 19, 4, 12, 0, 3, 4, 8, 6, 14, 9, 6, 18, 12, 13, 14, 6, 17, 0, 6, 3, 0, 19, 1, 9, 16, 13, 17, 1, 9, 0, 3, 16, 1, 11, 0, 6, 18, 6, 6, 1, 15, 3}
	// x2 = x.copy(); x2[x == y] += 1 (no zero differences, many ties)
	largeX2 := append([]float64(nil), largeX...)
	for i := range largeX2 {
		if largeX2[i] == largeY[i] {
			largeX2[i]++
		}
	}
	for _, c := range []struct {
		name      string
		x, y      []float64
		statistic float64
		p         float64
		n         int
		method    compare.WilcoxonMethod
	}{
		{
			name:      "exact, no ties",
			x:         []float64{0.81, 0.74, 0.93, 0.66, 0.71, 0.88, 0.79, 0.84, 0.69, 0.77},
			y:         []float64{0.78, 0.75, 0.85, 0.60, 0.72, 0.80, 0.70, 0.83, 0.62, 0.74},
			statistic: 4, p: 0.013671875, n: 10, method: compare.WilcoxonExact,
		},
		{
			// d = [1,-1,2,3,-4,5,6,7]: |1| ties, W+ = 29.5. SciPy 1.10
			// truncates W+ and so gives 0.109375 for wilcoxon(y, x);
			// Wilcoxon uses floor/ceil tails in both orders (gh-19872):
			//   pmf = scipy.stats._hypotests._get_wilcoxon_distr(8)
			//   min(1, 2*min(pmf[math.floor(r):].sum(), pmf[:math.ceil(r)+1].sum()))
			// for r = 29.5 and r = 6.5. method="approx" would give
			// 0.10689685480449329.
			name:      "exact with tied differences",
			x:         []float64{3, -1, 4, 5, -2, 7, 9, 10},
			y:         []float64{2, 0, 2, 2, 2, 2, 3, 3},
			statistic: 6.5, p: 0.1484375, n: 8, method: compare.WilcoxonExact,
		},
		{
			name:      "all positive",
			x:         []float64{1, 2, 3, 4, 5},
			y:         []float64{0, 0, 0, 0, 0},
			statistic: 0, p: 0.0625, n: 5, method: compare.WilcoxonExact,
		},
		{
			name: "single pair", x: []float64{1}, y: []float64{0},
			statistic: 0, p: 1, n: 1, method: compare.WilcoxonExact,
		},
		{
			// Two zero differences switch SciPy to the normal
			// approximation, then are dropped.
			name:      "zeros, normal",
			x:         []float64{0.81, 0.74, 0.93, 0.66, 0.71, 0.88, 0.79, 0.84, 0.69, 0.77, 0.5, 0.6},
			y:         []float64{0.78, 0.75, 0.85, 0.60, 0.72, 0.80, 0.70, 0.83, 0.62, 0.74, 0.5, 0.6},
			statistic: 4, p: 0.0162542088976566, n: 10, method: compare.WilcoxonNormal,
		},
		{
			// Demšar's C4.5 vs C4.5+m: stats.wilcoxon(a[:, 0], a[:, 1]).
			name:      "Demsar C4.5 vs C4.5+m, zeros and ties",
			x:         column(demsar, 0),
			y:         column(demsar, 1),
			statistic: 6.5, p: 0.01075713311978963, n: 12, method: compare.WilcoxonNormal,
		},
		{
			name: "60 pairs, 4 zeros, ties", x: largeX, y: largeY,
			statistic: 569.5, p: 0.062140684143969074, n: 56, method: compare.WilcoxonNormal,
		},
		{
			name: "60 pairs, no zeros, ties", x: largeX2, y: largeY,
			statistic: 653.5, p: 0.054047454293822954, n: 60, method: compare.WilcoxonNormal,
		},
	} {
		res, err := compare.Wilcoxon(c.x, c.y)
		require.NoError(t, err, c.name)
		assert.Equal(t, c.statistic, res.Statistic, c.name)
		assertClose(t, c.p, res.PValue, 1e-12, c.name)
		assert.Equal(t, c.n, res.N, c.name)
		assert.Equal(t, c.method, res.Method, c.name)

		// Swapping the samples flips the signs, not the result.
		swapped, err := compare.Wilcoxon(c.y, c.x)
		require.NoError(t, err, c.name)
		assert.Equal(t, res.Statistic, swapped.Statistic, c.name)
		assertClose(t, res.PValue, swapped.PValue, 1e-12, c.name)
	}
}

func TestWilcoxonErrors(t *testing.T) {
	t.Parallel()
	for name, c := range map[string]struct{ x, y []float64 }{
		"empty":    {nil, nil},
		"lengths":  {[]float64{1, 2}, []float64{1}},
		"all zero": {[]float64{1, 2, 3}, []float64{1, 2, 3}},
		"NaN":      {[]float64{1, math.NaN()}, []float64{0, 0}},
		"Inf":      {[]float64{1, 2}, []float64{0, math.Inf(1)}},
	} {
		_, err := compare.Wilcoxon(c.x, c.y)
		assert.Error(t, err, name)
	}
}

func column(rows [][]float64, j int) []float64 {
	col := make([]float64, len(rows))
	for i, row := range rows {
		col[i] = row[j]
	}
	return col
}
