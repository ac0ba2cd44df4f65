package runstudy

import (
	"context"

	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// NewPlugin is a plugin serving the run study page alone, whose listings
// come in pages of pageSize entries, so that tests page through a few
// thousand runs.
func NewPlugin(pageSize int) sdk.Plugin {
	p := &testPlugin{o: options{pageSize: pageSize}}
	register(&p.CallbackMux, p.o)
	return p
}

type testPlugin struct {
	sdk.CallbackMux
	o options
}

func (p *testPlugin) Manifest() sdk.Manifest {
	return sdk.Manifest{Name: "runstudy-test", Version: "0", Kinds: []sdk.Kind{sdk.KindStudy}}
}

func (p *testPlugin) Layout(ctx context.Context, req *sdk.LayoutRequest) (*sdk.Page, error) {
	s, err := openml.GetStudy(ctx, req.Host, req.Ref.Server, req.Ref.ID)
	if err != nil {
		return nil, err
	}
	return layout(ctx, req, s, p.o)
}
