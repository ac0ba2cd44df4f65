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

// TestRecord_namesItsServer records the pages of a server other than the
// configured one (the test server, while www is the default): the folder
// names that server, refuses answers of another, and opens as a mirror of
// it with no server given, as `openml-dash --mirror DIR URL` does.
func TestRecord_namesItsServer(t *testing.T) {
	t.Parallel()
	www := fetchtest.NewServer(t, fetchtest.Options{})
	test := fetchtest.NewServer(t, fetchtest.Options{})
	test.Handle("/api/v1/xml/data/1", "<oml:data_set_description>test 1</oml:data_set_description>")
	test.Handle("/data/v1/download/1/anneal.arff", "@relation anneal\n")
	www.Handle("/api/v1/xml/data/1", "<oml:data_set_description>www 1</oml:data_set_description>")
	dir := t.TempDir()
	c := newClient(t, www, fetch.Options{Record: dir})

	_, err := c.Get(t.Context(), fetch.Request{Server: test.URL, Path: "data/1"}, nil)
	require.NoError(t, err)
	_, err = c.File(t.Context(), fetch.Request{Server: test.URL, URL: test.URL + "/data/v1/download/1/anneal.arff"}, nil)
	require.NoError(t, err)
	named, err := os.ReadFile(filepath.Join(dir, ".openml-dash-mirror"))
	require.NoError(t, err)
	assert.Contains(t, string(named), "\nserver="+test.APIBase()+"\n")

	_, err = c.Get(t.Context(), fetch.Request{Path: "data/1"}, nil)
	require.ErrorContains(t, err, "data/1: recording into "+dir+": the folder holds answers from "+test.APIBase()+
		" (see its .openml-dash-mirror), and this one is from "+www.APIBase()+": save each server's pages into a folder of their own")
	got, err := os.ReadFile(filepath.Join(dir, "api", "v1", "xml", "data", "1"))
	require.NoError(t, err)
	assert.Contains(t, string(got), "test 1", "www's data/1 must not replace the test server's")

	// A later recording into the same folder, by another process.
	_, err = newClient(t, www, fetch.Options{Record: dir}).Get(t.Context(), fetch.Request{Path: "data/1"}, nil)
	require.ErrorContains(t, err, "the folder holds answers from "+test.APIBase())

	www.Close()
	test.Close()
	m := fetch.New(fetch.Options{Mirror: dir})
	body, err := m.Get(t.Context(), fetch.Request{Server: test.URL, Path: "data/1"}, nil)
	require.NoError(t, err)
	assert.Contains(t, string(body), "test 1")
	_, err = m.File(t.Context(), fetch.Request{Server: test.URL, URL: test.URL + "/data/v1/download/1/anneal.arff"}, nil)
	require.NoError(t, err)
	_, err = m.Get(t.Context(), fetch.Request{Path: "data/1"}, nil)
	require.ErrorContains(t, err, "holds answers from "+test.APIBase()+" only, not from https://www.openml.org/api/v1/xml")
}
