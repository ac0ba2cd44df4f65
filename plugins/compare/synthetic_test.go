package compare_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/plugins/compare"
	"github.com/openml-dash/openml-dash/sdk"
	sdkcompare "github.com/openml-dash/openml-dash/sdk/compare"
	"github.com/openml-dash/openml-dash/sdk/openml"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

// fakeRun is a run description written for a test.
type fakeRun struct {
	id, task, flow int64
	flowName       string
	taskType       string
	// perFold holds each measure's values fold by fold, repeats one after
	// the other, folds per repeat.
	perFold map[string][]float64
	folds   int
	overall map[string]float64
	params  []openml.ParameterSetting
	// predictions, when set, is its predictions file's content.
	predictions string
}

func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func (f fakeRun) xml() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<oml:run %s><oml:run_id>%d</oml:run_id><oml:uploader>4</oml:uploader><oml:uploader_name>Tess Ter</oml:uploader_name>`, ns, f.id)
	fmt.Fprintf(&b, `<oml:task_id>%d</oml:task_id>`, f.task)
	if f.taskType != "" {
		fmt.Fprintf(&b, `<oml:task_type>%s</oml:task_type>`, f.taskType)
	}
	fmt.Fprintf(&b, `<oml:flow_id>%d</oml:flow_id><oml:flow_name>%s</oml:flow_name>`, f.flow, f.flowName)
	for _, p := range f.params {
		fmt.Fprintf(&b, `<oml:parameter_setting><oml:name>%s</oml:name><oml:value>%s</oml:value>`, p.Name, p.Value)
		if p.Component != "" {
			fmt.Fprintf(&b, `<oml:component>%s</oml:component>`, p.Component)
		}
		b.WriteString(`</oml:parameter_setting>`)
	}
	b.WriteString(`<oml:output_data>`)
	if f.predictions != "" {
		fmt.Fprintf(&b, `<oml:file><oml:file_id>%d</oml:file_id><oml:name>predictions</oml:name><oml:url>%s/data/download/%d/p.arff</oml:url></oml:file>`, f.id, testServer, f.id)
	}
	for m, v := range f.overall {
		fmt.Fprintf(&b, `<oml:evaluation><oml:name>%s</oml:name><oml:value>%s</oml:value></oml:evaluation>`, m, num(v))
	}
	for m, vs := range f.perFold {
		folds := f.folds
		if folds == 0 {
			folds = len(vs)
		}
		for i, v := range vs {
			fmt.Fprintf(&b, `<oml:evaluation repeat="%d" fold="%d"><oml:name>%s</oml:name><oml:value>%s</oml:value></oml:evaluation>`, i/folds, i%folds, m, num(v))
		}
	}
	b.WriteString(`</oml:output_data></oml:run>`)
	return []byte(b.String())
}

// taskXML is task id of type typ with an estimation procedure (none when
// procedure is "") and measure.
func taskXML(id int64, typ, procedure string, folds, repeats int, percentage, measure string) []byte {
	est := ""
	if procedure != "" {
		est = fmt.Sprintf(`<oml:input name="estimation_procedure"><oml:estimation_procedure><oml:type>%s</oml:type>
<oml:parameter name="number_repeats">%d</oml:parameter><oml:parameter name="number_folds">%d</oml:parameter>
<oml:parameter name="percentage">%s</oml:parameter></oml:estimation_procedure></oml:input>`, procedure, repeats, folds, percentage)
	}
	return []byte(fmt.Sprintf(`<oml:task %s><oml:task_id>%d</oml:task_id><oml:task_type>%s</oml:task_type>%s
<oml:input name="evaluation_measures"><oml:evaluation_measures><oml:evaluation_measure>%s</oml:evaluation_measure></oml:evaluation_measures></oml:input></oml:task>`,
		ns, id, typ, est, measure))
}

// answers is a fake host's answers for runs and other API paths.
func answers(runs []fakeRun, extra map[string][]byte) *sdktest.Host {
	m := map[string][]byte{}
	for _, r := range runs {
		m[fmt.Sprintf("run/%d", r.id)] = r.xml()
		if r.predictions != "" {
			m[fmt.Sprintf("data/download/%d/p.arff", r.id)] = []byte(r.predictions)
		}
	}
	for k, v := range extra {
		m[k] = v
	}
	return sdktest.Answers(m)
}

// Three runs of task 7 (10-fold cross-validation) with known scores.
var (
	acc101 = []float64{0.80, 0.82, 0.78, 0.85, 0.81, 0.79, 0.83, 0.80, 0.84, 0.82}
	// 102 is better than 101 on 8 folds, worse on fold 5, equal on fold 7.
	acc102 = []float64{0.82, 0.85, 0.79, 0.87, 0.85, 0.78, 0.85, 0.80, 0.87, 0.83}
	// 103 is worse than 101 on every fold.
	acc103 = []float64{0.70, 0.72, 0.69, 0.75, 0.71, 0.70, 0.73, 0.70, 0.74, 0.72}
	// rmse (lower is better): 102 is lower than 101 on 7 folds.
	rmse101 = []float64{0.30, 0.31, 0.29, 0.33, 0.30, 0.32, 0.31, 0.30, 0.29, 0.30}
	rmse102 = []float64{0.28, 0.30, 0.28, 0.31, 0.29, 0.33, 0.30, 0.31, 0.28, 0.32}
)

func threeRuns() []fakeRun {
	mk := func(id, flow int64, acc, rmse []float64) fakeRun {
		r := fakeRun{id: id, task: 7, flow: flow, flowName: fmt.Sprintf("weka.Algo%d(1)", flow), taskType: "Supervised Classification",
			perFold: map[string][]float64{"predictive_accuracy": acc}, overall: map[string]float64{"predictive_accuracy": mean(acc)}}
		if rmse != nil {
			r.perFold["root_mean_squared_error"] = rmse
		}
		return r
	}
	return []fakeRun{mk(101, 1, acc101, rmse101), mk(102, 2, acc102, rmse102), mk(103, 3, acc103, nil)}
}

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func diff(a, b []float64) []float64 {
	out := make([]float64, len(a))
	for i := range a {
		out[i] = a[i] - b[i]
	}
	return out
}

func task7() map[string][]byte {
	return map[string][]byte{"task/7": taskXML(7, "Supervised Classification", "crossvalidation", 10, 1, "", "predictive_accuracy")}
}

func foldRequest(ref sdk.EntityRef, measure, reference string) *sdk.CallbackRequest {
	req := &sdk.CallbackRequest{Ref: ref, ID: compare.FoldCallback, Inputs: []sdk.Arg{
		{Ref: sdk.Input(compare.MeasureSelect, sdk.PropValue), Value: sdk.StrValue(measure)},
	}}
	if reference != "" {
		req.Inputs = append(req.Inputs, sdk.Arg{Ref: sdk.Input(compare.ReferenceSelect, sdk.PropValue), Value: sdk.StrValue(reference)})
	}
	return req
}

func TestManifest(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, compare.New(), sdktest.Answers(nil))
	assert.Equal(t, sdk.Manifest{Name: "compare", Version: "0.1.0", Order: sdk.OrderCore, Kinds: []sdk.Kind{sdk.KindRunComparison}}, h.Manifest)
}

// TestFolds_threeRuns: each run against the first, with the differences,
// fold counts and both tests as sdk/compare gives them on the scores.
func TestFolds_threeRuns(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, compare.New(), answers(threeRuns(), task7()))
	ref := comparison(t, testServer, 101, 102, 103)
	page, err := h.Layout(ref)
	require.NoError(t, err)
	assert.Equal(t, "3 runs on task 7", page.Title)
	folds := sdktest.TabChildren(t, page, "folds")

	refSel := sdktest.Find[*sdk.Select](t, folds, compare.ReferenceSelect)
	assert.Equal(t, []sdk.Option{{Label: "run 101 (Algo1)", Value: "101"}, {Label: "run 102 (Algo2)", Value: "102"}, {Label: "run 103 (Algo3)", Value: "103"}}, refSel.Options)
	assert.Equal(t, []string{"101"}, refSel.Values, "the first run is the reference")
	assert.Equal(t, sdk.Options("predictive_accuracy", "root_mean_squared_error"), sdktest.Find[*sdk.Select](t, folds, compare.MeasureSelect).Options,
		"measures two runs have per fold")
	var cb *sdk.Callback
	for i := range page.Callbacks {
		if page.Callbacks[i].ID == compare.FoldCallback {
			cb = &page.Callbacks[i]
		}
	}
	require.NotNil(t, cb)
	assert.Equal(t, []sdk.PropRef{sdk.Input(compare.MeasureSelect, sdk.PropValue), sdk.Input(compare.ReferenceSelect, sdk.PropValue)}, cb.Inputs)
	assert.True(t, cb.PreventInitialCall)

	ft := sdktest.Find[*sdk.Table](t, folds, compare.FoldTable)
	assert.Equal(t, []string{"fold", "run-101", "run-102", "run-103", "diff-102", "diff-103"}, columnIDs(ft))
	assert.Equal(t, "102 − 101", ft.Columns[4].Title)
	assert.Equal(t, acc102, numbers(column(t, ft, "run-102")))
	assert.InDeltaSlice(t, diff(acc102, acc101), numbers(column(t, ft, "diff-102")), 1e-12)
	assert.InDeltaSlice(t, diff(acc103, acc101), numbers(column(t, ft, "diff-103")), 1e-12)

	w2, err := sdkcompare.Wilcoxon(acc102, acc101)
	require.NoError(t, err)
	t2, err := sdkcompare.CorrectedTTest(acc102, acc101, 0.1)
	require.NoError(t, err)
	w3, err := sdkcompare.Wilcoxon(acc103, acc101)
	require.NoError(t, err)
	t3, err := sdkcompare.CorrectedTTest(acc103, acc101, 0.1)
	require.NoError(t, err)
	require.Equal(t, sdkcompare.WilcoxonNormal, w2.Method, "a zero difference: SciPy's normal approximation")
	require.Equal(t, sdkcompare.WilcoxonExact, w3.Method)
	require.InDelta(t, 2.0/1024, w3.PValue, 1e-15, "all ten differences one way: the exact two-sided p")

	tt := sdktest.Find[*sdk.Table](t, folds, compare.TestsTable)
	require.Len(t, tt.Rows, 2)
	assert.Equal(t, []string{"102", "103"}, texts(column(t, tt, "run")))
	assert.Equal(t, []string{"101", "101"}, texts(column(t, tt, "reference")))
	assert.Equal(t, []float64{10, 10}, numbers(column(t, tt, "folds")))
	assert.Equal(t, []float64{8, 0}, numbers(column(t, tt, "better")))
	assert.Equal(t, []float64{1, 10}, numbers(column(t, tt, "worse")))
	assert.Equal(t, []float64{1, 0}, numbers(column(t, tt, "equal")))
	assert.InDeltaSlice(t, []float64{t2.MeanDiff, t3.MeanDiff}, numbers(column(t, tt, "mean_diff")), 1e-12)
	assert.InDeltaSlice(t, []float64{w2.Statistic, w3.Statistic}, numbers(column(t, tt, "wilcoxon_w")), 1e-12)
	assert.InDeltaSlice(t, []float64{w2.PValue, w3.PValue}, numbers(column(t, tt, "wilcoxon_p")), 1e-12)
	assert.Equal(t, []string{"normal", "exact"}, texts(column(t, tt, "wilcoxon_method")))
	assert.InDeltaSlice(t, []float64{t2.T, t3.T}, numbers(column(t, tt, "t")), 1e-12)
	assert.Equal(t, []float64{9, 9}, numbers(column(t, tt, "df")))
	assert.InDeltaSlice(t, []float64{t2.PValue, t3.PValue}, numbers(column(t, tt, "t_p")), 1e-12)

	p := func(x float64) string { return strconv.FormatFloat(x, 'g', 2, 64) }
	md := markdowns(folds)
	assert.Contains(t, md, fmt.Sprintf("Run 102 is better than run 101 on 8 of 10 folds (equal on 1); the difference is %s at 5%% (Wilcoxon p = %s, corrected t-test p = %s).",
		significance(w2.PValue, t2.PValue), p(w2.PValue), p(t2.PValue)))
	assert.Contains(t, md, fmt.Sprintf("Run 101 is better than run 103 on 10 of 10 folds; the difference is significant at 5%% (Wilcoxon p = %s, corrected t-test p = %s).",
		p(w3.PValue), "< 0.001"))
	assert.Less(t, t3.PValue, 0.001)
	assert.Contains(t, md[len(md)-1], "no correction for the several tests")
	assert.Contains(t, md[len(md)-1], "1/10 of the data, as task 7's estimation procedure is 10-fold cross-validation.")

	chart := sdktest.Find[*sdk.Chart](t, folds, compare.FoldChart)
	assert.Equal(t, []string{"run 101", "run 102", "run 103"}, seriesNames(chart))
	assert.Equal(t, []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}, chart.X.Categories)
	assert.Equal(t, acc103, chart.Series[2].Y)

	// Run 103 as the reference.
	patch, err := h.Callback(foldRequest(ref, "predictive_accuracy", "103"))
	require.NoError(t, err)
	cs := filled(t, patch)
	ft = sdktest.Find[*sdk.Table](t, cs, compare.FoldTable)
	assert.Equal(t, []string{"fold", "run-101", "run-102", "run-103", "diff-101", "diff-102"}, columnIDs(ft))
	assert.InDeltaSlice(t, diff(acc101, acc103), numbers(column(t, ft, "diff-101")), 1e-12)
	tt = sdktest.Find[*sdk.Table](t, cs, compare.TestsTable)
	assert.Equal(t, []float64{10, 10}, numbers(column(t, tt, "better")), "both beat run 103 on every fold")

	// A lower-is-better measure: fewer errors count as better.
	patch, err = h.Callback(foldRequest(ref, "root_mean_squared_error", "101"))
	require.NoError(t, err)
	cs = filled(t, patch)
	tt = sdktest.Find[*sdk.Table](t, cs, compare.TestsTable)
	require.Len(t, tt.Rows, 2)
	assert.Equal(t, []float64{7, 0}, numbers(column(t, tt, "better")))
	assert.Equal(t, []float64{3, 0}, numbers(column(t, tt, "worse")))
	assert.Equal(t, []float64{10, 0}, numbers(column(t, tt, "folds")), "run 103 has no rmse per fold")
	assert.Contains(t, markdowns(cs)[0], "(lower is better)")
	assert.Contains(t, markdowns(cs), `Run 101 and run 103 share 0 folds with a value of root\_mean\_squared\_error: too few to test.`)
	ft = sdktest.Find[*sdk.Table](t, cs, compare.FoldTable)
	assert.True(t, column(t, ft, "run-103")[0].Missing)
	assert.True(t, column(t, ft, "diff-103")[0].Missing)
}

func significance(pw, pt float64) string {
	if pw < 0.05 && pt < 0.05 {
		return "significant"
	}
	return "not significant"
}

// TestFolds_testShare: the corrected t-test's test share comes from the
// task's estimation procedure, or from the folds when the task cannot be
// read; each way is said.
func TestFolds_testShare(t *testing.T) {
	t.Parallel()
	// Run 102's first ten values over 2 repeats of 5 folds.
	cases := map[string]struct {
		task  []byte
		folds int
		share float64
		note  string
	}{
		"repeated cross-validation": {taskXML(7, "Supervised Classification", "crossvalidation", 5, 2, "", ""), 5, 0.2,
			"takes each test fold to hold 1/5 of the data, as task 7's estimation procedure is 5-fold cross-validation repeated 2 times."},
		"holdout": {taskXML(7, "Supervised Classification", "holdout", 1, 5, "33", ""), 1, 0.33,
			"takes each test set to hold 33% of the data, the test percentage of task 7's holdout."},
		"task not loaded": {nil, 5, 0.2,
			"task 7's estimation procedure is not known here, so it assumes 5-fold cross-validation, as the values come in 5 folds: 1/5."},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			runs := threeRuns()[:2]
			for i := range runs {
				runs[i].folds = c.folds
				delete(runs[i].perFold, "root_mean_squared_error")
			}
			extra := map[string][]byte{}
			if c.task != nil {
				extra["task/7"] = c.task
			}
			h := sdktest.Run(t, compare.New(), answers(runs, extra))
			page, err := h.Layout(comparison(t, testServer, 101, 102))
			require.NoError(t, err)
			folds := sdktest.TabChildren(t, page, "folds")
			want, err := sdkcompare.CorrectedTTest(acc102, acc101, c.share)
			require.NoError(t, err)
			tt := sdktest.Find[*sdk.Table](t, folds, compare.TestsTable)
			assert.InDelta(t, want.PValue, column(t, tt, "t_p")[0].Number, 1e-12)
			md := markdowns(folds)
			assert.Contains(t, md[len(md)-1], c.note)
			ft := sdktest.Find[*sdk.Table](t, folds, compare.FoldTable)
			if c.folds == 5 {
				assert.Equal(t, []float64{0, 0, 0, 0, 0, 1, 1, 1, 1, 1}, numbers(column(t, ft, "repeat")))
				assert.Equal(t, []float64{0, 1, 2, 3, 4, 0, 1, 2, 3, 4}, numbers(column(t, ft, "fold")))
				chart := sdktest.Find[*sdk.Chart](t, folds, compare.FoldChart)
				assert.Equal(t, "Repeat/fold", chart.X.Title)
				assert.Equal(t, "1/4", chart.X.Categories[9])
			}
		})
	}
}

// TestLayout_missingRun: a run that cannot be loaded is named, and the
// others are compared without it while two remain.
func TestLayout_missingRun(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, compare.New(), answers(threeRuns(), task7()))

	page, err := h.Layout(comparison(t, testServer, 101, 999, 102))
	require.NoError(t, err)
	assert.Equal(t, "Runs 101 and 102 on task 7", page.Title)
	assert.Equal(t, []string{"overview", "folds", "curves", "parameters"}, tabIDs(page))
	overview := sdktest.TabChildren(t, page, "overview")
	assert.Nil(t, page.Notice, "two runs are left to compare")
	notices := sdktest.All[*sdk.Notice](overview)
	require.Len(t, notices, 1)
	assert.Equal(t, "Run 999 could not be loaded", notices[0].Summary)
	assert.Contains(t, notices[0].Detail, "no answer for run/999")
	assert.Equal(t, []string{"101", "102"}, texts(column(t, sdktest.Find[*sdk.Table](t, overview, compare.RunsTable), "run")))
	ft := sdktest.Find[*sdk.Table](t, sdktest.TabChildren(t, page, "folds"), compare.FoldTable)
	assert.Equal(t, []string{"fold", "run-101", "run-102", "diff-102"}, columnIDs(ft))
	assert.Empty(t, sdktest.All[*sdk.Select](sdktest.TabChildren(t, page, "folds"))[1:], "two runs left: no reference to choose")

	page, err = h.Layout(comparison(t, testServer, 101, 999))
	require.NoError(t, err)
	assert.Equal(t, "Runs 101 and 999", page.Title)
	assert.Equal(t, []string{"overview"}, tabIDs(page), "one run: nothing to compare")
	require.NotNil(t, page.Notice)
	assert.Equal(t, "Only run 101 could be loaded: there is nothing to compare it with", page.Notice.Summary)
	notices = sdktest.All[*sdk.Notice](sdktest.TabChildren(t, page, "overview"))
	require.Len(t, notices, 1)
	assert.Equal(t, "Run 999 could not be loaded", notices[0].Summary)
	assert.Empty(t, page.Callbacks)

	_, err = h.Layout(comparison(t, testServer, 998, 999))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "none of runs 998,999 could be loaded")
	assert.Contains(t, err.Error(), "no answer for run/998")

	_, err = h.Layout(sdk.EntityRef{Server: testServer, Kind: sdk.KindRun, ID: 101})
	assert.ErrorContains(t, err, "is a run reference, not a run comparison")
}

// TestParameters_diff: parameters are matched by name and component; the
// ones that differ, or that only some runs set, come first in bold; the
// ones set alike are folded until the box is ticked.
func TestParameters_diff(t *testing.T) {
	t.Parallel()
	ps := func(kv ...string) []openml.ParameterSetting {
		var out []openml.ParameterSetting
		for i := 0; i < len(kv); i += 3 {
			out = append(out, openml.ParameterSetting{Name: kv[i], Value: kv[i+1], Component: kv[i+2]})
		}
		return out
	}
	runs := threeRuns()[:2]
	runs[0].params = ps("depth", "3", "", "seed", "1", "", "C", "1.0", "svm", "kernel", "rbf", "", "C", "2.0", "other")
	runs[1].params = ps("depth", "5", "", "seed", "1", "", "C", "1.0", "svm", "gamma", "0.1", "", "C", "2.0", "other")
	h := sdktest.Run(t, compare.New(), answers(runs, task7()))
	ref := comparison(t, testServer, 101, 102)
	page, err := h.Layout(ref)
	require.NoError(t, err)
	params := sdktest.TabChildren(t, page, "parameters")
	assert.Equal(t, "3 of 6 parameters differ between the runs, or are set by some runs only: they are listed in bold, and the 3 set alike are folded below them. "+
		"Parameters are matched by name and component. The runs use 2 different flows, so a parameter one flow lacks shows as missing.", markdowns(params)[0])
	pt := sdktest.Find[*sdk.Table](t, params, compare.ParametersTable)
	assert.Equal(t, []string{"name", "component", "differs", "run-101", "run-102"}, columnIDs(pt))
	assert.Equal(t, []string{"depth", "kernel", "gamma"}, texts(column(t, pt, "name")))
	assert.Equal(t, []string{"3", "rbf", "<missing>"}, texts(column(t, pt, "run-101")))
	assert.Equal(t, []string{"5", "<missing>", "0.1"}, texts(column(t, pt, "run-102")))
	for _, r := range pt.Rows {
		assert.True(t, r.Emphasis)
	}
	box := sdktest.Find[*sdk.Checklist](t, params, compare.SameChecklist)
	assert.Equal(t, []sdk.Option{{Label: "Show the 3 parameters every run sets alike", Value: compare.ShowSame}}, box.Options)
	assert.Empty(t, box.Values)

	call := func(values ...string) *sdk.Table {
		patch, err := h.Callback(&sdk.CallbackRequest{Ref: ref, ID: compare.ParametersCallback,
			Inputs: []sdk.Arg{{Ref: sdk.Input(compare.SameChecklist, sdk.PropValue), Value: sdk.StrsValue(values)}}})
		require.NoError(t, err)
		return sdktest.Find[*sdk.Table](t, filled(t, patch), compare.ParametersTable)
	}
	pt = call(compare.ShowSame)
	assert.Equal(t, []string{"depth", "kernel", "gamma", "seed", "C", "C"}, texts(column(t, pt, "name")))
	assert.Equal(t, []string{"<missing>", "<missing>", "<missing>", "<missing>", "svm", "other"}, texts(column(t, pt, "component")))
	assert.Equal(t, []string{"differs", "differs", "differs", "same", "same", "same"}, texts(column(t, pt, "differs")))
	assert.False(t, pt.Rows[3].Emphasis)
	assert.Len(t, call().Rows, 3, "folded again")
}

// TestCurves_binary: a binary task has no class to choose; the positive
// class is the second, and a run without predictions is named.
func TestCurves_binary(t *testing.T) {
	t.Parallel()
	arff := func(rows string) string {
		return "@relation p\n@attribute repeat numeric\n@attribute fold numeric\n@attribute row_id numeric\n" +
			"@attribute prediction {neg,pos}\n@attribute truth {neg,pos}\n@attribute confidence.neg numeric\n@attribute confidence.pos numeric\n@data\n" + rows
	}
	runs := threeRuns()
	runs[0].predictions = arff("0,0,0,neg,neg,0.9,0.1\n0,0,1,neg,pos,0.6,0.4\n0,1,2,pos,neg,0.3,0.7\n0,1,3,pos,pos,0.2,0.8\n0,1,4,neg,neg,0.55,0.45\n")
	runs[1].predictions = arff("0,0,0,neg,neg,0.8,0.2\n0,0,1,pos,pos,0.3,0.7\n0,1,2,neg,neg,0.6,0.4\n0,1,3,pos,pos,0.1,0.9\n0,1,4,neg,neg,0.7,0.3\n")
	h := sdktest.Run(t, compare.New(), answers(runs, task7()))
	page, err := h.Layout(comparison(t, testServer, 101, 102, 103))
	require.NoError(t, err)
	curves := sdktest.TabChildren(t, page, "curves")
	assert.Empty(t, sdktest.All[*sdk.Select](curves), "two classes: nothing to choose")
	for _, cb := range page.Callbacks {
		assert.NotEqual(t, compare.CurvesCallback, cb.ID)
	}
	dir := t.TempDir()
	aucs := make([]float64, 2)
	for i := range aucs {
		path := filepath.Join(dir, fmt.Sprint(i))
		require.NoError(t, os.WriteFile(path, []byte(runs[i].predictions), 0o600))
		aucs[i] = mannWhitneyAUC(t, arffRows(t, path), "pos")
	}
	require.InDelta(t, 4.0/6, aucs[0], 1e-12)
	require.InDelta(t, 1.0, aucs[1], 1e-12)
	roc := sdktest.Find[*sdk.Chart](t, curves, compare.ROCChart)
	assert.Equal(t, "ROC curves, positive class pos", roc.Title)
	assert.Equal(t, []string{fmt.Sprintf("run 101 (AUC %.3f)", aucs[0]), "run 102 (AUC 1.000)"}, seriesNames(roc))
	areas := sdktest.Find[*sdk.Table](t, curves, compare.AreasTable)
	assert.InDeltaSlice(t, aucs, numbers(column(t, areas, "roc_auc")), 1e-12)
	assert.Equal(t, []float64{3.0 / 5, 1}, numbers(column(t, areas, "accuracy")))
	assert.True(t, math.IsNaN(numbers(column(t, areas, "openml_auc"))[0]), "the runs give no per-class AUC")
	notices := sdktest.All[*sdk.Notice](curves)
	require.Len(t, notices, 1)
	assert.Equal(t, "No curves for run 103", notices[0].Summary)
	assert.Equal(t, "run 103 (it has no predictions file).", notices[0].Detail)
}

func TestCurves_regression(t *testing.T) {
	t.Parallel()
	runs := threeRuns()[:2]
	for i := range runs {
		runs[i].taskType = "Supervised Regression"
	}
	h := sdktest.Run(t, compare.New(), answers(runs, nil))
	page, err := h.Layout(comparison(t, testServer, 101, 102))
	require.NoError(t, err)
	notices := sdktest.All[*sdk.Notice](sdktest.TabChildren(t, page, "curves"))
	require.Len(t, notices, 1)
	assert.Equal(t, "ROC and precision-recall curves are drawn for classification tasks only", notices[0].Summary)
	runsTable := sdktest.Find[*sdk.Table](t, sdktest.TabChildren(t, page, "overview"), compare.RunsTable)
	assert.Equal(t, []string{"run", "flow", "uploader", "uploaded", "root_mean_squared_error", "mean_absolute_error"}, columnIDs(runsTable),
		"regression's measures; the runs give no overall rmse, so the cells are missing")
	assert.True(t, runsTable.Rows[0].Cells[4].Missing)
}

func TestCallback_unknown(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, compare.New(), sdktest.Answers(nil))
	_, err := h.Callback(&sdk.CallbackRequest{Ref: comparison(t, testServer, 1, 2), ID: "nope"})
	assert.ErrorContains(t, err, `no handler for callback "nope"`)
}

// TestCallback_runsGone: a callback whose runs cannot be loaded again
// says so in its slot.
func TestCallback_runsGone(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, compare.New(), sdktest.Answers(nil))
	patch, err := h.Callback(foldRequest(comparison(t, testServer, 101, 102), "predictive_accuracy", ""))
	require.NoError(t, err)
	notices := sdktest.All[*sdk.Notice](filled(t, patch))
	require.Len(t, notices, 1)
	assert.Equal(t, "The runs could not be loaded", notices[0].Summary)
}

// TestLayout_loadsRunsInParallel: every run is asked for before any
// answer comes back.
func TestLayout_loadsRunsInParallel(t *testing.T) {
	t.Parallel()
	api := answers(threeRuns(), task7())
	var mu sync.Mutex
	asked := 0
	all := make(chan struct{})
	h := sdktest.Run(t, compare.New(), &sdktest.Host{FetchFunc: func(ctx context.Context, req sdk.FetchRequest) (*sdk.FetchResponse, error) {
		if strings.HasPrefix(req.Path, "run/1") {
			mu.Lock()
			if asked++; asked == 3 {
				close(all)
			}
			mu.Unlock()
			select {
			case <-all:
			case <-time.After(10 * time.Second):
				return nil, errors.New("the runs were asked for one after another")
			}
		}
		return api.Fetch(ctx, req)
	}})
	page, err := h.Layout(comparison(t, testServer, 101, 102, 103))
	require.NoError(t, err)
	assert.Equal(t, "3 runs on task 7", page.Title)
	assert.Empty(t, sdktest.All[*sdk.Notice](sdktest.TabChildren(t, page, "overview")))
}
