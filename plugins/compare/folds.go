package compare

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/plugins/internal/show"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/compare"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// Significance is the level the tests' sentences judge p-values at.
const Significance = 0.05

// fallbackMeasures are compared first when the task names no measure the
// runs have per fold.
var fallbackMeasures = []string{"predictive_accuracy", "area_under_roc_curve", "root_mean_squared_error"}

// foldKey is one fold of one repeat.
type foldKey struct{ repeat, fold int }

func (k foldKey) compare(o foldKey) int {
	return cmp.Or(cmp.Compare(k.repeat, o.repeat), cmp.Compare(k.fold, o.fold))
}

// foldScores is the run's per-fold values of measure: the first value the
// server gives for each fold; learning-curve samples, per-repeat values
// and values that are not numbers are left out.
func foldScores(r *openml.Run, measure string) map[foldKey]float64 {
	out := map[foldKey]float64{}
	for _, e := range r.FoldEvaluations(measure) {
		if e.Fold < 0 || e.Sample >= 0 || !e.HasValue || math.IsNaN(e.Value) || math.IsInf(e.Value, 0) {
			continue
		}
		k := foldKey{max(e.Repeat, 0), e.Fold}
		if _, dup := out[k]; !dup {
			out[k] = e.Value
		}
	}
	return out
}

// foldMeasures are the measures at least two runs have per-fold values
// of, by name.
func foldMeasures(runs []*openml.Run) []string {
	count := map[string]int{}
	var order []string
	for _, r := range runs {
		seen := map[string]bool{}
		for _, e := range r.Evaluations {
			if e.Fold < 0 || e.Sample >= 0 || !e.HasValue || seen[e.Name] {
				continue
			}
			seen[e.Name] = true
			if count[e.Name] == 0 {
				order = append(order, e.Name)
			}
			count[e.Name]++
		}
	}
	order = slices.DeleteFunc(order, func(m string) bool { return count[m] < 2 })
	slices.Sort(order) // the select lists them the same way whichever run is first
	return order
}

// defaultMeasure is the task's measure when the runs have it per fold,
// else the first fallback they have, else their first.
func defaultMeasure(avail []string, taskMeasure string) string {
	if slices.Contains(avail, taskMeasure) {
		return taskMeasure
	}
	for _, m := range fallbackMeasures {
		if slices.Contains(avail, m) {
			return m
		}
	}
	return avail[0]
}

// foldsTab is the measure (and, for more than two runs, reference)
// selectors and the per-fold view of the default measure.
func foldsTab(l *loaded) ([]sdk.Component, []sdk.Callback) {
	avail := foldMeasures(l.runs)
	if len(avail) == 0 {
		return []sdk.Component{&sdk.Text{Markdown: "OpenML gives per-fold values for fewer than two of these runs, so there is nothing to compare fold by fold."}}, nil
	}
	measure := defaultMeasure(avail, l.taskMeasure())
	controls := []sdk.Component{&sdk.Select{ID: MeasureSelect, Label: "Measure", Options: sdk.Options(avail...), Values: []string{measure}}}
	inputs := []sdk.PropRef{sdk.Input(MeasureSelect, sdk.PropValue)}
	if len(l.runs) > 2 {
		opts := make([]sdk.Option, len(l.runs))
		for i, r := range l.runs {
			opts[i] = sdk.Option{Label: fmt.Sprintf("%s (%s)", label(r), l.flows[r.FlowID]), Value: fmt.Sprint(r.ID)}
		}
		controls = append(controls, &sdk.Select{ID: ReferenceSelect, Label: "Reference run", Options: opts, Values: []string{opts[0].Value}})
		inputs = append(inputs, sdk.Input(ReferenceSelect, sdk.PropValue))
	}
	return []sdk.Component{
			&sdk.Container{Direction: sdk.RowDirection, Children: controls},
			&sdk.Slot{ID: FoldSlot, Children: foldView(l, measure, l.runs[0].ID)},
		}, []sdk.Callback{{
			ID:      FoldCallback,
			Inputs:  inputs,
			Outputs: []sdk.PropRef{sdk.Output(FoldSlot, sdk.PropChildren)},
			// Layout has drawn the default measure.
			PreventInitialCall: true,
		}}
}

// folds redraws the per-fold view for the measure and reference chosen.
func (p *plugin) folds(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	l, err := load(ctx, req.Host, req.Ref)
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		return notLoaded(FoldSlot, err), nil
	}
	measure := req.Value(sdk.Input(MeasureSelect, sdk.PropValue)).Str()
	if measure == "" {
		return sdk.NewPatch().Fill(FoldSlot, &sdk.Text{Markdown: "Choose a measure to compare the runs fold by fold."}), nil
	}
	ref, _ := strconv.ParseInt(req.Value(sdk.Input(ReferenceSelect, sdk.PropValue)).Str(), 10, 64)
	return sdk.NewPatch().Fill(FoldSlot, foldView(l, measure, ref)...), nil
}

// foldView is the table of per-fold values and differences, the tests of
// each run against the reference (run refID, or the first), and the
// chart of the values.
func foldView(l *loaded, measure string, refID int64) []sdk.Component {
	ri := max(0, slices.IndexFunc(l.runs, func(r *openml.Run) bool { return r.ID == refID }))
	scores := make([]map[foldKey]float64, len(l.runs))
	var keys []foldKey
	for i, r := range l.runs {
		scores[i] = foldScores(r, measure)
		for k := range scores[i] {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, foldKey.compare)
	keys = slices.Compact(keys)
	if len(keys) == 0 {
		return []sdk.Component{&sdk.Text{Markdown: "None of the runs has per-fold values of " + show.Escape(measure) + "."}}
	}
	repeated := keys[len(keys)-1].repeat > 0

	ref := l.runs[ri]
	better := "higher"
	if evalview.LowerIsBetter(measure) {
		better = "lower"
	}
	intro := fmt.Sprintf("%s of each fold (%s is better). The difference columns are each run's value minus that of the reference, %s.",
		show.Escape(measure), better, label(ref))
	if len(l.runs) == 2 {
		intro = fmt.Sprintf("%s of each fold (%s is better). The difference is %s's value minus %s's.",
			show.Escape(measure), better, label(l.runs[1-ri]), label(ref))
	}
	out := []sdk.Component{&sdk.Text{Markdown: intro}, foldTable(l, scores, keys, ri, repeated)}

	share, shareNote := testShare(l.tasks[ref.TaskID], ref.TaskID, keys)
	out = append(out, &sdk.Heading{Text: "Tests", Level: 2})
	var results []pairResult
	for i, r := range l.runs {
		if i == ri {
			continue
		}
		res := testPair(ref, r, scores[ri], scores[i], keys, measure, share)
		results = append(results, res)
		out = append(out, &sdk.Text{Markdown: res.sentence(measure)})
	}
	note := "Both tests pair the runs fold by fold, over the folds where both have a value, and are two-sided. " +
		"The Wilcoxon signed-rank test drops folds with no difference, as SciPy does; " +
		"the corrected resampled t-test of Nadeau and Bengio (2003) widens the variance because the folds' training sets overlap. " + shareNote
	if len(results) > 1 {
		note += " Each run is tested against the reference on its own, with no correction for the several tests: some p-values fall under 5% by chance alone."
	}
	out = append(out, &sdk.Text{Markdown: note}, testsTable(l.ref.Server, results))
	return append(out, foldChart(l, scores, keys, measure, repeated))
}

func foldTable(l *loaded, scores []map[foldKey]float64, keys []foldKey, ri int, repeated bool) *sdk.Table {
	var cols []sdk.Column
	if repeated {
		cols = append(cols, sdk.Column{ID: "repeat", Title: "Repeat", Type: sdk.CellNumber})
	}
	cols = append(cols, sdk.Column{ID: "fold", Title: "Fold", Type: sdk.CellNumber})
	for _, r := range l.runs {
		cols = append(cols, sdk.Column{ID: fmt.Sprintf("run-%d", r.ID), Title: fmt.Sprintf("Run %d", r.ID), Type: sdk.CellNumber})
	}
	for i, r := range l.runs {
		if i != ri {
			cols = append(cols, sdk.Column{ID: fmt.Sprintf("diff-%d", r.ID), Title: fmt.Sprintf("%d − %d", r.ID, l.runs[ri].ID), Type: sdk.CellNumber})
		}
	}
	t := &sdk.Table{ID: FoldTable, Columns: cols, Sortable: true}
	for _, k := range keys {
		var cells []sdk.Cell
		if repeated {
			cells = append(cells, sdk.NumberCell(float64(k.repeat)))
		}
		cells = append(cells, sdk.NumberCell(float64(k.fold)))
		for i := range l.runs {
			cells = append(cells, value(scores[i], k))
		}
		refV, refOK := scores[ri][k]
		for i := range l.runs {
			if i == ri {
				continue
			}
			if v, ok := scores[i][k]; ok && refOK {
				cells = append(cells, sdk.NumberCell(v-refV))
			} else {
				cells = append(cells, sdk.MissingCell(sdk.CellNumber))
			}
		}
		t.Rows = append(t.Rows, sdk.Row{Cells: cells})
	}
	return t
}

func value(s map[foldKey]float64, k foldKey) sdk.Cell {
	if v, ok := s[k]; ok {
		return sdk.NumberCell(v)
	}
	return sdk.MissingCell(sdk.CellNumber)
}

// testShare is the share of the data in each test fold that the corrected
// t-test needs, and a sentence saying where it comes from: the task's
// estimation procedure (1/k for k-fold cross-validation, the test
// percentage of a holdout), or, when it does not say, 1/k for the k folds
// the values come in. 0 when neither gives one.
func testShare(task *openml.Task, taskID int64, keys []foldKey) (float64, string) {
	if task != nil && task.Estimation() != nil {
		e := task.Estimation()
		typ := strings.ToLower(e.Type)
		switch {
		case strings.Contains(typ, "crossvalidation") && e.Folds >= 2:
			how := fmt.Sprintf("%d-fold cross-validation", e.Folds)
			if e.Repeats > 1 {
				how += fmt.Sprintf(" repeated %d times", e.Repeats)
			}
			return 1 / float64(e.Folds), fmt.Sprintf("The corrected t-test takes each test fold to hold 1/%d of the data, as task %d's estimation procedure is %s.", e.Folds, taskID, how)
		case (strings.Contains(typ, "holdout") || strings.Contains(typ, "subsampling")) && e.Percentage > 0 && e.Percentage < 100:
			return e.Percentage / 100, fmt.Sprintf("The corrected t-test takes each test set to hold %g%% of the data, the test percentage of task %d's %s.", e.Percentage, taskID, e.Type)
		}
	}
	folds := 0
	for _, k := range keys {
		folds = max(folds, k.fold+1)
	}
	why := fmt.Sprintf("task %d's estimation procedure is not known here", taskID)
	if task != nil && task.Estimation() != nil {
		why = fmt.Sprintf("task %d's estimation procedure (%s) gives no test share", taskID, cmp.Or(task.Estimation().Type, "unnamed"))
	}
	if folds < 2 {
		return 0, fmt.Sprintf("The corrected t-test needs the share of the data in each test fold, but %s and the values come in a single fold, so it is not run.", why)
	}
	return 1 / float64(folds), fmt.Sprintf("The corrected t-test needs the share of the data in each test fold; %s, so it assumes %d-fold cross-validation, as the values come in %d folds: 1/%d.", why, folds, folds, folds)
}

// pairResult is the comparison of run with ref over their common folds.
type pairResult struct {
	ref, run *openml.Run
	// n counts the folds both have a value of; better, worse and equal
	// count those where run does better, worse or the same as ref.
	n, better, worse, equal int
	meanDiff                float64 // mean of run - ref
	w                       compare.WilcoxonResult
	wErr                    error
	t                       compare.TTestResult
	tErr                    error
}

// testPair pairs the folds both runs have and tests their difference.
func testPair(ref, run *openml.Run, refScores, runScores map[foldKey]float64, keys []foldKey, measure string, share float64) pairResult {
	res := pairResult{ref: ref, run: run}
	var x, y []float64
	for _, k := range keys {
		a, okA := runScores[k]
		b, okB := refScores[k]
		if !okA || !okB {
			continue
		}
		x, y = append(x, a), append(y, b)
		switch {
		case a == b:
			res.equal++
		case evalview.Better(measure, a, b):
			res.better++
		default:
			res.worse++
		}
		res.meanDiff += a - b
	}
	res.n = len(x)
	if res.n > 0 {
		res.meanDiff /= float64(res.n)
	}
	res.w, res.wErr = compare.Wilcoxon(x, y)
	if share > 0 {
		res.t, res.tErr = compare.CorrectedTTest(x, y, share)
	} else {
		res.tErr = fmt.Errorf("no test share")
	}
	return res
}

// sentence says in plain words which run does better on how many folds
// and whether the difference is significant.
func (r pairResult) sentence(measure string) string {
	a, b := label(r.ref), label(r.run)
	switch {
	case r.n < 2:
		return fmt.Sprintf("%s and %s share %d fold%s with a value of %s: too few to test.", capital(a), b, r.n, plural(r.n), show.Escape(measure))
	case r.better == 0 && r.worse == 0:
		s := fmt.Sprintf("%s and %s have the same %s on all %d folds: there is no difference to test", capital(a), b, show.Escape(measure), r.n)
		if r.tErr == nil {
			s += fmt.Sprintf(" (corrected t-test p = %s; the Wilcoxon test is not defined when every difference is zero)", pvalue(r.t.PValue))
		}
		return s + "."
	}
	var s string
	switch {
	case r.better > r.worse:
		s = fmt.Sprintf("%s is better than %s on %d of %d folds", capital(b), a, r.better, r.n)
	case r.worse > r.better:
		s = fmt.Sprintf("%s is better than %s on %d of %d folds", capital(a), b, r.worse, r.n)
	default:
		s = fmt.Sprintf("%s and %s are each better on %d of %d folds", capital(a), b, r.better, r.n)
	}
	if r.equal > 0 {
		s += fmt.Sprintf(" (equal on %d)", r.equal)
	}
	wSig, tSig := r.wErr == nil && r.w.PValue < Significance, r.tErr == nil && r.t.PValue < Significance
	wp, tp := "", ""
	if r.wErr == nil {
		wp = "Wilcoxon p = " + pvalue(r.w.PValue)
	}
	if r.tErr == nil {
		tp = "corrected t-test p = " + pvalue(r.t.PValue)
	}
	switch {
	case r.wErr != nil && r.tErr != nil:
		return s + "; neither test could be run."
	case r.wErr != nil || r.tErr != nil:
		p, sig := cmp.Or(wp, tp), wSig || tSig
		return s + "; the difference is " + not(!sig) + "significant at 5% (" + p + ", the only test that could be run)."
	case wSig == tSig:
		return s + "; the difference is " + not(!wSig) + "significant at 5% (" + wp + ", " + tp + ")."
	case wSig:
		return s + "; the tests disagree at 5%: the Wilcoxon test finds the difference significant (p = " + pvalue(r.w.PValue) + "), the corrected t-test does not (p = " + pvalue(r.t.PValue) + ")."
	}
	return s + "; the tests disagree at 5%: the corrected t-test finds the difference significant (p = " + pvalue(r.t.PValue) + "), the Wilcoxon test does not (p = " + pvalue(r.w.PValue) + ")."
}

func not(b bool) string {
	if b {
		return "not "
	}
	return ""
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// pvalue writes a p-value with two significant digits, or "< 0.001".
func pvalue(p float64) string {
	if p < 0.001 {
		return "< 0.001"
	}
	return strconv.FormatFloat(p, 'g', 2, 64)
}

// testsTable has one row per pair: the fold counts, the mean difference
// and both tests' statistics and p-values; a test that could not be run
// has missing cells.
func testsTable(server string, results []pairResult) *sdk.Table {
	t := &sdk.Table{ID: TestsTable, Columns: []sdk.Column{
		{ID: "run", Title: "Run", Type: sdk.CellLink},
		{ID: "reference", Title: "Reference", Type: sdk.CellLink},
		{ID: "folds", Title: "Folds", Type: sdk.CellNumber},
		{ID: "better", Title: "Better on", Type: sdk.CellNumber},
		{ID: "worse", Title: "Worse on", Type: sdk.CellNumber},
		{ID: "equal", Title: "Equal on", Type: sdk.CellNumber},
		{ID: "mean_diff", Title: "Mean difference", Type: sdk.CellNumber},
		{ID: "wilcoxon_w", Title: "Wilcoxon W", Type: sdk.CellNumber},
		{ID: "wilcoxon_p", Title: "Wilcoxon p", Type: sdk.CellNumber},
		{ID: "wilcoxon_method", Title: "Wilcoxon p from", Type: sdk.CellText},
		{ID: "t", Title: "Corrected t", Type: sdk.CellNumber},
		{ID: "df", Title: "df", Type: sdk.CellNumber},
		{ID: "t_p", Title: "Corrected t-test p", Type: sdk.CellNumber},
	}}
	missing := sdk.MissingCell(sdk.CellNumber)
	for _, r := range results {
		cells := []sdk.Cell{
			sdk.LinkCell(fmt.Sprint(r.run.ID), runRef(server, r.run.ID)),
			sdk.LinkCell(fmt.Sprint(r.ref.ID), runRef(server, r.ref.ID)),
			sdk.NumberCell(float64(r.n)), sdk.NumberCell(float64(r.better)), sdk.NumberCell(float64(r.worse)), sdk.NumberCell(float64(r.equal)),
			missing,
		}
		if r.n > 0 {
			cells[6] = sdk.NumberCell(r.meanDiff)
		}
		if r.wErr == nil {
			cells = append(cells, sdk.NumberCell(r.w.Statistic), sdk.NumberCell(r.w.PValue), sdk.TextCell(string(r.w.Method)))
		} else {
			cells = append(cells, missing, missing, sdk.MissingCell(sdk.CellText))
		}
		if r.tErr == nil {
			cells = append(cells, sdk.NumberCell(r.t.T), sdk.NumberCell(r.t.DF), sdk.NumberCell(r.t.PValue))
		} else {
			cells = append(cells, missing, missing, missing)
		}
		t.Rows = append(t.Rows, sdk.Row{Cells: cells})
	}
	return t
}

// foldChart draws each run's value per fold, one series per run; runs
// with the same values share a series, named "runs a = b", since drawn
// apart the last would hide the others.
func foldChart(l *loaded, scores []map[foldKey]float64, keys []foldKey, measure string, repeated bool) *sdk.Chart {
	cats := make([]string, len(keys))
	xs := make([]float64, len(keys))
	for i, k := range keys {
		cats[i], xs[i] = strconv.Itoa(k.fold), float64(i)
		if repeated {
			cats[i] = fmt.Sprintf("%d/%d", k.repeat, k.fold)
		}
	}
	axis := "Fold"
	if repeated {
		axis = "Repeat/fold"
	}
	c := &sdk.Chart{ID: FoldChart, Kind: sdk.ChartLine, Title: measure + " per fold", Legend: true,
		X: sdk.Axis{Title: axis, Categories: cats}, Y: sdk.Axis{Title: measure}}
	var ys [][]float64
	var names [][]string
	for i, r := range l.runs {
		y := make([]float64, len(keys))
		for j, k := range keys {
			y[j] = math.NaN()
			if v, ok := scores[i][k]; ok {
				y[j] = v
			}
		}
		if j := slices.IndexFunc(ys, func(o []float64) bool { return sameValues(o, y) }); j >= 0 {
			names[j] = append(names[j], fmt.Sprint(r.ID))
			continue
		}
		ys, names = append(ys, y), append(names, []string{fmt.Sprint(r.ID)})
	}
	for i, y := range ys {
		name := "run " + names[i][0]
		if len(names[i]) > 1 {
			name = "runs " + strings.Join(names[i], " = ")
		}
		c.Series = append(c.Series, sdk.Series{Name: name, X: slices.Clone(xs), Y: y})
	}
	return c
}

// sameValues compares two series point by point, NaN equal to NaN.
func sameValues(a, b []float64) bool {
	return slices.EqualFunc(a, b, func(x, y float64) bool { return x == y || (math.IsNaN(x) && math.IsNaN(y)) })
}
