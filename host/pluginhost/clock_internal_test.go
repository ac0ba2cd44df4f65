package pluginhost

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
)

// TestPluginClock_standsStillWhileTheHostServes: a call's clock does not
// run while any of the plugin's calls to the host is in flight, runs again
// when the last one ends, and expires once.
func TestPluginClock_standsStillWhileTheHostServes(t *testing.T) {
	t.Parallel()
	var pc pluginClock
	serving, release := make(chan struct{}), make(chan struct{})
	var served atomic.Bool
	handler := func(context.Context, any) (any, error) {
		serving <- struct{}{}
		<-release
		return nil, nil
	}
	done := make(chan struct{}, 2)
	for range 2 { // overlapping host calls
		go func() {
			_, _ = pc.hostCall(t.Context(), nil, &grpc.UnaryServerInfo{}, handler)
			done <- struct{}{}
		}()
	}
	<-serving
	<-serving

	expired := make(chan bool, 2)
	pc.start(10*time.Millisecond, func() { expired <- served.Load() })
	time.Sleep(50 * time.Millisecond)
	assert.Empty(t, expired, "the clock ran while the host served")

	served.Store(true)
	close(release)
	<-done
	<-done
	select {
	case afterServing := <-expired:
		assert.True(t, afterServing)
	case <-time.After(5 * time.Second):
		require.Fail(t, "the clock never expired")
	}
	time.Sleep(30 * time.Millisecond)
	assert.Empty(t, expired, "expired once")
}

// TestPluginClock_endStopsIt: a call that ends in time never expires.
func TestPluginClock_endStopsIt(t *testing.T) {
	t.Parallel()
	var pc pluginClock
	var fired atomic.Bool
	c := pc.start(20*time.Millisecond, func() { fired.Store(true) })
	c.end()
	time.Sleep(60 * time.Millisecond)
	assert.False(t, fired.Load())
	assert.Empty(t, pc.calls)
}
