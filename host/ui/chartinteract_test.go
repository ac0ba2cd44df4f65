package ui_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/chart"
	"github.com/openml-dash/openml-dash/host/ui"
	"github.com/openml-dash/openml-dash/sdk"
)

func linkedBars() *sdk.Chart {
	return &sdk.Chart{
		ID: "runs", Kind: sdk.ChartBar, Title: "Best runs",
		X: sdk.Axis{Title: "flow", Categories: []string{"RandomForest", "SVC", "kNN"}},
		Y: sdk.Axis{Title: "accuracy"},
		Series: []sdk.Series{{Name: "best", Y: []float64{0.96, 0.94, 0.9}, Links: []sdk.EntityRef{
			{Server: sdk.DefaultServer, Kind: sdk.KindRun, ID: 1}, {Server: sdk.DefaultServer, Kind: sdk.KindRun, ID: 2}, {Server: sdk.DefaultServer, Kind: sdk.KindRun, ID: 3},
		}}},
	}
}

// find returns a position over the point of series 0 with index i, by
// asking the chart where its points are.
func find(t *testing.T, v *ui.ChartView, spec *sdk.Chart, i int) fyne.Position {
	t.Helper()
	o := v.Drawn()
	require.NotZero(t, o.Width, "the chart was drawn")
	for y := 0; y < o.Height; y += 2 {
		for x := 0; x < o.Width; x += 2 {
			if h, ok := chart.HitTest(spec, o, x, y); ok && h.Series == 0 && h.Index == i {
				return fyne.NewPos(float32(x), float32(y)) // the test canvas has scale 1
			}
		}
	}
	t.Fatalf("no pixel shows point %d", i)
	return fyne.Position{}
}

func TestChartView_hoverShowsThePoint(t *testing.T) {
	test.NewTempApp(t)
	spec := linkedBars()
	r := ui.Render(spec, nil, nil)
	v := r.Object.(*ui.ChartView)
	w := show(t, v, 600, 400)

	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(v)
	pos := find(t, v, spec, 1)
	test.MoveMouse(w.Canvas(), at.Add(pos))
	assert.Contains(t, v.TipText(), "SVC")
	assert.Contains(t, v.TipText(), "0.94")
	assert.Contains(t, v.TipText(), "click to open r/2")

	test.MoveMouse(w.Canvas(), at.Add(fyne.NewPos(2, 2)))
	assert.Empty(t, v.TipText(), "no point, no tooltip")
}

func TestChartView_clickOpensAndReports(t *testing.T) {
	test.NewTempApp(t)
	spec := linkedBars()
	var rec recorder
	var opened []sdk.EntityRef
	r := ui.Render(spec, rec.set, func(ref sdk.EntityRef) { opened = append(opened, ref) })
	v := r.Object.(*ui.ChartView)
	show(t, v, 600, 400)

	test.TapAt(v, find(t, v, spec, 2))
	require.Equal(t, []sdk.EntityRef{spec.Series[0].Links[2]}, opened, "a linked point opens its entity")
	sets := rec.all()
	require.Len(t, sets, 1)
	assert.Equal(t, sdk.PropRef{ComponentID: "runs", Property: sdk.PropClickData}, sets[0].Ref)
	assert.Equal(t, []int64{0, 2}, sets[0].Value.Ints(), "the click reaches the page as [series, index]")

	test.TapAt(v, fyne.NewPos(2, 2))
	assert.Len(t, opened, 1, "a click beside the points does nothing")
	assert.Len(t, rec.all(), 1)
}

func TestChartView_secondaryTapOffersExport(t *testing.T) {
	test.NewTempApp(t)
	v := ui.Render(linkedBars(), nil, nil).Object.(*ui.ChartView)
	w := show(t, v, 600, 400)
	test.TapSecondaryAt(v, fyne.NewPos(300, 200))
	overlay := w.Canvas().Overlays().Top()
	require.NotNil(t, overlay, "a menu pops up")
	var items []string
	for _, o := range test.LaidOutObjects(overlay) {
		if txt, ok := o.(*canvas.Text); ok && txt.Visible() {
			items = append(items, txt.Text)
		}
	}
	assert.Contains(t, items, "Save chart as PNG…")
	assert.Contains(t, items, "Save chart as SVG…")
}

func TestExportName(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "Best runs.svg", ui.ExportName(&sdk.Chart{Title: "Best runs"}, chart.SVG))
	assert.Equal(t, "a-b.png", ui.ExportName(&sdk.Chart{Title: "a/b"}, chart.PNG))
	assert.Equal(t, "roc.png", ui.ExportName(&sdk.Chart{ID: "roc"}, chart.PNG))
	assert.Equal(t, "chart.png", ui.ExportName(&sdk.Chart{}, chart.PNG))
}

func TestChartView_dragSelectsPoints(t *testing.T) {
	test.NewTempApp(t)
	spec := &sdk.Chart{ID: "pts", Kind: sdk.ChartScatter, Title: "points",
		Series: []sdk.Series{{Name: "a", X: []float64{0, 1, 2, 3}, Y: []float64{0, 1, 2, 3}}}}
	var rec recorder
	v := ui.Render(spec, rec.set, nil).Object.(*ui.ChartView)
	w := show(t, v, 600, 400)
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(v)

	// Box the lower-left half of the plot: the points of small x and y.
	p1, p3 := find(t, v, spec, 1), find(t, v, spec, 3)
	mid := fyne.NewPos((p1.X+p3.X)/2, (p1.Y+p3.Y)/2)
	start := fyne.NewPos(1, float32(v.Drawn().Height)-1)
	// As the desktop driver does, the event is where the pointer is now
	// and how far it moved: the box runs from start to mid.
	test.Drag(w.Canvas(), at.Add(mid), mid.X-start.X, mid.Y-start.Y)
	sets := rec.all()
	require.Len(t, sets, 1, "a drag reports one selection")
	assert.Equal(t, sdk.PropRef{ComponentID: "pts", Property: sdk.PropSelectedData}, sets[0].Ref)
	pairs := sets[0].Value.Ints()
	assert.Contains(t, [][]int64{{0, 0, 0, 1}, {0, 0, 0, 1, 0, 2}}, pairs, "points 0 and 1 (and maybe 2, on the box's edge), not 3")
}
