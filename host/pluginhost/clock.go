package pluginhost

import (
	"context"
	"sync"
	"time"

	"google.golang.org/grpc"
)

// pluginClock times the calls in flight to one plugin process in the
// plugin's own time: while the plugin waits for the host (a Fetch,
// Progress or Log call of its own is in flight), the clocks of its calls
// stand still, so a slow server does not make a plugin look hung.
//
// A plugin's call to the host carries nothing that says which of its
// Layout or Callback calls it serves, so a wait stops the clocks of all
// the plugin's calls: a call that hangs while the same plugin's other calls
// keep waiting for the host is found that much later, never wrongly.
type pluginClock struct {
	mu      sync.Mutex
	waiting int // the plugin's calls to the host in flight
	calls   map[*callClock]struct{}
}

// callClock is one call's deadline in plugin time. Its fields are guarded
// by the pluginClock's mu.
type callClock struct {
	pc     *pluginClock
	left   time.Duration // plugin time left as of since (or while stopped)
	since  time.Time     // when the clock last started; zero while stopped
	timer  *time.Timer
	expire func()
	done   bool
}

// start starts a call's clock: expire is called, once, when the call has
// had d of plugin time, unless end is called first.
func (pc *pluginClock) start(d time.Duration, expire func()) *callClock {
	c := &callClock{pc: pc, left: d, expire: expire}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if pc.calls == nil {
		pc.calls = map[*callClock]struct{}{}
	}
	pc.calls[c] = struct{}{}
	if pc.waiting == 0 {
		c.run()
	}
	return c
}

// end stops the clock for good.
func (c *callClock) end() {
	c.pc.mu.Lock()
	defer c.pc.mu.Unlock()
	c.done = true
	delete(c.pc.calls, c)
	if c.timer != nil {
		c.timer.Stop()
	}
}

// run and stop start and stop the clock; mu must be held.
func (c *callClock) run() {
	c.since = time.Now()
	if c.timer == nil {
		c.timer = time.AfterFunc(c.left, c.check)
		return
	}
	c.timer.Reset(c.left)
}

func (c *callClock) stop() {
	if c.since.IsZero() {
		return
	}
	c.left -= time.Since(c.since)
	c.since = time.Time{}
	c.timer.Stop()
}

// check runs when the timer fires. A timer stopped or reset too late may
// still fire, so check counts again rather than trusting it.
func (c *callClock) check() {
	c.pc.mu.Lock()
	if c.done || c.since.IsZero() {
		c.pc.mu.Unlock()
		return
	}
	if left := c.left - time.Since(c.since); left > 0 {
		c.left = left
		c.run()
		c.pc.mu.Unlock()
		return
	}
	c.done = true
	delete(c.pc.calls, c)
	c.pc.mu.Unlock()
	c.expire()
}

// hostCall is the host service's interceptor: the plugin waits for the
// host while handler runs.
func (pc *pluginClock) hostCall(ctx context.Context, req any, _ *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	pc.mu.Lock()
	pc.waiting++
	if pc.waiting == 1 {
		for c := range pc.calls {
			c.stop()
		}
	}
	pc.mu.Unlock()
	defer func() {
		pc.mu.Lock()
		defer pc.mu.Unlock()
		pc.waiting--
		if pc.waiting == 0 {
			for c := range pc.calls {
				c.run()
			}
		}
	}()
	return handler(ctx, req)
}
