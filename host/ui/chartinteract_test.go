package ui_test

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/chart"
	"github.com/openml-dash/openml-dash/host/session"
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

// anyPoint is a position over any point of spec as v drew it.
func anyPoint(t *testing.T, v *ui.ChartView, spec *sdk.Chart) (fyne.Position, chart.Hit) {
	t.Helper()
	o := v.Drawn()
	require.NotZero(t, o.Width, "the chart was drawn")
	for y := 0; y < o.Height; y += 3 {
		for x := 0; x < o.Width; x += 3 {
			if h, ok := chart.HitTest(spec, o, x, y); ok {
				return fyne.NewPos(float32(x), float32(y)), h
			}
		}
	}
	t.Fatalf("no pixel shows a point of the %v chart", spec.Kind)
	return fyne.Position{}, chart.Hit{}
}

// Every chart kind answers the pointer with a tooltip and a click with
// click_data, from the first event.
func TestChartView_hoverAndClickOnEveryKind(t *testing.T) {
	cats := sdk.Axis{Title: "class", Categories: []string{"a", "b", "c"}}
	xs := []float64{0.1, 0.4, 0.9}
	ys := []float64{0.2, 0.7, 0.5}
	samples := []float64{1, 2, 2.5, 3, 3.2, 4, 5, 5.5, 6, 9}
	specs := map[string]*sdk.Chart{
		"scatter by category": {Kind: sdk.ChartScatter, X: sdk.Axis{Title: "x"}, Y: sdk.Axis{Title: "y"},
			Series: []sdk.Series{{Name: "setosa", X: xs, Y: ys}, {Name: "virginica", X: ys, Y: xs}}},
		"scatter by value": {Kind: sdk.ChartScatter, X: sdk.Axis{Title: "x"}, Y: sdk.Axis{Title: "y"}, ColorAxis: sdk.Axis{Title: "acc"},
			Series: []sdk.Series{{Name: "runs", X: xs, Y: ys, Color: []float64{0.5, 0.7, 0.9}}}},
		"line": {Kind: sdk.ChartLine, X: sdk.Axis{Title: "fpr"}, Y: sdk.Axis{Title: "tpr"},
			Series: []sdk.Series{{Name: "roc", X: []float64{0, 0.04, 1}, Y: []float64{0, 0.92, 1}}}},
		"heatmap": {Kind: sdk.ChartHeatmap, X: cats, Y: cats,
			Series: []sdk.Series{{Name: "instances", Z: []float64{50, 0, 0, 0, 46, 4, 0, 4, 46}}}},
		"stacked bar": {Kind: sdk.ChartStackedBar, X: cats, Y: sdk.Axis{Title: "count"},
			Series: []sdk.Series{{Name: "yes", Y: []float64{3, 4, 5}}, {Name: "no", Y: []float64{2, 2, 1}}}},
		"histogram": {Kind: sdk.ChartHistogram, X: sdk.Axis{Title: "v"}, Y: sdk.Axis{Title: "count"},
			Series: []sdk.Series{{Name: "all", X: []float64{0, 1, 2, 3}, Y: []float64{4, 7, 2}}}},
		"box": {Kind: sdk.ChartBox, X: sdk.Axis{Categories: []string{"fold"}}, Y: sdk.Axis{Title: "acc"},
			Series: []sdk.Series{{Name: "accuracy", X: make([]float64, len(samples)), Y: samples}}},
		"violin": {Kind: sdk.ChartViolin, X: sdk.Axis{Categories: []string{"all"}}, Y: sdk.Axis{Title: "v"},
			Series: []sdk.Series{{Name: "v", X: make([]float64, len(samples)), Y: samples}}},
		"pie": {Kind: sdk.ChartPie, X: cats, Series: []sdk.Series{{Name: "share", Y: []float64{5, 3, 2}}}},
	}
	for name, spec := range specs {
		t.Run(name, func(t *testing.T) {
			test.NewTempApp(t)
			rec := &recorder{}
			spec.ID = "c"
			r := ui.Render(spec, rec.set, nil)
			v := r.Object.(*ui.ChartView)
			w := show(t, v, 700, 500)
			pos, h := anyPoint(t, v, spec)
			at := fyne.CurrentApp().Driver().AbsolutePositionForObject(v)
			test.MoveMouse(w.Canvas(), at.Add(pos))
			assert.NotEmpty(t, v.TipText(), "hovering a point shows a tooltip")
			if h.SeriesName != "" {
				assert.Contains(t, v.TipText(), h.SeriesName)
			}
			test.TapCanvas(w.Canvas(), at.Add(pos))
			require.NotEmpty(t, rec.all(), "a click reaches the page")
			assert.Equal(t, sdk.PropClickData, rec.all()[0].Ref.Property)
		})
	}
}

// A heatmap cell's tooltip names its row and column, then its value.
func TestChartView_heatmapTooltipNamesRowAndColumn(t *testing.T) {
	test.NewTempApp(t)
	cats := []string{"setosa", "versicolor"}
	spec := &sdk.Chart{Kind: sdk.ChartHeatmap, X: sdk.Axis{Title: "predicted", Categories: cats}, Y: sdk.Axis{Title: "true", Categories: cats},
		Series: []sdk.Series{{Name: "instances", Z: []float64{50, 0, 4, 46}}}}
	tip := ui.DescribeHit(spec, chart.Hit{SeriesName: "instances", X: 0, Y: 1, Value: 4, Label: "4"})
	assert.Equal(t, "true: versicolor\npredicted: setosa\ninstances: 4", tip)
}

// A scatter matrix point's tooltip names the two dimensions of its panel,
// as the chart labels the panel's axes, not the chart's unused X and Y.
func TestChartView_scatterMatrixTooltipNamesThePanelsDimensions(t *testing.T) {
	test.NewTempApp(t)
	spec := &sdk.Chart{Kind: sdk.ChartScatterMatrix, Dimensions: []sdk.Axis{{Title: "petal length"}, {Title: "sepal width"}, {Title: "class", Categories: []string{"a", "b"}}},
		Series: []sdk.Series{{Name: "setosa", Dims: [][]float64{{1.4}, {3.5}, {1}}}}}
	opts := chart.Options{Width: 600, Height: 600}
	texts := []string{"petal length: 1.4", "sepal width: 3.5", "class: b"}
	seen := map[[2]int]bool{}
	for x := 0; x < opts.Width; x += 2 {
		for y := 0; y < opts.Height; y += 2 {
			h, ok := chart.HitTest(spec, opts, x, y)
			if !ok {
				continue
			}
			require.Len(t, h.Dims, 2)
			seen[[2]int{h.Dims[0], h.Dims[1]}] = true
			assert.Equal(t, "setosa\n"+texts[h.Dims[0]]+", "+texts[h.Dims[1]], ui.DescribeHit(spec, h))
		}
	}
	assert.Len(t, seen, 6, "the point is found in each of the six panels off the diagonal")
}

// The wheel moves a chart under a pointer that stays put: its tooltip
// goes, rather than stay on a point the pointer has left (the real window
// kept it until the pointer moved again).
func TestChartView_scrollHidesTooltip(t *testing.T) {
	test.NewTempApp(t)
	spec := &sdk.Chart{ID: "c", Kind: sdk.ChartScatter, X: sdk.Axis{Title: "x"}, Y: sdk.Axis{Title: "y"},
		Series: []sdk.Series{{Name: "s", X: []float64{0.1, 0.4, 0.9}, Y: []float64{0.2, 0.7, 0.5}}}}
	long := strings.Repeat("A paragraph that makes the tab taller than the window. ", 80)
	p := &sdk.Page{Title: "d", Tabs: []sdk.Tab{{ID: "t", Title: "T", Children: []sdk.Component{spec, &sdk.Text{Markdown: long}}}}}
	op := &fakeOpener{open: func(sdk.EntityRef) ([]session.Part, error) { return page(p, nil), nil }}
	u, w := newUI(t, op)
	u.Open(ref(sdk.KindData, 1))
	wait(t, u)
	v := one[*ui.ChartView](t, u.PageArea())
	w.Canvas().Capture() // paint: charts are drawn when painted
	pos, _ := anyPoint(t, v, spec)
	test.MoveMouse(w.Canvas(), fyne.CurrentApp().Driver().AbsolutePositionForObject(v).Add(pos))
	require.NotEmpty(t, v.TipText(), "hovering a point shows a tooltip")

	pageScroll := u.PageArea().(*container.AppTabs).Items[0].Content.(*container.Scroll)
	pageScroll.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -120)})
	require.Positive(t, pageScroll.Offset.Y, "the tab scrolled")
	assert.Empty(t, v.TipText(), "the tooltip went with the scroll")
}
