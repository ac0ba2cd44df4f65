package keep_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/plugins/internal/keep"
)

func TestLatest_loadsOnceAndKeepsN(t *testing.T) {
	t.Parallel()
	l := keep.Latest[string]{N: 2}
	var loads atomic.Int32
	load := func(key string) func(context.Context) (string, error) {
		return func(context.Context) (string, error) {
			loads.Add(1)
			return "v:" + key, nil
		}
	}
	ctx := context.Background()
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			v, err := l.Get(ctx, "a", load("a"))
			assert.NoError(t, err)
			assert.Equal(t, "v:a", v)
		})
	}
	wg.Wait()
	assert.EqualValues(t, 1, loads.Load(), "ten callers, one load")

	_, _ = l.Get(ctx, "b", load("b"))
	_, _ = l.Get(ctx, "a", load("a"))
	assert.EqualValues(t, 2, loads.Load(), "a and b are both kept")
	_, _ = l.Get(ctx, "c", load("c")) // a, the oldest, goes
	_, _ = l.Get(ctx, "a", load("a"))
	assert.EqualValues(t, 4, loads.Load())
}

func TestLatest_failuresAreNotKept(t *testing.T) {
	t.Parallel()
	l := keep.Latest[int]{N: 2}
	calls := 0
	load := func(context.Context) (int, error) {
		calls++
		if calls == 1 {
			return 0, errors.New("offline")
		}
		return 7, nil
	}
	_, err := l.Get(context.Background(), "k", load)
	require.EqualError(t, err, "offline")
	v, err := l.Get(context.Background(), "k", load)
	require.NoError(t, err)
	assert.Equal(t, 7, v)
	assert.Equal(t, 2, calls)
}

func TestLatest_waiterStopsWithItsContext(t *testing.T) {
	t.Parallel()
	l := keep.Latest[int]{N: 1}
	release := make(chan struct{})
	started := make(chan struct{})
	go func() {
		_, _ = l.Get(context.Background(), "k", func(context.Context) (int, error) {
			close(started)
			<-release
			return 1, nil
		})
	}()
	<-started
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := l.Get(ctx, "k", func(context.Context) (int, error) { t.Error("loaded twice"); return 0, nil })
	assert.ErrorIs(t, err, context.Canceled)
	close(release)
}

// TestLatest_othersRetryACancelledLoad: the call that started a load is
// cancelled mid-way; another caller waiting for the same key loads again
// instead of failing with someone else's cancellation.
func TestLatest_othersRetryACancelledLoad(t *testing.T) {
	t.Parallel()
	l := keep.Latest[int]{N: 1}
	first, cancel := context.WithCancel(context.Background())
	started := make(chan struct{})
	var loads atomic.Int32
	load := func(ctx context.Context) (int, error) {
		if loads.Add(1) == 1 {
			close(started)
			<-ctx.Done()
			return 0, ctx.Err()
		}
		return 9, nil
	}
	errc := make(chan error, 1)
	go func() {
		_, err := l.Get(first, "k", load)
		errc <- err
	}()
	<-started
	done := make(chan int, 1)
	go func() {
		v, err := l.Get(context.Background(), "k", load)
		assert.NoError(t, err)
		done <- v
	}()
	cancel()
	assert.ErrorIs(t, <-errc, context.Canceled)
	assert.Equal(t, 9, <-done)
	assert.EqualValues(t, 2, loads.Load())
}
