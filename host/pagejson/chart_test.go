package pagejson

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk"
)

// TestChart_newFields checks that a scatter matrix's dimensions, its
// points by dimension and colour values, and the bar mode reach the JSON.
func TestChart_newFields(t *testing.T) {
	t.Parallel()
	c := &sdk.Chart{Kind: sdk.ChartScatterMatrix, Barmode: sdk.BarModeOverlay,
		Dimensions: []sdk.Axis{{Title: "a"}, {Title: "b", Log: true, Categories: []string{"x", "y"}}},
		ColorAxis:  sdk.Axis{Title: "score", Log: true},
		Series:     []sdk.Series{{Name: "s", Dims: [][]float64{{1, math.NaN()}, {0, 1}}, Color: []float64{0.5, math.Inf(1)}}}}
	b, err := json.Marshal(chart(c))
	require.NoError(t, err)
	var got map[string]any
	require.NoError(t, json.Unmarshal(b, &got))
	assert.Equal(t, "scatter matrix", got["kind"])
	assert.Equal(t, "overlay", got["barmode"])
	assert.Equal(t, "score", got["color_title"])
	assert.Equal(t, true, got["color_log"])
	assert.Equal(t, []any{map[string]any{"title": "a"}, map[string]any{"title": "b", "log": true, "categories": []any{"x", "y"}}}, got["dimensions"])
	s := got["series"].([]any)[0].(map[string]any)
	assert.Equal(t, []any{[]any{1.0, nil}, []any{0.0, 1.0}}, s["dims"])
	assert.Equal(t, []any{0.5, nil}, s["color"])
}

// TestChart_zero checks that a chart without the newer fields leaves them
// out of the JSON.
func TestChart_zero(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(chart(&sdk.Chart{Kind: sdk.ChartBar}))
	require.NoError(t, err)
	assert.JSONEq(t, `{"kind":"bar","series":[]}`, string(b))
}
