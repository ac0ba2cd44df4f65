// A plugin that is not one of the built-in four: the drop-in test builds it
// into a temporary plugins folder and expects its tab on the data page.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/plugin"
)

type extra struct{ sdk.CallbackMux }

func (*extra) Manifest() sdk.Manifest {
	return sdk.Manifest{Name: "extra", Version: "0.0.1", Kinds: []sdk.Kind{sdk.KindData}}
}

func (*extra) Layout(ctx context.Context, req *sdk.LayoutRequest) (*sdk.Page, error) {
	// For the --verbose test: both ways a plugin logs reach the log file.
	req.Host.Log(ctx, sdk.LogDebug, fmt.Sprintf("extra: laying out %s", req.Ref))
	fmt.Fprintf(os.Stderr, "extra: stderr line for %s\n", req.Ref)
	return &sdk.Page{
		Tabs: []sdk.Tab{{ID: "extra", Title: "Extra plot", Children: []sdk.Component{
			&sdk.Heading{Text: "A drop-in plugin", Level: 2},
			&sdk.Radio{ID: "choice", Label: "Pick one", Options: sdk.Options("a", "b"), Value: "b"},
			&sdk.Slot{ID: "echo"},
		}}},
		Callbacks: []sdk.Callback{{
			ID:      "echo",
			Inputs:  []sdk.PropRef{sdk.Input("choice", sdk.PropValue)},
			Outputs: []sdk.PropRef{sdk.Output("echo", sdk.PropChildren)},
		}},
	}, nil
}

func main() {
	p := &extra{}
	p.HandleFunc("echo", func(_ context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
		choice := req.Value(sdk.Input("choice", sdk.PropValue)).Str()
		counts := map[string]float64{"a": 1, "b": 2}
		counts[choice] += 10
		plot := &sdk.Chart{
			ID: "extra-bars", Kind: sdk.ChartBar, Title: "Chosen " + choice,
			X:      sdk.Axis{Title: "choice", Categories: []string{"a", "b"}},
			Y:      sdk.Axis{Title: "count"},
			Series: []sdk.Series{{Name: "count", Y: []float64{counts["a"], counts["b"]}}},
		}
		return sdk.NewPatch().Fill("echo", &sdk.Text{Markdown: fmt.Sprintf("chose %s on %s", choice, req.Ref)}, plot), nil
	})
	plugin.Serve(p)
}
