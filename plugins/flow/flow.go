// Package flow is the core plugin for OpenML flows: the flow's
// description, its hyperparameters and its components, and how its runs
// did on the tasks of each type, coloured by a hyperparameter.
package flow

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/plugins/internal/show"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// Component and callback ids of the flow page.
const (
	DescriptionTable = "description"
	ParametersTable  = "parameters"
	ComponentsTable  = "components"
	MetricSelect     = "metric"     // the measure runs are shown by
	TaskTypeSelect   = "task-type"  // the type of the tasks whose runs show
	ParameterSelect  = "parameter"  // the hyperparameter that colours the runs
	RunsSlot         = "runs"       // the chart and its datasets
	RunsChart        = "runs-chart" // one point per run, by dataset
	DatasetsTable    = "datasets"   // the datasets of the chart, linked
	RunsCallback     = "runs"       // fills RunsSlot
)

// NoParameter is ParameterSelect's choice for "colour by nothing".
const NoParameter = "none"

// Defaults of the selectors.
const (
	DefaultMeasure  = "predictive_accuracy"
	DefaultTaskType = 1 // Supervised Classification
)

// setupSample is how many of the flow's setups name the hyperparameters
// offered: the setups of one flow set the same ones.
const setupSample = 100

type plugin struct {
	sdk.CallbackMux
	tasks taskCache
}

// New returns the flow plugin.
func New() sdk.Plugin {
	p := &plugin{tasks: taskCache{ttl: 10 * time.Minute, now: time.Now}}
	p.HandleFunc(RunsCallback, p.runs)
	return p
}

func (p *plugin) Manifest() sdk.Manifest {
	return sdk.Manifest{Name: "flow", Version: "0.2.0", Kinds: []sdk.Kind{sdk.KindFlow}, Order: sdk.OrderCore}
}

// Layout needs the flow answer (components come nested in it); the
// measures, task types and setups only fill the selectors, so each falls
// back on something when it cannot be read.
func (p *plugin) Layout(ctx context.Context, req *sdk.LayoutRequest) (*sdk.Page, error) {
	f, err := openml.GetFlow(ctx, req.Host, req.Ref)
	if err != nil {
		return nil, err
	}
	children := []sdk.Component{&sdk.Heading{Text: f.Name, Level: 1}}
	if d := strings.TrimSpace(f.Description); d != "" {
		children = append(children, &sdk.Text{Markdown: d})
	}
	children = append(children, descriptionTable(req.Ref, f), &sdk.Heading{Text: "Parameters", Level: 2})
	if params := parametersTable(f); len(params.Rows) == 0 {
		children = append(children, &sdk.Text{Markdown: "This flow declares no parameters."})
	} else {
		children = append(children, params)
	}
	children = append(children, &sdk.Heading{Text: "Components", Level: 2})
	if len(f.Components) == 0 {
		children = append(children, &sdk.Text{Markdown: "This flow has no components."})
	} else {
		children = append(children, componentsTable(req.Ref, f))
	}

	server := req.Ref.Server
	measures, err := evalview.MeasureOptions(ctx, req.Host, server, DefaultMeasure)
	if err != nil {
		req.Host.Log(ctx, sdk.LogWarn, fmt.Sprintf("flow %d: OpenML's list of measures could not be read, so the built-in one is offered: %v", f.ID, err))
	}
	types, err := evalview.ListTaskTypes(ctx, req.Host, server)
	if err != nil {
		req.Host.Log(ctx, sdk.LogWarn, fmt.Sprintf("flow %d: OpenML's task types could not be read, so the built-in ones are offered: %v", f.ID, err))
	}
	typeOptions := make([]sdk.Option, len(types))
	for i, t := range types {
		typeOptions[i] = sdk.Option{Label: t.Name, Value: strconv.Itoa(t.ID)}
	}
	var runs []sdk.Component
	params, err := parameterOptions(ctx, req.Host, server, f.ID)
	noParams := err != nil // nothing to colour by: the select is greyed out
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		runs = append(runs, &sdk.Notice{
			Level:   sdk.Warning,
			Summary: "The flow's hyperparameter settings could not be loaded",
			Detail:  err.Error() + ". The runs cannot be coloured by a hyperparameter; reopen the page to try again.",
		})
	}
	runs = append(runs,
		&sdk.Container{Direction: sdk.RowDirection, Children: []sdk.Component{
			&sdk.Select{ID: MetricSelect, Label: "Measure", Options: measures, Values: []string{DefaultMeasure}},
			&sdk.Select{ID: TaskTypeSelect, Label: "Task type", Options: typeOptions, Values: []string{strconv.Itoa(DefaultTaskType)}},
			&sdk.Select{ID: ParameterSelect, Label: "Colour by hyperparameter", Options: params, Values: []string{NoParameter}, Disabled: noParams},
		}},
		&sdk.Slot{ID: RunsSlot, Children: []sdk.Component{&sdk.Text{Markdown: "Loading the runs…"}}},
	)
	return &sdk.Page{
		Title: f.Name,
		Tabs: []sdk.Tab{
			{ID: "overview", Title: "Overview", Children: children},
			{ID: "runs", Title: "Runs", Children: runs},
		},
		Callbacks: []sdk.Callback{{
			ID: RunsCallback,
			Inputs: []sdk.PropRef{
				sdk.Input(MetricSelect, sdk.PropValue),
				sdk.Input(TaskTypeSelect, sdk.PropValue),
				sdk.Input(ParameterSelect, sdk.PropValue),
			},
			Outputs: []sdk.PropRef{sdk.Output(RunsSlot, sdk.PropChildren)},
		}},
	}, nil
}

// parameterOptions are the hyperparameters the flow's setups set, by
// full name (a component's parameter carries its flow in it), after
// NoParameter. A name two components share is told apart by component.
func parameterOptions(ctx context.Context, host sdk.Host, server string, flowID int64) ([]sdk.Option, error) {
	none := []sdk.Option{{Label: NoParameter, Value: NoParameter}}
	setups, err := openml.ListSetups(ctx, host, server, openml.SetupQuery{Flows: []int64{flowID}, Limit: setupSample})
	if err != nil {
		return none, err
	}
	type param struct{ full, name, flow string }
	var ps []param
	seen := map[string]bool{}
	names := map[string]int{}
	for _, s := range setups {
		for _, sp := range s.Parameters {
			if sp.FullName == "" || seen[sp.FullName] {
				continue
			}
			seen[sp.FullName] = true
			ps = append(ps, param{sp.FullName, cmpOr(sp.Name, sp.FullName), sp.FlowName})
			names[cmpOr(sp.Name, sp.FullName)]++
		}
	}
	opts := make([]sdk.Option, 0, len(ps))
	for _, p := range ps {
		label := p.name
		if names[p.name] > 1 {
			label = fmt.Sprintf("%s (%s)", p.name, evalview.ShortFlowName(p.flow))
		}
		opts = append(opts, sdk.Option{Label: label, Value: p.full})
	}
	slices.SortStableFunc(opts, func(a, b sdk.Option) int { return strings.Compare(strings.ToLower(a.Label), strings.ToLower(b.Label)) })
	return append(none, opts...), nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func descriptionTable(ref sdk.EntityRef, f *openml.Flow) *sdk.Table {
	uploader := ""
	if f.Uploader != 0 {
		uploader = fmt.Sprintf("user %d", f.Uploader)
	}
	refs := make([]string, 0, len(f.References))
	for _, r := range f.References {
		refs = append(refs, strings.TrimSpace(r.Citation+" "+r.URL))
	}
	rows := [][2]string{
		{"Name", f.Name},
		{"Custom name", f.CustomName},
		{"Class name", f.ClassName},
		{"Version", f.Version},
		{"External version", f.ExternalVersion},
		{"Uploader", uploader},
		{"Upload date", show.Date(f.UploadDate)},
		{"Language", f.Language},
		{"Licence", f.Licence},
		{"Dependencies", f.Dependencies},
		{"Full description", f.FullDescription},
		{"Creator", strings.Join(f.Creators, "; ")},
		{"Contributor", strings.Join(f.Contributors, "; ")},
		{"Installation notes", f.InstallationNotes},
		{"Implements", f.Implements},
		{"References", strings.Join(refs, "; ")},
		{"Source", f.SourceURL},
		{"Binary", f.BinaryURL},
		{"Tags", strings.Join(f.Tags, ", ")},
		{"OpenML page", show.Website(ref)},
	}
	table := &sdk.Table{ID: DescriptionTable, Columns: []sdk.Column{
		{ID: "field", Title: "Field", Type: sdk.CellText},
		{ID: "value", Title: "Value", Type: sdk.CellText},
	}}
	for _, r := range rows {
		if r[1] != "" {
			table.Rows = append(table.Rows, sdk.Row{Cells: []sdk.Cell{sdk.TextCell(r[0]), sdk.TextCell(r[1])}})
		}
	}
	return table
}

// parametersTable lists the flow's hyperparameters with their defaults,
// then those of its components, named by component path.
func parametersTable(f *openml.Flow) *sdk.Table {
	table := &sdk.Table{
		ID: ParametersTable,
		Columns: []sdk.Column{
			{ID: "name", Title: "Name", Type: sdk.CellText},
			{ID: "type", Title: "Type", Type: sdk.CellText},
			{ID: "default", Title: "Default", Type: sdk.CellText},
			{ID: "description", Title: "Description", Type: sdk.CellText},
			{ID: "component", Title: "Component", Type: sdk.CellText},
		},
		Sortable:   true,
		Filterable: true,
	}
	add := func(component string, ps []openml.FlowParameter) {
		for _, p := range ps {
			table.Rows = append(table.Rows, sdk.Row{Cells: []sdk.Cell{
				sdk.TextCell(p.Name), show.Optional(p.DataType), show.Optional(p.DefaultValue), show.Optional(p.Description), show.Optional(component),
			}})
		}
	}
	add("", f.Parameters)
	f.Walk(func(path string, c openml.Component) {
		if c.Flow != nil {
			add(path, c.Flow.Parameters)
		}
	})
	return table
}

// componentsTable draws the components as a tree, depth first, each
// linked to its own flow page: "└──" grows by one step a level.
func componentsTable(ref sdk.EntityRef, f *openml.Flow) *sdk.Table {
	table := &sdk.Table{
		ID: ComponentsTable,
		Columns: []sdk.Column{
			{ID: "component", Title: "Component", Type: sdk.CellText},
			{ID: "flow", Title: "Flow", Type: sdk.CellLink},
			{ID: "version", Title: "Version", Type: sdk.CellText},
			{ID: "path", Title: "Path", Type: sdk.CellText},
		},
		Filterable: true,
	}
	f.Walk(func(path string, c openml.Component) {
		depth := strings.Count(path, "/")
		label := c.Identifier
		if depth > 0 {
			label = "└" + strings.Repeat("──", depth) + " " + label
		}
		link := sdk.MissingCell(sdk.CellLink)
		version := sdk.MissingCell(sdk.CellText)
		if c.Flow != nil {
			link = sdk.LinkCell(c.Flow.Name, sdk.EntityRef{Server: ref.Server, Kind: sdk.KindFlow, ID: c.Flow.ID})
			version = show.Optional(c.Flow.Version)
		}
		table.Rows = append(table.Rows, sdk.Row{Cells: []sdk.Cell{sdk.TextCell(label), link, version, sdk.TextCell(path)}})
	})
	return table
}

// taskCache keeps, for a while, which tasks are of a type: the listing of
// every task of a type is large, and each change of a selector needs it.
type taskCache struct {
	ttl time.Duration
	now func() time.Time

	mu      sync.Mutex
	entries map[taskKey]taskEntry
}

type taskKey struct {
	server string
	typ    int
}

type taskEntry struct {
	ids map[int64]bool
	at  time.Time
}

// ofType returns the ids of the server's tasks of type typ.
func (c *taskCache) ofType(ctx context.Context, host sdk.Host, server string, typ int) (map[int64]bool, error) {
	key := taskKey{server, typ}
	c.mu.Lock()
	e, ok := c.entries[key]
	c.mu.Unlock()
	if ok && c.now().Sub(e.at) < c.ttl {
		return e.ids, nil
	}
	label := fmt.Sprintf("Listing the %s tasks", evalview.TaskTypeName(evalview.TaskTypes, typ))
	host.Progress(ctx, label, 0, -1)
	tasks, err := openml.ListTasks(ctx, host, server, openml.TaskQuery{Type: typ})
	host.Progress(ctx, label, 1, 1)
	if err != nil {
		return nil, err
	}
	ids := make(map[int64]bool, len(tasks))
	for _, t := range tasks {
		ids[t.ID] = true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[taskKey]taskEntry{}
	}
	c.entries[key] = taskEntry{ids: ids, at: c.now()}
	return ids, nil
}
