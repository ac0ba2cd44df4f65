package data

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/plugins/internal/show"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// Component and callback ids of the Tasks tab.
const (
	TasksReloadButton = "tasks-reload" // lists the tasks again, and counts their runs again
	TasksSlot         = "tasks-list"   // filled by TasksCallback
	TaskRunsSlot      = "tasks-runs"   // inside TasksSlot: the table, filled again by TaskRunsCallback
	TasksTable        = "tasks-table"  // the tasks, one row each
	TasksCallback     = "tasks"        // lists the dataset's tasks
	TaskRunsCallback  = "task-runs"    // counts the runs of the tasks listed
)

// How much of OpenML's listings the Tasks tab reads.
const (
	// TaskPageSize is how many tasks one page of the task listing asks for.
	TaskPageSize = 1000
	// MaxTasks is the most tasks listed; a dataset with more says so.
	MaxTasks = 5000
	// RunPageSize is how many runs one page of the run listing asks for:
	// the most OpenML returns at once.
	RunPageSize = openml.MaxRuns
	// MaxCountedRuns is the most runs loaded to count them; past it, the
	// counts are lower bounds.
	MaxCountedRuns = 100_000
	// maxIDListBytes bounds the comma-separated task ids of one run
	// listing: the list is a segment of the listing's path, which the
	// host's cache makes a file name (at most 255 bytes).
	maxIDListBytes = 200
)

// taskLimits are the sizes above, which tests make smaller.
type taskLimits struct {
	taskPage, maxTasks, runPage, maxRuns, idBytes int
}

var defaultTaskLimits = taskLimits{TaskPageSize, MaxTasks, RunPageSize, MaxCountedRuns, maxIDListBytes}

// The columns of TasksTable.
const (
	taskColumn    = "task"
	runsColumn    = "runs"
	countedColumn = "runs_counted"
)

// addTasks gives the page of an OpenML dataset its Tasks tab; a local file
// is on no server, so has no tasks. The tab asks nothing of the server
// while the page is built: its callbacks list the tasks, then count their
// runs, once the page shows.
func addTasks(page *sdk.Page, ref sdk.EntityRef) {
	if _, local := ref.LocalFile(); local {
		return
	}
	page.Tabs = append(page.Tabs, sdk.Tab{ID: "tasks", Title: "Tasks", Children: []sdk.Component{
		&sdk.Text{Markdown: "A task says what to predict on this dataset and how models are evaluated; runs are made on tasks. Click a task to open its page, with its runs and their evaluations."},
		&sdk.Container{Direction: sdk.RowDirection, Children: []sdk.Component{
			&sdk.Button{ID: TasksReloadButton, Label: "Reload the tasks"},
		}},
		&sdk.Slot{ID: TasksSlot, Children: []sdk.Component{
			&sdk.Text{Markdown: "Loading the tasks…"},
			// Named by TaskRunsCallback's output, so there from the start.
			&sdk.Slot{ID: TaskRunsSlot},
		}},
	}})
	page.Callbacks = append(page.Callbacks, sdk.Callback{
		ID:      TasksCallback,
		Inputs:  []sdk.PropRef{sdk.Input(TasksReloadButton, sdk.PropNClicks)},
		Outputs: []sdk.PropRef{sdk.Output(TasksSlot, sdk.PropChildren)},
	}, sdk.Callback{
		// Fired by the task list, which it reads back from TasksSlot.
		ID:                 TaskRunsCallback,
		Inputs:             []sdk.PropRef{sdk.Input(TasksSlot, sdk.PropChildren)},
		Outputs:            []sdk.PropRef{sdk.Output(TaskRunsSlot, sdk.PropChildren)},
		PreventInitialCall: true,
	})
}

// tasks lists the tasks defined on the dataset: the table, with the run
// counts left for TaskRunsCallback, inside TaskRunsSlot.
func (p *plugin) tasks(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	fill := func(cs ...sdk.Component) (*sdk.Patch, error) { return sdk.NewPatch().Fill(TasksSlot, cs...), nil }
	if _, local := req.Ref.LocalFile(); local {
		return fill(&sdk.Notice{Level: sdk.Info, Summary: "A local file has no tasks", Detail: "Tasks are defined on datasets uploaded to OpenML."})
	}
	listed, err := listTasks(ctx, req.Host, req.Ref, p.limits)
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		return fill(&sdk.Notice{
			Level:   sdk.Warning,
			Summary: "The tasks of this dataset could not be loaded",
			Detail:  err.Error() + ". Click “Reload the tasks” to try again.",
		})
	}
	if len(listed.tasks) == 0 {
		return fill(&sdk.Notice{
			Level:   sdk.Info,
			Summary: "No tasks are defined on this dataset",
			Detail:  fmt.Sprintf("OpenML lists no task on dataset %d, of any status, so it has no runs either: runs are made on tasks.", req.Ref.ID),
		})
	}
	procs, procErr := procedureNames(ctx, req.Host, req.Ref.Server, listed.tasks)
	if procErr != nil {
		if ctx.Err() != nil {
			return nil, procErr
		}
		req.Host.Log(ctx, sdk.LogWarn, fmt.Sprintf("dataset %d: OpenML's estimation procedures could not be read, so they are shown by id: %v", req.Ref.ID, procErr))
	}
	out := []sdk.Component{&sdk.Text{Markdown: tasksIntro(listed, procErr != nil)}}
	switch {
	case listed.err != nil:
		out = append(out, &sdk.Notice{
			Level:   sdk.Warning,
			Summary: fmt.Sprintf("Only the first %s tasks could be loaded", show.Count(len(listed.tasks))),
			Detail:  listed.err.Error() + ". Click “Reload the tasks” to try again.",
		})
	case listed.more:
		out = append(out, &sdk.Notice{
			Level:   sdk.Info,
			Summary: fmt.Sprintf("Only the first %s tasks are listed", show.Count(len(listed.tasks))),
			Detail:  "This dataset has more tasks than the tab lists. Open the dataset's page on the OpenML website for all of them.",
		})
	}
	table := tasksTable(req.Ref.Server, listed.tasks, procs)
	out = append(out, &sdk.Slot{ID: TaskRunsSlot, Children: []sdk.Component{
		&sdk.Text{Markdown: countingText(len(listed.tasks))},
		table,
	}})
	return fill(out...)
}

// countingText stands in for the run counts until TaskRunsCallback has
// them.
func countingText(n int) string {
	if n == 1 {
		return "Counting the runs of this task…"
	}
	return fmt.Sprintf("Counting the runs of these %s tasks…", show.Count(n))
}

// taskListing is what listTasks read.
type taskListing struct {
	tasks []openml.TaskSummary // by id
	more  bool                 // the listing was cut at the limit
	err   error                // why a page after the first could not be read
}

// listTasks reads the tasks of dataset ref, of every status, page by
// page. An error means the first page could not be read.
func listTasks(ctx context.Context, host sdk.Host, ref sdk.EntityRef, l taskLimits) (*taskListing, error) {
	out := &taskListing{}
	label := fmt.Sprintf("Loading the tasks of dataset %d", ref.ID)
	pages := (l.maxTasks + l.taskPage - 1) / l.taskPage
	defer host.Progress(ctx, label, int64(pages), int64(pages))
	seen := map[int64]bool{}
	for offset := 0; offset < l.maxTasks; offset += l.taskPage {
		host.Progress(ctx, label, int64(offset/l.taskPage), int64(pages))
		limit := min(l.taskPage, l.maxTasks-offset)
		q := openml.TaskQuery{DataID: openml.Exactly(ref.ID), Status: "all", Limit: limit, Offset: offset}
		ts, err := openml.ListTasks(ctx, host, ref.Server, q)
		if err != nil {
			if offset == 0 || ctx.Err() != nil {
				return nil, err
			}
			out.err = fmt.Errorf("tasks %d to %d: %w", offset+1, offset+limit, err)
			break
		}
		for _, t := range ts {
			// The listing is filtered by the server; a task of another
			// dataset (a server ignoring the filter) is not this one's.
			if seen[t.ID] || (t.DataID != 0 && t.DataID != ref.ID) {
				continue
			}
			seen[t.ID] = true
			out.tasks = append(out.tasks, t)
		}
		if len(ts) < limit {
			break
		}
		out.more = offset+limit >= l.maxTasks
	}
	slices.SortFunc(out.tasks, func(a, b openml.TaskSummary) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// procedureNames names the estimation procedures the tasks give by id,
// from OpenML's list of procedures; nil when no task gives one by id.
func procedureNames(ctx context.Context, host sdk.Host, server string, tasks []openml.TaskSummary) (map[int64]string, error) {
	need := false
	for _, t := range tasks {
		if _, err := strconv.ParseInt(t.Input("estimation_procedure"), 10, 64); err == nil {
			need = true
			break
		}
	}
	if !need {
		return nil, nil
	}
	ps, err := openml.ListEstimationProcedures(ctx, host, server)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(ps))
	for _, p := range ps {
		if p.Name != "" {
			out[p.ID] = p.Name
		}
	}
	return out, nil
}

// tasksIntro says how many tasks there are, of which types.
func tasksIntro(l *taskListing, procsByID bool) string {
	n := len(l.tasks)
	var b strings.Builder
	lead := fmt.Sprintf("**%s tasks** are", show.Count(n))
	if n == 1 {
		lead = "**1 task** is"
	}
	if l.more || l.err != nil {
		lead = fmt.Sprintf("At least **%s tasks** are", show.Count(n))
	}
	fmt.Fprintf(&b, "%s defined on this dataset", lead)
	types := map[string]int{}
	for _, t := range l.tasks {
		types[taskType(t)]++
	}
	names := make([]string, 0, len(types))
	for name := range types {
		names = append(names, name)
	}
	slices.SortFunc(names, func(a, b string) int {
		return cmp.Or(cmp.Compare(types[b], types[a]), cmp.Compare(a, b))
	})
	if len(names) > 1 || (len(names) == 1 && n > 1) {
		parts := make([]string, len(names))
		for i, name := range names {
			label := name
			if label == "" {
				label = "of unknown type"
			}
			parts[i] = fmt.Sprintf("%s %s", show.Count(types[name]), show.Escape(label))
		}
		fmt.Fprintf(&b, ": %s", strings.Join(parts, ", "))
	}
	b.WriteString(".")
	if procsByID {
		b.WriteString(" OpenML's list of estimation procedures could not be loaded, so they are shown by id.")
	}
	return b.String()
}

// tasksTable has a row per task, linked to the task's page; the Runs
// column is filled by TaskRunsCallback.
func tasksTable(server string, tasks []openml.TaskSummary, procs map[int64]string) *sdk.Table {
	table := &sdk.Table{ID: TasksTable, Sortable: true, Filterable: true, Columns: []sdk.Column{
		{ID: taskColumn, Title: "Task", Type: sdk.CellLink},
		{ID: "type", Title: "Task type", Type: sdk.CellText},
		{ID: "target", Title: "Target", Type: sdk.CellText},
		{ID: "procedure", Title: "Estimation procedure", Type: sdk.CellText},
		{ID: "status", Title: "Status", Type: sdk.CellText},
		{ID: runsColumn, Title: "Runs", Type: sdk.CellNumber},
	}}
	text := func(s string) sdk.Cell {
		if s == "" {
			return sdk.MissingCell(sdk.CellText)
		}
		return sdk.TextCell(s)
	}
	for _, t := range tasks {
		table.Rows = append(table.Rows, sdk.Row{Cells: []sdk.Cell{
			sdk.LinkCell(strconv.FormatInt(t.ID, 10), sdk.EntityRef{Server: server, Kind: sdk.KindTask, ID: t.ID}),
			text(taskType(t)),
			text(taskTarget(t)),
			text(procedure(t, procs)),
			text(strings.ReplaceAll(t.Status, "_", " ")),
			sdk.MissingCell(sdk.CellNumber),
		}})
	}
	return table
}

// taskType names the task's type, by its id when the listing gives no
// name.
func taskType(t openml.TaskSummary) string {
	if t.Type != "" || t.TypeID == 0 {
		return t.Type
	}
	return evalview.TaskTypeName(evalview.TaskTypes, t.TypeID)
}

// taskTarget is the feature the task predicts: target_feature, or, for
// task types with several (survival analysis: target_feature_left, …),
// all of them.
func taskTarget(t openml.TaskSummary) string {
	if v := t.Input("target_feature"); v != "" {
		return v
	}
	var vs []string
	for _, in := range t.Inputs {
		if strings.HasPrefix(in.Name, "target_feature") && in.Value != "" {
			vs = append(vs, in.Value)
		}
	}
	return strings.Join(vs, ", ")
}

// procedure names the task's estimation procedure. The listing gives its
// id, which procs names; an id procs does not know stays an id.
func procedure(t openml.TaskSummary, procs map[int64]string) string {
	v := t.Input("estimation_procedure")
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return v // a name already, or none
	}
	if name, ok := procs[id]; ok {
		return name
	}
	return "procedure " + v
}

// taskRuns counts the runs of the tasks in the table TasksCallback put in
// TasksSlot, and shows the table again with the counts.
func (p *plugin) taskRuns(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	table := findTasksTable(req.Value(sdk.Input(TasksSlot, sdk.PropChildren)).Children())
	if table == nil {
		return sdk.PreventUpdate(), nil // no tasks listed: TasksSlot says why
	}
	ids := tableTaskIDs(table)
	fill := func(cs ...sdk.Component) (*sdk.Patch, error) { return sdk.NewPatch().Fill(TaskRunsSlot, cs...), nil }
	counted, err := countRuns(ctx, req.Host, req.Ref.Server, ids, p.limits)
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		return fill(&sdk.Notice{
			Level:   sdk.Warning,
			Summary: "The runs of these tasks could not be counted",
			Detail:  err.Error() + ". Click “Reload the tasks” to try again; each task's page lists its runs too.",
		}, table)
	}
	return fill(runsView(table, ids, counted, p.limits)...)
}

// findTasksTable is TasksTable among cs, or nil.
func findTasksTable(cs []sdk.Component) *sdk.Table {
	var out *sdk.Table
	sdk.Walk(cs, func(c sdk.Component) bool {
		if t, ok := c.(*sdk.Table); ok && t.ID == TasksTable && out == nil {
			out = t
		}
		return out == nil
	})
	return out
}

func columnIndex(t *sdk.Table, id string) int {
	return slices.IndexFunc(t.Columns, func(c sdk.Column) bool { return c.ID == id })
}

// tableTaskIDs are the ids of the tasks the table's rows link to, in row
// order.
func tableTaskIDs(t *sdk.Table) []int64 {
	col := columnIndex(t, taskColumn)
	ids := make([]int64, 0, len(t.Rows))
	for _, r := range t.Rows {
		if col >= 0 && col < len(r.Cells) && r.Cells[col].Link.ID > 0 {
			ids = append(ids, r.Cells[col].Link.ID)
		}
	}
	return ids
}

// countState is how far a task's runs were counted.
type countState uint8

const (
	notCounted countState = iota // the listing stopped before its tasks
	atLeast                      // some runs loaded, more may follow
	exact                        // every run loaded
)

// runCounts is what countRuns read.
type runCounts struct {
	runs   map[int64]int
	state  map[int64]countState
	loaded int   // runs loaded, of every task
	capped bool  // counting stopped at the limit
	err    error // why a page after the first could not be read
}

// countRuns counts the runs of each task from the run listing filtered by
// the tasks, a few tasks at a time (their ids make the listing's path),
// page by page, until the limit of runs loaded. An error means the first
// page could not be read.
func countRuns(ctx context.Context, host sdk.Host, server string, ids []int64, l taskLimits) (*runCounts, error) {
	rc := &runCounts{runs: map[int64]int{}, state: map[int64]countState{}}
	for _, id := range ids {
		rc.runs[id] = 0
		rc.state[id] = notCounted
	}
	// The runs loaded, of at most the limit: counting may end well before.
	label := "Counting the runs of " + count(len(ids), "task", "tasks")
	report := func() { host.Progress(ctx, label, int64(rc.loaded), int64(l.maxRuns)) }
	defer host.Progress(ctx, label, 1, 1)
	first := true
	for _, chunk := range idChunks(ids, l.idBytes) {
		seen := map[int64]bool{}
		for offset := 0; ; {
			if rc.loaded >= l.maxRuns {
				rc.capped = true
				return rc, nil
			}
			report()
			limit := min(l.runPage, l.maxRuns-rc.loaded)
			runs, err := openml.ListRuns(ctx, host, server, openml.RunQuery{Tasks: chunk, Limit: limit, Offset: offset})
			if err != nil {
				if first || ctx.Err() != nil {
					return nil, err
				}
				rc.err = err
				return rc, nil
			}
			first = false
			for _, id := range chunk {
				rc.state[id] = atLeast // until the listing ends
			}
			for _, r := range runs {
				if _, ours := rc.runs[r.TaskID]; ours && !seen[r.ID] {
					seen[r.ID] = true
					rc.runs[r.TaskID]++
				}
			}
			rc.loaded += len(runs)
			if len(runs) < limit {
				break
			}
			offset += limit
		}
		for _, id := range chunk {
			rc.state[id] = exact
		}
	}
	return rc, nil
}

// idChunks splits ids, sorted, into runs whose comma-separated list is at
// most maxBytes long (one id each at least).
func idChunks(ids []int64, maxBytes int) [][]int64 {
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)
	var out [][]int64
	var cur []int64
	size := 0
	for _, id := range sorted {
		n := len(strconv.FormatInt(id, 10))
		if len(cur) > 0 && size+1+n > maxBytes {
			out = append(out, cur)
			cur, size = nil, 0
		}
		if len(cur) > 0 {
			size++
		}
		cur = append(cur, id)
		size += n
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// runsView is the table with its run counts, under a line saying how many
// runs there are and notices saying which counts are lower bounds. Exact
// counts are numbers; when some are not, the Runs column says "≥ N" and a
// number column of the runs counted keeps the table sortable by count.
func runsView(table *sdk.Table, ids []int64, rc *runCounts, l taskLimits) []sdk.Component {
	allExact := true
	for _, id := range ids {
		allExact = allExact && rc.state[id] == exact
	}
	runs := columnIndex(table, runsColumn)
	if !allExact {
		table.Columns[runs] = sdk.Column{ID: runsColumn, Title: "Runs", Type: sdk.CellText}
		table.Columns = append(table.Columns, sdk.Column{ID: countedColumn, Title: "Runs counted", Type: sdk.CellNumber})
	}
	for i, id := range ids {
		if i >= len(table.Rows) {
			break
		}
		row := &table.Rows[i]
		n := rc.runs[id]
		if allExact {
			row.Cells[runs] = sdk.NumberCell(float64(n))
			continue
		}
		counted := sdk.NumberCell(float64(n))
		switch rc.state[id] {
		case exact:
			row.Cells[runs] = sdk.TextCell(strconv.Itoa(n))
		case atLeast:
			row.Cells[runs] = sdk.TextCell("≥ " + strconv.Itoa(n))
		default:
			row.Cells[runs] = sdk.TextCell("not counted")
			counted = sdk.MissingCell(sdk.CellNumber)
		}
		row.Cells = append(row.Cells, counted)
	}

	total := 0
	for _, id := range ids {
		total += rc.runs[id]
	}
	var out []sdk.Component
	if allExact {
		out = append(out, &sdk.Text{Markdown: fmt.Sprintf("**%s** on these tasks.", count(total, "run", "runs"))})
	} else {
		out = append(out, &sdk.Text{Markdown: fmt.Sprintf("At least **%s** on these tasks.", count(total, "run", "runs"))})
	}
	bounds := "A count shown as ≥ N is a lower bound: the task has at least N runs"
	if slices.ContainsFunc(ids, func(id int64) bool { return rc.state[id] == notCounted }) {
		bounds += "; the tasks marked not counted were not reached"
	}
	bounds += ". Sort by Runs counted to order the tasks by count; each task's page lists all its runs."
	switch {
	case rc.err != nil:
		out = append(out, &sdk.Notice{
			Level:   sdk.Warning,
			Summary: fmt.Sprintf("Counting stopped after %s runs: the next ones could not be loaded", show.Count(rc.loaded)),
			Detail:  rc.err.Error() + ". " + bounds + " Click “Reload the tasks” to try again.",
		})
	case rc.capped:
		out = append(out, &sdk.Notice{
			Level:   sdk.Info,
			Summary: fmt.Sprintf("Counting stopped at %s runs", show.Count(l.maxRuns)),
			Detail:  fmt.Sprintf("The tab loads at most %s runs to count them. %s", show.Count(l.maxRuns), bounds),
		})
	}
	return append(out, table)
}

// count is "1 run", "2,000 runs".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return show.Count(n) + " " + many
}
