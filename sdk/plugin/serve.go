// Package plugin runs a plugin: plugin.Serve(impl) is the whole of a
// plugin binary's main. The gRPC boundary it speaks is the one the host
// speaks, in one place (internal/wire).
package plugin

import (
	"github.com/openml-dash/openml-dash/internal/wire"
	"github.com/openml-dash/openml-dash/sdk"
)

// Serve runs impl as a plugin until the host stops it. It speaks gRPC
// only, raises the message limit to fit big pages, and turns a panic in
// impl into an error on that one call, so the plugin keeps serving the
// rest of the page. On Linux it first asks for huge pages for the heap,
// as the app does (OPENML_DASH_HUGEPAGES=0 turns that off): a data page's
// data is in its plugin. A plugin must not write to stdout, where the host
// reads the handshake: log through sdk.Host's Log, or to stderr.
func Serve(impl sdk.Plugin) { wire.Serve(impl) }
