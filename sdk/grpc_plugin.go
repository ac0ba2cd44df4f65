package sdk

import (
	"context"
	"fmt"
	"sync"

	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"

	pb "github.com/openml-dash/openml-dash/sdk/proto"
)

// GRPCPlugin joins the two ends of a dashboard plugin for go-plugin: in a
// plugin binary Impl is served; in the host, Host is served back to the
// plugin over the broker and the client is a *Client.
type GRPCPlugin struct {
	plugin.NetRPCUnsupportedPlugin
	Impl Plugin // plugin side
	Host Host   // host side
}

var _ plugin.GRPCPlugin = (*GRPCPlugin)(nil)

// GRPCServer registers the plugin's Dashboard service.
func (p *GRPCPlugin) GRPCServer(broker *plugin.GRPCBroker, s *grpc.Server) error {
	pb.RegisterDashboardServer(s, &dashboardServer{impl: p.Impl, broker: broker})
	return nil
}

// GRPCClient starts the Host service on the broker, once per plugin
// connection, and returns the host's *Client. Its broker id travels to the
// plugin in Describe.
func (p *GRPCPlugin) GRPCClient(ctx context.Context, broker *plugin.GRPCBroker, conn *grpc.ClientConn) (any, error) {
	id := broker.NextId()
	c := &Client{rpc: pb.NewDashboardClient(conn), hostBrokerID: id, serveErr: make(chan error, 1)}
	if p.Host == nil {
		return c, nil
	}
	// Accept ourselves rather than AcceptAndServe, so a failure reaches the
	// caller instead of a log line.
	lis, err := broker.Accept(id)
	if err != nil {
		return nil, fmt.Errorf("start host service: %w", err)
	}
	srv := grpc.NewServer(grpc.MaxRecvMsgSize(MaxMessageSize), grpc.MaxSendMsgSize(MaxMessageSize))
	pb.RegisterHostServer(srv, &hostServer{impl: p.Host})
	c.stopHost = srv.Stop
	go func() { c.serveErr <- srv.Serve(lis) }()
	return c, nil
}

// dashboardServer is the plugin side of Dashboard.
type dashboardServer struct {
	pb.UnimplementedDashboardServer
	impl   Plugin
	broker *plugin.GRPCBroker

	mu   sync.Mutex
	host Host
}

func (s *dashboardServer) Describe(ctx context.Context, req *pb.DescribeRequest) (*pb.Manifest, error) {
	if id := req.GetHostBrokerId(); id != 0 {
		conn, err := s.broker.DialWithOptions(id, grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(MaxMessageSize), grpc.MaxCallSendMsgSize(MaxMessageSize)))
		if err != nil {
			return nil, fmt.Errorf("connect to host service: %w", err)
		}
		s.mu.Lock()
		s.host = &hostClient{rpc: pb.NewHostClient(conn)}
		s.mu.Unlock()
	}
	return toprotoManifest(s.impl.Manifest()), nil
}

func (s *dashboardServer) hostConn() Host {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.host
}

func (s *dashboardServer) Layout(ctx context.Context, req *pb.LayoutRequest) (*pb.Page, error) {
	page, err := s.impl.Layout(ctx, &LayoutRequest{Ref: fromprotoRef(req.GetRef()), Host: s.hostConn()})
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
	r := fromprotoCallbackRequest(req)
	r.Host = s.hostConn()
	patch, err := s.impl.Callback(ctx, r)
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
	serveErr     chan error
}

// Describe asks the plugin for its manifest and connects it to the host
// service; call it once, before Layout.
func (c *Client) Describe(ctx context.Context) (Manifest, error) {
	m, err := c.rpc.Describe(ctx, &pb.DescribeRequest{HostBrokerId: c.hostBrokerID})
	if err != nil {
		return Manifest{}, err
	}
	return fromprotoManifest(m), nil
}

// Layout asks the plugin for the page of ref.
func (c *Client) Layout(ctx context.Context, ref EntityRef) (*Page, error) {
	p, err := c.rpc.Layout(ctx, &pb.LayoutRequest{Ref: toprotoRef(ref)})
	if err != nil {
		return nil, err
	}
	return fromprotoPage(p), nil
}

// Callback runs one of the plugin's callbacks.
func (c *Client) Callback(ctx context.Context, req *CallbackRequest) (*Patch, error) {
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

// Close stops the host service offered to this plugin.
func (c *Client) Close() {
	if c.stopHost != nil {
		c.stopHost()
	}
}
