package sdk

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func fullChart() *Chart {
	return &Chart{
		ID: "c", Kind: ChartScatterMatrix, Title: "t", Legend: true, Horizontal: true, Barmode: BarModeGroup,
		X: Axis{Title: "x", Log: true, Categories: []string{"a"}}, Y: Axis{Title: "y", Time: true},
		Dimensions: []Axis{{Title: "d1"}, {Title: "d2", Log: true, Categories: []string{"p", "q"}}},
		ColorAxis:  Axis{Title: "colour", Log: true},
		Series: []Series{{Name: "s", X: []float64{1}, Y: []float64{2}, Z: []float64{3}, Labels: []string{"l"},
			Links: []EntityRef{{Server: DefaultServer, Kind: KindRun, ID: 7}}, Color: []float64{0.5},
			Dims: [][]float64{{1, 2}, {0, 1}}}},
	}
}

// TestChart_Clone checks that a clone shares no slice with its original.
func TestChart_Clone(t *testing.T) {
	t.Parallel()
	orig := fullChart()
	c := orig.Clone()
	require.Equal(t, orig, c)
	c.X.Categories[0] = "changed"
	c.Dimensions[1].Categories[0] = "changed"
	c.Series[0].Dims[0][0] = 99
	c.Series[0].Color[0] = 99
	c.Series[0].Links[0].ID = 99
	assert.Equal(t, fullChart(), orig)
	assert.Nil(t, (*Chart)(nil).Clone())
}

func TestChartKind_String(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "parallel categories", ChartParallelCategories.String())
	assert.Equal(t, "unknown", ChartKind(200).String())
	assert.Equal(t, "overlay", BarModeOverlay.String())
	assert.Equal(t, "unknown", BarMode(9).String())
}
