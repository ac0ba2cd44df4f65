package overview

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/plugins/internal/show"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// Component ids of the datasets overview.
const (
	DataStatusRadio = "datasets-status"    // active only, or every status
	DataTypesChart  = "datasets-types"     // pie: attribute types
	DataClassChart  = "datasets-classes"   // bars: number of classes
	DataRowsChart   = "datasets-instances" // bars: number of instances
	DataColsChart   = "datasets-features"  // bars: number of features
	DataSizesChart  = "datasets-sizes"     // scatter: one point a dataset
	DataContentSlot = "datasets-content"
	DataTableSlot   = "datasets-table"
	DataAllButton   = "datasets-all"
	DataLoad        = "datasets-load"
	DataClick       = "datasets-click"
)

// The values of DataStatusRadio.
const (
	StatusActive = "active"
	StatusAll    = "all"
)

// attributeTypes are the slices of DataTypesChart, as Dash named them:
// a dataset is all nominal without numeric features, else all numeric
// with at most one nominal feature (usually the target), else mixed.
var attributeTypes = []string{"all numeric", "all nominal", "mixed"}

// classBins, instanceBins and featureBins are the bars of the charts of
// the number of classes, instances and features; each bin holds its upper
// bound. instanceBins are Dash's; featureBins are Dash's with its first
// bin, 1 to 500, split, since it held nearly every dataset.
var (
	classBins = bins{
		upper:  []float64{1, 2, 5, 10, 25, 100, math.Inf(1)},
		labels: []string{"0–1", "2", "3–5", "6–10", "11–25", "26–100", "over 100"},
	}
	instanceBins = bins{
		upper:  []float64{500, 1e3, 5e3, 1e4, 5e4, 1e5, 5e5, math.Inf(1)},
		labels: []string{"0–500", "500–1k", "1k–5k", "5k–10k", "10k–50k", "50k–100k", "100k–500k", "over 500k"},
	}
	featureBins = bins{
		upper:  []float64{10, 50, 100, 500, 1e3, 5e3, 1e4, 5e4, 1e5, math.Inf(1)},
		labels: []string{"0–10", "10–50", "50–100", "100–500", "500–1k", "1k–5k", "5k–10k", "10k–50k", "50k–100k", "over 100k"},
	}
)

// dataset is what the overview keeps of a dataset listing's entry; NaN
// stands for a quality the server has not computed.
type dataset struct {
	id                   int64
	name, status, format string
	version              int
	instances, features  float64
	classes, missing     float64
	numeric, symbolic    float64
	attributeType        int // index into attributeTypes, -1 unknown
}

func newDataset(d openml.DatasetSummary) dataset {
	q := func(name string) float64 {
		if v, ok := d.Qualities.Value(name); ok {
			return v
		}
		return math.NaN()
	}
	e := dataset{
		id: d.ID, name: d.Name, status: d.Status, format: d.Format, version: d.Version,
		instances: q("NumberOfInstances"), features: q("NumberOfFeatures"),
		classes: q("NumberOfClasses"), missing: q("NumberOfMissingValues"),
		numeric: q("NumberOfNumericFeatures"), symbolic: q("NumberOfSymbolicFeatures"),
	}
	e.attributeType = attributeType(e.numeric, e.symbolic)
	return e
}

// attributeType applies Dash's rule (see attributeTypes).
func attributeType(numeric, symbolic float64) int {
	switch {
	case math.IsNaN(numeric) || math.IsNaN(symbolic):
		return -1
	case numeric == 0:
		return 1
	case symbolic <= 1:
		return 0
	}
	return 2
}

func datasetsView(o Options) *view[dataset] {
	v := &view[dataset]{
		kind: sdk.KindDataOverview, name: "datasets", noun: "datasets", one: "dataset", opts: o,
		intro: "Every dataset the server lists, counted as openml.org's dashboard counted them. " +
			"Click a slice or a bar to list its datasets in the table below, and a point of *Datasets by size* to open its dataset.",
		controls: func(context.Context, *sdk.LayoutRequest) []sdk.Component {
			return []sdk.Component{&sdk.Radio{ID: DataStatusRadio, Label: "Count", Value: StatusActive, Options: []sdk.Option{
				{Label: "Active datasets", Value: StatusActive},
				{Label: "All datasets", Value: StatusAll},
			}}}
		},
		inputs: []sdk.PropRef{sdk.Input(DataStatusRadio, sdk.PropValue)},
		key:    func(c []string) string { return dataStatus(c) },
		load:   loadDatasets(o.PageSize),
		summary: func(l *listing[dataset], server string, c []string) string {
			return dataSummary(l, server, dataStatus(c))
		},
		empty: func(server string, c []string) *sdk.Notice {
			what := "active datasets"
			if dataStatus(c) == StatusAll {
				what = "datasets"
			}
			return &sdk.Notice{Level: sdk.Info, Summary: fmt.Sprintf("%s lists no %s", hostName(server), what),
				Detail: "The server answered that no dataset matches (OpenML's \"no results\")."}
		},
		facets: []facet[dataset]{
			{
				id: DataTypesChart, title: "Attribute types", kind: sdk.ChartPie, missing: "without feature counts",
				split: func(ds []dataset) ([]string, []int) {
					of := make([]int, len(ds))
					for i, d := range ds {
						of[i] = d.attributeType
					}
					return attributeTypes, of
				},
				describe: func(l string) string { return "Datasets with " + l + " features" },
			},
			{
				id: DataClassChart, title: "Number of classes", kind: sdk.ChartBar, axis: "Classes", missing: "without it",
				split: func(ds []dataset) ([]string, []int) {
					return byBin(ds, classBins, func(d dataset) float64 { return d.classes })
				},
				describe: func(l string) string { return "Datasets with " + l + " classes" },
			},
			{
				id: DataRowsChart, title: "Number of instances across datasets", kind: sdk.ChartBar, missing: "without it",
				axis: "Instances (a bin holds its upper bound)",
				split: func(ds []dataset) ([]string, []int) {
					return byBin(ds, instanceBins, func(d dataset) float64 { return d.instances })
				},
				describe: func(l string) string { return "Datasets with " + l + " instances" },
			},
			{
				id: DataColsChart, title: "Number of features across datasets", kind: sdk.ChartBar, missing: "without it",
				axis: "Features (a bin holds its upper bound)",
				split: func(ds []dataset) ([]string, []int) {
					return byBin(ds, featureBins, func(d dataset) float64 { return d.features })
				},
				describe: func(l string) string { return "Datasets with " + l + " features" },
			},
		},
		linked: func(ds []dataset, server string, _ []string) []sdk.Component {
			return []sdk.Component{sizesChart(ds, server)}
		},
		id: func(d dataset) int64 { return d.id },
		columns: []sdk.Column{
			{ID: "id", Title: "ID", Type: sdk.CellLink},
			{ID: "name", Title: "Name", Type: sdk.CellText},
			{ID: "version", Title: "Version", Type: sdk.CellNumber},
			{ID: "status", Title: "Status", Type: sdk.CellText},
			{ID: "instances", Title: "Instances", Type: sdk.CellNumber},
			{ID: "features", Title: "Features", Type: sdk.CellNumber},
			{ID: "classes", Title: "Classes", Type: sdk.CellNumber},
			{ID: "missing", Title: "Missing values", Type: sdk.CellNumber},
			{ID: "types", Title: "Attribute types", Type: sdk.CellText},
			{ID: "format", Title: "Format", Type: sdk.CellText},
		},
		row: func(d dataset, server string) []sdk.Cell {
			types := ""
			if d.attributeType >= 0 {
				types = attributeTypes[d.attributeType]
			}
			return []sdk.Cell{
				idCell(server, sdk.KindData, d.id), textCell(d.name), sdk.NumberCell(float64(d.version)), textCell(d.status),
				numberCell(d.instances), numberCell(d.features), numberCell(d.classes), numberCell(d.missing),
				textCell(types), textCell(d.format),
			}
		},
	}
	v.store.latest.N = 2 // active and all
	return v
}

// dataStatus is the radio's value, active when it has none.
func dataStatus(choice []string) string {
	if len(choice) > 0 && choice[0] == StatusAll {
		return StatusAll
	}
	return StatusActive
}

// loadDatasets reads the dataset listing of the status chosen, size
// entries a page.
func loadDatasets(size int) func(ctx context.Context, host sdk.Host, server string, choice []string) (*listing[dataset], error) {
	return func(ctx context.Context, host sdk.Host, server string, choice []string) (*listing[dataset], error) {
		q := openml.DataQuery{Status: dataStatus(choice)}
		return loadPages(ctx, host, "Loading datasets", size, 0, func(ctx context.Context, limit, offset int) ([]dataset, error) {
			q.Limit, q.Offset = limit, offset
			ds, err := openml.ListDatasets(ctx, host, server, q)
			out := make([]dataset, len(ds))
			for i, d := range ds {
				out[i] = newDataset(d)
			}
			return out, err
		})
	}
}

func dataSummary(l *listing[dataset], server, status string) string {
	n := len(l.Items)
	what := "active datasets"
	if status == StatusAll {
		what = "datasets of every status"
	}
	s := fmt.Sprintf("**%s** %s on %s", show.Count(n), what, hostName(server))
	if l.Complete {
		s += ", all loaded"
	}
	s += "."
	if status == StatusAll {
		counts := map[string]int{}
		for _, d := range l.Items {
			counts[cmp.Or(d.status, "no status")]++
		}
		var parts []string
		for _, st := range sortedKeys(counts) {
			parts = append(parts, fmt.Sprintf("%s %s", show.Count(counts[st]), strings.ReplaceAll(st, "_", " ")))
		}
		s += " By status: " + strings.Join(parts, ", ") + "."
	}
	return s
}

// sizesChart draws every dataset with both counts by its number of
// instances and features, one series by attribute type; each point
// opens its dataset.
func sizesChart(ds []dataset, server string) *sdk.Chart {
	names := append(slices.Clone(attributeTypes), "types unknown")
	series := make([]sdk.Series, len(names))
	for i, n := range names {
		series[i].Name = n
	}
	left := 0
	for _, d := range ds {
		if !(d.instances > 0) || !(d.features > 0) {
			left++
			continue
		}
		i := d.attributeType
		if i < 0 {
			i = len(names) - 1
		}
		s := &series[i]
		s.X = append(s.X, d.instances)
		s.Y = append(s.Y, d.features)
		s.Labels = append(s.Labels, fmt.Sprintf("%s (dataset %d): %s instances, %s features", d.name, d.id, show.Count(int(d.instances)), show.Count(int(d.features))))
		s.Links = append(s.Links, evalview.Ref(server, sdk.KindData, d.id))
	}
	var kept []sdk.Series
	for _, s := range series {
		if len(s.X) > 0 {
			kept = append(kept, s)
		}
	}
	title := "Datasets by size: every point is a dataset"
	if left > 0 {
		title += fmt.Sprintf(" (%s without both counts left out)", plural(left, "dataset", "datasets"))
	}
	return &sdk.Chart{ID: DataSizesChart, Kind: sdk.ChartScatter, Title: title, Legend: true, Height: 480,
		X: sdk.Axis{Title: "Number of instances", Log: true}, Y: sdk.Axis{Title: "Number of features", Log: true}, Series: kept}
}
