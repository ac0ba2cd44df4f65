// Package compare is the plugin for runs side by side (sdk.KindRunComparison):
// what each run is and how well it did overall, its scores fold by fold
// with the differences tested (Wilcoxon signed-rank and the corrected
// resampled t-test of Nadeau and Bengio), the ROC and precision-recall
// curves of all runs in one chart, and their parameter settings diffed.
//
// Per-fold scores and curves are comparable only on the same splits, so
// they are shown only when every run is on the same task.
package compare

import (
	"context"
	"fmt"
	"strings"

	"github.com/openml-dash/openml-dash/plugins/internal/keep"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// Ids of the page's components and callbacks.
const (
	RunsTable = "runs" // one row per run: flow, uploader, main measures

	MeasureSelect   = "measure"     // the measure compared fold by fold
	ReferenceSelect = "reference"   // more than two runs: the run the others are set against
	FoldSlot        = "folds"       // filled by FoldCallback
	FoldCallback    = "folds"       // MeasureSelect, ReferenceSelect -> FoldSlot
	FoldTable       = "fold-values" // one row per fold, one column per run, then differences
	TestsTable      = "tests"       // one row per pair: the Wilcoxon and corrected t-tests
	FoldChart       = "fold-chart"  // per-fold scores, one series per run

	ClassSelect    = "class"  // multi-class tasks: the class whose curves are drawn
	CurvesSlot     = "curves" // filled by CurvesCallback
	CurvesCallback = "curves" // ClassSelect -> CurvesSlot
	ROCChart       = "roc"
	PRChart        = "precision-recall"
	AreasTable     = "areas" // per run: ROC AUC and average precision of the class

	ParametersTable    = "parameters"      // one row per parameter, one column per run
	SameChecklist      = "show-same"       // unfolds the parameters every run sets alike
	ParametersSlot     = "parameters-slot" // filled by ParametersCallback
	ParametersCallback = "parameters"      // SameChecklist -> ParametersSlot
)

// ShowSame is the value of SameChecklist's one option.
const ShowSame = "same"

type plugin struct {
	sdk.CallbackMux
	// predictions keeps the predictions files of the last comparison
	// opened, so that choosing another class does not read them again.
	predictions keep.Latest[*openml.RunPredictions]
}

// New returns the comparison plugin.
func New() sdk.Plugin {
	p := &plugin{predictions: keep.Latest[*openml.RunPredictions]{N: sdk.MaxCompared}}
	p.HandleFunc(FoldCallback, p.folds)
	p.HandleFunc(CurvesCallback, p.curves)
	p.HandleFunc(ParametersCallback, p.parameters)
	return p
}

func (p *plugin) Manifest() sdk.Manifest {
	return sdk.Manifest{Name: "compare", Version: "0.1.0", Order: sdk.OrderCore, Kinds: []sdk.Kind{sdk.KindRunComparison}}
}

// Layout loads every run, in parallel, and their tasks. A run that cannot
// be loaded is named in a notice and left out; with fewer than two runs
// left there is nothing to compare and the page says so. It fails only
// when no run can be loaded.
func (p *plugin) Layout(ctx context.Context, req *sdk.LayoutRequest) (*sdk.Page, error) {
	l, err := load(ctx, req.Host, req.Ref)
	if err != nil {
		return nil, err
	}
	page := &sdk.Page{Title: l.title()}
	overview := overviewTab(ctx, req.Host, l, page.Title)
	add := func(id, title string, children []sdk.Component, cbs []sdk.Callback) {
		page.Tabs = append(page.Tabs, sdk.Tab{ID: id, Title: title, Children: children})
		page.Callbacks = append(page.Callbacks, cbs...)
	}
	if len(l.runs) < 2 {
		page.Notice = &sdk.Notice{Level: sdk.Warning,
			Summary: fmt.Sprintf("Only run %d could be loaded: there is nothing to compare it with", l.runs[0].ID),
			Detail:  "A comparison needs at least two runs; reopen the page to try again."}
		add("overview", "Overview", overview, nil)
		return page, nil
	}
	params, paramCbs := parametersTab(l)
	if _, same := l.sameTask(); !same {
		page.Notice = differentTasks(l)
		add("overview", "Overview", overview, nil)
		add("parameters", "Parameters", params, paramCbs)
		return page, nil
	}
	add("overview", "Overview", overview, nil)
	folds, cbs := foldsTab(l)
	add("folds", "Measures per fold", folds, cbs)
	curves, cbs := p.curvesTab(ctx, req.Host, l)
	add("curves", "Curves", curves, cbs)
	add("parameters", "Parameters", params, paramCbs)
	return page, nil
}

// differentTasks is the page's notice when the runs are on several tasks.
func differentTasks(l *loaded) *sdk.Notice {
	var parts []string
	grouped := false
	for _, g := range l.byTask() {
		parts = append(parts, fmt.Sprintf("%s on task %d", runList(g.runs), g.task))
		grouped = grouped || len(g.runs) > 1
	}
	detail := "Per-fold scores, their tests and the ROC and precision-recall curves compare runs on the same splits of the same data, so they are not shown; the runs and their parameters are."
	if grouped {
		detail += " The Overview links to the comparison of each task's runs."
	}
	return &sdk.Notice{Level: sdk.Warning, Summary: "These runs are on different tasks: " + joinAnd(parts), Detail: detail}
}

// runList is "run 219" or "runs 219 and 221".
func runList(runs []*openml.Run) string {
	ids := make([]string, len(runs))
	for i, r := range runs {
		ids[i] = fmt.Sprint(r.ID)
	}
	if len(ids) == 1 {
		return "run " + ids[0]
	}
	return "runs " + joinAnd(ids)
}

// joinAnd is "a", "a and b", "a, b and c".
func joinAnd(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

func runRef(server string, id int64) sdk.EntityRef {
	return sdk.EntityRef{Server: server, Kind: sdk.KindRun, ID: id}
}

// notLoaded is a callback's answer when the runs cannot be loaded again.
func notLoaded(slot string, err error) *sdk.Patch {
	return sdk.NewPatch().Fill(slot, &sdk.Notice{Level: sdk.Warning, Summary: "The runs could not be loaded", Detail: err.Error() + ". Reopen the page to try again."})
}
