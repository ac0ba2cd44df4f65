package overview

import (
	"context"
	"fmt"
	"math"
	"strconv"

	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/plugins/internal/show"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// Component ids of the tasks overview.
const (
	TaskTypeSelect      = "tasks-type"       // every task type, or one
	TaskTypesChart      = "tasks-types"      // bars: task types
	TaskProceduresChart = "tasks-procedures" // bars: estimation procedures
	TaskDatasetsChart   = "tasks-datasets"   // bars: the datasets with most tasks
	TaskContentSlot     = "tasks-content"
	TaskTableSlot       = "tasks-table"
	TaskAllButton       = "tasks-all"
	TaskLoad            = "tasks-load"
	TaskClick           = "tasks-click"
	AllTaskTypes        = "all" // TaskTypeSelect's value for every type
)

// noEstimationProcedure is the procedure of a task that names none.
const noEstimationProcedure = "none given"

// task is what the overview keeps of a task listing's entry.
type task struct {
	id                           int64
	typ, status, target          string
	procedure                    string
	dataID                       int64
	dataName                     string
	instances, features, classes float64
}

func tasksView(o Options) *view[task] {
	v := &view[task]{
		kind: sdk.KindTaskOverview, name: "tasks", noun: "tasks", one: "task", opts: o,
		intro: "Every active task the server lists, by type and estimation procedure, as openml.org's dashboard counted them. " +
			"Click a bar of the types or procedures to list its tasks in the table below, and a bar of the datasets to open it.",
		controls: taskControls,
		inputs:   []sdk.PropRef{sdk.Input(TaskTypeSelect, sdk.PropValue)},
		key:      func(c []string) string { return strconv.Itoa(taskType(c)) },
		load:     loadTasks(o.PageSize),
		summary: func(l *listing[task], server string, c []string) string {
			s := fmt.Sprintf("**%s** active tasks%s on %s", show.Count(len(l.Items)), ofType(l, c), hostName(server))
			if l.Complete {
				s += ", all loaded"
			}
			return s + "."
		},
		empty: func(server string, c []string) *sdk.Notice {
			what := "active tasks"
			if t := taskType(c); t > 0 {
				what += " of type " + evalview.TaskTypeName(evalview.TaskTypes, t)
			}
			return &sdk.Notice{Level: sdk.Info, Summary: fmt.Sprintf("%s lists no %s", hostName(server), what),
				Detail: "The server answered that no task matches (OpenML's \"no results\"). Choose another task type above."}
		},
		facets: []facet[task]{
			{
				id: TaskTypesChart, title: "Task types", kind: sdk.ChartBar, horizontal: true, axis: "Task type",
				split:    func(ts []task) ([]string, []int) { return byCount(ts, func(t task) string { return t.typ }, 0, "") },
				describe: func(l string) string { return "Tasks of type " + l },
			},
			{
				id: TaskProceduresChart, title: "Estimation procedures used across tasks", kind: sdk.ChartBar, horizontal: true,
				axis: "Estimation procedure",
				split: func(ts []task) ([]string, []int) {
					return byCount(ts, func(t task) string { return t.procedure }, 0, "")
				},
				describe: func(l string) string { return "Tasks evaluated by " + l },
			},
		},
		linked: func(ts []task, server string, _ []string) []sdk.Component {
			return []sdk.Component{tasksByDataset(ts, server)}
		},
		id: func(t task) int64 { return t.id },
		columns: []sdk.Column{
			{ID: "id", Title: "ID", Type: sdk.CellLink},
			{ID: "type", Title: "Task type", Type: sdk.CellText},
			{ID: "dataset", Title: "Dataset", Type: sdk.CellLink},
			{ID: "target", Title: "Target", Type: sdk.CellText},
			{ID: "procedure", Title: "Estimation procedure", Type: sdk.CellText},
			{ID: "instances", Title: "Instances", Type: sdk.CellNumber},
			{ID: "features", Title: "Features", Type: sdk.CellNumber},
			{ID: "classes", Title: "Classes", Type: sdk.CellNumber},
			{ID: "status", Title: "Status", Type: sdk.CellText},
		},
		row: func(t task, server string) []sdk.Cell {
			data := sdk.MissingCell(sdk.CellLink)
			if t.dataID > 0 {
				data = sdk.LinkCell(fmt.Sprintf("%s (%d)", t.dataName, t.dataID), evalview.Ref(server, sdk.KindData, t.dataID))
			}
			return []sdk.Cell{
				idCell(server, sdk.KindTask, t.id), textCell(t.typ), data, textCell(t.target), textCell(t.procedure),
				numberCell(t.instances), numberCell(t.features), numberCell(t.classes), textCell(t.status),
			}
		},
	}
	v.store.latest.N = 3 // every type, and two types on their own
	return v
}

// taskControls offers every task type the server knows, or OpenML's own
// list when it cannot be asked.
func taskControls(ctx context.Context, req *sdk.LayoutRequest) []sdk.Component {
	types, err := evalview.ListTaskTypes(ctx, req.Host, req.Ref.Server)
	if err != nil && req.Host != nil {
		req.Host.Log(ctx, sdk.LogWarn, fmt.Sprintf("tasks overview: the task types could not be read, so OpenML's usual ones are offered: %v", err))
	}
	options := []sdk.Option{{Label: "All task types", Value: AllTaskTypes}}
	for _, t := range types {
		options = append(options, sdk.Option{Label: t.Name, Value: strconv.Itoa(t.ID)})
	}
	return []sdk.Component{&sdk.Select{ID: TaskTypeSelect, Label: "Task type", Options: options, Values: []string{AllTaskTypes}}}
}

// taskType is the type chosen, 0 for every type.
func taskType(choice []string) int {
	if len(choice) == 0 {
		return 0
	}
	id, err := strconv.Atoi(choice[0])
	if err != nil || id < 0 {
		return 0
	}
	return id
}

// ofType says " of type <name>" when one type is chosen.
func ofType(l *listing[task], choice []string) string {
	id := taskType(choice)
	if id == 0 {
		return ""
	}
	if len(l.Items) > 0 && l.Items[0].typ != "" {
		return " of type " + show.Escape(l.Items[0].typ)
	}
	return " of type " + evalview.TaskTypeName(evalview.TaskTypes, id)
}

// loadTasks reads the task listing of the type chosen, size entries a
// page, and names each task's estimation procedure.
func loadTasks(size int) func(ctx context.Context, host sdk.Host, server string, choice []string) (*listing[task], error) {
	return func(ctx context.Context, host sdk.Host, server string, choice []string) (*listing[task], error) {
		procedures, perr := openml.ListEstimationProcedures(ctx, host, server)
		if perr != nil && ctx.Err() != nil {
			return nil, perr
		}
		names := map[string]string{}
		for _, p := range procedures {
			names[strconv.FormatInt(p.ID, 10)] = p.Name
		}
		q := openml.TaskQuery{Type: taskType(choice)}
		unnamed := 0
		l, err := loadPages(ctx, host, "Loading tasks", size, 0, func(ctx context.Context, limit, offset int) ([]task, error) {
			q.Limit, q.Offset = limit, offset
			ts, err := openml.ListTasks(ctx, host, server, q)
			out := make([]task, len(ts))
			for i, t := range ts {
				out[i] = newTask(t, names)
				if id := t.Input("estimation_procedure"); id != "" && names[id] == "" {
					unnamed++
				}
			}
			return out, err
		})
		if err != nil {
			return nil, err
		}
		if perr != nil && unnamed > 0 {
			l.Notes = append(l.Notes, &sdk.Notice{Level: sdk.Info,
				Summary: "The estimation procedures are shown by id",
				Detail:  fmt.Sprintf("Their names could not be loaded: %v.", perr)})
		}
		return l, nil
	}
}

func newTask(t openml.TaskSummary, procedures map[string]string) task {
	q := func(name string) float64 {
		if v, ok := t.Qualities.Value(name); ok {
			return v
		}
		return math.NaN()
	}
	typ := t.Type
	if typ == "" && t.TypeID > 0 {
		typ = evalview.TaskTypeName(evalview.TaskTypes, t.TypeID)
	}
	procedure := noEstimationProcedure
	if id := t.Input("estimation_procedure"); id != "" {
		procedure = procedures[id]
		if procedure == "" {
			procedure = "estimation procedure " + id
		}
	}
	return task{
		id: t.ID, typ: typ, status: t.Status, target: t.Input("target_feature"), procedure: procedure,
		dataID: t.DataID, dataName: t.DataName,
		instances: q("NumberOfInstances"), features: q("NumberOfFeatures"), classes: q("NumberOfClasses"),
	}
}

// tasksByDataset draws the TopBars datasets with the most tasks, each
// bar opening its dataset.
func tasksByDataset(ts []task, server string) *sdk.Chart {
	counts := map[int64]int{}
	names := map[int64]string{}
	for _, t := range ts {
		if t.dataID > 0 {
			counts[t.dataID]++
			names[t.dataID] = t.dataName
		}
	}
	top := topCounts(counts, TopBars)
	labels := evalview.Unique(names, func(id int64) string { return fmt.Sprintf("dataset %d", id) })
	rs := make([]ranked, len(top))
	for i, id := range top {
		rs[i] = ranked{label: labelOr(labels[id], "dataset", id), count: counts[id], link: evalview.Ref(server, sdk.KindData, id)}
	}
	return rankedBars(TaskDatasetsChart, fmt.Sprintf("The %d datasets with the most tasks", len(rs)), "Dataset", "task", "tasks", rs)
}

// labelOr is label, or "<what> <id>" when label is empty.
func labelOr(label, what string, id int64) string {
	if label != "" {
		return label
	}
	return fmt.Sprintf("%s %d", what, id)
}
