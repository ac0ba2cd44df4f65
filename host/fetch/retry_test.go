package fetch_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/fetch"
	"github.com/openml-dash/openml-dash/host/fetch/fetchtest"
)

// progressCalls records progress without expecting it to only grow: a
// retry starts again from 0.
type progressCalls struct {
	mu    sync.Mutex
	calls [][2]int64
}

func (p *progressCalls) record(done, total int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls = append(p.calls, [2]int64{done, total})
}

func (p *progressCalls) starts() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, c := range p.calls {
		if c[0] == 0 {
			n++
		}
	}
	return n
}

func (p *progressCalls) last() [2]int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.calls) == 0 {
		return [2]int64{-1, -1}
	}
	return p.calls[len(p.calls)-1]
}

func TestRetry(t *testing.T) {
	t.Parallel()
	const p = "/data/download/61/iris.arff"
	body := strings.Repeat("x", 1000)
	modes := map[string]fetch.Options{
		"cache":    {},
		"no cache": {NoCache: true},
	}
	cases := map[string]struct {
		fault     fetchtest.Fault
		wantCount int
		wantErr   string // "" for success
	}{
		"500 then 200":             {fault: fetchtest.Fault{Fail: 1}, wantCount: 2},
		"500 three times then 200": {fault: fetchtest.Fault{Fail: 3}, wantCount: 4},
		"truncated then whole":     {fault: fetchtest.Fault{Truncate: 1}, wantCount: 2},
		"truncated every time": {
			fault:     fetchtest.Fault{Truncate: 100},
			wantCount: 4,
			wantErr:   p + ": the download from HOST broke off after 500 bytes: unexpected EOF (tried 4 times)",
		},
		"500 every time": {
			fault:     fetchtest.Fault{Fail: 100},
			wantCount: 4,
			wantErr:   "server answered 500 Internal Server Error for URL (tried 4 times)",
		},
		"429 every time": {
			fault:     fetchtest.Fault{Status: http.StatusTooManyRequests},
			wantCount: 4,
			wantErr:   "server answered 429 Too Many Requests for URL (tried 4 times)",
		},
		"404 is not retried": {
			fault:     fetchtest.Fault{Status: http.StatusNotFound},
			wantCount: 1,
			wantErr:   "server answered 404 Not Found for URL",
		},
		"an OpenML error is not retried": {
			fault:     fetchtest.Fault{OpenMLError: fetchtest.UnknownDataset},
			wantCount: 1,
			wantErr:   "OpenML server: Unknown dataset (code 111) for URL",
		},
	}
	for mode, opts := range modes {
		for name, tc := range cases {
			t.Run(mode+"/"+name, func(t *testing.T) {
				t.Parallel()
				srv := fetchtest.NewServer(t, fetchtest.Options{})
				srv.Handle(p, body)
				srv.Fault(p, tc.fault)
				c := newClient(t, srv, opts)
				var progress progressCalls
				a, err := fetchAnswer(t, c, fetch.Request{URL: srv.URL + p, AsFile: true}, progress.record)
				assert.Equal(t, tc.wantCount, srv.Count(p))
				if tc.wantErr != "" {
					want := strings.NewReplacer("HOST", srv.Host(), "URL", srv.URL+p).Replace(tc.wantErr)
					require.ErrorContains(t, err, want)
					if tc.wantCount == 1 {
						assert.NotContains(t, err.Error(), "tried")
					}
					return
				}
				require.NoError(t, err)
				assert.FileExists(t, a.Path)
				n := int64(len(body))
				assert.Equal(t, [2]int64{n, n}, progress.last(), "progress ends with the whole file")
				if tc.fault.Truncate > 0 {
					assert.Equal(t, 2, progress.starts(), "a retried download reports from 0 again")
				}
			})
		}
	}
}

// TestRetry_connectionRefused checks that failed connections are retried
// and reported with the server and the number of tries.
func TestRetry_connectionRefused(t *testing.T) {
	t.Parallel()
	srv := fetchtest.NewServer(t, fetchtest.Options{})
	srv.Close()
	c := newClient(t, srv, fetch.Options{NoCache: true, Retries: 2})
	_, err := fetchAnswer(t, c, fetch.Request{Path: "data/61"}, nil)
	require.ErrorContains(t, err, "data/61: the server "+srv.Host()+" could not be reached: ")
	assert.ErrorContains(t, err, "(tried 3 times); check the network")
}

// TestTimeouts checks the ends of a request that waits: the caller's ctx
// (not retried), no headers in time and no bytes in time (both retried).
func TestTimeouts(t *testing.T) {
	t.Parallel()
	const p = "/api/v1/xml/data/61"
	cases := map[string]struct {
		fault     fetchtest.Fault
		opts      fetch.Options
		ctxTime   time.Duration
		wantErr   string
		wantCount int
	}{
		"caller's deadline": {
			fault:     fetchtest.Fault{Delay: time.Minute},
			ctxTime:   20 * time.Millisecond,
			wantErr:   "data/61: context deadline exceeded",
			wantCount: 1,
		},
		"no headers in time": {
			fault:     fetchtest.Fault{Delay: time.Minute},
			opts:      fetch.Options{HeaderTimeout: 20 * time.Millisecond, Retries: 1},
			wantErr:   "data/61: the server HOST stalled: did not answer within 20ms (tried 2 times)",
			wantCount: 2,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := fetchtest.NewServer(t, fetchtest.Options{})
			srv.Handle(p, "d61")
			srv.Fault(p, tc.fault)
			c := newClient(t, srv, tc.opts)
			ctx := t.Context()
			if tc.ctxTime > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tc.ctxTime)
				defer cancel()
			}
			_, err := c.Get(ctx, fetch.Request{Path: "data/61"}, nil)
			require.Error(t, err)
			assert.Equal(t, strings.ReplaceAll(tc.wantErr, "HOST", srv.Host()), err.Error())
			// A loaded machine may reach the deadline before the server
			// sees the request; what matters is that none follows.
			assert.LessOrEqual(t, srv.Count(p), tc.wantCount)
			assert.Empty(t, cacheEntries(t, c.CacheDir()))
		})
	}
}

// TestTimeouts_idleBody checks that a body that stops coming fails after
// IdleTimeout, and is retried, though the whole download has no limit.
func TestTimeouts_idleBody(t *testing.T) {
	t.Parallel()
	body := strings.Repeat("x", 1000)
	cases := map[string]struct {
		stalls    int32 // how many answers stall
		wantErr   string
		wantCount int32
	}{
		"stalls once":  {stalls: 1, wantCount: 2},
		"stalls twice": {stalls: 2, wantErr: "data/61: the server HOST stalled: sent no data for 20ms (tried 2 times)", wantCount: 2},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var count atomic.Int32
			ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Length", fmt.Sprint(len(body)))
				if count.Add(1) > tc.stalls {
					io.WriteString(w, body)
					return
				}
				io.WriteString(w, body[:10])
				w.(http.Flusher).Flush()
				<-r.Context().Done()
			}))
			t.Cleanup(ts.Close)
			c := fetch.New(fetch.Options{Server: ts.URL + "/api/v1/xml", APIKey: key, NoCache: true,
				IdleTimeout: 20 * time.Millisecond, Retries: 1, Backoff: time.Microsecond})
			got, err := c.Get(t.Context(), fetch.Request{Path: "data/61"}, nil)
			assert.Equal(t, tc.wantCount, count.Load())
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Equal(t, strings.ReplaceAll(tc.wantErr, "HOST", strings.TrimPrefix(ts.URL, "http://")), err.Error())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, body, string(got))
		})
	}
}

// TestRetry_cancelDuringBackoff checks that cancelling ends a wait
// between tries at once, however long the backoff.
func TestRetry_cancelDuringBackoff(t *testing.T) {
	t.Parallel()
	srv := fetchtest.NewServer(t, fetchtest.Options{})
	const p = "/api/v1/xml/data/61"
	srv.Fault(p, fetchtest.Fault{Status: http.StatusServiceUnavailable})
	c := newClient(t, srv, fetch.Options{Backoff: time.Hour})
	ctx, cancel := context.WithCancel(t.Context())
	fetch.SetBackoffHook(c, func(time.Duration) { cancel() })
	errc := make(chan error, 1)
	go func() {
		_, err := c.Get(ctx, fetch.Request{Path: "data/61"}, nil)
		errc <- err
	}()
	select {
	case err := <-errc:
		require.ErrorIs(t, err, context.Canceled)
	case <-time.After(30 * time.Second):
		t.Fatal("Get still waits for its backoff after ctx was cancelled")
	}
	assert.Equal(t, 1, srv.Count(p))
}

// TestRetry_backoff checks that the waits between tries double, each
// one jittered within its upper half.
func TestRetry_backoff(t *testing.T) {
	t.Parallel()
	srv := fetchtest.NewServer(t, fetchtest.Options{})
	const p = "/api/v1/xml/data/61"
	srv.Fault(p, fetchtest.Fault{Status: http.StatusServiceUnavailable})
	const base = time.Millisecond
	c := newClient(t, srv, fetch.Options{Backoff: base, Retries: 5})
	var waits []time.Duration
	fetch.SetBackoffHook(c, func(d time.Duration) { waits = append(waits, d) })
	_, err := c.Get(t.Context(), fetch.Request{Path: "data/61"}, nil)
	require.ErrorContains(t, err, "(tried 6 times)")
	require.Len(t, waits, 5)
	for i, d := range waits {
		upper := base << i
		assert.True(t, d >= upper/2 && d <= upper, "wait %d is %v, want %v to %v", i+1, d, upper/2, upper)
	}
}
