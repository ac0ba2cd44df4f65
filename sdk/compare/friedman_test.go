package compare_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk/compare"
)

func TestFriedmanDemsar(t *testing.T) {
	t.Parallel()
	res, err := compare.Friedman(demsar, true)
	require.NoError(t, err)
	assert.Equal(t, 14, res.N)
	assert.Equal(t, 4, res.K)
	assertAllClose(t, []float64{3.142857142857143, 2.0, 2.892857142857143, 1.9642857142857142}, res.MeanRanks, 1e-15, "mean rank")

	// r = stats.friedmanchisquare(*a.T); r.statistic, r.pvalue
	assertClose(t, 10.228346456692925, res.ChiSquare, 1e-12, "chi2")
	assertClose(t, 0.016721580328441323, res.PValue, 1e-12, "p")
	// c = r.statistic; F = (N-1)*c/(N*(k-1)-c); F, stats.f.sf(F, k-1, (k-1)*(N-1))
	assertClose(t, 4.1851301115241695, res.F, 1e-12, "F")
	assertClose(t, 0.011620659515310954, res.FPValue, 1e-12, "F p")

	// Demšar's published chi2_F = 9.28 and F_F = 3.69 leave ties
	// uncorrected: R = stats.rankdata(-a, axis=1).mean(0)
	// chi = 12*N/(k*(k+1))*(np.sum(R**2)-k*(k+1)**2/4) -> 9.278571428571437
	// (N-1)*chi/(N*(k-1)-chi)                        -> 3.686313032089068
	chi := res.ChiSquare * res.TieCorrection
	assertClose(t, 9.278571428571437, chi, 1e-12, "uncorrected chi2")
	assertClose(t, 3.686313032089068, 13*chi/(14*3-chi), 1e-12, "uncorrected F")
	assert.InDelta(t, 9.28, chi, 0.005)
	assert.InDelta(t, 3.69, 13*chi/(14*3-chi), 0.005)
}

func TestFriedmanTies(t *testing.T) {
	t.Parallel()
	// r = stats.friedmanchisquare(*b.T); r.statistic, r.pvalue
	// c = r.statistic; F = 7*c/(8*4-c); F, stats.f.sf(F, 4, 28)
	for _, higher := range []bool{false, true} {
		res, err := compare.Friedman(tiedScores, higher)
		require.NoError(t, err)
		assertClose(t, 1.6764705882353075, res.ChiSquare, 1e-12, "chi2")
		assertClose(t, 0.7949872024604033, res.PValue, 1e-12, "p")
		assertClose(t, 0.3870029097963175, res.F, 1e-12, "F")
		assertClose(t, 0.8160740571641836, res.FPValue, 1e-12, "F p")
	}
}

func TestFriedmanExtremes(t *testing.T) {
	t.Parallel()
	// All methods tie everywhere: SciPy divides 0 by 0; no evidence of a
	// difference is reported instead.
	res, err := compare.Friedman([][]float64{{1, 1, 1}, {2, 2, 2}}, true)
	require.NoError(t, err)
	assert.Equal(t, 0.0, res.ChiSquare)
	assert.Equal(t, 1.0, res.PValue)
	assert.Equal(t, 0.0, res.F)
	assert.Equal(t, 1.0, res.FPValue)

	// Every dataset ranks the methods alike: chi2 reaches its bound
	// N(k-1) = 10, stats.friedmanchisquare([1]*5, [2]*5, [3]*5) gives
	// (10.0, 0.006737946999085468), and F_F is infinite.
	agree := [][]float64{{1, 2, 3}, {1, 2, 3}, {1, 2, 3}, {1, 2, 3}, {1, 2, 3}}
	res, err = compare.Friedman(agree, true)
	require.NoError(t, err)
	assertClose(t, 10, res.ChiSquare, 1e-12, "chi2")
	assertClose(t, 0.006737946999085468, res.PValue, 1e-12, "p")
	assert.True(t, math.IsInf(res.F, 1))
	assert.Equal(t, 0.0, res.FPValue)
}

func TestFriedmanErrors(t *testing.T) {
	t.Parallel()
	for name, scores := range map[string][][]float64{
		"no rows":     nil,
		"two methods": {{1, 2}, {2, 1}, {1, 2}},
		"one dataset": {{1, 2, 3}},
		"ragged":      {{1, 2, 3}, {1, 2}},
		"NaN":         {{1, 2, 3}, {1, 2, math.NaN()}},
	} {
		_, err := compare.Friedman(scores, true)
		assert.Error(t, err, name)
	}
}
