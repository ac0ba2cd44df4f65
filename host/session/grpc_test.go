package session_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/session"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

// histPlugin is a minimal plugin: a feature picker and a slot that shows
// the picked feature, the shape of the data plugin's distribution tab.
type histPlugin struct{ sdk.CallbackMux }

func newHistPlugin() *histPlugin {
	p := &histPlugin{}
	p.HandleFunc("dist", func(_ context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
		f := req.Value(sdk.Input("feature", sdk.PropValue)).Str()
		if f == "broken" {
			return nil, fmt.Errorf("feature %q has no values", f)
		}
		return sdk.NewPatch().Fill("plot", &sdk.Chart{ID: "hist", Kind: sdk.ChartHistogram, Title: f}), nil
	})
	return p
}

func (*histPlugin) Manifest() sdk.Manifest {
	return sdk.Manifest{Name: "hist", Version: "0.1.0", Kinds: []sdk.Kind{sdk.KindData}}
}

func (*histPlugin) Layout(_ context.Context, req *sdk.LayoutRequest) (*sdk.Page, error) {
	return &sdk.Page{
		Title: fmt.Sprintf("Dataset %d", req.Ref.ID),
		Tabs: []sdk.Tab{{ID: "dist", Title: "Distribution", Children: []sdk.Component{
			&sdk.Select{ID: "feature", Options: sdk.Options("sepallength", "class", "broken"), Values: []string{"class"}},
			&sdk.Slot{ID: "plot"},
		}}},
		Callbacks: []sdk.Callback{{
			ID:      "dist",
			Inputs:  []sdk.PropRef{sdk.Input("feature", sdk.PropValue)},
			Outputs: []sdk.PropRef{sdk.Output("plot", sdk.PropChildren)},
		}},
	}, nil
}

// TestSession_throughGRPC drives a plugin through the real gRPC adapter:
// the page, the initial call, a change and a failure all cross the wire.
func TestSession_throughGRPC(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, newHistPlugin(), &sdktest.Host{})
	pg, err := h.Layout(testRef)
	require.NoError(t, err)

	s := session.New(testRef, []session.Part{{Plugin: h.Manifest.Name, Page: pg, Caller: h.Caller()}}, session.Options{})
	t.Cleanup(s.Close)
	require.Empty(t, s.Problems())
	assert.Equal(t, "Dataset 61", s.Title())
	s.Start(t.Context())
	wait(t, s)
	chartTitle := func() string {
		kids := children(t, s, 0, "plot")
		require.Len(t, kids, 1)
		c, ok := kids[0].(*sdk.Chart)
		require.True(t, ok, "plot holds %T", kids[0])
		return c.Title
	}
	assert.Equal(t, "class", chartTitle())

	set(t, s, 0, "feature.value", sdk.StrValue("sepallength"))
	wait(t, s)
	assert.Equal(t, "sepallength", chartTitle())

	set(t, s, 0, "feature.value", sdk.StrValue("broken"))
	wait(t, s)
	kids := children(t, s, 0, "plot")
	require.Len(t, kids, 1)
	n, ok := kids[0].(*sdk.Notice)
	require.True(t, ok, "plot holds %T", kids[0])
	assert.Equal(t, `Callback "dist" failed`, n.Summary)
	assert.Contains(t, n.Detail, `feature "broken" has no values`)
}
