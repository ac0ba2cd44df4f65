package fetch_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/fetch"
	"github.com/openml-dash/openml-dash/sdk"
)

const key = "s3cret-Key-0123456789"

const unknownDataset = `<oml:error xmlns:oml="http://openml.org/openml">
  <oml:code>111</oml:code>
  <oml:message>Unknown dataset</oml:message>
</oml:error>
`

// server serves handler and returns a client whose API base is on it. The
// client makes one attempt per request and has no cache, so these tests
// see single answers; cache_test.go and retry_test.go cover the rest.
func server(t *testing.T, handler http.HandlerFunc) (*fetch.Client, *httptest.Server, string) {
	t.Helper()
	ts := httptest.NewServer(handler)
	t.Cleanup(ts.Close)
	dir := t.TempDir()
	c := fetch.New(fetch.Options{Server: ts.URL + "/api/v1/xml", APIKey: key, FileDir: dir, NoCache: true, Retries: -1})
	return c, ts, dir
}

// progressLog records progress calls; the last one must be the final count.
type progressLog struct {
	mu    sync.Mutex
	calls [][2]int64
}

func (p *progressLog) record(done, total int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls = append(p.calls, [2]int64{done, total})
}

func (p *progressLog) last(t *testing.T) [2]int64 {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	require.NotEmpty(t, p.calls)
	for i := 1; i < len(p.calls); i++ {
		assert.GreaterOrEqual(t, p.calls[i][0], p.calls[i-1][0], "progress went backwards")
	}
	return p.calls[len(p.calls)-1]
}

func TestGet_answers(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		status int
		body   string
		check  func(t *testing.T, body []byte, err error)
	}{
		"ok": {
			status: http.StatusOK,
			body:   "<oml:data_features/>",
			check: func(t *testing.T, body []byte, err error) {
				require.NoError(t, err)
				assert.Equal(t, "<oml:data_features/>", string(body))
			},
		},
		"openml error 412": {
			status: http.StatusPreconditionFailed,
			body:   unknownDataset,
			check: func(t *testing.T, _ []byte, err error) {
				var oe *fetch.OpenMLError
				require.ErrorAs(t, err, &oe)
				assert.Equal(t, 111, oe.Code)
				assert.Equal(t, "Unknown dataset", oe.Message)
				assert.Equal(t, "data/99999999", oe.Request)
				assert.True(t, strings.HasSuffix(oe.URL, "/api/v1/xml/data/99999999"), oe.URL)
				assert.Equal(t, "OpenML server: Unknown dataset (code 111) for data/99999999", err.Error())
			},
		},
		"openml error with additional information": {
			status: http.StatusPreconditionFailed,
			body: `<?xml version="1.0" encoding="UTF-8"?>
<oml:error xmlns:oml="http://openml.org/openml"><oml:code>274</oml:code><oml:message>Dataset not processed yet</oml:message><oml:additional_information>try again later (key ` + key + `)</oml:additional_information></oml:error>`,
			check: func(t *testing.T, _ []byte, err error) {
				var oe *fetch.OpenMLError
				require.ErrorAs(t, err, &oe)
				assert.Equal(t, 274, oe.Code)
				assert.Contains(t, err.Error(), "Dataset not processed yet (code 274) for data/99999999: try again later")
			},
		},
		"openml json error 412": {
			status: http.StatusPreconditionFailed,
			body:   `{"error":{"code":"111","message":"Unknown dataset"}}`,
			check: func(t *testing.T, _ []byte, err error) {
				var oe *fetch.OpenMLError
				require.ErrorAs(t, err, &oe)
				assert.Equal(t, 111, oe.Code)
				assert.Equal(t, "Unknown dataset", oe.Message)
			},
		},
		"openml error on 404": {
			status: http.StatusNotFound,
			body:   unknownDataset,
			check: func(t *testing.T, _ []byte, err error) {
				var oe *fetch.OpenMLError
				require.ErrorAs(t, err, &oe)
				assert.Equal(t, 111, oe.Code)
			},
		},
		"500": {
			status: http.StatusInternalServerError,
			body:   "<html>oops</html>",
			check: func(t *testing.T, _ []byte, err error) {
				var he *fetch.HTTPError
				require.ErrorAs(t, err, &he)
				assert.Equal(t, http.StatusInternalServerError, he.StatusCode)
				assert.Contains(t, err.Error(), "500 Internal Server Error")
				assert.Contains(t, err.Error(), "/api/v1/xml/data/99999999")
			},
		},
		"412 without an error document": {
			status: http.StatusPreconditionFailed,
			body:   "<oml:data/>",
			check: func(t *testing.T, _ []byte, err error) {
				var he *fetch.HTTPError
				require.ErrorAs(t, err, &he)
				assert.Equal(t, http.StatusPreconditionFailed, he.StatusCode)
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			seen := make(chan *http.Request, 1)
			c, _, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
				seen <- r
				w.WriteHeader(tc.status)
				io.WriteString(w, tc.body)
			})
			var progress progressLog
			body, err := c.Get(t.Context(), fetch.Request{Path: "data/99999999"}, progress.record)
			r := <-seen
			assert.Equal(t, key, r.URL.Query().Get("api_key"), "the server must receive the key")
			assert.Equal(t, "/api/v1/xml/data/99999999", r.URL.Path)
			if err != nil {
				assert.NotContains(t, err.Error(), key)
				assert.Nil(t, body)
			} else {
				n := int64(len(tc.body))
				assert.Equal(t, [2]int64{n, n}, progress.last(t))
			}
			tc.check(t, body, err)
		})
	}
}

// roundTrip answers every request with 200 and records its URL, so tests
// can see where a request would go without any network.
type roundTrip struct {
	mu   sync.Mutex
	urls []string
}

func (rt *roundTrip) RoundTrip(r *http.Request) (*http.Response, error) {
	rt.mu.Lock()
	rt.urls = append(rt.urls, r.URL.String())
	rt.mu.Unlock()
	return &http.Response{StatusCode: http.StatusOK, Status: "200 OK", Body: io.NopCloser(strings.NewReader("ok")), ContentLength: 2, Request: r}, nil
}

func TestGet_serverResolution(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		server string // Options.Server
		req    fetch.Request
		want   string
	}{
		"zero server": {
			req:  fetch.Request{Path: "data/features/61"},
			want: "https://www.openml.org/api/v1/xml/data/features/61?api_key=" + key,
		},
		"default server": {
			req:  fetch.Request{Server: sdk.DefaultServer, Path: "/data/61/"},
			want: "https://www.openml.org/api/v1/xml/data/61?api_key=" + key,
		},
		"test server gets no production key": {
			req:  fetch.Request{Server: "https://test.openml.org", Path: "task/19"},
			want: "https://test.openml.org/api/v1/xml/task/19",
		},
		"test server configured": {
			server: "https://test.openml.org/api/v1/xml/",
			req:    fetch.Request{Server: "https://test.openml.org", Path: "task/19"},
			want:   "https://test.openml.org/api/v1/xml/task/19?api_key=" + key,
		},
		"default origin follows Options.Server": {
			server: "http://localhost:8080/api/v1/xml",
			req:    fetch.Request{Server: sdk.DefaultServer, Path: "run/1"},
			want:   "http://localhost:8080/api/v1/xml/run/1?api_key=" + key,
		},
		"private instance": {
			req:  fetch.Request{Server: "http://localhost:8080", Path: "flow/2"},
			want: "http://localhost:8080/api/v1/xml/flow/2",
		},
		"file on the API host": {
			req:  fetch.Request{URL: "https://www.openml.org/data/download/61/dataset_61_iris.arff"},
			want: "https://www.openml.org/data/download/61/dataset_61_iris.arff?api_key=" + key,
		},
		"file on another host": {
			req:  fetch.Request{URL: "https://api.openml.org/data/v1/download/61/iris.arff"},
			want: "https://api.openml.org/data/v1/download/61/iris.arff",
		},
		"file URL carrying a key keeps it off other hosts": {
			req:  fetch.Request{URL: "http://example.org/f.arff?api_key=stolen&x=1#frag"},
			want: "http://example.org/f.arff?x=1",
		},
		"test server file": {
			req:  fetch.Request{Server: "https://test.openml.org", URL: "https://test.openml.org/data/download/11/dataset_11_balance-scale.arff"},
			want: "https://test.openml.org/data/download/11/dataset_11_balance-scale.arff",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rt := &roundTrip{}
			c := fetch.New(fetch.Options{Server: tc.server, APIKey: key, HTTP: &http.Client{Transport: rt}, FileDir: t.TempDir(), NoCache: true})
			body, err := c.Get(t.Context(), tc.req, nil)
			require.NoError(t, err)
			assert.Equal(t, "ok", string(body))
			assert.Equal(t, []string{tc.want}, rt.urls)
		})
	}
}

func TestGet_badRequest(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		req     fetch.Request
		wantErr string
	}{
		"zero":           {fetch.Request{}, "empty request"},
		"both":           {fetch.Request{Path: "data/61", URL: "https://x.org/f?api_key=" + key}, "sets both Path"},
		"path query":     {fetch.Request{Path: "data/61?api_key=x"}, "has a query or fragment"},
		"relative URL":   {fetch.Request{URL: "data/download/61"}, "not an absolute http or https URL"},
		"ftp URL":        {fetch.Request{URL: "ftp://x.org/f"}, "not an absolute http or https URL"},
		"bad URL":        {fetch.Request{URL: "https://x.org/%zz?api_key=" + key}, "invalid URL escape"},
		"bad API server": {fetch.Request{Server: "localhost", Path: "data/61"}, `API base "localhost/api/v1/xml"`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rt := &roundTrip{}
			c := fetch.New(fetch.Options{APIKey: key, HTTP: &http.Client{Transport: rt}, NoCache: true})
			_, err := c.Get(t.Context(), tc.req, nil)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantErr)
			assert.NotContains(t, err.Error(), key)
			_, err = c.File(t.Context(), tc.req, nil)
			require.Error(t, err)
			assert.Empty(t, rt.urls, "a bad request must not reach the network")
		})
	}
}

func TestGet_unreachable(t *testing.T) {
	t.Parallel()
	ts := httptest.NewServer(http.NotFoundHandler())
	ts.Close()
	c := fetch.New(fetch.Options{Server: ts.URL + "/api/v1/xml", APIKey: key, NoCache: true, Retries: -1})
	_, err := c.Get(t.Context(), fetch.Request{Path: "data/61"}, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "data/61: the server "+strings.TrimPrefix(ts.URL, "http://")+" could not be reached")
	assert.Contains(t, err.Error(), "--mirror")
	assert.NotContains(t, err.Error(), key)
}

// TestGet_cancelled checks that cancelling ctx ends a request the server is
// still working on.
func TestGet_cancelled(t *testing.T) {
	t.Parallel()
	started, release := make(chan struct{}), make(chan struct{})
	c, _, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		close(started)
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	defer close(release)
	ctx, cancel := context.WithCancel(t.Context())
	errc := make(chan error, 1)
	go func() {
		_, err := c.Get(ctx, fetch.Request{Path: "data/61"}, nil)
		errc <- err
	}()
	<-started
	cancel()
	err := <-errc
	require.ErrorIs(t, err, context.Canceled)
	assert.NotContains(t, err.Error(), key)
}

func TestGetFile_cancelledBeforehand(t *testing.T) {
	t.Parallel()
	calls := make(chan struct{}, 2)
	c, _, dir := server(t, func(w http.ResponseWriter, r *http.Request) { calls <- struct{}{} })
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := c.Get(ctx, fetch.Request{Path: "data/61"}, nil)
	require.ErrorIs(t, err, context.Canceled)
	_, err = c.File(ctx, fetch.Request{Path: "data/61"}, nil)
	require.ErrorIs(t, err, context.Canceled)
	assert.Empty(t, calls)
	assertEmpty(t, dir)
}

func assertEmpty(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return
	}
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.Empty(t, names, "no file, final or partial, may remain")
}

func TestFile_download(t *testing.T) {
	t.Parallel()
	arff := strings.Repeat("5.1,3.5,1.4,0.2,Iris-setosa\n", 10000)
	cases := map[string]struct {
		chunked   bool
		wantTotal int64
	}{
		"known length":   {wantTotal: int64(len(arff))},
		"unknown length": {chunked: true, wantTotal: -1},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			keys := make(chan string, 3)
			c, ts, dir := server(t, func(w http.ResponseWriter, r *http.Request) {
				keys <- r.URL.Query().Get("api_key")
				if !tc.chunked {
					w.Header().Set("Content-Length", fmt.Sprint(len(arff)))
				}
				for i := 0; i < len(arff); i += 64 << 10 {
					io.WriteString(w, arff[i:min(i+64<<10, len(arff))])
					w.(http.Flusher).Flush()
				}
			})
			req := fetch.Request{URL: ts.URL + "/data/download/61/dataset_61_iris.arff"}
			var progress progressLog
			p, err := c.File(t.Context(), req, progress.record)
			require.NoError(t, err)
			assert.Equal(t, key, <-keys, "a file on the API server's origin gets the key")
			assert.Equal(t, dir, filepath.Dir(p))
			assert.True(t, strings.HasSuffix(p, "-dataset_61_iris.arff"), p)
			got, err := os.ReadFile(p)
			require.NoError(t, err)
			assert.Equal(t, arff, string(got))
			assert.Equal(t, [2]int64{int64(len(arff)), tc.wantTotal}, progress.last(t))
			if runtime.GOOS != "windows" {
				st, err := os.Stat(p)
				require.NoError(t, err)
				assert.Zero(t, st.Mode().Perm()&0o222, "the file must be read-only")
			}

			again, err := c.File(t.Context(), req, nil)
			require.NoError(t, err)
			assert.Equal(t, p, again, "one URL, one name")
			other, err := c.File(t.Context(), fetch.Request{URL: ts.URL + "/data/download/62/dataset_61_iris.arff"}, nil)
			require.NoError(t, err)
			assert.NotEqual(t, p, other, "another URL, another name")
			entries, err := os.ReadDir(dir)
			require.NoError(t, err)
			assert.Len(t, entries, 2, "no partial file may remain")
		})
	}
}

func TestFile_failures(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		handler http.HandlerFunc
		wantErr string
	}{
		"truncated body": {
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Length", "100000")
				io.WriteString(w, strings.Repeat("x", 50000))
				w.(http.Flusher).Flush()
				panic(http.ErrAbortHandler)
			},
			wantErr: "broke off after",
		},
		"openml error": {
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(http.StatusPreconditionFailed)
				io.WriteString(w, unknownDataset)
			},
			wantErr: "OpenML server: Unknown dataset (code 111)",
		},
		"500": {
			handler: func(w http.ResponseWriter, r *http.Request) {
				http.Error(w, "down", http.StatusInternalServerError)
			},
			wantErr: "server answered 500 Internal Server Error",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, ts, dir := server(t, tc.handler)
			p, err := c.File(t.Context(), fetch.Request{URL: ts.URL + "/data/download/61/dataset_61_iris.arff"}, nil)
			require.Error(t, err)
			assert.Empty(t, p)
			assert.Contains(t, err.Error(), tc.wantErr)
			assert.NotContains(t, err.Error(), key)
			assertEmpty(t, dir)
		})
	}
}

// TestFile_cancelledMidStream checks that a download cancelled after its
// first bytes leaves nothing behind.
func TestFile_cancelledMidStream(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	c, ts, dir := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000000")
		io.WriteString(w, strings.Repeat("x", 1000))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	defer close(release)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var once sync.Once
	progress := func(done, total int64) {
		if done > 0 {
			once.Do(cancel)
		}
	}
	_, err := c.File(ctx, fetch.Request{URL: ts.URL + "/data/download/61/dataset_61_iris.arff"}, progress)
	require.ErrorIs(t, err, context.Canceled)
	assertEmpty(t, dir)
}
