package fanout_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/openml-dash/openml-dash/plugins/internal/fanout"
	"github.com/openml-dash/openml-dash/sdk"
)

type progressHost struct {
	sdk.Host
	mu    sync.Mutex
	dones []int64
}

func (h *progressHost) Progress(_ context.Context, _ string, done, total int64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.dones = append(h.dones, done)
}

func TestEach(t *testing.T) {
	h := &progressHost{}
	var running, most, calls atomic.Int64
	fanout.Each(t.Context(), h, "loading", 50, func(int) {
		n := running.Add(1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		calls.Add(1)
		running.Add(-1)
	})
	assert.EqualValues(t, 50, calls.Load())
	assert.LessOrEqual(t, most.Load(), int64(fanout.Parallel))
	assert.Equal(t, int64(50), h.dones[len(h.dones)-1], "the last report says all are done")

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	calls.Store(0)
	fanout.Each(ctx, nil, "", 10, func(int) { calls.Add(1) })
	assert.Zero(t, calls.Load(), "nothing runs once ctx ended")
}
