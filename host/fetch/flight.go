package fetch

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// flights tracks, per shared download, the callers waiting for it, so
// the download outlives a caller who gives up but not the last one.
type flights struct {
	mu sync.Mutex
	m  map[string]*flight
}

type flight struct {
	ctx    context.Context
	cancel context.CancelFunc
	refs   int
}

// shared runs fn once for all callers asking for the same answer at the
// same time, so ten panels opening dataset 61 download it once. fn runs
// under a context that ends when every caller waiting for it has given
// up; the last one to give up waits for fn, so that what fn leaves on
// disk is cleaned up before the caller hears of the cancellation.
func (c *Client) shared(ctx context.Context, t target, mode string, fn func(context.Context) (any, error)) (v any, wasShared bool, err error) {
	key := mode + " " + t.shown.String() + " " + t.md5
	for {
		f := c.flights.join(ctx, key)
		if c.flightHook != nil {
			c.flightHook()
		}
		ch := c.flight.DoChan(key, func() (any, error) { return fn(f.ctx) })
		select {
		case r := <-ch:
			c.flights.leave(key, f)
			if r.Err != nil && ctx.Err() == nil && isCancellation(r.Err) {
				// Joined a download whose callers had all just given up.
				continue
			}
			return r.Val, r.Shared, r.Err
		case <-ctx.Done():
			if c.flights.leave(key, f) {
				<-ch
			}
			return nil, false, fmt.Errorf("%s: %w", t.name, ctx.Err())
		}
	}
}

func (fl *flights) join(ctx context.Context, key string) *flight {
	fl.mu.Lock()
	defer fl.mu.Unlock()
	f := fl.m[key]
	if f == nil {
		fctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		f = &flight{ctx: fctx, cancel: cancel}
		if fl.m == nil {
			fl.m = make(map[string]*flight)
		}
		fl.m[key] = f
	}
	f.refs++
	return f
}

// leave reports whether the caller was the last one waiting for f.
func (fl *flights) leave(key string, f *flight) bool {
	fl.mu.Lock()
	defer fl.mu.Unlock()
	f.refs--
	if f.refs > 0 {
		return false
	}
	f.cancel()
	if fl.m[key] == f {
		delete(fl.m, key)
	}
	return true
}

func isCancellation(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
