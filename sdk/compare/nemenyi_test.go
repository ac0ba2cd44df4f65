package compare_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk/compare"
)

// q returns q_alpha back from the critical difference.
func q(t *testing.T, k int, alpha float64) float64 {
	t.Helper()
	cd, err := compare.NemenyiCD(k, 1, alpha)
	require.NoError(t, err)
	return cd / math.Sqrt(float64(k*(k+1))/6)
}

func TestNemenyiQDemsarTable(t *testing.T) {
	t.Parallel()
	// Demšar (2006) Table 5(a), k = 2..10. A few entries are off by a
	// unit in the third decimal (k=3 at 0.05 is 2.3437, printed 2.343;
	// k=7 is 2.9483, printed 2.949; k=5 at 0.10 is 2.4595, printed
	// 2.459), so agreement is to within 0.001.
	q05 := []float64{1.960, 2.343, 2.569, 2.728, 2.850, 2.949, 3.031, 3.102, 3.164}
	q10 := []float64{1.645, 2.052, 2.291, 2.459, 2.589, 2.693, 2.780, 2.855, 2.920}
	for i := range q05 {
		k := i + 2
		assert.InDelta(t, q05[i], q(t, k, 0.05), 0.001, "k=%d alpha=0.05", k)
		assert.InDelta(t, q10[i], q(t, k, 0.10), 0.001, "k=%d alpha=0.10", k)
	}
}

func TestNemenyiQSciPy(t *testing.T) {
	t.Parallel()
	// stats.studentized_range.ppf(1-alpha, k, np.inf)/np.sqrt(2) for
	// alpha = 0.05 and 0.10.
	for _, c := range []struct {
		k        int
		q05, q10 float64
	}{
		{2, 1.9599639845400534, 1.6448536269514722},
		{3, 2.343700586378409, 2.0522927304967755},
		{4, 2.569031772546482, 2.2913414968880566},
		{5, 2.7277743708703763, 2.4595157642714183},
		{10, 3.163683577053373, 2.9198888400615384},
		{20, 3.5437991315177815, 3.319233059548415},
		{50, 3.9923432900094076, 3.7877496141945874},
		{100, 4.302488463597363, 4.110055508575388},
		{1000, 5.211113569560179, 5.047752911262361},
	} {
		assertClose(t, c.q05, q(t, c.k, 0.05), 1e-9, "q_0.05")
		assertClose(t, c.q10, q(t, c.k, 0.10), 1e-9, "q_0.10")
	}
}

func TestNemenyiQTwoMethods(t *testing.T) {
	t.Parallel()
	// The range of 2 normals is sqrt(2)|Z|, so q_alpha is the two-sided
	// normal quantile stats.norm.isf(alpha/2), also far in the tail.
	for alpha, want := range map[float64]float64{
		0.01:  2.575829303548901,
		1e-6:  4.891638475698591,
		1e-15: 8.02685888253454,
	} {
		assertClose(t, want, q(t, 2, alpha), 1e-12, "q")
	}
}

func TestNemenyiCDDemsar(t *testing.T) {
	t.Parallel()
	// Demšar's example: 4 methods, 14 datasets, CD = 1.25 at 0.05.
	// q = stats.studentized_range.ppf(0.95, 4, np.inf)/np.sqrt(2)
	// q*np.sqrt(4*5/(6*14)) -> 1.2535591471176057
	cd, err := compare.NemenyiCD(4, 14, 0.05)
	require.NoError(t, err)
	assertClose(t, 1.2535591471176057, cd, 1e-9, "CD")

	// C4.5 (3.143) and C4.5+m+cf (1.964) differ by 1.179 < CD, so all
	// four methods form one group.
	means, err := compare.MeanRanks(demsar, true)
	require.NoError(t, err)
	groups, err := compare.NemenyiGroups(means, cd)
	require.NoError(t, err)
	assert.Equal(t, [][]int{{3, 1, 2, 0}}, groups)

	// At 0.10 Demšar's CD is 1.12: C4.5 is set apart from C4.5+m+cf and
	// C4.5+m.
	cd, err = compare.NemenyiCD(4, 14, 0.10)
	require.NoError(t, err)
	assert.InDelta(t, 1.12, cd, 0.005)
	groups, err = compare.NemenyiGroups(means, cd)
	require.NoError(t, err)
	assert.Equal(t, [][]int{{3, 1, 2}, {2, 0}}, groups)
}

func TestNemenyiGroups(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name  string
		ranks []float64
		cd    float64
		want  [][]int
	}{
		{
			name:  "overlapping chain, last method apart",
			ranks: []float64{1, 1.5, 2.6, 3, 4.5},
			cd:    1.2,
			// From 1: {1, 1.5}; from 1.5: {1.5, 2.6}; from 2.6: {2.6, 3};
			// 4.5 is more than 1.2 from everything.
			want: [][]int{{0, 1}, {1, 2}, {2, 3}},
		},
		{
			name:  "unsorted input, contained runs dropped",
			ranks: []float64{2.2, 4.0, 1.0, 2.0, 3.9},
			cd:    1.5,
			// Sorted: 1.0(2) 2.0(3) 2.2(0) 3.9(4) 4.0(1). The run from
			// 1.0 reaches 2.2; those from 2.0 and 2.2 end there too, so
			// they are contained in it; the last is {3.9, 4.0}.
			want: [][]int{{2, 3, 0}, {4, 1}},
		},
		{
			name:  "span equal to CD counts as not different",
			ranks: []float64{1, 2, 3},
			cd:    1,
			want:  [][]int{{0, 1}, {1, 2}},
		},
		{
			name:  "equal ranks keep input order",
			ranks: []float64{2, 1, 2, 2},
			cd:    0,
			want:  [][]int{{0, 2, 3}},
		},
		{
			name:  "all apart",
			ranks: []float64{1, 2, 3},
			cd:    0.5,
			want:  nil,
		},
		{
			name:  "single method",
			ranks: []float64{1},
			cd:    1,
			want:  nil,
		},
	} {
		got, err := compare.NemenyiGroups(c.ranks, c.cd)
		require.NoError(t, err, c.name)
		assert.Equal(t, c.want, got, c.name)
	}
}

func TestNemenyiErrors(t *testing.T) {
	t.Parallel()
	for name, c := range map[string]struct {
		k, n  int
		alpha float64
	}{
		"one method":  {1, 10, 0.05},
		"no datasets": {3, 0, 0.05},
		"alpha 0":     {3, 10, 0},
		"alpha 1":     {3, 10, 1},
		"alpha NaN":   {3, 10, math.NaN()},
	} {
		_, err := compare.NemenyiCD(c.k, c.n, c.alpha)
		assert.Error(t, err, name)
	}
	for name, c := range map[string]struct {
		ranks []float64
		cd    float64
	}{
		"no ranks": {nil, 1},
		"NaN rank": {[]float64{1, math.NaN()}, 1},
		"Inf rank": {[]float64{1, math.Inf(1)}, 1},
		"negative": {[]float64{1, 2}, -1},
		"NaN CD":   {[]float64{1, 2}, math.NaN()},
	} {
		_, err := compare.NemenyiGroups(c.ranks, c.cd)
		assert.Error(t, err, name)
	}
}
