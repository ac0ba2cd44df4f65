// Command slow is the test plugin of dashboard: its pages fetch several
// answers in a row, so a slow server makes them slow, and it hangs on
// request. Which page it builds depends on the entity's id. Installed as
// openml-dash-plugin-late it is a drop-in plugin named "late" whose part
// of page lateID waits for the server.
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/plugin"
)

// The pages, by entity id.
const (
	fetchingID   = 1 // Layout and its callback fetch in turn
	hangLayoutID = 2 // Layout hangs, deaf to its ctx
	hangCallID   = 3 // its callback hangs, deaf to its ctx
	lateID       = 4 // answers at once, and as "late" after fetching data/4
)

type slow struct {
	sdk.CallbackMux
	late bool
}

func (s *slow) Manifest() sdk.Manifest {
	if s.late {
		return sdk.Manifest{Name: "late", Version: "0.1", Kinds: []sdk.Kind{sdk.KindData}}
	}
	return sdk.Manifest{Name: "slow", Version: "0.1", Kinds: []sdk.Kind{sdk.KindData}, Order: sdk.OrderCore}
}

func (s *slow) Layout(ctx context.Context, req *sdk.LayoutRequest) (*sdk.Page, error) {
	cb := "fetch"
	switch req.Ref.ID {
	case lateID:
		if s.late {
			if _, err := fetchAll(ctx, req.Host, req.Ref, "data/4"); err != nil {
				return nil, err
			}
			return &sdk.Page{Tabs: []sdk.Tab{{ID: "late", Title: "Late"}}}, nil
		}
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
	p := &slow{late: strings.HasPrefix(filepath.Base(os.Args[0]), "openml-dash-plugin-late")}
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
