package chart

import (
	"fmt"
	"strings"

	"github.com/openml-dash/openml-dash/sdk"
)

// Describe summarises spec in one line for screen readers and tooltips,
// such as `Class sizes: bar chart, 3 series, 12 points`. Points that cannot
// be drawn (NaN, infinite) are counted apart.
func Describe(spec *sdk.Chart) string {
	if spec == nil {
		return "no chart"
	}
	var b strings.Builder
	if t := cleanText(spec.Title); t != "" {
		b.WriteString(t)
		b.WriteString(": ")
	}
	b.WriteString(kindNoun(spec))
	fmt.Fprintf(&b, ", %s", plural(len(spec.Series), "series", "series"))
	good, bad := 0, 0
	for i := range spec.Series {
		s := &spec.Series[i]
		if spec.Kind == sdk.ChartHeatmap {
			for _, z := range s.Z {
				if finite(z) {
					good++
				} else {
					bad++
				}
			}
			continue
		}
		if spec.Kind == sdk.ChartScatterMatrix || spec.Kind == sdk.ChartParallelCategories {
			// Items with a value on every dimension.
			if len(s.Dims) == 0 {
				continue
			}
			n := len(s.Dims[0])
			for _, d := range s.Dims[1:] {
				n = min(n, len(d))
			}
			good += n
			continue
		}
		if spec.Kind == sdk.ChartHistogram && len(spec.X.Categories) == 0 {
			n := len(seriesBins(s, spec.X.Log))
			good += n
			bad += max(0, len(s.Y)-n)
			continue
		}
		xlog := spec.X.Log && (spec.Kind == sdk.ChartScatter || spec.Kind == sdk.ChartLine)
		pts, skipped := seriesPoints(s, xlog, spec.Y.Log && spec.Kind != sdk.ChartPie)
		good += len(pts)
		bad += skipped
	}
	unit, units := "point", "points"
	switch spec.Kind {
	case sdk.ChartHeatmap:
		unit, units = "cell", "cells"
	case sdk.ChartHistogram:
		unit, units = "bin", "bins"
	case sdk.ChartBox, sdk.ChartViolin:
		unit, units = "sample", "samples"
	case sdk.ChartScatterMatrix, sdk.ChartParallelCategories:
		unit, units = "item", "items"
	case sdk.ChartPie:
		unit, units = "value", "values"
	}
	fmt.Fprintf(&b, ", %s", plural(good, unit, units))
	if bad > 0 {
		fmt.Fprintf(&b, " (%d not drawable)", bad)
	}
	if spec.X.Log || spec.Y.Log {
		var axes []string
		if spec.X.Log {
			axes = append(axes, "x")
		}
		if spec.Y.Log {
			axes = append(axes, "y")
		}
		fmt.Fprintf(&b, ", log %s", strings.Join(axes, " and "))
	}
	return b.String()
}

func kindNoun(spec *sdk.Chart) string {
	var noun string
	switch spec.Kind {
	case sdk.ChartBar, sdk.ChartStackedBar, sdk.ChartGroupedBar:
		noun = spec.Kind.String() + " chart"
		if spec.Horizontal {
			noun = "horizontal " + noun
		}
	case sdk.ChartHistogram:
		noun = "histogram"
	case sdk.ChartScatter:
		noun = "scatter plot"
	case sdk.ChartLine:
		noun = "line chart"
	case sdk.ChartBox:
		noun = "box plot"
	case sdk.ChartHeatmap:
		noun = "heatmap"
	case sdk.ChartViolin:
		noun = "violin plot"
	case sdk.ChartScatterMatrix:
		noun = fmt.Sprintf("scatter matrix of %s", plural(len(spec.Dimensions), "dimension", "dimensions"))
	case sdk.ChartPie:
		noun = "pie chart"
	case sdk.ChartParallelCategories:
		noun = fmt.Sprintf("parallel categories chart of %s", plural(len(spec.Dimensions), "dimension", "dimensions"))
	case sdk.ChartUnspecified:
		noun = "chart of unspecified kind"
	default:
		noun = fmt.Sprintf("chart of unknown kind %d", spec.Kind)
	}
	return noun
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
