package stats_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk/stats"
)

func TestBoxes(t *testing.T) {
	t.Parallel()
	// Expected values: numpy 1.24, q1, med, q3 = np.quantile(s, [.25, .5, .75]),
	// whiskers s[s >= q1-1.5*iqr].min() and s[s <= q3+1.5*iqr].max().
	col := numeric("x", 1.0, 2.0, 2.5, 3.0, 3.2, 3.3, 3.9, 4.0, 4.1, 9.5, -4.0, 12.0, 3.5, nan, math.Inf(1))
	bp, err := stats.Boxes(t.Context(), col, nil)
	require.NoError(t, err)
	require.Len(t, bp.Boxes, 1)
	b := bp.Boxes[0]
	assert.Equal(t, 13, b.N)
	assertAllClose(t,
		[]float64{-4, 12, 3.6923076923076925, 2.5, 3.3, 4.0, 1.0, 4.1},
		[]float64{b.Min, b.Max, b.Mean, b.Q1, b.Median, b.Q3, b.LowerWhisker, b.UpperWhisker}, "min, max, mean, q1, median, q3, whiskers")
	assert.Equal(t, []float64{-4, 9.5, 12}, b.Outliers)
	assert.Equal(t, 1, b.LowOutliers)
	assert.Equal(t, 2, b.HighOutliers)
	assert.Equal(t, stats.LeftOut{Missing: 1, Infinite: 1}, bp.LeftOut)
}

func TestBoxes_edgeCases(t *testing.T) {
	t.Parallel()
	g := &stats.Groups{Labels: []string{"empty", "one", "flat"}, Of: []int32{1, 2, 2, 2, stats.NoGroup}, Missing: 1}
	bp, err := stats.Boxes(t.Context(), numeric("x", 7, 3, 3, 3, 100), g)
	require.NoError(t, err)
	require.Len(t, bp.Boxes, 3)
	empty, one, flat := bp.Boxes[0], bp.Boxes[1], bp.Boxes[2]
	assert.Equal(t, "empty", empty.Group)
	assert.Zero(t, empty.N)
	assert.True(t, math.IsNaN(empty.Median) && math.IsNaN(empty.LowerWhisker), "an empty box is NaN")
	assert.Equal(t, stats.Box{Group: "one", N: 1, Min: 7, Max: 7, Mean: 7, Q1: 7, Median: 7, Q3: 7, LowerWhisker: 7, UpperWhisker: 7}, one)
	assert.Equal(t, stats.Box{Group: "flat", N: 3, Min: 3, Max: 3, Mean: 3, Q1: 3, Median: 3, Q3: 3, LowerWhisker: 3, UpperWhisker: 3}, flat)
	assert.Equal(t, stats.LeftOut{TargetMissing: 1}, bp.LeftOut)
}

func TestBoxes_capsOutliers(t *testing.T) {
	t.Parallel()
	// 1000 zeros make the box a point, so each of the 300 other values
	// (-150..-1 and 1..150) is an outlier.
	xs := make([]float64, 1000, 1300)
	for i := 1; i <= 150; i++ {
		xs = append(xs, float64(i), float64(-i))
	}
	bp, err := stats.Boxes(t.Context(), numeric("x", xs...), nil)
	require.NoError(t, err)
	b := bp.Boxes[0]
	assert.Equal(t, 150, b.LowOutliers)
	assert.Equal(t, 150, b.HighOutliers)
	require.Len(t, b.Outliers, stats.MaxOutliers)
	assert.Equal(t, -150.0, b.Outliers[0])
	assert.Equal(t, 150.0, b.Outliers[len(b.Outliers)-1])
	assert.IsIncreasing(t, b.Outliers)
	assert.Equal(t, 0.0, b.LowerWhisker)
	assert.Equal(t, 0.0, b.UpperWhisker)
}

func TestViolins(t *testing.T) {
	t.Parallel()
	// Expected values: scipy 1.10, k = scipy.stats.gaussian_kde(x),
	// sqrt(k.covariance[0, 0]) and k(np.linspace(x.min(), x.max(), 8)).
	col := numeric("x", 1.0, 2.0, 2.5, 3.0, 3.2, 3.3, 3.9, 4.0, 4.1, 9.5)
	vp, err := stats.Violins(t.Context(), col, nil, 8)
	require.NoError(t, err)
	require.Len(t, vp.Violins, 1)
	v := vp.Violins[0]
	assertClose(t, 1.4330280835018983, v.Bandwidth, "bandwidth")
	assertAllClose(t, []float64{1.0, 2.2142857142857144, 3.4285714285714284, 4.642857142857142, 5.857142857142857, 7.071428571428571, 8.285714285714285, 9.5}, v.Grid, "grid")
	assertAllClose(t, []float64{0.10190331330665478, 0.17954184920418065, 0.2049961823007871, 0.13994367590599743, 0.054296834108525066, 0.017387016015058824, 0.020566030263146684, 0.02789848225662307}, v.Density, "density")
	assertClose(t, 3.25, v.Median, "median") // (3.2+3.3)/2
}

func TestViolins_noDensity(t *testing.T) {
	t.Parallel()
	g := &stats.Groups{Labels: []string{"one", "flat", "two"}, Of: []int32{0, 1, 1, 2, 2}}
	vp, err := stats.Violins(t.Context(), numeric("x", 1, 5, 5, 2, 4), g, 0)
	require.NoError(t, err)
	require.Len(t, vp.Violins, 3)
	assert.Nil(t, vp.Violins[0].Density, "one value has no spread")
	assert.Nil(t, vp.Violins[1].Density, "a constant has no spread")
	assert.Len(t, vp.Violins[2].Grid, stats.DefaultViolinPoints)
	assert.Len(t, vp.Violins[2].Density, stats.DefaultViolinPoints)
	assert.Equal(t, 2.0, vp.Violins[2].Grid[0])
	assert.Equal(t, 4.0, vp.Violins[2].Grid[stats.DefaultViolinPoints-1])
}
