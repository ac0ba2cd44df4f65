package fetch_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/fetch"
	"github.com/openml-dash/openml-dash/host/fetch/fetchtest"
)

// TestRecord_makesAMirror records answers and files, then opens the
// recording as a mirror with the server gone: it answers the same.
func TestRecord_makesAMirror(t *testing.T) {
	t.Parallel()
	srv := fetchtest.NewServer(t, fetchtest.Options{})
	srv.Handle("/api/v1/xml/data/7", "<oml:data_set_description/>")
	srv.Handle("/files/iris.arff", "@relation iris\n@data\n")
	dir := t.TempDir()
	c := newClient(t, srv, fetch.Options{Record: dir})

	body, err := c.Get(t.Context(), fetch.Request{Path: "data/7"}, nil)
	require.NoError(t, err)
	_, err = c.File(t.Context(), fetch.Request{URL: srv.URL + "/files/iris.arff"}, nil)
	require.NoError(t, err)
	_, err = c.Get(t.Context(), fetch.Request{Path: "data/8"}, nil)
	require.Error(t, err, "a failed answer is not recorded")
	assertKeyNotIn(t, dir)

	got, err := os.ReadFile(filepath.Join(dir, "api", "v1", "xml", "data", "7"))
	require.NoError(t, err)
	assert.Equal(t, body, got)
	assert.NoFileExists(t, filepath.Join(dir, "api", "v1", "xml", "data", "8"))
	srv.Close()

	m := fetch.New(fetch.Options{Server: srv.APIBase(), Mirror: dir})
	again, err := m.Get(t.Context(), fetch.Request{Path: "data/7"}, nil)
	require.NoError(t, err)
	assert.Equal(t, body, again)
	p, err := m.File(t.Context(), fetch.Request{URL: srv.URL + "/files/iris.arff"}, nil)
	require.NoError(t, err)
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	assert.Equal(t, "@relation iris\n@data\n", string(b))
}
