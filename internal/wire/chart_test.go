package wire

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	"github.com/openml-dash/openml-dash/sdk"
	pb "github.com/openml-dash/openml-dash/sdk/proto"
)

func fullChart() *sdk.Chart {
	return &sdk.Chart{
		ID: "c", Kind: sdk.ChartScatterMatrix, Title: "t", Legend: true, Horizontal: true, Barmode: sdk.BarModeGroup,
		X: sdk.Axis{Title: "x", Log: true, Categories: []string{"a"}}, Y: sdk.Axis{Title: "y", Time: true},
		Dimensions: []sdk.Axis{{Title: "d1"}, {Title: "d2", Log: true, Categories: []string{"p", "q"}}},
		ColorAxis:  sdk.Axis{Title: "colour", Log: true},
		Series: []sdk.Series{{Name: "s", X: []float64{1}, Y: []float64{2}, Z: []float64{3}, Labels: []string{"l"},
			Links: []sdk.EntityRef{{Server: sdk.DefaultServer, Kind: sdk.KindRun, ID: 7}}, Color: []float64{0.5},
			Dims: [][]float64{{1, 2}, {0, 1}}}},
	}
}

// TestChart_survivesTheWire checks that every chart field, the newer ones
// included, comes back from the proto encoding.
func TestChart_survivesTheWire(t *testing.T) {
	t.Parallel()
	cases := map[string]*sdk.Chart{
		"full": fullChart(),
		"zero": {ID: "z", Kind: sdk.ChartBar},
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b, err := proto.Marshal(toprotoChart(in))
			require.NoError(t, err)
			var back pb.Chart
			require.NoError(t, proto.Unmarshal(b, &back))
			assert.Equal(t, in, fromprotoChart(in.ID, &back))
		})
	}
}

func TestChart_heightTravels(t *testing.T) {
	t.Parallel()
	got := fromprotoChart("c", toprotoChart(&sdk.Chart{Kind: sdk.ChartBar, Height: 740}))
	assert.Equal(t, 740, got.Height)
}
