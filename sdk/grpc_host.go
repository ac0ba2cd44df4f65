package sdk

import (
	"context"
	"errors"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	pb "github.com/openml-dash/openml-dash/sdk/proto"
)

// hostServer is the host side of Host: it serves the host's Host
// implementation to one plugin.
type hostServer struct {
	pb.UnimplementedHostServer
	impl Host
}

func (s *hostServer) Fetch(ctx context.Context, req *pb.FetchRequest) (*pb.FetchResponse, error) {
	resp, err := s.impl.Fetch(ctx, FetchRequest{Server: req.GetServer(), Path: req.GetPath(), URL: req.GetUrl(), AsFile: req.GetAsFile()})
	if err != nil {
		return nil, fetchErrorToStatus(err)
	}
	return &pb.FetchResponse{Body: resp.Body, FilePath: resp.FilePath}, nil
}

func (s *hostServer) Progress(ctx context.Context, req *pb.ProgressRequest) (*pb.Empty, error) {
	s.impl.Progress(ctx, req.GetLabel(), req.GetDone(), req.GetTotal())
	return &pb.Empty{}, nil
}

func (s *hostServer) Log(ctx context.Context, req *pb.LogRequest) (*pb.Empty, error) {
	s.impl.Log(ctx, LogLevel(req.GetLevel()), req.GetMessage())
	return &pb.Empty{}, nil
}

var fetchCodes = map[FetchErrorCode]codes.Code{
	FetchFailed:      codes.Unknown,
	FetchNotFound:    codes.NotFound,
	FetchUnavailable: codes.Unavailable,
	FetchCanceled:    codes.Canceled,
}

func fetchErrorToStatus(err error) error {
	fe := &FetchError{Code: FetchFailed, Message: err.Error()}
	errors.As(err, &fe)
	if errors.Is(err, context.Canceled) {
		fe.Code = FetchCanceled
	}
	return status.Error(fetchCodes[fe.Code], fe.Message)
}

func statusToFetchError(err error) error {
	st, ok := status.FromError(err)
	if !ok {
		return &FetchError{Code: FetchFailed, Message: err.Error()}
	}
	for code, c := range fetchCodes {
		if c == st.Code() {
			return &FetchError{Code: code, Message: st.Message()}
		}
	}
	return &FetchError{Code: FetchFailed, Message: st.Message()}
}

// hostClient is the plugin side of Host.
type hostClient struct {
	rpc pb.HostClient
}

func (h *hostClient) Fetch(ctx context.Context, req FetchRequest) (*FetchResponse, error) {
	resp, err := h.rpc.Fetch(ctx, &pb.FetchRequest{Server: req.Server, Path: req.Path, Url: req.URL, AsFile: req.AsFile})
	if err != nil {
		return nil, statusToFetchError(err)
	}
	return &FetchResponse{Body: resp.GetBody(), FilePath: resp.GetFilePath()}, nil
}

// Progress and Log are best effort: a lost progress line must not fail a page.
func (h *hostClient) Progress(ctx context.Context, label string, done, total int64) {
	_, _ = h.rpc.Progress(ctx, &pb.ProgressRequest{Label: label, Done: done, Total: total})
}

func (h *hostClient) Log(ctx context.Context, level LogLevel, msg string) {
	_, _ = h.rpc.Log(ctx, &pb.LogRequest{Level: pb.LogLevel(level), Message: msg})
}
