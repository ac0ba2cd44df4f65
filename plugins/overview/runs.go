package overview

import (
	"context"
	"fmt"
	"strconv"

	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/plugins/internal/show"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// Component ids of the runs overview.
const (
	RunCountRadio   = "runs-count" // how many runs to load
	RunTypesChart   = "runs-types" // pie: runs by task type
	RunYearsChart   = "runs-years" // bars: runs by upload year
	RunTasksChart   = "runs-tasks" // bars: the tasks with most runs
	RunFlowsChart   = "runs-flows" // bars: the flows with most runs
	RunContentSlot  = "runs-content"
	RunTableSlot    = "runs-table"
	RunAllButton    = "runs-all"
	RunLoad         = "runs-load"
	RunClick        = "runs-click"
	unknownTaskType = "unknown task type"
)

// runCounts are the choices of RunCountRadio, as Dash offered them; the
// first is the default.
var runCounts = []int{10_000, 100_000, 500_000}

// run is what the overview keeps of a run listing's entry.
type run struct {
	id, task, flow, setup, uploader int64
	typ, uploaded                   string
}

func runsView(o Options) *view[run] {
	options := make([]sdk.Option, len(runCounts))
	for i, n := range runCounts {
		options[i] = sdk.Option{Label: fmt.Sprintf("%dK runs", n/1000), Value: strconv.Itoa(n)}
	}
	v := &view[run]{
		kind: sdk.KindRunOverview, name: "runs", noun: "runs", one: "run", opts: o,
		intro: "The runs the server lists first, as many as chosen below, as openml.org's dashboard loaded them: " +
			"more takes longer. Click a bar of the task types or years to list its runs in the table below, " +
			"and a bar of the tasks or flows to open it.",
		controls: func(context.Context, *sdk.LayoutRequest) []sdk.Component {
			return []sdk.Component{&sdk.Radio{ID: RunCountRadio, Label: "Load", Options: options, Value: options[0].Value}}
		},
		inputs: []sdk.PropRef{sdk.Input(RunCountRadio, sdk.PropValue)},
		key:    func(c []string) string { return strconv.Itoa(runCount(c)) },
		load:   loadRuns(o.PageSize),
		summary: func(l *listing[run], server string, c []string) string {
			if l.Complete {
				return fmt.Sprintf("**%s** runs on %s, all loaded.", show.Count(len(l.Items)), hostName(server))
			}
			s := fmt.Sprintf("**%s** runs loaded from %s: the first it lists (in its own order, not the newest first).", show.Count(len(l.Items)), hostName(server))
			if n := len(l.Items); n == runCount(c) && n < runCounts[len(runCounts)-1] {
				s += " Choose more above to load more."
			}
			return s
		},
		empty: func(server string, _ []string) *sdk.Notice {
			return &sdk.Notice{Level: sdk.Info, Summary: fmt.Sprintf("%s lists no runs", hostName(server)),
				Detail: "The server answered that no run matches (OpenML's \"no results\")."}
		},
		facets: []facet[run]{
			{
				id: RunTypesChart, title: "Types of runs", kind: sdk.ChartBar, horizontal: true, axis: "Task type",
				split:    func(rs []run) ([]string, []int) { return byCount(rs, func(r run) string { return r.typ }, 0, "") },
				describe: func(l string) string { return "Runs on tasks of type " + l },
			},
			{
				id: RunYearsChart, title: "Runs by upload year", kind: sdk.ChartBar, axis: "Year uploaded", missing: "without an upload date",
				split:    func(rs []run) ([]string, []int) { return byKey(rs, func(r run) string { return year(r.uploaded) }) },
				describe: func(l string) string { return "Runs uploaded in " + l },
			},
		},
		linked: func(rs []run, server string, _ []string) []sdk.Component {
			tasks, flows := map[int64]int{}, map[int64]int{}
			for _, r := range rs {
				if r.task > 0 {
					tasks[r.task]++
				}
				if r.flow > 0 {
					flows[r.flow]++
				}
			}
			return []sdk.Component{&sdk.Container{Direction: sdk.GridDirection, GridColumns: 2, Children: []sdk.Component{
				mostRuns(RunTasksChart, "tasks", "Task", sdk.KindTask, tasks, server),
				mostRuns(RunFlowsChart, "flows", "Flow", sdk.KindFlow, flows, server),
			}}}
		},
		id: func(r run) int64 { return r.id },
		columns: []sdk.Column{
			{ID: "id", Title: "ID", Type: sdk.CellLink},
			{ID: "task", Title: "Task", Type: sdk.CellLink},
			{ID: "type", Title: "Task type", Type: sdk.CellText},
			{ID: "flow", Title: "Flow", Type: sdk.CellLink},
			{ID: "setup", Title: "Setup", Type: sdk.CellNumber},
			{ID: "uploader", Title: "Uploader", Type: sdk.CellNumber},
			{ID: "uploaded", Title: "Uploaded", Type: sdk.CellText},
		},
		row: func(r run, server string) []sdk.Cell {
			link := func(kind sdk.Kind, id int64) sdk.Cell {
				if id <= 0 {
					return sdk.MissingCell(sdk.CellLink)
				}
				return idCell(server, kind, id)
			}
			return []sdk.Cell{
				idCell(server, sdk.KindRun, r.id), link(sdk.KindTask, r.task), textCell(r.typ), link(sdk.KindFlow, r.flow),
				sdk.NumberCell(float64(r.setup)), sdk.NumberCell(float64(r.uploader)), textCell(show.Date(r.uploaded)),
			}
		},
	}
	v.store.latest.N = 1 // up to 500,000 runs: one at a time
	return v
}

// runCount is the number of runs chosen.
func runCount(choice []string) int {
	if len(choice) > 0 {
		if n, err := strconv.Atoi(choice[0]); err == nil && n > 0 {
			return min(n, runCounts[len(runCounts)-1])
		}
	}
	return runCounts[0]
}

// loadRuns reads as many runs as chosen, size a page, and names their
// task types.
func loadRuns(size int) func(ctx context.Context, host sdk.Host, server string, choice []string) (*listing[run], error) {
	return func(ctx context.Context, host sdk.Host, server string, choice []string) (*listing[run], error) {
		types, terr := evalview.ListTaskTypes(ctx, host, server)
		if terr != nil {
			if ctx.Err() != nil {
				return nil, terr
			}
			host.Log(ctx, sdk.LogWarn, fmt.Sprintf("runs overview: the task types could not be read, so OpenML's usual names are used: %v", terr))
		}
		return loadPages(ctx, host, "Loading runs", min(size, openml.MaxRuns), runCount(choice), func(ctx context.Context, limit, offset int) ([]run, error) {
			rs, err := openml.ListRuns(ctx, host, server, openml.RunQuery{Limit: limit, Offset: offset})
			out := make([]run, len(rs))
			for i, r := range rs {
				typ := unknownTaskType
				if r.TaskTypeID > 0 {
					typ = evalview.TaskTypeName(types, r.TaskTypeID)
				}
				out[i] = run{id: r.ID, task: r.TaskID, flow: r.FlowID, setup: r.SetupID, uploader: r.Uploader, typ: typ, uploaded: r.UploadTime}
			}
			return out, err
		})
	}
}

// year is the year of an OpenML date, or "".
func year(date string) string {
	if t, ok := show.ParseDate(date); ok {
		return strconv.Itoa(t.Year())
	}
	return ""
}

// mostRuns draws the TopBars entities (tasks or flows) with the most
// runs, each bar opening its entity.
func mostRuns(id, noun, axis string, kind sdk.Kind, counts map[int64]int, server string) *sdk.Chart {
	top := topCounts(counts, TopBars)
	rs := make([]ranked, len(top))
	for i, e := range top {
		rs[i] = ranked{label: fmt.Sprintf("%s %d", kind, e), count: counts[e], link: evalview.Ref(server, kind, e)}
	}
	return rankedBars(id, fmt.Sprintf("The %d %s with the most runs", len(rs), noun), axis, "run", "runs", rs)
}
