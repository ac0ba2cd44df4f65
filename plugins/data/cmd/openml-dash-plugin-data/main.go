// Command openml-dash-plugin-data serves the core data pages to openml-dash.
// The host starts it; it is not meant to be run by hand.
package main

import (
	"github.com/openml-dash/openml-dash/plugins/data"
	"github.com/openml-dash/openml-dash/sdk/plugin"
)

func main() { plugin.Serve(data.New()) }
