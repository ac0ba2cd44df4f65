package run_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/plugins/internal/evalviewtest"
	"github.com/openml-dash/openml-dash/plugins/run"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

// evaluatedRun is run 30 (flow 20, task 5) with an overall accuracy and
// AUC.
func evaluatedRun() []byte {
	return runXML("Supervised Classification", `
<oml:evaluation><oml:name>area_under_roc_curve</oml:name><oml:value>0.9</oml:value></oml:evaluation>
<oml:evaluation><oml:name>predictive_accuracy</oml:name><oml:value>0.8</oml:value></oml:evaluation>`)
}

func compareRequest(measure string) *sdk.CallbackRequest {
	return &sdk.CallbackRequest{
		Ref: runRef, ID: run.CompareCallback,
		Inputs: []sdk.Arg{{Ref: sdk.Input(run.CompareMeasure, sdk.PropValue), Value: sdk.StrValue(measure)}},
	}
}

func TestCompareWith_layout(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, run.New(), sdktest.Answers(map[string][]byte{
		"run/30": evaluatedRun(),
		"task/5": []byte(taskXML("Supervised Classification", "area_under_roc_curve")),
	}))
	page, err := h.Layout(runRef)
	require.NoError(t, err)
	overview := tab(t, page, "overview")
	sel := sdktest.Find[*sdk.Select](t, overview, run.CompareMeasure)
	assert.Equal(t, sdk.Options("area_under_roc_curve", "predictive_accuracy"), sel.Options, "the run's overall measures")
	assert.Equal(t, []string{"area_under_roc_curve"}, sel.Values, "the task's measure first")
	assert.Empty(t, sdktest.Find[*sdk.Slot](t, overview, run.CompareSlot).Children, "the callback fills it at page load")
	require.Len(t, page.Callbacks, 1)
	cb := page.Callbacks[0]
	assert.Equal(t, run.CompareCallback, cb.ID)
	assert.False(t, cb.PreventInitialCall, "the listing is read at page load, not in Layout")
	assert.Equal(t, []sdk.PropRef{sdk.Input(run.CompareMeasure, sdk.PropValue)}, cb.Inputs)
}

// TestCompareWith_bestOfOtherFlows offers the best run of each of the
// five best other flows, in the listing's order, skipping the run's own
// flow and the run itself, each linked to its comparison with the run.
func TestCompareWith_bestOfOtherFlows(t *testing.T) {
	t.Parallel()
	var evals []openml.RunEvaluation
	add := func(runID, flowID int64, v float64) {
		evals = append(evals, openml.RunEvaluation{RunID: runID, TaskID: 5, FlowID: flowID, FlowName: fmt.Sprintf("weka.Algo%d(1)", flowID),
			Function: "predictive_accuracy", Value: v, HasValue: true, UploadTime: "2020-01-01 00:00:00"})
	}
	add(30, 20, 0.8)  // the run itself
	add(31, 20, 0.99) // its flow's best: not another flow
	add(40, 1, 0.95)  // flow 1's best
	add(41, 1, 0.97)  // flow 1's better run: listed first when sorted
	add(50, 2, 0.90)  // flow 2
	add(60, 3, 0.85)  // flow 3
	add(70, 4, 0.70)  // flow 4
	add(80, 5, 0.60)  // flow 5
	add(90, 6, 0.50)  // flow 6: the sixth other flow, left out
	add(91, 7, 0.96)  // flow 7 on another task: left out
	evals[len(evals)-1].TaskID = 6
	srv := &evalviewtest.Server{Evals: evals, Answers: map[string][]byte{"run/30": evaluatedRun()}}
	h := sdktest.Run(t, run.New(), srv.Host())
	patch, err := h.Callback(compareRequest("predictive_accuracy"))
	require.NoError(t, err)
	require.Len(t, patch.Outputs, 1)
	cs := patch.Outputs[0].Value.Children()

	tb := sdktest.Find[*sdk.Table](t, cs, run.CompareTable)
	assert.Equal(t, []float64{0.97, 0.90, 0.85, 0.70, 0.60}, numbers(column(t, tb, "value")))
	assert.Equal(t, []string{"41", "50", "60", "70", "80"}, texts(column(t, tb, "run")))
	assert.Equal(t, []string{"Algo1", "Algo2", "Algo3", "Algo4", "Algo5"}, texts(column(t, tb, "flow")))
	assert.Equal(t, sdk.EntityRef{Server: runRef.Server, Kind: sdk.KindFlow, ID: 1}, tb.Rows[0].Cells[0].Link)
	want, err := sdk.CompareRuns(runRef.Server, 30, 41)
	require.NoError(t, err)
	assert.Equal(t, sdk.LinkCell("30 and 41 side by side", want), column(t, tb, "compare")[0])

	all, err := sdk.CompareRuns(runRef.Server, 30, 41, 50, 60, 70, 80)
	require.NoError(t, err)
	links := sdktest.All[*sdk.Link](cs)
	require.Len(t, links, 1)
	assert.Equal(t, all, links[0].Ref)
	assert.Equal(t, "Compare this run with all 5", links[0].Text)
	texts := sdktest.All[*sdk.Text](cs)
	assert.Contains(t, texts[0].Markdown, "This run's value is 0.8.")

	assert.Equal(t, []string{"evaluation/list/function/predictive_accuracy/limit/1000/offset/0/task/5/sort_order/desc"},
		srv.PathsWith("evaluation/list/"), "the first page the task page reads, so the host's cache answers one for the other")
}

func TestCompareWith_listingFails(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, run.New(), sdktest.Answers(map[string][]byte{"run/30": evaluatedRun()}))
	patch, err := h.Callback(compareRequest("predictive_accuracy"))
	require.NoError(t, err, "a listing that cannot be read is said in the slot")
	notices := sdktest.All[*sdk.Notice](patch.Outputs[0].Value.Children())
	require.Len(t, notices, 1)
	assert.Equal(t, sdk.Info, notices[0].Level)
	assert.Equal(t, "The runs of task 5 could not be loaded, so none is offered for comparison", notices[0].Summary)
	assert.Contains(t, notices[0].Detail, "r/30,<other run>")
}

func TestCompareWith_noOtherFlow(t *testing.T) {
	t.Parallel()
	srv := &evalviewtest.Server{
		Evals:   []openml.RunEvaluation{{RunID: 30, TaskID: 5, FlowID: 20, Function: "predictive_accuracy", Value: 0.8, HasValue: true}},
		Answers: map[string][]byte{"run/30": evaluatedRun()},
	}
	h := sdktest.Run(t, run.New(), srv.Host())
	patch, err := h.Callback(compareRequest("predictive_accuracy"))
	require.NoError(t, err)
	texts := sdktest.All[*sdk.Text](patch.Outputs[0].Value.Children())
	require.Len(t, texts, 1)
	assert.Equal(t, `No other flow has a run on task 5 with a predictive\_accuracy value among the 1 runs loaded.`, texts[0].Markdown)
}
