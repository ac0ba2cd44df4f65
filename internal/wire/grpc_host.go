package wire

import (
	"context"
	"errors"
	"strconv"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/openml-dash/openml-dash/sdk"
	pb "github.com/openml-dash/openml-dash/sdk/proto"
)

// hostServer is the host side of Host: it serves the host's Host
// implementation to one plugin.
type hostServer struct {
	pb.UnimplementedHostServer
	impl sdk.Host
}

func (s *hostServer) Fetch(ctx context.Context, req *pb.FetchRequest) (*pb.FetchResponse, error) {
	resp, err := s.impl.Fetch(ctx, sdk.FetchRequest{Server: req.GetServer(), Path: req.GetPath(), URL: req.GetUrl(), AsFile: req.GetAsFile(), MD5: req.GetMd5(), Refresh: req.GetRefresh()})
	if err != nil {
		return nil, fetchErrorToStatus(err)
	}
	if resp == nil {
		return &pb.FetchResponse{}, nil
	}
	return &pb.FetchResponse{Body: resp.Body, FilePath: resp.FilePath, Verified: resp.Verified}, nil
}

func (s *hostServer) Progress(ctx context.Context, req *pb.ProgressRequest) (*pb.Empty, error) {
	s.impl.Progress(ctx, req.GetLabel(), req.GetDone(), req.GetTotal())
	return &pb.Empty{}, nil
}

func (s *hostServer) Log(ctx context.Context, req *pb.LogRequest) (*pb.Empty, error) {
	s.impl.Log(ctx, sdk.LogLevel(req.GetLevel()), req.GetMessage())
	return &pb.Empty{}, nil
}

var fetchCodes = map[sdk.FetchErrorCode]codes.Code{
	sdk.FetchFailed:      codes.Unknown,
	sdk.FetchNotFound:    codes.NotFound,
	sdk.FetchUnavailable: codes.Unavailable,
	sdk.FetchCanceled:    codes.Canceled,
}

func fetchErrorToStatus(err error) error {
	fe := &sdk.FetchError{Code: sdk.FetchFailed, Message: err.Error()}
	errors.As(err, &fe)
	if errors.Is(err, context.Canceled) {
		fe.Code = sdk.FetchCanceled
	}
	code, ok := fetchCodes[fe.Code]
	if !ok {
		code = codes.Unknown // a code newer than this table
	}
	return withOpenMLCode(status.New(code, fe.Message), fe.OpenMLCode).Err()
}

// openMLErrorReason marks the status detail that carries an OpenML error
// code, so a plugin can tell "no results" from a failure without reading
// the message.
const openMLErrorReason = "OPENML_ERROR"

// withOpenMLCode attaches code to st as an ErrorInfo detail.
func withOpenMLCode(st *status.Status, code int) *status.Status {
	if code == 0 {
		return st
	}
	d, err := st.WithDetails(&errdetails.ErrorInfo{Reason: openMLErrorReason, Domain: "openml.org", Metadata: map[string]string{"code": strconv.Itoa(code)}})
	if err != nil {
		return st
	}
	return d
}

// openMLCode reads back what withOpenMLCode attached.
func openMLCode(st *status.Status) int {
	for _, d := range st.Details() {
		if info, ok := d.(*errdetails.ErrorInfo); ok && info.GetReason() == openMLErrorReason {
			n, _ := strconv.Atoi(info.GetMetadata()["code"])
			return n
		}
	}
	return 0
}

func statusToFetchError(err error) error {
	st, ok := status.FromError(err)
	if !ok {
		return &sdk.FetchError{Code: sdk.FetchFailed, Message: err.Error()}
	}
	for code, c := range fetchCodes {
		if c == st.Code() {
			return &sdk.FetchError{Code: code, Message: st.Message(), OpenMLCode: openMLCode(st)}
		}
	}
	return &sdk.FetchError{Code: sdk.FetchFailed, Message: st.Message(), OpenMLCode: openMLCode(st)}
}

// hostClient is the plugin side of Host.
type hostClient struct {
	rpc pb.HostClient
}

func (h *hostClient) Fetch(ctx context.Context, req sdk.FetchRequest) (*sdk.FetchResponse, error) {
	resp, err := h.rpc.Fetch(ctx, &pb.FetchRequest{Server: req.Server, Path: req.Path, Url: req.URL, AsFile: req.AsFile, Md5: req.MD5, Refresh: req.Refresh})
	if err != nil {
		return nil, statusToFetchError(err)
	}
	return &sdk.FetchResponse{Body: resp.GetBody(), FilePath: resp.GetFilePath(), Verified: resp.GetVerified()}, nil
}

// Progress and Log are best effort: a lost progress line must not fail a page.
func (h *hostClient) Progress(ctx context.Context, label string, done, total int64) {
	_, _ = h.rpc.Progress(ctx, &pb.ProgressRequest{Label: label, Done: done, Total: total})
}

func (h *hostClient) Log(ctx context.Context, level sdk.LogLevel, msg string) {
	_, _ = h.rpc.Log(ctx, &pb.LogRequest{Level: pb.LogLevel(level), Message: msg})
}
