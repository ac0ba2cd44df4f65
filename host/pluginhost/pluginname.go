package pluginhost

import (
	"context"

	"google.golang.org/grpc"
)

type pluginKey struct{}

// PluginName is the name of the plugin whose call to the host ctx
// belongs to (Fetch, Progress, Log), or "" for a ctx that is not one: the
// host's log lines say which plugin asked.
func PluginName(ctx context.Context) string {
	name, _ := ctx.Value(pluginKey{}).(string)
	return name
}

// namedCalls is the host service's interceptor that names the plugin
// calling, for PluginName.
func namedCalls(name string) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, _ *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		return handler(context.WithValue(ctx, pluginKey{}, name), req)
	}
}
