package wire

import (
	"os"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"

	"github.com/openml-dash/openml-dash/sdk"
)

// ServeConfig is how a plugin process serves impl: the handshake, gRPC
// only, the plugin's gRPC server (NewGRPCServer) and a logger of warnings
// to stderr. Serve uses it, and sdktest serves a plugin in-process with
// it, so tests run what a plugin binary runs.
func ServeConfig(impl sdk.Plugin) *plugin.ServeConfig {
	return &plugin.ServeConfig{
		HandshakeConfig: Handshake,
		Plugins:         plugin.PluginSet{PluginName: &GRPCPlugin{Impl: impl}},
		GRPCServer:      NewGRPCServer,
		Logger: hclog.New(&hclog.LoggerOptions{
			Name:   impl.Manifest().Name,
			Output: os.Stderr,
			Level:  hclog.Warn,
		}),
	}
}
