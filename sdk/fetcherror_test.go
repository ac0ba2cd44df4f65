package sdk

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFetchError_survivesTheWire checks that a FetchError's code and OpenML
// error code come back intact from the gRPC status they travel as.
func TestFetchError_survivesTheWire(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		in   error
		want FetchError
	}{
		"no results":  {&FetchError{Code: FetchFailed, Message: "No results", OpenMLCode: 542}, FetchError{Code: FetchFailed, Message: "No results", OpenMLCode: 542}},
		"not found":   {&FetchError{Code: FetchNotFound, Message: "not in the mirror"}, FetchError{Code: FetchNotFound, Message: "not in the mirror"}},
		"unavailable": {&FetchError{Code: FetchUnavailable, Message: "offline"}, FetchError{Code: FetchUnavailable, Message: "offline"}},
		"canceled":    {context.Canceled, FetchError{Code: FetchCanceled, Message: "context canceled"}},
		"plain error": {errors.New("boom"), FetchError{Code: FetchFailed, Message: "boom"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var got *FetchError
			require.ErrorAs(t, statusToFetchError(fetchErrorToStatus(tc.in)), &got)
			assert.Equal(t, tc.want, *got)
		})
	}
}
