package openml_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openml-dash/openml-dash/internal/recordings"
	"github.com/openml-dash/openml-dash/sdk/arff"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// fuzzSeedLimit keeps the big recordings (task listings, sparse features)
// out of the corpora: mutating them would slow every target to a crawl,
// and the small ones already hold every element the parsers read.
const fuzzSeedLimit = 64 << 10

// fuzzDecoder is one answer decoder under FuzzDecode. parse returns what
// it decoded; use then calls the accessors a plugin calls on it.
type fuzzDecoder struct {
	name  string
	parse func([]byte) (any, error)
	// seed is an answer the decoder accepts, so a fresh clone has seeds.
	seed string
}

const fuzzNS = `xmlns:oml="http://openml.org/openml"`

// fuzzDecoders lists every decoder of an OpenML answer; FuzzDecode picks
// one with its selector byte.
var fuzzDecoders = []fuzzDecoder{
	{"dataset", func(b []byte) (any, error) { return openml.ParseDataset(b) },
		`<oml:data_set_description ` + fuzzNS + `><oml:id>61</oml:id><oml:name>iris</oml:name><oml:version>1</oml:version><oml:format>ARFF</oml:format><oml:creator>R.A. Fisher</oml:creator><oml:file_id>61</oml:file_id><oml:default_target_attribute>class, other</oml:default_target_attribute><oml:ignore_attribute>x</oml:ignore_attribute><oml:md5_checksum>ad484452702105cbf3d30f8deaba39a9</oml:md5_checksum><oml:tag>study_1</oml:tag></oml:data_set_description>`},
	{"dataset json", func(b []byte) (any, error) { return openml.ParseDatasetJSON(b) },
		`{"data_set_description": {"id": "61", "name": "iris", "version": 1, "creator": ["R.A. Fisher", 2], "tag": [], "status": true, "description": {}}}`},
	{"features", func(b []byte) (any, error) { return openml.ParseFeatures(b) },
		`<oml:data_features ` + fuzzNS + `><oml:feature><oml:index>0</oml:index><oml:name>sepallength</oml:name><oml:data_type>numeric</oml:data_type><oml:is_target>false</oml:is_target><oml:number_of_missing_values>0</oml:number_of_missing_values></oml:feature><oml:feature><oml:index>1</oml:index><oml:name>class</oml:name><oml:data_type>nominal</oml:data_type><oml:nominal_value>Iris-setosa</oml:nominal_value><oml:is_target>true</oml:is_target></oml:feature></oml:data_features>`},
	{"qualities", func(b []byte) (any, error) { return openml.ParseQualities(b) },
		`<oml:data_qualities ` + fuzzNS + `><oml:quality><oml:name>NumberOfInstances</oml:name><oml:value>150.0</oml:value></oml:quality><oml:quality><oml:name>ClassEntropy</oml:name></oml:quality></oml:data_qualities>`},
	{"qualities json", func(b []byte) (any, error) { return openml.ParseQualitiesJSON(b) },
		`{"data_qualities": {"quality": [{"name": "NumberOfInstances", "value": "150"}, {"name": "MaxNominalAttDistinctValues", "value": 3}, {"name": "X", "value": []}]}}`},
	{"task", func(b []byte) (any, error) { return openml.ParseTask(b) },
		`<oml:task ` + fuzzNS + `><oml:task_id>59</oml:task_id><oml:task_type_id>1</oml:task_type_id><oml:task_type>Supervised Classification</oml:task_type><oml:input name="source_data"><oml:data_set><oml:data_set_id>61</oml:data_set_id><oml:target_feature>class</oml:target_feature></oml:data_set></oml:input><oml:input name="estimation_procedure"><oml:estimation_procedure><oml:id>1</oml:id><oml:type>crossvalidation</oml:type><oml:data_splits_url>https://www.openml.org/api_splits/get/59/Task_59_splits.arff</oml:data_splits_url><oml:parameter name="number_folds">10</oml:parameter></oml:estimation_procedure></oml:input><oml:input name="cost_matrix"><oml:cost_matrix>[[0,1],[1,0]]</oml:cost_matrix></oml:input><oml:input name="evaluation_measures"><oml:evaluation_measures><oml:evaluation_measure>predictive_accuracy</oml:evaluation_measure></oml:evaluation_measures></oml:input><oml:tag>basic</oml:tag></oml:task>`},
	{"flow", func(b []byte) (any, error) { return openml.ParseFlow(b) },
		`<oml:flow ` + fuzzNS + `><oml:id>1</oml:id><oml:name>pipe</oml:name><oml:parameter><oml:name>C</oml:name><oml:default_value>1</oml:default_value></oml:parameter><oml:component><oml:identifier>clf</oml:identifier><oml:flow><oml:id>2</oml:id><oml:name>svm</oml:name><oml:component><oml:identifier>k</oml:identifier><oml:flow><oml:id>3</oml:id><oml:name>kernel</oml:name></oml:flow></oml:component></oml:flow></oml:component><oml:quality><oml:name>LearnerType</oml:name><oml:value>classification</oml:value></oml:quality></oml:flow>`},
	{"flow (implementation)", func(b []byte) (any, error) { return openml.ParseFlow(b) },
		`<oml:implementation ` + fuzzNS + `><oml:id>2</oml:id><oml:name>old</oml:name><oml:components><oml:implementation><oml:id>3</oml:id><oml:name>inner</oml:name></oml:implementation></oml:components></oml:implementation>`},
	{"run", func(b []byte) (any, error) { return openml.ParseRun(b) },
		`<oml:run ` + fuzzNS + `><oml:run_id>1</oml:run_id><oml:task_id>2</oml:task_id><oml:implementation_id>3</oml:implementation_id><oml:parameter_setting><oml:name>C</oml:name><oml:value>1</oml:value></oml:parameter_setting><oml:input_data><oml:dataset><oml:did>61</oml:did></oml:dataset></oml:input_data><oml:output_data><oml:file><oml:name>predictions</oml:name><oml:url>https://x/p.arff</oml:url></oml:file><oml:evaluation><oml:name>predictive_accuracy</oml:name><oml:value>0.9</oml:value><oml:array_data>[0.9,1,NaN]</oml:array_data></oml:evaluation><oml:evaluation repeat="0" fold="1"><oml:name>confusion_matrix</oml:name><oml:array_data>[[1,2],[3,4]]</oml:array_data></oml:evaluation></oml:output_data></oml:run>`},
	{"evaluations", func(b []byte) (any, error) { return openml.ParseEvaluations(b) },
		`<oml:evaluations ` + fuzzNS + `><oml:evaluation><oml:run_id>1</oml:run_id><oml:task_id>59</oml:task_id><oml:function>predictive_accuracy</oml:function><oml:value>0.95</oml:value><oml:array_data>[0.9,1]</oml:array_data><oml:values>[[0.9,0.8],[1]]</oml:values></oml:evaluation></oml:evaluations>`},
	{"evaluation measures", func(b []byte) (any, error) { return openml.ParseEvaluationMeasures(b) },
		`<oml:evaluation_measures ` + fuzzNS + `><oml:measures><oml:measure>kappa</oml:measure><oml:measure>area_under_roc_curve</oml:measure></oml:measures></oml:evaluation_measures>`},
	{"setup", func(b []byte) (any, error) { return openml.ParseSetup(b) },
		`<oml:setup_parameters ` + fuzzNS + `><oml:setup_id>3</oml:setup_id><oml:flow_id>4</oml:flow_id><oml:parameter><oml:id>7</oml:id><oml:full_name>a_C</oml:full_name><oml:parameter_name>C</oml:parameter_name><oml:value>1</oml:value></oml:parameter></oml:setup_parameters>`},
	{"setups", func(b []byte) (any, error) { return openml.ParseSetups(b) },
		`<oml:setups ` + fuzzNS + `><oml:setup><oml:setup_id>1</oml:setup_id><oml:flow_id>2</oml:flow_id><oml:parameter><oml:id>3</oml:id><oml:full_name>a_C</oml:full_name></oml:parameter></oml:setup></oml:setups>`},
	{"study", func(b []byte) (any, error) { return openml.ParseStudy(b) },
		`<oml:study ` + fuzzNS + `><oml:id>99</oml:id><oml:main_entity_type>task</oml:main_entity_type><oml:data><oml:data_id>61</oml:data_id></oml:data><oml:tasks><oml:task_id>3</oml:task_id></oml:tasks><oml:runs><oml:run_id>4</oml:run_id></oml:runs></oml:study>`},
	{"study list", func(b []byte) (any, error) { return openml.ParseStudyList(b) },
		`<oml:study_list ` + fuzzNS + `><oml:study><oml:id>1</oml:id><oml:name>a</oml:name><oml:main_entity_type>run</oml:main_entity_type></oml:study></oml:study_list>`},
	{"task list", func(b []byte) (any, error) { return openml.ParseTaskList(b) },
		`<oml:tasks ` + fuzzNS + `><oml:task><oml:task_id>1</oml:task_id><oml:task_type_id>1</oml:task_type_id><oml:did>61</oml:did><oml:input name="target_feature">class</oml:input><oml:quality name="NumberOfClasses">3.0</oml:quality><oml:tag>x</oml:tag></oml:task></oml:tasks>`},
	{"data list", func(b []byte) (any, error) { return openml.ParseDataList(b) },
		`<oml:data ` + fuzzNS + `><oml:dataset><oml:did>61</oml:did><oml:name>iris</oml:name><oml:version>1</oml:version><oml:quality name="NumberOfInstances">150.0</oml:quality></oml:dataset></oml:data>`},
	{"data list json", func(b []byte) (any, error) { return openml.ParseDataListJSON(b) },
		`{"data": {"dataset": [{"did": 61, "name": "iris", "quality": [{"name": "NumberOfInstances", "value": "150.0"}]}, {"did": "2", "name": "b"}]}}`},
	{"flow list", func(b []byte) (any, error) { return openml.ParseFlowList(b) },
		`<oml:flows ` + fuzzNS + `><oml:flow><oml:id>1</oml:id><oml:full_name>a(1)</oml:full_name><oml:name>a</oml:name><oml:version>1</oml:version><oml:uploader>2</oml:uploader></oml:flow></oml:flows>`},
	{"run list", func(b []byte) (any, error) { return openml.ParseRunList(b) },
		`<oml:runs ` + fuzzNS + `><oml:run><oml:run_id>1</oml:run_id><oml:task_id>59</oml:task_id><oml:setup_id>2</oml:setup_id><oml:flow_id>3</oml:flow_id><oml:uploader>4</oml:uploader><oml:task_type_id>1</oml:task_type_id><oml:upload_time>2014-04-06 23:23:39</oml:upload_time></oml:run></oml:runs>`},
	{"estimation procedures", func(b []byte) (any, error) { return openml.ParseEstimationProcedures(b) },
		`<oml:estimationprocedures ` + fuzzNS + `><oml:estimationprocedure><oml:id>1</oml:id><oml:ttid>1</oml:ttid><oml:name>10-fold</oml:name><oml:type>crossvalidation</oml:type><oml:repeats>1</oml:repeats><oml:folds>10</oml:folds><oml:stratified_sampling>true</oml:stratified_sampling></oml:estimationprocedure></oml:estimationprocedures>`},
	{"task type", func(b []byte) (any, error) { return openml.ParseTaskType(b) },
		`<oml:task_type ` + fuzzNS + `><oml:id>1</oml:id><oml:name>Supervised Classification</oml:name><oml:input name="source_data" required="true"><oml:data_type>numeric</oml:data_type></oml:input></oml:task_type>`},
	{"task types", func(b []byte) (any, error) { return openml.ParseTaskTypes(b) },
		`<oml:task_types ` + fuzzNS + `><oml:task_type><oml:id>1</oml:id><oml:name>a</oml:name></oml:task_type></oml:task_types>`},
	{"users", func(b []byte) (any, error) { return openml.ParseUsers(b) },
		`<oml:users ` + fuzzNS + `><oml:user><oml:id>1</oml:id><oml:username>ada</oml:username></oml:user></oml:users>`},
	{"error", func(b []byte) (any, error) {
		if e, ok := openml.ParseError(b); ok {
			return e, nil
		}
		return nil, errors.New("not an error answer")
	}, `<oml:error ` + fuzzNS + `><oml:code>111</oml:code><oml:message>Unknown dataset</oml:message><oml:additional_information>id 7</oml:additional_information></oml:error>`},
}

// fuzzDecoderNames names the decoder of a recorded XML answer by the
// first segments of its API path ("data/features/61": "data/features").
var fuzzDecoderNames = map[string]string{
	"data": "dataset", "data/features": "features", "data/qualities": "qualities", "data/list": "data list",
	"task": "task", "task/list": "task list", "flow": "flow", "flow/list": "flow list",
	"run": "run", "run/list": "run list", "setup": "setup", "setup/list": "setups",
	"study": "study", "study/list": "study list", "evaluation/list": "evaluations",
	"evaluationmeasure/list": "evaluation measures", "estimationprocedure/list": "estimation procedures",
	"tasktype": "task type", "tasktype/list": "task types", "user/list": "users",
	"json:data": "dataset json", "json:data/qualities": "qualities json", "json:data/list": "data list json",
}

// fuzzDecoderFor names the decoder of a recorded answer from its format
// ("xml" or "json") and API path, or "" for none.
func fuzzDecoderFor(format, apiPath string) string {
	prefix := ""
	if format == "json" {
		prefix = "json:"
	}
	segs := strings.SplitN(apiPath, "/", 3)
	if len(segs) > 1 {
		if d, ok := fuzzDecoderNames[prefix+segs[0]+"/"+segs[1]]; ok {
			return d
		}
	}
	return fuzzDecoderNames[prefix+segs[0]]
}

// fuzzAnswers returns the recorded API answers of both servers no
// larger than fuzzSeedLimit, each with the decoder that reads it, or
// nothing when the recordings are absent.
func fuzzAnswers(tb testing.TB) (answers [][]byte, decoders []byte) {
	tb.Helper()
	dir := recordings.Dir()
	if dir == "" {
		return nil, nil
	}
	index := map[string]byte{}
	for i, d := range fuzzDecoders {
		if _, dup := index[d.name]; !dup {
			index[d.name] = byte(i)
		}
	}
	for _, root := range []string{"www", "test"} {
		for _, format := range []string{"xml", "json"} {
			base := filepath.Join(dir, root, "api", "v1", format)
			_ = filepath.WalkDir(base, func(p string, e fs.DirEntry, err error) error {
				if err != nil || e.IsDir() {
					return nil
				}
				rel, _ := filepath.Rel(base, p)
				i, ok := index[fuzzDecoderFor(format, filepath.ToSlash(rel))]
				if info, err := e.Info(); !ok || err != nil || info.Size() > fuzzSeedLimit {
					return nil
				}
				b, err := os.ReadFile(p)
				if err != nil {
					tb.Fatal(err)
				}
				answers, decoders = append(answers, b), append(decoders, i)
				return nil
			})
		}
	}
	return answers, decoders
}

// FuzzDecode feeds arbitrary bytes to the decoder picked by which (every
// XML and JSON answer decoder of the package): it must not panic, must
// return either a result or an error, and what it returns must survive
// the accessors plugins call on it.
func FuzzDecode(f *testing.F) {
	for i, d := range fuzzDecoders {
		f.Add([]byte(d.seed), byte(i))
	}
	// An error answer given to every decoder, and odd shapes.
	for i := range fuzzDecoders {
		f.Add([]byte(fuzzDecoders[len(fuzzDecoders)-1].seed), byte(i))
	}
	for _, s := range []string{
		``, ` `, `<?xml version="1.0" encoding="ISO-8859-1"?><oml:data_set_description ` + fuzzNS + `><oml:id>1</oml:id><oml:name>caf` + "\xe9" + `</oml:name></oml:data_set_description>`,
		`<?xml version="1.0" encoding="EBCDIC"?><x/>`, "<oml:task " + fuzzNS + "><oml:task_id>1\x00</oml:task_id></oml:task>",
		`<task><task_id>1</task_id></task>`, `<a:task xmlns:a="urn:other"/>`, `{"error": {"code": 372, "message": "No results"}}`,
		`{"data": {"dataset": [[{"did": 1}]]}}`, `{"a": {"b": {"c": {"d": {"e": {"f": {}}}}}}}`,
	} {
		f.Add([]byte(s), byte(0))
		f.Add([]byte(s), byte(1))
	}
	answers, decoders := fuzzAnswers(f)
	for i, b := range answers {
		f.Add(b, decoders[i])
	}
	f.Fuzz(func(t *testing.T, data []byte, which byte) {
		d := fuzzDecoders[int(which)%len(fuzzDecoders)]
		v, err := d.parse(data)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("%s: an error without a message", d.name)
			}
			return
		}
		if v == nil {
			t.Fatalf("%s: neither a result nor an error", d.name)
		}
		fuzzUse(t, v)
	})
}

// fuzzUse calls the accessors of a decoded answer, as plugins do.
func fuzzUse(t *testing.T, v any) {
	switch v := v.(type) {
	case *openml.Dataset:
		_ = v.Targets()
	case []openml.Feature:
		for _, f := range v {
			_ = f.IsNominal()
		}
	case openml.Qualities:
		m := v.Map()
		for name := range m {
			if _, ok := v.Value(name); !ok {
				t.Fatalf("quality %q is in Map but not found by Value", name)
			}
		}
	case *openml.Task:
		_, _, _, _ = v.DataSet(), v.Estimation(), v.EvaluationMeasures(), v.CostMatrix()
		if e := v.Estimation(); e != nil {
			_ = e.Param("number_folds")
		}
	case *openml.Flow:
		v.Walk(func(string, openml.Component) {})
	case *openml.Run:
		for _, e := range v.Evaluations {
			_, _ = e.Values()
			if m, err := e.Matrix(); err == nil && len(m) == 0 && e.ArrayData != "" {
				t.Fatalf("array data %q: no rows and no error", e.ArrayData)
			}
			_, _ = v.Evaluation(e.Name)
			_ = v.FoldEvaluations(e.Name)
		}
		_, _ = v.File("predictions")
	case []openml.RunEvaluation:
		for _, e := range v {
			_, _ = e.ClassValues()
			_, _ = e.FoldValues()
		}
	case *openml.Setup:
		_, _ = v.Value("C")
	case *openml.Study:
		_ = v.IsSuite()
	case []openml.TaskSummary:
		for _, s := range v {
			_ = s.Input("target_feature")
		}
	}
}

// FuzzPredictionsAndSplits reads arbitrary bytes as ARFF and, when that
// works, as a run's predictions file and as a task's splits file: neither
// may panic, and what they return must be consistent (one entry per row in
// every column, class indexes within the classes).
func FuzzPredictionsAndSplits(f *testing.F) {
	for _, s := range []string{
		"@relation p\n@attribute repeat numeric\n@attribute fold numeric\n@attribute row_id numeric\n@attribute prediction {a,b}\n@attribute correct {b,a}\n@attribute confidence.a numeric\n@attribute confidence.b numeric\n@data\n0,0,1,a,b,0.9,0.1\n0,1,2,b,b,0.2,0.8\n0,1,3,?,a,?,?\n",
		"@relation p\n@attribute repeat numeric\n@attribute fold numeric\n@attribute sample numeric\n@attribute rowid numeric\n@attribute prediction numeric\n@attribute truth numeric\n@data\n0,0,0,5,1.5,2\n0,9,1,6,-1,1e300\n",
		"@relation s\n@attribute type {TRAIN,TEST}\n@attribute rowid numeric\n@attribute repeat numeric\n@attribute fold numeric\n@data\nTRAIN,0,0,0\nTEST,1,0,0\ntrain,2,0,1\n?,3,0,1\n",
		"@relation s\n@attribute type {test}\n@attribute rowid numeric\n@attribute repeat numeric\n@attribute fold numeric\n@attribute sample numeric\n@data\ntest,1e20,-1,0.5,0\n",
		"@relation p\n@attribute repeat string\n@attribute fold numeric\n@attribute row_id numeric\n@data\nx,1,2\n",
	} {
		f.Add([]byte(s))
	}
	if dir := recordings.Dir(); dir != "" {
		for _, pattern := range []string{
			"www/data/download/*/predictions*.arff", "test/data/download/*/predictions*.arff",
			"www/api_splits/get/*/*.arff", "test/api_splits/get/*/*.arff", "odd-arff/*.arff",
		} {
			paths, _ := filepath.Glob(filepath.Join(dir, filepath.FromSlash(pattern)))
			for _, p := range paths {
				if st, err := os.Stat(p); err == nil && st.Size() <= fuzzSeedLimit {
					b, err := os.ReadFile(p)
					if err != nil {
						f.Fatal(err)
					}
					f.Add(b)
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fr, err := arff.Read(t.Context(), bytes.NewReader(data), arff.Options{})
		if err != nil {
			return
		}
		rows := fr.Rows()
		if p, err := openml.PredictionsFromFrame(fr); err == nil {
			n := p.Len()
			for name, l := range map[string]int{"repeat": len(p.Repeat), "fold": len(p.Fold), "predicted": len(p.Predicted), "truth": len(p.Truth)} {
				if l != n || l != rows {
					t.Fatalf("predictions: %s has %d entries, row ids %d, the file %d rows", name, l, n, rows)
				}
			}
			if p.Sample != nil && len(p.Sample) != n {
				t.Fatalf("predictions: sample has %d entries for %d rows", len(p.Sample), n)
			}
			if p.Classification() {
				if len(p.Confidence) != len(p.Classes) {
					t.Fatalf("predictions: %d confidence columns for %d classes", len(p.Confidence), len(p.Classes))
				}
				for _, c := range p.Confidence {
					if len(c) != n {
						t.Fatalf("predictions: a confidence column has %d entries for %d rows", len(c), n)
					}
				}
				for _, vs := range [][]float64{p.Predicted, p.Truth} {
					for _, v := range vs {
						if v < -1 || v >= float64(len(p.Classes)) {
							t.Fatalf("predictions: class index %v outside the %d classes", v, len(p.Classes))
						}
					}
				}
			}
		}
		if s, err := openml.SplitsFromFrame(fr); err == nil {
			n := s.Len()
			if len(s.Train) != n || len(s.Repeat) != n || len(s.Fold) != n || n != rows || (s.Sample != nil && len(s.Sample) != n) {
				t.Fatalf("splits: columns of %d, %d, %d and %d entries for %d rows", len(s.Train), len(s.Repeat), len(s.Fold), n, rows)
			}
			_, _ = s.Folds(), s.Repeats()
		}
	})
}
