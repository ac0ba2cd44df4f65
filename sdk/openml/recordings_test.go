package openml_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/internal/recordings"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// recorded reads one XML recording, e.g. recorded(t, "www", "data/61").
func recorded(t *testing.T, root, apiPath string) []byte {
	t.Helper()
	return recordedAs(t, root, "xml", apiPath)
}

// recordedAs reads the recording of apiPath in format ("xml" or "json").
func recordedAs(t *testing.T, root, format, apiPath string) []byte {
	t.Helper()
	dir := recordings.Require(t, root)
	b, err := os.ReadFile(filepath.Join(dir, "api", "v1", format, filepath.FromSlash(apiPath)))
	require.NoError(t, err)
	return b
}

// contentIDs lists recordings whose content carries another id than their
// path (MANIFEST.tsv: the test server's run 1 is run 100).
var contentIDs = map[string]int64{"test/run/1": 100}

// TestRecordings_allParse parses every recorded data, features, task, flow
// and run answer of both servers; listings (non-numeric names) are not
// entity answers and are skipped.
func TestRecordings_allParse(t *testing.T) {
	t.Parallel()
	parsers := map[string]func([]byte) (int64, error){
		"data": func(b []byte) (int64, error) {
			d, err := openml.ParseDataset(b)
			if err != nil {
				return 0, err
			}
			return d.ID, nil
		},
		// Features carry no id: the count stands in, checked to be > 0.
		"data/features": func(b []byte) (int64, error) {
			fs, err := openml.ParseFeatures(b)
			return -int64(len(fs)), err
		},
		"task": func(b []byte) (int64, error) {
			tk, err := openml.ParseTask(b)
			if err != nil {
				return 0, err
			}
			return tk.ID, nil
		},
		"flow": func(b []byte) (int64, error) {
			f, err := openml.ParseFlow(b)
			if err != nil {
				return 0, err
			}
			return f.ID, nil
		},
		"run": func(b []byte) (int64, error) {
			r, err := openml.ParseRun(b)
			if err != nil {
				return 0, err
			}
			return r.ID, nil
		},
	}
	for _, root := range []string{"www", "test"} {
		dir := filepath.Join(recordings.Require(t, root), "api", "v1", "xml")
		for kind, parse := range parsers {
			entries, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(kind)))
			require.NoError(t, err)
			seen := 0
			for _, e := range entries {
				id, err := strconv.ParseInt(e.Name(), 10, 64)
				if e.IsDir() || err != nil {
					continue
				}
				name := root + "/" + kind + "/" + e.Name()
				t.Run(name, func(t *testing.T) {
					b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(kind), e.Name()))
					require.NoError(t, err)
					got, err := parse(b)
					require.NoError(t, err)
					if want, ok := contentIDs[root+"/"+kind+"/"+e.Name()]; ok {
						id = want
					}
					if kind == "data/features" {
						assert.Negative(t, got, "no features parsed")
						return
					}
					assert.Equal(t, id, got, "id in the answer")
				})
				seen++
			}
			assert.NotZero(t, seen, "no %s recordings in %s", kind, root)
		}
	}
}

func TestRecordings_dataset61(t *testing.T) {
	t.Parallel()
	d, err := openml.ParseDataset(recorded(t, "www", "data/61"))
	require.NoError(t, err)
	assert.Equal(t, int64(61), d.ID)
	assert.Equal(t, "iris", d.Name)
	assert.Equal(t, 1, d.Version)
	assert.Equal(t, "1", d.VersionLabel)
	assert.Equal(t, 4, d.DescriptionVersion)
	assert.True(t, strings.HasPrefix(d.Description, "**Author**: R.A. Fisher"), d.Description)
	assert.Contains(t, d.Description, "(See Duda & Hart, for example.)", "entities decoded")
	assert.Equal(t, "ARFF", d.Format)
	assert.Equal(t, []string{"R.A. Fisher"}, d.Creators)
	assert.Equal(t, "1936", d.CollectionDate)
	assert.Equal(t, "2014-04-06T23:23:39", d.UploadDate)
	assert.Equal(t, "2020-11-20 19:02:18", d.ProcessingDate)
	assert.Equal(t, "English", d.Language)
	assert.Equal(t, "Public", d.Licence)
	assert.Equal(t, "https://api.openml.org/data/v1/download/61/iris.arff", d.URL)
	assert.Equal(t, "https://data.openml.org/datasets/0000/0061/dataset_61.pq", d.ParquetURL)
	assert.Equal(t, "https://data.openml.org/datasets/0000/0061/dataset_61.pq", d.MinioURL)
	assert.Equal(t, int64(61), d.FileID)
	assert.Equal(t, "class", d.DefaultTargetAttribute)
	assert.Equal(t, []string{"class"}, d.Targets())
	assert.Equal(t, "https://archive.ics.uci.edu/ml/citation_policy.html", d.Citation)
	assert.Len(t, d.Tags, 15)
	assert.Equal(t, "Botany", d.Tags[0])
	assert.Equal(t, "uci", d.Tags[14])
	assert.Equal(t, "public", d.Visibility)
	assert.Equal(t, "https://archive.ics.uci.edu/ml/datasets/Iris", d.OriginalDataURL)
	assert.Equal(t, "http://digital.library.adelaide.edu.au/dspace/handle/2440/15227", d.PaperURL)
	assert.Equal(t, "active", d.Status)
	assert.Equal(t, "ad484452702105cbf3d30f8deaba39a9", d.MD5Checksum)
	assert.Empty(t, d.RowIDAttribute)
	assert.Empty(t, d.IgnoreAttributes)
}

func TestRecordings_features61(t *testing.T) {
	t.Parallel()
	fs, err := openml.ParseFeatures(recorded(t, "www", "data/features/61"))
	require.NoError(t, err)
	require.Len(t, fs, 5)
	assert.Equal(t, openml.Feature{Index: 0, Name: "sepallength", DataType: "numeric"}, fs[0])
	class := fs[4]
	assert.Equal(t, 4, class.Index)
	assert.Equal(t, "class", class.Name)
	assert.True(t, class.IsNominal())
	assert.True(t, class.IsTarget)
	assert.Equal(t, []string{"Iris-setosa", "Iris-versicolor", "Iris-virginica"}, class.NominalValues)
	for _, f := range fs[:4] {
		assert.False(t, f.IsTarget, f.Name)
		assert.False(t, f.IsNominal(), f.Name)
	}
}

func TestRecordings_featuresOntology(t *testing.T) {
	t.Parallel()
	fs, err := openml.ParseFeatures(recorded(t, "test", "data/features/11"))
	require.NoError(t, err)
	require.Len(t, fs, 7)
	assert.Equal(t, "maint", fs[1].Name)
	assert.Equal(t, []string{"https://dbpedia.org/page/Maintenance", "https://schema.org/maintenanceOrRepairNeeded"}, fs[1].Ontologies)
}

func TestRecordings_task59(t *testing.T) {
	t.Parallel()
	tk, err := openml.ParseTask(recorded(t, "www", "task/59"))
	require.NoError(t, err)
	assert.Equal(t, int64(59), tk.ID)
	assert.Equal(t, "Supervised Classification", tk.Type)
	assert.Zero(t, tk.TypeID, "task 59 sends no task_type_id")
	require.NotNil(t, tk.DataSet())
	assert.Equal(t, openml.TaskDataSet{DataSetID: 61, TargetFeatures: []string{"class"}}, *tk.DataSet())
	e := tk.Estimation()
	require.NotNil(t, e)
	assert.Equal(t, "crossvalidation", e.Type)
	assert.Equal(t, "http://www.openml.org/api_splits/get/59/Task_59_splits.arff", e.DataSplitsURL)
	assert.Equal(t, 10, e.Folds)
	assert.Equal(t, 1, e.Repeats)
	assert.True(t, e.Stratified)
	assert.Zero(t, e.Percentage)
	assert.Equal(t, "10", e.Param("number_folds"))
	assert.Equal(t, []string{"predictive_accuracy"}, tk.EvaluationMeasures())
	assert.Empty(t, tk.CostMatrix())
	require.Len(t, tk.Outputs, 1)
	require.NotNil(t, tk.Outputs[0].Predictions)
	assert.Equal(t, "ARFF", tk.Outputs[0].Predictions.Format)
	assert.Len(t, tk.Outputs[0].Predictions.Features, 5)
	assert.Equal(t, openml.PredictionFeature{Name: "confidence.classname", Type: "numeric"}, tk.Outputs[0].Predictions.Features[3])
	assert.Equal(t, []string{"basic", "study_1", "study_7", "under100k", "under1m"}, tk.Tags)
}

func TestRecordings_task1Named(t *testing.T) {
	t.Parallel()
	tk, err := openml.ParseTask(recorded(t, "www", "task/1"))
	require.NoError(t, err)
	assert.Equal(t, "Task 1: anneal (Supervised Classification)", tk.Name)
	assert.Equal(t, 1, tk.TypeID)
}

func TestRecordings_flow5270(t *testing.T) {
	t.Parallel()
	f, err := openml.ParseFlow(recorded(t, "www", "flow/5270"))
	require.NoError(t, err)
	assert.Equal(t, int64(5270), f.ID)
	assert.Equal(t, int64(348), f.Uploader)
	assert.Equal(t, "mlr.classif.randomForest.filtered", f.Name)
	assert.Equal(t, "1", f.Version)
	assert.Equal(t, "R_3.3.0-v2.ddb609fe", f.ExternalVersion)
	assert.Equal(t, "Learner mlr.classif.randomForest.filtered from package(s) randomForest.", f.Description)
	assert.Equal(t, "2016-09-06 19:03:23", f.UploadDate)
	assert.Equal(t, "R_3.3.0, OpenML_1.0, randomForest_4.6.12", f.Dependencies)
	require.Len(t, f.Parameters, 21)
	assert.Equal(t, openml.FlowParameter{Name: "classwt", DataType: "numericvector"}, f.Parameters[0])
	assert.Equal(t, openml.FlowParameter{Name: "openml.kind", DataType: "discrete", DefaultValue: "Mersenne-Twister"}, f.Parameters[16])
	require.Len(t, f.Components, 1)
	c := f.Components[0]
	assert.Equal(t, "randomForest", c.Identifier)
	require.NotNil(t, c.Flow)
	assert.Equal(t, int64(5271), c.Flow.ID)
	assert.Equal(t, "mlr.classif.randomForest", c.Flow.Name)
	assert.Equal(t, "2", c.Flow.Version)
	assert.Len(t, c.Flow.Parameters, 16)
	assert.Empty(t, c.Flow.Components)
	assert.Equal(t, "http://capa.win.tue.nl/data/download/1840849/classif.randomForest.filtered_binary.Rds", f.BinaryURL)
	assert.Equal(t, "Rds", f.BinaryFormat)
	assert.Equal(t, "7724a13cbcb0e44411d08f6748e81dcd", f.BinaryMD5)
	assert.Empty(t, c.Flow.BinaryURL, "the component's own fields stay with it")
}

func TestRecordings_flow2People(t *testing.T) {
	t.Parallel()
	f, err := openml.ParseFlow(recorded(t, "www", "flow/2"))
	require.NoError(t, err)
	assert.Equal(t, "1.0", f.Version)
	assert.Equal(t, []string{"Jan N. van Rijn"}, f.Creators)
	assert.Len(t, f.Contributors, 9)
	assert.Equal(t, "public domain", f.Licence)
	assert.Equal(t, "Runs on OpenML servers", f.InstallationNotes)
	assert.Equal(t, `An implementation of the evaluation measure "PolynomialKernel"`, f.Description)
}

func TestRecordings_flow16Tags(t *testing.T) {
	t.Parallel()
	f, err := openml.ParseFlow(recorded(t, "test", "flow/16"))
	require.NoError(t, err)
	assert.Equal(t, []string{"mlr"}, f.Tags)
}

func TestRecordings_run539275(t *testing.T) {
	t.Parallel()
	r, err := openml.ParseRun(recorded(t, "www", "run/539275"))
	require.NoError(t, err)
	assert.Equal(t, int64(539275), r.ID)
	assert.Equal(t, int64(348), r.Uploader)
	assert.Equal(t, "Giuseppe C.", r.UploaderName)
	assert.Equal(t, int64(59), r.TaskID)
	assert.Equal(t, "Supervised Classification", r.TaskType)
	assert.Equal(t, "predictive_accuracy", r.TaskEvaluationMeasure)
	assert.Equal(t, int64(5270), r.FlowID)
	assert.Equal(t, "mlr.classif.randomForest.filtered(1)", r.FlowName)
	assert.Equal(t, int64(5397), r.SetupID)
	assert.Empty(t, r.SetupString)
	require.Len(t, r.ParameterSettings, 7)
	assert.Equal(t, openml.ParameterSetting{Name: "mtry", Value: "2"}, r.ParameterSettings[2])
	assert.Equal(t, []openml.RunDataset{{ID: 61, Name: "iris", URL: "http://www.openml.org/data/download/61/dataset_61_iris.arff"}}, r.InputData)
	pred, ok := r.File("predictions")
	require.True(t, ok)
	assert.Equal(t, openml.RunFile{DID: 5505806, FileID: 1840863, Name: "predictions", URL: "http://capa.win.tue.nl/data/download/1840863/predictions1a3c3e1b7277.arff"}, pred)
	_, ok = r.File("model_serialized")
	assert.False(t, ok)

	acc, ok := r.Evaluation("predictive_accuracy")
	require.True(t, ok)
	assert.Equal(t, int64(36), acc.FlowID)
	assert.True(t, acc.HasValue)
	assert.InDelta(t, 0.946667, acc.Value, 1e-9)
	assert.False(t, acc.PerFold())
	auc, ok := r.Evaluation("area_under_roc_curve")
	require.True(t, ok)
	assert.Equal(t, "[1,0.94,0.94]", auc.ArrayData)
	vals, err := auc.Values()
	require.NoError(t, err)
	assert.Equal(t, []float64{1, 0.94, 0.94}, vals)

	folds := r.FoldEvaluations("predictive_accuracy")
	require.Len(t, folds, 10)
	for i, e := range folds {
		assert.Equal(t, 0, e.Repeat)
		assert.Equal(t, i, e.Fold)
		assert.Equal(t, -1, e.Sample)
		assert.True(t, e.HasValue)
	}
	overall := 0
	for _, e := range r.Evaluations {
		if !e.PerFold() {
			overall++
		}
	}
	assert.Equal(t, 17, overall)
}

func TestRecordings_run1ArrayData(t *testing.T) {
	t.Parallel()
	r, err := openml.ParseRun(recorded(t, "www", "run/1"))
	require.NoError(t, err)
	assert.Equal(t, "weka.classifiers.trees.REPTree -- -M 2 -V 0.001 -N 3 -S 1 -L -1 -I 0.0", r.SetupString)
	assert.Equal(t, []string{"curves", "weka", "weka_3.7.12-SNAPSHOT"}, r.Tags)
	assert.Len(t, r.InputData, 3)
	assert.Len(t, r.OutputFiles, 4)

	auc, ok := r.Evaluation("area_under_roc_curve")
	require.True(t, ok)
	vals, err := auc.Values()
	require.NoError(t, err)
	require.Len(t, vals, 7)
	assert.NotEqual(t, vals[0], vals[0], "the recorded U+FFFD entry reads as NaN")
	assert.InDelta(t, 0.99113, vals[1], 1e-9)

	cm, ok := r.Evaluation("confusion_matrix")
	require.True(t, ok)
	assert.False(t, cm.HasValue)
	m, err := cm.Matrix()
	require.NoError(t, err)
	require.Len(t, m, 7)
	assert.Equal(t, []float64{0, 0, 173, 12, 29, 3, 3}, m[2])
	_, err = cm.Values()
	assert.ErrorContains(t, err, "matrix")
}

func TestRecordings_runTestServer(t *testing.T) {
	t.Parallel()
	r, err := openml.ParseRun(recorded(t, "test", "run/219"))
	require.NoError(t, err)
	assert.Empty(t, r.Error)
	assert.Equal(t, []string{"convertBMR"}, r.Tags)
	f, ok := r.File("description")
	require.True(t, ok)
	assert.Equal(t, int64(-1), f.DID)
}
