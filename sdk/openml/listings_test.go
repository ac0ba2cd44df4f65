package openml_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

// newParsers are the parsers of setups, studies, listings and catalogues,
// for the checks every parser must pass.
var newParsers = map[string]func([]byte) error{
	"qualities":             func(b []byte) error { _, err := openml.ParseQualities(b); return err },
	"setup":                 func(b []byte) error { _, err := openml.ParseSetup(b); return err },
	"setups":                func(b []byte) error { _, err := openml.ParseSetups(b); return err },
	"study":                 func(b []byte) error { _, err := openml.ParseStudy(b); return err },
	"studies":               func(b []byte) error { _, err := openml.ParseStudyList(b); return err },
	"evaluations":           func(b []byte) error { _, err := openml.ParseEvaluations(b); return err },
	"evaluation measures":   func(b []byte) error { _, err := openml.ParseEvaluationMeasures(b); return err },
	"tasks":                 func(b []byte) error { _, err := openml.ParseTaskList(b); return err },
	"datasets":              func(b []byte) error { _, err := openml.ParseDataList(b); return err },
	"flows":                 func(b []byte) error { _, err := openml.ParseFlowList(b); return err },
	"runs":                  func(b []byte) error { _, err := openml.ParseRunList(b); return err },
	"estimation procedures": func(b []byte) error { _, err := openml.ParseEstimationProcedures(b); return err },
	"task type":             func(b []byte) error { _, err := openml.ParseTaskType(b); return err },
	"task types":            func(b []byte) error { _, err := openml.ParseTaskTypes(b); return err },
	"users":                 func(b []byte) error { _, err := openml.ParseUsers(b); return err },
	"dataset json":          func(b []byte) error { _, err := openml.ParseDatasetJSON(b); return err },
	"qualities json":        func(b []byte) error { _, err := openml.ParseQualitiesJSON(b); return err },
	"datasets json":         func(b []byte) error { _, err := openml.ParseDataListJSON(b); return err },
}

// TestParse_newErrorAnswers checks that every new parser hands an error
// answer that is not "no results" back as *APIError, in XML and in JSON.
func TestParse_newErrorAnswers(t *testing.T) {
	t.Parallel()
	for name, parse := range newParsers {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			in := []byte(errorXML)
			if bytes.HasSuffix([]byte(name), []byte("json")) {
				in = []byte(`{"error": {"code": "111", "message": "Unknown dataset", "additional_information": "id 7"}}`)
			}
			var apiErr *openml.APIError
			require.ErrorAs(t, parse(in), &apiErr)
			assert.Equal(t, &openml.APIError{Code: 111, Message: "Unknown dataset", AdditionalInformation: "id 7"}, apiErr)
		})
	}
}

func TestParse_newMalformed(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		parser string
		in     string
		want   string
	}{
		"empty":                {"setups", " ", "setup listing: the answer is empty"},
		"truncated":            {"tasks", `<oml:tasks ` + ns + `><oml:task><oml:task_id>1`, "task listing: the answer ends in the middle of the XML"},
		"wrong root":           {"study", `<oml:study_list ` + ns + `/>`, "study: expected an <oml:study> answer, got <study_list>"},
		"setup id":             {"setup", `<oml:setup_parameters ` + ns + `><oml:flow_id>1</oml:flow_id></oml:setup_parameters>`, "setup: <oml:setup_id> is missing or empty"},
		"setup parameter":      {"setups", `<oml:setups ` + ns + `><oml:setup><oml:setup_id>1</oml:setup_id><oml:parameter><oml:id>x</oml:id><oml:full_name>a_C</oml:full_name></oml:parameter></oml:setup></oml:setups>`, `setup listing: entry 1: parameter "a_C": <oml:id> is "x", not a whole number`},
		"quality value":        {"qualities", `<oml:data_qualities ` + ns + `><oml:quality><oml:name>A</oml:name><oml:value>many</oml:value></oml:quality></oml:data_qualities>`, `dataset qualities: quality 1 (A): <oml:value> is "many", not a number`},
		"quality name":         {"qualities", `<oml:data_qualities ` + ns + `><oml:quality><oml:value>1</oml:value></oml:quality></oml:data_qualities>`, "quality 1 (): <oml:name> is missing or empty"},
		"listed quality":       {"tasks", `<oml:tasks ` + ns + `><oml:task><oml:task_id>1</oml:task_id><oml:quality name="NumberOfClasses">two</oml:quality></oml:task></oml:tasks>`, `task listing: entry 1: <oml:quality name="NumberOfClasses"> is "two", not a number`},
		"dataset id":           {"datasets", `<oml:data ` + ns + `><oml:dataset><oml:name>a</oml:name></oml:dataset></oml:data>`, "dataset listing: entry 1: <oml:did> is missing or empty"},
		"flow uploader":        {"flows", `<oml:flows ` + ns + `><oml:flow><oml:id>1</oml:id><oml:uploader>me</oml:uploader></oml:flow></oml:flows>`, `flow listing: entry 1: <oml:uploader> is "me", not a whole number`},
		"run task type":        {"runs", `<oml:runs ` + ns + `><oml:run><oml:run_id>1</oml:run_id><oml:task_type_id>1.5</oml:task_type_id></oml:run></oml:runs>`, `run listing: entry 1: <oml:task_type_id> is "1.5"`},
		"study task":           {"study", `<oml:study ` + ns + `><oml:id>1</oml:id><oml:tasks><oml:task_id>t</oml:task_id></oml:tasks></oml:study>`, `study: <oml:task_id> is "t", not a whole number`},
		"study listing":        {"studies", `<oml:study_list ` + ns + `><oml:study><oml:name>a</oml:name></oml:study></oml:study_list>`, "study listing: entry 1: <oml:id> is missing or empty"},
		"procedure folds":      {"estimation procedures", `<oml:estimationprocedures ` + ns + `><oml:estimationprocedure><oml:id>1</oml:id><oml:folds>ten</oml:folds></oml:estimationprocedure></oml:estimationprocedures>`, `estimation procedures: entry 1: <oml:folds> is "ten"`},
		"task type id":         {"task type", `<oml:task_type ` + ns + `><oml:name>a</oml:name></oml:task_type>`, "task type: <oml:id> is missing or empty"},
		"user id":              {"users", `<oml:users ` + ns + `><oml:user><oml:username>a</oml:username></oml:user></oml:users>`, "user listing: entry 1: <oml:id> is missing or empty"},
		"json empty":           {"dataset json", "", "dataset description: the answer is empty"},
		"json not json":        {"dataset json", "<oml:data_set_description/>", "dataset description: the answer is not JSON"},
		"json list":            {"datasets json", `[{"did": 1}]`, "dataset listing: the answer is not a JSON object"},
		"json two roots":       {"dataset json", `{"data_set_description": {}, "extra": {}}`, `more than one top-level key ("extra" is the second)`},
		"json no root":         {"dataset json", `{}`, "the JSON answer is an empty object"},
		"json truncated":       {"qualities json", `{"data_qualities": {"quality": [{"name": "A"`, "the answer ends in the middle of the JSON"},
		"json odd key":         {"dataset json", `{"data_set_description": {"a b": "1"}}`, `JSON key "a b" is not an OpenML field name`},
		"json trailing":        {"dataset json", `{"data_set_description": {"id": 1, "name": "a"}} {}`, "more than one JSON value"},
		"json root list":       {"dataset json", `{"data_set_description": [1]}`, `"data_set_description" is a list where an object was expected`},
		"json dataset name":    {"dataset json", `{"data_set_description": {"id": 1}}`, "dataset description: <oml:name> is missing or empty"},
		"json dataset bad id":  {"dataset json", `{"data_set_description": {"id": "one", "name": "a"}}`, `<oml:id> is "one", not a whole number`},
		"json wrong root":      {"datasets json", `{"data_set_description": {"id": 1}}`, "dataset listing: expected an <oml:data> answer, got <data_set_description>"},
		"json quality is text": {"qualities json", `{"data_qualities": {"quality": [{"name": "A", "value": "x"}]}}`, `<oml:value> is "x", not a number`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			err := newParsers[c.parser]([]byte(c.in))
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}

// TestParseListings_noResults checks that each listing parser reads its own
// "no results" code as an empty listing.
func TestParseListings_noResults(t *testing.T) {
	t.Parallel()
	codes := map[string]string{
		"evaluations": "542", "setups": "674", "tasks": "482", "datasets": "372", "datasets json": "372",
		"flows": "500", "runs": "512", "studies": "599", "estimation procedures": "500",
	}
	for name, code := range codes {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			in := errorBody(code, "No results")
			if name == "datasets json" {
				in = []byte(`{"error": {"code": ` + code + `, "message": "No results"}}`)
			}
			assert.NoError(t, newParsers[name](in))
			assert.Error(t, newParsers[name](errorBody("9"+code, "No results")), "another code")
		})
	}
}

func TestParseQualities_shapes(t *testing.T) {
	t.Parallel()
	qs, err := openml.ParseQualities([]byte(`<oml:data_qualities ` + ns + `>
  <oml:quality><oml:name>NumberOfInstances</oml:name><oml:value>150.0</oml:value></oml:quality>
  <oml:quality><oml:name>ClassEntropy</oml:name></oml:quality>
  <oml:quality><oml:name>Empty</oml:name><oml:value></oml:value></oml:quality>
  <oml:quality interval_start="0" interval_end="100"><oml:name>NumberOfInstances</oml:name><oml:value>100</oml:value></oml:quality>
  <oml:quality><oml:name>MeanValue</oml:name><oml:feature_index>2</oml:feature_index><oml:value>-0.5</oml:value></oml:quality>
  <oml:quality><oml:name>Drift</oml:name><oml:interval_start>5</oml:interval_start><oml:interval_end>9</oml:interval_end><oml:value>NaN</oml:value></oml:quality>
</oml:data_qualities>`))
	require.NoError(t, err)
	require.Len(t, qs, 6)
	assert.Equal(t, openml.Quality{Name: "NumberOfInstances", Value: 150, HasValue: true, FeatureIndex: -1}, qs[0])
	assert.Equal(t, openml.Quality{Name: "ClassEntropy", FeatureIndex: -1}, qs[1])
	assert.Equal(t, openml.Quality{Name: "Empty", FeatureIndex: -1}, qs[2])
	assert.Equal(t, openml.Quality{Name: "NumberOfInstances", Value: 100, HasValue: true, FeatureIndex: -1, IntervalStart: 0, IntervalEnd: 100, HasInterval: true}, qs[3])
	assert.Equal(t, openml.Quality{Name: "MeanValue", Value: -0.5, HasValue: true, FeatureIndex: 2}, qs[4])
	assert.Equal(t, int64(5), qs[5].IntervalStart)
	assert.True(t, qs[5].HasValue)
	assert.NotEqual(t, qs[5].Value, qs[5].Value, "NaN")

	v, ok := qs.Value("NumberOfInstances")
	assert.True(t, ok)
	assert.Equal(t, 150.0, v, "the whole dataset's value, not the interval's")
	_, ok = qs.Value("ClassEntropy")
	assert.False(t, ok, "listed without a value")
	_, ok = qs.Value("MeanValue")
	assert.False(t, ok, "a feature's quality")
	_, ok = qs.Value("Nothing")
	assert.False(t, ok)
	assert.Equal(t, map[string]float64{"NumberOfInstances": 150}, qs.Map())
}

func TestParseSetups(t *testing.T) {
	t.Parallel()
	setups, err := openml.ParseSetups([]byte(`<oml:setups ` + ns + `>
  <oml:setup><oml:setup_id>10</oml:setup_id><oml:flow_id>65</oml:flow_id>
    <oml:parameter><oml:id>4144</oml:id><oml:flow_id>65</oml:flow_id><oml:flow_name>weka.RandomForest</oml:flow_name><oml:full_name>weka.RandomForest(1)_I</oml:full_name>
      <oml:parameter_name>I</oml:parameter_name><oml:data_type>option</oml:data_type><oml:default_value>10</oml:default_value><oml:value>100</oml:value></oml:parameter>
    <oml:parameter><oml:id>4150</oml:id><oml:flow_id>66</oml:flow_id><oml:full_name>weka.J48(1)_I</oml:full_name><oml:parameter_name>I</oml:parameter_name><oml:value>&lt;none&gt;</oml:value></oml:parameter>
  </oml:setup>
  <oml:setup><oml:setup_id>11</oml:setup_id><oml:flow_id>67</oml:flow_id></oml:setup>
</oml:setups>`))
	require.NoError(t, err)
	require.Len(t, setups, 2)
	s := setups[0]
	assert.Equal(t, int64(10), s.ID)
	assert.Equal(t, int64(65), s.FlowID)
	assert.Equal(t, openml.SetupParameter{ID: 4144, FlowID: 65, FlowName: "weka.RandomForest", FullName: "weka.RandomForest(1)_I", Name: "I", DataType: "option", DefaultValue: "10", Value: "100"}, s.Parameters[0])
	v, ok := s.Value("weka.J48(1)_I")
	assert.True(t, ok)
	assert.Equal(t, "<none>", v)
	v, _ = s.Value("I")
	assert.Equal(t, "100", v, "a short name finds the first parameter of that name")
	_, ok = s.Value("K")
	assert.False(t, ok)
	assert.Equal(t, openml.Setup{ID: 11, FlowID: 67}, setups[1], "a flow without parameters")
}

func TestParseTaskList_bothShapes(t *testing.T) {
	t.Parallel()
	const entry = `<oml:task_id>1</oml:task_id><oml:task_type_id>1</oml:task_type_id><oml:task_type>Supervised Classification</oml:task_type>
  <oml:did>1</oml:did><oml:name>anneal</oml:name><oml:status>active</oml:status><oml:format>ARFF</oml:format>`
	xmlForm := `<oml:tasks ` + ns + `><oml:task>` + entry + `
  <oml:input name="estimation_procedure">1</oml:input><oml:input name="target_feature">class</oml:input>
  <oml:quality name="NumberOfInstances">898.0</oml:quality><oml:quality name="NumberOfClasses"></oml:quality>
  <oml:tag>basic</oml:tag><oml:tag>study_1</oml:tag></oml:task></oml:tasks>`
	// The JSON API's shape, as fromJSON writes it.
	elementForm := `<oml:tasks ` + ns + `><oml:task>` + entry + `
  <oml:input><oml:name>estimation_procedure</oml:name><oml:value>1</oml:value></oml:input><oml:input><oml:name>target_feature</oml:name><oml:value>class</oml:value></oml:input>
  <oml:quality><oml:name>NumberOfInstances</oml:name><oml:value>898.0</oml:value></oml:quality><oml:quality><oml:name>NumberOfClasses</oml:name></oml:quality>
  <oml:tag>basic</oml:tag><oml:tag>study_1</oml:tag></oml:task></oml:tasks>`
	want := openml.TaskSummary{
		ID: 1, TypeID: 1, Type: "Supervised Classification", DataID: 1, DataName: "anneal", Status: "active", Format: "ARFF",
		Inputs:    []openml.Parameter{{Name: "estimation_procedure", Value: "1"}, {Name: "target_feature", Value: "class"}},
		Qualities: openml.Qualities{{Name: "NumberOfInstances", Value: 898, HasValue: true, FeatureIndex: -1}, {Name: "NumberOfClasses", FeatureIndex: -1}},
		Tags:      []string{"basic", "study_1"},
	}
	for name, in := range map[string]string{"attributes": xmlForm, "elements": elementForm} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := openml.ParseTaskList([]byte(in))
			require.NoError(t, err)
			assert.Equal(t, []openml.TaskSummary{want}, got)
			assert.Equal(t, "class", got[0].Input("target_feature"))
			assert.Empty(t, got[0].Input("cost_matrix"))
		})
	}
}

// dataListing writes a dataset listing of n datasets in the server's
// format, each with the ten qualities the server attaches, as data/list
// answers it; production holds several thousand active datasets.
func dataListing(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<oml:data xmlns:oml="http://openml.org/openml">` + "\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "  <oml:dataset>\n    <oml:did>%d</oml:did>\n    <oml:name>dataset-%d</oml:name>\n    <oml:version>%d</oml:version>\n    <oml:status>active</oml:status>\n    <oml:format>ARFF</oml:format>\n", i, i, 1+i%3)
		if i%10 != 0 {
			fmt.Fprintf(&b, "    <oml:file_id>%d</oml:file_id> \n", 1_000_000+i)
		}
		for j, q := range []string{"MajorityClassSize", "MaxNominalAttDistinctValues", "MinorityClassSize", "NumberOfClasses", "NumberOfFeatures", "NumberOfInstances", "NumberOfInstancesWithMissingValues", "NumberOfMissingValues", "NumberOfNumericFeatures", "NumberOfSymbolicFeatures"} {
			fmt.Fprintf(&b, "    <oml:quality name=%q>%d.0</oml:quality>\n", q, i*10+j)
		}
		if i%7 == 0 {
			b.WriteString("    <oml:tag>OpenML-CC18</oml:tag>\n")
		}
		b.WriteString("  </oml:dataset>\n")
	}
	b.WriteString("</oml:data>\n")
	return b.Bytes()
}

func TestParseDataList_syntheticListing(t *testing.T) {
	t.Parallel()
	const n = 5000
	got, err := openml.ParseDataList(dataListing(n))
	require.NoError(t, err)
	require.Len(t, got, n)
	tagged := 0
	for i, d := range got {
		id := int64(i + 1)
		require.Equal(t, id, d.ID)
		require.Len(t, d.Qualities, 10)
		v, ok := d.Qualities.Value("NumberOfInstances")
		require.True(t, ok)
		require.Equal(t, float64(id*10+5), v)
		if id%10 == 0 {
			require.Zero(t, d.FileID, "file_id is optional")
		} else {
			require.Equal(t, 1_000_000+id, d.FileID)
		}
		if len(d.Tags) > 0 {
			tagged++
		}
	}
	assert.Equal(t, n/7, tagged)
	assert.Equal(t, openml.DatasetSummary{ID: 2, Name: "dataset-2", Version: 3, Status: "active", Format: "ARFF", FileID: 1_000_002, Qualities: got[1].Qualities}, got[1])
}

func TestParseFlowAndRunLists(t *testing.T) {
	t.Parallel()
	flows, err := openml.ParseFlowList([]byte(`<oml:flows ` + ns + `>
  <oml:flow><oml:id>65</oml:id><oml:full_name>weka.RandomForest(1)</oml:full_name><oml:name>weka.RandomForest</oml:name>
    <oml:version>1</oml:version><oml:external_version>Weka_3.7.10_9186</oml:external_version><oml:uploader>1</oml:uploader><oml:tag>weka</oml:tag></oml:flow>
</oml:flows>`))
	require.NoError(t, err)
	assert.Equal(t, []openml.FlowSummary{{ID: 65, FullName: "weka.RandomForest(1)", Name: "weka.RandomForest", Version: "1", ExternalVersion: "Weka_3.7.10_9186", Uploader: 1, Tags: []string{"weka"}}}, flows)

	runs, err := openml.ParseRunList([]byte(`<oml:runs ` + ns + `>
  <oml:run><oml:run_id>100</oml:run_id><oml:task_id>28</oml:task_id><oml:task_type_id>1</oml:task_type_id><oml:setup_id>12</oml:setup_id><oml:flow_id>67</oml:flow_id>
    <oml:uploader>1</oml:uploader><oml:upload_time>2014-04-06 23:30:40</oml:upload_time><oml:error_message>Out of memory</oml:error_message>
    <oml:run_details>R 3.3</oml:run_details><oml:tag>a</oml:tag></oml:run>
</oml:runs>`))
	require.NoError(t, err)
	assert.Equal(t, []openml.RunSummary{{ID: 100, TaskID: 28, TaskTypeID: 1, SetupID: 12, FlowID: 67, Uploader: 1, UploadTime: "2014-04-06 23:30:40", ErrorMessage: "Out of memory", RunDetails: "R 3.3", Tags: []string{"a"}}}, runs)
}

func TestParseStudy_legacyAndList(t *testing.T) {
	t.Parallel()
	s, err := openml.ParseStudy([]byte(`<oml:study ` + ns + `>
  <oml:id>1</oml:id><oml:alias>Study_1</oml:alias><oml:main_entity_type>run</oml:main_entity_type><oml:benchmark_suite>99</oml:benchmark_suite>
  <oml:name>A large-scale comparison</oml:name><oml:description>d</oml:description><oml:creation_date>2017-07-20T15:51:20</oml:creation_date><oml:creator>2</oml:creator>
  <oml:tag><oml:name>study_1</oml:name><oml:window_start>2014-01-01</oml:window_start><oml:write_access>public</oml:write_access></oml:tag>
  <oml:runs><oml:run_id>5</oml:run_id><oml:run_id> </oml:run_id><oml:run_id>6</oml:run_id></oml:runs>
</oml:study>`))
	require.NoError(t, err)
	assert.Equal(t, &openml.Study{
		ID: 1, Alias: "Study_1", MainEntityType: "run", BenchmarkSuite: 99, Name: "A large-scale comparison", Description: "d",
		CreationDate: "2017-07-20T15:51:20", Creator: 2,
		Tags:   []openml.StudyTag{{Name: "study_1", WindowStart: "2014-01-01", WriteAccess: "public"}},
		RunIDs: []int64{5, 6},
	}, s)
	assert.False(t, s.IsSuite())

	list, err := openml.ParseStudyList([]byte(`<oml:study_list ` + ns + `>
  <oml:study><oml:id>99</oml:id><oml:alias>OpenML-CC18</oml:alias><oml:main_entity_type>task</oml:main_entity_type><oml:name>CC18</oml:name>
    <oml:status>active</oml:status><oml:creation_date>2019-02-21 18:47:13</oml:creation_date><oml:creator>1</oml:creator></oml:study>
  <oml:study><oml:id>123</oml:id><oml:main_entity_type>run</oml:main_entity_type><oml:benchmark_suite>99</oml:benchmark_suite><oml:name>runs</oml:name><oml:creator>2</oml:creator></oml:study>
</oml:study_list>`))
	require.NoError(t, err)
	assert.Equal(t, []openml.StudySummary{
		{ID: 99, Alias: "OpenML-CC18", MainEntityType: "task", Name: "CC18", Status: "active", CreationDate: "2019-02-21 18:47:13", Creator: 1},
		{ID: 123, MainEntityType: "run", BenchmarkSuite: 99, Name: "runs", Creator: 2},
	}, list)
}

func TestParseCatalogues(t *testing.T) {
	t.Parallel()
	measures, err := openml.ParseEvaluationMeasures([]byte(`<oml:evaluation_measures ` + ns + `>
	<oml:measures>
		<oml:measure>area_under_roc_curve</oml:measure>
		<oml:measure>predictive_accuracy</oml:measure>
	</oml:measures>
</oml:evaluation_measures>`))
	require.NoError(t, err)
	assert.Equal(t, []string{"area_under_roc_curve", "predictive_accuracy"}, measures)

	types, err := openml.ParseTaskTypes([]byte(`<oml:task_types ` + ns + `>
	<oml:task_type><oml:id>1</oml:id><oml:name>Supervised Classification</oml:name><oml:description>In supervised &lt;b&gt;classification</oml:description>
		<oml:creator>Joaquin Vanschoren, Jan van Rijn</oml:creator></oml:task_type>
	<oml:task_type><oml:id>2</oml:id><oml:name>Supervised Regression</oml:name></oml:task_type>
</oml:task_types>`))
	require.NoError(t, err)
	assert.Equal(t, []openml.TaskType{
		{ID: 1, Name: "Supervised Classification", Description: "In supervised <b>classification", Creators: []string{"Joaquin Vanschoren, Jan van Rijn"}},
		{ID: 2, Name: "Supervised Regression"},
	}, types)

	tt, err := openml.ParseTaskType([]byte(`<oml:task_type ` + ns + `>
	<oml:id>1</oml:id><oml:name>Supervised Classification</oml:name><oml:description>d</oml:description>
	<oml:creator>Joaquin Vanschoren</oml:creator><oml:creator>Jan van Rijn</oml:creator><oml:contributor>Bo Gao</oml:contributor>
	<oml:creation_date>2013-01-24 00:00:00</oml:creation_date>
	<oml:input name="source_data"><oml:requirement>required</oml:requirement><oml:data_type>numeric</oml:data_type></oml:input>
	<oml:input name="cost_matrix"><oml:data_type>json</oml:data_type></oml:input>
	<oml:output name="predictions"><oml:requirement>required</oml:requirement></oml:output>
</oml:task_type>`))
	require.NoError(t, err)
	assert.Equal(t, &openml.TaskType{
		ID: 1, Name: "Supervised Classification", Description: "d", Creators: []string{"Joaquin Vanschoren", "Jan van Rijn"},
		Contributors: []string{"Bo Gao"}, CreationDate: "2013-01-24 00:00:00",
		Inputs:  []openml.TaskTypeIO{{Name: "source_data", Requirement: "required", DataType: "numeric"}, {Name: "cost_matrix", DataType: "json"}},
		Outputs: []openml.TaskTypeIO{{Name: "predictions", Requirement: "required"}},
	}, tt)
}

func TestParseFlowRunTask_schemaFields(t *testing.T) {
	t.Parallel()
	f, err := openml.ParseFlow([]byte(`<oml:flow ` + ns + `><oml:id>1</oml:id><oml:name>a</oml:name>
  <oml:parameter><oml:name>C</oml:name><oml:recommendedRange>0..1</oml:recommendedRange></oml:parameter>
  <oml:quality><oml:name>LearnerType</oml:name><oml:value>classification</oml:value></oml:quality>
</oml:flow>`))
	require.NoError(t, err)
	assert.Equal(t, []openml.FlowParameter{{Name: "C", RecommendedRange: "0..1"}}, f.Parameters)
	assert.Equal(t, []openml.Parameter{{Name: "LearnerType", Value: "classification"}}, f.Qualities)

	r, err := openml.ParseRun([]byte(`<oml:run ` + ns + `><oml:run_id>1</oml:run_id><oml:task_id>2</oml:task_id><oml:flow_id>3</oml:flow_id>
  <oml:error_message>Killed</oml:error_message><oml:run_details>sklearn 1.3</oml:run_details>
  <oml:output_data><oml:evaluation sample="2" interval_start="0" interval_end="50"><oml:did>61</oml:did><oml:name>kappa</oml:name>
    <oml:flow>weka.Kappa</oml:flow><oml:label>k</oml:label><oml:value>0.5</oml:value><oml:sample_size>64</oml:sample_size></oml:evaluation></oml:output_data>
</oml:run>`))
	require.NoError(t, err)
	assert.Equal(t, "Killed", r.ErrorMessage)
	assert.Equal(t, "sklearn 1.3", r.RunDetails)
	assert.Equal(t, []openml.Evaluation{{
		Name: "kappa", Flow: "weka.Kappa", Label: "k", DataID: 61, Value: 0.5, HasValue: true,
		Repeat: -1, Fold: -1, Sample: 2, SampleSize: 64, IntervalStart: 0, IntervalEnd: 50, HasInterval: true,
	}}, r.Evaluations)

	tk, err := openml.ParseTask([]byte(`<oml:task ` + ns + `><oml:task_id>1</oml:task_id>
  <oml:output name="model"><oml:data_set><oml:data_set_id>7</oml:data_set_id></oml:data_set></oml:output></oml:task>`))
	require.NoError(t, err)
	assert.Equal(t, &openml.TaskDataSet{DataSetID: 7}, tk.Outputs[0].DataSet)
}

func TestParseJSON_edges(t *testing.T) {
	t.Parallel()
	d, err := openml.ParseDatasetJSON([]byte(`{"data_set_description": {"id": 7, "name": "a<b & c", "description": [], "creator": "Ada",
		"tag": ["x", 2], "ignore_attribute": null, "version": 3, "status": true, "nested": {"deep": {}}}}`))
	require.NoError(t, err)
	assert.Equal(t, int64(7), d.ID)
	assert.Equal(t, "a<b & c", d.Name, "escaped on the way to XML")
	assert.Empty(t, d.Description)
	assert.Equal(t, []string{"Ada"}, d.Creators, "a single value stands for a list of one")
	assert.Equal(t, []string{"x", "2"}, d.Tags)
	assert.Nil(t, d.IgnoreAttributes)
	assert.Equal(t, 3, d.Version)
	assert.Equal(t, "true", d.Status)
}

func TestGet_more(t *testing.T) {
	t.Parallel()
	host := sdktest.Answers(map[string][]byte{
		"data/qualities/7":         []byte(`<oml:data_qualities ` + ns + `><oml:quality><oml:name>NumberOfInstances</oml:name><oml:value>150</oml:value></oml:quality></oml:data_qualities>`),
		"setup/3":                  []byte(`<oml:setup_parameters ` + ns + `><oml:setup_id>3</oml:setup_id><oml:flow_id>4</oml:flow_id></oml:setup_parameters>`),
		"study/99":                 []byte(`<oml:study ` + ns + `><oml:id>99</oml:id><oml:main_entity_type>task</oml:main_entity_type><oml:tasks><oml:task_id>3</oml:task_id></oml:tasks></oml:study>`),
		"tasktype/1":               []byte(`<oml:task_type ` + ns + `><oml:id>1</oml:id><oml:name>Supervised Classification</oml:name></oml:task_type>`),
		"tasktype/list":            []byte(`<oml:task_types ` + ns + `><oml:task_type><oml:id>1</oml:id></oml:task_type></oml:task_types>`),
		"evaluationmeasure/list":   []byte(`<oml:evaluation_measures ` + ns + `><oml:measures><oml:measure>kappa</oml:measure></oml:measures></oml:evaluation_measures>`),
		"estimationprocedure/list": []byte(`<oml:estimationprocedures ` + ns + `><oml:estimationprocedure><oml:id>1</oml:id><oml:folds>10</oml:folds></oml:estimationprocedure></oml:estimationprocedures>`),
		"study/5":                  errorBody("601", "Study does not exist."),
	})
	ctx := context.Background()
	const server = "https://test.example"

	qs, err := openml.GetQualities(ctx, host, sdk.EntityRef{Server: server, Kind: sdk.KindData, ID: 7})
	require.NoError(t, err)
	v, _ := qs.Value("NumberOfInstances")
	assert.Equal(t, 150.0, v)
	assert.Equal(t, sdk.FetchRequest{Server: server, Path: "data/qualities/7"}, host.Fetches[0])
	_, err = openml.GetQualities(ctx, host, sdk.EntityRef{Kind: sdk.KindRun, ID: 7})
	assert.EqualError(t, err, "qualities of dataset 7: r/7 is a run reference, not a data one")

	s, err := openml.GetSetup(ctx, host, server, 3)
	require.NoError(t, err)
	assert.Equal(t, int64(4), s.FlowID)
	st, err := openml.GetStudy(ctx, host, server, 99)
	require.NoError(t, err)
	assert.True(t, st.IsSuite())
	assert.Equal(t, []int64{3}, st.TaskIDs)
	_, err = openml.GetStudy(ctx, host, server, 5)
	assert.EqualError(t, err, "study 5: OpenML answered with error 601: Study does not exist.")
	tt, err := openml.GetTaskType(ctx, host, server, 1)
	require.NoError(t, err)
	assert.Equal(t, "Supervised Classification", tt.Name)
	types, err := openml.ListTaskTypes(ctx, host, server)
	require.NoError(t, err)
	assert.Len(t, types, 1)
	measures, err := openml.ListEvaluationMeasures(ctx, host, server)
	require.NoError(t, err)
	assert.Equal(t, []string{"kappa"}, measures)
	eps, err := openml.ListEstimationProcedures(ctx, host, server)
	require.NoError(t, err)
	assert.Equal(t, 10, eps[0].Folds)
	_, err = openml.GetSetup(ctx, host, server, 4)
	assert.True(t, sdk.IsNotFound(err))
	assert.ErrorContains(t, err, "setup 4: ")
	for _, f := range host.Fetches {
		assert.Equal(t, server, f.Server)
	}
}
