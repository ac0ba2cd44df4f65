// Package suite builds the page of a benchmark suite, an OpenML study of
// tasks, for the study plugin. Its tabs:
//
//   - Overview: the suite's description and fields, and every task it
//     lists with its dataset; a task that cannot be loaded is listed with
//     the reason, never dropped.
//   - Datasets: two qualities of the suite's datasets against each other
//     and one quality's histogram, each dataset with its own qualities
//     (openml.org's Dash page read dataset 1's for all).
//   - Flows: the flows run on the suite's tasks ranked, as Demšar (2006)
//     compares classifiers over several datasets: each flow's best run on
//     each task, mean ranks over the tasks every compared flow was run on,
//     the Friedman and Iman–Davenport tests, the Nemenyi critical
//     difference drawn as a diagram, and every score in a heatmap.
//
// Component and callback ids start with "suite-": the run-study page
// shares the plugin's callbacks.
package suite

import (
	"context"
	"fmt"
	"strings"

	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// Component ids of the suite page.
const (
	FieldsTable = "suite-fields" // the suite's fields
	TasksTable  = "suite-tasks"  // every task of the suite

	XSelect      = "suite-x"            // the scatter's x quality
	XScale       = "suite-x-scale"      // "linear" or "log"
	YSelect      = "suite-y"            // the scatter's y quality
	YScale       = "suite-y-scale"      // "linear" or "log"
	ScatterSlot  = "suite-scatter-slot" // the scatter and its notes
	ScatterChart = "suite-scatter"      // one point per dataset
	HistSelect   = "suite-hist"         // the histogram's quality
	HistScale    = "suite-hist-scale"   // "linear" or "log" bins
	HistSlot     = "suite-hist-slot"    // the histogram and its notes
	HistChart    = "suite-histogram"    // datasets per bin of a quality

	MeasureSelect = "suite-measure"    // the measure flows are ranked by
	CountSelect   = "suite-flow-count" // how many flows to compare at most
	MoreButton    = "suite-more"       // loads MorePages more pages of runs
	FlowsSlot     = "suite-flows"      // everything below the controls
	RankingTable  = "suite-ranking"    // compared flows by mean rank
	FriedmanText  = "suite-friedman"   // the tests, in numbers and words
	CDText        = "suite-cd-text"    // the critical difference in words
	CDChart       = "suite-cd"         // the critical-difference diagram
	HeatmapChart  = "suite-heatmap"    // best score of each flow on each task
	LeftOutTable  = "suite-left-out"   // flows not compared, by coverage
)

// Callback ids of the suite page.
const (
	ScatterCallback   = "suite-scatter-plot"
	HistogramCallback = "suite-histogram-plot"
	FlowsCallback     = "suite-rank-flows"
	ResetCallback     = "suite-reset-pages" // a new measure starts again at InitialPages
)

// Scale choices of the quality axes.
const (
	Linear = "linear"
	Log    = "log"
)

// Register adds the page's callbacks to mux.
func Register(mux *sdk.CallbackMux) {
	mux.HandleFunc(ScatterCallback, scatter)
	mux.HandleFunc(HistogramCallback, histogram)
	mux.HandleFunc(FlowsCallback, rankFlows)
	mux.HandleFunc(ResetCallback, resetPages)
}

// Layout builds the page of suite s: it loads the suite's tasks and
// datasets (each one that fails is reported, not fatal); the flows are
// ranked by FlowsCallback once the page shows.
func Layout(ctx context.Context, req *sdk.LayoutRequest, s *openml.Study) (*sdk.Page, error) {
	server := req.Ref.Server
	tasks := loadTasks(ctx, req.Host, server, s.TaskIDs)
	datasets := loadDatasets(ctx, req.Host, server, dataIDs(s, tasks))
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	title := Title(s)
	overview := overviewTab(ctx, req, s, title, tasks, datasets)
	data, dataCallbacks := datasetsTab(datasets)
	flows, flowCallbacks := flowsTab(ctx, req, s, tasks)
	return &sdk.Page{
		Title: title,
		Tabs: []sdk.Tab{
			{ID: "suite-overview", Title: "Overview", Children: overview},
			{ID: "suite-datasets", Title: "Datasets", Children: data},
			{ID: "suite-flows", Title: "Flows", Children: flows},
		},
		Callbacks: append(dataCallbacks, flowCallbacks...),
	}, nil
}

// Title names the suite: "Benchmark suite 99: OpenML-CC18 Curated
// Classification benchmark", with the alias in brackets when the name
// does not hold it.
func Title(s *openml.Study) string {
	name := strings.TrimSpace(s.Name)
	switch alias := strings.TrimSpace(s.Alias); {
	case name == "":
		name = alias
	case alias != "" && !strings.Contains(name, alias):
		name += " (" + alias + ")"
	}
	if name == "" {
		return fmt.Sprintf("Benchmark suite %d", s.ID)
	}
	return fmt.Sprintf("Benchmark suite %d: %s", s.ID, name)
}
