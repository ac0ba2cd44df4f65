package openml

import (
	"context"
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
	body, err := sdk.FetchAPI(ctx, host, ref, fmt.Sprintf(pathf, ref.ID))
	if err != nil {
		return zero, fmt.Errorf("%s: %w", what, err)
	}
	v, err := parse(body)
	if err != nil {
		return zero, fmt.Errorf("%s: %w", what, err)
	}
	return v, nil
}
