package fetchtest_test

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/fetch/fetchtest"
)

type answer struct {
	status int
	body   string
	err    bool // the body broke off
}

func get(t *testing.T, url string) answer {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return answer{status: resp.StatusCode, body: string(b), err: err != nil}
}

func TestServer(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(root, "api", "v1", "xml", "data"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, "api", "v1", "xml", "data", "61"), []byte("recorded 61"), 0o644))

	cases := map[string]struct {
		path   string
		handle string
		fault  fetchtest.Fault
		want   []answer // one per request, in order
	}{
		"from root":         {path: "/api/v1/xml/data/61", want: []answer{{200, "recorded 61", false}}},
		"handled":           {path: "/api/v1/xml/data/62", handle: "generated 62", want: []answer{{200, "generated 62", false}}},
		"missing":           {path: "/api/v1/xml/data/63", want: []answer{{404, "no answer recorded for /api/v1/xml/data/63\n", false}}},
		"root folder":       {path: "/api/v1/xml/data", want: []answer{{404, "no answer recorded for /api/v1/xml/data\n", false}}},
		"status":            {path: "/api/v1/xml/data/64", handle: "x", fault: fetchtest.Fault{Status: 404}, want: []answer{{404, "Not Found\n", false}}},
		"fail first two":    {path: "/api/v1/xml/data/65", handle: "ok", fault: fetchtest.Fault{Fail: 2}, want: []answer{{500, "injected failure\n", false}, {500, "injected failure\n", false}, {200, "ok", false}}},
		"truncate first":    {path: "/api/v1/xml/data/66", handle: "0123456789", fault: fetchtest.Fault{Truncate: 1}, want: []answer{{200, "01234", true}, {200, "0123456789", false}}},
		"no length":         {path: "/api/v1/xml/data/67", handle: "0123456789", fault: fetchtest.Fault{NoLength: true}, want: []answer{{200, "0123456789", false}}},
		"no length, cut":    {path: "/api/v1/xml/data/68", handle: "0123456789", fault: fetchtest.Fault{NoLength: true, Truncate: 1}, want: []answer{{200, "01234", false}, {200, "0123456789", false}}},
		"handled over root": {path: "/api/v1/xml/data/61", handle: "generated 61", want: []answer{{200, "generated 61", false}}},
		"openml error": {
			path:  "/api/v1/xml/data/67",
			fault: fetchtest.Fault{OpenMLError: fetchtest.UnknownDataset},
			want:  []answer{{412, `<oml:error xmlns:oml="http://openml.org/openml"><oml:code>111</oml:code><oml:message>Unknown dataset</oml:message></oml:error>`, false}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := fetchtest.NewServer(t, fetchtest.Options{Root: root})
			if tc.handle != "" {
				srv.Handle(tc.path, tc.handle)
			}
			srv.Fault(tc.path, tc.fault)
			var got []answer
			for range tc.want {
				got = append(got, get(t, srv.URL+tc.path))
			}
			assert.Equal(t, tc.want, got)
			assert.Equal(t, len(tc.want), srv.Count(tc.path))
		})
	}
}

func TestServer_recordsKeys(t *testing.T) {
	t.Parallel()
	srv := fetchtest.NewServer(t, fetchtest.Options{})
	srv.Handle("api/v1/xml/data/61", "61")
	assert.Equal(t, "61", get(t, srv.APIBase()+"/data/61?api_key=k1").body, "the key does not change the answer")
	assert.Equal(t, "61", get(t, srv.APIBase()+"/data/61").body)
	assert.Equal(t, []fetchtest.Request{
		{Path: "/api/v1/xml/data/61", HasKey: true, APIKey: "k1"},
		{Path: "/api/v1/xml/data/61"},
	}, srv.Requests("/api/v1/xml/data/61"))
}
