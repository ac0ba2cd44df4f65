// Command openml-dash-plugin-overview serves the overview pages (every
// dataset, task, flow or run of a server) to openml-dash. The host starts
// it; it is not meant to be run by hand.
package main

import (
	"github.com/openml-dash/openml-dash/plugins/overview"
	"github.com/openml-dash/openml-dash/sdk/plugin"
)

func main() { plugin.Serve(overview.New()) }
