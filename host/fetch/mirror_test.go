package fetch_test

import (
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/fetch"
	"github.com/openml-dash/openml-dash/internal/recordings"
)

// noNetwork fails any request: mirror mode must not use the network.
type noNetwork struct{ t *testing.T }

func (n noNetwork) RoundTrip(r *http.Request) (*http.Response, error) {
	n.t.Errorf("mirror mode sent a request to %s", r.URL)
	return nil, errors.New("no network in mirror mode")
}

func mirrorClient(t *testing.T, dir, server string) *fetch.Client {
	return fetch.New(fetch.Options{Server: server, Mirror: dir, APIKey: key, HTTP: &http.Client{Transport: noNetwork{t}}})
}

// TestMirror_recordings reads the real recorded answers of www.openml.org.
func TestMirror_recordings(t *testing.T) {
	t.Parallel()
	dir := recordings.Require(t, "www")
	c := mirrorClient(t, dir, "")

	body, err := c.Get(t.Context(), fetch.Request{Path: "data/features/61"}, nil)
	require.NoError(t, err)
	assert.Contains(t, string(body), "sepallength")

	var progress progressLog
	p, err := c.File(t.Context(), fetch.Request{URL: "https://www.openml.org/data/download/61/dataset_61_iris.arff"}, progress.record)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(dir, "data", "download", "61", "dataset_61_iris.arff"), p)
	st, err := os.Stat(p)
	require.NoError(t, err)
	assert.Equal(t, [2]int64{st.Size(), st.Size()}, progress.last(t))

	_, err = c.Get(t.Context(), fetch.Request{Path: "data/features/99999999"}, nil)
	var nf *fetch.NotFoundError
	require.ErrorAs(t, err, &nf)
	want := filepath.Join(dir, "api", "v1", "xml", "data", "features", "99999999")
	assert.Equal(t, want, nf.Path)
	assert.Equal(t, "data/features/99999999", nf.Request)
	assert.Contains(t, err.Error(), want)
	assert.ErrorIs(t, err, fs.ErrNotExist)
}

// TestMirror runs on a mirror the test builds, so that a clone without the
// recordings still tests mirror mode.
func TestMirror(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files := map[string]string{
		"api/v1/xml/data/features/61":             "<oml:feature><oml:name>sepallength</oml:name></oml:feature>",
		"api/v1/xml/data/61":                      "<oml:data_set_description/>",
		"data/download/61/dataset_61_iris.arff":   "@relation iris\n",
		"api_splits/get/59/Task_59_splits.arff":   "@relation splits\n",
		"openml/api/v1/xml/data/2":                "<oml:data_set_description>private</oml:data_set_description>",
		"api/v1/xml/task/19":                      "test-server task 19",
		"api/v1/xml/data/list/data_name/iris/x_y": "listing",
	}
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	cases := map[string]struct {
		server   string // Options.Server
		req      fetch.Request
		wantFile string // relative to dir; "" when an error is expected
		wantErr  string
	}{
		"api path":       {req: fetch.Request{Path: "data/features/61"}, wantFile: "api/v1/xml/data/features/61"},
		"api path slash": {req: fetch.Request{Path: "/data/61/"}, wantFile: "api/v1/xml/data/61"},
		"long api path":  {req: fetch.Request{Path: "data/list/data_name/iris/x_y"}, wantFile: "api/v1/xml/data/list/data_name/iris/x_y"},
		"file URL":       {req: fetch.Request{URL: "https://www.openml.org/data/download/61/dataset_61_iris.arff"}, wantFile: "data/download/61/dataset_61_iris.arff"},
		"file URL of another host": {
			req:      fetch.Request{URL: "http://capa.win.tue.nl/data/download/61/dataset_61_iris.arff?x=1"},
			wantFile: "data/download/61/dataset_61_iris.arff",
		},
		"repeated slashes": {req: fetch.Request{URL: "https://www.openml.org/api_splits//get/59//Task_59_splits.arff"}, wantFile: "api_splits/get/59/Task_59_splits.arff"},
		"custom API base": {
			server:   "http://localhost:8080/openml/api/v1/xml",
			req:      fetch.Request{Path: "data/2"},
			wantFile: "openml/api/v1/xml/data/2",
		},
		"test server mirror": {
			server:   "https://test.openml.org/api/v1/xml",
			req:      fetch.Request{Server: "https://test.openml.org", Path: "task/19"},
			wantFile: "api/v1/xml/task/19",
		},
		"miss": {
			req:     fetch.Request{Path: "data/99999999"},
			wantErr: filepath.Join(dir, "api", "v1", "xml", "data", "99999999"),
		},
		"directory": {
			req:     fetch.Request{URL: "https://www.openml.org/data/download/61"},
			wantErr: "not in the mirror: no file " + filepath.Join(dir, "data", "download", "61"),
		},
		"escape attempt stays inside": {
			req:     fetch.Request{Path: "../../../../etc/passwd"},
			wantErr: filepath.Join(dir, "api", "v1", "xml", "etc", "passwd"),
		},
		"another server than the mirror's": {
			req:     fetch.Request{Server: "https://test.openml.org", Path: "task/19"},
			wantErr: "holds answers from https://www.openml.org/api/v1/xml only, not from https://test.openml.org",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c := mirrorClient(t, dir, tc.server)
			body, getErr := c.Get(t.Context(), tc.req, nil)
			p, fileErr := c.File(t.Context(), tc.req, nil)
			if tc.wantErr != "" {
				for _, err := range []error{getErr, fileErr} {
					require.Error(t, err)
					assert.Contains(t, err.Error(), tc.wantErr)
				}
				return
			}
			require.NoError(t, getErr)
			require.NoError(t, fileErr)
			want := filepath.Join(dir, filepath.FromSlash(tc.wantFile))
			assert.Equal(t, want, p, "File returns the mirror's own file")
			assert.Equal(t, files[tc.wantFile], string(body))
		})
	}
}

func TestMirror_missIsNotFoundError(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	c := mirrorClient(t, dir, "")
	url := "https://www.openml.org/data/download/1/dataset_1_anneal.arff"
	_, err := c.File(t.Context(), fetch.Request{URL: url}, nil)
	var nf *fetch.NotFoundError
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, filepath.Join(dir, "data", "download", "1", "dataset_1_anneal.arff"), nf.Path)
	assert.Equal(t, url, nf.Request)
	assert.ErrorIs(t, err, fs.ErrNotExist)
}

// TestNotFoundError_namesTheRequestOnce: the file's path ends in the
// request, so the message names the file alone.
func TestNotFoundError_namesTheRequestOnce(t *testing.T) {
	t.Parallel()
	err := &fetch.NotFoundError{Path: "/m/api/v1/xml/evaluation/list/flow/5270", Request: "evaluation/list/flow/5270"}
	assert.Equal(t, "not in the mirror: no file /m/api/v1/xml/evaluation/list/flow/5270", err.Error())
}
