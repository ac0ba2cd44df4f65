package pluginhost

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"

	"github.com/hashicorp/go-plugin"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/status"

	"github.com/openml-dash/openml-dash/sdk"
	pb "github.com/openml-dash/openml-dash/sdk/proto"
)

// brokeredHost serves the host's sdk.Host to one plugin process over the
// go-plugin broker, with the connection's mTLS credentials.
//
// It works around sdk.GRPCPlugin.GRPCClient, which serves Host on the
// broker without TLS credentials: with AutoMTLS the plugin dials the broker
// over TLS and the handshake fails ("tls: first record does not look like
// a TLS handshake"), so every Fetch would fail. With no Host set, the sdk
// still allocates the broker id and sends it in Describe; an interceptor on
// the connection reads it there and serves Host under that id before the
// plugin dials it. Delete this file once the sdk serves Host with the
// broker's credentials (broker.AcceptAndServe passes them).
type brokeredHost struct {
	host   sdk.Host
	plugin string               // the plugin's name, for PluginName
	config *plugin.ClientConfig // its TLSConfig is filled in by the handshake
	clock  *pluginClock         // stands still while the host serves the plugin

	mu     sync.Mutex
	broker *plugin.GRPCBroker
	srv    *grpc.Server
	id     uint32
}

// hostSidePlugin is the plugin set entry for one plugin process: the sdk's
// client with the broker noted for brokeredHost.
type hostSidePlugin struct {
	plugin.NetRPCUnsupportedPlugin
	b *brokeredHost
}

var _ plugin.GRPCPlugin = (*hostSidePlugin)(nil)

func (p *hostSidePlugin) GRPCServer(*plugin.GRPCBroker, *grpc.Server) error {
	return errors.New("pluginhost: the host does not serve a dashboard")
}

func (p *hostSidePlugin) GRPCClient(ctx context.Context, broker *plugin.GRPCBroker, conn *grpc.ClientConn) (any, error) {
	p.b.mu.Lock()
	p.b.broker = broker
	p.b.mu.Unlock()
	return (&sdk.GRPCPlugin{}).GRPCClient(ctx, broker, conn)
}

// intercept starts the Host service when Describe carries its broker id.
func (b *brokeredHost) intercept(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoke grpc.UnaryInvoker, opts ...grpc.CallOption) error {
	if r, ok := req.(*pb.DescribeRequest); ok && r.GetHostBrokerId() != 0 {
		if err := b.serve(r.GetHostBrokerId()); err != nil {
			return err
		}
	}
	return invoke(ctx, method, req, reply, cc, opts...)
}

func (b *brokeredHost) serve(id uint32) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.srv != nil && b.id == id {
		return nil
	}
	if b.srv != nil || b.broker == nil {
		return fmt.Errorf("start the host service: unexpected broker id %d", id)
	}
	lis, err := b.broker.Accept(id)
	if err != nil {
		return fmt.Errorf("start the host service: %w", err)
	}
	opts := []grpc.ServerOption{
		grpc.MaxRecvMsgSize(sdk.MaxMessageSize), grpc.MaxSendMsgSize(sdk.MaxMessageSize),
		grpc.ChainUnaryInterceptor(b.clock.hostCall),
	}
	if tls := b.config.TLSConfig; tls != nil {
		opts = append(opts, grpc.Creds(credentials.NewTLS(tls)))
	}
	srv := grpc.NewServer(opts...)
	pb.RegisterHostServer(srv, &hostServer{impl: b.host, plugin: b.plugin})
	b.srv, b.id = srv, id
	go func() { _ = srv.Serve(lis) }() // returns when stop closes the listener
	return nil
}

func (b *brokeredHost) stop() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.srv != nil {
		b.srv.Stop()
	}
}

// hostServer mirrors the sdk's unexported one, status codes included: the
// plugin side turns them back into sdk.FetchError codes. Every call's ctx
// names the plugin, for PluginName.
type hostServer struct {
	pb.UnimplementedHostServer
	impl   sdk.Host
	plugin string
}

type pluginKey struct{}

// PluginName is the name of the plugin whose call to the host ctx
// belongs to (Fetch, Progress, Log), or "" for a ctx that is not one: the
// host's log lines say which plugin asked.
func PluginName(ctx context.Context) string {
	name, _ := ctx.Value(pluginKey{}).(string)
	return name
}

func (s *hostServer) Fetch(ctx context.Context, req *pb.FetchRequest) (*pb.FetchResponse, error) {
	ctx = context.WithValue(ctx, pluginKey{}, s.plugin)
	resp, err := s.impl.Fetch(ctx, sdk.FetchRequest{Server: req.GetServer(), Path: req.GetPath(), URL: req.GetUrl(), AsFile: req.GetAsFile(), MD5: req.GetMd5(), Refresh: req.GetRefresh()})
	if err != nil {
		return nil, fetchStatus(err)
	}
	if resp == nil {
		return &pb.FetchResponse{}, nil
	}
	return &pb.FetchResponse{Body: resp.Body, FilePath: resp.FilePath, Verified: resp.Verified}, nil
}

func (s *hostServer) Progress(ctx context.Context, req *pb.ProgressRequest) (*pb.Empty, error) {
	ctx = context.WithValue(ctx, pluginKey{}, s.plugin)
	s.impl.Progress(ctx, req.GetLabel(), req.GetDone(), req.GetTotal())
	return &pb.Empty{}, nil
}

func (s *hostServer) Log(ctx context.Context, req *pb.LogRequest) (*pb.Empty, error) {
	ctx = context.WithValue(ctx, pluginKey{}, s.plugin)
	s.impl.Log(ctx, sdk.LogLevel(req.GetLevel()), req.GetMessage())
	return &pb.Empty{}, nil
}

var fetchCodes = map[sdk.FetchErrorCode]codes.Code{
	sdk.FetchFailed:      codes.Unknown,
	sdk.FetchNotFound:    codes.NotFound,
	sdk.FetchUnavailable: codes.Unavailable,
	sdk.FetchCanceled:    codes.Canceled,
}

func fetchStatus(err error) error {
	fe := &sdk.FetchError{Code: sdk.FetchFailed, Message: err.Error()}
	errors.As(err, &fe)
	code, ok := fetchCodes[fe.Code]
	if !ok {
		code = codes.Unknown
	}
	if errors.Is(err, context.Canceled) {
		code = codes.Canceled
	}
	st := status.New(code, fe.Message)
	if fe.OpenMLCode != 0 {
		// The sdk reads the code back from this detail (sdk/grpc_host.go).
		info := &errdetails.ErrorInfo{Reason: "OPENML_ERROR", Domain: "openml.org", Metadata: map[string]string{"code": strconv.Itoa(fe.OpenMLCode)}}
		if d, err := st.WithDetails(info); err == nil {
			st = d
		}
	}
	return st.Err()
}
