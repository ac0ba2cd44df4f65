// Package data is the core plugin for OpenML datasets: an overview of the
// description; the feature table, computed on every row of the data when
// the data file can be read (OpenML's feature list otherwise), with the
// distributions of the selected features; random-forest feature
// importance; the most important features plotted against each other; a
// scatter plot; OpenML's dataset qualities; and the tasks defined on the
// dataset, with their run counts. Each tab's callbacks are independent, so
// a slow forest does not hold the distributions back.
package data

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/openml-dash/openml-dash/plugins/internal/show"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/datafile"
	"github.com/openml-dash/openml-dash/sdk/frame"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// Component and callback ids of the data page.
const (
	FactsTable       = "facts"           // key facts on the overview tab
	DataStatusSlot   = "data-status"     // overview: why the data file could not be read
	TargetSelect     = "target"          // the attribute plots are split by
	FeatureTableSlot = "feature-table"   // holds FeaturesTable
	FeaturesTable    = "features"        // the feature table
	SummarySlot      = "feature-summary" // filled by SummaryCallback
	FeaturesCallback = "features"        // fills FeatureTableSlot from the data
	SummaryCallback  = "summary"         // lists the selected features

	DistModeRadio = "dist-mode"     // by target or individual
	BarmodeRadio  = "dist-barmode"  // stacked or grouped bars
	DistSlot      = "distributions" // filled by DistCallback
	DistCallback  = "distributions" // charts of the selected features

	ImportanceSlot          = "importance"        // filled by ImportanceCallback
	ImportanceChart         = "importance-chart"  // the sorted bars
	ImportanceTable         = "importance-ranks"  // every ranked feature, when there are more than the bars
	ImportanceDetailSlot    = "importance-detail" // the clicked feature
	ImportanceCallback      = "importance"        // ranks the features for the target
	ImportanceClickCallback = "importance-click"  // a bar click selects its feature

	InteractionsRadio    = "interaction-kinds" // all, numeric or nominal features
	InteractionsSlot     = "interactions"      // filled by InteractionsCallback
	InteractionsCallback = "interactions"      // the top features against each other

	ScatterX        = "scatter-x"      // numeric feature across
	ScatterY        = "scatter-y"      // numeric feature up
	ScatterColour   = "scatter-colour" // nominal feature colouring the points
	ScatterSlot     = "scatter"        // filled by ScatterCallback
	ScatterCallback = "scatter"        // the scatter plot

	QualitiesTable = "qualities" // OpenML's dataset qualities
)

// NoTarget is the target select's choice for "split by nothing".
const NoTarget = "(none)"

// initialSelection is how many feature rows start selected.
const initialSelection = 5

type plugin struct {
	sdk.CallbackMux
	frames      frames
	importances importances
	limits      taskLimits // of the Tasks tab's listings
}

// New returns the data plugin.
func New() sdk.Plugin {
	return newPlugin(defaultTaskLimits)
}

func newPlugin(limits taskLimits) *plugin {
	p := &plugin{frames: newFrames(), importances: newImportances(), limits: limits}
	p.HandleFunc(FeaturesCallback, p.featureTable)
	p.HandleFunc(SummaryCallback, p.summary)
	p.HandleFunc(DistCallback, p.distributions)
	p.HandleFunc(ImportanceCallback, p.importance)
	p.HandleFunc(ImportanceClickCallback, p.importanceClick)
	p.HandleFunc(InteractionsCallback, p.interactions)
	p.HandleFunc(ScatterCallback, p.scatter)
	p.HandleFunc(TasksCallback, p.tasks)
	p.HandleFunc(TaskRunsCallback, p.taskRuns)
	return p
}

func (p *plugin) Manifest() sdk.Manifest {
	return sdk.Manifest{Name: "data", Version: "0.2.0", Kinds: []sdk.Kind{sdk.KindData}, Order: sdk.OrderCore}
}

// Layout builds the page from the dataset description, which it cannot do
// without. The feature table first shows OpenML's feature list, which is
// quick; FeaturesCallback then replaces it with the table computed from
// the data. A local file has no feature list, so its data is read here.
// Why the data cannot be read is said once, on the overview
// (DataStatusSlot); the tabs that need the data refer to it.
func (p *plugin) Layout(ctx context.Context, req *sdk.LayoutRequest) (*sdk.Page, error) {
	ds, err := openml.GetDataset(ctx, req.Host, req.Ref)
	if err != nil {
		return nil, err
	}
	_, local := req.Ref.LocalFile()
	page := &sdk.Page{Title: fmt.Sprintf("%s (version %d)", ds.Name, ds.Version)}
	if local {
		page.Title = ds.Name // a file has no OpenML version
	}
	qs, qErr := fetchQualities(ctx, req.Host, req.Ref)
	var f *frame.Frame // read here only when the page cannot do without it
	// finish puts the overview first, with the dataset's numbers from
	// OpenML's qualities or, when read, from the data, and problem, if
	// any, in its DataStatusSlot.
	finish := func(target string, problem *sdk.Notice) (*sdk.Page, error) {
		var facts [][2]string
		if local {
			facts = p.fileFacts(ctx, req, ds)
		} else {
			facts = openMLFacts(req.Ref, ds)
		}
		ov := sdk.Tab{ID: "overview", Title: "Overview", Children: overview(ds, local, sizeFacts(qs, f, target), facts, problem)}
		page.Tabs = append([]sdk.Tab{ov}, page.Tabs...)
		return page, nil
	}
	features := sdk.Tab{ID: "features", Title: "Features"}
	target := defaultTarget(ds)
	var names []string
	var cols []column
	var first []sdk.Component
	var fs []openml.Feature
	listErr := errors.New("a local file has no OpenML feature list")
	if !local {
		fs, listErr = openml.GetFeatures(ctx, req.Host, req.Ref)
	}
	if listErr == nil {
		for _, f := range fs {
			names = append(names, f.Name)
		}
		cols = listColumns(fs)
		first = listTable(fs, target)
	} else {
		// No feature list: the data itself gives the features.
		var err error
		f, err = p.frames.get(ctx, req.Host, req.Ref, ds)
		if err != nil {
			problem := &sdk.Notice{Level: sdk.Error, Summary: "The file could not be read", Detail: err.Error()}
			needs := "The feature table needs the file"
			if !local {
				needs = "The feature table needs the data file or OpenML's feature list"
				problem = &sdk.Notice{
					Level:   sdk.Warning,
					Summary: "Neither the features nor the data of this dataset could be loaded",
					Detail:  fmt.Sprintf("Features: %v. Data: %v. Reopen the page to try again.", listErr, err),
				}
			}
			if local {
				// The file is the page's whole subject: said once above
				// the tabs, and render exits non-zero with it.
				page.Notice = problem
				features.Children = []sdk.Component{&sdk.Notice{Level: sdk.Info, Summary: needs + ", which could not be read: see above."}}
				page.Tabs = append(page.Tabs, features, qualitiesTab(req.Ref, qs, qErr))
				return finish(target, nil)
			}
			features.Children = []sdk.Component{seeOverview(needs)}
			page.Tabs = append(page.Tabs, features, qualitiesTab(req.Ref, qs, qErr))
			addTasks(page, req.Ref) // the tasks do not need the data
			return finish(target, problem)
		}
		names = columnNames(f)
		cols = frameColumns(f)
		if target == "" && local {
			target = lastTargetable(f)
		}
		if first, err = frameTable(ctx, f, target); err != nil {
			return nil, err
		}
	}
	features.Children = append([]sdk.Component{
		&sdk.Select{ID: TargetSelect, Label: "Target", Options: sdk.Options(append([]string{NoTarget}, names...)...), Values: []string{orNone(target)}},
		&sdk.Slot{ID: FeatureTableSlot, Children: first},
		&sdk.Slot{ID: SummarySlot},
	}, distributionControls()...)
	scatter, hasScatter := scatterControls(cols, target)
	page.Tabs = append(page.Tabs, features,
		sdk.Tab{ID: "importance", Title: "Feature importance", Children: importanceControls()},
		sdk.Tab{ID: "interactions", Title: "Feature interactions", Children: interactionControls()},
		sdk.Tab{ID: "scatter", Title: "Scatter plot", Children: scatter},
		qualitiesTab(req.Ref, qs, qErr),
	)
	page.Callbacks = append(page.Callbacks,
		sdk.Callback{
			ID:      FeaturesCallback,
			Inputs:  []sdk.PropRef{sdk.Input(TargetSelect, sdk.PropValue)},
			Outputs: []sdk.PropRef{sdk.Output(FeatureTableSlot, sdk.PropChildren), sdk.Output(DataStatusSlot, sdk.PropChildren)},
		},
		sdk.Callback{
			ID:      SummaryCallback,
			Inputs:  []sdk.PropRef{sdk.Input(FeaturesTable, sdk.PropSelectedRows)},
			State:   []sdk.PropRef{sdk.State(TargetSelect, sdk.PropValue)},
			Outputs: []sdk.PropRef{sdk.Output(SummarySlot, sdk.PropChildren)},
		},
		distributionsCallback())
	page.Callbacks = append(page.Callbacks, importanceCallbacks()...)
	page.Callbacks = append(page.Callbacks, interactionsCallback())
	if hasScatter {
		page.Callbacks = append(page.Callbacks, scatterCallback())
	}
	addTasks(page, req.Ref)
	return finish(target, nil)
}

// seeOverview is what a part that cannot be built without the data says:
// one line, since the overview says why the data could not be read.
func seeOverview(needs string) *sdk.Notice {
	return show.SeeTab(needs+", which could not be read", "Overview")
}

// defaultTarget is the dataset's first default target, "" for none.
func defaultTarget(ds *openml.Dataset) string {
	if ts := ds.Targets(); len(ts) > 0 {
		return ts[0]
	}
	return ""
}

func orNone(target string) string {
	if target == "" {
		return NoTarget
	}
	return target
}

func targetOf(req *sdk.CallbackRequest, ref sdk.PropRef) string {
	t := req.Value(ref).Str()
	if t == NoTarget {
		return ""
	}
	return t
}

// lastTargetable is the default target of a file without a description:
// its last attribute, as Weka assumes, passing over string attributes,
// which nothing can be split by.
func lastTargetable(f *frame.Frame) string {
	for i := len(f.Columns) - 1; i >= 0; i-- {
		if c := f.Columns[i]; c.Kind != frame.String {
			return c.Name
		}
	}
	return ""
}

func columnNames(f *frame.Frame) []string {
	out := make([]string, len(f.Columns))
	for i, c := range f.Columns {
		out[i] = c.Name
	}
	return out
}

// overview is the dataset's name and numbers, DataStatusSlot (holding
// problem, if any), OpenML's notes on the dataset, its description and
// facts.
func overview(ds *openml.Dataset, local bool, numbers, facts [][2]string, problem *sdk.Notice) []sdk.Component {
	out := []sdk.Component{&sdk.Heading{Text: ds.Name, Level: 1}}
	if len(numbers) > 0 {
		// The numbers lead, as on the Python page's header: a long
		// description would otherwise push them out of sight.
		parts := make([]string, len(numbers))
		for i, n := range numbers {
			parts[i] = fmt.Sprintf("**%s** %s", n[1], strings.ToLower(n[0]))
		}
		out = append(out, &sdk.Text{Markdown: strings.Join(parts, " · ")})
	}
	status := &sdk.Slot{ID: DataStatusSlot}
	if problem != nil {
		status.Children = []sdk.Component{problem}
	}
	out = append(out, status)
	if local {
		// The host's description of a file only restates its path and
		// size, which the facts give.
		return append(out, &sdk.Text{Markdown: "A local file, not on an OpenML server."}, factsTable(facts))
	}
	if ds.Status != "" && ds.Status != "active" {
		out = append(out, &sdk.Notice{
			Level:   sdk.Info,
			Summary: fmt.Sprintf("This dataset is %s", strings.ReplaceAll(ds.Status, "_", " ")),
			Detail:  "OpenML does not list it as active: it may be incomplete or withdrawn.",
		})
	}
	if ds.Error != "" {
		out = append(out, &sdk.Notice{Level: sdk.Warning, Summary: "OpenML reports a problem with this dataset", Detail: ds.Error})
	}
	if ds.Description != "" {
		out = append(out, &sdk.Text{Markdown: ds.Description})
	}
	return append(out, factsTable(facts)) // the numbers lead above, once
}

// openMLFacts are what OpenML's description says about a dataset.
func openMLFacts(ref sdk.EntityRef, ds *openml.Dataset) [][2]string {
	return [][2]string{
		{"Status", ds.Status},
		{"Format", ds.Format},
		{"Licence", ds.Licence},
		{"Upload date", show.Date(ds.UploadDate)},
		{"Default target", ds.DefaultTargetAttribute},
		{"Row id attribute", ds.RowIDAttribute},
		{"Ignored attributes", strings.Join(ds.IgnoreAttributes, ", ")},
		{"Creator", strings.Join(ds.Creators, "; ")},
		{"Contributor", strings.Join(ds.Contributors, "; ")},
		{"Collection date", show.Date(ds.CollectionDate)},
		{"Language", ds.Language},
		{"Citation", ds.Citation},
		{"Original data", ds.OriginalDataURL},
		{"Paper", ds.PaperURL},
		{"Tags", strings.Join(ds.Tags, ", ")},
		{"OpenML page", show.Website(ref)},
	}
}

// fileFacts are what is true of a local file: its name, path, size,
// format (told by its content) and when it was last modified. The
// description the host makes up for a file (status, upload date) is not
// shown: the file was never uploaded.
func (p *plugin) fileFacts(ctx context.Context, req *sdk.LayoutRequest, ds *openml.Dataset) [][2]string {
	path, err := sdk.FetchFile(ctx, req.Host, req.Ref, ds.URL)
	if err != nil {
		path, _ = req.Ref.LocalFile()
	}
	facts := [][2]string{{"File name", filepath.Base(path)}, {"Path", path}}
	st, statErr := os.Stat(path)
	if statErr == nil {
		facts = append(facts, [2]string{"Size", show.Size(st.Size())})
	}
	if format, err := datafile.Detect(path); err == nil {
		s := format.String()
		if strings.HasSuffix(strings.ToLower(path), ".gz") {
			s = "gzipped " + s
		}
		facts = append(facts, [2]string{"Format", s})
	}
	if statErr == nil {
		facts = append(facts, [2]string{"Modified", show.Time(st.ModTime())})
	}
	return facts
}

// factsTable is the overview's field-value table; empty values are left
// out.
func factsTable(facts [][2]string) *sdk.Table {
	table := &sdk.Table{ID: FactsTable, Columns: []sdk.Column{
		{ID: "field", Title: "Field", Type: sdk.CellText},
		{ID: "value", Title: "Value", Type: sdk.CellText},
	}}
	for _, f := range facts {
		if f[1] != "" {
			table.Rows = append(table.Rows, sdk.Row{Cells: []sdk.Cell{sdk.TextCell(f[0]), sdk.TextCell(f[1])}})
		}
	}
	return table
}
