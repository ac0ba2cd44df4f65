package sdk_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk"
)

func TestCompareRuns(t *testing.T) {
	r, err := sdk.CompareRuns("https://test.openml.org", 219, 221, 220)
	require.NoError(t, err)
	assert.Equal(t, sdk.KindRunComparison, r.Kind)
	assert.Equal(t, []int64{219, 221, 220}, r.IDs())
	assert.Equal(t, "https://test.openml.org/r/219,221,220", r.String())
	assert.Equal(t, "https://test.openml.org/r/219,221,220", r.URL())
	same, _ := sdk.CompareRuns("https://test.openml.org", 219, 221, 220)
	assert.True(t, r == same, "refs stay comparable")

	for name, ids := range map[string][]int64{
		"one":       {1},
		"eleven":    {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11},
		"twice":     {3, 4, 3},
		"not an id": {3, 0},
	} {
		_, err := sdk.CompareRuns(sdk.DefaultServer, ids...)
		assert.Error(t, err, name)
	}
	assert.Equal(t, []int64{61}, sdk.EntityRef{Kind: sdk.KindData, ID: 61}.IDs())
}

func TestOverviewKinds(t *testing.T) {
	for _, k := range []sdk.Kind{sdk.KindData, sdk.KindTask, sdk.KindFlow, sdk.KindRun} {
		ov, ok := k.Overview()
		require.True(t, ok, k.String())
		back, ok := ov.Overviewed()
		require.True(t, ok)
		assert.Equal(t, k, back)
		assert.Equal(t, k.String()+"-overview", ov.String())
	}
	_, ok := sdk.KindStudy.Overview()
	assert.False(t, ok)
	_, ok = sdk.KindData.Overviewed()
	assert.False(t, ok)
	r := sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindFlowOverview}
	assert.Equal(t, "search?type=flow", r.String())
	assert.Equal(t, "https://www.openml.org/search?type=flow", r.URL())
}
