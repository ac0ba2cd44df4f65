// Command slow is the test plugin of dashboard: its pages fetch several
// answers in a row, so a slow server makes them slow, and it hangs on
// request. Which page it builds depends on the entity's id.
package main

import (
	"context"
	"fmt"
	"time"

	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/plugin"
)

// The pages, by entity id.
const (
	fetchingID   = 1 // Layout and its callback fetch in turn
	hangLayoutID = 2 // Layout hangs, deaf to its ctx
	hangCallID   = 3 // its callback hangs, deaf to its ctx
)

type slow struct{ sdk.CallbackMux }

func (*slow) Manifest() sdk.Manifest {
	return sdk.Manifest{Name: "slow", Version: "0.1", Kinds: []sdk.Kind{sdk.KindData}, Order: sdk.OrderCore}
}

func (*slow) Layout(ctx context.Context, req *sdk.LayoutRequest) (*sdk.Page, error) {
	cb := "fetch"
	switch req.Ref.ID {
	case fetchingID:
		if _, err := fetchAll(ctx, req.Host, req.Ref, "data/1", "data/features/1", "data/qualities/1"); err != nil {
			return nil, err
		}
	case hangLayoutID:
		time.Sleep(time.Hour)
	case hangCallID:
		cb = "hang"
	}
	return &sdk.Page{
		Title: fmt.Sprintf("slow %d", req.Ref.ID),
		Tabs: []sdk.Tab{{ID: "main", Title: "Main", Children: []sdk.Component{
			&sdk.Radio{ID: "x", Options: sdk.Options("a", "b"), Value: "a"},
			&sdk.Slot{ID: "out"},
		}}},
		Callbacks: []sdk.Callback{{
			ID:      cb,
			Inputs:  []sdk.PropRef{sdk.Input("x", sdk.PropValue)},
			Outputs: []sdk.PropRef{sdk.Output("out", sdk.PropChildren)},
		}},
	}, nil
}

// fetchAll fetches paths one after the other.
func fetchAll(ctx context.Context, h sdk.Host, ref sdk.EntityRef, paths ...string) (int, error) {
	n := 0
	for _, p := range paths {
		body, err := sdk.FetchAPI(ctx, h, ref, p)
		if err != nil {
			return 0, fmt.Errorf("fetch %s: %w", p, err)
		}
		n += len(body)
	}
	return n, nil
}

func main() {
	p := &slow{}
	p.HandleFunc("fetch", func(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
		n, err := fetchAll(ctx, req.Host, req.Ref, "task/1", "flow/1")
		if err != nil {
			return nil, err
		}
		return sdk.NewPatch().Fill("out", &sdk.Text{Markdown: fmt.Sprintf("fetched %d bytes", n)}), nil
	})
	p.HandleFunc("hang", func(context.Context, *sdk.CallbackRequest) (*sdk.Patch, error) {
		time.Sleep(time.Hour)
		return nil, nil
	})
	plugin.Serve(p)
}
