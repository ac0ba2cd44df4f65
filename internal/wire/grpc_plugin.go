package wire

import (
	"context"
	"crypto/tls"
	"fmt"
	"sync"

	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"

	"github.com/openml-dash/openml-dash/sdk"
	pb "github.com/openml-dash/openml-dash/sdk/proto"
)

// GRPCPlugin joins the two ends of a dashboard plugin for go-plugin. In a
// plugin process Impl is served (Serve sets it). In the host, GRPCClient
// serves Host back to the plugin over the broker and returns a *Client.
type GRPCPlugin struct {
	plugin.NetRPCUnsupportedPlugin
	Impl sdk.Plugin // plugin side
	Host sdk.Host   // host side
	// HostOptions are added to the host side's Host server: interceptors
	// that see each call a plugin makes to the host.
	HostOptions []grpc.ServerOption
	// TLS gives the connection's credentials once the handshake is done
	// (go-plugin's ClientConfig.TLSConfig, filled in by AutoMTLS): the
	// plugin dials the Host service with them. Nil serves it in the clear,
	// as go-plugin's in-memory test connection needs.
	TLS func() *tls.Config
}

var _ plugin.GRPCPlugin = (*GRPCPlugin)(nil)

// GRPCServer registers the plugin's Dashboard service.
func (p *GRPCPlugin) GRPCServer(broker *plugin.GRPCBroker, s *grpc.Server) error {
	pb.RegisterDashboardServer(s, &dashboardServer{impl: p.Impl, broker: broker})
	return nil
}

// GRPCClient serves the Host service on the broker, once per plugin
// connection, and returns the host's *Client; the broker id travels to
// the plugin in Describe. It accepts on the broker itself, rather than
// with go-plugin's AcceptAndServe, so that a failure reaches the caller
// and not the standard logger.
func (p *GRPCPlugin) GRPCClient(ctx context.Context, broker *plugin.GRPCBroker, conn *grpc.ClientConn) (any, error) {
	c := &Client{rpc: pb.NewDashboardClient(conn)}
	if p.Host == nil {
		return c, nil
	}
	c.hostBrokerID = broker.NextId()
	lis, err := broker.Accept(c.hostBrokerID)
	if err != nil {
		return nil, fmt.Errorf("start the host service: %w", err)
	}
	opts := []grpc.ServerOption{grpc.MaxRecvMsgSize(MaxMessageSize), grpc.MaxSendMsgSize(MaxMessageSize)}
	if p.TLS != nil {
		if cfg := p.TLS(); cfg != nil {
			opts = append(opts, grpc.Creds(credentials.NewTLS(cfg)))
		}
	}
	srv := grpc.NewServer(append(opts, p.HostOptions...)...)
	pb.RegisterHostServer(srv, &hostServer{impl: p.Host})
	c.stopHost = srv.Stop
	go func() { _ = srv.Serve(lis) }() // returns when Close stops srv
	return c, nil
}

// dashboardServer is the plugin side of Dashboard.
type dashboardServer struct {
	pb.UnimplementedDashboardServer
	impl   sdk.Plugin
	broker *plugin.GRPCBroker

	mu   sync.Mutex
	host sdk.Host
}

func (s *dashboardServer) Describe(ctx context.Context, req *pb.DescribeRequest) (*pb.Manifest, error) {
	if id := req.GetHostBrokerId(); id != 0 {
		conn, err := s.broker.DialWithOptions(id, grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(MaxMessageSize), grpc.MaxCallSendMsgSize(MaxMessageSize)))
		if err != nil {
			return nil, fmt.Errorf("connect to the host service: %w", err)
		}
		s.mu.Lock()
		s.host = &hostClient{rpc: pb.NewHostClient(conn)}
		s.mu.Unlock()
	}
	return toprotoManifest(s.impl.Manifest()), nil
}

func (s *dashboardServer) hostConn() sdk.Host {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.host
}

func (s *dashboardServer) Layout(ctx context.Context, req *pb.LayoutRequest) (*pb.Page, error) {
	page, err := s.impl.Layout(ctx, &sdk.LayoutRequest{Ref: fromprotoRef(req.GetRef()), Host: s.hostConn()})
	if err != nil {
		return nil, err
	}
	out, err := toprotoPage(page)
	if err != nil {
		return nil, err
	}
	return out, checkSize(out, "page")
}

func (s *dashboardServer) Callback(ctx context.Context, req *pb.CallbackRequest) (*pb.Patch, error) {
	h, ok := s.impl.(sdk.CallbackHandler)
	if !ok {
		return nil, fmt.Errorf("plugin %q has no callbacks, but was asked for %q", s.impl.Manifest().Name, req.GetCallbackId())
	}
	r := fromprotoCallbackRequest(req)
	r.Host = s.hostConn()
	patch, err := h.Callback(ctx, r)
	if err != nil {
		return nil, err
	}
	out, err := toprotoPatch(patch)
	if err != nil {
		return nil, err
	}
	return out, checkSize(out, "patch of callback "+req.GetCallbackId())
}

// Client is the host's handle on one running plugin.
type Client struct {
	rpc          pb.DashboardClient
	hostBrokerID uint32
	stopHost     func()
}

// Describe asks the plugin for its manifest and connects it to the host
// service; call it once, before Layout.
func (c *Client) Describe(ctx context.Context) (sdk.Manifest, error) {
	m, err := c.rpc.Describe(ctx, &pb.DescribeRequest{HostBrokerId: c.hostBrokerID})
	if err != nil {
		return sdk.Manifest{}, err
	}
	return fromprotoManifest(m), nil
}

// Layout asks the plugin for the page of ref.
func (c *Client) Layout(ctx context.Context, ref sdk.EntityRef) (*sdk.Page, error) {
	p, err := c.rpc.Layout(ctx, &pb.LayoutRequest{Ref: toprotoRef(ref)})
	if err != nil {
		return nil, err
	}
	return fromprotoPage(p), nil
}

// Callback runs one of the plugin's callbacks.
func (c *Client) Callback(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	preq, err := toprotoCallbackRequest(req)
	if err != nil {
		return nil, err
	}
	p, err := c.rpc.Callback(ctx, preq)
	if err != nil {
		return nil, err
	}
	return fromprotoPatch(p), nil
}

// Close stops the Host service served to this plugin.
func (c *Client) Close() {
	if c.stopHost != nil {
		c.stopHost()
	}
}
