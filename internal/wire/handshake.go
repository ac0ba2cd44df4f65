package wire

import "github.com/hashicorp/go-plugin"

// ProtocolVersion is the version of the openmldash.v1 protocol this SDK
// speaks. Bump it only on a breaking change, with the proto package.
const ProtocolVersion = 1

// PluginName is the name the dashboard plugin is served under.
const PluginName = "dashboard"

// MaxMessageSize bounds one gRPC message either way: it fits a big page (a
// table of 10,000 features, a chart of a million points).
const MaxMessageSize = 256 << 20

// Handshake makes a host and a plugin of different protocol versions, or a
// plugin binary started by hand, refuse each other with a clear message.
var Handshake = plugin.HandshakeConfig{
	ProtocolVersion:  ProtocolVersion,
	MagicCookieKey:   "OPENML_DASH_PLUGIN",
	MagicCookieValue: "d2c1a0e7-openml-dash-dashboard",
}
