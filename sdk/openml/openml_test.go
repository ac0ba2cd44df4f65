package openml_test

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

const ns = `xmlns:oml="http://openml.org/openml"`

const datasetXML = `<?xml version="1.0" encoding="UTF-8"?>
<oml:data_set_description ` + ns + `>
  <oml:id>7</oml:id>
  <oml:name>toy</oml:name>
  <oml:version>3</oml:version>
  <oml:description>A *toy* dataset &amp; more.
</oml:description>
  <oml:format>ARFF</oml:format>
  <oml:creator>Ada</oml:creator><oml:creator> Grace </oml:creator>
  <oml:contributor>Linus</oml:contributor>
  <oml:upload_date>2020-01-02T03:04:05</oml:upload_date>
  <oml:licence>CC0</oml:licence>
  <oml:url>https://example.org/data/download/70/toy.arff</oml:url>
  <oml:file_id>70</oml:file_id>
  <oml:default_target_attribute>a, b</oml:default_target_attribute>
  <oml:row_id_attribute>rid</oml:row_id_attribute>
  <oml:ignore_attribute>x</oml:ignore_attribute><oml:ignore_attribute>y</oml:ignore_attribute>
  <oml:tag>one</oml:tag><oml:tag>two</oml:tag>
  <oml:update_comment>fixed</oml:update_comment>
  <oml:access_policy>public</oml:access_policy>
  <oml:status>in_preparation</oml:status>
  <oml:error>processing failed</oml:error>
  <oml:warning>few rows</oml:warning>
</oml:data_set_description>`

const errorXML = `<oml:error ` + ns + `>
  <oml:code>111</oml:code>
  <oml:message>Unknown dataset</oml:message>
  <oml:additional_information>id 7</oml:additional_information>
</oml:error>`

func TestParseDataset_synthetic(t *testing.T) {
	t.Parallel()
	d, err := openml.ParseDataset([]byte(datasetXML))
	require.NoError(t, err)
	assert.Equal(t, &openml.Dataset{
		ID: 7, Name: "toy", Version: 3,
		Description:            "A *toy* dataset & more.",
		Format:                 "ARFF",
		Creators:               []string{"Ada", "Grace"},
		Contributors:           []string{"Linus"},
		UploadDate:             "2020-01-02T03:04:05",
		Licence:                "CC0",
		URL:                    "https://example.org/data/download/70/toy.arff",
		FileID:                 70,
		DefaultTargetAttribute: "a, b",
		RowIDAttribute:         "rid",
		IgnoreAttributes:       []string{"x", "y"},
		Tags:                   []string{"one", "two"},
		UpdateComment:          "fixed",
		AccessPolicy:           "public",
		Status:                 "in_preparation",
		Error:                  "processing failed",
		Warning:                "few rows",
	}, d)
	assert.Equal(t, []string{"a", "b"}, d.Targets())
}

// TestParse_malformed checks that every parser names what was wrong.
func TestParse_malformed(t *testing.T) {
	t.Parallel()
	parsers := map[string]func([]byte) error{
		"dataset":  func(b []byte) error { _, err := openml.ParseDataset(b); return err },
		"features": func(b []byte) error { _, err := openml.ParseFeatures(b); return err },
		"task":     func(b []byte) error { _, err := openml.ParseTask(b); return err },
		"flow":     func(b []byte) error { _, err := openml.ParseFlow(b); return err },
		"run":      func(b []byte) error { _, err := openml.ParseRun(b); return err },
	}
	cases := map[string]struct {
		parser string
		in     string
		want   string
	}{
		"empty":          {"dataset", "  \n", "dataset description: the answer is empty"},
		"nil":            {"run", "", "run description: the answer is empty"},
		"json":           {"dataset", `{"data_set_description":{}}`, "holds no XML element"},
		"truncated":      {"dataset", `<oml:data_set_description ` + ns + `><oml:id>7</oml:id><oml:name>to`, "ends in the middle of the XML"},
		"mismatched tag": {"task", `<oml:task ` + ns + `><oml:task_id>1</oml:task_idd></oml:task>`, "task description: XML syntax error on line 1"},
		"wrong root":     {"dataset", `<oml:task ` + ns + `><oml:task_id>1</oml:task_id></oml:task>`, "expected an <oml:data_set_description> answer, got <task>"},
		"html":           {"flow", `<!DOCTYPE html><html><body>Bad gateway</body></html>`, "flow description: expected an <oml:flow> answer, got <html>"},
		"wrong namespace": {"dataset", `<x:data_set_description xmlns:x="urn:other"><x:id>1</x:id><x:name>a</x:name></x:data_set_description>`,
			`<data_set_description> is in namespace "urn:other"`},
		"id not a number":  {"dataset", `<oml:data_set_description ` + ns + `><oml:id>seven</oml:id><oml:name>a</oml:name></oml:data_set_description>`, `dataset description: <oml:id> is "seven", not a whole number`},
		"id missing":       {"dataset", `<oml:data_set_description ` + ns + `><oml:name>a</oml:name></oml:data_set_description>`, "dataset description: <oml:id> is missing or empty"},
		"name missing":     {"dataset", `<oml:data_set_description ` + ns + `><oml:id>1</oml:id></oml:data_set_description>`, "dataset description: <oml:name> is missing or empty"},
		"version too big":  {"dataset", `<oml:data_set_description ` + ns + `><oml:id>1</oml:id><oml:name>a</oml:name><oml:version>99999999999</oml:version></oml:data_set_description>`, "<oml:version> is 99999999999, out of range"},
		"feature bool":     {"features", `<oml:data_features ` + ns + `><oml:feature><oml:index>0</oml:index><oml:name>a</oml:name><oml:is_target>maybe</oml:is_target></oml:feature></oml:data_features>`, `dataset features: feature 1 (a): <oml:is_target> is "maybe", not true or false`},
		"feature no index": {"features", `<oml:data_features ` + ns + `><oml:feature><oml:name>a</oml:name></oml:feature></oml:data_features>`, "feature 1 (a): <oml:index> is missing or empty"},
		"feature no name":  {"features", `<oml:data_features ` + ns + `><oml:feature><oml:index>0</oml:index></oml:feature></oml:data_features>`, "feature 1: <oml:name> is missing or empty"},
		"features error":   {"features", `<oml:data_features ` + ns + `><oml:error>Feature extraction failed</oml:error></oml:data_features>`, "OpenML could not compute them: Feature extraction failed"},
		"task folds": {"task", `<oml:task ` + ns + `><oml:task_id>1</oml:task_id><oml:input name="estimation_procedure"><oml:estimation_procedure><oml:type>crossvalidation</oml:type><oml:parameter name="number_folds">ten</oml:parameter></oml:estimation_procedure></oml:input></oml:task>`,
			`task description: input "estimation_procedure": <oml:parameter name="number_folds"> is "ten", not a whole number`},
		"task data id":     {"task", `<oml:task ` + ns + `><oml:task_id>1</oml:task_id><oml:input name="source_data"><oml:data_set></oml:data_set></oml:input></oml:task>`, `input "source_data": <oml:data_set_id> is missing or empty`},
		"flow no flow":     {"flow", `<oml:flow ` + ns + `><oml:id>1</oml:id><oml:name>a</oml:name><oml:component><oml:identifier>c</oml:identifier></oml:component></oml:flow>`, `flow description: component "c" has no <oml:flow>`},
		"flow bad nested":  {"flow", `<oml:flow ` + ns + `><oml:id>1</oml:id><oml:name>a</oml:name><oml:component><oml:identifier>c</oml:identifier><oml:flow><oml:id>x</oml:id><oml:name>b</oml:name></oml:flow></oml:component></oml:flow>`, `flow description: component "c": <oml:id> is "x", not a whole number`},
		"run no task":      {"run", `<oml:run ` + ns + `><oml:run_id>1</oml:run_id><oml:flow_id>2</oml:flow_id></oml:run>`, "run description: <oml:task_id> is missing or empty"},
		"run no flow":      {"run", `<oml:run ` + ns + `><oml:run_id>1</oml:run_id><oml:task_id>2</oml:task_id></oml:run>`, "run description: <oml:flow_id> is missing or empty"},
		"run bad value":    {"run", runWith(`<oml:evaluation><oml:name>kappa</oml:name><oml:value>high</oml:value></oml:evaluation>`), `run description: evaluation "kappa": <oml:value> is "high", not a number`},
		"run bad fold":     {"run", runWith(`<oml:evaluation repeat="0" fold="x"><oml:name>kappa</oml:name><oml:value>1</oml:value></oml:evaluation>`), `evaluation "kappa": attribute fold="x" is not a whole number`},
		"run bad file id":  {"run", runWith(`<oml:file><oml:file_id>f</oml:file_id><oml:name>predictions</oml:name></oml:file>`), `output file "predictions": <oml:file_id> is "f", not a whole number`},
		"unknown encoding": {"dataset", `<?xml version="1.0" encoding="KOI8-R"?><oml:data_set_description ` + ns + `/>`, `encoded in "KOI8-R"`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			err := parsers[c.parser]([]byte(c.in))
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}

func runWith(output string) string {
	return `<oml:run ` + ns + `><oml:run_id>1</oml:run_id><oml:task_id>2</oml:task_id><oml:flow_id>3</oml:flow_id><oml:output_data>` + output + `</oml:output_data></oml:run>`
}

func TestParseError(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		in   string
		want *openml.APIError
	}{
		"full":         {errorXML, &openml.APIError{Code: 111, Message: "Unknown dataset", AdditionalInformation: "id 7"}},
		"no namespace": {`<error><code>273</code><message>Dataset not processed yet</message></error>`, &openml.APIError{Code: 273, Message: "Dataset not processed yet"}},
		"odd code":     {`<oml:error ` + ns + `><oml:code>x</oml:code><oml:message>m</oml:message></oml:error>`, &openml.APIError{Message: "m"}},
		"dataset":      {datasetXML, nil},
		"garbage":      {"not xml at all", nil},
		"empty":        {"", nil},
		"other ns":     {`<x:error xmlns:x="urn:other"><x:code>1</x:code></x:error>`, nil},
		"truncated":    {`<oml:error ` + ns + `><oml:code>1</oml:co`, nil},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, ok := openml.ParseError([]byte(c.in))
			assert.Equal(t, c.want != nil, ok)
			assert.Equal(t, c.want, got)
		})
	}
}

func TestAPIError_message(t *testing.T) {
	t.Parallel()
	e, ok := openml.ParseError([]byte(errorXML))
	require.True(t, ok)
	assert.Equal(t, "OpenML answered with error 111: Unknown dataset (id 7)", e.Error())
	assert.Equal(t, "OpenML answered with error 0: no message", (&openml.APIError{}).Error())
}

// TestParse_errorAnswer checks that every parser hands an <oml:error>
// answer back as *APIError.
func TestParse_errorAnswer(t *testing.T) {
	t.Parallel()
	parsers := map[string]func([]byte) error{
		"dataset":  func(b []byte) error { _, err := openml.ParseDataset(b); return err },
		"features": func(b []byte) error { _, err := openml.ParseFeatures(b); return err },
		"task":     func(b []byte) error { _, err := openml.ParseTask(b); return err },
		"flow":     func(b []byte) error { _, err := openml.ParseFlow(b); return err },
		"run":      func(b []byte) error { _, err := openml.ParseRun(b); return err },
	}
	for name, parse := range parsers {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var apiErr *openml.APIError
			require.ErrorAs(t, parse([]byte(errorXML)), &apiErr)
			assert.Equal(t, 111, apiErr.Code)
		})
	}
}

func TestParse_lenientText(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		in   []byte
		want string
	}{
		"invalid utf-8": {
			in:   []byte("<oml:data_set_description " + ns + "><oml:id>1</oml:id><oml:name>a</oml:name><oml:description>caf\xe9 \x01ok</oml:description></oml:data_set_description>"),
			want: "caf\uFFFD \uFFFDok",
		},
		"latin-1 declared": {
			in:   []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<oml:data_set_description " + ns + "><oml:id>1</oml:id><oml:name>a</oml:name><oml:description>caf\xe9</oml:description></oml:data_set_description>"),
			want: "café",
		},
		"byte order mark": {
			in:   []byte("\ufeff<oml:data_set_description " + ns + "><oml:id>1</oml:id><oml:name>a</oml:name><oml:description>x</oml:description></oml:data_set_description>"),
			want: "x",
		},
		"no namespace": {
			in:   []byte("<data_set_description><id>1</id><name>a</name><description>plain</description></data_set_description>"),
			want: "plain",
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			d, err := openml.ParseDataset(c.in)
			require.NoError(t, err)
			assert.Equal(t, c.want, d.Description)
		})
	}
}

func TestParseTask_inputs(t *testing.T) {
	t.Parallel()
	tk, err := openml.ParseTask([]byte(`<oml:task ` + ns + `>
  <oml:task_id>9</oml:task_id>
  <oml:task_type_id>2</oml:task_type_id>
  <oml:task_type>Supervised Regression</oml:task_type>
  <oml:input name="source_data"><oml:data_set><oml:data_set_id>3</oml:data_set_id><oml:target_feature>y</oml:target_feature><oml:target_feature>z</oml:target_feature></oml:data_set></oml:input>
  <oml:input name="estimation_procedure"><oml:estimation_procedure><oml:id>6</oml:id><oml:type>holdout</oml:type>
    <oml:parameter name="percentage">33.5</oml:parameter><oml:parameter name="stratified_sampling">false</oml:parameter></oml:estimation_procedure></oml:input>
  <oml:input name="cost_matrix"><oml:cost_matrix>[[0,1],[5,0]]</oml:cost_matrix></oml:input>
  <oml:input name="evaluation_measures"><oml:evaluation_measures><oml:evaluation_measure>rmse</oml:evaluation_measure><oml:evaluation_measure></oml:evaluation_measure></oml:evaluation_measures></oml:input>
  <oml:input name="time_limit"> 3600 </oml:input>
  <oml:parameter name="seed">1</oml:parameter>
  <oml:output name="predictions"><oml:predictions><oml:format>ARFF</oml:format><oml:feature name="prediction" type="numeric" required="true"/></oml:predictions></oml:output>
</oml:task>`))
	require.NoError(t, err)
	assert.Equal(t, 2, tk.TypeID)
	assert.Equal(t, &openml.TaskDataSet{DataSetID: 3, TargetFeatures: []string{"y", "z"}}, tk.DataSet())
	e := tk.Estimation()
	require.NotNil(t, e)
	assert.Equal(t, int64(6), e.ID)
	assert.Equal(t, "holdout", e.Type)
	assert.InDelta(t, 33.5, e.Percentage, 1e-12)
	assert.False(t, e.Stratified)
	assert.Zero(t, e.Folds)
	assert.Equal(t, "[[0,1],[5,0]]", tk.CostMatrix())
	assert.Equal(t, []string{"rmse"}, tk.EvaluationMeasures())
	require.Len(t, tk.Inputs, 5)
	assert.Equal(t, openml.TaskInput{Name: "time_limit", Value: "3600"}, tk.Inputs[4])
	assert.Equal(t, []openml.Parameter{{Name: "seed", Value: "1"}}, tk.Parameters)
	assert.Equal(t, []openml.PredictionFeature{{Name: "prediction", Type: "numeric", Required: true}}, tk.Outputs[0].Predictions.Features)
}

func TestParseTask_noInputs(t *testing.T) {
	t.Parallel()
	tk, err := openml.ParseTask([]byte(`<oml:task ` + ns + `><oml:task_id>4</oml:task_id></oml:task>`))
	require.NoError(t, err)
	assert.Nil(t, tk.DataSet())
	assert.Nil(t, tk.Estimation())
	assert.Nil(t, tk.EvaluationMeasures())
	assert.Empty(t, tk.CostMatrix())
}

const nestedFlowXML = `<oml:flow ` + ns + `>
  <oml:id>10</oml:id><oml:uploader>1</oml:uploader><oml:name>pipe</oml:name><oml:custom_name>Pipe</oml:custom_name>
  <oml:class_name>sk.Pipeline</oml:class_name><oml:version>2</oml:version>
  <oml:description>outer</oml:description>
  <oml:parameter><oml:name>steps</oml:name><oml:data_type>list</oml:data_type><oml:default_value>[a, b]</oml:default_value><oml:description>the steps</oml:description></oml:parameter>
  <oml:component><oml:identifier>prep</oml:identifier>
    <oml:flow ` + ns + `><oml:id>11</oml:id><oml:name>union</oml:name>
      <oml:component><oml:identifier>scale</oml:identifier><oml:flow><oml:id>12</oml:id><oml:name>scaler</oml:name></oml:flow></oml:component>
    </oml:flow></oml:component>
  <oml:component><oml:identifier>clf</oml:identifier><oml:flow><oml:id>13</oml:id><oml:name>tree</oml:name><oml:tag>t</oml:tag></oml:flow></oml:component>
  <oml:tag>sklearn</oml:tag>
  <oml:bibliographical_reference><oml:citation>Someone 2020</oml:citation><oml:url>https://example.org/paper</oml:url></oml:bibliographical_reference>
</oml:flow>`

func TestParseFlow_nested(t *testing.T) {
	t.Parallel()
	f, err := openml.ParseFlow([]byte(nestedFlowXML))
	require.NoError(t, err)
	assert.Equal(t, "Pipe", f.CustomName)
	assert.Equal(t, "sk.Pipeline", f.ClassName)
	assert.Equal(t, []openml.FlowParameter{{Name: "steps", DataType: "list", DefaultValue: "[a, b]", Description: "the steps"}}, f.Parameters)
	assert.Equal(t, []string{"sklearn"}, f.Tags)
	assert.Equal(t, []openml.Reference{{Citation: "Someone 2020", URL: "https://example.org/paper"}}, f.References)
	require.Len(t, f.Components, 2)
	assert.Equal(t, []string{"t"}, f.Components[1].Flow.Tags)

	var paths []string
	var ids []int64
	f.Walk(func(path string, c openml.Component) {
		paths = append(paths, path)
		ids = append(ids, c.Flow.ID)
	})
	assert.Equal(t, []string{"prep", "prep/scale", "clf"}, paths)
	assert.Equal(t, []int64{11, 12, 13}, ids)
}

func TestParseFlow_legacyImplementation(t *testing.T) {
	t.Parallel()
	f, err := openml.ParseFlow([]byte(`<oml:implementation ` + ns + `><oml:id>5</oml:id><oml:name>weka.Bagging</oml:name>
  <oml:components><oml:implementation><oml:id>6</oml:id><oml:name>weka.J48</oml:name></oml:implementation></oml:components>
</oml:implementation>`))
	require.NoError(t, err)
	assert.Equal(t, "weka.Bagging", f.Name)
	require.Len(t, f.Components, 1)
	assert.Equal(t, "weka.J48", f.Components[0].Identifier)
	assert.Equal(t, int64(6), f.Components[0].Flow.ID)
}

func TestParseRun_synthetic(t *testing.T) {
	t.Parallel()
	r, err := openml.ParseRun([]byte(`<oml:run ` + ns + `>
  <oml:run_id>3</oml:run_id><oml:task_id>4</oml:task_id><oml:implementation_id>5</oml:implementation_id>
  <oml:error>Out of memory</oml:error>
  <oml:parameter_setting><oml:name>C</oml:name><oml:value>1.0</oml:value><oml:component>svc</oml:component></oml:parameter_setting>
  <oml:output_data>
    <oml:evaluation><oml:name>rmse</oml:name><oml:implementation>7</oml:implementation><oml:value>0.5</oml:value><oml:stdev>0.1</oml:stdev></oml:evaluation>
    <oml:evaluation repeat="1" fold="2" sample="3"><oml:name>rmse</oml:name><oml:value>0.4</oml:value></oml:evaluation>
  </oml:output_data>
</oml:run>`))
	require.NoError(t, err)
	assert.Equal(t, int64(5), r.FlowID, "implementation_id stands for flow_id")
	assert.Equal(t, "Out of memory", r.Error)
	assert.Equal(t, []openml.ParameterSetting{{Name: "C", Value: "1.0", Component: "svc"}}, r.ParameterSettings)
	assert.Equal(t, []openml.Evaluation{
		{Name: "rmse", FlowID: 7, Value: 0.5, HasValue: true, StdDev: 0.1, HasStdDev: true, Repeat: -1, Fold: -1, Sample: -1},
		{Name: "rmse", Value: 0.4, HasValue: true, Repeat: 1, Fold: 2, Sample: 3},
	}, r.Evaluations)
	assert.Len(t, r.FoldEvaluations("rmse"), 1)
	_, ok := r.Evaluation("kappa")
	assert.False(t, ok)
}

func TestEvaluation_arrays(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	cases := map[string]struct {
		in        string
		values    []float64
		valuesErr string
		matrix    [][]float64
		matrixErr string
	}{
		"empty":       {in: "", values: nil, matrix: nil},
		"flat":        {in: "[1, 0.5,2e3]", values: []float64{1, 0.5, 2000}, matrix: [][]float64{{1, 0.5, 2000}}},
		"empty list":  {in: "[]", values: []float64{}, matrix: [][]float64{{}}},
		"not numbers": {in: "[?,NaN,x]", values: []float64{nan, nan, nan}, matrix: [][]float64{{nan, nan, nan}}},
		"matrix":      {in: "[[0,1],[2,3]]", valuesErr: "matrix, not a list", matrix: [][]float64{{0, 1}, {2, 3}}},
		"no brackets": {in: "1,2", valuesErr: "is not a [list]", matrixErr: "is not a [list]"},
		"mixed":       {in: "[[1],2]", valuesErr: "mixes numbers and lists", matrixErr: "mixes numbers and lists"},
		"mixed flat":  {in: "[1,[2]]", valuesErr: "mixes numbers and lists", matrixErr: "mixes numbers and lists"},
		"unclosed":    {in: "[[1,2]", valuesErr: "unclosed", matrixErr: "unclosed"},
		"deep":        {in: "[[[1]]]", valuesErr: "deeper than a matrix", matrixErr: "deeper than a matrix"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := openml.Evaluation{Name: "m", ArrayData: c.in}
			v, err := e.Values()
			if c.valuesErr != "" {
				assert.ErrorContains(t, err, c.valuesErr)
			} else {
				require.NoError(t, err)
				assertFloats(t, c.values, v)
			}
			m, err := e.Matrix()
			if c.matrixErr != "" {
				assert.ErrorContains(t, err, c.matrixErr)
				return
			}
			require.NoError(t, err)
			require.Len(t, m, len(c.matrix))
			for i := range m {
				assertFloats(t, c.matrix[i], m[i])
			}
		})
	}
}

// assertFloats compares with NaN equal to NaN.
func assertFloats(t *testing.T, want, got []float64) {
	t.Helper()
	require.Equal(t, want == nil, got == nil, "nil-ness of %v", got)
	require.Len(t, got, len(want))
	for i := range want {
		if math.IsNaN(want[i]) {
			assert.True(t, math.IsNaN(got[i]), "entry %d: %v", i, got[i])
			continue
		}
		assert.Equal(t, want[i], got[i], "entry %d", i)
	}
}

func TestGet(t *testing.T) {
	t.Parallel()
	host := sdktest.Answers(map[string][]byte{
		"data/7":          []byte(datasetXML),
		"data/features/7": []byte(errorXML),
		"task/1":          []byte(`<oml:task ` + ns + `><oml:task_id>1</oml:task_id></oml:task>`),
		"flow/1":          []byte(nestedFlowXML),
		"run/1":           []byte(runWith("")),
		"run/2":           []byte("<oml:run " + ns + "><oml:run_id>"),
	})
	ctx := context.Background()
	data := sdk.EntityRef{Server: "https://test.example", Kind: sdk.KindData, ID: 7}

	d, err := openml.GetDataset(ctx, host, data)
	require.NoError(t, err)
	assert.Equal(t, "toy", d.Name)
	assert.Equal(t, sdk.FetchRequest{Server: "https://test.example", Path: "data/7"}, host.Fetches[0])

	_, err = openml.GetFeatures(ctx, host, data)
	var apiErr *openml.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.EqualError(t, err, "features of dataset 7: OpenML answered with error 111: Unknown dataset (id 7)")

	tk, err := openml.GetTask(ctx, host, sdk.EntityRef{Kind: sdk.KindTask, ID: 1})
	require.NoError(t, err)
	assert.Equal(t, int64(1), tk.ID)
	f, err := openml.GetFlow(ctx, host, sdk.EntityRef{Kind: sdk.KindFlow, ID: 1})
	require.NoError(t, err)
	assert.Equal(t, "pipe", f.Name)
	r, err := openml.GetRun(ctx, host, sdk.EntityRef{Kind: sdk.KindRun, ID: 1})
	require.NoError(t, err)
	assert.Equal(t, int64(2), r.TaskID)

	_, err = openml.GetRun(ctx, host, sdk.EntityRef{Kind: sdk.KindRun, ID: 2})
	assert.ErrorContains(t, err, "run 2: run description: the answer ends in the middle of the XML")

	_, err = openml.GetDataset(ctx, host, sdk.EntityRef{Kind: sdk.KindData, ID: 8})
	var fe *sdk.FetchError
	require.ErrorAs(t, err, &fe)
	assert.True(t, sdk.IsNotFound(err))
	assert.ErrorContains(t, err, "dataset 8: ")

	_, err = openml.GetDataset(ctx, host, sdk.EntityRef{Kind: sdk.KindTask, ID: 7})
	assert.EqualError(t, err, "dataset 7: t/7 is a task reference, not a data one")

	_, err = openml.GetFlow(ctx, nil, sdk.EntityRef{Kind: sdk.KindFlow, ID: 1})
	assert.EqualError(t, err, "flow 1: no host connection")
	assert.False(t, errors.Is(err, context.Canceled))
}
