package compare_test

import (
	"math"
	"testing"
)

// assertClose checks got against want within tol, relative to |want| when
// |want| > 1 and absolute below.
func assertClose(t *testing.T, want, got, tol float64, what string) {
	t.Helper()
	if math.IsInf(want, 0) && got == want {
		return
	}
	if !(math.Abs(got-want) <= tol*max(1, math.Abs(want))) {
		t.Errorf("%s = %.17g, want %.17g (tol %g)", what, got, want, tol)
	}
}

func assertAllClose(t *testing.T, want, got []float64, tol float64, what string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s has %d values, want %d", what, len(got), len(want))
	}
	for i := range want {
		assertClose(t, want[i], got[i], tol, what)
	}
}

// demsar is Demšar (2006) Table 6, the AUC of C4.5, C4.5+m, C4.5+cf and
// C4.5+m+cf (columns) on 14 datasets (rows), as in SciPy's own test
// (scipy/stats/tests/test_stats.py, test_friedmanchisquare): C4.5+cf on
// voting is 0.9751 rather than the printed 0.975, which breaks its tie
// with C4.5+m+cf the way the paper's unrounded AUCs do and reproduces its
// average ranks 3.143, 2.000, 2.893, 1.964.
//
// The expected values in the tests were computed (SciPy 1.10.1, numpy
// 1.24) from a, N, k defined as:
//
//	a = np.array([[0.763,0.599,0.954,0.628,0.882,0.936,0.661,0.583,0.775,1.0,0.94,0.619,0.972,0.957],
//	              [0.768,0.591,0.971,0.661,0.888,0.931,0.668,0.583,0.838,1.0,0.962,0.666,0.981,0.978],
//	              [0.771,0.590,0.968,0.654,0.886,0.916,0.609,0.563,0.866,1.0,0.965,0.614,0.9751,0.946],
//	              [0.798,0.569,0.967,0.657,0.898,0.931,0.685,0.625,0.875,1.0,0.962,0.669,0.975,0.970]]).T
//	N, k = a.shape
var demsar = [][]float64{
	{0.763, 0.768, 0.771, 0.798},  // adult (sample)
	{0.599, 0.591, 0.590, 0.569},  // breast cancer
	{0.954, 0.971, 0.968, 0.967},  // breast cancer wisconsin
	{0.628, 0.661, 0.654, 0.657},  // cmc
	{0.882, 0.888, 0.886, 0.898},  // ionosphere
	{0.936, 0.931, 0.916, 0.931},  // iris
	{0.661, 0.668, 0.609, 0.685},  // liver disorders
	{0.583, 0.583, 0.563, 0.625},  // lung cancer
	{0.775, 0.838, 0.866, 0.875},  // lymphography
	{1.000, 1.000, 1.000, 1.000},  // mushroom
	{0.940, 0.962, 0.965, 0.962},  // primary tumor
	{0.619, 0.666, 0.614, 0.669},  // rheum
	{0.972, 0.981, 0.9751, 0.975}, // voting
	{0.957, 0.978, 0.946, 0.970},  // wine
}

// tiedScores are 8 datasets x 5 methods with ties, a fully tied dataset
// (row 2) included. Python, numpy 1.24:
//
//	rng = np.random.default_rng(7)
//	b = np.round(rng.uniform(0.6, 0.9, size=(8, 5)), 2); b[2, :] = b[2, 0]; b[5, 1] = b[5, 3]
var tiedScores = [][]float64{
	{0.79, 0.87, 0.83, 0.67, 0.69},
	{0.86, 0.6, 0.85, 0.84, 0.74},
	{0.69, 0.69, 0.69, 0.69, 0.69},
	{0.77, 0.9, 0.84, 0.79, 0.9},
	{0.66, 0.65, 0.78, 0.61, 0.61},
	{0.75, 0.79, 0.88, 0.79, 0.75},
	{0.75, 0.67, 0.6, 0.66, 0.81},
	{0.66, 0.71, 0.6, 0.85, 0.65},
}
