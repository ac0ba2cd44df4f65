package pluginhost

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/openml-dash/openml-dash/sdk"
)

// TestFetchStatus_carriesOpenMLCode checks the detail the sdk reads back
// (sdk/grpc_host.go openMLCode) to tell "no results" from a failure.
func TestFetchStatus_carriesOpenMLCode(t *testing.T) {
	t.Parallel()
	st, ok := status.FromError(fetchStatus(&sdk.FetchError{Code: sdk.FetchFailed, Message: "No results", OpenMLCode: 542}))
	require.True(t, ok)
	assert.Equal(t, codes.Unknown, st.Code())
	require.Len(t, st.Details(), 1)
	info, ok := st.Details()[0].(*errdetails.ErrorInfo)
	require.True(t, ok)
	assert.Equal(t, "OPENML_ERROR", info.GetReason())
	assert.Equal(t, "542", info.GetMetadata()["code"])

	st, _ = status.FromError(fetchStatus(&sdk.FetchError{Code: sdk.FetchNotFound, Message: "gone"}))
	assert.Equal(t, codes.NotFound, st.Code())
	assert.Empty(t, st.Details(), "no OpenML code, no detail")
}
