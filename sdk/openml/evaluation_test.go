package openml_test

import (
	"bytes"
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk/openml"
)

// syntheticEvaluation is what evaluationListing wrote for one run.
type syntheticEvaluation struct {
	run, setup, flow int64
	value            float64
	perClass         []float64
}

// evaluationListing writes, in the server's format, the answer of
// evaluation/list/function/area_under_roc_curve/task/59/sort_order/desc
// for n runs of 40 flows: sorted by value, each with its per-class values
// for iris's three classes. Production evaluation listings are not
// recorded, so tests make their own at the size a popular task reaches.
func evaluationListing(n int) ([]byte, []syntheticEvaluation) {
	rng := rand.New(rand.NewPCG(59, uint64(n)))
	evals := make([]syntheticEvaluation, n)
	for i := range evals {
		e := syntheticEvaluation{run: int64(1_000_000 + i*7), flow: int64(5000 + rng.IntN(40))}
		e.setup = e.flow*10 + int64(rng.IntN(5))
		for range 3 {
			e.perClass = append(e.perClass, float64(rng.IntN(1_000_000))/1_000_000)
		}
		e.value = (e.perClass[0] + e.perClass[1] + e.perClass[2]) / 3
		evals[i] = e
	}
	slices.SortStableFunc(evals, func(a, b syntheticEvaluation) int { return cmp.Compare(b.value, a.value) })

	var b bytes.Buffer
	b.WriteString(`<oml:evaluations xmlns:oml="http://openml.org/openml">` + "\n")
	for i, e := range evals {
		fmt.Fprintf(&b, `  <oml:evaluation>
    <oml:run_id>%d</oml:run_id>
    <oml:uploader>%d</oml:uploader>
    <oml:task_id>59</oml:task_id>
    <oml:setup_id>%d</oml:setup_id>
    <oml:flow_id>%d</oml:flow_id>
    <oml:flow_name>sklearn.pipeline.Pipeline(imputer=sklearn.impute._base.SimpleImputer,estimator=sklearn.ensemble._forest.RandomForestClassifier)(%d)</oml:flow_name>
`, e.run, 1+i%97, e.setup, e.flow, e.flow-4999)
		if i%50 != 0 { // older servers leave the dataset out
			b.WriteString("        <oml:data_id>61</oml:data_id>    <oml:data_name>iris</oml:data_name>")
		}
		fmt.Fprintf(&b, `    <oml:evaluation_engine_id>1</oml:evaluation_engine_id>
    <oml:function>area_under_roc_curve</oml:function>
    <oml:upload_time>2016-%02d-%02d 12:%02d:%02d</oml:upload_time>
    <oml:value>%s</oml:value>          <oml:array_data>[%s]</oml:array_data>
  </oml:evaluation>
`, 1+i%12, 1+i%28, i%60, (i*7)%60, strconv.FormatFloat(e.value, 'g', -1, 64), joinFloats(e.perClass))
	}
	b.WriteString("</oml:evaluations>\n")
	return b.Bytes(), evals
}

func joinFloats(fs []float64) string {
	s := make([]string, len(fs))
	for i, f := range fs {
		s[i] = strconv.FormatFloat(f, 'g', -1, 64)
	}
	return strings.Join(s, ",")
}

func TestParseEvaluations_syntheticListing(t *testing.T) {
	t.Parallel()
	const n = 5000
	body, want := evaluationListing(n)
	got, err := openml.ParseEvaluations(body)
	require.NoError(t, err)
	require.Len(t, got, n)

	assert.True(t, slices.IsSortedFunc(got, func(a, b openml.RunEvaluation) int { return cmp.Compare(b.Value, a.Value) }), "kept the server's descending order")
	runs := map[int64]bool{}
	perFlow, wantPerFlow := map[int64]int{}, map[int64]int{}
	for i, e := range got {
		w := want[i]
		runs[e.RunID] = true
		perFlow[e.FlowID]++
		wantPerFlow[w.flow]++
		require.Equal(t, w.run, e.RunID, "entry %d", i)
		require.True(t, e.HasValue, "entry %d", i)
		require.Equal(t, w.value, e.Value, "entry %d", i)
		classes, err := e.ClassValues()
		require.NoError(t, err)
		require.Equal(t, w.perClass, classes, "entry %d", i)
		if i%50 == 0 {
			require.Zero(t, e.DataID, "entry %d", i)
		} else {
			require.Equal(t, int64(61), e.DataID, "entry %d", i)
		}
	}
	assert.Len(t, runs, n, "distinct runs")
	assert.Equal(t, wantPerFlow, perFlow)
	assert.Len(t, perFlow, 40)
	assert.Equal(t, openml.RunEvaluation{
		RunID: want[1].run, TaskID: 59, SetupID: want[1].setup, FlowID: want[1].flow,
		FlowName:           fmt.Sprintf("sklearn.pipeline.Pipeline(imputer=sklearn.impute._base.SimpleImputer,estimator=sklearn.ensemble._forest.RandomForestClassifier)(%d)", want[1].flow-4999),
		DataID:             61,
		DataName:           "iris",
		Function:           "area_under_roc_curve",
		UploadTime:         "2016-02-02 12:01:07",
		Uploader:           2,
		EvaluationEngineID: 1,
		Value:              want[1].value,
		HasValue:           true,
		ArrayData:          "[" + joinFloats(want[1].perClass) + "]",
	}, got[1])
}

func BenchmarkParseEvaluations(b *testing.B) {
	body, _ := evaluationListing(10_000)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		evals, err := openml.ParseEvaluations(body)
		if err != nil || len(evals) != 10_000 {
			b.Fatalf("parsed %d evaluations: %v", len(evals), err)
		}
	}
}

func TestParseEvaluations(t *testing.T) {
	t.Parallel()
	const perFold = `<oml:evaluations ` + ns + `><oml:evaluation>
  <oml:run_id>9</oml:run_id><oml:task_id>59</oml:task_id><oml:setup_id>1</oml:setup_id><oml:flow_id>2</oml:flow_id>
  <oml:flow_name>weka.J48(1)</oml:flow_name><oml:evaluation_engine_id>1</oml:evaluation_engine_id>
  <oml:function>predictive_accuracy</oml:function><oml:upload_time>2014-04-06 23:30:40</oml:upload_time>
  <oml:values>[0.9,0.8,1,NaN]</oml:values>
</oml:evaluation></oml:evaluations>`
	cases := map[string]struct {
		in      string
		want    []openml.RunEvaluation
		wantErr string
		code    int
	}{
		"per fold": {in: perFold, want: []openml.RunEvaluation{{
			RunID: 9, TaskID: 59, SetupID: 1, FlowID: 2, FlowName: "weka.J48(1)", Function: "predictive_accuracy",
			UploadTime: "2014-04-06 23:30:40", EvaluationEngineID: 1, FoldData: "[0.9,0.8,1,NaN]",
		}}},
		"empty listing":   {in: `<oml:evaluations ` + ns + `/>`},
		"no results":      {in: string(errorBody("542", "No results"))},
		"too many":        {in: string(errorBody("543", "Too many results")), code: 543, wantErr: "OpenML answered with error 543: Too many results"},
		"run id missing":  {in: `<oml:evaluations ` + ns + `><oml:evaluation><oml:task_id>1</oml:task_id></oml:evaluation></oml:evaluations>`, wantErr: "evaluation listing: entry 1: <oml:run_id> is missing or empty"},
		"bad value":       {in: `<oml:evaluations ` + ns + `><oml:evaluation><oml:run_id>1</oml:run_id></oml:evaluation><oml:evaluation><oml:run_id>2</oml:run_id><oml:value>high</oml:value></oml:evaluation></oml:evaluations>`, wantErr: `evaluation listing: entry 2: <oml:value> is "high", not a number`},
		"another listing": {in: `<oml:runs ` + ns + `/>`, wantErr: "evaluation listing: expected an <oml:evaluations> answer, got <runs>"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := openml.ParseEvaluations([]byte(c.in))
			if c.wantErr != "" {
				assert.ErrorContains(t, err, c.wantErr)
				if c.code != 0 {
					var apiErr *openml.APIError
					require.ErrorAs(t, err, &apiErr)
					assert.Equal(t, c.code, apiErr.Code)
				}
				return
			}
			require.NoError(t, err)
			if c.want == nil {
				assert.Empty(t, got)
				return
			}
			assert.Equal(t, c.want, got)
		})
	}
}

func TestRunEvaluation_arrays(t *testing.T) {
	t.Parallel()
	e := openml.RunEvaluation{Function: "f", FoldData: "[[0.9,0.8],[0.7,x]]", ArrayData: "[1,0.5]"}
	folds, err := e.FoldValues()
	require.NoError(t, err)
	assertFloats(t, []float64{0.9, 0.8, 0.7, math.NaN()}, folds)
	classes, err := e.ClassValues()
	require.NoError(t, err)
	assert.Equal(t, []float64{1, 0.5}, classes)

	folds, err = openml.RunEvaluation{}.FoldValues()
	require.NoError(t, err)
	assert.Nil(t, folds)
	_, err = openml.RunEvaluation{Function: "f", FoldData: "0.9"}.FoldValues()
	assert.ErrorContains(t, err, "is not a [list]")
	_, err = openml.RunEvaluation{Function: "f", ArrayData: "[[1],[2]]"}.ClassValues()
	assert.ErrorContains(t, err, "matrix, not a list")
}
