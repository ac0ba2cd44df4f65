package fetch_test

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/fetch"
	"github.com/openml-dash/openml-dash/host/fetch/fetchtest"
)

// newClient returns a client of srv's API with the key, a cache of its own
// (unless opts says otherwise) and backoffs too short to slow a test. When
// the test ends, it checks that the key reached no cache path or file.
func newClient(t *testing.T, srv *fetchtest.Server, opts fetch.Options) *fetch.Client {
	t.Helper()
	opts.Server = srv.APIBase()
	opts.APIKey = key
	if opts.CacheDir == "" && !opts.NoCache {
		opts.CacheDir = t.TempDir()
	}
	if opts.Backoff == 0 {
		opts.Backoff = time.Microsecond
	}
	c := fetch.New(opts)
	t.Cleanup(func() { assertKeyNotIn(t, c.CacheDir()) })
	return c
}

// fetchAnswer calls c.Fetch and checks that an error does not hold the key.
func fetchAnswer(t *testing.T, c *fetch.Client, req fetch.Request, progress fetch.Progress) (fetch.Answer, error) {
	t.Helper()
	a, err := c.Fetch(t.Context(), req, progress)
	if err != nil {
		assert.NotContains(t, err.Error(), key, "an error shows the API key")
	}
	return a, err
}

// assertKeyNotIn checks every path and file under dir for the key.
func assertKeyNotIn(t *testing.T, dir string) {
	t.Helper()
	if dir == "" {
		return
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		assert.NotContains(t, p, key, "a cache path holds the API key")
		if d.Type().IsRegular() {
			b, err := os.ReadFile(p)
			require.NoError(t, err)
			assert.NotContains(t, string(b), key, "the cache file %s holds the API key", p)
		}
		return nil
	})
	if !os.IsNotExist(err) {
		assert.NoError(t, err)
	}
}

// cacheFiles lists the files under dir, relative and slash-separated,
// partial downloads and markers included.
func cacheFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			rel, _ := filepath.Rel(dir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	})
	require.NoError(t, err)
	return files
}

// cacheEntries is cacheFiles without the cache's markers.
func cacheEntries(t *testing.T, dir string) []string {
	t.Helper()
	var entries []string
	for _, f := range cacheFiles(t, dir) {
		if path.Base(f) != ".openml-dash-cache" {
			entries = append(entries, f)
		}
	}
	return entries
}

// hostDir is how the cache names srv's host folder.
func hostDir(srv *fetchtest.Server) string {
	return strings.ReplaceAll(srv.Host(), ":", "%3A")
}

// clock is a time source a test moves by hand.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}
