// Command openml-dash-plugin-compare serves the page of runs side by side
// to openml-dash. The host starts it; it is not meant to be run by hand.
package main

import (
	"github.com/openml-dash/openml-dash/plugins/compare"
	"github.com/openml-dash/openml-dash/sdk/plugin"
)

func main() { plugin.Serve(compare.New()) }
