package fetch_test

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/fetch"
	"github.com/openml-dash/openml-dash/host/fetch/fetchtest"
	"github.com/openml-dash/openml-dash/internal/recordings"
)

func md5Hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// TestCache_layout checks that answers land where a person browsing the
// cache would look, and are then served from there.
func TestCache_layout(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		path string // on the server
		req  func(base string) fetch.Request
		want string // in the cache, below the host folder
	}{
		"description":      {"/api/v1/xml/data/61", func(string) fetch.Request { return fetch.Request{Path: "data/61"} }, "api/v1/xml/data/61.xml"},
		"all of a listing": {"/api/v1/xml/data/list", func(string) fetch.Request { return fetch.Request{Path: "data/list"} }, "api/v1/xml/data/list.xml"},
		"listing within a listing's path": {
			"/api/v1/xml/data/list/tag/study_14",
			func(string) fetch.Request { return fetch.Request{Path: "data/list/tag/study_14"} },
			"api/v1/xml/data/list/tag/study_14.xml",
		},
		"file": {
			"/data/download/61/dataset_61_iris.arff",
			func(base string) fetch.Request {
				return fetch.Request{URL: base + "/data/download/61/dataset_61_iris.arff", AsFile: true}
			},
			"data/download/61/dataset_61_iris.arff",
		},
		"odd file name": {
			"/data/download/7/.a b:c",
			func(base string) fetch.Request { return fetch.Request{URL: base + "/data/download/7/.a%20b:c"} },
			"data/download/7/%2Ea%20b%3Ac",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := fetchtest.NewServer(t, fetchtest.Options{})
			srv.Handle(tc.path, "<answer>"+tc.path+"</answer>")
			dir := t.TempDir()
			c := newClient(t, srv, fetch.Options{CacheDir: dir})
			req := tc.req(srv.URL)

			a, err := fetchAnswer(t, c, req, nil)
			require.NoError(t, err)
			want := filepath.Join(dir, hostDir(srv), filepath.FromSlash(tc.want))
			assert.Equal(t, want, a.Path)
			assert.False(t, a.Cached)
			got, err := os.ReadFile(want)
			require.NoError(t, err)
			assert.Equal(t, "<answer>"+tc.path+"</answer>", string(got))
			if !req.AsFile {
				assert.Equal(t, "<answer>"+tc.path+"</answer>", string(a.Body))
			}
			if runtime.GOOS != "windows" {
				st, err := os.Stat(want)
				require.NoError(t, err)
				assert.Zero(t, st.Mode().Perm()&0o222, "a cached file must be read-only")
			}

			var progress progressLog
			again, err := fetchAnswer(t, c, req, progress.record)
			require.NoError(t, err)
			assert.True(t, again.Cached)
			assert.Equal(t, want, again.Path)
			n := int64(len("<answer>" + tc.path + "</answer>"))
			assert.Equal(t, [2]int64{n, n}, progress.last(t), "a cached answer reports its size")
			assert.Equal(t, 1, srv.Count(tc.path), "the second answer must come from the cache")
		})
	}
}

func TestCache_queryMakesItsOwnEntry(t *testing.T) {
	t.Parallel()
	srv := fetchtest.NewServer(t, fetchtest.Options{})
	srv.Handle("/f.arff", "f")
	c := newClient(t, srv, fetch.Options{})
	plain, err := c.File(t.Context(), fetch.Request{URL: srv.URL + "/f.arff"}, nil)
	require.NoError(t, err)
	withQuery, err := c.File(t.Context(), fetch.Request{URL: srv.URL + "/f.arff?version=2&api_key=" + key}, nil)
	require.NoError(t, err)
	assert.NotEqual(t, plain, withQuery)
	assert.Equal(t, filepath.Dir(plain), filepath.Dir(withQuery))
	base := filepath.Base(withQuery)
	assert.True(t, strings.HasPrefix(base, "f@") && strings.HasSuffix(base, ".arff"), base)
	assert.Equal(t, 2, srv.Count("/f.arff"))
}

// TestCache_keptOrRefetched checks which answers are listings, refetched
// after ListingTTL, and which are kept for good.
func TestCache_keptOrRefetched(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		path    string // API path
		listing bool
	}{
		"data listing":        {"data/list/tag/study_14", true},
		"all datasets":        {"data/list", true},
		"evaluations":         {"evaluation/list/function/predictive_accuracy/task/59", true},
		"evaluation measures": {"evaluationmeasure/list", true},
		"run listing":         {"run/list/task/59", true},
		"setup listing":       {"setup/list/flow/5270", true},
		"task listing":        {"task/list/type/1", true},
		"flow listing":        {"flow/list", true},
		"study listing":       {"study/list", true},
		"dataset":             {"data/61", false},
		"features":            {"data/features/61", false},
		"task":                {"task/59", false},
		"run":                 {"run/539275", false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := fetchtest.NewServer(t, fetchtest.Options{})
			p := "/api/v1/xml/" + tc.path
			srv.Handle(p, "<first/>")
			clk := newClock()
			c := newClient(t, srv, fetch.Options{Now: clk.Now, ListingTTL: time.Hour})
			req := fetch.Request{Path: tc.path}
			_, err := fetchAnswer(t, c, req, nil)
			require.NoError(t, err)
			srv.Handle(p, "<second/>")

			clk.Advance(59 * time.Minute)
			a, err := fetchAnswer(t, c, req, nil)
			require.NoError(t, err)
			assert.Equal(t, "<first/>", string(a.Body), "within the TTL every answer is cached")

			clk.Advance(2 * time.Minute)
			a, err = fetchAnswer(t, c, req, nil)
			require.NoError(t, err)
			if tc.listing {
				assert.Equal(t, "<second/>", string(a.Body), "a listing past its TTL is asked again")
				assert.Equal(t, 2, srv.Count(p))
				assert.True(t, clk.Now().Equal(a.SavedAt), "saved at %v", a.SavedAt)
			} else {
				assert.Equal(t, "<first/>", string(a.Body), "a description is kept for good")
				assert.Equal(t, 1, srv.Count(p))
			}
			assert.False(t, a.Stale)
		})
	}
}

// TestCache_staleListing checks that a listing past its TTL is served,
// marked stale, when the server fails, but not over an OpenML answer.
func TestCache_staleListing(t *testing.T) {
	t.Parallel()
	srv := fetchtest.NewServer(t, fetchtest.Options{})
	const p = "/api/v1/xml/run/list/task/59"
	srv.Handle(p, "<runs/>")
	clk := newClock()
	c := newClient(t, srv, fetch.Options{Now: clk.Now, Retries: 1})
	req := fetch.Request{Path: "run/list/task/59"}
	_, err := fetchAnswer(t, c, req, nil)
	require.NoError(t, err)
	saved := clk.Now()
	clk.Advance(3 * time.Hour)

	srv.Fault(p, fetchtest.Fault{Status: 503})
	a, err := fetchAnswer(t, c, req, nil)
	require.NoError(t, err)
	assert.Equal(t, "<runs/>", string(a.Body))
	assert.True(t, a.Stale)
	assert.True(t, a.Cached)
	assert.True(t, saved.Equal(a.SavedAt), "saved at %v, not %v", a.SavedAt, saved)
	assert.Equal(t, 3, srv.Count(p), "the refresh was tried, with its retry")

	srv.Fault(p, fetchtest.Fault{OpenMLError: fetchtest.OpenMLError{Code: 512, Message: "There where no results"}})
	_, err = fetchAnswer(t, c, req, nil)
	var oe *fetch.OpenMLError
	require.ErrorAs(t, err, &oe, "the server's answer wins over a stale copy")
	assert.Equal(t, 512, oe.Code)
}

// TestCache_offline checks what a client serves once its server is gone.
func TestCache_offline(t *testing.T) {
	t.Parallel()
	srv := fetchtest.NewServer(t, fetchtest.Options{})
	srv.Handle("/api/v1/xml/data/61", "<d61/>")
	srv.Handle("/api/v1/xml/data/list/tag/x", "<listing/>")
	srv.Handle("/data/download/61/iris.arff", "@relation iris")
	clk := newClock()
	dir := t.TempDir()
	c := newClient(t, srv, fetch.Options{CacheDir: dir, Now: clk.Now, Retries: 1})
	fileURL := srv.URL + "/data/download/61/iris.arff"
	for _, req := range []fetch.Request{{Path: "data/61"}, {Path: "data/list/tag/x"}, {URL: fileURL, AsFile: true}} {
		_, err := fetchAnswer(t, c, req, nil)
		require.NoError(t, err)
	}
	srv.Close()
	clk.Advance(2 * time.Hour)

	a, err := fetchAnswer(t, c, fetch.Request{Path: "data/61"}, nil)
	require.NoError(t, err)
	assert.Equal(t, "<d61/>", string(a.Body))
	assert.True(t, a.Cached)

	p, err := c.File(t.Context(), fetch.Request{URL: fileURL}, nil)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(dir, hostDir(srv), "data", "download", "61", "iris.arff"), p)

	a, err = fetchAnswer(t, c, fetch.Request{Path: "data/list/tag/x"}, nil)
	require.NoError(t, err)
	assert.Equal(t, "<listing/>", string(a.Body))
	assert.True(t, a.Stale, "the listing is past its TTL but the best there is")

	cases := map[string]struct {
		req       fetch.Request
		wantPath  string // cache path, below dir
		wantTried string
	}{
		"api path": {
			req:       fetch.Request{Path: "data/62"},
			wantPath:  filepath.Join(dir, hostDir(srv), "api", "v1", "xml", "data", "62.xml"),
			wantTried: srv.APIBase() + "/data/62",
		},
		"file": {
			req:       fetch.Request{URL: srv.URL + "/data/download/62/x.arff", AsFile: true},
			wantPath:  filepath.Join(dir, hostDir(srv), "data", "download", "62", "x.arff"),
			wantTried: srv.URL + "/data/download/62/x.arff",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := fetchAnswer(t, c, tc.req, nil)
			var oe *fetch.OfflineError
			require.ErrorAs(t, err, &oe)
			assert.Equal(t, tc.wantPath, oe.CachePath)
			assert.Equal(t, 2, oe.Attempts)
			what := tc.req.Path + tc.req.URL
			assert.Contains(t, err.Error(), "offline: "+what+" is not in the cache ("+tc.wantPath+") and "+srv.Host()+" could not be reached: tried "+tc.wantTried+" 2 times, last: ")
			assert.NoFileExists(t, tc.wantPath)
		})
	}
}

// TestCache_cutBodyLeavesNothing checks that a download cut mid-stream
// leaves no entry that a later read could take for complete.
func TestCache_cutBodyLeavesNothing(t *testing.T) {
	t.Parallel()
	srv := fetchtest.NewServer(t, fetchtest.Options{})
	body := strings.Repeat("5.1,3.5,1.4,0.2,Iris-setosa\n", 4000)
	srv.Handle("/data/download/61/iris.arff", body)
	srv.Fault("/data/download/61/iris.arff", fetchtest.Fault{Truncate: 2})
	dir := t.TempDir()
	c := newClient(t, srv, fetch.Options{CacheDir: dir, Retries: 1})
	req := fetch.Request{URL: srv.URL + "/data/download/61/iris.arff", AsFile: true}

	_, err := fetchAnswer(t, c, req, nil)
	require.ErrorContains(t, err, "broke off after")
	assert.Empty(t, cacheEntries(t, dir), "no entry and no partial file may remain")

	a, err := fetchAnswer(t, c, req, nil)
	require.NoError(t, err)
	got, err := os.ReadFile(a.Path)
	require.NoError(t, err)
	assert.Equal(t, body, string(got))
	assert.Equal(t, 3, srv.Count("/data/download/61/iris.arff"))
}

// TestCache_leftoverPartials checks that a partial download left by a
// killed process is never read and is cleaned up, while one that may
// still be written is left alone.
func TestCache_leftoverPartials(t *testing.T) {
	t.Parallel()
	srv := fetchtest.NewServer(t, fetchtest.Options{})
	srv.Handle("/api/v1/xml/data/61", "<from_the_server/>")
	dir := t.TempDir()
	c := newClient(t, srv, fetch.Options{CacheDir: dir})
	folder := filepath.Join(dir, hostDir(srv), "api", "v1", "xml", "data")
	require.NoError(t, os.MkdirAll(folder, 0o755))
	old := filepath.Join(folder, ".partial-1234")
	live := filepath.Join(folder, ".partial-5678")
	for _, p := range []string{old, live} {
		require.NoError(t, os.WriteFile(p, []byte("from a killed download"), 0o644))
	}
	long := time.Now().Add(-2 * time.Hour)
	require.NoError(t, os.Chtimes(old, long, long))

	a, err := fetchAnswer(t, c, fetch.Request{Path: "data/61"}, nil)
	require.NoError(t, err)
	assert.Equal(t, "<from_the_server/>", string(a.Body))
	assert.Equal(t, 1, srv.Count("/api/v1/xml/data/61"))
	assert.NoFileExists(t, old)
	assert.FileExists(t, live)
}

func TestCache_checksum(t *testing.T) {
	t.Parallel()
	const body = "@relation iris\n"
	cases := map[string]struct {
		opts       fetch.Options
		md5        string
		damage     bool // damage the cached copy after a first good fetch
		wantErr    string
		wantCount  int
		unverified bool // the answer says it was not checked
	}{
		"match":                      {md5: md5Hex(body), wantCount: 1},
		"upper-case match":           {md5: strings.ToUpper(md5Hex(body)), wantCount: 1},
		"mismatch, downloaded twice": {md5: md5Hex("other"), wantErr: "checksum mismatch: expected md5 " + md5Hex("other") + ", the download has " + md5Hex(body), wantCount: 2},
		"mismatch without cache":     {opts: fetch.Options{NoCache: true}, md5: md5Hex("other"), wantErr: "checksum mismatch", wantCount: 2},
		"NotApplicable is none":      {md5: "NotApplicable", wantCount: 1, unverified: true},
		"not an md5 is none":         {md5: "abc", wantCount: 1, unverified: true},
		"none without cache":         {opts: fetch.Options{NoCache: true}, md5: "NotApplicable", wantCount: 1, unverified: true},
		"no md5":                     {wantCount: 1, unverified: true},
		"match without cache":        {opts: fetch.Options{NoCache: true}, md5: md5Hex(body), wantCount: 1},
		"damaged cached copy":        {md5: md5Hex(body), damage: true, wantCount: 2},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := fetchtest.NewServer(t, fetchtest.Options{})
			srv.Handle("/data/download/61/iris.arff", body)
			c := newClient(t, srv, tc.opts)
			req := fetch.Request{URL: srv.URL + "/data/download/61/iris.arff", MD5: tc.md5}
			if tc.damage {
				a, err := fetchAnswer(t, c, req, nil)
				require.NoError(t, err)
				require.NoError(t, os.Chmod(a.Path, 0o644))
				require.NoError(t, os.WriteFile(a.Path, []byte("@relation damaged\n"), 0o644))
			}
			a, err := fetchAnswer(t, c, req, nil)
			assert.Equal(t, tc.wantCount, srv.Count("/data/download/61/iris.arff"))
			if tc.wantErr != "" {
				require.ErrorContains(t, err, tc.wantErr)
				if c.CacheDir() != "" {
					assert.Empty(t, cacheEntries(t, c.CacheDir()), "a mismatched download is deleted")
				}
				return
			}
			require.NoError(t, err)
			assert.Equal(t, body, string(a.Body))
			assert.Equal(t, !tc.unverified, a.Verified)
			if a.Path != "" {
				got, err := os.ReadFile(a.Path)
				require.NoError(t, err)
				assert.Equal(t, body, string(got))
			}
			if c.CacheDir() != "" {
				again, err := fetchAnswer(t, c, req, nil)
				require.NoError(t, err)
				assert.True(t, again.Cached)
				assert.Equal(t, !tc.unverified, again.Verified, "a cached copy says it too")
			}
		})
	}
}

func TestCache_openMLErrorNotCached(t *testing.T) {
	t.Parallel()
	srv := fetchtest.NewServer(t, fetchtest.Options{})
	srv.Fault("/api/v1/xml/data/99999999", fetchtest.Fault{OpenMLError: fetchtest.UnknownDataset})
	dir := t.TempDir()
	c := newClient(t, srv, fetch.Options{CacheDir: dir})
	for range 2 {
		_, err := fetchAnswer(t, c, fetch.Request{Path: "data/99999999"}, nil)
		var oe *fetch.OpenMLError
		require.ErrorAs(t, err, &oe)
		assert.Equal(t, 111, oe.Code)
	}
	assert.Equal(t, 2, srv.Count("/api/v1/xml/data/99999999"), "an error answer is asked again, not cached")
	assert.Empty(t, cacheEntries(t, dir))
}

// TestCache_identicalRequestsShareOneDownload holds the server until ten
// callers have asked for the same file.
func TestCache_identicalRequestsShareOneDownload(t *testing.T) {
	t.Parallel()
	srv := fetchtest.NewServer(t, fetchtest.Options{})
	const p = "/data/download/61/iris.arff"
	srv.Handle(p, "@relation iris\n")
	gate := make(chan struct{})
	srv.Fault(p, fetchtest.Fault{Gate: gate})
	c := newClient(t, srv, fetch.Options{})
	const callers = 10
	var joined atomic.Int32
	fetch.SetFlightHook(c, func() {
		if joined.Add(1) == callers {
			close(gate)
		}
	})

	paths := make([]string, callers)
	errs := make([]error, callers)
	var wg sync.WaitGroup
	for i := range callers {
		wg.Go(func() {
			paths[i], errs[i] = c.File(t.Context(), fetch.Request{URL: srv.URL + p}, nil)
		})
	}
	wg.Wait()
	for i := range callers {
		require.NoError(t, errs[i])
		assert.Equal(t, paths[0], paths[i])
	}
	assert.Equal(t, 1, srv.Count(p))
}

// TestCache_oneCallerGivingUpLeavesTheOthers checks that a shared download
// goes on for the callers still waiting when another one cancels.
func TestCache_oneCallerGivingUpLeavesTheOthers(t *testing.T) {
	t.Parallel()
	srv := fetchtest.NewServer(t, fetchtest.Options{})
	const p = "/api/v1/xml/data/61"
	srv.Handle(p, "<d61/>")
	gate := make(chan struct{})
	srv.Fault(p, fetchtest.Fault{Gate: gate})
	c := newClient(t, srv, fetch.Options{})
	both := make(chan struct{})
	var joined atomic.Int32
	fetch.SetFlightHook(c, func() {
		if joined.Add(1) == 2 {
			close(both)
		}
	})
	ctx, cancel := context.WithCancel(t.Context())
	quitter := make(chan error, 1)
	go func() {
		_, err := c.Get(ctx, fetch.Request{Path: "data/61"}, nil)
		quitter <- err
	}()
	stayer := make(chan error, 1)
	var body []byte
	go func() {
		var err error
		body, err = c.Get(t.Context(), fetch.Request{Path: "data/61"}, nil)
		stayer <- err
	}()
	<-both
	cancel()
	require.ErrorIs(t, <-quitter, context.Canceled)
	close(gate)
	require.NoError(t, <-stayer)
	assert.Equal(t, "<d61/>", string(body))
	assert.Equal(t, 1, srv.Count(p))
}

func TestCacheUsageAndClear(t *testing.T) {
	t.Parallel()
	srv := fetchtest.NewServer(t, fetchtest.Options{})
	srv.Handle("/api/v1/xml/data/61", "<d61/>")
	srv.Handle("/data/download/61/iris.arff", "@relation iris\n")
	dir := t.TempDir()
	c := newClient(t, srv, fetch.Options{CacheDir: dir})
	assert.Equal(t, dir, c.CacheDir())
	files, bytes, err := fetch.CacheUsage(dir)
	require.NoError(t, err)
	assert.Equal(t, 0, files, "a new cache is empty")
	assert.Zero(t, bytes)

	for _, req := range []fetch.Request{{Path: "data/61"}, {URL: srv.URL + "/data/download/61/iris.arff"}} {
		_, err := fetchAnswer(t, c, req, nil)
		require.NoError(t, err)
	}
	// What another tool keeps beside the cache, as openml-python may.
	foreign := filepath.Join(dir, "org", "openml", "www", "datasets", "61", "dataset.arff")
	require.NoError(t, os.MkdirAll(filepath.Dir(foreign), 0o755))
	require.NoError(t, os.WriteFile(foreign, []byte("not ours"), 0o644))

	files, bytes, err = fetch.CacheUsage(dir)
	require.NoError(t, err)
	assert.Equal(t, 2, files)
	assert.Equal(t, int64(len("<d61/>")+len("@relation iris\n")), bytes)

	require.NoError(t, fetch.ClearCache(dir))
	files, bytes, err = fetch.CacheUsage(dir)
	require.NoError(t, err)
	assert.Equal(t, 0, files)
	assert.Zero(t, bytes)
	assert.NoDirExists(t, filepath.Join(dir, hostDir(srv)))
	assert.FileExists(t, foreign, "ClearCache removes only what the cache wrote")

	_, err = fetchAnswer(t, c, fetch.Request{Path: "data/61"}, nil)
	require.NoError(t, err)
	assert.Equal(t, 2, srv.Count("/api/v1/xml/data/61"), "a cleared answer is fetched again")
}

func TestCacheUsageAndClear_refuse(t *testing.T) {
	t.Parallel()
	notCache := t.TempDir()
	precious := filepath.Join(notCache, "www.openml.org", "thesis.tex")
	require.NoError(t, os.MkdirAll(filepath.Dir(precious), 0o755))
	require.NoError(t, os.WriteFile(precious, []byte("years of work"), 0o644))
	// The command keeps its logs in the default cache folder, marked first.
	withLogs := t.TempDir()
	log := filepath.Join(withLogs, "logs", "openml-dash.log")
	require.NoError(t, os.MkdirAll(filepath.Dir(log), 0o755))
	require.NoError(t, os.WriteFile(log, []byte("a line\n"), 0o600))
	require.NoError(t, fetch.MarkCacheRoot(withLogs))
	cases := map[string]struct {
		dir     string
		wantErr string // "" for an empty cache
	}{
		"not a cache": {dir: notCache, wantErr: "does not look like an openml-dash cache (it has no .openml-dash-cache file)"},
		"only logs":   {dir: withLogs},
		"no folder":   {dir: "", wantErr: "no cache folder given"},
		"missing":     {dir: filepath.Join(notCache, "nothing-here")},
		"empty":       {dir: t.TempDir()},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			files, bytes, err := fetch.CacheUsage(tc.dir)
			clearErr := fetch.ClearCache(tc.dir)
			if tc.wantErr == "" {
				assert.NoError(t, err)
				assert.NoError(t, clearErr)
				assert.Zero(t, files)
				assert.Zero(t, bytes)
				return
			}
			assert.ErrorContains(t, err, tc.wantErr)
			assert.ErrorContains(t, clearErr, tc.wantErr)
		})
	}
	t.Cleanup(func() {
		assert.FileExists(t, precious)
		assert.FileExists(t, log, "the logs are not the cache's to clear")
	})
}

func TestCacheDir_off(t *testing.T) {
	t.Parallel()
	assert.Empty(t, fetch.New(fetch.Options{NoCache: true}).CacheDir())
	assert.Empty(t, fetch.New(fetch.Options{Mirror: t.TempDir()}).CacheDir())
	assert.Contains(t, fetch.New(fetch.Options{}).CacheDir(), "openml-dash", "default: the user's cache folder")
}

// TestCache_recordings serves the recorded answers of www.openml.org
// through the test server and the cache.
func TestCache_recordings(t *testing.T) {
	t.Parallel()
	www := recordings.Require(t, "www")
	srv := fetchtest.NewServer(t, fetchtest.Options{Root: www})
	c := newClient(t, srv, fetch.Options{})

	want, err := os.ReadFile(filepath.Join(www, "api", "v1", "xml", "data", "61"))
	require.NoError(t, err)
	for range 2 {
		body, err := c.Get(t.Context(), fetch.Request{Path: "data/61"}, nil)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(body))
	}
	assert.Equal(t, 1, srv.Count("/api/v1/xml/data/61"))

	arff, err := os.ReadFile(filepath.Join(www, "data", "download", "61", "dataset_61_iris.arff"))
	require.NoError(t, err)
	const p = "/data/download/61/dataset_61_iris.arff"
	req := fetch.Request{URL: srv.URL + p, MD5: md5Hex(string(arff))}
	var progress progressLog
	path, err := c.File(t.Context(), req, progress.record)
	require.NoError(t, err)
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, arff, got)
	assert.Equal(t, [2]int64{int64(len(arff)), int64(len(arff))}, progress.last(t))
	assert.Equal(t, filepath.Join(c.CacheDir(), hostDir(srv), "data", "download", "61", "dataset_61_iris.arff"), path)
	again, err := c.File(t.Context(), req, nil)
	require.NoError(t, err)
	assert.Equal(t, path, again)
	assert.Equal(t, []fetchtest.Request{{Path: p, HasKey: true, APIKey: key}}, srv.Requests(p),
		"one request, with the key, as the file is on the API server's origin")

	_, err = c.Get(t.Context(), fetch.Request{Path: "data/99999999"}, nil)
	var he *fetch.HTTPError
	require.True(t, errors.As(err, &he), "an unrecorded path: %v", err)
	assert.Equal(t, 404, he.StatusCode)
}
