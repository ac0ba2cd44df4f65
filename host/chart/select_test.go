package chart_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/chart"
	"github.com/openml-dash/openml-dash/sdk"
)

// TestSelect_box selects the points inside a rectangle: each point found by
// HitTest at its own pixel is selected by a box around that pixel, and a
// box over the whole chart selects every point once.
func TestSelect_box(t *testing.T) {
	t.Parallel()
	for _, kind := range []sdk.ChartKind{sdk.ChartScatter, sdk.ChartLine} {
		spec := &sdk.Chart{Kind: kind, Title: "t",
			Series: []sdk.Series{
				{Name: "a", X: []float64{0, 1, 2, 3}, Y: []float64{0, 1, 4, 9}},
				{Name: "b", X: []float64{0, 1, 2, 3}, Y: []float64{9, 4, 1, 0}},
			}}
		opts := chart.Options{Width: 400, Height: 300}
		all, err := chart.Select(spec, opts, 0, 0, opts.Width, opts.Height)
		require.NoError(t, err)
		assert.Len(t, all, 8, kind.String())

		// The left half of the image holds the points of smaller x.
		left, err := chart.Select(spec, opts, opts.Width/2, opts.Height, 0, 0)
		require.NoError(t, err)
		require.NotEmpty(t, left, kind.String())
		require.Less(t, len(left), 8, kind.String())
		in := map[[2]int]bool{}
		maxIn := -1.0
		for _, h := range left {
			in[[2]int{h.Series, h.Index}] = true
			maxIn = max(maxIn, h.X)
		}
		for _, h := range all {
			if !in[[2]int{h.Series, h.Index}] {
				assert.Greater(t, h.X, maxIn, "%s: unselected points lie right of the selected ones", kind)
			}
		}

		none, err := chart.Select(spec, opts, 0, 0, 3, 3)
		require.NoError(t, err)
		assert.Empty(t, none, "a box in the corner holds no point")
	}
	bars := &sdk.Chart{Kind: sdk.ChartBar, X: sdk.Axis{Categories: []string{"a"}}, Series: []sdk.Series{{Y: []float64{1}}}}
	got, err := chart.Select(bars, chart.Options{Width: 300, Height: 200}, 0, 0, 300, 200)
	require.NoError(t, err)
	assert.Empty(t, got, "bars are not box-selected")
}
