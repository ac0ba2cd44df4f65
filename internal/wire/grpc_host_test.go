package wire

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/proto"

	"github.com/openml-dash/openml-dash/sdk"
	pb "github.com/openml-dash/openml-dash/sdk/proto"
)

// loopback is a pb.HostClient that hands each message, marshalled and
// back as on the wire, straight to a hostServer.
type loopback struct{ s *hostServer }

func (l loopback) Fetch(ctx context.Context, in *pb.FetchRequest, _ ...grpc.CallOption) (*pb.FetchResponse, error) {
	resp, err := l.s.Fetch(ctx, wire(in))
	if err != nil {
		return nil, err
	}
	return wire(resp), nil
}

func (l loopback) Progress(ctx context.Context, in *pb.ProgressRequest, _ ...grpc.CallOption) (*pb.Empty, error) {
	return l.s.Progress(ctx, wire(in))
}

func (l loopback) Log(ctx context.Context, in *pb.LogRequest, _ ...grpc.CallOption) (*pb.Empty, error) {
	return l.s.Log(ctx, wire(in))
}

func wire[M proto.Message](m M) M {
	b, err := proto.Marshal(m)
	if err != nil {
		panic(err)
	}
	out := m.ProtoReflect().New().Interface().(M)
	if err := proto.Unmarshal(b, out); err != nil {
		panic(err)
	}
	return out
}

type recordingHost struct {
	got  sdk.FetchRequest
	resp sdk.FetchResponse
}

func (h *recordingHost) Fetch(_ context.Context, req sdk.FetchRequest) (*sdk.FetchResponse, error) {
	h.got = req
	return &h.resp, nil
}
func (h *recordingHost) Progress(context.Context, string, int64, int64) {}
func (h *recordingHost) Log(context.Context, sdk.LogLevel, string)      {}

// TestFetch_survivesTheWire: every field of a fetch and its answer crosses
// the wire, Refresh and Verified included.
func TestFetch_survivesTheWire(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		req  sdk.FetchRequest
		resp sdk.FetchResponse
	}{
		"zero": {},
		"all": {
			req:  sdk.FetchRequest{Server: "https://test.openml.org", URL: "https://test.openml.org/data/download/11/b.arff", AsFile: true, MD5: "NotApplicable", Refresh: true},
			resp: sdk.FetchResponse{FilePath: "/cache/b.arff", Verified: true},
		},
		"body": {req: sdk.FetchRequest{Path: "data/61"}, resp: sdk.FetchResponse{Body: []byte("<x/>")}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			impl := &recordingHost{resp: tc.resp}
			c := &hostClient{rpc: loopback{&hostServer{impl: impl}}}
			got, err := c.Fetch(t.Context(), tc.req)
			require.NoError(t, err)
			assert.Equal(t, tc.req, impl.got)
			if len(tc.resp.Body) == 0 {
				got.Body = nil
			}
			assert.Equal(t, tc.resp, *got)
		})
	}
}
