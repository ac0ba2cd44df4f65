package data

import (
	"context"
	"sync"

	"github.com/openml-dash/openml-dash/plugins/data/datapage"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/frame"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// keptFrames is how many loaded datasets the plugin keeps: the page open
// now and the one before it (back), so going back does not read the file
// again. A million-row dataset is a few hundred MB.
const keptFrames = 2

// frames loads each dataset once, however many callbacks ask for it at the
// same time, and keeps the latest few. A load that was cancelled is not
// kept: the next caller tries again.
type frames struct {
	mu    sync.Mutex
	order []string // oldest first
	byRef map[string]*loading
}

type loading struct {
	done chan struct{}
	f    *frame.Frame
	err  error
}

func (fs *frames) get(ctx context.Context, host sdk.Host, ref sdk.EntityRef, ds *openml.Dataset) (*frame.Frame, error) {
	key := ref.Server + "|" + ref.String()
	fs.mu.Lock()
	if fs.byRef == nil {
		fs.byRef = map[string]*loading{}
	}
	l, ok := fs.byRef[key]
	if !ok {
		l = &loading{done: make(chan struct{})}
		fs.byRef[key] = l
		fs.order = append(fs.order, key)
		for len(fs.order) > keptFrames {
			delete(fs.byRef, fs.order[0])
			fs.order = fs.order[1:]
		}
		go fs.load(ctx, host, ref, ds, key, l)
	}
	fs.mu.Unlock()
	select {
	case <-l.done:
		return l.f, l.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// load runs under the context of the caller that started it; when that
// call is cancelled (the page closed), the load stops and is forgotten.
func (fs *frames) load(ctx context.Context, host sdk.Host, ref sdk.EntityRef, ds *openml.Dataset, key string, l *loading) {
	l.f, l.err = datapage.Load(ctx, host, ref, ds)
	if l.err != nil && ctx.Err() != nil {
		fs.mu.Lock()
		if fs.byRef[key] == l {
			delete(fs.byRef, key)
		}
		fs.mu.Unlock()
	}
	close(l.done)
}
