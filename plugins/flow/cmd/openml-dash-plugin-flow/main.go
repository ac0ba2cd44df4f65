// Command openml-dash-plugin-flow serves the core flow pages to openml-dash.
// The host starts it; it is not meant to be run by hand.
package main

import (
	"github.com/openml-dash/openml-dash/plugins/flow"
	"github.com/openml-dash/openml-dash/sdk/plugin"
)

func main() { plugin.Serve(flow.New()) }
