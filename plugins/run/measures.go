package run

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/openml-dash/openml-dash/plugins/internal/show"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// fallbackMeasures are plotted first when the task names no measure the
// run has.
var fallbackMeasures = []string{"predictive_accuracy", "area_under_roc_curve", "root_mean_squared_error"}

// measure gathers what the run says about one evaluation measure.
type measure struct {
	name       string
	overall    openml.Evaluation
	hasOverall bool
	// repeat0 holds the values of the folds of the first repeat, all those
	// of every repeat; learning-curve samples are not among them.
	repeat0, all []float64
}

type foldKey struct {
	name         string
	repeat, fold int
}

// measures lists the run's measures in the order the server first names
// them, and the number of repeats its per-fold values come from.
func measures(r *openml.Run) (ms []*measure, repeats int, samples bool) {
	byName := map[string]*measure{}
	seenRepeat := map[int]bool{}
	// A fold the server lists twice counts once.
	seenFold := map[foldKey]bool{}
	for _, e := range r.Evaluations {
		m := byName[e.Name]
		if m == nil {
			m = &measure{name: e.Name}
			byName[e.Name] = m
			ms = append(ms, m)
		}
		switch {
		case !e.PerFold():
			if !m.hasOverall {
				m.overall, m.hasOverall = e, true
			}
		case e.Sample >= 0:
			samples = true
		case e.HasValue && !math.IsNaN(e.Value) && !seenFold[foldKey{e.Name, e.Repeat, e.Fold}]:
			seenFold[foldKey{e.Name, e.Repeat, e.Fold}] = true
			rep := max(e.Repeat, 0)
			seenRepeat[rep] = true
			m.all = append(m.all, e.Value)
			if rep == 0 {
				m.repeat0 = append(m.repeat0, e.Value)
			}
		}
	}
	return ms, len(seenRepeat), samples
}

// evaluationsTab is the measures table, a selection of measures and their
// per-fold box plots, and the callback that redraws the plots.
func evaluationsTab(r *openml.Run, taskMeasure string) ([]sdk.Component, []sdk.Callback) {
	ms, repeats, samples := measures(r)
	if len(ms) == 0 {
		return []sdk.Component{&sdk.Text{Markdown: "OpenML has not evaluated this run (yet)."}}, nil
	}
	note := "The mean and standard deviation are over the per-fold values OpenML reports"
	if repeats > 1 {
		note += fmt.Sprintf(", once for the folds of repeat 0 and once for the folds of all %d repeats", repeats)
	}
	note += "; the standard deviation is the sample one (n − 1). The OpenML value is the server's own figure for the whole run."
	if samples {
		note += " Learning-curve samples are left out of the fold statistics and plots."
	}
	out := []sdk.Component{&sdk.Text{Markdown: note}, measuresTable(ms, repeats)}

	var withFolds []string
	for _, m := range ms {
		if len(m.all) > 0 {
			withFolds = append(withFolds, m.name)
		}
	}
	if len(withFolds) == 0 {
		return append(out, &sdk.Text{Markdown: "OpenML gives no per-fold values for this run, so there is nothing to plot fold by fold."}), nil
	}
	selected := defaultMeasures(withFolds, taskMeasure)
	out = append(out,
		&sdk.Heading{Text: "Per-fold values", Level: 2},
		&sdk.Select{ID: MeasureSelect, Label: "Measures", Options: sdk.Options(withFolds...), Multi: true, Values: selected},
		&sdk.Slot{ID: BoxSlot, Children: boxView(ms, repeats, selected)},
	)
	return out, []sdk.Callback{{
		ID:      BoxCallback,
		Inputs:  []sdk.PropRef{sdk.Input(MeasureSelect, sdk.PropValue)},
		Outputs: []sdk.PropRef{sdk.Output(BoxSlot, sdk.PropChildren)},
		// Layout has drawn the plots of the initial selection.
		PreventInitialCall: true,
	}}
}

// defaultMeasures is the task's measure when the run has per-fold values
// of it, else those of the fallback measures the run has.
func defaultMeasures(withFolds []string, taskMeasure string) []string {
	if slices.Contains(withFolds, taskMeasure) {
		return []string{taskMeasure}
	}
	var out []string
	for _, m := range fallbackMeasures {
		if slices.Contains(withFolds, m) {
			out = append(out, m)
		}
	}
	return out
}

func measuresTable(ms []*measure, repeats int) *sdk.Table {
	scope := ""
	if repeats > 1 {
		scope = " (repeat 0)"
	}
	cols := []sdk.Column{
		{ID: "measure", Title: "Measure", Type: sdk.CellText},
		{ID: "value", Title: "OpenML value", Type: sdk.CellNumber},
		{ID: "mean", Title: "Mean over folds" + scope, Type: sdk.CellNumber},
		{ID: "sd", Title: "Std. dev. over folds" + scope, Type: sdk.CellNumber},
		{ID: "folds", Title: "Folds" + scope, Type: sdk.CellNumber},
	}
	if repeats > 1 {
		all := fmt.Sprintf(" (all %d repeats)", repeats)
		cols = append(cols,
			sdk.Column{ID: "mean_all", Title: "Mean over folds" + all, Type: sdk.CellNumber},
			sdk.Column{ID: "sd_all", Title: "Std. dev. over folds" + all, Type: sdk.CellNumber},
			sdk.Column{ID: "folds_all", Title: "Folds" + all, Type: sdk.CellNumber},
		)
	}
	cols = append(cols, sdk.Column{ID: "per_class", Title: "Per class (OpenML)", Type: sdk.CellText})
	table := &sdk.Table{ID: EvaluationsTable, Columns: cols, Sortable: true, Filterable: true}
	for _, m := range ms {
		value := sdk.MissingCell(sdk.CellNumber)
		if m.hasOverall && m.overall.HasValue {
			value = sdk.NumberCell(m.overall.Value)
		}
		cells := []sdk.Cell{sdk.TextCell(m.name), value}
		cells = append(cells, summary(m.repeat0)...)
		if repeats > 1 {
			cells = append(cells, summary(m.all)...)
		}
		cells = append(cells, show.Optional(m.overall.ArrayData))
		table.Rows = append(table.Rows, sdk.Row{Cells: cells})
	}
	return table
}

// summary is the mean, sample standard deviation and count of xs as cells;
// missing where there are too few values.
func summary(xs []float64) []sdk.Cell {
	mean, sd, n := sdk.MissingCell(sdk.CellNumber), sdk.MissingCell(sdk.CellNumber), sdk.MissingCell(sdk.CellNumber)
	if len(xs) > 0 {
		n = sdk.NumberCell(float64(len(xs)))
		m, s := meanSD(xs)
		mean = sdk.NumberCell(m)
		if len(xs) > 1 {
			sd = sdk.NumberCell(s)
		}
	}
	return []sdk.Cell{mean, sd, n}
}

// meanSD is the mean and the sample (n-1) standard deviation of xs. Equal
// values have a deviation of exactly 0, without rounding noise.
func meanSD(xs []float64) (mean, sd float64) {
	if slices.Min(xs) == slices.Max(xs) {
		if len(xs) < 2 {
			return xs[0], math.NaN()
		}
		return xs[0], 0
	}
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	if len(xs) < 2 {
		return mean, math.NaN()
	}
	var sq float64
	for _, x := range xs {
		sq += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(sq / float64(len(xs)-1))
}

// boxView is the box plot of the selected measures' per-fold values.
func boxView(ms []*measure, repeats int, selected []string) []sdk.Component {
	if len(selected) == 0 {
		return []sdk.Component{&sdk.Text{Markdown: "Select one or more measures to see their per-fold values."}}
	}
	title := "Per-fold values"
	if repeats > 1 {
		title += fmt.Sprintf(" (all folds of %d repeats)", repeats)
	}
	chart := &sdk.Chart{ID: BoxChart, Kind: sdk.ChartBox, Title: title, Y: sdk.Axis{Title: "Value"}}
	var missing []string
	for _, name := range selected {
		i := slices.IndexFunc(ms, func(m *measure) bool { return m.name == name })
		if i < 0 || len(ms[i].all) == 0 {
			missing = append(missing, name)
			continue
		}
		chart.Series = append(chart.Series, sdk.Series{Name: name, Y: slices.Clone(ms[i].all)})
	}
	var out []sdk.Component
	if len(chart.Series) > 0 {
		out = append(out, chart)
	}
	if len(missing) > 0 {
		out = append(out, &sdk.Text{Markdown: "No per-fold values for: " + show.Escape(strings.Join(missing, ", ")) + "."})
	}
	return out
}

// boxes redraws the box plots for the measures now selected.
func (p *plugin) boxes(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	r, err := openml.GetRun(ctx, req.Host, req.Ref)
	if err != nil {
		return sdk.NewPatch().Fill(BoxSlot, &sdk.Notice{Level: sdk.Warning, Summary: "The run could not be loaded", Detail: err.Error()}), nil
	}
	ms, repeats, _ := measures(r)
	return sdk.NewPatch().Fill(BoxSlot, boxView(ms, repeats, req.Value(sdk.Input(MeasureSelect, sdk.PropValue)).Strs())...), nil
}
