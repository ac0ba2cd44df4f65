package run_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/internal/recordings"
	"github.com/openml-dash/openml-dash/plugins/run"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

// twoRepeats has measures given whole-run, per fold over two repeats, only
// per fold, only as array data, and a fold listed twice.
const twoRepeats = `
<oml:evaluation><oml:name>predictive_accuracy</oml:name><oml:flow_id>36</oml:flow_id><oml:value>0.8</oml:value></oml:evaluation>
<oml:evaluation><oml:name>precision</oml:name><oml:flow_id>35</oml:flow_id><oml:value>0.7</oml:value><oml:array_data>[0.6,0.8]</oml:array_data></oml:evaluation>
<oml:evaluation><oml:name>confusion_matrix</oml:name><oml:flow_id>10</oml:flow_id><oml:array_data>[[3,1],[1,5]]</oml:array_data></oml:evaluation>
<oml:evaluation><oml:name>root_mean_squared_error</oml:name><oml:value>0.4</oml:value></oml:evaluation>
<oml:evaluation repeat="0" fold="0"><oml:name>predictive_accuracy</oml:name><oml:value>0.7</oml:value></oml:evaluation>
<oml:evaluation repeat="0" fold="1"><oml:name>predictive_accuracy</oml:name><oml:value>0.9</oml:value></oml:evaluation>
<oml:evaluation repeat="0" fold="1"><oml:name>predictive_accuracy</oml:name><oml:value>0.9</oml:value></oml:evaluation>
<oml:evaluation repeat="1" fold="0"><oml:name>predictive_accuracy</oml:name><oml:value>0.6</oml:value></oml:evaluation>
<oml:evaluation repeat="1" fold="1"><oml:name>predictive_accuracy</oml:name><oml:value>1.0</oml:value></oml:evaluation>
<oml:evaluation repeat="0" fold="0"><oml:name>root_mean_squared_error</oml:name><oml:value>0.3</oml:value></oml:evaluation>
<oml:evaluation repeat="1" fold="0"><oml:name>root_mean_squared_error</oml:name><oml:value>0.5</oml:value></oml:evaluation>
<oml:evaluation repeat="0" fold="0"><oml:name>usercpu_time_millis</oml:name><oml:value>12</oml:value></oml:evaluation>`

// rows gives the evaluations table's rows by measure, keyed by column id.
func rows(t *testing.T, tb *sdk.Table) map[string]map[string]sdk.Cell {
	t.Helper()
	out := map[string]map[string]sdk.Cell{}
	for _, r := range tb.Rows {
		m := map[string]sdk.Cell{}
		for i, c := range tb.Columns {
			m[c.ID] = r.Cells[i]
		}
		out[r.Cells[0].Text] = m
	}
	return out
}

func boxRequest(ref sdk.EntityRef, measures ...string) *sdk.CallbackRequest {
	return &sdk.CallbackRequest{
		Ref: ref, ID: run.BoxCallback,
		Inputs:    []sdk.Arg{{Ref: sdk.Input(run.MeasureSelect, sdk.PropValue), Value: sdk.StrsValue(measures)}},
		Triggered: []sdk.PropRef{sdk.Input(run.MeasureSelect, sdk.PropValue)},
	}
}

func filled(t *testing.T, p *sdk.Patch, slot string) []sdk.Component {
	t.Helper()
	require.Len(t, p.Outputs, 1)
	assert.Equal(t, sdk.Output(slot, sdk.PropChildren), p.Outputs[0].Ref)
	return p.Outputs[0].Value.Children()
}

func TestEvaluations_repeats(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, run.New(), sdktest.Answers(map[string][]byte{"run/30": runXML("Supervised Classification", twoRepeats)}))
	page, err := h.Layout(runRef)
	require.NoError(t, err)
	evals := tab(t, page, "evaluations")
	tb := sdktest.Find[*sdk.Table](t, evals, run.EvaluationsTable)
	var titles []string
	for _, c := range tb.Columns {
		titles = append(titles, c.Title)
	}
	assert.Equal(t, []string{
		"Measure", "OpenML value",
		"Mean over folds (repeat 0)", "Std. dev. over folds (repeat 0)", "Folds (repeat 0)",
		"Mean over folds (all 2 repeats)", "Std. dev. over folds (all 2 repeats)", "Folds (all 2 repeats)",
		"Per class (OpenML)",
	}, titles)
	assert.Contains(t, sdktest.All[*sdk.Text](evals)[0].Markdown, "once for the folds of all 2 repeats")

	r := rows(t, tb)
	require.Len(t, r, 5, "every measure has a row")
	acc := r["predictive_accuracy"]
	assert.Equal(t, 0.8, acc["value"].Number)
	assert.InDelta(t, 0.8, acc["mean"].Number, 1e-12)
	assert.InDelta(t, math.Sqrt(0.02), acc["sd"].Number, 1e-12, "sample std. dev. of 0.7 and 0.9; the repeated fold counts once")
	assert.Equal(t, 2.0, acc["folds"].Number)
	// numpy: np.mean([0.7, 0.9, 0.6, 1.0]) = 0.8, np.std(..., ddof=1) = 0.18257418583505536.
	assert.InDelta(t, 0.8, acc["mean_all"].Number, 1e-12)
	assert.InDelta(t, 0.18257418583505536, acc["sd_all"].Number, 1e-12)
	assert.Equal(t, 4.0, acc["folds_all"].Number)
	assert.True(t, acc["per_class"].Missing)

	prec := r["precision"]
	assert.Equal(t, 0.7, prec["value"].Number)
	assert.Equal(t, "[0.6,0.8]", prec["per_class"].Text)
	assert.True(t, prec["mean"].Missing && prec["folds"].Missing, "no folds")
	cm := r["confusion_matrix"]
	assert.True(t, cm["value"].Missing, "array-only measures have no value")
	assert.Equal(t, "[[3,1],[1,5]]", cm["per_class"].Text)
	rmse := r["root_mean_squared_error"]
	assert.Equal(t, 0.3, rmse["mean"].Number)
	assert.True(t, rmse["sd"].Missing, "one fold in repeat 0 gives no spread")
	assert.InDelta(t, 0.4, rmse["mean_all"].Number, 1e-12)
	cpu := r["usercpu_time_millis"]
	assert.True(t, cpu["value"].Missing, "a per-fold-only measure has no whole-run value")
	assert.Equal(t, 12.0, cpu["mean"].Number)
	assert.Equal(t, 1.0, cpu["folds"].Number)

	sel := sdktest.Find[*sdk.Select](t, evals, run.MeasureSelect)
	assert.True(t, sel.Multi)
	assert.Equal(t, sdk.Options("predictive_accuracy", "root_mean_squared_error", "usercpu_time_millis"), sel.Options, "only measures with folds")
	assert.Equal(t, []string{"predictive_accuracy", "root_mean_squared_error"}, sel.Values, "no task measure: the defaults the run has")

	box := sdktest.Find[*sdk.Chart](t, evals, run.BoxChart)
	assert.Equal(t, sdk.ChartBox, box.Kind)
	assert.Equal(t, "Per-fold values (all folds of 2 repeats)", box.Title)
	assert.Equal(t, []sdk.Series{
		{Name: "predictive_accuracy", Y: []float64{0.7, 0.9, 0.6, 1.0}},
		{Name: "root_mean_squared_error", Y: []float64{0.3, 0.5}},
	}, box.Series)

	assert.Contains(t, page.Callbacks, sdk.Callback{
		ID:                 run.BoxCallback,
		Inputs:             []sdk.PropRef{sdk.Input(run.MeasureSelect, sdk.PropValue)},
		Outputs:            []sdk.PropRef{sdk.Output(run.BoxSlot, sdk.PropChildren)},
		PreventInitialCall: true,
	})
}

func TestEvaluations_oneRepeat(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, run.New(), sdktest.Answers(map[string][]byte{"run/30": runXML("", `
<oml:evaluation repeat="0" fold="0"><oml:name>kappa</oml:name><oml:value>0.5</oml:value></oml:evaluation>
<oml:evaluation repeat="0" fold="1"><oml:name>kappa</oml:name><oml:value>0.7</oml:value></oml:evaluation>`)}))
	page, err := h.Layout(runRef)
	require.NoError(t, err)
	tb := sdktest.Find[*sdk.Table](t, tab(t, page, "evaluations"), run.EvaluationsTable)
	var ids []string
	for _, c := range tb.Columns {
		ids = append(ids, c.ID)
	}
	assert.Equal(t, []string{"measure", "value", "mean", "sd", "folds", "per_class"}, ids, "no all-repeats columns")
	assert.Equal(t, "Mean over folds", tb.Columns[2].Title)
	sel := sdktest.Find[*sdk.Select](t, tab(t, page, "evaluations"), run.MeasureSelect)
	assert.Empty(t, sel.Values, "neither the task's measure nor a default measure is there")
	assert.Equal(t, "Select one or more measures to see their per-fold values.",
		sdktest.All[*sdk.Text](sdktest.Find[*sdk.Slot](t, tab(t, page, "evaluations"), run.BoxSlot).Children)[0].Markdown)
}

func TestEvaluations_noFolds(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, run.New(), sdktest.Answers(map[string][]byte{"run/30": runXML("", `
<oml:evaluation><oml:name>kappa</oml:name><oml:value>0.5</oml:value></oml:evaluation>`)}))
	page, err := h.Layout(runRef)
	require.NoError(t, err)
	evals := tab(t, page, "evaluations")
	assert.Empty(t, sdktest.All[*sdk.Select](evals))
	assert.Equal(t, "OpenML gives no per-fold values for this run, so there is nothing to plot fold by fold.", sdktest.All[*sdk.Text](evals)[1].Markdown)
	for _, cb := range page.Callbacks {
		assert.Equal(t, run.CompareCallback, cb.ID, "the evaluations tab declares no callback; only the overview's comparison offer does")
	}
}

func TestEvaluations_recorded539275(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, run.New(), sdktest.Recorded(recordings.Require(t, "www")))
	page, err := h.Layout(www)
	require.NoError(t, err)
	evals := tab(t, page, "evaluations")
	r := rows(t, sdktest.Find[*sdk.Table](t, evals, run.EvaluationsTable))
	assert.Len(t, r, 17)
	// numpy over the ten per-fold values in the run XML:
	// np.mean(v), np.std(v, ddof=1).
	want := map[string][2]float64{
		"predictive_accuracy":           {0.9466663999999998, 0.02810927530272606},
		"area_under_roc_curve":          {0.9599999999999997, 0.021081851067789214},
		"kb_relative_information_score": {13.904743999999999, 0.5772505968275633},
	}
	for name, w := range want {
		assert.InDelta(t, w[0], r[name]["mean"].Number, 1e-9, name)
		assert.InDelta(t, w[1], r[name]["sd"].Number, 1e-9, name)
		assert.Equal(t, 10.0, r[name]["folds"].Number, name)
	}
	assert.InDelta(t, 0.946667, r["predictive_accuracy"]["value"].Number, 1e-12)
	// All ten folds give 0.444444: exactly no spread, not rounding noise.
	assert.Equal(t, 0.0, r["mean_prior_absolute_error"]["sd"].Number)
	assert.Equal(t, 0.444444, r["mean_prior_absolute_error"]["mean"].Number)
	assert.Equal(t, "[1,0.94,0.94]", r["area_under_roc_curve"]["per_class"].Text)

	sel := sdktest.Find[*sdk.Select](t, evals, run.MeasureSelect)
	assert.Len(t, sel.Options, 17)
	assert.Equal(t, []string{"predictive_accuracy"}, sel.Values, "the task's measure")
	box := sdktest.Find[*sdk.Chart](t, evals, run.BoxChart)
	require.Len(t, box.Series, 1)
	assert.Equal(t, []float64{0.933333, 1, 0.933333, 0.933333, 0.933333, 0.933333, 1, 0.933333, 0.933333, 0.933333}, box.Series[0].Y)

	patch, err := h.Callback(boxRequest(www, "kb_relative_information_score", "area_under_roc_curve"))
	require.NoError(t, err)
	children := filled(t, patch, run.BoxSlot)
	require.Len(t, children, 1)
	chart := children[0].(*sdk.Chart)
	assert.Equal(t, "Per-fold values", chart.Title)
	require.Len(t, chart.Series, 2)
	assert.Equal(t, "kb_relative_information_score", chart.Series[0].Name, "in the order selected")
	assert.Equal(t, []float64{13.63093, 15, 13.63093, 13.63093, 13.63093, 13.63093, 15, 13.63093, 13.63093, 13.63093}, chart.Series[0].Y)
	assert.Equal(t, "area_under_roc_curve", chart.Series[1].Name)
	assert.Equal(t, []float64{0.95, 1, 0.95, 0.95, 0.95, 0.95, 1, 0.95, 0.95, 0.95}, chart.Series[1].Y)
}

func TestEvaluations_recorded220(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, run.New(), sdktest.Recorded(recordings.Require(t, "test")))
	ref := sdk.EntityRef{Server: "https://test.openml.org", Kind: sdk.KindRun, ID: 220}
	page, err := h.Layout(ref)
	require.NoError(t, err)
	acc := rows(t, sdktest.Find[*sdk.Table](t, tab(t, page, "evaluations"), run.EvaluationsTable))["predictive_accuracy"]
	// numpy over the per-fold predictive_accuracy of run 220 (5 repeats of
	// 2 folds): repeat 0 mean 0.766348, std (ddof=1) 0.045783749868266596;
	// all ten 0.7526317, 0.02700902272307453.
	assert.InDelta(t, 0.766348, acc["mean"].Number, 1e-9)
	assert.InDelta(t, 0.045783749868266596, acc["sd"].Number, 1e-9)
	assert.Equal(t, 2.0, acc["folds"].Number)
	assert.InDelta(t, 0.7526317, acc["mean_all"].Number, 1e-9)
	assert.InDelta(t, 0.02700902272307453, acc["sd_all"].Number, 1e-9)
	assert.Equal(t, 10.0, acc["folds_all"].Number)
	assert.Equal(t, "Mean over folds (all 5 repeats)", sdktest.Find[*sdk.Table](t, tab(t, page, "evaluations"), run.EvaluationsTable).Columns[5].Title)
	// Task 20 names no measure; run 220 neither.
	assert.Equal(t, []string{"predictive_accuracy", "area_under_roc_curve", "root_mean_squared_error"},
		sdktest.Find[*sdk.Select](t, tab(t, page, "evaluations"), run.MeasureSelect).Values)
}

func TestBoxes_callback(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, run.New(), sdktest.Answers(map[string][]byte{"run/30": runXML("", twoRepeats)}))
	cases := map[string]struct {
		selected []string
		series   []string
		note     string
	}{
		"one":            {[]string{"usercpu_time_millis"}, []string{"usercpu_time_millis"}, ""},
		"none":           {nil, nil, "Select one or more measures to see their per-fold values."},
		"without folds":  {[]string{"precision", "predictive_accuracy"}, []string{"predictive_accuracy"}, "No per-fold values for: precision."},
		"unknown":        {[]string{"made_up"}, nil, "No per-fold values for: made\\_up."},
		"all with folds": {[]string{"root_mean_squared_error", "predictive_accuracy"}, []string{"root_mean_squared_error", "predictive_accuracy"}, ""},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			patch, err := h.Callback(boxRequest(runRef, c.selected...))
			require.NoError(t, err)
			children := filled(t, patch, run.BoxSlot)
			var series []string
			for _, ch := range sdktest.All[*sdk.Chart](children) {
				for _, s := range ch.Series {
					series = append(series, s.Name)
				}
			}
			assert.Equal(t, c.series, series)
			if c.note == "" {
				assert.Empty(t, sdktest.All[*sdk.Text](children))
			} else {
				assert.Equal(t, c.note, sdktest.All[*sdk.Text](children)[0].Markdown)
			}
		})
	}
}

func TestBoxes_runFails(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, run.New(), sdktest.Answers(nil))
	patch, err := h.Callback(boxRequest(runRef, "kappa"))
	require.NoError(t, err, "a failing part answers with a Notice")
	n := filled(t, patch, run.BoxSlot)[0].(*sdk.Notice)
	assert.Equal(t, sdk.Warning, n.Level)
	assert.Contains(t, n.Detail, "no answer for run/30")
}
