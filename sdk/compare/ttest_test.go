package compare_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk/compare"
)

// Expected values: SciPy 1.10.1, by hand with
//
//	def ct(x, y, f):
//	    d = np.array(x) - np.array(y); n = len(d)
//	    t = d.mean() / np.sqrt((1/n + f/(1-f)) * d.var(ddof=1))
//	    return d.mean(), t, 2*stats.t.sf(abs(t), n-1)
func TestCorrectedTTest(t *testing.T) {
	t.Parallel()
	var x3, y3 []float64
	for i := range 10 {
		x3 = append(x3, 0.9+1e-3*float64(i))
		y3 = append(y3, 0.5+1.1e-3*float64(i))
	}
	for _, c := range []struct {
		name        string
		x, y        []float64
		fraction    float64
		mean, tt, p float64
	}{
		{
			// ct(x, y, 0.1); stats.ttest_rel(x, y) gives t = 3.576, the
			// correction shrinks it by sqrt((1/10)/(1/10+1/9)).
			name:     "10-fold CV",
			x:        []float64{0.81, 0.74, 0.93, 0.66, 0.71, 0.88, 0.79, 0.84, 0.69, 0.77},
			y:        []float64{0.78, 0.75, 0.85, 0.60, 0.72, 0.80, 0.70, 0.83, 0.62, 0.74},
			fraction: 0.1,
			mean:     0.04300000000000002, tt: 2.461475493364465, p: 0.03607122633770057,
		},
		{
			// ct(x, y, 1/3)
			name:     "holdout 1/3, y better",
			x:        []float64{0.70, 0.72, 0.69, 0.71, 0.73, 0.70},
			y:        []float64{0.74, 0.71, 0.75, 0.73, 0.74, 0.76},
			fraction: 1.0 / 3,
			mean:     -0.030000000000000027, tt: -1.299038105676658, p: 0.2506056809163993,
		},
		{
			// x = [0.9+1e-3*i for i in range(10)]
			// y = [0.5+1.1e-3*i for i in range(10)]; ct(x, y, 0.1)
			name: "tiny p", x: x3, y: y3, fraction: 0.1,
			mean: 0.39955000000000007, tt: 2872.1682013824766, p: 3.8280717196050067e-28,
		},
	} {
		res, err := compare.CorrectedTTest(c.x, c.y, c.fraction)
		require.NoError(t, err, c.name)
		assertClose(t, c.mean, res.MeanDiff, 1e-12, c.name+" mean")
		assertClose(t, c.tt, res.T, 1e-9, c.name+" t")
		assert.Equal(t, float64(len(c.x)-1), res.DF, c.name)
		// Relative, as the tiny p is far below any absolute tolerance.
		assert.InEpsilon(t, c.p, res.PValue, 1e-8, c.name+" p")
	}
}

func TestCorrectedTTestConstantDifferences(t *testing.T) {
	t.Parallel()
	same := []float64{0.8, 0.7, 0.9}
	res, err := compare.CorrectedTTest(same, same, 0.1)
	require.NoError(t, err)
	assert.Equal(t, compare.TTestResult{DF: 2, PValue: 1}, res)

	// x - y is exactly 0.5 in every fold: no variance, a sure difference.
	res, err = compare.CorrectedTTest([]float64{1, 1.5, 2}, []float64{0.5, 1, 1.5}, 0.1)
	require.NoError(t, err)
	assert.Equal(t, 0.5, res.MeanDiff)
	assert.True(t, math.IsInf(res.T, 1))
	assert.Equal(t, 0.0, res.PValue)

	res, err = compare.CorrectedTTest([]float64{0.5, 1, 1.5}, []float64{1, 1.5, 2}, 0.1)
	require.NoError(t, err)
	assert.True(t, math.IsInf(res.T, -1))
	assert.Equal(t, 0.0, res.PValue)

	// Differences that average to zero: t = 0, p = 1.
	res, err = compare.CorrectedTTest([]float64{1, 0}, []float64{0, 1}, 0.5)
	require.NoError(t, err)
	assert.Equal(t, 0.0, res.T)
	assert.Equal(t, 1.0, res.PValue)
}

func TestCorrectedTTestErrors(t *testing.T) {
	t.Parallel()
	two := []float64{1, 2}
	for name, c := range map[string]struct {
		x, y     []float64
		fraction float64
	}{
		"empty":         {nil, nil, 0.1},
		"one fold":      {[]float64{1}, []float64{2}, 0.1},
		"lengths":       {two, []float64{1, 2, 3}, 0.1},
		"fraction 0":    {two, two, 0},
		"fraction 1":    {two, two, 1},
		"fraction NaN":  {two, two, math.NaN()},
		"NaN":           {[]float64{1, math.NaN()}, two, 0.1},
		"Inf":           {two, []float64{math.Inf(-1), 2}, 0.1},
		"overflowing d": {[]float64{math.MaxFloat64, 0}, []float64{-math.MaxFloat64, 0}, 0.1},
	} {
		_, err := compare.CorrectedTTest(c.x, c.y, c.fraction)
		assert.Error(t, err, name)
	}
}
