// Command nextproto is a plugin built for a protocol version this openml-dash
// does not speak.
package main

import (
	"context"
	"errors"

	"github.com/hashicorp/go-plugin"

	"github.com/openml-dash/openml-dash/sdk"
)

type v2 struct{ sdk.NoCallbacks }

func (v2) Manifest() sdk.Manifest { return sdk.Manifest{Name: "v2", Kinds: []sdk.Kind{sdk.KindData}} }

func (v2) Layout(context.Context, *sdk.LayoutRequest) (*sdk.Page, error) {
	return nil, errors.New("not reached")
}

func main() {
	handshake := sdk.Handshake
	handshake.ProtocolVersion = sdk.ProtocolVersion + 1
	plugin.Serve(&plugin.ServeConfig{
		HandshakeConfig: handshake,
		Plugins:         plugin.PluginSet{sdk.PluginName: &sdk.GRPCPlugin{Impl: v2{}}},
		GRPCServer:      sdk.NewGRPCServer,
	})
}
