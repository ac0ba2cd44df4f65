package fetch_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/fetch"
	"github.com/openml-dash/openml-dash/host/fetch/fetchtest"
)

// warnings records what a client warns of (Options.Warn).
type warnings struct {
	mu    sync.Mutex
	lines []string
}

func (w *warnings) warn(msg string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.lines = append(w.lines, msg)
}

func (w *warnings) all() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.lines...)
}

// features is an API answer big enough to be cut in the middle of an element.
var features = `<?xml version="1.0" encoding="UTF-8"?>
<oml:data_features xmlns:oml="http://openml.org/openml">
` + strings.Repeat("  <oml:feature><oml:index>0</oml:index><oml:name>sepallength</oml:name><oml:data_type>numeric</oml:data_type></oml:feature>\n", 40) +
	"</oml:data_features>\n"

// TestCache_cutAnswerWithoutLengthNotKept: an API answer whose end only the
// connection closing marks, cut half-way, is not taken for the answer: it
// is asked again, and never cached, with the cache or without.
func TestCache_cutAnswerWithoutLengthNotKept(t *testing.T) {
	t.Parallel()
	const p = "/api/v1/xml/data/features/61"
	for _, noCache := range []bool{false, true} {
		srv := fetchtest.NewServer(t, fetchtest.Options{})
		srv.Handle(p, features)
		srv.Fault(p, fetchtest.Fault{NoLength: true, Truncate: 2})
		c := newClient(t, srv, fetch.Options{NoCache: noCache, Retries: 1})
		req := fetch.Request{Path: "data/features/61"}

		_, err := fetchAnswer(t, c, req, nil)
		require.ErrorContains(t, err, "data/features/61: the answer from "+srv.Host()+", sent without a Content-Length, is not whole after ")
		require.ErrorContains(t, err, "the answer ends in the middle of its XML (tried 2 times)")
		if !noCache {
			assert.Empty(t, cacheEntries(t, c.CacheDir()), "a cut answer must not be cached")
		}

		a, err := fetchAnswer(t, c, req, nil)
		require.NoError(t, err)
		assert.Equal(t, features, string(a.Body))
		if !noCache {
			again, err := fetchAnswer(t, c, req, nil)
			require.NoError(t, err)
			assert.True(t, again.Cached, "a whole answer without a length is cached: it parses")
			assert.Equal(t, features, string(again.Body))
		}
		assert.Equal(t, 3, srv.Count(p))
	}
}

// TestCache_fileWithoutLengthNotKept: a file whose end only the connection
// closing marks, and with no md5 to check, cannot be known whole: it is
// handed over but asked again next time. With an md5 it is cached.
func TestCache_fileWithoutLengthNotKept(t *testing.T) {
	t.Parallel()
	const p = "/data/download/1840863/predictions.arff"
	body := "@relation predictions\n@data\n" + strings.Repeat("0,1,59,'Iris-setosa','Iris-setosa'\n", 150)
	srv := fetchtest.NewServer(t, fetchtest.Options{})
	srv.Handle(p, body)
	// The first answer is cut, at a line boundary: nothing can tell.
	srv.Fault(p, fetchtest.Fault{NoLength: true, Truncate: 1})
	c := newClient(t, srv, fetch.Options{})
	req := fetch.Request{URL: srv.URL + p, AsFile: true}

	a, err := fetchAnswer(t, c, req, nil)
	require.NoError(t, err)
	assert.False(t, a.Cached)
	assert.NotEqual(t, filepath.Join(c.CacheDir(), hostDir(srv), "data", "download", "1840863", "predictions.arff"), a.Path)

	for range 2 {
		a, err = fetchAnswer(t, c, req, nil)
		require.NoError(t, err)
		got, err := os.ReadFile(a.Path)
		require.NoError(t, err)
		assert.Equal(t, body, string(got), "the cut copy must not be served again")
		assert.False(t, a.Cached)
	}
	assert.Equal(t, 3, srv.Count(p), "each request asks the server")
	assert.NotContains(t, cacheEntries(t, c.CacheDir()), hostDir(srv)+"/data/download/1840863/predictions.arff")

	req.MD5 = md5Hex(body)
	for range 2 {
		a, err = fetchAnswer(t, c, req, nil)
		require.NoError(t, err)
		assert.True(t, a.Verified)
	}
	assert.True(t, a.Cached, "with an md5 to check, the file is cached")
	assert.Equal(t, 4, srv.Count(p))
}

// TestCache_damagedEntryFetchedAgain: a cached API answer that does not
// parse whole is thrown away and fetched again, once, with one warning.
func TestCache_damagedEntryFetchedAgain(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		api    string // the API base's last segment
		answer string
		damage func(string) string
	}{
		"truncated":     {api: "xml", answer: features, damage: func(s string) string { return s[:len(s)*2/3] }},
		"bit-flipped":   {api: "xml", answer: features, damage: func(s string) string { return strings.Replace(s, "</oml:name>", "</oml:namd>", 1) }},
		"hand-edited":   {api: "xml", answer: features, damage: func(s string) string { return strings.Replace(s, "<oml:feature>", "<oml:feature", 1) }},
		"emptied":       {api: "xml", answer: features, damage: func(string) string { return "" }},
		"not XML":       {api: "xml", answer: features, damage: func(string) string { return "<html>Gateway timeout" }},
		"JSON cut":      {api: "json", answer: `{"data_features":{"feature":[{"index":"0","name":"sepallength"}]}}`, damage: func(s string) string { return s[:len(s)-3] }},
		"JSON replaced": {api: "json", answer: `{"data_features":{"feature":[]}}`, damage: func(string) string { return "{]" }},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := fetchtest.NewServer(t, fetchtest.Options{})
			p := "/api/v1/" + tc.api + "/data/features/61"
			srv.Handle(p, tc.answer)
			var warned warnings
			c := fetch.New(fetch.Options{Server: srv.URL + "/api/v1/" + tc.api, CacheDir: t.TempDir(), Warn: warned.warn})
			req := fetch.Request{Path: "data/features/61"}
			a, err := fetchAnswer(t, c, req, nil)
			require.NoError(t, err)
			require.NoError(t, os.Chmod(a.Path, 0o644))
			require.NoError(t, os.WriteFile(a.Path, []byte(tc.damage(tc.answer)), 0o644))

			again, err := fetchAnswer(t, c, req, nil)
			require.NoError(t, err)
			assert.Equal(t, tc.answer, string(again.Body))
			assert.False(t, again.Cached)
			assert.Equal(t, a.Path, again.Path, "the entry is replaced")
			assert.Equal(t, 2, srv.Count(p))
			require.Len(t, warned.all(), 1)
			assert.Contains(t, warned.all()[0], "data/features/61: the cached copy "+a.Path+" was damaged (")
			assert.Contains(t, warned.all()[0], "); fetching it again")

			last, err := fetchAnswer(t, c, req, nil)
			require.NoError(t, err)
			assert.True(t, last.Cached)
			assert.Equal(t, tc.answer, string(last.Body))
			assert.Equal(t, 2, srv.Count(p), "the new copy is served from the cache")
			assert.Len(t, warned.all(), 1)
		})
	}
}

// TestCache_refresh: Request.Refresh replaces a cached answer that its
// reader could not parse, even one that looks whole to the host.
func TestCache_refresh(t *testing.T) {
	t.Parallel()
	srv := fetchtest.NewServer(t, fetchtest.Options{})
	const p = "/api/v1/xml/data/61"
	srv.Handle(p, "<oml:data_set_description><oml:id>6x</oml:id></oml:data_set_description>")
	var warned warnings
	c := newClient(t, srv, fetch.Options{Warn: warned.warn})
	_, err := fetchAnswer(t, c, fetch.Request{Path: "data/61", Refresh: true}, nil)
	require.NoError(t, err)
	assert.Empty(t, warned.all(), "nothing was cached to refresh")
	_, err = fetchAnswer(t, c, fetch.Request{Path: "data/61"}, nil)
	require.NoError(t, err)
	assert.Equal(t, 1, srv.Count(p))

	srv.Handle(p, "<oml:data_set_description><oml:id>61</oml:id></oml:data_set_description>")
	a, err := fetchAnswer(t, c, fetch.Request{Path: "data/61", Refresh: true}, nil)
	require.NoError(t, err)
	assert.Contains(t, string(a.Body), "<oml:id>61</oml:id>")
	assert.False(t, a.Cached)
	assert.Equal(t, 2, srv.Count(p))
	assert.Equal(t, []string{"data/61: the cached copy " + a.Path + " could not be read; fetching it again"}, warned.all())

	a, err = fetchAnswer(t, c, fetch.Request{Path: "data/61"}, nil)
	require.NoError(t, err)
	assert.True(t, a.Cached)
	assert.Contains(t, string(a.Body), "<oml:id>61</oml:id>", "the refreshed copy replaced the old one")
}

// TestCache_malformedAnswerNotKept: a whole answer that does not parse is
// the server's fault: it is handed over, for its reader to say what is
// wrong, but not cached.
func TestCache_malformedAnswerNotKept(t *testing.T) {
	t.Parallel()
	srv := fetchtest.NewServer(t, fetchtest.Options{})
	const p = "/api/v1/xml/data/61"
	srv.Handle(p, "<oml:data_set_description><oml:id>61</oml:i></oml:data_set_description>")
	var warned warnings
	c := newClient(t, srv, fetch.Options{Warn: warned.warn})
	for range 2 {
		a, err := fetchAnswer(t, c, fetch.Request{Path: "data/61"}, nil)
		require.NoError(t, err)
		assert.Equal(t, "<oml:data_set_description><oml:id>61</oml:i></oml:data_set_description>", string(a.Body))
		assert.False(t, a.Cached)
	}
	assert.Equal(t, 2, srv.Count(p))
	assert.Empty(t, warned.all(), "nothing cached was damaged")
}

// TestCache_unwritableFolder: a cache folder that cannot be written does
// not stop anything: answers are fetched without it, with one warning.
func TestCache_unwritableFolder(t *testing.T) {
	t.Parallel()
	cases := map[string]func(t *testing.T, srv *fetchtest.Server) string{
		"a file where the folder should be": func(t *testing.T, _ *fetchtest.Server) string {
			p := filepath.Join(t.TempDir(), "cache")
			require.NoError(t, os.WriteFile(p, []byte("not a folder"), 0o644))
			return p
		},
		"a file where the host folder should be": func(t *testing.T, srv *fetchtest.Server) string {
			dir := t.TempDir()
			require.NoError(t, fetch.MarkCacheRoot(dir))
			require.NoError(t, os.WriteFile(filepath.Join(dir, hostDir(srv)), []byte("not a folder"), 0o644))
			return dir
		},
		"a read-only folder": func(t *testing.T, _ *fetchtest.Server) string {
			dir := t.TempDir()
			readOnly(t, dir)
			return dir
		},
	}
	for name, cacheDir := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := fetchtest.NewServer(t, fetchtest.Options{})
			srv.Handle("/api/v1/xml/data/61", "<d61/>")
			srv.Handle("/api/v1/xml/data/62", "<d62/>")
			srv.Handle("/data/download/61/iris.arff", "@relation iris\n")
			var warned warnings
			dir := cacheDir(t, srv)
			c := newClient(t, srv, fetch.Options{CacheDir: dir, FileDir: t.TempDir(), Warn: warned.warn})
			for range 2 {
				body, err := c.Get(t.Context(), fetch.Request{Path: "data/61"}, nil)
				require.NoError(t, err)
				assert.Equal(t, "<d61/>", string(body))
				body, err = c.Get(t.Context(), fetch.Request{Path: "data/62"}, nil)
				require.NoError(t, err)
				assert.Equal(t, "<d62/>", string(body))
				p, err := c.File(t.Context(), fetch.Request{URL: srv.URL + "/data/download/61/iris.arff", MD5: md5Hex("@relation iris\n")}, nil)
				require.NoError(t, err)
				got, err := os.ReadFile(p)
				require.NoError(t, err)
				assert.Equal(t, "@relation iris\n", string(got))
			}
			assert.Equal(t, 2, srv.Count("/api/v1/xml/data/61"), "nothing is cached")
			require.Len(t, warned.all(), 1, "one warning, not one per request")
			assert.Contains(t, warned.all()[0], "the cache folder "+dir+" cannot be written (")
			assert.Contains(t, warned.all()[0], "); answers it does not hold are fetched without it")
		})
	}
}

// readOnly makes folder dir read-only until the test ends: by its mode,
// or for root, whom modes do not stop (CI runs as root), by the
// immutable attribute (chattr +i), so that the test runs there too.
func readOnly(t *testing.T, dir string) {
	t.Helper()
	if os.Geteuid() != 0 {
		require.NoError(t, os.Chmod(dir, 0o555))
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		return
	}
	if out, err := exec.Command("chattr", "+i", dir).CombinedOutput(); err != nil {
		t.Skipf("running as root, and root writes into read-only folders; chattr +i, which stops root, failed here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", dir).Run() })
	if f, err := os.CreateTemp(dir, "probe"); err == nil {
		f.Close()
		t.Fatalf("chattr +i left %s writable", dir)
	}
}

// TestCache_unwritableFolderStillServes: what a read-only cache holds is
// still served from it.
func TestCache_unwritableFolderStillServes(t *testing.T) {
	t.Parallel()
	srv := fetchtest.NewServer(t, fetchtest.Options{})
	srv.Handle("/api/v1/xml/data/61", "<d61/>")
	srv.Handle("/api/v1/xml/data/62", "<d62/>")
	dir := t.TempDir()
	c := newClient(t, srv, fetch.Options{CacheDir: dir})
	_, err := c.Get(t.Context(), fetch.Request{Path: "data/61"}, nil)
	require.NoError(t, err)
	require.NoError(t, filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			readOnly(t, p)
		}
		return err
	}))
	var warned warnings
	ro := newClient(t, srv, fetch.Options{CacheDir: dir, Warn: warned.warn})
	for _, p := range []string{"data/62", "data/61", "data/62"} {
		_, err := fetchAnswer(t, ro, fetch.Request{Path: p}, nil)
		require.NoError(t, err)
	}
	assert.Equal(t, 1, srv.Count("/api/v1/xml/data/61"), "served from the read-only cache")
	assert.Equal(t, 2, srv.Count("/api/v1/xml/data/62"))
	assert.Len(t, warned.all(), 1)
}
