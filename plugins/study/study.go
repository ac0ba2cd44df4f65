// Package study is the core plugin for OpenML studies: a run study (runs
// of several flows on several datasets, compared per dataset) or a
// benchmark suite (a study of tasks, with the flows run on them ranked).
// OpenML's URLs do not always say which (openml.org/s/99), so the page is
// chosen by the study's own description.
package study

import (
	"context"
	"fmt"

	"github.com/openml-dash/openml-dash/plugins/study/runstudy"
	"github.com/openml-dash/openml-dash/plugins/study/suite"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

type plugin struct {
	sdk.CallbackMux
}

// New returns the study plugin.
func New() sdk.Plugin {
	p := &plugin{}
	runstudy.Register(&p.CallbackMux)
	suite.Register(&p.CallbackMux)
	return p
}

func (p *plugin) Manifest() sdk.Manifest {
	return sdk.Manifest{Name: "study", Version: "0.1.0", Kinds: []sdk.Kind{sdk.KindStudy}, Order: sdk.OrderCore}
}

// Layout reads the study and builds the page its type calls for.
func (p *plugin) Layout(ctx context.Context, req *sdk.LayoutRequest) (*sdk.Page, error) {
	s, err := openml.GetStudy(ctx, req.Host, req.Ref.Server, req.Ref.ID)
	if err != nil {
		return nil, err
	}
	switch s.MainEntityType {
	case "run":
		return runstudy.Layout(ctx, req, s)
	case "task":
		return suite.Layout(ctx, req, s)
	}
	return nil, fmt.Errorf("study %d is a study of %q, which openml-dash cannot show (it shows run studies and benchmark suites, studies of tasks)", s.ID, s.MainEntityType)
}
