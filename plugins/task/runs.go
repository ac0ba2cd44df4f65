package task

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/plugins/internal/show"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// runs loads the task's runs for the chosen measure, best first, one
// page more than the button's clicks, and fills the count, the
// evaluations and the people. The pages before the last come from the
// host's cache.
func (p *plugin) runs(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	measure := req.Value(sdk.Input(MetricSelect, sdk.PropValue)).Str()
	clicks := req.Value(sdk.Input(MoreButton, sdk.PropNClicks)).Int()
	fill := func(count, evals, people []sdk.Component) *sdk.Patch {
		return sdk.NewPatch().Fill(CountSlot, count...).Fill(EvaluationsSlot, evals...).Fill(PeopleSlot, people...)
	}
	// only shows n in full on the Evaluations tab, beside the measure
	// select and the button its actions name; the other tabs point there.
	only := func(n *sdk.Notice, elsewhere string) *sdk.Patch {
		return fill([]sdk.Component{show.SeeTab(elsewhere, "Evaluations")}, []sdk.Component{n}, []sdk.Component{show.SeeTab(elsewhere, "Evaluations")})
	}
	if measure == "" {
		return only(&sdk.Notice{Level: sdk.Info, Summary: "Choose a measure", Detail: "Pick a measure above to see the runs of this task."}, "No measure is chosen"), nil
	}
	server, taskID := req.Ref.Server, req.Ref.ID
	pages := int(min(max(clicks, 0)+1, MaxPages))
	q := openml.EvaluationQuery{Function: measure, Tasks: []int64{taskID}, SortOrder: evalview.SortOrder(measure)}
	loaded, err := evalview.LoadPages(ctx, req.Host, server, q, pages, nil, 0)
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		summary := fmt.Sprintf("The runs of task %d could not be loaded", taskID)
		return only(&sdk.Notice{
			Level:   sdk.Error,
			Summary: summary,
			Detail:  err.Error() + ". Click the button or choose another measure to try again.",
		}, summary), nil
	}
	if len(loaded.Runs) == 0 {
		n := &sdk.Notice{Level: sdk.Info, Summary: fmt.Sprintf("No runs of this task use %s yet", measure)}
		if loaded.NoValue > 0 {
			n.Summary = fmt.Sprintf("No run of this task has a single %s value", measure)
			n.Detail = fmt.Sprintf("%d runs have it only per class or per fold. Choose another measure.", loaded.NoValue)
		} else {
			n.Detail = "Choose another measure, or come back once runs are uploaded."
		}
		return only(n, n.Summary), nil
	}

	// The notes are shown once, on the Evaluations tab, where the button
	// that retries is.
	var notes []sdk.Component
	if loaded.Err != nil {
		notes = append(notes, &sdk.Notice{
			Level:   sdk.Warning,
			Summary: fmt.Sprintf("The next %d runs could not be loaded", PageSize),
			Detail:  loaded.Err.Error() + ". The runs loaded before are shown; click the button again to retry.",
		})
	}
	if loaded.NoValue > 0 {
		notes = append(notes, &sdk.Notice{
			Level:   sdk.Info,
			Summary: fmt.Sprintf("%d runs are not drawn", loaded.NoValue),
			Detail:  fmt.Sprintf("They have %s only per class or per fold, not as a single value.", measure),
		})
	}

	ups := uploaders(loaded.Runs)
	names, nameErr := evalview.UserNames(ctx, req.Host, server, ups)
	if nameErr != nil {
		if ctx.Err() != nil {
			return nil, nameErr
		}
		req.Host.Log(ctx, sdk.LogWarn, fmt.Sprintf("task %d: uploader names: %v", taskID, nameErr))
	}

	count := []sdk.Component{&sdk.Text{Markdown: "**Runs with " + measure + ":** " + countLine(loaded) + ". See the Evaluations and People tabs."}}
	evals := append([]sdk.Component{&sdk.Text{Markdown: statusLine(loaded, measure, "with the button")}}, notes...)
	chart, flows := evaluationsChart(server, measure, loaded)
	evals = append(evals, chart, &sdk.Heading{Text: "Flows", Level: 2}, flows)

	people := []sdk.Component{
		&sdk.Text{Markdown: statusLine(loaded, measure, "on the Evaluations tab")},
		timeChart(server, measure, loaded.Runs, names),
		&sdk.Heading{Text: "Leaderboard", Level: 2},
		&sdk.Text{Markdown: leaderboardCaption(measure, nameErr)},
		leaderboard(server, measure, loaded.Runs, names),
	}
	return fill(count, evals, people), nil
}

// countLine says how many runs there are, as far as the pages loaded tell.
func countLine(l *evalview.Pages) string {
	n := len(l.Runs) + l.NoValue
	if l.More {
		return fmt.Sprintf("at least %d", n)
	}
	return fmt.Sprintf("%d", n)
}

// statusLine says how many runs are loaded, and whether more exist and
// where (how) to load them.
func statusLine(l *evalview.Pages, measure, loadMore string) string {
	n := len(l.Runs) + l.NoValue
	if l.More {
		return fmt.Sprintf("%d of at least %d runs loaded, the best by %s first; load the next %d %s.", n, n, measure, PageSize, loadMore)
	}
	return fmt.Sprintf("%d runs, all loaded.", n)
}

func leaderboardCaption(measure string, nameErr error) string {
	s := fmt.Sprintf("Uploaders ranked by their best run's %s (%s), among the runs loaded.", measure, evalview.Direction(measure))
	if nameErr != nil {
		s += " Their names could not be loaded, so they are shown by id."
	}
	return s
}

func uploaders(runs []openml.RunEvaluation) []int64 {
	var ids []int64
	for _, e := range runs {
		ids = append(ids, e.Uploader)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// evaluationsChart draws every run by flow, the best flow at the top,
// coloured by value; the table lists the flows, linked to their pages.
func evaluationsChart(server, measure string, l *evalview.Pages) (*sdk.Chart, *sdk.Table) {
	runs := l.Runs
	flows := evalview.Rank(runs, measure, func(e openml.RunEvaluation) int64 { return e.FlowID })
	names := map[int64]string{}
	for _, g := range flows {
		names[g.Key] = g.Best.FlowName
	}
	labels := evalview.FlowLabels(names)
	// The scatter's band axis counts categories from the bottom, so the
	// best flow comes last.
	cats := make([]string, len(flows))
	pos := map[int64]int{}
	for i, g := range flows {
		at := len(flows) - 1 - i
		cats[at] = labels[g.Key]
		pos[g.Key] = at
	}
	pts := make([]evalview.Point, len(runs))
	for i, e := range runs {
		pts[i] = evalview.Point{Run: e, X: e.Value, Y: float64(pos[e.FlowID]), Label: evalview.RunLabel(e, labels[e.FlowID])}
	}
	title := fmt.Sprintf("All %d runs by flow: every point is a run", len(runs))
	if l.More {
		title = fmt.Sprintf("The best %d runs by flow: every point is a run", len(runs))
	}
	chart := &sdk.Chart{
		ID:        EvaluationsChart,
		Kind:      sdk.ChartScatter,
		Title:     title,
		X:         sdk.Axis{Title: fmt.Sprintf("%s (%s)", measure, evalview.Direction(measure))},
		Y:         sdk.Axis{Title: "Flow", Categories: cats},
		Series:    []sdk.Series{evalview.ByValue(pts, measure, server)},
		ColorAxis: sdk.Axis{Title: measure},
	}

	table := &sdk.Table{
		ID: FlowsTable,
		Columns: []sdk.Column{
			{ID: "rank", Title: "Rank", Type: sdk.CellNumber},
			{ID: "flow", Title: "Flow", Type: sdk.CellLink},
			{ID: "best", Title: "Best " + measure, Type: sdk.CellNumber},
			{ID: "best_run", Title: "Best run", Type: sdk.CellLink},
			{ID: "runs", Title: "Runs", Type: sdk.CellNumber},
			{ID: "name", Title: "Full name", Type: sdk.CellText},
		},
		Sortable:   true,
		Filterable: true,
	}
	for i, g := range flows {
		table.Rows = append(table.Rows, sdk.Row{Cells: []sdk.Cell{
			sdk.NumberCell(float64(i + 1)),
			sdk.LinkCell(labels[g.Key], evalview.Ref(server, sdk.KindFlow, g.Key)),
			sdk.NumberCell(g.Best.Value),
			sdk.LinkCell(fmt.Sprintf("run %d", g.Best.RunID), evalview.Ref(server, sdk.KindRun, g.Best.RunID)),
			sdk.NumberCell(float64(g.Runs)),
			sdk.TextCell(g.Best.FlowName),
		}})
	}
	return chart, table
}

// timeChart draws the runs by upload date and value, one series for each
// of the TopUploaders who uploaded most, one for the others.
func timeChart(server, measure string, runs []openml.RunEvaluation, names map[int64]string) *sdk.Chart {
	counts := map[int64]int{}
	for _, e := range runs {
		counts[e.Uploader]++
	}
	ids := make([]int64, 0, len(counts))
	for id := range counts {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b int64) int {
		if counts[a] != counts[b] {
			return counts[b] - counts[a]
		}
		return cmp.Compare(a, b)
	})
	top := map[int64]int{}
	for i, id := range ids[:min(TopUploaders, len(ids))] {
		top[id] = i
	}
	groups := make([][]evalview.Point, len(top)+1)
	undated := 0
	for _, e := range runs {
		uploaded, ok := show.ParseDate(e.UploadTime)
		if !ok {
			undated++
			continue
		}
		who := evalview.UserLabel(names, e.Uploader)
		i, ok := top[e.Uploader]
		if !ok {
			i = len(top)
		}
		groups[i] = append(groups[i], evalview.Point{Run: e, X: float64(uploaded.Unix()), Y: e.Value, Label: evalview.RunLabel(e, who+", "+show.Date(e.UploadTime))})
	}
	chart := &sdk.Chart{
		ID:     TimeChart,
		Kind:   sdk.ChartScatter,
		Title:  "Runs over time, by uploader",
		X:      sdk.Axis{Title: "Upload date", Time: true},
		Y:      sdk.Axis{Title: measure},
		Legend: true,
	}
	if undated > 0 {
		chart.Title += fmt.Sprintf(" (%d runs without an upload date are left out)", undated)
	}
	for i, id := range ids[:len(top)] {
		if len(groups[i]) > 0 {
			chart.Series = append(chart.Series, evalview.Series(fmt.Sprintf("%s (%d)", evalview.UserLabel(names, id), counts[id]), server, groups[i]))
		}
	}
	if others := groups[len(top)]; len(others) > 0 {
		chart.Series = append(chart.Series, evalview.Series(fmt.Sprintf("%d others (%d)", len(ids)-len(top), len(others)), server, others))
	}
	return chart
}

// leaderboard ranks the uploaders by their best run, in the measure's
// direction; a tie goes to who got there first.
func leaderboard(server, measure string, runs []openml.RunEvaluation, names map[int64]string) *sdk.Table {
	table := &sdk.Table{
		ID: LeaderboardTable,
		Columns: []sdk.Column{
			{ID: "rank", Title: "Rank", Type: sdk.CellNumber},
			{ID: "uploader", Title: "Uploader", Type: sdk.CellText},
			{ID: "best", Title: "Best score", Type: sdk.CellNumber},
			{ID: "best_run", Title: "Best run", Type: sdk.CellLink},
			{ID: "when", Title: "Best run uploaded", Type: sdk.CellText},
			{ID: "entries", Title: "Entries", Type: sdk.CellNumber},
		},
		Sortable:   true,
		Filterable: true,
	}
	for i, g := range evalview.Rank(runs, measure, func(e openml.RunEvaluation) int64 { return e.Uploader }) {
		table.Rows = append(table.Rows, sdk.Row{Cells: []sdk.Cell{
			sdk.NumberCell(float64(i + 1)),
			sdk.TextCell(evalview.UserLabel(names, g.Key)),
			sdk.NumberCell(g.Best.Value),
			sdk.LinkCell(fmt.Sprintf("run %d", g.Best.RunID), evalview.Ref(server, sdk.KindRun, g.Best.RunID)),
			sdk.TextCell(show.Date(g.Best.UploadTime)),
			sdk.NumberCell(float64(g.Runs)),
		}})
	}
	return table
}
