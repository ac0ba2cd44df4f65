package stats_test

import (
	"math"
	"testing"

	"github.com/openml-dash/openml-dash/sdk/stats"
)

func TestQuantile(t *testing.T) {
	t.Parallel()
	// Expected values: numpy 1.24 np.quantile(xs, p) (method 'linear').
	xs := []float64{-2.5, 0.0, 1e-3, 3.1, 5.5, 7.7, 42.0} // sorted [3.1, -2.5, 7.7, 0.0, 1e-3, 42.0, 5.5]
	cases := map[string]struct {
		sorted []float64
		p      float64
		want   float64
	}{
		"minimum":            {xs, 0, -2.5},
		"tenth":              {xs, 0.1, -0.9999999999999998},
		"first quartile":     {xs, 0.25, 0.0005},
		"median":             {xs, 0.5, 3.1},
		"third quartile":     {xs, 0.75, 6.6},
		"ninetieth":          {xs, 0.9, 21.420000000000012},
		"maximum":            {xs, 1, 42.0},
		"single value":       {[]float64{7}, 0.3, 7},
		"no values":          {nil, 0.5, nan},
		"p above one":        {xs, 1.5, nan},
		"p below zero":       {xs, -0.1, nan},
		"even count median":  {[]float64{1, 2, 3, 4}, 0.5, 2.5},
		"quartile of 1 to 4": {[]float64{1, 2, 3, 4}, 0.25, 1.75},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			assertClose(t, tc.want, stats.Quantile(tc.sorted, tc.p), "quantile")
		})
	}
}

func TestEntropy(t *testing.T) {
	t.Parallel()
	// Expected values: scipy 1.10 scipy.stats.entropy(counts).
	cases := map[string]struct {
		counts []int
		want   float64
	}{
		"three equal":          {[]int{50, 50, 50}, math.Log(3)},
		"with an unused level": {[]int{2, 3, 5, 0}, 1.0296530140645737},
		"one category":         {[]int{9}, 0},
		"all zero":             {[]int{0, 0}, nan},
		"no categories":        {nil, 0},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			assertClose(t, tc.want, stats.Entropy(tc.counts), "entropy")
		})
	}
}
