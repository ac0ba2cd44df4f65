package arff_test

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk/arff"
)

// endless serves a header and then lines forever, cancelling its context
// once it has served cancelAfter bytes, and counts what it serves after
// that.
type endless struct {
	head        string
	line        func(i int) string // the i-th line after the header
	cancel      context.CancelFunc
	cancelAfter int64
	pending     string
	lines       int
	served      int64
	afterCancel atomic.Int64
}

func (e *endless) Read(p []byte) (int, error) {
	if e.served == 0 {
		e.pending = e.head
	}
	n := 0
	for n < len(p) {
		if e.pending == "" {
			e.pending = e.line(e.lines)
			e.lines++
		}
		c := copy(p[n:], e.pending)
		e.pending = e.pending[c:]
		n += c
	}
	e.served += int64(n)
	if e.served > e.cancelAfter {
		if e.cancel != nil {
			e.cancel()
			e.cancel = nil
		} else {
			e.afterCancel.Add(int64(n))
		}
	}
	return n, nil
}

// TestRead_cancel cancels while an endless input is being read: Read must
// return ctx's error having read little more, or it would never return.
func TestRead_cancel(t *testing.T) {
	t.Parallel()
	cases := map[string]*endless{
		"in the rows": {
			head: irisHeader, cancelAfter: 5 << 20,
			line: func(int) string { return "5.1,0.2,setosa\n" },
		},
		"in the header": {
			head: "@relation r\n", cancelAfter: 1 << 20,
			line: func(i int) string { return "@attribute x" + itoa(i) + " numeric\n" },
		},
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			in.cancel = cancel
			_, err := arff.Read(ctx, in, arff.Options{})
			require.ErrorIs(t, err, context.Canceled)
			var aerr *arff.Error
			assert.False(t, errors.As(err, &aerr))
			// The chunks in flight, each up to a buffer and a chunk long.
			limit := int64(2*runtime.GOMAXPROCS(0)+4) * (1<<20 + 256<<10)
			assert.Less(t, in.afterCancel.Load(), limit, "bytes read after the cancellation")
		})
	}
}

func TestRead_cancelledBeforehand(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := arff.Read(ctx, failingReader{}, arff.Options{})
	require.ErrorIs(t, err, context.Canceled)
}

func TestRead_deadline(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(t.Context(), 0)
	defer cancel()
	<-ctx.Done()
	_, err := arff.Read(ctx, strings.NewReader(irisHeader), arff.Options{})
	require.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestRead_progress(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString(irisHeader)
	for b.Len() < 5<<20 {
		b.WriteString("5.1,0.2,setosa\n")
	}
	text := b.String()
	path := filepath.Join(t.TempDir(), "rows")
	require.NoError(t, os.WriteFile(path, []byte(text), 0o600))

	cases := map[string]struct {
		read      func(opts arff.Options) error
		wantTotal int64
	}{
		"ReadFile knows the size": {
			read: func(opts arff.Options) error {
				_, err := arff.ReadFile(t.Context(), path, opts)
				return err
			},
			wantTotal: int64(len(text)),
		},
		"Read knows the size of a reader with Len": {
			read: func(opts arff.Options) error {
				_, err := arff.Read(t.Context(), strings.NewReader(text), opts)
				return err
			},
			wantTotal: int64(len(text)),
		},
		"Read on a plain stream does not": {
			read: func(opts arff.Options) error {
				_, err := arff.Read(t.Context(), struct{ io.Reader }{strings.NewReader(text)}, opts)
				return err
			},
			wantTotal: -1,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var reads []int64
			err := tc.read(arff.Options{Progress: func(read, total int64) {
				assert.Equal(t, tc.wantTotal, total)
				reads = append(reads, read)
			}})
			require.NoError(t, err)
			require.GreaterOrEqual(t, len(reads), 5, "about one call per megabyte")
			assert.IsNonDecreasing(t, reads)
			assert.Equal(t, int64(len(text)), reads[len(reads)-1])
		})
	}
}
