package fetch_test

import (
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/fetch"
	"github.com/openml-dash/openml-dash/host/fetch/fetchtest"
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
	files := map[string]string{
		"api/v1/xml/data/features/61":             "<oml:feature><oml:name>sepallength</oml:name></oml:feature>",
		"api/v1/xml/data/61":                      "<oml:data_set_description/>",
		"data/download/61/dataset_61_iris.arff":   "@relation iris\n",
		"api_splits/get/59/Task_59_splits.arff":   "@relation splits\n",
		"openml/api/v1/xml/data/2":                "<oml:data_set_description>private</oml:data_set_description>",
		"api/v1/xml/task/19":                      "test-server task 19",
		"api/v1/xml/data/list/data_name/iris/x_y": "listing",
	}
	dir := fetchtest.Folder(t, files)
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

// TestMirror_server: a mirror answers the requests of one server only,
// the one its server file names; a folder without one (recordings made by
// hand, or before mirrors named their server) holds --server's answers
// when it is given, else those of the server first asked.
func TestMirror_server(t *testing.T) {
	t.Parallel()
	const (
		www  = "https://www.openml.org/api/v1/xml"
		test = "https://test.openml.org/api/v1/xml"
	)
	testFile := ".openml-dash-mirror"
	wwwReq := fetch.Request{Path: "data/1"}
	testReq := fetch.Request{Server: "https://test.openml.org", Path: "data/1"}
	refused := func(from, not string) string {
		return "the mirror DIR holds answers from " + from + " only, not from " + not
	}
	cases := map[string]struct {
		serverFile   string // "" for none
		server       string // Options.Server, "" for the default
		mirrorServer string // Options.MirrorServer
		reqs         []fetch.Request
		wantErrs     []string // per request, "" for an answer
	}{
		"test server's folder, no --server": {
			serverFile: "server=" + test + "\n",
			reqs:       []fetch.Request{testReq, wwwReq},
			wantErrs:   []string{"", refused(test, www)},
		},
		"test server's folder, --server www": {
			serverFile: "server=" + test + "/\n", server: www, mirrorServer: www,
			reqs:     []fetch.Request{wwwReq, testReq},
			wantErrs: []string{refused(test, www), ""},
		},
		"no server file, no --server: the first asked": {
			reqs:     []fetch.Request{testReq, wwwReq, testReq},
			wantErrs: []string{"", refused(test, www), ""},
		},
		"no server file, www first": {
			reqs:     []fetch.Request{wwwReq, testReq},
			wantErrs: []string{"", refused(www, test)},
		},
		"no server file, --server www": {
			server: www, mirrorServer: www,
			reqs:     []fetch.Request{testReq, wwwReq},
			wantErrs: []string{refused(www, test), ""},
		},
		"a server file that names none": {
			serverFile: "# nothing\n",
			reqs:       []fetch.Request{wwwReq},
			wantErrs:   []string{"data/1: the mirror DIR: DIR/" + testFile + " names no server: want a line server=<API base>"},
		},
		"the server file is no answer": {
			serverFile: "server=" + test + "\n",
			reqs:       []fetch.Request{{Server: "https://test.openml.org", URL: "https://test.openml.org/" + testFile}},
			wantErrs:   []string{"not in the mirror: no file DIR/" + testFile},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			files := map[string]string{"api/v1/xml/data/1": "<oml:data_set_description/>"}
			if tc.serverFile != "" {
				files[testFile] = tc.serverFile
			}
			dir := fetchtest.Folder(t, files)
			c := fetch.New(fetch.Options{Server: tc.server, MirrorServer: tc.mirrorServer, Mirror: dir, HTTP: &http.Client{Transport: noNetwork{t}}})
			for i, req := range tc.reqs {
				body, err := c.Get(t.Context(), req, nil)
				if tc.wantErrs[i] == "" {
					require.NoError(t, err, "request %d", i)
					assert.Equal(t, "<oml:data_set_description/>", string(body))
					continue
				}
				require.Error(t, err, "request %d", i)
				assert.Contains(t, strings.ReplaceAll(err.Error(), dir, "DIR"), tc.wantErrs[i], "request %d", i)
			}
		})
	}
}

// TestMirror_checksum: a mirror's file is checked against the md5 asked
// for, and the answer says whether it was.
func TestMirror_checksum(t *testing.T) {
	t.Parallel()
	const arff = "@relation balance-scale\n"
	dir := fetchtest.Folder(t, map[string]string{"data/download/11/balance.arff": arff})
	c := mirrorClient(t, dir, "")
	url := "https://www.openml.org/data/download/11/balance.arff"
	cases := map[string]struct {
		md5      string
		verified bool
		wantErr  string
	}{
		"match":         {md5: md5Hex(arff), verified: true},
		"NotApplicable": {md5: "NotApplicable"},
		"none":          {},
		"mismatch": {md5: md5Hex("other"), wantErr: "checksum mismatch: expected md5 " + md5Hex("other") + ", the mirror's file " +
			filepath.Join(dir, "data", "download", "11", "balance.arff") + " has " + md5Hex(arff)},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			a, err := c.Fetch(t.Context(), fetch.Request{URL: url, MD5: tc.md5, AsFile: true}, nil)
			if tc.wantErr != "" {
				var ce *fetch.ChecksumError
				require.ErrorAs(t, err, &ce)
				assert.Contains(t, err.Error(), tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.verified, a.Verified)
		})
	}
}
