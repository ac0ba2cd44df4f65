package sdktest_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

type probe struct{}

func (probe) Manifest() sdk.Manifest {
	return sdk.Manifest{Name: "probe", Version: "1.2", Kinds: []sdk.Kind{sdk.KindData}}
}

func (probe) Layout(ctx context.Context, req *sdk.LayoutRequest) (*sdk.Page, error) {
	if req.Ref.ID == 13 {
		panic("thirteen")
	}
	body, err := sdk.FetchAPI(ctx, req.Host, req.Ref, "data/1")
	if err != nil {
		return nil, err
	}
	return &sdk.Page{Title: string(body)}, nil
}

// The harness runs what a plugin binary runs: a panic is the plugin
// server's error on that call (the process would otherwise die), and the
// Host service answers over the broker.
func TestRun_isThePluginsOwnServer(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, probe{}, sdktest.Answers(map[string][]byte{"data/1": []byte("iris")}))
	assert.Equal(t, "1.2", h.Manifest.Version)
	page, err := h.Layout(sdk.EntityRef{Kind: sdk.KindData, ID: 1})
	require.NoError(t, err)
	assert.Equal(t, "iris", page.Title)

	_, err = h.Layout(sdk.EntityRef{Kind: sdk.KindData, ID: 13})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "plugin panicked in /openmldash.v1.Dashboard/Layout: thirteen")
	page, err = h.Layout(sdk.EntityRef{Kind: sdk.KindData, ID: 1})
	require.NoError(t, err, "and it keeps serving")
	assert.Equal(t, "iris", page.Title)
}
