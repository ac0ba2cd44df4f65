package flow

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// Limits of the runs chart.
const (
	// MaxRuns is how many runs the chart shows: the flow's best on tasks
	// of the chosen type.
	MaxRuns = 1000
	// MaxPages caps the pages of the flow's listing read to find MaxRuns
	// runs of the type: the listing holds the runs of every type.
	MaxPages = 5
	// MaxValues is how many hyperparameter values get a series of their
	// own; the rarer ones share one.
	MaxValues = 10
	// MaxCategories is the most distinct numbers still shown one series
	// each; more are split into value ranges.
	MaxCategories = 8
	// setupChunk is how many setups one setup listing asks for.
	setupChunk = 100
)

// Names of the series of runs whose hyperparameter value is not known.
const (
	NotSet       = "(not set)"
	UnknownSetup = "(setup not found)"
	OtherValues  = "other values"
)

// runs shows the flow's best runs on tasks of the chosen type, by
// dataset, coloured by the chosen hyperparameter.
func (p *plugin) runs(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	measure := req.Value(sdk.Input(MetricSelect, sdk.PropValue)).Str()
	typText := req.Value(sdk.Input(TaskTypeSelect, sdk.PropValue)).Str()
	param := req.Value(sdk.Input(ParameterSelect, sdk.PropValue)).Str()
	fill := func(cs ...sdk.Component) (*sdk.Patch, error) { return sdk.NewPatch().Fill(RunsSlot, cs...), nil }
	typ, err := strconv.Atoi(typText)
	if measure == "" || err != nil || typ < 1 {
		return fill(&sdk.Notice{Level: sdk.Info, Summary: "Choose a measure and a task type", Detail: "The runs of this flow show once both are chosen."})
	}
	server, flowID := req.Ref.Server, req.Ref.ID
	typeName := evalview.TaskTypeName(evalview.TaskTypes, typ)

	var notes []sdk.Component
	inType, err := p.tasks.ofType(ctx, req.Host, server, typ)
	switch {
	case err != nil:
		if ctx.Err() != nil {
			return nil, err
		}
		notes = append(notes, &sdk.Notice{
			Level:   sdk.Warning,
			Summary: fmt.Sprintf("The %s tasks could not be listed", typeName),
			Detail:  err.Error() + ". The runs below are the flow's best on tasks of every type.",
		})
		inType = nil
	case len(inType) == 0:
		return fill(&sdk.Notice{Level: sdk.Info, Summary: fmt.Sprintf("This server has no %s tasks", typeName), Detail: "Choose another task type."})
	}
	var keep func(openml.RunEvaluation) bool
	if inType != nil {
		keep = func(e openml.RunEvaluation) bool { return inType[e.TaskID] }
	}
	q := openml.EvaluationQuery{Function: measure, Flows: []int64{flowID}, SortOrder: evalview.SortOrder(measure)}
	loaded, err := evalview.LoadPages(ctx, req.Host, server, q, MaxPages, keep, MaxRuns)
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		return fill(append(notes, &sdk.Notice{
			Level:   sdk.Error,
			Summary: fmt.Sprintf("The runs of flow %d could not be loaded", flowID),
			Detail:  err.Error() + ". Change a selector to try again.",
		})...)
	}
	if loaded.Err != nil {
		notes = append(notes, &sdk.Notice{
			Level:   sdk.Warning,
			Summary: "Not every run could be read",
			Detail:  loaded.Err.Error() + ". The runs read before are shown.",
		})
	}
	if len(loaded.Runs) == 0 {
		n := &sdk.Notice{Level: sdk.Info, Summary: fmt.Sprintf("No runs of this flow on %s tasks use %s yet", typeName, measure)}
		switch {
		case loaded.NoValue > 0:
			n.Detail = fmt.Sprintf("%d runs have %s only per class or per fold, not as a single value. Choose another measure.", loaded.NoValue, measure)
		case loaded.More:
			n.Detail = fmt.Sprintf("None of the flow's best %d runs by %s is on such a task. Choose another task type or measure.", loaded.Read, measure)
		default:
			n.Detail = "Choose another task type or measure."
		}
		return fill(append(notes, n)...)
	}

	colour := noColour(measure)
	if param != "" && param != NoParameter {
		values, err := setupValues(ctx, req.Host, server, loaded.Runs, param)
		if err != nil {
			if ctx.Err() != nil {
				return nil, err
			}
			notes = append(notes, &sdk.Notice{
				Level:   sdk.Warning,
				Summary: "The runs' hyperparameter settings could not be loaded",
				Detail:  err.Error() + ". The runs are shown without colours; choose the hyperparameter again to retry.",
			})
		} else {
			colour = byParameter(paramLabel(param), loaded.Runs, values)
		}
	}
	chart, table := runsChart(server, measure, typeName, loaded, colour)
	out := []sdk.Component{&sdk.Text{Markdown: statusLine(loaded, typeName, measure, inType == nil)}}
	out = append(out, notes...)
	out = append(out, chart, &sdk.Heading{Text: "Datasets", Level: 2}, table)
	return fill(out...)
}

func statusLine(l *evalview.Pages, typeName, measure string, unfiltered bool) string {
	what := fmt.Sprintf("on %s tasks", typeName)
	if unfiltered {
		what = "on tasks of every type"
	}
	s := fmt.Sprintf("The flow's best %d runs %s by %s (%s).", len(l.Runs), what, measure, evalview.Direction(measure))
	if !l.More {
		s = fmt.Sprintf("All %d runs of the flow %s with %s (%s).", len(l.Runs), what, measure, evalview.Direction(measure))
	}
	if !unfiltered && (l.More || l.Read > len(l.Runs)) {
		s += fmt.Sprintf(" Read from the flow's best %d runs on tasks of any type.", l.Read)
	}
	return s
}

// colouring splits runs into the chart's series.
type colouring struct {
	title string // the legend's subject, for the chart title
	// series names each run's series; order lists the series in legend
	// order.
	series func(openml.RunEvaluation) string
	order  []string
}

func noColour(measure string) colouring {
	return colouring{series: func(openml.RunEvaluation) string { return measure }, order: []string{measure}}
}

// paramLabel is a parameter's name without its flow: "weka.J48(1)_C" is "C",
// "sklearn.tree.DecisionTreeClassifier(1)_max_depth" is "max_depth".
func paramLabel(full string) string {
	if i := strings.LastIndex(full, ")_"); i >= 0 {
		return full[i+2:]
	}
	return full
}

// setupValues finds the value param has in the setup of each run, by
// setup id; a run whose setup does not name param gets NotSet, one whose
// setup the server does not list gets UnknownSetup.
func setupValues(ctx context.Context, host sdk.Host, server string, runs []openml.RunEvaluation, param string) (map[int64]string, error) {
	var ids []int64
	for _, e := range runs {
		if e.SetupID > 0 {
			ids = append(ids, e.SetupID)
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	out := map[int64]string{}
	for start := 0; start < len(ids); start += setupChunk {
		chunk := ids[start:min(start+setupChunk, len(ids))]
		setups, err := openml.ListSetups(ctx, host, server, openml.SetupQuery{Setups: chunk, Limit: len(chunk)})
		if err != nil {
			return nil, err
		}
		for _, s := range setups {
			v, ok := s.Value(param)
			if !ok {
				v = NotSet
			}
			out[s.ID] = cleanValue(v)
		}
	}
	for _, e := range runs {
		if _, ok := out[e.SetupID]; !ok {
			out[e.SetupID] = UnknownSetup
		}
	}
	return out, nil
}

// cleanValue drops the quotes scikit-learn's JSON values carry.
func cleanValue(v string) string {
	v = strings.TrimSpace(v)
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		if s, err := strconv.Unquote(v); err == nil {
			return s
		}
	}
	if v == "" {
		return NotSet
	}
	return v
}

// byParameter colours runs by their setup's value of a hyperparameter:
// numbers with more than MaxCategories distinct values by value range
// (in log scale when they span two orders of magnitude), anything else
// one series per value, the MaxValues most frequent ones, then
// OtherValues. Runs with no value come last.
func byParameter(name string, runs []openml.RunEvaluation, values map[int64]string) colouring {
	counts := map[string]int{} // runs by value
	nums := map[string]float64{}
	numeric := true
	for _, e := range runs {
		v := values[e.SetupID]
		counts[v]++
		if _, seen := nums[v]; seen {
			continue
		}
		if v == NotSet || v == UnknownSetup || v == "null" || v == "None" {
			continue
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			numeric = false
			continue
		}
		nums[v] = f
	}
	isNum := func(v string) bool { _, ok := nums[v]; return ok }
	special := func(v string) bool { return v == NotSet || v == UnknownSetup }
	label := func(v string) string {
		if special(v) {
			return v
		}
		return name + " = " + v
	}
	// class orders the series: numbers, then other values, then the
	// runs whose value is not known.
	class := func(v string) int {
		switch {
		case special(v):
			return 2
		case isNum(v):
			return 0
		}
		return 1
	}
	c := colouring{title: name}
	if numeric && len(nums) > MaxCategories {
		var fs []float64
		for _, f := range nums {
			fs = append(fs, f)
		}
		lo, hi := slices.Min(fs), slices.Max(fs)
		ranges := evalview.Ranges(fs, evalview.ValueBands, lo > 0 && hi/lo >= 100)
		for _, r := range ranges {
			c.order = append(c.order, name+" "+r.Label)
		}
		var extra []string
		for v := range counts {
			if !isNum(v) {
				extra = append(extra, v)
			}
		}
		slices.SortFunc(extra, func(a, b string) int { return cmp.Or(cmp.Compare(class(a), class(b)), strings.Compare(a, b)) })
		for _, v := range extra {
			c.order = append(c.order, label(v))
		}
		c.series = func(e openml.RunEvaluation) string {
			v := values[e.SetupID]
			if f, ok := nums[v]; ok {
				if i := evalview.Index(ranges, f); i >= 0 {
					return name + " " + ranges[i].Label
				}
			}
			return label(v)
		}
		return c
	}
	vals := make([]string, 0, len(counts))
	for v := range counts {
		vals = append(vals, v)
	}
	slices.SortFunc(vals, func(a, b string) int {
		if ca, cb := class(a), class(b); ca != cb {
			return cmp.Compare(ca, cb)
		}
		if isNum(a) {
			return cmp.Or(cmp.Compare(nums[a], nums[b]), strings.Compare(a, b))
		}
		return cmp.Or(cmp.Compare(counts[b], counts[a]), strings.Compare(a, b))
	})
	// The most frequent values get their own series, in the order above.
	byCount := slices.Clone(vals)
	slices.SortStableFunc(byCount, func(a, b string) int { return cmp.Compare(counts[b], counts[a]) })
	own, kept := map[string]bool{}, 0
	for _, v := range byCount {
		switch {
		case special(v):
			own[v] = true
		case kept < MaxValues:
			own[v] = true
			kept++
		}
	}
	others := false
	for _, v := range vals {
		if own[v] {
			c.order = append(c.order, label(v))
		} else {
			others = true
		}
	}
	if others {
		c.order = append(c.order, name+": "+OtherValues)
	}
	c.series = func(e openml.RunEvaluation) string {
		v := values[e.SetupID]
		if own[v] {
			return label(v)
		}
		return name + ": " + OtherValues
	}
	return c
}

// runsChart draws the runs by dataset, the best dataset at the top, one
// series per colour; the table lists the datasets, linked.
func runsChart(server, measure, typeName string, l *evalview.Pages, c colouring) (*sdk.Chart, *sdk.Table) {
	runs := l.Runs
	key := func(e openml.RunEvaluation) int64 {
		if e.DataID > 0 {
			return e.DataID
		}
		return -e.TaskID // older servers leave the dataset out
	}
	groups := evalview.Rank(runs, measure, key)
	names := map[int64]string{}
	for _, g := range groups {
		names[g.Key] = g.Best.DataName
		if g.Best.DataName == "" {
			names[g.Key] = fmt.Sprintf("task %d", g.Best.TaskID)
		}
	}
	labels := evalview.Unique(names, func(k int64) string {
		if k > 0 {
			return fmt.Sprintf("data %d", k)
		}
		return fmt.Sprintf("task %d", -k)
	})
	// The scatter's band axis counts categories from the bottom, so the
	// best dataset comes last.
	cats := make([]string, len(groups))
	pos := map[int64]int{}
	for i, g := range groups {
		at := len(groups) - 1 - i
		cats[at] = labels[g.Key]
		pos[g.Key] = at
	}
	bySeries := map[string][]evalview.Point{}
	for _, e := range runs {
		k := key(e)
		s := c.series(e)
		what := labels[k]
		if c.title != "" {
			what += ", " + s
		}
		bySeries[s] = append(bySeries[s], evalview.Point{Run: e, X: e.Value, Y: float64(pos[k]), Label: evalview.RunLabel(e, what)})
	}
	title := fmt.Sprintf("The flow's best %d runs on %s tasks: every point is a run", len(runs), typeName)
	if c.title != "" {
		title += ", coloured by " + c.title
	}
	chart := &sdk.Chart{
		ID:     RunsChart,
		Kind:   sdk.ChartScatter,
		Title:  title,
		X:      sdk.Axis{Title: fmt.Sprintf("%s (%s)", measure, evalview.Direction(measure))},
		Y:      sdk.Axis{Title: "Dataset", Categories: cats},
		Legend: c.title != "",
	}
	for _, name := range c.order {
		if pts := bySeries[name]; len(pts) > 0 {
			chart.Series = append(chart.Series, evalview.Series(name, server, pts))
		}
	}

	table := &sdk.Table{
		ID: DatasetsTable,
		Columns: []sdk.Column{
			{ID: "rank", Title: "Rank", Type: sdk.CellNumber},
			{ID: "dataset", Title: "Dataset", Type: sdk.CellLink},
			{ID: "best", Title: "Best " + measure, Type: sdk.CellNumber},
			{ID: "best_run", Title: "Best run", Type: sdk.CellLink},
			{ID: "task", Title: "Task of the best run", Type: sdk.CellLink},
			{ID: "runs", Title: "Runs", Type: sdk.CellNumber},
		},
		Sortable:   true,
		Filterable: true,
	}
	for i, g := range groups {
		data := sdk.TextCell(labels[g.Key])
		if g.Key > 0 {
			data = sdk.LinkCell(labels[g.Key], evalview.Ref(server, sdk.KindData, g.Key))
		}
		table.Rows = append(table.Rows, sdk.Row{Cells: []sdk.Cell{
			sdk.NumberCell(float64(i + 1)),
			data,
			sdk.NumberCell(g.Best.Value),
			sdk.LinkCell(fmt.Sprintf("run %d", g.Best.RunID), evalview.Ref(server, sdk.KindRun, g.Best.RunID)),
			sdk.LinkCell(fmt.Sprintf("task %d", g.Best.TaskID), evalview.Ref(server, sdk.KindTask, g.Best.TaskID)),
			sdk.NumberCell(float64(g.Runs)),
		}})
	}
	return chart, table
}
