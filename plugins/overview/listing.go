package overview

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/openml-dash/openml-dash/plugins/internal/keep"
	"github.com/openml-dash/openml-dash/plugins/internal/show"
	"github.com/openml-dash/openml-dash/sdk"
)

// listing is what loadPages read of a paged listing.
type listing[T any] struct {
	Items []T
	// Pages counts the pages read, the last one included even if short.
	Pages int
	// PageSize is the entries each page asked for.
	PageSize int
	// Complete says the listing ended: a page came back short or empty.
	Complete bool
	// Capped says loading stopped at the entries asked for (or at
	// MaxEntries) while the listing may hold more.
	Capped bool
	// Cut is why a page after the first could not be read: Items holds
	// the pages before it.
	Cut error
	// Notes are smaller problems the page shows above its charts, such as
	// names that could not be looked up.
	Notes []*sdk.Notice
}

// pageFunc reads one page of a listing: limit entries from offset.
type pageFunc[T any] func(ctx context.Context, limit, offset int) ([]T, error)

// loadPages reads a listing size entries at a time until a page comes back
// short, want entries are read (0: no such stop) or MaxEntries are. It
// reports its progress to host under label ("Loading datasets"). An error
// means the first page could not be read; a later page that fails ends
// the listing with Cut set.
func loadPages[T any](ctx context.Context, host sdk.Host, label string, size, want int, page pageFunc[T]) (*listing[T], error) {
	l := &listing[T]{PageSize: size}
	limit := MaxEntries
	if want > 0 {
		limit = min(want, MaxEntries)
	}
	progress := func(text string, done, total int) {
		if host != nil {
			host.Progress(ctx, text, int64(done), int64(total))
		}
	}
	defer progress(label, 1, 1)
	for {
		n := len(l.Items)
		if want > 0 {
			progress(label, n, limit)
		} else {
			progress(fmt.Sprintf("%s: %s so far", label, show.Count(n)), n, -1)
		}
		ask := min(size, limit-n)
		items, err := page(ctx, ask, n)
		if err != nil {
			if l.Pages == 0 || ctx.Err() != nil {
				return nil, err
			}
			l.Cut = fmt.Errorf("entries %s to %s: %w", show.Count(n+1), show.Count(n+ask), err)
			return l, nil
		}
		l.Pages++
		l.Items = append(l.Items, items...)
		if len(items) < ask {
			l.Items = l.Items[:min(len(l.Items), limit)]
			l.Complete = true
			return l, nil
		}
		if len(l.Items) >= limit {
			l.Items = l.Items[:limit]
			l.Capped = true
			return l, nil
		}
	}
}

// store keeps the listings an overview loaded last, so that its click
// callback and a return to the page do not load them again. A listing cut
// off by a failed page is kept too, so that clicks filter what the charts
// show, until the page is opened again (Layout, as on a reload): then it
// is loaded anew.
type store[T any] struct {
	latest keep.Latest[*listing[T]]

	mu  sync.Mutex
	gen int  // part of every key; a new generation loads anew
	cut bool // a listing of this generation was cut off
}

// renew starts a new generation when a kept listing was cut off.
func (s *store[T]) renew() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cut {
		s.gen++
		s.cut = false
	}
}

// get returns the listing kept under key, loading it when there is none.
func (s *store[T]) get(ctx context.Context, key string, load func(context.Context) (*listing[T], error)) (*listing[T], error) {
	s.mu.Lock()
	key = fmt.Sprintf("%d|%s", s.gen, key)
	s.mu.Unlock()
	return s.latest.Get(ctx, key, func(ctx context.Context) (*listing[T], error) {
		l, err := load(ctx)
		if err == nil && l.Cut != nil {
			s.mu.Lock()
			s.cut = true
			s.mu.Unlock()
		}
		if err == nil && l == nil {
			err = errors.New("no listing")
		}
		return l, err
	})
}
