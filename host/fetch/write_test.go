package fetch_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/fetch"
	"github.com/openml-dash/openml-dash/host/fetch/fetchtest"
)

// TestWrite_replacesReadOnlyAsOnWindows: cached and recorded files are
// read-only, and Windows refuses to rename over a read-only file; a
// refresh must still replace them. Not parallel: it changes how the
// package renames.
func TestWrite_replacesReadOnlyAsOnWindows(t *testing.T) {
	defer fetch.RenameAsWindows()()
	srv := fetchtest.NewServer(t, fetchtest.Options{})
	const listing = "/api/v1/xml/run/list/task/59"
	srv.Handle(listing, "<runs>1</runs>")
	srv.Handle("/api/v1/xml/data/61", "<d61>1</d61>")
	clk := newClock()
	rec := t.TempDir()
	c := newClient(t, srv, fetch.Options{Now: clk.Now, Record: rec})
	for _, p := range []string{"run/list/task/59", "data/61"} {
		a, err := fetchAnswer(t, c, fetch.Request{Path: p}, nil)
		require.NoError(t, err)
		st, err := os.Stat(a.Path)
		require.NoError(t, err)
		require.Zero(t, st.Mode().Perm()&0o222, "the cached copy is read-only")
	}
	srv.Handle(listing, "<runs>2</runs>")
	srv.Handle("/api/v1/xml/data/61", "<d61>2</d61>")
	clk.Advance(2 * time.Hour)

	cases := map[string]fetch.Request{
		"a listing past its time-to-live": {Path: "run/list/task/59"},
		"a refreshed answer":              {Path: "data/61", Refresh: true},
	}
	for name, req := range cases {
		a, err := fetchAnswer(t, c, req, nil)
		require.NoError(t, err, name)
		assert.False(t, a.Cached, name)
		assert.Contains(t, string(a.Body), "2<", name)
		got, err := os.ReadFile(a.Path)
		require.NoError(t, err, name)
		assert.Equal(t, string(a.Body), string(got), name)
		st, err := os.Stat(a.Path)
		require.NoError(t, err, name)
		assert.Zero(t, st.Mode().Perm()&0o222, "%s: the new copy is read-only too", name)
	}
	// The recording was replaced as well.
	got, err := os.ReadFile(filepath.Join(rec, "api", "v1", "xml", "data", "61"))
	require.NoError(t, err)
	assert.Equal(t, "<d61>2</d61>", string(got))
}
