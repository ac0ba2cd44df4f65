// Command openml-dash-plugin-task serves the core task pages to openml-dash.
// The host starts it; it is not meant to be run by hand.
package main

import (
	"github.com/openml-dash/openml-dash/plugins/task"
	"github.com/openml-dash/openml-dash/sdk/plugin"
)

func main() { plugin.Serve(task.New()) }
