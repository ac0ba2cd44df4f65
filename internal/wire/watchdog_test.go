package wire

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestPollParent_callsGoneOnceTheParentChanges(t *testing.T) {
	t.Parallel()
	var ppid atomic.Int64
	ppid.Store(42)
	done := make(chan int)
	go pollParent(42, func() int { return int(ppid.Load()) }, time.Millisecond, func(p int) { done <- p })

	select {
	case <-done:
		t.Fatal("gone while the parent still runs")
	case <-time.After(20 * time.Millisecond):
	}
	ppid.Store(1) // reparented to init
	select {
	case p := <-done:
		assert.Equal(t, 42, p)
	case <-time.After(5 * time.Second):
		t.Fatal("pollParent did not notice the new parent")
	}
}
