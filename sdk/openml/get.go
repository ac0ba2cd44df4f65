package openml

import (
	"context"
	"errors"
	"fmt"

	"github.com/openml-dash/openml-dash/sdk"
)

// GetDataset fetches and parses the description of the dataset ref
// (data/<id>) through the host.
func GetDataset(ctx context.Context, host sdk.Host, ref sdk.EntityRef) (*Dataset, error) {
	return get(ctx, host, ref, sdk.KindData, "data/%d", "dataset %d", ParseDataset)
}

// GetFeatures fetches and parses the features of the dataset ref
// (data/features/<id>) through the host.
func GetFeatures(ctx context.Context, host sdk.Host, ref sdk.EntityRef) ([]Feature, error) {
	return get(ctx, host, ref, sdk.KindData, "data/features/%d", "features of dataset %d", ParseFeatures)
}

// GetTask fetches and parses the task ref (task/<id>) through the host.
func GetTask(ctx context.Context, host sdk.Host, ref sdk.EntityRef) (*Task, error) {
	return get(ctx, host, ref, sdk.KindTask, "task/%d", "task %d", ParseTask)
}

// GetFlow fetches and parses the flow ref (flow/<id>) through the host.
func GetFlow(ctx context.Context, host sdk.Host, ref sdk.EntityRef) (*Flow, error) {
	return get(ctx, host, ref, sdk.KindFlow, "flow/%d", "flow %d", ParseFlow)
}

// GetRun fetches and parses the run ref (run/<id>) through the host.
func GetRun(ctx context.Context, host sdk.Host, ref sdk.EntityRef) (*Run, error) {
	return get(ctx, host, ref, sdk.KindRun, "run/%d", "run %d", ParseRun)
}

// get wraps every failure with the entity it concerns ("task 59: ..."),
// keeping the cause for errors.As (*sdk.FetchError, *APIError).
func get[T any](ctx context.Context, host sdk.Host, ref sdk.EntityRef, kind sdk.Kind, pathf, whatf string, parse func([]byte) (T, error)) (T, error) {
	var zero T
	what := fmt.Sprintf(whatf, ref.ID)
	if ref.Kind != kind {
		return zero, fmt.Errorf("%s: %s is a %s reference, not a %s one", what, ref, ref.Kind, kind)
	}
	path := fmt.Sprintf(pathf, ref.ID)
	body, err := sdk.FetchAPI(ctx, host, ref, path)
	if err != nil {
		return zero, fmt.Errorf("%s: %w", what, err)
	}
	v, err := parseOrRefresh(ctx, host, ref.Server, path, body, parse)
	if err != nil {
		return zero, fmt.Errorf("%s: %w", what, err)
	}
	return v, nil
}

// parseOrRefresh parses body, the answer at path. An answer that does not
// parse may be a copy damaged on disk, which the host may not notice (a
// changed digit is still XML): it is asked for once more, with
// sdk.FetchRequest.Refresh, and that answer parsed instead. An OpenML
// error answer is what the server says, and is not asked again. When the
// second try fails too, the first parse error is returned.
func parseOrRefresh[T any](ctx context.Context, host sdk.Host, server, path string, body []byte, parse func([]byte) (T, error)) (T, error) {
	v, err := parse(body)
	var apiErr *APIError
	if err == nil || errors.As(err, &apiErr) || ctx.Err() != nil {
		return v, err
	}
	resp, ferr := host.Fetch(ctx, sdk.FetchRequest{Server: server, Path: path, Refresh: true})
	if ferr != nil || resp == nil {
		return v, err
	}
	if again, aerr := parse(resp.Body); aerr == nil {
		return again, nil
	}
	return v, err
}

// GetQualities fetches and parses the qualities of the dataset ref
// (data/qualities/<id>) through the host.
func GetQualities(ctx context.Context, host sdk.Host, ref sdk.EntityRef) (Qualities, error) {
	return get(ctx, host, ref, sdk.KindData, "data/qualities/%d", "qualities of dataset %d", ParseQualities)
}

// GetSetup fetches and parses setup id (setup/<id>) of server (a website
// origin, as in sdk.EntityRef.Server; "" for the host's own server)
// through the host.
func GetSetup(ctx context.Context, host sdk.Host, server string, id int64) (*Setup, error) {
	return fetchParse(ctx, host, server, fmt.Sprintf("setup/%d", id), fmt.Sprintf("setup %d", id), ParseSetup)
}

// GetStudy fetches and parses study or benchmark suite id (study/<id>)
// of server through the host.
func GetStudy(ctx context.Context, host sdk.Host, server string, id int64) (*Study, error) {
	return fetchParse(ctx, host, server, fmt.Sprintf("study/%d", id), fmt.Sprintf("study %d", id), ParseStudy)
}

// GetTaskType fetches and parses task type id (tasktype/<id>) of server
// through the host.
func GetTaskType(ctx context.Context, host sdk.Host, server string, id int) (*TaskType, error) {
	return fetchParse(ctx, host, server, fmt.Sprintf("tasktype/%d", id), fmt.Sprintf("task type %d", id), ParseTaskType)
}

// The List functions fetch a listing of server (a website origin, as in
// sdk.EntityRef.Server; "" for the host's own server) through the host.
// A listing that matches nothing is an empty list and no error, whether
// the host hands over OpenML's "no results" answer as the body or as an
// *sdk.FetchError.

// ListEvaluations fetches the evaluation listing q selects.
func ListEvaluations(ctx context.Context, host sdk.Host, server string, q EvaluationQuery) ([]RunEvaluation, error) {
	return list(ctx, host, server, q.Path, "evaluation listing", noEvaluationResults, ParseEvaluations)
}

// ListSetups fetches the setup listing q selects.
func ListSetups(ctx context.Context, host sdk.Host, server string, q SetupQuery) ([]Setup, error) {
	return list(ctx, host, server, q.Path, "setup listing", noSetupResults, ParseSetups)
}

// ListTasks fetches the task listing q selects.
func ListTasks(ctx context.Context, host sdk.Host, server string, q TaskQuery) ([]TaskSummary, error) {
	return list(ctx, host, server, q.Path, "task listing", noTaskResults, ParseTaskList)
}

// ListDatasets fetches the dataset listing q selects.
func ListDatasets(ctx context.Context, host sdk.Host, server string, q DataQuery) ([]DatasetSummary, error) {
	return list(ctx, host, server, q.Path, "dataset listing", noDataResults, ParseDataList)
}

// ListFlows fetches the flow listing q selects.
func ListFlows(ctx context.Context, host sdk.Host, server string, q FlowQuery) ([]FlowSummary, error) {
	return list(ctx, host, server, q.Path, "flow listing", noFlowResults, ParseFlowList)
}

// ListRuns fetches the run listing q selects.
func ListRuns(ctx context.Context, host sdk.Host, server string, q RunQuery) ([]RunSummary, error) {
	return list(ctx, host, server, q.Path, "run listing", noRunResults, ParseRunList)
}

// ListStudies fetches the study listing q selects.
func ListStudies(ctx context.Context, host sdk.Host, server string, q StudyQuery) ([]StudySummary, error) {
	return list(ctx, host, server, q.Path, "study listing", noStudyResults, ParseStudyList)
}

// ListEstimationProcedures fetches every estimation procedure
// (estimationprocedure/list).
func ListEstimationProcedures(ctx context.Context, host sdk.Host, server string) ([]EstimationProcedure, error) {
	return list(ctx, host, server, fixedPath("estimationprocedure/list"), "estimation procedures", noEstimationProcedureResults, ParseEstimationProcedures)
}

// ListEvaluationMeasures fetches the names of every evaluation measure
// (evaluationmeasure/list).
func ListEvaluationMeasures(ctx context.Context, host sdk.Host, server string) ([]string, error) {
	return fetchParse(ctx, host, server, "evaluationmeasure/list", "evaluation measures", ParseEvaluationMeasures)
}

// ListTaskTypes fetches every task type (tasktype/list).
func ListTaskTypes(ctx context.Context, host sdk.Host, server string) ([]TaskType, error) {
	return fetchParse(ctx, host, server, "tasktype/list", "task types", ParseTaskTypes)
}

func fixedPath(p string) func() (string, error) {
	return func() (string, error) { return p, nil }
}

// fetchParse wraps every failure with what was asked for, keeping the
// cause for errors.As.
func fetchParse[T any](ctx context.Context, host sdk.Host, server, path, what string, parse func([]byte) (T, error)) (T, error) {
	var zero T
	body, err := sdk.FetchAPI(ctx, host, sdk.EntityRef{Server: server}, path)
	if err != nil {
		return zero, fmt.Errorf("%s: %w", what, err)
	}
	v, err := parseOrRefresh(ctx, host, server, path, body, parse)
	if err != nil {
		return zero, fmt.Errorf("%s: %w", what, err)
	}
	return v, nil
}

// list is fetchParse for listings: it builds the path from the query, and
// reads OpenML's "no results" error (code noResults) as an empty listing
// when the host reports it as a failed fetch (the parsers do the same for
// the error body). A listing's path says what was asked, so an answer that
// cannot be parsed names it; a failed fetch names it already.
func list[T any](ctx context.Context, host sdk.Host, server string, path func() (string, error), what string, noResults int, parse func([]byte) ([]T, error)) ([]T, error) {
	p, err := path()
	if err != nil {
		return nil, err // it names the query already
	}
	body, err := sdk.FetchAPI(ctx, host, sdk.EntityRef{Server: server}, p)
	if isNoResults(err, noResults) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err) // the host's message names p
	}
	v, err := parseOrRefresh(ctx, host, server, p, body, parse)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", what, p, err)
	}
	return v, nil
}
