package datapage

import (
	"context"

	"github.com/openml-dash/openml-dash/sdk/frame"
)

// ReadFile reads a data file as Load does, for the benchmarks.
func ReadFile(ctx context.Context, path string) (*frame.Frame, error) {
	return readFile(ctx, path, nil)
}
