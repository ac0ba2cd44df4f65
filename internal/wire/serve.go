package wire

import (
	"context"
	"fmt"
	"os"
	"runtime/debug"

	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/openml-dash/openml-dash/internal/hugeheap"
	"github.com/openml-dash/openml-dash/sdk"
)

// Serve runs impl as a plugin: it is the whole of a plugin binary's main.
// It speaks gRPC only, raises the message limit to fit big pages, and turns
// a panic in impl into an error on that one call, so the plugin keeps
// serving the rest of the page. Plugins must not write to stdout: go-plugin
// reads the handshake there. Log through Host.Log or to stderr. The
// plugin ends by itself when the app that started it is gone.
func Serve(impl sdk.Plugin) {
	// A data plugin holds the page's data: most of a big page's fresh
	// memory is in it.
	hugeheap.Enable()
	watchHost(impl.Manifest().Name, os.Stderr) // before go-plugin takes os.Stderr
	plugin.Serve(ServeConfig(impl))
}

// NewGRPCServer is the gRPC server every plugin runs: raised message
// limits and panic recovery. sdktest uses it too.
func NewGRPCServer(opts []grpc.ServerOption) *grpc.Server {
	opts = append(opts,
		grpc.MaxRecvMsgSize(MaxMessageSize),
		grpc.MaxSendMsgSize(MaxMessageSize),
		grpc.ChainUnaryInterceptor(recoverUnary),
	)
	return grpc.NewServer(opts...)
}

func recoverUnary(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (resp any, err error) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(os.Stderr, "panic in %s: %v\n%s", info.FullMethod, r, debug.Stack())
			err = status.Errorf(codes.Internal, "plugin panicked in %s: %v", info.FullMethod, r)
		}
	}()
	return handler(ctx, req)
}

// checkSize refuses an answer that the host would refuse, with a message
// a plugin author can act on instead of a transport failure.
func checkSize(m proto.Message, what string) error {
	if n := proto.Size(m); n > MaxMessageSize {
		return status.Errorf(codes.ResourceExhausted, "%s is %d MiB, over the %d MiB limit: send less data (sample, bin or page it)", what, n>>20, MaxMessageSize>>20)
	}
	return nil
}
