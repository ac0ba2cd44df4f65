// Package keep holds what a plugin read last (a dataset's frame, a run's
// predictions), so that the callbacks of one page, and going back to the
// page before, do not read the same file again.
package keep

import (
	"context"
	"errors"
	"slices"
	"sync"
)

// Latest keeps the values of the last N keys loaded. Each key is loaded
// once however many callers ask at the same time; a failed load is not
// kept, so the next caller tries again. The zero value keeps nothing: set N.
type Latest[T any] struct {
	N int

	mu    sync.Mutex
	order []string // oldest first
	byKey map[string]*entry[T]
}

type entry[T any] struct {
	done chan struct{}
	v    T
	err  error
}

// Get returns the value kept under key, calling load (in this call) when
// no other call is loading it already. A caller whose ctx ends stops
// waiting. A load cancelled by the ctx of the call that started it (a
// stale callback) is not the other waiters' failure: they try again.
func (l *Latest[T]) Get(ctx context.Context, key string, load func(context.Context) (T, error)) (T, error) {
	for {
		v, err := l.get(ctx, key, load)
		if err != nil && ctx.Err() == nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
			continue
		}
		return v, err
	}
}

func (l *Latest[T]) get(ctx context.Context, key string, load func(context.Context) (T, error)) (T, error) {
	l.mu.Lock()
	if l.byKey == nil {
		l.byKey = map[string]*entry[T]{}
	}
	e, ok := l.byKey[key]
	if !ok {
		e = &entry[T]{done: make(chan struct{})}
		l.byKey[key] = e
		l.order = append(l.order, key)
		for len(l.order) > max(l.N, 1) {
			delete(l.byKey, l.order[0])
			l.order = l.order[1:]
		}
	}
	l.mu.Unlock()
	if !ok {
		e.v, e.err = load(ctx)
		if e.err != nil {
			l.forget(key, e)
		}
		close(e.done)
	}
	select {
	case <-e.done:
		return e.v, e.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}

func (l *Latest[T]) forget(key string, e *entry[T]) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.byKey[key] == e {
		delete(l.byKey, key)
		if i := slices.Index(l.order, key); i >= 0 {
			l.order = slices.Delete(l.order, i, i+1)
		}
	}
}
