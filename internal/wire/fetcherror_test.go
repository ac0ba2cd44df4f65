package wire

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk"
)

// TestFetchError_survivesTheWire checks that a FetchError's code and OpenML
// error code come back intact from the gRPC status they travel as.
func TestFetchError_survivesTheWire(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		in   error
		want sdk.FetchError
	}{
		"no results":  {&sdk.FetchError{Code: sdk.FetchFailed, Message: "No results", OpenMLCode: 542}, sdk.FetchError{Code: sdk.FetchFailed, Message: "No results", OpenMLCode: 542}},
		"not found":   {&sdk.FetchError{Code: sdk.FetchNotFound, Message: "not in the mirror"}, sdk.FetchError{Code: sdk.FetchNotFound, Message: "not in the mirror"}},
		"unavailable": {&sdk.FetchError{Code: sdk.FetchUnavailable, Message: "offline"}, sdk.FetchError{Code: sdk.FetchUnavailable, Message: "offline"}},
		"canceled":    {context.Canceled, sdk.FetchError{Code: sdk.FetchCanceled, Message: "context canceled"}},
		"plain error": {errors.New("boom"), sdk.FetchError{Code: sdk.FetchFailed, Message: "boom"}},
		"newer code":  {&sdk.FetchError{Code: 99, Message: "new"}, sdk.FetchError{Code: sdk.FetchFailed, Message: "new"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var got *sdk.FetchError
			require.ErrorAs(t, statusToFetchError(fetchErrorToStatus(tc.in)), &got)
			assert.Equal(t, tc.want, *got)
		})
	}
}
