// Package fanout runs a page's many small requests to the host a few at a
// time, with one progress line for all of them.
package fanout

import (
	"context"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"github.com/openml-dash/openml-dash/sdk"
)

// Parallel is how many answers a page asks the host for at once: enough
// to hide a server's latency, few enough not to flood it.
const Parallel = 8

// Each calls fn(i) for i in [0, n), Parallel at a time, and reports
// progress under label (host may be nil). Once ctx ends, the calls left
// are skipped.
func Each(ctx context.Context, host sdk.Host, label string, n int, fn func(i int)) {
	if n == 0 {
		return
	}
	var g errgroup.Group
	g.SetLimit(Parallel)
	var done atomic.Int64
	for i := range n {
		g.Go(func() error {
			if ctx.Err() == nil {
				fn(i)
			}
			if host != nil {
				host.Progress(ctx, label, done.Add(1), int64(n))
			}
			return nil
		})
	}
	_ = g.Wait()
	// The reports above may reach the host in any order; this one comes
	// last, so the status line does not stay at "2 of 3".
	if host != nil {
		host.Progress(ctx, label, int64(n), int64(n))
	}
}
