package suite

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/frame"
	"github.com/openml-dash/openml-dash/sdk/openml"
	"github.com/openml-dash/openml-dash/sdk/stats"
)

// The qualities the Datasets tab starts with, as openml.org's Dash page.
const (
	DefaultX         = "NumberOfInstances"
	DefaultY         = "NumberOfFeatures"
	DefaultHistogram = "NumberOfInstances"
)

var scaleOptions = []sdk.Option{{Label: "linear", Value: Linear}, {Label: "log", Value: Log}}

// datasetsTab holds the quality selectors and the slots their callbacks
// fill, or a Notice when there is nothing to draw.
func datasetsTab(datasets []dataInfo) ([]sdk.Component, []sdk.Callback) {
	if len(datasets) == 0 {
		return []sdk.Component{&sdk.Notice{
			Level:   sdk.Info,
			Summary: "This suite has no datasets to show",
			Detail:  "It lists no datasets, and none of its tasks could be loaded to name theirs.",
		}}, nil
	}
	var out []sdk.Component
	if n := failedDataNotice(datasets); n != nil {
		out = append(out, n)
	}
	opts := qualityOptions(datasets)
	if len(opts) == 0 {
		return append(out, &sdk.Notice{
			Level:   sdk.Warning,
			Summary: "There are no qualities to draw",
			Detail:  fmt.Sprintf("None of the suite's %d datasets has a quality with a value.", len(datasets)),
		}), nil
	}
	x := pick(opts, DefaultX, "")
	y := pick(opts, DefaultY, x)
	h := pick(opts, DefaultHistogram, "")
	loading := func(what string) []sdk.Component {
		return []sdk.Component{&sdk.Text{Markdown: "Drawing the " + what + "…"}}
	}
	out = append(out,
		&sdk.Text{Markdown: fmt.Sprintf("The data qualities of the suite's %s, each dataset with its own. Hover a point to name its dataset; click it to open the dataset's page.", plural(len(datasets), "dataset"))},
		&sdk.Container{Direction: sdk.RowDirection, Children: []sdk.Component{
			&sdk.Select{ID: XSelect, Label: "x axis", Options: opts, Values: []string{x}},
			&sdk.Radio{ID: XScale, Label: "x scale", Options: scaleOptions, Value: Linear},
			&sdk.Select{ID: YSelect, Label: "y axis", Options: opts, Values: []string{y}},
			&sdk.Radio{ID: YScale, Label: "y scale", Options: scaleOptions, Value: Linear},
		}},
		&sdk.Slot{ID: ScatterSlot, Children: loading("scatter plot")},
		&sdk.Heading{Text: "Distribution of a quality", Level: 2},
		&sdk.Container{Direction: sdk.RowDirection, Children: []sdk.Component{
			&sdk.Select{ID: HistSelect, Label: "Quality", Options: opts, Values: []string{h}},
			&sdk.Radio{ID: HistScale, Label: "bins", Options: scaleOptions, Value: Linear},
		}},
		&sdk.Slot{ID: HistSlot, Children: loading("histogram")},
	)
	return out, []sdk.Callback{
		{
			ID: ScatterCallback,
			Inputs: []sdk.PropRef{
				sdk.Input(XSelect, sdk.PropValue), sdk.Input(XScale, sdk.PropValue),
				sdk.Input(YSelect, sdk.PropValue), sdk.Input(YScale, sdk.PropValue),
			},
			Outputs: []sdk.PropRef{sdk.Output(ScatterSlot, sdk.PropChildren)},
		},
		{
			ID:      HistogramCallback,
			Inputs:  []sdk.PropRef{sdk.Input(HistSelect, sdk.PropValue), sdk.Input(HistScale, sdk.PropValue)},
			Outputs: []sdk.PropRef{sdk.Output(HistSlot, sdk.PropChildren)},
		},
	}
}

// pick is want when it is an option, else the first option other than
// not.
func pick(opts []sdk.Option, want, not string) string {
	for _, o := range opts {
		if o.Value == want {
			return want
		}
	}
	for _, o := range opts {
		if o.Value != not {
			return o.Value
		}
	}
	return opts[0].Value
}

// qualityOptions are the qualities any dataset has a value of, by name;
// a label says how many datasets have one when not all do.
func qualityOptions(datasets []dataInfo) []sdk.Option {
	count := map[string]int{}
	for _, d := range datasets {
		for q := range d.Qualities {
			count[q]++
		}
	}
	names := make([]string, 0, len(count))
	for q := range count {
		names = append(names, q)
	}
	slices.Sort(names)
	out := make([]sdk.Option, len(names))
	for i, q := range names {
		out[i] = sdk.Option{Label: q, Value: q}
		if count[q] < len(datasets) {
			out[i].Label = fmt.Sprintf("%s (%d of %d datasets)", q, count[q], len(datasets))
		}
	}
	return out
}

// failedDataNotice says which datasets could not be read, or is nil.
func failedDataNotice(datasets []dataInfo) *sdk.Notice {
	var noQualities, noName []string
	for _, d := range datasets {
		if d.QErr != nil {
			noQualities = append(noQualities, fmt.Sprintf("dataset %d (%s)", d.ID, reason(d.QErr)))
		}
		if d.Err != nil {
			noName = append(noName, fmt.Sprintf("dataset %d (%s)", d.ID, reason(d.Err)))
		}
	}
	if len(noQualities) == 0 && len(noName) == 0 {
		return nil
	}
	n := &sdk.Notice{Level: sdk.Warning}
	var details []string
	if len(noQualities) > 0 {
		n.Summary = fmt.Sprintf("The qualities of %d of %d datasets could not be loaded", len(noQualities), len(datasets))
		details = append(details, "They are not drawn: "+listSome(noQualities, 5)+".")
	}
	if len(noName) > 0 {
		if n.Summary == "" {
			n.Summary = fmt.Sprintf("The descriptions of %d of %d datasets could not be loaded", len(noName), len(datasets))
		}
		details = append(details, "Named by id: "+listSome(noName, 5)+".")
	}
	n.Detail = strings.Join(details, " ")
	return n
}

// listSome joins the first n of items, saying how many more there are.
func listSome(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, "; ")
	}
	return strings.Join(items[:n], "; ") + fmt.Sprintf("; and %d more", len(items)-n)
}

// callbackDatasets loads the suite's datasets for a callback; a failure
// is a Notice for the slot, and err is set only when ctx ended.
func callbackDatasets(ctx context.Context, req *sdk.CallbackRequest) ([]dataInfo, *sdk.Notice, error) {
	s, err := openml.GetStudy(ctx, req.Host, req.Ref.Server, req.Ref.ID)
	if err != nil {
		if ctx.Err() != nil {
			return nil, nil, err
		}
		return nil, &sdk.Notice{Level: sdk.Error, Summary: "The suite could not be loaded again", Detail: err.Error() + ". Reload the page to try again."}, nil
	}
	ds := suiteDatasets(ctx, req.Host, req.Ref.Server, s)
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	return ds, nil, nil
}

// scatter draws two qualities of every dataset against each other.
func scatter(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	x := req.Value(sdk.Input(XSelect, sdk.PropValue)).Str()
	y := req.Value(sdk.Input(YSelect, sdk.PropValue)).Str()
	xlog := req.Value(sdk.Input(XScale, sdk.PropValue)).Str() == Log
	ylog := req.Value(sdk.Input(YScale, sdk.PropValue)).Str() == Log
	if x == "" || y == "" {
		return sdk.NewPatch().Fill(ScatterSlot, &sdk.Notice{Level: sdk.Info, Summary: "Choose a quality for each axis"}), nil
	}
	datasets, n, err := callbackDatasets(ctx, req)
	if err != nil {
		return nil, err
	}
	if n != nil {
		return sdk.NewPatch().Fill(ScatterSlot, n), nil
	}
	return sdk.NewPatch().Fill(ScatterSlot, scatterParts(req.Ref.Server, datasets, x, y, xlog, ylog)...), nil
}

// scatterParts is the scatter of qualities x and y, one point per dataset
// linked to its page, after a note on the datasets it cannot draw.
func scatterParts(server string, datasets []dataInfo, x, y string, xlog, ylog bool) []sdk.Component {
	s := sdk.Series{Name: "datasets"}
	var missing, notPositive []string
	for _, d := range datasets {
		if d.QErr != nil {
			continue // the tab's notice names it
		}
		xv, xok := d.Qualities[x]
		yv, yok := d.Qualities[y]
		switch {
		case !xok || !yok:
			missing = append(missing, d.label())
		case xlog && xv <= 0, ylog && yv <= 0:
			notPositive = append(notPositive, d.label())
		default:
			s.X, s.Y = append(s.X, xv), append(s.Y, yv)
			s.Labels = append(s.Labels, fmt.Sprintf("%s (dataset %d): %s %s, %s %s", d.label(), d.ID, x, evalview.FormatValue(xv), y, evalview.FormatValue(yv)))
			s.Links = append(s.Links, evalview.Ref(server, sdk.KindData, d.ID))
		}
	}
	chart := &sdk.Chart{
		ID:     ScatterChart,
		Kind:   sdk.ChartScatter,
		Title:  fmt.Sprintf("%s against %s, %s", y, x, plural(len(s.X), "dataset")),
		X:      sdk.Axis{Title: x, Log: xlog},
		Y:      sdk.Axis{Title: y, Log: ylog},
		Series: []sdk.Series{s},
	}
	var out []sdk.Component
	if n := leftOutNotice(missing, notPositive, x+" or "+y, "a log axis"); n != nil {
		out = append(out, n)
	}
	return append(out, chart)
}

// leftOutNotice says which datasets a chart leaves out, or is nil.
func leftOutNotice(missing, notPositive []string, quality, where string) *sdk.Notice {
	if len(missing)+len(notPositive) == 0 {
		return nil
	}
	var parts []string
	if len(missing) > 0 {
		parts = append(parts, fmt.Sprintf("%d %s no value of %s (%s)", len(missing), hasHave(len(missing)), quality, listSome(missing, 8)))
	}
	if len(notPositive) > 0 {
		parts = append(parts, fmt.Sprintf("%d %s a value of 0 or less, which %s cannot show (%s)", len(notPositive), hasHave(len(notPositive)), where, listSome(notPositive, 8)))
	}
	return &sdk.Notice{
		Level:   sdk.Info,
		Summary: fmt.Sprintf("%s not drawn", plural(len(missing)+len(notPositive), "dataset is", "datasets are")),
		Detail:  strings.Join(parts, "; ") + ".",
	}
}

// histogram counts the datasets by one quality.
func histogram(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	q := req.Value(sdk.Input(HistSelect, sdk.PropValue)).Str()
	log := req.Value(sdk.Input(HistScale, sdk.PropValue)).Str() == Log
	if q == "" {
		return sdk.NewPatch().Fill(HistSlot, &sdk.Notice{Level: sdk.Info, Summary: "Choose a quality"}), nil
	}
	datasets, n, err := callbackDatasets(ctx, req)
	if err != nil {
		return nil, err
	}
	if n != nil {
		return sdk.NewPatch().Fill(HistSlot, n), nil
	}
	parts, err := histogramParts(ctx, datasets, q, log)
	if err != nil {
		return nil, err
	}
	return sdk.NewPatch().Fill(HistSlot, parts...), nil
}

// histogramParts bins the datasets' values of quality q (equal widths,
// in log10 when log), each bin naming its datasets.
func histogramParts(ctx context.Context, datasets []dataInfo, q string, log bool) ([]sdk.Component, error) {
	var vals []float64
	var names, missing, notPositive []string
	for _, d := range datasets {
		if d.QErr != nil {
			continue
		}
		v, ok := d.Qualities[q]
		switch {
		case !ok:
			missing = append(missing, d.label())
		case log && v <= 0:
			notPositive = append(notPositive, d.label())
		default:
			if log {
				v = math.Log10(v)
			}
			vals = append(vals, v)
			names = append(names, d.label())
		}
	}
	chart := &sdk.Chart{
		ID:    HistChart,
		Kind:  sdk.ChartHistogram,
		Title: fmt.Sprintf("%s of %s", q, plural(len(vals), "dataset")),
		X:     sdk.Axis{Title: q, Log: log},
		Y:     sdk.Axis{Title: "Datasets"},
	}
	// Sturges' rule, as numpy's "sturges": a suite has tens of datasets,
	// for which Scott's rule draws two or three bins.
	bins := 1
	if len(vals) > 1 {
		bins = int(math.Ceil(math.Log2(float64(len(vals))))) + 1
	}
	h, err := stats.Bin(ctx, &frame.Column{Name: q, Kind: frame.Numeric, Floats: vals}, nil, stats.Binning{Bins: bins})
	if err != nil {
		return nil, err
	}
	if len(h.Edges) > 0 {
		s := sdk.Series{Name: "datasets", X: slices.Clone(h.Edges), Y: make([]float64, len(h.Counts[0]))}
		// Counted here, by the edges, so each bin's count and names agree.
		inBin := make([][]string, len(s.Y))
		for i, v := range vals {
			b := binOf(h.Edges, v)
			inBin[b] = append(inBin[b], names[i])
		}
		for i, in := range inBin {
			s.Y[i] = float64(len(in))
			s.Labels = append(s.Labels, fmt.Sprintf("%s: %s", plural(len(in), "dataset"), listSome(in, 6)))
		}
		if log {
			for i, e := range s.X {
				s.X[i] = math.Pow(10, e)
			}
		}
		chart.Series = []sdk.Series{s}
	}
	var out []sdk.Component
	if n := leftOutNotice(missing, notPositive, q, "log bins"); n != nil {
		out = append(out, n)
	}
	return append(out, chart), nil
}

// binOf is the bin of edges that v falls in, as numpy.histogram counts:
// [lo, hi), the last bin closed.
func binOf(edges []float64, v float64) int {
	i, _ := slices.BinarySearch(edges, v)
	if i < len(edges) && edges[i] == v {
		i++
	}
	return min(max(i-1, 0), len(edges)-2)
}

// plural writes n with the noun, or the plural given (default noun+"s").
func plural(n int, noun string, pl ...string) string {
	if n == 1 {
		return "1 " + noun
	}
	if len(pl) > 0 {
		return fmt.Sprintf("%d %s", n, pl[0])
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// hasHave is the verb for n things.
func hasHave(n int) string {
	if n == 1 {
		return "has"
	}
	return "have"
}

// isAre is the verb for n things.
func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}
