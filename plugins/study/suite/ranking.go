package suite

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/plugins/internal/show"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/compare"
)

// comparison says what is compared and shows the ranking, the tests, the
// critical-difference diagram, the scores and the flows left out; with
// too few flows or tasks, a Notice replaces the statistics.
func comparison(sc *scores, b block, server string) []sdk.Component {
	labels := evalview.FlowLabels(sc.names)
	out := []sdk.Component{&sdk.Text{Markdown: choiceText(sc, b, labels)}}
	if !b.ok() {
		out = append(out, tooFewNotice(sc, b))
		if len(b.top) > 0 {
			out = append(out, &sdk.Heading{Text: "Scores", Level: 2}, heatmap(sc, b.top, server, labels))
		}
		return append(out, leftOut(sc, b, server, labels)...)
	}
	// scores[i][j]: flow j on task i, as sdk/compare lays them out.
	matrix := make([][]float64, len(b.tasks))
	for i, t := range b.tasks {
		matrix[i] = make([]float64, len(b.flows))
		for j, f := range b.flows {
			matrix[i][j] = sc.best[f][t].Value
		}
	}
	res, err := compare.Friedman(matrix, !evalview.LowerIsBetter(sc.measure))
	var cd float64
	var groups [][]int
	if err == nil {
		cd, err = compare.NemenyiCD(len(b.flows), len(b.tasks), Alpha)
	}
	if err == nil {
		groups, err = compare.NemenyiGroups(res.MeanRanks, cd)
	}
	if err != nil {
		return append(out, &sdk.Notice{Level: sdk.Error, Summary: "The flows could not be compared", Detail: err.Error() + "."})
	}
	// The flows by mean rank, ties in the order NemenyiGroups sorts them.
	order := make([]int, len(b.flows))
	for j := range order {
		order[j] = j
	}
	slices.SortStableFunc(order, func(a, c int) int {
		switch ra, rc := res.MeanRanks[a], res.MeanRanks[c]; {
		case ra < rc:
			return -1
		case ra > rc:
			return 1
		}
		return 0
	})
	r := ranked{sc: sc, b: b, res: res, order: order, labels: labels, server: server, matrix: matrix}
	ranked := make([]int64, len(order))
	for i, j := range order {
		ranked[i] = b.flows[j]
	}
	out = append(out,
		&sdk.Heading{Text: "Ranking", Level: 2},
		r.table(),
		&sdk.Heading{Text: "Do the flows differ?", Level: 2},
		&sdk.Text{ID: FriedmanText, Markdown: r.friedmanText()},
		&sdk.Heading{Text: "Critical difference", Level: 2},
		&sdk.Text{ID: CDText, Markdown: r.cdText(cd, groups)},
		r.cdChart(cd, groups),
		&sdk.Heading{Text: "Scores", Level: 2},
		heatmap(sc, ranked, server, labels),
	)
	return append(out, leftOut(sc, b, server, labels)...)
}

// ranked is a comparison made: the flows of the block by mean rank.
type ranked struct {
	sc     *scores
	b      block
	res    compare.FriedmanResult
	order  []int // columns of the block, best mean rank first
	labels map[int64]string
	server string
	matrix [][]float64
}

// position is the place in the ranking of the block's column j, from 0.
func (r ranked) position(j int) int { return slices.Index(r.order, j) }

// table lists the compared flows by mean rank.
func (r ranked) table() *sdk.Table {
	m := r.sc.measure
	t := &sdk.Table{
		ID: RankingTable,
		Columns: []sdk.Column{
			{ID: "rank", Title: "Rank", Type: sdk.CellNumber},
			{ID: "flow", Title: "Flow", Type: sdk.CellLink},
			{ID: "mean_rank", Title: "Mean rank", Type: sdk.CellNumber},
			{ID: "tasks", Title: "Tasks run on", Type: sdk.CellNumber},
			{ID: "mean_score", Title: fmt.Sprintf("Mean %s (%d tasks compared)", m, len(r.b.tasks)), Type: sdk.CellNumber},
			{ID: "name", Title: "Full name", Type: sdk.CellText},
		},
		Sortable:   true,
		Filterable: true,
	}
	for i, j := range r.order {
		f := r.b.flows[j]
		sum := 0.0
		for _, row := range r.matrix {
			sum += row[j]
		}
		t.Rows = append(t.Rows, sdk.Row{Cells: []sdk.Cell{
			sdk.NumberCell(float64(i + 1)),
			sdk.LinkCell(r.labels[f], evalview.Ref(r.server, sdk.KindFlow, f)),
			sdk.NumberCell(r.res.MeanRanks[j]),
			sdk.NumberCell(float64(len(r.sc.best[f]))),
			sdk.NumberCell(sum / float64(len(r.matrix))),
			sdk.TextCell(r.sc.names[f]),
		}})
	}
	return t
}

// friedmanText gives the Friedman and Iman–Davenport statistics and what
// they say.
func (r ranked) friedmanText() string {
	res := r.res
	k, n := res.K, res.N
	var b strings.Builder
	fmt.Fprintf(&b, "**Friedman test** over %d tasks and %d flows: χ²_F = %s with %d degrees of freedom, p = %s.  \n",
		n, k, evalview.FormatValue(res.ChiSquare), k-1, evalview.FormatValue(res.PValue))
	f := "∞"
	if !math.IsInf(res.F, 1) {
		f = evalview.FormatValue(res.F)
	}
	fmt.Fprintf(&b, "**Iman–Davenport** F = %s with %d and %d degrees of freedom, p = %s.\n\n",
		f, k-1, (k-1)*(n-1), evalview.FormatValue(res.FPValue))
	pct := evalview.FormatValue(100 * Alpha)
	switch {
	case math.IsInf(res.F, 1):
		fmt.Fprintf(&b, "**Reading:** every task ranks the flows in the same order, so they differ at any level; the diagram below shows by how much.")
	case res.FPValue < Alpha:
		fmt.Fprintf(&b, "**Reading:** at the %s%% level the flows do not all perform alike: their ranks differ more than chance would explain (Iman–Davenport's F, which Demšar recommends over χ²_F). The critical difference below tells which flows can be told apart.", pct)
	default:
		fmt.Fprintf(&b, "**Reading:** at the %s%% level these %d tasks show no difference between the flows: ranks this far apart could arise by chance. Demšar advises against reading pairwise differences from the diagram below in that case.", pct, n)
	}
	return b.String()
}

// cdText states the critical difference and the groups it makes.
func (r ranked) cdText(cd float64, groups [][]int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Nemenyi test at α = %g for %d flows on %d tasks: **critical difference CD = %s**. Two flows whose mean ranks differ by more than CD perform significantly differently. ",
		Alpha, len(r.b.flows), len(r.b.tasks), evalview.FormatValue(cd))
	inGroup := make([]bool, len(r.order))
	var spans []string
	for _, g := range groups {
		first, last := r.position(g[0]), r.position(g[len(g)-1])
		spans = append(spans, fmt.Sprintf("#%d–#%d", first+1, last+1))
		for _, j := range g {
			inGroup[r.position(j)] = true
		}
	}
	if len(spans) > 0 {
		fmt.Fprintf(&b, "Flows that cannot be told apart (bars in the diagram): %s. ", strings.Join(spans, ", "))
	}
	var alone []string
	for p, in := range inGroup {
		if !in {
			alone = append(alone, fmt.Sprintf("#%d", p+1))
		}
	}
	switch {
	case len(alone) == 1:
		fmt.Fprintf(&b, "Flow %s differs significantly from every other flow.", alone[0])
	case len(alone) > 1:
		fmt.Fprintf(&b, "Flows %s each differ significantly from every other flow.", strings.Join(alone, ", "))
	}
	return b.String()
}

// cdChart is the critical-difference diagram: the mean rank runs across;
// one row per flow, best at the top, with its mean rank as a point; a row
// with the critical difference drawn from the best mean rank; one row per
// group of flows that cannot be told apart, its bar spanning their mean
// ranks.
func (r ranked) cdChart(cd float64, groups [][]int) *sdk.Chart {
	// Rows from the top: CD, the flows, the groups. A band axis counts
	// its categories from the bottom.
	var rows []string
	rows = append(rows, "CD = "+evalview.FormatValue(cd))
	for i, j := range r.order {
		rows = append(rows, fmt.Sprintf("#%d %s", i+1, r.labels[r.b.flows[j]]))
	}
	for _, g := range groups {
		rows = append(rows, fmt.Sprintf("#%d–#%d: no significant difference", r.position(g[0])+1, r.position(g[len(g)-1])+1))
	}
	at := func(row int) float64 { return float64(len(rows) - 1 - row) }
	cats := slices.Clone(rows)
	slices.Reverse(cats)

	// Each flow is a point of its own: NaN between points breaks the line.
	flows := sdk.Series{Name: "Flow at its mean rank"}
	for i, j := range r.order {
		f := r.b.flows[j]
		link := evalview.Ref(r.server, sdk.KindFlow, f)
		if i > 0 {
			flows.X, flows.Y = append(flows.X, math.NaN()), append(flows.Y, math.NaN())
			flows.Labels, flows.Links = append(flows.Labels, ""), append(flows.Links, link)
		}
		flows.X, flows.Y = append(flows.X, r.res.MeanRanks[j]), append(flows.Y, at(i+1))
		flows.Labels = append(flows.Labels, fmt.Sprintf("#%d %s: mean rank %s", i+1, r.labels[f], evalview.FormatValue(r.res.MeanRanks[j])))
		flows.Links = append(flows.Links, link)
	}
	best := r.res.MeanRanks[r.order[0]]
	cdLabel := fmt.Sprintf("critical difference %s, from the best mean rank", evalview.FormatValue(cd))
	cdSeries := sdk.Series{Name: "Critical difference", X: []float64{best, best + cd}, Y: []float64{at(0), at(0)}, Labels: []string{cdLabel, cdLabel}}
	bars := sdk.Series{Name: "No significant difference"}
	for gi, g := range groups {
		if gi > 0 {
			bars.X, bars.Y, bars.Labels = append(bars.X, math.NaN()), append(bars.Y, math.NaN()), append(bars.Labels, "")
		}
		row := at(1 + len(r.order) + gi)
		lo, hi := r.res.MeanRanks[g[0]], r.res.MeanRanks[g[len(g)-1]]
		label := fmt.Sprintf("#%d to #%d: mean ranks %s to %s, within CD", r.position(g[0])+1, r.position(g[len(g)-1])+1, evalview.FormatValue(lo), evalview.FormatValue(hi))
		bars.X, bars.Y, bars.Labels = append(bars.X, lo, hi), append(bars.Y, row, row), append(bars.Labels, label, label)
	}
	series := []sdk.Series{flows, cdSeries}
	if len(groups) > 0 {
		series = append(series, bars)
	}
	return &sdk.Chart{
		ID:     CDChart,
		Kind:   sdk.ChartLine,
		Title:  fmt.Sprintf("Critical-difference diagram (Nemenyi, α = %g): %d flows, %d tasks", Alpha, len(r.b.flows), len(r.b.tasks)),
		X:      sdk.Axis{Title: "Mean rank (1 = best)"},
		Y:      sdk.Axis{Categories: cats},
		Series: series,
		Legend: true,
		Height: 110 + 30*len(rows),
	}
}

// heatmap shows the best score of each of flows (rows, in order) on each
// task with a run (columns); a cell opens its run, an empty one the task.
func heatmap(sc *scores, flows []int64, server string, labels map[int64]string) *sdk.Chart {
	m := sc.measure
	cols := make([]string, len(sc.tasks))
	for i, t := range sc.tasks {
		cols[i] = taskLabel(sc, t)
	}
	rows := make([]string, len(flows))
	s := sdk.Series{Name: m}
	for i, f := range flows {
		rows[i] = labels[f]
		for _, t := range sc.tasks {
			e, ok := sc.best[f][t]
			if !ok {
				s.Z = append(s.Z, math.NaN())
				s.Labels = append(s.Labels, fmt.Sprintf("no run of %s on %s", labels[f], taskLabel(sc, t)))
				s.Links = append(s.Links, evalview.Ref(server, sdk.KindTask, t))
				continue
			}
			s.Z = append(s.Z, e.Value)
			s.Labels = append(s.Labels, evalview.RunLabel(e, labels[f]+" on "+taskLabel(sc, t)))
			s.Links = append(s.Links, evalview.Ref(server, sdk.KindRun, e.RunID))
		}
	}
	return &sdk.Chart{
		ID:        HeatmapChart,
		Kind:      sdk.ChartHeatmap,
		Title:     fmt.Sprintf("Best %s of each flow on each task (%s); empty: no run", m, evalview.Direction(m)),
		X:         sdk.Axis{Title: "Task: dataset (task id)", Categories: cols},
		Y:         sdk.Axis{Title: "Flow", Categories: rows},
		ColorAxis: sdk.Axis{Title: m},
		Series:    []sdk.Series{s},
		Height:    260 + 28*len(rows),
	}
}

// taskLabel names a task by its dataset: "iris (59)", or "task 59".
func taskLabel(sc *scores, t int64) string {
	if d := sc.data[t]; d != "" {
		return fmt.Sprintf("%s (%d)", d, t)
	}
	return fmt.Sprintf("task %d", t)
}

// choiceText says which flows and tasks are compared, and why the others
// are not.
func choiceText(sc *scores, b block, labels map[int64]string) string {
	var parts []string
	if b.ok() {
		parts = append(parts, fmt.Sprintf("**Compared:** %s, on the %s where each of them has a run; a flow's score on a task is its best run there.",
			flowsPhrase(len(b.flows), len(b.top)), plural(len(b.tasks), "task")))
	}
	if dropped := b.top[len(b.flows):]; len(dropped) > 0 && b.ok() {
		names := make([]string, len(dropped))
		for i, f := range dropped {
			names[i] = show.Escape(labels[f])
		}
		parts = append(parts, fmt.Sprintf("Of the %d flows run on the most tasks, %s %s left out: with all %d, only %s %s a run of every flow; without, %d do, the most scores (%d flows × %d tasks).",
			len(b.top), listSome(names, 5), isAre(len(dropped)), len(b.top), plural(len(b.topTasks), "task"), hasHave(len(b.topTasks)),
			len(b.tasks), len(b.flows), len(b.tasks)))
	}
	if others := len(sc.best) - len(b.top); others > 0 {
		most := 0
		for _, f := range sc.byCoverage()[len(b.top):] {
			most = max(most, len(sc.best[f]))
		}
		parts = append(parts, fmt.Sprintf("%s run on fewer tasks (at most %d) %s not compared; see the table at the bottom.", plural(others, "other flow"), most, isAre(others)))
	}
	if b.ok() {
		var missing []string
		for _, t := range sc.tasks {
			if !slices.Contains(b.tasks, t) {
				missing = append(missing, taskLabel(sc, t))
			}
		}
		if len(missing) > 0 {
			parts = append(parts, fmt.Sprintf("Left out, for lack of a run of some compared flow: %s.", show.Escape(listSome(missing, 8))))
		}
	}
	if none := len(sc.suite) - len(sc.tasks); none > 0 {
		parts = append(parts, fmt.Sprintf("%s of the suite %s no run with %s loaded.", plural(none, "task"), hasHave(none), show.Escape(sc.measure)))
	}
	return strings.Join(parts, " ")
}

// flowsPhrase names the compared flows among the top ones.
func flowsPhrase(n, top int) string {
	if n == top {
		return fmt.Sprintf("the %d flows run on the most tasks", n)
	}
	return fmt.Sprintf("the first %d of the %d flows run on the most tasks", n, top)
}

// tooFewNotice says why no ranking is shown.
func tooFewNotice(sc *scores, b block) *sdk.Notice {
	if len(b.top) < MinFlows {
		return &sdk.Notice{
			Level:   sdk.Warning,
			Summary: "Too few flows to rank",
			Detail: fmt.Sprintf("Only %s %s runs with %s on the suite's tasks; ranking needs at least %d. Load more runs or choose another measure; two flows compare best on the task pages.",
				plural(len(b.top), "flow"), hasHave(len(b.top)), sc.measure, MinFlows),
		}
	}
	return &sdk.Notice{
		Level:   sdk.Warning,
		Summary: "Too few tasks to rank the flows",
		Detail: fmt.Sprintf("No %d of the flows run on the most tasks share %d tasks with a run of each: the %d first share %s. Load more runs, compare more flows or choose another measure.",
			MinFlows, MinTasks, len(b.top), plural(len(b.topTasks), "task")),
	}
}

// leftOut lists the flows not compared, those run on the most tasks first.
func leftOut(sc *scores, b block, server string, labels map[int64]string) []sdk.Component {
	var flows []int64
	for _, f := range sc.byCoverage() {
		if !slices.Contains(b.flows, f) || !b.ok() {
			flows = append(flows, f)
		}
	}
	if len(flows) == 0 {
		return nil
	}
	caption := fmt.Sprintf("%s not compared, by the number of tasks run on.", plural(len(flows), "flow is", "flows are"))
	if len(flows) > MaxLeftOut {
		caption = fmt.Sprintf("%d flows are not compared; the %d run on the most tasks are listed.", len(flows), MaxLeftOut)
		flows = flows[:MaxLeftOut]
	}
	t := &sdk.Table{
		ID: LeftOutTable,
		Columns: []sdk.Column{
			{ID: "flow", Title: "Flow", Type: sdk.CellLink},
			{ID: "tasks", Title: "Tasks run on", Type: sdk.CellNumber},
			{ID: "why", Title: "Why not compared", Type: sdk.CellText},
			{ID: "name", Title: "Full name", Type: sdk.CellText},
		},
		Sortable:   true,
		Filterable: true,
	}
	for _, f := range flows {
		why := fmt.Sprintf("not among the %d run on the most tasks", len(b.top))
		switch {
		case !b.ok():
			why = "too few flows or tasks to rank"
		case slices.Contains(b.top, f):
			why = "run on too few of the tasks the others share"
		}
		t.Rows = append(t.Rows, sdk.Row{Cells: []sdk.Cell{
			sdk.LinkCell(labels[f], evalview.Ref(server, sdk.KindFlow, f)),
			sdk.NumberCell(float64(len(sc.best[f]))),
			sdk.TextCell(why),
			sdk.TextCell(sc.names[f]),
		}})
	}
	return []sdk.Component{&sdk.Heading{Text: "Flows not compared", Level: 2}, &sdk.Text{Markdown: caption}, t}
}
