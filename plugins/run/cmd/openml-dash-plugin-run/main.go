// Command openml-dash-plugin-run serves the core run pages to openml-dash.
// The host starts it; it is not meant to be run by hand.
package main

import (
	"github.com/openml-dash/openml-dash/plugins/run"
	"github.com/openml-dash/openml-dash/sdk/plugin"
)

func main() { plugin.Serve(run.New()) }
