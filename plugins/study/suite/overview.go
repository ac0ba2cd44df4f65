package suite

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/plugins/internal/show"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// The qualities the task table shows, with their column titles.
var taskQualities = []struct{ name, title string }{
	{"NumberOfInstances", "Instances"},
	{"NumberOfFeatures", "Features"},
	{"NumberOfClasses", "Classes"},
	{"NumberOfMissingValues", "Missing values"},
}

// overviewTab shows the suite's description and fields and its tasks.
func overviewTab(ctx context.Context, req *sdk.LayoutRequest, s *openml.Study, title string, tasks []taskInfo, datasets []dataInfo) []sdk.Component {
	out := []sdk.Component{&sdk.Heading{Text: title, Level: 1}}
	if n := failedTasksNotice(tasks); n != nil {
		out = append(out, n)
	}
	if d := strings.TrimSpace(s.Description); d != "" {
		out = append(out, &sdk.Text{Markdown: d})
	}
	out = append(out, fieldsTable(ctx, req, s, tasks, datasets), &sdk.Heading{Text: "Tasks", Level: 2})
	if len(tasks) == 0 {
		return append(out, &sdk.Notice{
			Level:   sdk.Info,
			Summary: "This suite lists no tasks",
			Detail:  "A benchmark suite is a list of tasks; this one is empty, so there are no runs to compare either.",
		})
	}
	names := procedureNames(ctx, req.Host, req.Ref.Server)
	return append(out, tasksTable(req.Ref.Server, tasks, datasets, names))
}

// failedTasksNotice says how many tasks could not be loaded and why, or
// is nil when all could.
func failedTasksNotice(tasks []taskInfo) *sdk.Notice {
	var order []string
	byReason := map[string][]string{}
	failed := 0
	for _, t := range tasks {
		if t.Err == nil {
			continue
		}
		failed++
		r := reason(t.Err)
		if _, ok := byReason[r]; !ok {
			order = append(order, r)
		}
		byReason[r] = append(byReason[r], strconv.FormatInt(t.ID, 10))
	}
	if failed == 0 {
		return nil
	}
	const shown = 5
	var lines []string
	for i, r := range order {
		if i == shown {
			lines = append(lines, fmt.Sprintf("…and %d other reasons.", len(order)-shown))
			break
		}
		ids := byReason[r]
		what := "Task " + ids[0]
		if len(ids) > 1 {
			what = "Tasks " + strings.Join(ids, ", ")
		}
		lines = append(lines, what+": "+r+".")
	}
	return &sdk.Notice{
		Level:   sdk.Warning,
		Summary: fmt.Sprintf("%d of %d tasks could not be loaded", failed, len(tasks)),
		Detail:  "They are listed below with the reason, and have no dataset on the Datasets tab. " + strings.Join(lines, " "),
	}
}

// fieldsTable lists the suite's fields.
func fieldsTable(ctx context.Context, req *sdk.LayoutRequest, s *openml.Study, tasks []taskInfo, datasets []dataInfo) *sdk.Table {
	table := &sdk.Table{ID: FieldsTable, Columns: []sdk.Column{
		{ID: "field", Title: "Field", Type: sdk.CellText},
		{ID: "value", Title: "Value", Type: sdk.CellText},
	}}
	add := func(field, value string) {
		if value != "" {
			table.Rows = append(table.Rows, sdk.Row{Cells: []sdk.Cell{sdk.TextCell(field), sdk.TextCell(value)}})
		}
	}
	add("ID", strconv.FormatInt(s.ID, 10))
	add("Alias", s.Alias)
	add("Status", s.Status)
	add("Visibility", s.Visibility)
	add("Created", show.Date(s.CreationDate))
	if s.Creator > 0 {
		names, err := evalview.UserNames(ctx, req.Host, req.Ref.Server, []int64{s.Creator})
		if err != nil && ctx.Err() == nil {
			req.Host.Log(ctx, sdk.LogWarn, fmt.Sprintf("suite %d: the creator's name: %v", s.ID, err))
		}
		add("Creator", evalview.UserLabel(names, s.Creator))
	}
	failed := 0
	for _, t := range tasks {
		if t.Err != nil {
			failed++
		}
	}
	count := strconv.Itoa(len(tasks))
	if failed > 0 {
		count += fmt.Sprintf(" (%d could not be loaded)", failed)
	}
	add("Number of tasks", count)
	add("Number of datasets", strconv.Itoa(len(datasets)))
	if strings.HasPrefix(req.Ref.Server, "https://") || strings.HasPrefix(req.Ref.Server, "http://") {
		add("OpenML page", req.Ref.URL())
	}
	return table
}

// tasksTable lists every task, with its dataset's size; a task that could
// not be loaded keeps its row, with the reason.
func tasksTable(server string, tasks []taskInfo, datasets []dataInfo, procedures map[int64]string) *sdk.Table {
	table := &sdk.Table{
		ID: TasksTable,
		Columns: []sdk.Column{
			{ID: "task", Title: "Task", Type: sdk.CellLink},
			{ID: "type", Title: "Task type", Type: sdk.CellText},
			{ID: "dataset", Title: "Dataset", Type: sdk.CellLink},
			{ID: "target", Title: "Target", Type: sdk.CellText},
			{ID: "estimation", Title: "Estimation procedure", Type: sdk.CellText},
		},
		Sortable:   true,
		Filterable: true,
	}
	for _, q := range taskQualities {
		table.Columns = append(table.Columns, sdk.Column{ID: q.name, Title: q.title, Type: sdk.CellNumber})
	}
	byID := map[int64]dataInfo{}
	for _, d := range datasets {
		byID[d.ID] = d
	}
	for _, t := range tasks {
		cells := []sdk.Cell{sdk.LinkCell(strconv.FormatInt(t.ID, 10), evalview.Ref(server, sdk.KindTask, t.ID))}
		if t.Err != nil {
			cells = append(cells, sdk.TextCell("could not be loaded: "+reason(t.Err)).Styled(3))
			for len(cells) < len(table.Columns) {
				cells = append(cells, sdk.MissingCell(table.Columns[len(cells)].Type))
			}
			table.Rows = append(table.Rows, sdk.Row{Cells: cells})
			continue
		}
		cells = append(cells, sdk.TextCell(t.Task.Type))
		var d dataInfo
		if id := t.dataID(); id != 0 {
			d = byID[id]
			d.ID = id
			cells = append(cells, sdk.LinkCell(d.label(), evalview.Ref(server, sdk.KindData, id)))
		} else {
			cells = append(cells, sdk.MissingCell(sdk.CellLink))
		}
		target := ""
		if ds := t.Task.DataSet(); ds != nil {
			target = strings.Join(ds.TargetFeatures, ", ")
		}
		cells = append(cells, sdk.TextCell(target), sdk.TextCell(procedureLabel(t.Task.Estimation(), procedures)))
		for _, q := range taskQualities {
			if v, ok := d.Qualities[q.name]; ok {
				cells = append(cells, sdk.NumberCell(v))
			} else {
				cells = append(cells, sdk.MissingCell(sdk.CellNumber))
			}
		}
		table.Rows = append(table.Rows, sdk.Row{Cells: cells})
	}
	return table
}

// procedureNames are the server's estimation procedures' names by id, or
// nil when the list cannot be read (procedureLabel then describes each).
func procedureNames(ctx context.Context, host sdk.Host, server string) map[int64]string {
	eps, err := openml.ListEstimationProcedures(ctx, host, server)
	if err != nil {
		if ctx.Err() == nil {
			host.Log(ctx, sdk.LogDebug, fmt.Sprintf("suite: estimation procedures are described from the tasks: %v", err))
		}
		return nil
	}
	out := make(map[int64]string, len(eps))
	for _, e := range eps {
		out[e.ID] = e.Name
	}
	return out
}

// procedureLabel names a task's estimation procedure: the server's name
// for it ("10-fold Crossvalidation"), else its type and parameters.
func procedureLabel(e *openml.EstimationProcedure, names map[int64]string) string {
	if e == nil {
		return ""
	}
	if n := names[e.ID]; n != "" {
		return n
	}
	switch {
	case e.Folds > 0 && e.Repeats > 1:
		return fmt.Sprintf("%d times %d-fold %s", e.Repeats, e.Folds, e.Type)
	case e.Folds > 0:
		return fmt.Sprintf("%d-fold %s", e.Folds, e.Type)
	case e.Percentage > 0:
		return fmt.Sprintf("%s, %s%% test", e.Type, strconv.FormatFloat(e.Percentage, 'f', -1, 64))
	}
	return e.Type
}
