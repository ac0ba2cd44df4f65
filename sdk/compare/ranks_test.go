package compare_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk/compare"
)

func TestRanksDemsar(t *testing.T) {
	t.Parallel()
	// stats.rankdata(-a, axis=1).tolist(): higher AUC is better.
	want := [][]float64{
		{4, 3, 2, 1}, {1, 2, 3, 4}, {4, 1, 2, 3}, {4, 1, 3, 2}, {4, 2, 3, 1},
		{1, 2.5, 4, 2.5}, {3, 2, 4, 1}, {2.5, 2.5, 4, 1}, {4, 3, 2, 1},
		{2.5, 2.5, 2.5, 2.5}, {4, 2.5, 1, 2.5}, {3, 2, 4, 1}, {4, 1, 2, 3},
		{3, 1, 4, 2},
	}
	ranks, err := compare.Ranks(demsar, true)
	require.NoError(t, err)
	assert.Equal(t, want, ranks)

	// stats.rankdata(-a, axis=1).mean(0).tolist(); Demšar prints
	// 3.143, 2.000, 2.893, 1.964.
	means, err := compare.MeanRanks(demsar, true)
	require.NoError(t, err)
	assertAllClose(t, []float64{3.142857142857143, 2.0, 2.892857142857143, 1.9642857142857142}, means, 1e-15, "mean rank")
}

func TestRanksLowerIsBetterWithTies(t *testing.T) {
	t.Parallel()
	// stats.rankdata(b, axis=1).tolist(): lower (an error rate) is better.
	want := [][]float64{
		{3, 5, 4, 1, 2},
		{5, 1, 4, 3, 2},
		{3, 3, 3, 3, 3},
		{1, 4.5, 3, 2, 4.5},
		{4, 3, 5, 1.5, 1.5},
		{1.5, 3.5, 5, 3.5, 1.5},
		{4, 3, 1, 2, 5},
		{3, 4, 1, 5, 2},
	}
	ranks, err := compare.Ranks(tiedScores, false)
	require.NoError(t, err)
	assert.Equal(t, want, ranks)

	// stats.rankdata(b, axis=1).mean(0).tolist()
	means, err := compare.MeanRanks(tiedScores, false)
	require.NoError(t, err)
	assertAllClose(t, []float64{3.0625, 3.375, 3.25, 2.625, 2.6875}, means, 1e-15, "mean rank")

	// Reversing the direction maps rank r to k+1-r.
	rev, err := compare.MeanRanks(tiedScores, true)
	require.NoError(t, err)
	for j := range means {
		assert.InDelta(t, 6-means[j], rev[j], 1e-15)
	}
}

func TestRanksErrors(t *testing.T) {
	t.Parallel()
	for name, scores := range map[string][][]float64{
		"no rows":   nil,
		"empty row": {{}, {}},
		"ragged":    {{1, 2, 3}, {1, 2}},
		"NaN":       {{1, 2, 3}, {1, math.NaN(), 3}},
		"Inf":       {{1, math.Inf(-1), 3}},
	} {
		_, err := compare.Ranks(scores, true)
		assert.Error(t, err, name)
		_, err = compare.MeanRanks(scores, true)
		assert.Error(t, err, name)
	}
}
