package compare

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/openml-dash/openml-dash/plugins/internal/show"
	"github.com/openml-dash/openml-dash/plugins/run/metrics"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// maxCurvePoints is the most points a curve is drawn with; its area still
// uses every point.
const maxCurvePoints = 2000

// runPredictions is one run's predictions file, or why it has none to
// draw curves from.
type runPredictions struct {
	run   *openml.Run
	preds *openml.RunPredictions
	why   string
}

// loadPredictions reads the runs' predictions files in parallel; the
// files of the last comparison are kept.
func (p *plugin) loadPredictions(ctx context.Context, h sdk.Host, l *loaded) []runPredictions {
	out := make([]runPredictions, len(l.runs))
	var wg sync.WaitGroup
	for i, r := range l.runs {
		out[i].run = r
		file, ok := r.File("predictions")
		if !ok || file.URL == "" {
			out[i].why = "it has no predictions file"
			continue
		}
		wg.Go(func() {
			preds, err := p.predictions.Get(ctx, l.ref.Server+"|"+file.URL, func(ctx context.Context) (*openml.RunPredictions, error) {
				path, err := sdk.FetchFile(ctx, h, l.ref, file.URL)
				if err != nil {
					return nil, err
				}
				return openml.ReadPredictions(ctx, path)
			})
			switch {
			case err != nil:
				out[i].why = "its predictions file could not be loaded: " + err.Error()
			case !preds.Classification():
				out[i].why = "its predictions are numbers, not classes"
			case preds.Len() == 0:
				out[i].why = "its predictions file is empty"
			default:
				out[i].preds = preds
			}
		})
	}
	wg.Wait()
	return out
}

// curvesTab is the class selector (multi-class tasks) and the curves of
// the first class, or a notice when there is nothing to draw.
func (p *plugin) curvesTab(ctx context.Context, h sdk.Host, l *loaded) ([]sdk.Component, []sdk.Callback) {
	if pr := metrics.ProblemOf(l.taskType()); pr == metrics.Regression || pr == metrics.Unsupported {
		return []sdk.Component{&sdk.Notice{Level: sdk.Info,
			Summary: "ROC and precision-recall curves are drawn for classification tasks only",
			Detail:  fmt.Sprintf("Task %d is a %s task. The other tabs compare these runs in full.", l.runs[0].TaskID, l.taskType())}}, nil
	}
	rp := p.loadPredictions(ctx, h, l)
	classes := classesOf(rp)
	if classes == nil {
		return []sdk.Component{&sdk.Notice{Level: sdk.Info, Summary: "None of the runs has class predictions to draw curves from", Detail: whyNot(rp)}}, nil
	}
	if len(classes) <= 2 {
		return []sdk.Component{&sdk.Slot{ID: CurvesSlot, Children: curvesView(l.ref.Server, rp, classes, classes[len(classes)-1])}}, nil
	}
	return []sdk.Component{
			&sdk.Container{Direction: sdk.RowDirection, Children: []sdk.Component{
				&sdk.Select{ID: ClassSelect, Label: "Class (against the rest)", Options: sdk.Options(classes...), Values: []string{classes[0]}},
			}},
			&sdk.Slot{ID: CurvesSlot, Children: curvesView(l.ref.Server, rp, classes, classes[0])},
		}, []sdk.Callback{{
			ID:      CurvesCallback,
			Inputs:  []sdk.PropRef{sdk.Input(ClassSelect, sdk.PropValue)},
			Outputs: []sdk.PropRef{sdk.Output(CurvesSlot, sdk.PropChildren)},
			// Layout has drawn the first class.
			PreventInitialCall: true,
		}}
}

// curves redraws the curves for the class chosen.
func (p *plugin) curves(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	l, err := load(ctx, req.Host, req.Ref)
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		return notLoaded(CurvesSlot, err), nil
	}
	rp := p.loadPredictions(ctx, req.Host, l)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	classes := classesOf(rp)
	if classes == nil {
		return sdk.NewPatch().Fill(CurvesSlot, &sdk.Notice{Level: sdk.Info, Summary: "None of the runs has class predictions to draw curves from", Detail: whyNot(rp)}), nil
	}
	class := req.Value(sdk.Input(ClassSelect, sdk.PropValue)).Str()
	if class == "" {
		return sdk.NewPatch().Fill(CurvesSlot, &sdk.Text{Markdown: "Choose a class to see its curves against the rest."}), nil
	}
	return sdk.NewPatch().Fill(CurvesSlot, curvesView(l.ref.Server, rp, classes, class)...), nil
}

// classesOf is the classes of the first run with class predictions, or
// nil when none has any.
func classesOf(rp []runPredictions) []string {
	for _, r := range rp {
		if r.preds != nil {
			return r.preds.Classes
		}
	}
	return nil
}

// whyNot says, run by run, why there are no curves.
func whyNot(rp []runPredictions) string {
	var parts []string
	for _, r := range rp {
		if r.preds == nil {
			parts = append(parts, fmt.Sprintf("%s: %s", capital(label(r.run)), r.why))
		}
	}
	return strings.Join(parts, ". ") + "."
}

// runCurves is one run's curves for one class.
type runCurves struct {
	run      *openml.Run
	n        int // the instances counted
	roc, pr  metrics.Curve
	auc, ap  float64
	accuracy float64
	openml   float64 // OpenML's own ROC AUC of the class, NaN if it gives none
}

// curvesView is the ROC and precision-recall curves of class against the
// rest, one series per run, and the table of their areas.
func curvesView(server string, rp []runPredictions, classes []string, class string) []sdk.Component {
	if !slices.Contains(classes, class) {
		return []sdk.Component{&sdk.Notice{Level: sdk.Warning, Summary: "Unknown class", Detail: fmt.Sprintf("%q is not a class of these runs; pick one from the list.", class)}}
	}
	binary := len(classes) == 2
	scope := fmt.Sprintf("class %s against the rest", class)
	if binary {
		scope = "positive class " + class
	}
	out := []sdk.Component{&sdk.Text{Markdown: show.Escape(fmt.Sprintf("Curves of %s, from each run's predictions pooled over all its folds (and repeats). "+
		"They and their areas are computed as scikit-learn's roc_curve and auc (ROC AUC) and precision_recall_curve and average_precision_score (AP).", scope))}}

	var drawn []runCurves
	var missing []string
	for _, r := range rp {
		if r.preds == nil {
			missing = append(missing, fmt.Sprintf("%s (%s)", label(r.run), r.why))
			continue
		}
		c, err := classCurves(r, class)
		if err != nil {
			missing = append(missing, fmt.Sprintf("%s (%v)", label(r.run), err))
			continue
		}
		drawn = append(drawn, c)
	}
	if len(drawn) > 0 {
		roc := &sdk.Chart{ID: ROCChart, Kind: sdk.ChartLine, Legend: true, Title: "ROC curves, " + scope,
			X: sdk.Axis{Title: "False positive rate"}, Y: sdk.Axis{Title: "True positive rate"}}
		pr := &sdk.Chart{ID: PRChart, Kind: sdk.ChartLine, Legend: true, Title: "Precision-recall curves, " + scope,
			X: sdk.Axis{Title: "Recall"}, Y: sdk.Axis{Title: "Precision"}}
		var rocSame, prSame bool
		roc.Series, rocSame = curveSeries(drawn, func(c runCurves) (metrics.Curve, float64) { return c.roc, c.auc }, "AUC")
		pr.Series, prSame = curveSeries(drawn, func(c runCurves) (metrics.Curve, float64) { return c.pr, c.ap }, "AP")
		out = append(out, roc, pr)
		if rocSame || prSame {
			out = append(out, &sdk.Text{Markdown: `Runs whose curves are identical are drawn once, named together ("runs a = b").`})
		}
		out = append(out, areasTable(server, drawn))
	}
	if len(missing) > 0 {
		out = append(out, &sdk.Notice{Level: sdk.Info, Summary: "No curves for " + joinAnd(missingRuns(missing)), Detail: strings.Join(missing, "; ") + "."})
	}
	return out
}

func missingRuns(missing []string) []string {
	out := make([]string, len(missing))
	for i, m := range missing {
		out[i], _, _ = strings.Cut(m, " (")
	}
	return out
}

// classCurves computes one run's curves of class against the rest over
// every row of its predictions file.
func classCurves(r runPredictions, class string) (runCurves, error) {
	p := r.preds
	c := slices.Index(p.Classes, class)
	if c < 0 {
		return runCurves{}, fmt.Errorf("its predictions have no class %s", class)
	}
	truth, pred := make([]int, p.Len()), make([]int, p.Len())
	for i := range truth {
		truth[i], pred[i] = int(p.Truth[i]), int(p.Predicted[i])
	}
	positive, score := metrics.OneVsRest(truth, p.Confidence[c], c)
	if len(score) == 0 {
		return runCurves{}, fmt.Errorf("its predictions file has no confidence.%s column", class)
	}
	out := runCurves{run: r.run, n: len(score), openml: math.NaN()}
	var err error
	if out.roc, err = metrics.ROC(positive, score); err != nil {
		return runCurves{}, err
	}
	if out.auc, err = metrics.AUC(out.roc); err != nil {
		return runCurves{}, err
	}
	if out.pr, err = metrics.PrecisionRecall(positive, score); err != nil {
		return runCurves{}, err
	}
	out.ap = metrics.AveragePrecision(out.pr)
	cm, err := metrics.Confusion(truth, pred, len(p.Classes))
	if err != nil {
		return runCurves{}, err
	}
	_, out.accuracy = metrics.FromConfusion(cm, len(p.Classes))
	if e, ok := r.run.Evaluation("area_under_roc_curve"); ok {
		if vs, err := e.Values(); err == nil && len(vs) == len(p.Classes) {
			out.openml = vs[c]
		}
	}
	return out, nil
}

// curveSeries makes one series per distinct curve, named by its runs and
// area, "run 219 (AUC 0.812)"; runs with identical curves share one,
// "runs 539275 = 572944 (AUC 1.000)", and same is true.
func curveSeries(cs []runCurves, get func(runCurves) (metrics.Curve, float64), area string) (series []sdk.Series, same bool) {
	var firsts []runCurves
	var ids [][]string
	for _, c := range cs {
		cur, _ := get(c)
		i := slices.IndexFunc(firsts, func(f runCurves) bool {
			fc, _ := get(f)
			return slices.Equal(fc.X, cur.X) && slices.Equal(fc.Y, cur.Y)
		})
		if i >= 0 {
			ids[i] = append(ids[i], fmt.Sprint(c.run.ID))
			same = true
			continue
		}
		firsts, ids = append(firsts, c), append(ids, []string{fmt.Sprint(c.run.ID)})
	}
	for i, f := range firsts {
		cur, a := get(f)
		name := "run " + ids[i][0]
		if len(ids[i]) > 1 {
			name = "runs " + strings.Join(ids[i], " = ")
		}
		x, y := metrics.Thin(cur.X, cur.Y, maxCurvePoints)
		series = append(series, sdk.Series{Name: fmt.Sprintf("%s (%s %.3f)", name, area, a), X: x, Y: y})
	}
	return series, same
}

// areasTable lists, per run, the areas of its curves, OpenML's own ROC
// AUC of the class and the accuracy over all classes.
func areasTable(server string, cs []runCurves) *sdk.Table {
	t := &sdk.Table{ID: AreasTable, Sortable: true, Columns: []sdk.Column{
		{ID: "run", Title: "Run", Type: sdk.CellLink},
		{ID: "instances", Title: "Predictions", Type: sdk.CellNumber},
		{ID: "roc_auc", Title: "ROC AUC", Type: sdk.CellNumber},
		{ID: "ap", Title: "Average precision", Type: sdk.CellNumber},
		{ID: "openml_auc", Title: "ROC AUC (OpenML)", Type: sdk.CellNumber},
		{ID: "accuracy", Title: "Accuracy (all classes)", Type: sdk.CellNumber},
	}}
	for _, c := range cs {
		t.Rows = append(t.Rows, sdk.Row{Cells: []sdk.Cell{
			sdk.LinkCell(fmt.Sprint(c.run.ID), runRef(server, c.run.ID)),
			sdk.NumberCell(float64(c.n)), number(c.auc), number(c.ap), number(c.openml), number(c.accuracy),
		}})
	}
	return t
}

func number(x float64) sdk.Cell {
	if math.IsNaN(x) {
		return sdk.MissingCell(sdk.CellNumber)
	}
	return sdk.NumberCell(x)
}
