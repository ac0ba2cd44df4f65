package suite

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/plugins/internal/show"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// How the runs of the suite's tasks are loaded: each task's evaluation
// listing, best runs first, evalview.PageSize runs a page. Sorted so, the
// first run of a flow on a task is its best there, however few pages are
// read. One listing of all the tasks would fill its first pages with the
// easy tasks' runs (on OpenML-CC18, hundreds of thousands score above the
// hard tasks' best), so each task has its own.
const (
	InitialPages = 1  // pages of each task read first
	MorePages    = 1  // pages of each task a click of MoreButton adds
	MaxPages     = 10 // pages of each task read at most
)

// What is compared.
const (
	// DefaultFlows is how many of the flows run on the most tasks are
	// compared at first; CountSelect offers FlowCounts.
	DefaultFlows = 10
	// MinFlows and MinTasks are the smallest comparison the Friedman test
	// makes sense of.
	MinFlows = 3
	MinTasks = 2
	// Alpha is the significance level of the tests and of the critical
	// difference.
	Alpha = 0.05
	// MaxLeftOut caps the rows of LeftOutTable.
	MaxLeftOut = 50
)

// FlowCounts are the choices of CountSelect.
var FlowCounts = []string{"5", "10", "15", "20"}

// flowsTab holds the measure and flow-count selectors, the button that
// loads more runs, and the slot the ranking callback fills.
func flowsTab(ctx context.Context, req *sdk.LayoutRequest, s *openml.Study, tasks []taskInfo) ([]sdk.Component, []sdk.Callback) {
	if len(s.TaskIDs) == 0 {
		return []sdk.Component{&sdk.Notice{
			Level:   sdk.Info,
			Summary: "There are no flows to compare",
			Detail:  "This suite lists no tasks, so no runs were made on it.",
		}}, nil
	}
	measure := defaultMeasure(tasks)
	options, err := evalview.MeasureOptions(ctx, req.Host, req.Ref.Server, measure)
	if err != nil && ctx.Err() == nil {
		req.Host.Log(ctx, sdk.LogWarn, fmt.Sprintf("suite %d: OpenML's list of measures could not be read, so the built-in one is offered: %v", s.ID, err))
	}
	children := []sdk.Component{
		&sdk.Text{Markdown: fmt.Sprintf("The flows run on the suite's tasks, compared as Demšar (2006) compares classifiers over several datasets: "+
			"a flow's score on a task is its best run there; the flows are ranked on each task (1 = best) over the tasks that every compared flow was run on, "+
			"their mean ranks are tested with the Friedman test, and the Nemenyi critical difference (α = %g) tells which flows differ.", Alpha)},
		&sdk.Container{Direction: sdk.RowDirection, Children: []sdk.Component{
			&sdk.Select{ID: MeasureSelect, Label: "Measure", Options: options, Values: []string{measure}},
			&sdk.Select{ID: CountSelect, Label: "Flows compared (at most)", Options: sdk.Options(FlowCounts...), Values: []string{strconv.Itoa(DefaultFlows)}},
			&sdk.Button{ID: MoreButton, Label: fmt.Sprintf("Load %d more runs of each task", MorePages*evalview.PageSize)},
		}},
		&sdk.Slot{ID: FlowsSlot, Children: []sdk.Component{&sdk.Text{Markdown: "Loading the runs of the suite's tasks…"}}},
	}
	return children, []sdk.Callback{
		{
			ID:                 ResetCallback,
			Inputs:             []sdk.PropRef{sdk.Input(MeasureSelect, sdk.PropValue)},
			Outputs:            []sdk.PropRef{sdk.Output(MoreButton, sdk.PropNClicks)},
			PreventInitialCall: true,
		},
		{
			ID: FlowsCallback,
			Inputs: []sdk.PropRef{
				sdk.Input(MeasureSelect, sdk.PropValue), sdk.Input(CountSelect, sdk.PropValue), sdk.Input(MoreButton, sdk.PropNClicks),
			},
			Outputs: []sdk.PropRef{sdk.Output(FlowsSlot, sdk.PropChildren), sdk.Output(MoreButton, sdk.PropDisabled)},
		},
	}
}

// defaultMeasure is the usual measure of the suite's most common task
// type: the root mean squared error for regression, the predictive
// accuracy for anything else.
func defaultMeasure(tasks []taskInfo) string {
	count := map[int]int{}
	best := 0
	for _, t := range tasks {
		if t.Task == nil {
			continue
		}
		id := t.Task.TypeID
		if id == 0 {
			id = evalview.TaskTypeID(t.Task.Type)
		}
		count[id]++
		if count[id] > count[best] || (count[id] == count[best] && id < best) {
			best = id
		}
	}
	return evalview.DefaultMeasure(best)
}

// resetPages starts a new measure at InitialPages: the button's clicks
// count the loads after the first, for the measure shown.
func resetPages(_ context.Context, _ *sdk.CallbackRequest) (*sdk.Patch, error) {
	return sdk.NewPatch().Set(sdk.Output(MoreButton, sdk.PropNClicks), sdk.IntValue(0)), nil
}

// rankFlows loads the runs of the suite's tasks and compares the flows.
func rankFlows(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	measure := req.Value(sdk.Input(MeasureSelect, sdk.PropValue)).Str()
	want := DefaultFlows
	if n, err := strconv.Atoi(req.Value(sdk.Input(CountSelect, sdk.PropValue)).Str()); err == nil && n >= MinFlows {
		want = n
	}
	clicks := max(req.Value(sdk.Input(MoreButton, sdk.PropNClicks)).Int(), 0)
	fill := func(more bool, cs ...sdk.Component) *sdk.Patch {
		return sdk.NewPatch().Fill(FlowsSlot, cs...).Set(sdk.Output(MoreButton, sdk.PropDisabled), sdk.BoolValue(!more))
	}
	if measure == "" {
		return fill(false, &sdk.Notice{Level: sdk.Info, Summary: "Choose a measure", Detail: "Pick a measure above to compare the flows run on this suite."}), nil
	}
	server := req.Ref.Server
	s, err := openml.GetStudy(ctx, req.Host, server, req.Ref.ID)
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		return fill(true, &sdk.Notice{Level: sdk.Error, Summary: "The suite could not be loaded again", Detail: err.Error() + ". Click the button to try again."}), nil
	}
	if len(s.TaskIDs) == 0 {
		return fill(false, &sdk.Notice{Level: sdk.Info, Summary: "There are no flows to compare", Detail: "This suite lists no tasks."}), nil
	}
	pages := int(min(InitialPages+clicks*MorePages, MaxPages))
	l := loadRuns(ctx, req.Host, server, measure, s.TaskIDs, pages)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if l.failed == len(s.TaskIDs) {
		return fill(true, &sdk.Notice{
			Level:   sdk.Error,
			Summary: "The runs of the suite's tasks could not be loaded",
			Detail:  l.failures() + ". Click the button or choose another measure to try again.",
		}), nil
	}
	if len(l.runs) == 0 {
		n := &sdk.Notice{Level: sdk.Info, Summary: fmt.Sprintf("No run on the suite's %s has a %s value", plural(len(s.TaskIDs), "task"), measure)}
		if l.noValue > 0 {
			n.Detail = fmt.Sprintf("%d runs have it only per class or per fold. Choose another measure.", l.noValue)
		} else {
			n.Detail = "There are no evaluations of this measure for these tasks yet: choose another measure, or come back once runs are uploaded."
		}
		if l.failed > 0 {
			n.Level = sdk.Warning
			n.Detail += fmt.Sprintf(" The runs of %s could not be loaded: %s.", plural(l.failed, "task"), l.failures())
		}
		return fill(l.failed > 0, n), nil
	}
	sc := bestScores(l.runs, measure, s.TaskIDs)
	more := l.more > 0 && pages < MaxPages
	out := []sdk.Component{&sdk.Text{Markdown: loadedLine(l, sc, measure, pages, more)}}
	if l.failed > 0 || l.partial > 0 {
		out = append(out, &sdk.Notice{
			Level:   sdk.Warning,
			Summary: fmt.Sprintf("The runs of %s could not all be loaded", plural(l.failed+l.partial, "task")),
			Detail:  l.failures() + ". The runs loaded are compared; click the button to try again.",
		})
	}
	if l.noValue > 0 {
		out = append(out, &sdk.Notice{
			Level:   sdk.Info,
			Summary: fmt.Sprintf("%d runs are left out", l.noValue),
			Detail:  fmt.Sprintf("They have %s only per class or per fold, not as a single value.", measure),
		})
	}
	out = append(out, comparison(sc, chooseBlock(sc, want), server)...)
	return fill(more || l.failed+l.partial > 0, out...), nil
}

// loadedLine says what was loaded, and whether more may exist.
func loadedLine(l *loadedRuns, sc *scores, measure string, pages int, more bool) string {
	n := len(l.runs) + l.noValue
	s := fmt.Sprintf("%d runs with %s loaded", n, show.Escape(measure))
	if l.more > 0 {
		s += fmt.Sprintf(", at most the best %d of each task (%s)", pages*evalview.PageSize, evalview.Direction(measure))
	}
	s += fmt.Sprintf(": %s on %d of the suite's %d tasks.", plural(len(sc.best), "flow"), len(sc.tasks), len(sc.suite))
	switch {
	case more:
		s += fmt.Sprintf(" %s more runs: load the next %d of each with the button to compare more flows.", plural(l.more, "task has", "tasks have"), MorePages*evalview.PageSize)
	case l.more > 0:
		s += fmt.Sprintf(" %s more runs, but at most %d a task are loaded.", plural(l.more, "task has", "tasks have"), MaxPages*evalview.PageSize)
	}
	return s
}

// scores holds the best run of each flow on each task of the suite.
type scores struct {
	measure string
	suite   []int64                                  // the suite's tasks, in its order
	tasks   []int64                                  // those with a run, in the suite's order
	best    map[int64]map[int64]openml.RunEvaluation // by flow, then task
	names   map[int64]string                         // each flow's name as listed
	data    map[int64]string                         // each task's dataset name as listed
}

// bestScores keeps each flow's best run on each task, in the measure's
// direction (ties to the run uploaded first).
func bestScores(runs []openml.RunEvaluation, measure string, suite []int64) *scores {
	sc := &scores{measure: measure, suite: suite, best: map[int64]map[int64]openml.RunEvaluation{}, names: map[int64]string{}, data: map[int64]string{}}
	byTask := map[int64][]openml.RunEvaluation{}
	for _, e := range runs {
		byTask[e.TaskID] = append(byTask[e.TaskID], e)
		if e.DataName != "" {
			sc.data[e.TaskID] = e.DataName
		}
	}
	for _, t := range suite {
		if _, seen := byTask[t]; !seen || slices.Contains(sc.tasks, t) {
			continue
		}
		sc.tasks = append(sc.tasks, t)
		for _, g := range evalview.Rank(byTask[t], measure, func(e openml.RunEvaluation) int64 { return e.FlowID }) {
			if sc.best[g.Key] == nil {
				sc.best[g.Key] = map[int64]openml.RunEvaluation{}
			}
			sc.best[g.Key][t] = g.Best
			sc.names[g.Key] = g.Best.FlowName
		}
	}
	return sc
}

// byCoverage lists the flows run on the most tasks first (ties by id).
func (sc *scores) byCoverage() []int64 {
	flows := make([]int64, 0, len(sc.best))
	for f := range sc.best {
		flows = append(flows, f)
	}
	slices.SortFunc(flows, func(a, b int64) int {
		if c := cmp.Compare(len(sc.best[b]), len(sc.best[a])); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return flows
}

// complete lists the tasks on which every one of flows has a score.
func (sc *scores) complete(flows []int64) []int64 {
	var out []int64
	for _, t := range sc.tasks {
		all := len(flows) > 0
		for _, f := range flows {
			if _, ok := sc.best[f][t]; !ok {
				all = false
				break
			}
		}
		if all {
			out = append(out, t)
		}
	}
	return out
}

// block is what is compared: flows on the tasks where all have a score.
type block struct {
	// top are the flows run on the most tasks, at most the number asked
	// for; flows are the first of them, those compared.
	top, flows []int64
	// tasks are the tasks each of flows has a score on; topTasks those
	// each of top has one on.
	tasks, topTasks []int64
}

// ok reports whether the block is large enough to compare.
func (b block) ok() bool { return len(b.flows) >= MinFlows && len(b.tasks) >= MinTasks }

// chooseBlock picks the flows to compare: of the want flows run on the
// most tasks, the first m (MinFlows <= m <= want) that give the most
// scores, m times the number of tasks each of them has a score on, and
// at least MinTasks tasks; ties go to more flows. A flow run on few tasks
// would otherwise shrink the comparison to those few.
func chooseBlock(sc *scores, want int) block {
	order := sc.byCoverage()
	b := block{top: order[:min(want, len(order))]}
	b.topTasks = sc.complete(b.top)
	b.flows, b.tasks = b.top, b.topTasks
	cells := -1
	for m := len(b.top); m >= MinFlows; m-- {
		tasks := sc.complete(b.top[:m])
		if len(tasks) >= MinTasks && m*len(tasks) > cells {
			b.flows, b.tasks, cells = b.top[:m], tasks, m*len(tasks)
		}
	}
	return b
}
