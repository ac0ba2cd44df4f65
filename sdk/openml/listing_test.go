package openml_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/internal/recordings"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

func TestQuery_path(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		path    func() (string, error)
		want    string
		wantErr string
	}{
		"evaluations by task, sorted": {
			path: openml.EvaluationQuery{Function: "predictive_accuracy", Tasks: []int64{59}, Limit: 1000, SortOrder: "desc"}.Path,
			want: "evaluation/list/function/predictive_accuracy/limit/1000/offset/0/task/59/sort_order/desc",
		},
		"evaluations, every filter": {
			path: openml.EvaluationQuery{
				Function: "area_under_roc_curve", Tasks: []int64{1, 2}, Flows: []int64{3}, Runs: []int64{4, 5}, Setups: []int64{6},
				Uploaders: []int64{7}, Tag: "study_14", Study: 99, PerFold: true, Limit: 10, Offset: 20, SortOrder: "asc",
			}.Path,
			want: "evaluation/list/function/area_under_roc_curve/limit/10/offset/20/tag/study_14/study/99/per_fold/true/run/4,5/task/1,2/setup/6/flow/3/uploader/7/sort_order/asc",
		},
		"evaluations, escaped tag":     {path: openml.EvaluationQuery{Tag: "a b&c"}.Path, want: "evaluation/list/tag/a%20b&c"},
		"evaluations, no filter":       {path: openml.EvaluationQuery{SortOrder: "desc"}.Path, wantErr: "evaluation query: give at least a Function, a Limit or an id filter"},
		"evaluations, offset alone":    {path: openml.EvaluationQuery{Function: "f", Offset: 10}.Path, wantErr: "evaluation query: Offset 10 needs a Limit"},
		"evaluations, limit too high":  {path: openml.EvaluationQuery{Function: "f", Limit: 10001}.Path, wantErr: "Limit 10001 is above 10000"},
		"evaluations, negative limit":  {path: openml.EvaluationQuery{Function: "f", Limit: -1}.Path, wantErr: "Limit is -1"},
		"evaluations, negative offset": {path: openml.EvaluationQuery{Function: "f", Limit: 5, Offset: -5}.Path, wantErr: "Offset is -5"},
		"evaluations, bad sort":        {path: openml.EvaluationQuery{Function: "f", SortOrder: "up"}.Path, wantErr: `SortOrder is "up"`},
		"evaluations, bad id":          {path: openml.EvaluationQuery{Tasks: []int64{59, 0}}.Path, wantErr: "Tasks holds 0"},
		"evaluations, slash":           {path: openml.EvaluationQuery{Function: "a/b"}.Path, wantErr: `Function "a/b" holds a slash`},
		"setups of a flow":             {path: openml.SetupQuery{Flows: []int64{5270}}.Path, want: "setup/list/flow/5270"},
		"setups by id":                 {path: openml.SetupQuery{Setups: []int64{1, 2, 3}, Limit: 3}.Path, want: "setup/list/limit/3/offset/0/setup/1,2,3"},
		"setups, no filter":            {path: openml.SetupQuery{}.Path, wantErr: "setup query: give Flows, Setups, a Tag or a Limit"},
		"setups, limit too high":       {path: openml.SetupQuery{Limit: 1001}.Path, wantErr: "Limit 1001 is above 1000"},
		"tasks by type":                {path: openml.TaskQuery{Type: 3}.Path, want: "task/list/type/3"},
		"tasks, every filter": {
			path: openml.TaskQuery{Type: 1, Tag: "OpenML-CC18", DataTag: "uci", Status: "all", DataName: "iris", DataID: openml.Exactly(61),
				NumberInstances: openml.Between(100, 1000), NumberFeatures: openml.Between(1, 10), NumberClasses: openml.Exactly(2),
				NumberMissingValues: openml.Exactly(0), Limit: 50, Offset: 100}.Path,
			want: "task/list/type/1/limit/50/offset/100/tag/OpenML-CC18/data_tag/uci/status/all/data_name/iris/data_id/61/number_instances/100..1000/number_features/1..10/number_classes/2/number_missing_values/0",
		},
		"tasks, zero query":      {path: openml.TaskQuery{}.Path, want: "task/list"},
		"tasks, negative type":   {path: openml.TaskQuery{Type: -1}.Path, wantErr: "task query: Type is -1"},
		"tasks, reversed range":  {path: openml.TaskQuery{NumberInstances: openml.Between(10, 1)}.Path, wantErr: "NumberInstances runs from 10 down to 1"},
		"datasets by name":       {path: openml.DataQuery{Name: "emotions", Limit: 2, Status: "active"}.Path, want: "data/list/data_name/emotions/limit/2/offset/0/status/active"},
		"datasets, every filter": {path: openml.DataQuery{Name: "iris", Version: 2, Tag: "uci", NumberInstances: openml.Between(0, 50), NumberFeatures: openml.Exactly(5), NumberClasses: openml.Exactly(3), NumberMissingValues: openml.Exactly(0)}.Path, want: "data/list/data_name/iris/data_version/2/tag/uci/number_instances/0..50/number_features/5/number_classes/3/number_missing_values/0"},
		"datasets, zero query":   {path: openml.DataQuery{}.Path, want: "data/list"},
		"datasets, bad version":  {path: openml.DataQuery{Version: -2}.Path, wantErr: "dataset query: Version is -2"},
		"flows by tag":           {path: openml.FlowQuery{Tag: "weka", Uploader: 1, Limit: 100, Offset: 200}.Path, want: "flow/list/limit/100/offset/200/tag/weka/uploader/1"},
		"flows, zero query":      {path: openml.FlowQuery{}.Path, want: "flow/list"},
		"runs of a task":         {path: openml.RunQuery{Tasks: []int64{59}, Flows: []int64{5270, 3884}}.Path, want: "run/list/task/59/flow/5270,3884"},
		"runs, every filter":     {path: openml.RunQuery{Tasks: []int64{1}, Flows: []int64{2}, Setups: []int64{3}, Runs: []int64{4}, Uploaders: []int64{5}, Tag: "t", Study: 6, Limit: 7, Offset: 8}.Path, want: "run/list/limit/7/offset/8/tag/t/study/6/run/4/task/1/setup/3/flow/2/uploader/5"},
		"runs, no filter":        {path: openml.RunQuery{}.Path, wantErr: "run query: give at least a Limit or an id filter"},
		"runs, limit too high":   {path: openml.RunQuery{Limit: 10001}.Path, wantErr: "Limit 10001 is above 10000"},
		"suites":                 {path: openml.StudyQuery{MainEntityType: "task", Status: "all"}.Path, want: "study/list/main_entity_type/task/status/all"},
		"studies, every filter":  {path: openml.StudyQuery{MainEntityType: "run", Uploaders: []int64{1, 2}, Status: "active", BenchmarkSuite: 99, Limit: 5}.Path, want: "study/list/limit/5/offset/0/main_entity_type/run/uploader/1,2/status/active/benchmark_suite/99"},
		"studies, zero query":    {path: openml.StudyQuery{}.Path, want: "study/list"},
		"studies, bad uploader":  {path: openml.StudyQuery{Uploaders: []int64{-3}}.Path, wantErr: "study query: Uploaders holds -3"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := c.path()
			if c.wantErr != "" {
				assert.ErrorContains(t, err, c.wantErr)
				assert.Empty(t, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
		})
	}
}

// TestQuery_pathMatchesRecordings checks that queries write the paths
// openml-python asked for when the test server's listings were recorded,
// so a mirror of those recordings answers them.
func TestQuery_pathMatchesRecordings(t *testing.T) {
	t.Parallel()
	cases := map[string]func() (string, error){
		"evaluations":          openml.EvaluationQuery{Function: "predictive_accuracy", Limit: 10}.Path,
		"evaluations of study": openml.EvaluationQuery{Function: "predictive_accuracy", Limit: 10000, Study: 157}.Path,
		"runs":                 openml.RunQuery{Limit: 10}.Path,
		"runs, second page":    openml.RunQuery{Limit: 11, Offset: 10}.Path,
		"runs of study":        openml.RunQuery{Limit: 10000, Study: 157}.Path,
		"learning-curve tasks": openml.TaskQuery{Type: 3}.Path,
		"clustering tasks":     openml.TaskQuery{Type: 5}.Path,
	}
	dir := filepath.Join(recordings.Require(t, "test"), "api", "v1", "xml")
	for name, path := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			p, err := path()
			require.NoError(t, err)
			st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p)))
			require.NoError(t, err, "no recording at %s", p)
			assert.False(t, st.IsDir(), "%s is a folder", p)
		})
	}
}

func TestRange_string(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "", openml.Range{}.String())
	assert.Equal(t, "0", openml.Exactly(0).String())
	assert.Equal(t, "-1..5", openml.Between(-1, 5).String())
	assert.Equal(t, "7", openml.Between(7, 7).String())
}

// errorBody is OpenML's error answer with code.
func errorBody(code, message string) []byte {
	return []byte(`<oml:error ` + ns + `><oml:code>` + code + `</oml:code><oml:message>` + message + `</oml:message></oml:error>`)
}

// listing calls one List function with a query that is valid for it.
type listing struct {
	path      string
	noResults string
	call      func(ctx context.Context, h sdk.Host) (int, error)
}

func count[T any](v []T, err error) (int, error) { return len(v), err }

var listings = map[string]listing{
	"evaluations": {"evaluation/list/function/predictive_accuracy/task/59", "542", func(ctx context.Context, h sdk.Host) (int, error) {
		return count(openml.ListEvaluations(ctx, h, "https://test.example", openml.EvaluationQuery{Function: "predictive_accuracy", Tasks: []int64{59}}))
	}},
	"setups": {"setup/list/flow/5270", "674", func(ctx context.Context, h sdk.Host) (int, error) {
		return count(openml.ListSetups(ctx, h, "https://test.example", openml.SetupQuery{Flows: []int64{5270}}))
	}},
	"tasks": {"task/list/type/3", "482", func(ctx context.Context, h sdk.Host) (int, error) {
		return count(openml.ListTasks(ctx, h, "https://test.example", openml.TaskQuery{Type: 3}))
	}},
	"datasets": {"data/list/tag/uci", "372", func(ctx context.Context, h sdk.Host) (int, error) {
		return count(openml.ListDatasets(ctx, h, "https://test.example", openml.DataQuery{Tag: "uci"}))
	}},
	"flows": {"flow/list/tag/weka", "500", func(ctx context.Context, h sdk.Host) (int, error) {
		return count(openml.ListFlows(ctx, h, "https://test.example", openml.FlowQuery{Tag: "weka"}))
	}},
	"runs": {"run/list/task/59", "512", func(ctx context.Context, h sdk.Host) (int, error) {
		return count(openml.ListRuns(ctx, h, "https://test.example", openml.RunQuery{Tasks: []int64{59}}))
	}},
	"studies": {"study/list/main_entity_type/task", "599", func(ctx context.Context, h sdk.Host) (int, error) {
		return count(openml.ListStudies(ctx, h, "https://test.example", openml.StudyQuery{MainEntityType: "task"}))
	}},
	"estimation procedures": {"estimationprocedure/list", "500", func(ctx context.Context, h sdk.Host) (int, error) {
		return count(openml.ListEstimationProcedures(ctx, h, "https://test.example"))
	}},
}

// TestList_noResults checks that each listing's "no results" answer is an
// empty list and no error, whether the host hands it over as the body or
// as a failed fetch, and that other failures stay failures.
func TestList_noResults(t *testing.T) {
	t.Parallel()
	for name, l := range listings {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			answer := func(body []byte, err error) *sdktest.Host {
				return &sdktest.Host{FetchFunc: func(_ context.Context, req sdk.FetchRequest) (*sdk.FetchResponse, error) {
					assert.Equal(t, sdk.FetchRequest{Server: "https://test.example", Path: l.path}, req)
					if err != nil {
						return nil, err
					}
					return &sdk.FetchResponse{Body: body}, nil
				}}
			}
			hostMessage := "OpenML server: No results (code " + l.noResults + ") for " + l.path

			n, err := l.call(ctx, answer(errorBody(l.noResults, "No results"), nil))
			require.NoError(t, err, "as the body")
			assert.Zero(t, n)

			code, _ := strconv.Atoi(l.noResults)
			h := answer(nil, &sdk.FetchError{Code: sdk.FetchFailed, Message: hostMessage, OpenMLCode: code})
			n, err = l.call(ctx, h)
			require.NoError(t, err, "as a failed fetch carrying the code")
			assert.Zero(t, n)
			assert.Len(t, h.Fetches, 1)

			_, err = l.call(ctx, answer(nil, &sdk.FetchError{Code: sdk.FetchFailed, Message: hostMessage}))
			assert.Error(t, err, "the code counts, not the words of the message")

			_, err = l.call(ctx, answer(errorBody("1", "Function not valid"), nil))
			var apiErr *openml.APIError
			require.ErrorAs(t, err, &apiErr, "another error answer")
			assert.Equal(t, 1, apiErr.Code)
			assert.ErrorContains(t, err, l.path)

			_, err = l.call(ctx, answer(nil, &sdk.FetchError{Code: sdk.FetchFailed, Message: "OpenML server: Too many results (code 1" + l.noResults + ") for " + l.path, OpenMLCode: 1000 + code}))
			assert.ErrorContains(t, err, "Too many results", "another code")

			_, err = l.call(ctx, answer(nil, &sdk.FetchError{Code: sdk.FetchNotFound, Message: hostMessage}))
			assert.True(t, sdk.IsNotFound(err), "missing from a mirror is not an empty listing: %v", err)

			_, err = l.call(ctx, answer(nil, &sdk.FetchError{Code: sdk.FetchUnavailable, Message: "offline: last: " + hostMessage}))
			assert.Error(t, err, "an unreachable server is not an empty listing")

			_, err = l.call(ctx, answer(nil, &sdk.FetchError{Code: sdk.FetchFailed, Message: "server answered " + l.noResults + " Internal Server Error for " + l.path}))
			assert.Error(t, err, "an HTTP status is not an OpenML code")
		})
	}
}

// TestList_codesAreTheirOwn checks that one listing's "no results" code
// is an error for another listing.
func TestList_codesAreTheirOwn(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	host := &sdktest.Host{FetchFunc: func(context.Context, sdk.FetchRequest) (*sdk.FetchResponse, error) {
		return &sdk.FetchResponse{Body: errorBody("372", "No results")}, nil
	}}
	_, err := listings["datasets"].call(ctx, host)
	require.NoError(t, err)
	_, err = listings["evaluations"].call(ctx, host)
	var apiErr *openml.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 372, apiErr.Code)
}

func TestList_badQueryFetchesNothing(t *testing.T) {
	t.Parallel()
	host := sdktest.Answers(nil)
	got, err := openml.ListEvaluations(context.Background(), host, "", openml.EvaluationQuery{Function: "f", Offset: 5})
	assert.EqualError(t, err, "evaluation query: Offset 5 needs a Limit: OpenML refuses an offset without a limit")
	assert.Nil(t, got)
	assert.Empty(t, host.Fetches)
}

func TestList_parseErrorNamesThePath(t *testing.T) {
	t.Parallel()
	host := sdktest.Answers(map[string][]byte{"run/list/task/59": []byte(`<oml:runs ` + ns + `><oml:run><oml:run_id>x</oml:run_id></oml:run></oml:runs>`)})
	_, err := openml.ListRuns(context.Background(), host, "", openml.RunQuery{Tasks: []int64{59}})
	assert.EqualError(t, err, `run listing run/list/task/59: run listing: entry 1: <oml:run_id> is "x", not a whole number`)
}

// TestList_fetchErrorNamesThePathOnce: the host's message names what was
// asked for, so the listing does not name it again.
func TestList_fetchErrorNamesThePathOnce(t *testing.T) {
	t.Parallel()
	host := sdktest.Answers(nil) // "sdktest: no answer for <path>"
	_, err := openml.ListRuns(context.Background(), host, "", openml.RunQuery{Tasks: []int64{59}})
	assert.EqualError(t, err, "run listing: sdktest: no answer for run/list/task/59")
	var fe *sdk.FetchError
	assert.ErrorAs(t, err, &fe, "the cause stays")
}
