package openml_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk/openml"
)

// recordedJSON reads one JSON recording, e.g. recordedJSON(t, "www", "data/1").
func recordedJSON(t *testing.T, root, apiPath string) []byte {
	t.Helper()
	return recordedAs(t, root, "json", apiPath)
}

func TestRecordings_qualities(t *testing.T) {
	t.Parallel()
	qs, err := openml.ParseQualities(recorded(t, "test", "data/qualities/1"))
	require.NoError(t, err)
	assert.Len(t, qs, 107)
	assert.Equal(t, openml.Quality{Name: "AutoCorrelation", Value: 0.6064659977703456, HasValue: true, FeatureIndex: -1}, qs[0])
	n, ok := qs.Value("NumberOfInstances")
	require.True(t, ok)
	assert.Equal(t, 898.0, n)
	assert.Len(t, qs.Map(), 107)

	sparse, err := openml.ParseQualities(recorded(t, "test", "data/qualities/-1"))
	require.NoError(t, err)
	assert.Len(t, sparse, 19)
	v, _ := sparse.Value("Dimensionality")
	assert.Equal(t, 33.335, v)

	fromJSON, err := openml.ParseQualitiesJSON(recordedJSON(t, "www", "data/qualities/1"))
	require.NoError(t, err)
	assert.Len(t, fromJSON, 107)
	n, _ = fromJSON.Value("NumberOfInstances")
	assert.Equal(t, 898.0, n)
	assert.Equal(t, "AutoCorrelation", fromJSON[0].Name)
}

func TestRecordings_datasetJSON(t *testing.T) {
	t.Parallel()
	d, err := openml.ParseDatasetJSON(recordedJSON(t, "www", "data/1"))
	require.NoError(t, err)
	assert.Equal(t, int64(1), d.ID)
	assert.Equal(t, "anneal", d.Name)
	assert.Equal(t, 2, d.Version)
	assert.Equal(t, "deactivated", d.Status)
	assert.Equal(t, "43b29a3eb09e8fac9a8525c3c83abec8", d.MD5Checksum)
	assert.Equal(t, "https://api.openml.org/data/v1/download/1/anneal.arff", d.URL)
	assert.Equal(t, int64(1), d.FileID)
	assert.Len(t, d.Tags, 10)
	assert.Contains(t, d.Description, "1. Title of Database: Annealing Data")

	emotions, err := openml.ParseDatasetJSON(recordedJSON(t, "www", "data/40589"))
	require.NoError(t, err)
	assert.Len(t, emotions.Targets(), 6)
	assert.Equal(t, "https://www.openml.org/data/v1/download/4644182/emotions.arff", emotions.URL, `"\/" unescaped`)
	assert.Equal(t, []string{"2016_multilabel_r_benchmark_paper", "multi_label"}, emotions.Tags)

	iris, err := openml.ParseDatasetJSON(recordedJSON(t, "test", "data/130"))
	require.NoError(t, err)
	assert.Empty(t, iris.Description, `"description": [] is PHP's empty value`)
	assert.Equal(t, []string{"R.A. Fisher"}, iris.Creators)
	assert.Equal(t, "private", iris.Visibility)
}

func TestRecordings_dataListJSON(t *testing.T) {
	t.Parallel()
	ds, err := openml.ParseDataListJSON(recordedJSON(t, "www", "data/list/limit/5"))
	require.NoError(t, err)
	require.Len(t, ds, 5)
	assert.Equal(t, int64(2), ds[0].ID)
	assert.Equal(t, "anneal", ds[0].Name)
	assert.Equal(t, int64(1666876), ds[0].FileID)
	v, ok := ds[0].Qualities.Value("NumberOfMissingValues")
	assert.True(t, ok)
	assert.Equal(t, 22175.0, v)

	emotions, err := openml.ParseDataListJSON(recordedJSON(t, "www", "data/list/data_name/emotions/limit/2/status/active"))
	require.NoError(t, err)
	require.Len(t, emotions, 1)
	assert.Equal(t, openml.DatasetSummary{ID: 40589, Name: "emotions", Version: 3, Status: "active", Format: "ARFF", FileID: 4644182, Qualities: emotions[0].Qualities}, emotions[0])
	assert.Len(t, emotions[0].Qualities, 9)
}

func TestRecordings_evaluationListing(t *testing.T) {
	t.Parallel()
	evals, err := openml.ParseEvaluations(recorded(t, "test", "evaluation/list/function/predictive_accuracy/limit/10/offset/0"))
	require.NoError(t, err)
	require.Len(t, evals, 10)
	assert.Equal(t, openml.RunEvaluation{
		RunID: 1, TaskID: 119, SetupID: 1, FlowID: 44,
		FlowName:           "TEST5b99b6a6b2sklearn.pipeline.Pipeline(cat_handling=sklearn.compose._column_transformer.ColumnTransformer(cat=sklearn.preprocessing._encoders.OneHotEncoder),imp=sklearn.impute._base.SimpleImputer,classifier=sklearn.dummy.DummyClassifier)(1)",
		DataID:             20,
		DataName:           "diabetes",
		Function:           "predictive_accuracy",
		UploadTime:         "2026-01-20 10:50:04",
		Uploader:           3229,
		EvaluationEngineID: 1,
		Value:              0.6363636363636364,
		HasValue:           true,
	}, evals[0])
	assert.Equal(t, int64(96), evals[9].RunID)
	assert.Equal(t, 0.8416, evals[9].Value)

	study, err := openml.ParseEvaluations(recorded(t, "test", "evaluation/list/function/predictive_accuracy/limit/10000/offset/0/study/157"))
	require.NoError(t, err)
	assert.Len(t, study, 10)
}

func TestRecordings_runListings(t *testing.T) {
	t.Parallel()
	first, err := openml.ParseRunList(recorded(t, "test", "run/list/limit/20/offset/0"))
	require.NoError(t, err)
	require.Len(t, first, 20)
	assert.Equal(t, openml.RunSummary{ID: 1, TaskID: 119, TaskTypeID: 1, SetupID: 1, FlowID: 44, Uploader: 3229, UploadTime: "2026-01-20 10:50:04"}, first[0])

	page, err := openml.ParseRunList(recorded(t, "test", "run/list/limit/11/offset/10"))
	require.NoError(t, err)
	require.Len(t, page, 11)
	assert.Equal(t, first[10:], page[:10], "the second page starts at the 11th run")
}

func TestRecordings_setup(t *testing.T) {
	t.Parallel()
	s, err := openml.ParseSetup(recorded(t, "test", "setup/1"))
	require.NoError(t, err)
	assert.Equal(t, int64(100), s.ID, "MANIFEST.tsv: the setup under id 1 is setup 100")
	assert.Equal(t, int64(60), s.FlowID)
	assert.Equal(t, []openml.SetupParameter{
		{ID: 3432, FlowID: 60, FlowName: "weka.J48", FullName: "weka.J48(1)_C", Name: "C", DataType: "option", DefaultValue: "0.25", Value: "0.9"},
		{ID: 3435, FlowID: 60, FlowName: "weka.J48", FullName: "weka.J48(1)_M", Name: "M", DataType: "option", DefaultValue: "2", Value: "2"},
	}, s.Parameters)
}

func TestRecordings_studies(t *testing.T) {
	t.Parallel()
	suite, err := openml.ParseStudy(recorded(t, "test", "study/146"))
	require.NoError(t, err)
	assert.True(t, suite.IsSuite())
	assert.Equal(t, "unit tested benchmark suite", suite.Name)
	assert.Equal(t, "deactivated", suite.Status)
	assert.Equal(t, int64(3229), suite.Creator)
	assert.Equal(t, []int64{4, 5, 6}, suite.TaskIDs)
	assert.Equal(t, []int64{1}, suite.DataIDs)
	assert.Nil(t, suite.RunIDs)

	runs, err := openml.ParseStudy(recorded(t, "test", "study/157"))
	require.NoError(t, err)
	assert.False(t, runs.IsSuite())
	assert.Equal(t, []int64{19, 119, 115, 32}, runs.TaskIDs)
	assert.Len(t, runs.FlowIDs, 7)
	assert.Len(t, runs.SetupIDs, 8)
	assert.Equal(t, []int64{97, 98, 99, 100, 101, 102, 103, 104, 105}, runs.RunIDs)
	assert.Equal(t, "2026-02-20T02:19:45", runs.CreationDate)

	empty, err := openml.ParseStudy(recorded(t, "test", "study/160"))
	require.NoError(t, err)
	assert.Equal(t, "empty-study-explicit", empty.Name)
	assert.Nil(t, empty.TaskIDs)
	assert.Nil(t, empty.RunIDs)
}

func TestRecordings_taskListings(t *testing.T) {
	t.Parallel()
	curves, err := openml.ParseTaskList(recorded(t, "test", "task/list/type/3"))
	require.NoError(t, err)
	require.Len(t, curves, 208)
	first := curves[0]
	assert.Equal(t, int64(763), first.ID)
	assert.Equal(t, 3, first.TypeID)
	assert.Equal(t, "Learning Curve", first.Type)
	assert.Equal(t, int64(1), first.DataID)
	assert.Equal(t, "anneal", first.DataName)
	assert.Equal(t, "13", first.Input("estimation_procedure"))
	assert.Equal(t, "class", first.Input("target_feature"))
	v, ok := first.Qualities.Value("NumberOfMissingValues")
	assert.True(t, ok)
	assert.Equal(t, 22175.0, v)
	withoutQualities := 0
	for _, tk := range curves {
		if _, ok := tk.Qualities.Value("NumberOfInstances"); !ok {
			withoutQualities++
		}
	}
	assert.Equal(t, 6, withoutQualities, "tasks on datasets the server has not processed")
	assert.Equal(t, "bkxcr", curves[207].Input("target_feature"))

	clustering, err := openml.ParseTaskList(recorded(t, "test", "task/list/type/5"))
	require.NoError(t, err)
	require.Len(t, clustering, 2)
	assert.Equal(t, "Clustering", clustering[0].Type)
	assert.Empty(t, clustering[0].Input("target_feature"))
	assert.Len(t, clustering[0].Qualities, 7)
}

func TestRecordings_estimationProcedures(t *testing.T) {
	t.Parallel()
	eps, err := openml.ParseEstimationProcedures(recorded(t, "test", "estimationprocedure/list"))
	require.NoError(t, err)
	require.Len(t, eps, 35)
	assert.Equal(t, openml.EstimationProcedure{ID: 1, TaskTypeID: 1, Name: "10-fold Crossvalidation", Type: "crossvalidation", Repeats: 1, Folds: 10, Stratified: true}, eps[0])
	assert.Equal(t, openml.EstimationProcedure{ID: 4, TaskTypeID: 1, Name: "Leave one out", Type: "leaveoneout", Repeats: 1}, eps[3])
	assert.Equal(t, openml.EstimationProcedure{ID: 6, TaskTypeID: 1, Name: "33% Holdout set", Type: "holdout", Repeats: 1, Percentage: 33, Stratified: true}, eps[5])
}

func TestRecordings_users(t *testing.T) {
	t.Parallel()
	users, err := openml.ParseUsers(recorded(t, "test", "user/list/user_id/3229"))
	require.NoError(t, err)
	assert.Equal(t, []openml.User{{ID: 3229, Username: "Robert Jones"}}, users)
}
