package stats_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/openml-dash/openml-dash/sdk/frame"
	"github.com/openml-dash/openml-dash/sdk/stats"
)

// cancelAfter is a context that reports itself cancelled from its n+1st
// Err call on, so a test can cancel in the middle of a loop without timing.
type cancelAfter struct {
	context.Context
	left atomic.Int32
}

func newCancelAfter(t *testing.T, n int32) *cancelAfter {
	c := &cancelAfter{Context: t.Context()}
	c.left.Store(n)
	return c
}

func (c *cancelAfter) Err() error {
	if c.left.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

// TestCancelInsideLongLoops checks that a 200k-row column, four chunks of
// 64k rows, is abandoned after two looks at the context.
func TestCancelInsideLongLoops(t *testing.T) {
	t.Parallel()
	const rows = 200_000
	xs := make([]float64, rows)
	codes := make([]int32, rows)
	for i := range xs {
		xs[i] = float64(i % 977)
		codes[i] = int32(i % 3)
	}
	num := numeric("x", xs...)
	nom := nominal("c", []string{"a", "b", "c"}, codes...)
	cases := map[string]func(ctx context.Context) error{
		"summarize numeric": func(ctx context.Context) error { _, err := stats.Summarize(ctx, num); return err },
		"summarize nominal": func(ctx context.Context) error { _, err := stats.Summarize(ctx, nom); return err },
		"summarize strings": func(ctx context.Context) error {
			_, err := stats.Summarize(ctx, &frame.Column{Name: "s", Kind: frame.String, Strings: make([]string, rows)})
			return err
		},
		"bin":          func(ctx context.Context) error { _, err := stats.Bin(ctx, num, nil, stats.Binning{}); return err },
		"count levels": func(ctx context.Context) error { _, err := stats.CountLevels(ctx, nom, nil); return err },
		"split":        func(ctx context.Context) error { _, err := stats.SplitBy(ctx, num, 3); return err },
	}
	for name, run := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			assert.ErrorIs(t, run(newCancelAfter(t, 2)), context.Canceled)
			assert.NoError(t, run(t.Context()), "the same call completes without cancellation")
		})
	}
}
