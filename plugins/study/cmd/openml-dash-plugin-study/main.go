// Command openml-dash-plugin-study serves the core study and benchmark
// suite pages to openml-dash. The host starts it; it is not meant to be
// run by hand.
package main

import (
	"github.com/openml-dash/openml-dash/plugins/study"
	"github.com/openml-dash/openml-dash/sdk/plugin"
)

func main() { plugin.Serve(study.New()) }
