package run

import (
	"context"
	"slices"
	"sync"

	"github.com/openml-dash/openml-dash/sdk/openml"
)

// keptPredictions is how many predictions files the plugin keeps read:
// the page open now and the one before it, so that switching folds or
// going back does not read the file again.
const keptPredictions = 2

// predictionCache reads each predictions file once, however many calls
// ask for it at the same time, and keeps the latest few. A failed read is
// not kept: the next caller tries again.
type predictionCache struct {
	mu    sync.Mutex
	order []string // oldest first
	byKey map[string]*predLoad
}

type predLoad struct {
	done chan struct{}
	p    *openml.RunPredictions
	err  error
}

// get returns the predictions kept under key, calling load (in this call)
// when no other call is reading them already.
func (c *predictionCache) get(ctx context.Context, key string, load func(context.Context) (*openml.RunPredictions, error)) (*openml.RunPredictions, error) {
	c.mu.Lock()
	if c.byKey == nil {
		c.byKey = map[string]*predLoad{}
	}
	l, ok := c.byKey[key]
	if !ok {
		l = &predLoad{done: make(chan struct{})}
		c.byKey[key] = l
		c.order = append(c.order, key)
		for len(c.order) > keptPredictions {
			delete(c.byKey, c.order[0])
			c.order = c.order[1:]
		}
	}
	c.mu.Unlock()
	if !ok {
		l.p, l.err = load(ctx)
		if l.err != nil {
			c.forget(key, l)
		}
		close(l.done)
	}
	select {
	case <-l.done:
		return l.p, l.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (c *predictionCache) forget(key string, l *predLoad) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byKey[key] == l {
		delete(c.byKey, key)
		if i := slices.Index(c.order, key); i >= 0 {
			c.order = slices.Delete(c.order, i, i+1)
		}
	}
}
