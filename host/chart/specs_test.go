package chart_test

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/openml-dash/openml-dash/sdk"
)

// Specs shared by the tests: small, deterministic, one or more per kind.

func barSpec() *sdk.Chart {
	return &sdk.Chart{
		Kind: sdk.ChartBar, Title: "Feature importance",
		X: sdk.Axis{Title: "Feature", Categories: []string{
			"petal length in centimetres measured by the second botanist", "sepal width", "petal width (cm)",
			"a very long categorical feature name that cannot fit anywhere", "class"}},
		Y:      sdk.Axis{Title: "Importance"},
		Series: []sdk.Series{{Name: "gain", Y: []float64{0.42, 0.05, 0.31, 0.2, 0.02}}},
	}
}

func groupedBarSpec() *sdk.Chart {
	return &sdk.Chart{
		Kind: sdk.ChartGroupedBar, Title: "Accuracy by fold", Legend: true,
		X: sdk.Axis{Title: "Fold", Categories: []string{"1", "2", "3"}},
		Y: sdk.Axis{Title: "Accuracy"},
		Series: []sdk.Series{
			{Name: "train", Y: []float64{0.9, 0.8, 0.95}, Labels: []string{"train fold 1", "", ""}},
			{Name: "test", Y: []float64{0.7, 0.6, 0.75}, Links: []sdk.EntityRef{{Kind: sdk.KindRun, ID: 11}, {Kind: sdk.KindRun, ID: 12}, {Kind: sdk.KindRun, ID: 13}}},
		},
	}
}

func histogramSpec(mode sdk.BarMode) *sdk.Chart {
	edges := []float64{0, 1, 2, 3, 4, 5}
	return &sdk.Chart{
		Kind: sdk.ChartHistogram, Title: "Petal length by class", Legend: true, Barmode: mode,
		X: sdk.Axis{Title: "petallength"}, Y: sdk.Axis{Title: "Count"},
		Series: []sdk.Series{
			{Name: "setosa", X: edges, Y: []float64{10, 30, 5, 0, 0}},
			{Name: "versicolor", X: edges, Y: []float64{0, 5, 20, 15, 2}},
			{Name: "virginica", X: edges, Y: []float64{0, 0, 4, 18, 25}},
		},
	}
}

// clusters is n points per class around separate centres.
func clusters(classes, n int, seed uint64) []sdk.Series {
	r := rand.New(rand.NewPCG(seed, 1))
	out := make([]sdk.Series, classes)
	for c := range out {
		cx, cy := math.Cos(float64(c))*3, math.Sin(float64(c))*3
		s := sdk.Series{Name: fmt.Sprintf("class %d", c+1), X: make([]float64, n), Y: make([]float64, n)}
		for i := 0; i < n; i++ {
			s.X[i], s.Y[i] = cx+r.NormFloat64(), cy+r.NormFloat64()
		}
		out[c] = s
	}
	return out
}

func scatterSpec() *sdk.Chart {
	return &sdk.Chart{Kind: sdk.ChartScatter, Title: "Two features by class", Legend: true,
		X: sdk.Axis{Title: "sepal length"}, Y: sdk.Axis{Title: "sepal width"}, Series: clusters(3, 60, 7)}
}

// bigScatter is n points in one series (x, y in [0, 1)).
func bigScatter(n int) *sdk.Chart {
	r := rand.New(rand.NewPCG(uint64(n), 2))
	s := sdk.Series{Name: "points", X: make([]float64, n), Y: make([]float64, n)}
	for i := 0; i < n; i++ {
		x := r.Float64()
		s.X[i], s.Y[i] = x, x*x+0.1*r.NormFloat64()
	}
	return &sdk.Chart{Kind: sdk.ChartScatter, Title: "Big scatter", X: sdk.Axis{Title: "x"}, Y: sdk.Axis{Title: "y"}, Series: []sdk.Series{s}}
}

func colorScatterSpec() *sdk.Chart {
	s := clusters(1, 200, 3)[0]
	s.Color = make([]float64, len(s.X))
	for i := range s.Color {
		s.Color[i] = s.X[i] + s.Y[i]
	}
	s.Color[0] = math.NaN()
	return &sdk.Chart{Kind: sdk.ChartScatter, Title: "Coloured by value", X: sdk.Axis{Title: "x"}, Y: sdk.Axis{Title: "y"},
		ColorAxis: sdk.Axis{Title: "x + y"}, Series: []sdk.Series{s}}
}

func lineSpec() *sdk.Chart {
	return &sdk.Chart{Kind: sdk.ChartLine, Title: "Learning curve", Legend: true,
		X: sdk.Axis{Title: "Training set size", Log: true}, Y: sdk.Axis{Title: "Accuracy"},
		Series: []sdk.Series{
			{Name: "train", X: []float64{10, 100, 1000, 10000}, Y: []float64{1, 0.95, 0.92, 0.9}},
			{Name: "test", X: []float64{10, 100, 1000, 10000}, Y: []float64{0.5, 0.7, 0.8, 0.85}},
		}}
}

func boxSpec() *sdk.Chart {
	r := rand.New(rand.NewPCG(5, 5))
	var series []sdk.Series
	for si, name := range []string{"random forest", "svm"} {
		s := sdk.Series{Name: name}
		for c := 0; c < 3; c++ {
			for i := 0; i < 40; i++ {
				s.X = append(s.X, float64(c))
				s.Y = append(s.Y, 0.6+0.1*float64(c)+0.05*float64(si)+0.04*r.NormFloat64())
			}
		}
		s.X = append(s.X, 1)
		s.Y = append(s.Y, 0.2) // an outlier, sample 120
		series = append(series, s)
	}
	return &sdk.Chart{Kind: sdk.ChartBox, Title: "Accuracy per task", Legend: true,
		X: sdk.Axis{Title: "Task", Categories: []string{"iris", "credit-g", "adult"}}, Y: sdk.Axis{Title: "Accuracy"}, Series: series}
}

func violinSpec() *sdk.Chart {
	s := boxSpec()
	s.Kind, s.Title = sdk.ChartViolin, "Accuracy per task (violin)"
	return s
}

func heatmapSpec() *sdk.Chart {
	return &sdk.Chart{Kind: sdk.ChartHeatmap, Title: "Confusion matrix",
		X:         sdk.Axis{Title: "Predicted", Categories: []string{"setosa", "versicolor", "virginica"}},
		Y:         sdk.Axis{Title: "Actual", Categories: []string{"setosa", "versicolor", "virginica"}},
		ColorAxis: sdk.Axis{Title: "Count"},
		Series:    []sdk.Series{{Name: "counts", Z: []float64{50, 0, 0, 0, 47, 3, 0, 2, 48}}}}
}

func matrixSpec() *sdk.Chart {
	r := rand.New(rand.NewPCG(9, 9))
	var series []sdk.Series
	for c := 0; c < 3; c++ {
		s := sdk.Series{Name: fmt.Sprintf("class %d", c+1), Dims: make([][]float64, 3)}
		for i := 0; i < 50; i++ {
			a := float64(c) + r.NormFloat64()*0.5
			s.Dims[0] = append(s.Dims[0], a)
			s.Dims[1] = append(s.Dims[1], 2*a+r.NormFloat64())
			s.Dims[2] = append(s.Dims[2], math.Exp(a+r.NormFloat64()*0.3))
		}
		series = append(series, s)
	}
	return &sdk.Chart{Kind: sdk.ChartScatterMatrix, Title: "Scatter matrix", Legend: true,
		Dimensions: []sdk.Axis{{Title: "petal length"}, {Title: "petal width"}, {Title: "area", Log: true}}, Series: series}
}

func pieSpec() *sdk.Chart {
	return &sdk.Chart{Kind: sdk.ChartPie, Title: "Class distribution",
		X:      sdk.Axis{Categories: []string{"tested_negative", "tested_positive", "unknown"}},
		Series: []sdk.Series{{Name: "instances", Y: []float64{500, 268, 32}}}}
}

func parcatsSpec() *sdk.Chart {
	dims := []sdk.Axis{
		{Title: "Sex", Categories: []string{"female", "male"}},
		{Title: "Class", Categories: []string{"1st", "2nd", "3rd", "crew"}},
		{Title: "Age", Categories: []string{"child", "adult"}},
	}
	var series []sdk.Series
	for si, name := range []string{"died", "survived"} {
		s := sdk.Series{Name: name, Dims: make([][]float64, 3)}
		for i := 0; i < 40; i++ {
			s.Dims[0] = append(s.Dims[0], float64((i+si)%2))
			s.Dims[1] = append(s.Dims[1], float64((i*7+si)%4))
			s.Dims[2] = append(s.Dims[2], float64(i%5/4))
			s.Y = append(s.Y, float64(1+si))
		}
		series = append(series, s)
	}
	return &sdk.Chart{Kind: sdk.ChartParallelCategories, Title: "Titanic", Legend: true, Dimensions: dims, Series: series}
}

// allKinds is one spec per kind (and a few variants), by name.
func allKinds() map[string]*sdk.Chart {
	horizontal := barSpec()
	horizontal.Horizontal = true
	stacked := groupedBarSpec()
	stacked.Kind = sdk.ChartStackedBar
	overlay := groupedBarSpec()
	overlay.Barmode = sdk.BarModeOverlay
	return map[string]*sdk.Chart{
		"bar":                 barSpec(),
		"horizontal bar":      horizontal,
		"grouped bar":         groupedBarSpec(),
		"stacked bar":         stacked,
		"overlay bar":         overlay,
		"histogram stacked":   histogramSpec(sdk.BarModeAuto),
		"histogram grouped":   histogramSpec(sdk.BarModeGroup),
		"histogram overlay":   histogramSpec(sdk.BarModeOverlay),
		"scatter":             scatterSpec(),
		"scatter by value":    colorScatterSpec(),
		"scatter 50k":         bigScatter(50_000),
		"line":                lineSpec(),
		"box":                 boxSpec(),
		"violin":              violinSpec(),
		"heatmap":             heatmapSpec(),
		"scatter matrix":      matrixSpec(),
		"pie":                 pieSpec(),
		"parallel categories": parcatsSpec(),
	}
}

// manyBars is a bar chart of n categories with long names.
func manyBars(n int) *sdk.Chart {
	s := sdk.Series{Name: "count", Y: make([]float64, n)}
	cats := make([]string, n)
	for i := range cats {
		cats[i] = fmt.Sprintf("category number %d of a long list", i)
		s.Y[i] = float64(1 + i%17)
	}
	return &sdk.Chart{Kind: sdk.ChartBar, Title: "Many bars", X: sdk.Axis{Title: "Category", Categories: cats}, Y: sdk.Axis{Title: "Count"}, Series: []sdk.Series{s}}
}
