package dashboard

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/demo"
	"github.com/openml-dash/openml-dash/host/fetch/fetchtest"
	"github.com/openml-dash/openml-dash/sdk"
)

// startHost starts an app with no plugins and returns the Host it would
// serve them, and its log.
func startHost(t *testing.T, cfg Config) (*host, *bytes.Buffer) {
	t.Helper()
	var log bytes.Buffer
	cfg.PluginDirs, cfg.Log = []string{t.TempDir()}, &log
	app, err := Start(t.Context(), cfg)
	require.NoError(t, err)
	t.Cleanup(app.Close)
	return app.host, &log
}

// TestHost_damagedCacheWarns: a damaged cached answer is fetched again,
// and the user told in one warning line; a plugin's Refresh reaches the
// cache.
func TestHost_damagedCacheWarns(t *testing.T) {
	t.Parallel()
	srv := fetchtest.NewServer(t, fetchtest.Options{})
	const p = "/api/v1/xml/data/61"
	srv.Handle(p, `<oml:data_set_description xmlns:oml="http://openml.org/openml"><oml:id>61</oml:id></oml:data_set_description>`)
	cache := t.TempDir()
	h, log := startHost(t, Config{Server: srv.APIBase(), CacheDir: cache})
	var shown []string // what the window's status line is told
	h.setWarning(func(msg string) { shown = append(shown, msg) })
	req := sdk.FetchRequest{Server: sdk.DefaultServer, Path: "data/61"}
	_, err := h.Fetch(t.Context(), req)
	require.NoError(t, err)
	entry := filepath.Join(cache, strings.ReplaceAll(srv.Host(), ":", "%3A"), "api", "v1", "xml", "data", "61.xml")
	require.NoError(t, os.Chmod(entry, 0o644))
	require.NoError(t, os.WriteFile(entry, []byte(`<oml:data_set_description xmlns:oml="http://openml.org/openml"><oml:id>6`), 0o644))

	resp, err := h.Fetch(t.Context(), req)
	require.NoError(t, err)
	assert.Contains(t, string(resp.Body), "<oml:id>61</oml:id>")
	assert.Equal(t, 2, srv.Count(p))
	assert.Equal(t, 1, strings.Count(log.String(), "[WARN]"), log.String())
	assert.Contains(t, log.String(), "data/61: the cached copy "+entry+" was damaged (the answer ends in the middle of its XML); fetching it again")
	require.Len(t, shown, 1, "the window hears of it too")
	assert.Contains(t, shown[0], "was damaged")

	req.Refresh = true
	_, err = h.Fetch(t.Context(), req)
	require.NoError(t, err)
	assert.Equal(t, 3, srv.Count(p), "Refresh asks the server again")
}

// TestHost_unwritableCacheWarnsOnce: with a cache folder that cannot be
// written, pages still open, and the user is told once.
func TestHost_unwritableCacheWarnsOnce(t *testing.T) {
	t.Parallel()
	srv := fetchtest.NewServer(t, fetchtest.Options{})
	srv.Handle("/api/v1/xml/data/61", "<d61/>")
	srv.Handle("/api/v1/xml/data/62", "<d62/>")
	notAFolder := filepath.Join(t.TempDir(), "cache")
	require.NoError(t, os.WriteFile(notAFolder, nil, 0o644))
	h, log := startHost(t, Config{Server: srv.APIBase(), CacheDir: notAFolder})
	for _, p := range []string{"data/61", "data/62", "data/61"} {
		_, err := h.Fetch(t.Context(), sdk.FetchRequest{Path: p})
		require.NoError(t, err)
	}
	assert.Equal(t, 1, strings.Count(log.String(), "[WARN]"), log.String())
	assert.Contains(t, log.String(), "the cache folder "+notAFolder+" cannot be written")
}

// TestHost_verified: the answer says whether the file was checked against
// its md5; OpenML's "NotApplicable" is no checksum, not an error.
func TestHost_verified(t *testing.T) {
	t.Parallel()
	const arff = "@relation balance-scale\n"
	sum := md5.Sum([]byte(arff))
	srv := fetchtest.NewServer(t, fetchtest.Options{})
	srv.Handle("/data/download/11/balance.arff", arff)
	h, _ := startHost(t, Config{Server: srv.APIBase(), CacheDir: t.TempDir()})
	for md5sum, want := range map[string]bool{hex.EncodeToString(sum[:]): true, "NotApplicable": false, "": false} {
		resp, err := h.Fetch(t.Context(), sdk.FetchRequest{URL: srv.URL + "/data/download/11/balance.arff", MD5: md5sum, AsFile: true})
		require.NoError(t, err, md5sum)
		assert.Equal(t, want, resp.Verified, md5sum)
		assert.NotEmpty(t, resp.FilePath)
	}
}

// TestHost_mirrorOfTheTestServer opens a test-server page from a folder
// that names the test server, and from one that names none, with no
// --server given; --server www refuses the unnamed folder's test pages.
func TestHost_mirrorOfTheTestServer(t *testing.T) {
	t.Parallel()
	const test = "https://test.openml.org"
	named := fetchtest.Folder(t, map[string]string{".openml-dash-mirror": "server=" + test + "/api/v1/xml\n", "api/v1/xml/data/1": "<test1/>"})
	unnamed := fetchtest.Folder(t, map[string]string{"api/v1/xml/data/1": "<test1/>"})
	req := sdk.FetchRequest{Server: test, Path: "data/1"}
	for _, dir := range []string{named, unnamed} {
		h, _ := startHost(t, Config{Server: "https://www.openml.org/api/v1/xml", Mirror: dir})
		resp, err := h.Fetch(t.Context(), req)
		require.NoError(t, err)
		assert.Equal(t, "<test1/>", string(resp.Body))
		_, err = h.Fetch(t.Context(), sdk.FetchRequest{Server: sdk.DefaultServer, Path: "data/1"})
		require.ErrorContains(t, err, "holds answers from "+test+"/api/v1/xml only")
	}
	h, _ := startHost(t, Config{Server: "https://www.openml.org/api/v1/xml", MirrorServer: "https://www.openml.org/api/v1/xml", Mirror: unnamed})
	_, err := h.Fetch(t.Context(), req)
	require.ErrorContains(t, err, "holds answers from https://www.openml.org/api/v1/xml only, not from "+test+"/api/v1/xml")
}

// The demo's data file is checked against the description's md5, as a
// download is, so the demo page does not warn of an unverified file.
func TestFetchDemo_checksFile(t *testing.T) {
	t.Parallel()
	const url = "https://demo.invalid/data/download/1/demo.arff"
	resp, err := fetchDemo(sdk.FetchRequest{Server: demo.Server, URL: url, AsFile: true, MD5: "54a9cfb2d08bfda615df223c93083d7a"})
	require.NoError(t, err)
	assert.True(t, resp.Verified)
	assert.FileExists(t, resp.FilePath)

	_, err = fetchDemo(sdk.FetchRequest{Server: demo.Server, URL: url, AsFile: true, MD5: "00000000000000000000000000000000"})
	assert.ErrorContains(t, err, "has md5 54a9cfb2d08bfda615df223c93083d7a, not 00000000000000000000000000000000")

	resp, err = fetchDemo(sdk.FetchRequest{Server: demo.Server, URL: url, AsFile: true, MD5: "NotApplicable"})
	require.NoError(t, err)
	assert.False(t, resp.Verified, "no checksum, nothing verified")
}
