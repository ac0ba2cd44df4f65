package stats_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/openml-dash/openml-dash/sdk/stats"
)

func TestSilverman(t *testing.T) {
	t.Parallel()
	// Expected values: numpy 1.24, plotly.js's rule
	// 1.059 * min(np.std(x, ddof=1), np.subtract(*np.quantile(x, [.75, .25])) / 1.349) * len(x)**-0.2.
	cases := map[string]struct {
		sorted []float64
		want   float64
	}{
		"quartiles narrower than the std": {[]float64{1.0, 2.0, 2.5, 3.0, 3.2, 3.3, 3.9, 4.0, 4.1, 9.5}, 0.6686791456902212},
		"std narrower than the quartiles": {[]float64{0, 0, 0, 1, 1, 1}, 0.4053464159756404},
		"long tail":                       {[]float64{0, 0, 0, 0, 0, 0, 1, 5}, 0.12948099309752548},
		"equal middle half":               {[]float64{0, 2, 2, 2, 2, 4}, 0},
		"constant":                        {[]float64{3, 3, 3}, 0},
		"one value":                       {[]float64{7}, nan},
		"no values":                       {nil, nan},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			assertClose(t, tc.want, stats.Silverman(tc.sorted), "bandwidth")
		})
	}
}

func TestKDE(t *testing.T) {
	t.Parallel()
	// Expected values: scipy 1.10, scipy.stats.gaussian_kde(x, bw_method=bw/np.std(x, ddof=1))(grid),
	// whose kernel then has standard deviation bw; without bw_method
	// (Scott's rule, scipy's default) the bandwidth is 1.4330280835018983.
	x := []float64{1.0, 2.0, 2.5, 3.0, 3.2, 3.3, 3.9, 4.0, 4.1, 9.5}
	cases := map[string]struct {
		sorted     []float64
		bw         float64
		grid, want []float64
	}{
		"scipy's default bandwidth": {x, 1.4330280835018983,
			[]float64{1.0, 2.2142857142857144, 3.4285714285714284, 4.642857142857142, 5.857142857142857, 7.071428571428571, 8.285714285714285, 9.5},
			[]float64{0.10190331330665478, 0.17954184920418065, 0.2049961823007871, 0.13994367590599743, 0.054296834108525066, 0.017387016015058824, 0.020566030263146684, 0.02789848225662307}},
		"Silverman's bandwidth": {x, 0.6686791456902212,
			[]float64{-0.3373582913804425, 1.2590297918711129, 2.855417875122668, 4.451805958374224, 6.048194041625779, 7.644582124877334, 9.24097020812889, 10.837358291380443},
			[]float64{0.008214506208862037, 0.1018052462791693, 0.27970255620958123, 0.17232145734049242, 0.0017675009914369796, 0.001270135027122776, 0.055348677963573185, 0.008074271025374589}},
		"Silverman's bandwidth, two modes": {[]float64{0, 0, 0, 1, 1, 1}, 0.4053464159756404,
			[]float64{-0.8106928319512808, -0.43620916567948637, -0.0617254994076919, 0.3127581668641025, 0.687241833135897, 1.0617254994076917, 1.436209165679486, 1.8106928319512807},
			[]float64{0.06662140676660222, 0.27671612622268404, 0.5023594021235938, 0.482319166867352, 0.482319166867352, 0.5023594021235939, 0.2767161262226843, 0.0666214067666023}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			assertAllClose(t, tc.want, stats.KDE(tc.sorted, tc.bw, tc.grid), "density")
		})
	}
}

// TestKDE_farFromValues: grid points more than 9 bandwidths from every
// value get 0 (scipy gives less than 1e-18 of the peak there).
func TestKDE_farFromValues(t *testing.T) {
	t.Parallel()
	d := stats.KDE([]float64{0, 1}, 0.1, []float64{-5, 0.5, 10})
	assert.Equal(t, 0.0, d[0])
	assert.Greater(t, d[1], 0.0)
	assert.Equal(t, 0.0, d[2])
}
