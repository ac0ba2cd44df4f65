package chart_test

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/openml-dash/openml-dash/host/chart"
	"github.com/openml-dash/openml-dash/sdk"
)

func TestZZDump(t *testing.T) {
	dir := os.Getenv("CHART_DUMP")
	if dir == "" {
		t.Skip()
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var xs, ys, xs2, ys2 []float64
	for i := 0; i < 300; i++ {
		x := rng.NormFloat64()
		xs = append(xs, x)
		ys = append(ys, 2*x+rng.NormFloat64())
		xs2 = append(xs2, rng.NormFloat64()+1)
		ys2 = append(ys2, rng.NormFloat64()*3)
	}
	cats := []string{}
	vals := []float64{}
	for i := 0; i < 40; i++ {
		cats = append(cats, "feature_number_"+string(rune('a'+i%26))+"_long")
		vals = append(vals, float64(i*i%37)+0.5)
	}
	specs := map[string]*sdk.Chart{
		"bar": {Kind: sdk.ChartBar, Title: "Class distribution", X: sdk.Axis{Title: "class", Categories: []string{"tested_negative", "tested_positive", "other"}}, Y: sdk.Axis{Title: "count"},
			Series: []sdk.Series{{Name: "count", Y: []float64{500, 268, 3}}}},
		"bar40": {Kind: sdk.ChartBar, Title: "Many categories", X: sdk.Axis{Title: "feature", Categories: cats}, Y: sdk.Axis{Title: "missing values"},
			Series: []sdk.Series{{Name: "missing", Y: vals}}},
		"hbar": {Kind: sdk.ChartBar, Horizontal: true, Title: "Feature importance", X: sdk.Axis{Title: "feature", Categories: cats[:15]}, Y: sdk.Axis{Title: "importance"},
			Series: []sdk.Series{{Name: "imp", Y: vals[:15]}}},
		"stacked": {Kind: sdk.ChartStackedBar, Title: "Stacked", Legend: true, X: sdk.Axis{Title: "fold", Categories: []string{"0", "1", "2", "3", "4"}}, Y: sdk.Axis{Title: "n"},
			Series: []sdk.Series{{Name: "a", Y: []float64{1, 2, 3, 4, 5}}, {Name: "b", Y: []float64{5, 4, 3, 2, 1}}, {Name: "c", Y: []float64{2, 2, 2, 2, -2}}}},
		"grouped": {Kind: sdk.ChartGroupedBar, Title: "Grouped", Legend: true, X: sdk.Axis{Title: "fold", Categories: []string{"0", "1", "2", "3", "4"}}, Y: sdk.Axis{Title: "n"},
			Series: []sdk.Series{{Name: "a", Y: []float64{1, 2, 3, 4, 5}}, {Name: "b", Y: []float64{5, 4, 3, 2, 1}}, {Name: "c", Y: []float64{2, 2, 2, 2, 2}}}},
		"hist": {Kind: sdk.ChartHistogram, Title: "plas", Legend: true, X: sdk.Axis{Title: "plas"}, Y: sdk.Axis{Title: "count"},
			Series: []sdk.Series{{Name: "neg", X: []float64{0, 20, 40, 60, 80, 100, 120, 140, 160, 180, 200}, Y: []float64{5, 0, 1, 4, 30, 120, 150, 100, 50, 20}},
				{Name: "pos", X: []float64{0, 20, 40, 60, 80, 100, 120, 140, 160, 180, 200}, Y: []float64{2, 0, 0, 1, 5, 30, 60, 80, 60, 30}}}},
		"scatter": {Kind: sdk.ChartScatter, Title: "Scatter", Legend: true, X: sdk.Axis{Title: "x"}, Y: sdk.Axis{Title: "y"},
			Series: []sdk.Series{{Name: "first", X: xs, Y: ys}, {Name: "second", X: xs2, Y: ys2}}},
		"line": {Kind: sdk.ChartLine, Title: "Learning curve", Legend: true, X: sdk.Axis{Title: "samples", Log: true}, Y: sdk.Axis{Title: "accuracy"},
			Series: []sdk.Series{{Name: "train", X: []float64{10, 30, 100, 300, 1000, 3000}, Y: []float64{0.99, 0.95, 0.93, math.NaN(), 0.9, 0.89}},
				{Name: "test", X: []float64{10, 30, 100, 300, 1000, 3000}, Y: []float64{0.6, 0.7, 0.78, 0.82, 0.85, 0.86}}}},
		"box": {Kind: sdk.ChartBox, Title: "Accuracy per flow", X: sdk.Axis{Title: "flow"}, Y: sdk.Axis{Title: "accuracy"},
			Series: []sdk.Series{{Name: "RandomForest", Y: ys[:50]}, {Name: "SVM", Y: ys2[:50]}, {Name: "kNN", Y: xs[:50]}}},
		"heatmap": {Kind: sdk.ChartHeatmap, Title: "Confusion matrix", X: sdk.Axis{Title: "predicted", Categories: []string{"a", "b", "c"}}, Y: sdk.Axis{Title: "actual", Categories: []string{"a", "b", "c"}},
			Series: []sdk.Series{{Z: []float64{50, 2, 3, 4, 40, 1, 0, 5, 60}}}},
		"empty":   {Kind: sdk.ChartScatter, Title: "Nothing here", X: sdk.Axis{Title: "x"}, Y: sdk.Axis{Title: "y"}},
		"unknown": {Kind: 42, Title: "Future"},
	}
	many := &sdk.Chart{Kind: sdk.ChartLine, Title: "14 series", Legend: true, X: sdk.Axis{Title: "x"}, Y: sdk.Axis{Title: "y"}}
	for s := 0; s < 14; s++ {
		var x, y []float64
		for i := 0; i < 30; i++ {
			x = append(x, float64(i))
			y = append(y, float64(s)+math.Sin(float64(i)/4+float64(s)))
		}
		many.Series = append(many.Series, sdk.Series{Name: "series " + string(rune('A'+s)), X: x, Y: y})
	}
	specs["many"] = many
	for name, spec := range specs {
		for _, dark := range []bool{false, true} {
			suffix := ""
			if dark {
				suffix = "_dark"
			}
			f, err := os.Create(filepath.Join(dir, name+suffix+".png"))
			if err != nil {
				t.Fatal(err)
			}
			if err := chart.Render(spec, chart.Options{Width: 800, Height: 600, Dark: dark}, f); err != nil {
				t.Error(name, err)
			}
			f.Close()
		}
		f, _ := os.Create(filepath.Join(dir, name+".svg"))
		if err := chart.Render(spec, chart.Options{Width: 800, Height: 600, Format: chart.SVG}, f); err != nil {
			t.Error(name, err)
		}
		f.Close()
	}
}
