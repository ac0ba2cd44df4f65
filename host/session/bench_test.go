package session_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/openml-dash/openml-dash/host/session"
	"github.com/openml-dash/openml-dash/sdk"
)

// BenchmarkSession_initialChain opens a page of 200 callbacks in a chain
// (each writes the next one's input) and runs its initial calls to the end.
func BenchmarkSession_initialChain(b *testing.B) {
	const n = 200
	comps := make([]sdk.Component, 0, n+1)
	cbs := make([]sdk.Callback, 0, n)
	for i := range n + 1 {
		comps = append(comps, &sdk.Select{ID: fmt.Sprintf("c%d", i), Values: []string{"v"}})
	}
	for i := range n {
		cbs = append(cbs, sdk.Callback{
			ID:      fmt.Sprintf("cb%d", i),
			Inputs:  []sdk.PropRef{sdk.Input(fmt.Sprintf("c%d", i), sdk.PropValue)},
			Outputs: []sdk.PropRef{sdk.Output(fmt.Sprintf("c%d", i+1), sdk.PropValue)},
		})
	}
	outs := map[string]sdk.PropRef{}
	for _, c := range cbs {
		outs[c.ID] = c.Outputs[0]
	}
	caller := session.CallerFunc(func(_ context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
		return sdk.NewPatch().Set(outs[req.ID], req.Inputs[0].Value), nil
	})
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		// Fresh components each time: patches change them.
		pcomps := make([]sdk.Component, len(comps))
		for i := range comps {
			pcomps[i] = &sdk.Select{ID: comps[i].ComponentID(), Values: []string{"v"}}
		}
		pg := &sdk.Page{Tabs: []sdk.Tab{{ID: "t", Children: pcomps}}, Callbacks: cbs}
		var calls atomic.Int64
		s := session.New(testRef, []session.Part{{Plugin: "bench", Page: pg, Caller: caller}},
			session.Options{OnChange: func(session.Change) { calls.Add(1) }})
		s.Start(ctx)
		if err := s.Wait(ctx); err != nil {
			b.Fatal(err)
		}
		s.Close()
		if got := calls.Load(); got != n {
			b.Fatalf("%d callbacks ran, want %d", got, n)
		}
	}
}
