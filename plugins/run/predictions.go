package run

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/openml-dash/openml-dash/plugins/internal/show"
	"github.com/openml-dash/openml-dash/plugins/run/metrics"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/frame"
	"github.com/openml-dash/openml-dash/sdk/openml"
	"github.com/openml-dash/openml-dash/sdk/stats"
)

// Pooled is the FoldSelect value for every row of the predictions file;
// the other values are "repeat/fold", such as "0/3".
const Pooled = "pooled"

// Display limits: a curve or scatter with more points than this is thinned
// for drawing (its AUC and errors still use every point).
const (
	maxCurvePoints   = 2000
	maxScatterPoints = 5000
)

// loaded is a run's predictions, ready to draw, or a notice saying why not.
type loaded struct {
	preds  *openml.RunPredictions
	notice *sdk.Notice
}

// loadPredictions fetches and reads the run's predictions file and checks
// that the task type and the file agree.
func (p *plugin) loadPredictions(ctx context.Context, h sdk.Host, ref sdk.EntityRef, r *openml.Run, taskType string) loaded {
	kind := metrics.ProblemOf(taskType)
	if kind == metrics.Unsupported {
		return loaded{notice: &sdk.Notice{
			Level:   sdk.Info,
			Summary: "Predictions of " + taskType + " runs are not shown",
			Detail:  "This tab draws classification runs (ROC and precision-recall curves, confusion matrix) and regression runs (predicted against true values, residuals) only. The other tabs show this run in full.",
		}}
	}
	file, ok := r.File("predictions")
	if !ok || file.URL == "" {
		return loaded{notice: &sdk.Notice{
			Level:   sdk.Info,
			Summary: "This run has no predictions file",
			Detail:  `The run lists no output file named "predictions", so there are no curves or confusion matrix to draw. The Evaluations tab shows what OpenML computed.`,
		}}
	}
	preds, err := p.predictions.Get(ctx, ref.Server+"|"+file.URL, func(ctx context.Context) (*openml.RunPredictions, error) {
		path, err := sdk.FetchFile(ctx, h, ref, file.URL)
		if err != nil {
			return nil, err // the host's message names the file
		}
		return openml.ReadPredictions(ctx, path)
	})
	if err != nil {
		if ctx.Err() != nil {
			return loaded{notice: &sdk.Notice{Level: sdk.Info, Summary: "Reading the predictions was cancelled", Detail: err.Error()}}
		}
		return loaded{notice: &sdk.Notice{
			Level:   sdk.Warning,
			Summary: "The predictions file could not be loaded",
			Detail:  err.Error() + ". The other tabs are not affected; reopen the page to try again.",
		}}
	}
	switch {
	case kind == metrics.Classification && !preds.Classification():
		return loaded{notice: &sdk.Notice{Level: sdk.Warning, Summary: "The predictions do not fit the task",
			Detail: "The task is " + taskType + " but the predictions file holds numbers, not classes."}}
	case kind == metrics.Regression && preds.Classification():
		return loaded{notice: &sdk.Notice{Level: sdk.Warning, Summary: "The predictions do not fit the task",
			Detail: "The task is " + taskType + " but the predictions file holds classes, not numbers."}}
	case preds.Len() == 0:
		return loaded{notice: &sdk.Notice{Level: sdk.Info, Summary: "The predictions file is empty", Detail: "It has no rows to draw."}}
	}
	return loaded{preds: preds}
}

// predictionsTab is the fold selector and the drawings of the pooled
// predictions, or a notice when there is nothing to draw.
func (p *plugin) predictionsTab(ctx context.Context, h sdk.Host, ref sdk.EntityRef, r *openml.Run, taskType string) ([]sdk.Component, []sdk.Callback) {
	l := p.loadPredictions(ctx, h, ref, r, taskType)
	if l.notice != nil {
		return []sdk.Component{l.notice}, nil
	}
	var top []sdk.Component
	if n := p.countCheck(ctx, h, ref, r, l.preds); n != nil {
		top = append(top, n)
	}
	folds := foldsOf(l.preds)
	repeated := len(folds) > 0 && folds[len(folds)-1].repeat > 0
	opts := []sdk.Option{{Label: "pooled (all folds)", Value: Pooled}}
	if repeated {
		opts[0].Label = "pooled (all repeats and folds)"
	}
	for _, f := range folds {
		opts = append(opts, sdk.Option{Label: f.label(repeated), Value: f.value()})
	}
	return append(top,
			&sdk.Select{ID: FoldSelect, Label: "Predictions of", Options: opts, Values: []string{Pooled}},
			&sdk.Slot{ID: PredictionsSlot, Children: view(r, l.preds, Pooled)},
		), []sdk.Callback{{
			ID:      PredictionsCallback,
			Inputs:  []sdk.PropRef{sdk.Input(FoldSelect, sdk.PropValue)},
			Outputs: []sdk.PropRef{sdk.Output(PredictionsSlot, sdk.PropChildren)},
			// Layout has drawn the pooled predictions.
			PreventInitialCall: true,
		}}
}

// countCheck compares the number of predictions with the number of test
// rows in the task's splits file: a file cut short, or padded, parses
// fine and gives plausible but wrong numbers, so a mismatch is said above
// them. When the splits cannot be read there is nothing to compare with,
// and nothing is said.
func (p *plugin) countCheck(ctx context.Context, h sdk.Host, ref sdk.EntityRef, r *openml.Run, preds *openml.RunPredictions) *sdk.Notice {
	t, err := openml.GetTask(ctx, h, sdk.EntityRef{Server: ref.Server, Kind: sdk.KindTask, ID: r.TaskID})
	if err != nil || t.Estimation() == nil || t.Estimation().DataSplitsURL == "" {
		return nil
	}
	splits := t.Estimation().DataSplitsURL
	want, err := p.testRows.Get(ctx, ref.Server+"|"+splits, func(ctx context.Context) (int, error) {
		path, err := sdk.FetchFile(ctx, h, ref, splits)
		if err != nil {
			return 0, err
		}
		s, err := openml.ReadSplits(ctx, path)
		if err != nil {
			return 0, err
		}
		n := 0
		for _, train := range s.Train {
			if !train {
				n++
			}
		}
		return n, nil
	})
	if err != nil {
		h.Log(ctx, sdk.LogDebug, fmt.Sprintf("run %d: the splits of task %d could not be read, so the predictions were not counted against them: %v", r.ID, r.TaskID, err))
		return nil
	}
	if got := preds.Len(); got != want {
		return &sdk.Notice{Level: sdk.Warning,
			Summary: fmt.Sprintf("The predictions file has %d rows, but task %d tests %d", got, r.TaskID, want),
			Detail:  "The curves, matrix and scores below are computed from the rows the file has, and may not be the run's: the file may be cut short or damaged. Reopen the page to download it again."}
	}
	return nil
}

// predictionsView redraws the predictions for the fold now selected.
func (p *plugin) predictionsView(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	r, err := openml.GetRun(ctx, req.Host, req.Ref)
	if err != nil {
		return sdk.NewPatch().Fill(PredictionsSlot, &sdk.Notice{Level: sdk.Warning, Summary: "The run could not be loaded", Detail: err.Error()}), nil
	}
	_, taskType := taskFacts(ctx, req.Host, req.Ref, r)
	l := p.loadPredictions(ctx, req.Host, req.Ref, r, taskType)
	if l.notice != nil {
		return sdk.NewPatch().Fill(PredictionsSlot, l.notice), nil
	}
	sel := req.Value(sdk.Input(FoldSelect, sdk.PropValue)).Str()
	if sel == "" {
		sel = Pooled
	}
	return sdk.NewPatch().Fill(PredictionsSlot, view(r, l.preds, sel)...), nil
}

type fold struct{ repeat, fold int }

func (f fold) value() string { return fmt.Sprintf("%d/%d", f.repeat, f.fold) }

func (f fold) label(repeated bool) string {
	if repeated {
		return fmt.Sprintf("repeat %d, fold %d", f.repeat, f.fold)
	}
	return fmt.Sprintf("fold %d", f.fold)
}

// foldsOf lists the repeat and fold pairs of the file in order.
func foldsOf(p *openml.RunPredictions) []fold {
	seen := map[fold]bool{}
	var out []fold
	for i := range p.Fold {
		f := fold{p.Repeat[i], p.Fold[i]}
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b fold) int {
		if a.repeat != b.repeat {
			return a.repeat - b.repeat
		}
		return a.fold - b.fold
	})
	return out
}

// view draws the rows selected by sel (Pooled or "repeat/fold").
func view(r *openml.Run, p *openml.RunPredictions, sel string) []sdk.Component {
	var rows []int
	scope := "pooled over all folds"
	openmlAUC := "area_under_roc_curve"
	var auc []float64
	if sel == Pooled {
		if slices.ContainsFunc(p.Repeat, func(r int) bool { return r > 0 }) {
			scope = "pooled over all repeats and folds"
		}
		rows = make([]int, p.Len())
		for i := range rows {
			rows[i] = i
		}
		if e, ok := r.Evaluation(openmlAUC); ok {
			auc, _ = e.Values()
		}
	} else {
		var f fold
		if _, err := fmt.Sscanf(sel, "%d/%d", &f.repeat, &f.fold); err != nil || f.value() != sel {
			return []sdk.Component{&sdk.Notice{Level: sdk.Warning, Summary: "Unknown fold", Detail: fmt.Sprintf("%q names no repeat and fold; pick one from the list.", sel)}}
		}
		for i := range p.Fold {
			if p.Repeat[i] == f.repeat && p.Fold[i] == f.fold {
				rows = append(rows, i)
			}
		}
		if len(rows) == 0 {
			return []sdk.Component{&sdk.Notice{Level: sdk.Warning, Summary: "No predictions for this fold",
				Detail: fmt.Sprintf("The predictions file has no rows for repeat %d, fold %d.", f.repeat, f.fold)}}
		}
		scope = fmt.Sprintf("repeat %d, fold %d", f.repeat, f.fold)
		for _, e := range r.FoldEvaluations(openmlAUC) {
			if e.Repeat == f.repeat && e.Fold == f.fold && e.Sample < 0 {
				auc, _ = e.Values()
			}
		}
	}
	if p.Classification() {
		return classificationView(p, rows, scope, auc)
	}
	return regressionView(p, rows, scope)
}

// classResult is what one class's one-vs-rest curves give.
type classResult struct {
	roc, pr metrics.Curve
	auc, ap float64
	err     error // why there are no curves
}

// classificationView is the accuracy, ROC and precision-recall curves (one
// class against the rest, or the second class for a binary task), the
// confusion matrix and a table of per-class numbers.
func classificationView(p *openml.RunPredictions, rows []int, scope string, openmlAUC []float64) []sdk.Component {
	k := len(p.Classes)
	truth, pred := make([]int, len(rows)), make([]int, len(rows))
	for j, i := range rows {
		truth[j], pred[j] = int(p.Truth[i]), int(p.Predicted[i])
	}
	cm, err := metrics.Confusion(truth, pred, k)
	if err != nil {
		return []sdk.Component{&sdk.Notice{Level: sdk.Error, Summary: "The predictions could not be counted", Detail: err.Error()}}
	}
	pc, acc := metrics.FromConfusion(cm, k)
	counted := 0
	for _, n := range pc.Support {
		counted += n
	}
	summary := fmt.Sprintf("%d predictions, %s. ", len(rows), scope)
	if counted < len(rows) {
		summary += fmt.Sprintf("%d have a missing true or predicted class and are left out. ", len(rows)-counted)
	}
	if counted > 0 {
		summary += fmt.Sprintf("Accuracy %.4f (%d of %d correct). ", acc, int(math.Round(acc*float64(counted))), counted)
	}
	summary += "Curves and areas are computed as scikit-learn's roc_curve and auc (ROC AUC) and precision_recall_curve and average_precision_score (AP), one class against the rest."
	out := []sdk.Component{&sdk.Text{Markdown: summary}}

	results := make([]classResult, k)
	hasConfidence := false
	for c := range k {
		conf := make([]float64, len(rows))
		for j, i := range rows {
			conf[j] = p.Confidence[c][i]
		}
		positive, score := metrics.OneVsRest(truth, conf, c)
		hasConfidence = hasConfidence || len(score) > 0
		res := classResult{auc: math.NaN(), ap: math.NaN()}
		if res.roc, res.err = metrics.ROC(positive, score); res.err == nil {
			res.auc, res.err = metrics.AUC(res.roc)
		}
		if pr, err := metrics.PrecisionRecall(positive, score); err == nil {
			res.pr, res.ap = pr, metrics.AveragePrecision(pr)
		}
		results[c] = res
	}

	plotted := make([]int, 0, k)
	if k == 2 {
		plotted = append(plotted, 1)
	} else {
		for c := range k {
			plotted = append(plotted, c)
		}
	}
	if !hasConfidence {
		out = append(out, &sdk.Notice{Level: sdk.Info, Summary: "No ROC or precision-recall curves",
			Detail: "The predictions file has no confidence columns (confidence.<class>), which the curves need."})
	} else {
		roc := &sdk.Chart{ID: ROCChart, Kind: sdk.ChartLine, Legend: true,
			X: sdk.Axis{Title: "False positive rate"}, Y: sdk.Axis{Title: "True positive rate"}}
		pr := &sdk.Chart{ID: PRChart, Kind: sdk.ChartLine, Legend: true,
			X: sdk.Axis{Title: "Recall"}, Y: sdk.Axis{Title: "Precision"}}
		if k == 2 {
			roc.Title = fmt.Sprintf("ROC curve, positive class %s", p.Classes[1])
			pr.Title = fmt.Sprintf("Precision-recall curve, positive class %s", p.Classes[1])
		} else {
			roc.Title = "ROC curves, each class against the rest"
			pr.Title = "Precision-recall curves, each class against the rest"
		}
		var missing []string
		var rocs, prs []curve
		for _, c := range plotted {
			res := results[c]
			if res.err != nil {
				missing = append(missing, fmt.Sprintf("%s (%v)", p.Classes[c], res.err))
				continue
			}
			rocs = append(rocs, curve{class: p.Classes[c], area: res.auc, c: res.roc})
			prs = append(prs, curve{class: p.Classes[c], area: res.ap, c: res.pr})
		}
		var rocSame, prSame []string
		roc.Series, rocSame = curveSeries(rocs, "AUC")
		pr.Series, prSame = curveSeries(prs, "AP")
		if len(roc.Series) > 0 {
			out = append(out, roc, pr)
		}
		if note := sameCurves(rocSame, prSame); note != "" {
			out = append(out, &sdk.Text{Markdown: note})
		}
		if len(missing) > 0 {
			out = append(out, &sdk.Text{Markdown: "No curve for " + show.Escape(strings.Join(missing, "; ")) + "."})
		}
	}

	z := make([]float64, len(cm))
	labels := make([]string, len(cm))
	for i, n := range cm {
		z[i], labels[i] = float64(n), fmt.Sprint(n)
	}
	out = append(out, &sdk.Chart{
		ID: ConfusionChart, Kind: sdk.ChartHeatmap, Title: "Confusion matrix (rows: true class, columns: predicted)",
		X:      sdk.Axis{Title: "Predicted class", Categories: slices.Clone(p.Classes)},
		Y:      sdk.Axis{Title: "True class", Categories: slices.Clone(p.Classes)},
		Series: []sdk.Series{{Name: "instances", Z: z, Labels: labels}},
	})
	return append(out, classTable(p.Classes, pc, results, openmlAUC))
}

// curve is one class's curve, with its area (AUC or AP).
type curve struct {
	class string
	area  float64
	c     metrics.Curve
}

// curveSeries makes one series per distinct curve. Classes whose curves
// coincide share a series, named "a = b (AUC 0.940)": drawn apart, the
// last would hide the others. same lists those groups, "a = b".
func curveSeries(cs []curve, area string) (series []sdk.Series, same []string) {
	var classes [][]string
	var firsts []curve
	for _, c := range cs {
		i := slices.IndexFunc(firsts, func(f curve) bool { return slices.Equal(f.c.X, c.c.X) && slices.Equal(f.c.Y, c.c.Y) })
		if i >= 0 {
			classes[i] = append(classes[i], c.class)
			continue
		}
		firsts, classes = append(firsts, c), append(classes, []string{c.class})
	}
	for i, c := range firsts {
		names := strings.Join(classes[i], " = ")
		if len(classes[i]) > 1 {
			same = append(same, names)
		}
		x, y := metrics.Thin(c.c.X, c.c.Y, maxCurvePoints)
		series = append(series, sdk.Series{Name: fmt.Sprintf("%s (%s %.3f)", names, area, c.area), X: x, Y: y})
	}
	return series, same
}

// sameCurves says which classes' curves coincide and are drawn once, or "".
func sameCurves(roc, pr []string) string {
	const lead = `Identical curves are drawn once, their classes joined by "=": `
	list := func(groups []string) string { return show.Escape(strings.Join(groups, "; ")) }
	switch {
	case len(roc) == 0 && len(pr) == 0:
		return ""
	case slices.Equal(roc, pr):
		return lead + list(roc) + ", in both charts."
	case len(pr) == 0:
		return lead + list(roc) + " in the ROC chart."
	case len(roc) == 0:
		return lead + list(pr) + " in the precision-recall chart."
	}
	return lead + list(roc) + " in the ROC chart; " + list(pr) + " in the precision-recall chart."
}

// classTable lists, per class, the counts, precision and recall of the
// predicted classes, the areas of its curves, and OpenML's own AUC.
func classTable(classes []string, pc metrics.PerClass, results []classResult, openmlAUC []float64) *sdk.Table {
	cols := []sdk.Column{
		{ID: "class", Title: "Class", Type: sdk.CellText},
		{ID: "support", Title: "Instances", Type: sdk.CellNumber},
		{ID: "predicted", Title: "Predicted as", Type: sdk.CellNumber},
		{ID: "precision", Title: "Precision", Type: sdk.CellNumber},
		{ID: "recall", Title: "Recall", Type: sdk.CellNumber},
		{ID: "roc_auc", Title: "ROC AUC", Type: sdk.CellNumber},
		{ID: "ap", Title: "Average precision", Type: sdk.CellNumber},
	}
	withOpenML := len(openmlAUC) == len(classes)
	if withOpenML {
		cols = append(cols, sdk.Column{ID: "openml_auc", Title: "ROC AUC (OpenML)", Type: sdk.CellNumber})
	}
	t := &sdk.Table{ID: ClassTable, Columns: cols, Sortable: true}
	for c, name := range classes {
		cells := []sdk.Cell{
			sdk.TextCell(name), sdk.NumberCell(float64(pc.Support[c])), sdk.NumberCell(float64(pc.Predicted[c])),
			number(pc.Precision[c]), number(pc.Recall[c]), number(results[c].auc), number(results[c].ap),
		}
		if withOpenML {
			cells = append(cells, number(openmlAUC[c]))
		}
		t.Rows = append(t.Rows, sdk.Row{Cells: cells})
	}
	return t
}

// regressionView is the errors, predicted against true values and the
// histogram of the residuals.
func regressionView(p *openml.RunPredictions, rows []int, scope string) []sdk.Component {
	truth, pred := make([]float64, len(rows)), make([]float64, len(rows))
	for j, i := range rows {
		truth[j], pred[j] = p.Truth[i], p.Predicted[i]
	}
	errs, err := metrics.RegressionErrors(truth, pred)
	if err != nil {
		return []sdk.Component{&sdk.Notice{Level: sdk.Error, Summary: "The predictions could not be compared", Detail: err.Error()}}
	}
	summary := fmt.Sprintf("%d predictions, %s. ", len(rows), scope)
	if errs.N < len(rows) {
		summary += fmt.Sprintf("%d have a missing true or predicted value and are left out. ", len(rows)-errs.N)
	}
	if errs.N == 0 {
		return []sdk.Component{&sdk.Text{Markdown: summary + "There is nothing to draw."}}
	}
	summary += fmt.Sprintf("Root mean squared error %.6g, mean absolute error %.6g (as scikit-learn's mean_squared_error, square-rooted, and mean_absolute_error).", errs.RMSE, errs.MAE)

	var xs, ys []float64
	for j := range truth {
		if !math.IsNaN(truth[j]) && !math.IsNaN(pred[j]) {
			xs, ys = append(xs, truth[j]), append(ys, pred[j])
		}
	}
	title := "Predicted against true values"
	if len(xs) > maxScatterPoints {
		step := (len(xs) + maxScatterPoints - 1) / maxScatterPoints
		title += fmt.Sprintf(" (every %d%s of %d points)", step, ordinal(step), len(xs))
		xs, ys = every(xs, step), every(ys, step)
	}
	out := []sdk.Component{
		&sdk.Text{Markdown: summary},
		&sdk.Chart{ID: ScatterChart, Kind: sdk.ChartScatter, Title: title,
			X: sdk.Axis{Title: "True value"}, Y: sdk.Axis{Title: "Predicted value"},
			Series: []sdk.Series{{Name: "predictions", X: xs, Y: ys}}},
	}
	// The residuals are in memory: binning them is quick and needs no
	// cancelling.
	h, err := stats.Bin(context.Background(), &frame.Column{Name: "residual", Kind: frame.Numeric, Floats: errs.Residuals}, nil, stats.Binning{})
	if err != nil || len(h.Counts) == 0 {
		return out
	}
	counts := make([]float64, len(h.Counts[0]))
	for i, n := range h.Counts[0] {
		counts[i] = float64(n)
	}
	return append(out, &sdk.Chart{ID: ResidualChart, Kind: sdk.ChartHistogram, Title: "Residuals (predicted − true)",
		X: sdk.Axis{Title: "Residual"}, Y: sdk.Axis{Title: "Predictions"},
		Series: []sdk.Series{{Name: "residuals", X: h.Edges, Y: counts}}})
}

func every(xs []float64, step int) []float64 {
	out := make([]float64, 0, (len(xs)+step-1)/step)
	for i := 0; i < len(xs); i += step {
		out = append(out, xs[i])
	}
	return out
}

func ordinal(n int) string {
	if n%100 >= 11 && n%100 <= 13 {
		return "th"
	}
	switch n % 10 {
	case 1:
		return "st"
	case 2:
		return "nd"
	case 3:
		return "rd"
	}
	return "th"
}

func number(x float64) sdk.Cell {
	if math.IsNaN(x) {
		return sdk.MissingCell(sdk.CellNumber)
	}
	return sdk.NumberCell(x)
}
