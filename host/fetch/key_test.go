package fetch_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/fetch"
	"github.com/openml-dash/openml-dash/host/fetch/fetchtest"
)

// TestAPIKey_neverLeaks provokes every kind of error and fills the cache,
// then looks for the key in every message and every cache path and file.
// The key goes to the configured server only.
func TestAPIKey_neverLeaks(t *testing.T) {
	t.Parallel()
	srv := fetchtest.NewServer(t, fetchtest.Options{})
	other := fetchtest.NewServer(t, fetchtest.Options{})
	gone := fetchtest.NewServer(t, fetchtest.Options{})
	gone.Close()
	api := func(p string) string { return "/api/v1/xml/" + p }

	srv.Handle(api("data/61"), "<d61/>")
	srv.Handle(api("data/list/tag/x"), "<listing/>")
	srv.Handle("/data/download/61/iris.arff", "@relation iris\n")
	other.Handle("/data/download/61/iris.arff", "@relation iris\n")
	srv.Fault(api("data/1"), fetchtest.Fault{OpenMLError: fetchtest.OpenMLError{Code: 103, Message: "Authentication failed for " + key}})
	srv.Fault(api("data/2"), fetchtest.Fault{Status: http.StatusServiceUnavailable})
	srv.Fault(api("data/3"), fetchtest.Fault{Truncate: 100})
	srv.Handle(api("data/3"), "truncated answer")
	srv.Fault(api("data/4"), fetchtest.Fault{Delay: time.Minute})
	srv.Fault(api("data/5"), fetchtest.Fault{Status: http.StatusNotFound})

	c := newClient(t, srv, fetch.Options{Retries: 1, HeaderTimeout: 20 * time.Millisecond})
	offline := newClient(t, gone, fetch.Options{Retries: 1})
	noCache := newClient(t, gone, fetch.Options{NoCache: true, Retries: -1})

	type call struct {
		c       *fetch.Client
		req     fetch.Request
		wantErr bool
	}
	calls := map[string]call{
		"description":          {c: c, req: fetch.Request{Path: "data/61"}},
		"listing":              {c: c, req: fetch.Request{Path: "data/list/tag/x"}},
		"file":                 {c: c, req: fetch.Request{URL: srv.URL + "/data/download/61/iris.arff?api_key=" + key, AsFile: true}},
		"file elsewhere":       {c: c, req: fetch.Request{URL: other.URL + "/data/download/61/iris.arff", AsFile: true}},
		"openml error":         {c: c, req: fetch.Request{Path: "data/1"}, wantErr: true},
		"503":                  {c: c, req: fetch.Request{Path: "data/2"}, wantErr: true},
		"truncated":            {c: c, req: fetch.Request{Path: "data/3"}, wantErr: true},
		"stalled":              {c: c, req: fetch.Request{Path: "data/4"}, wantErr: true},
		"404":                  {c: c, req: fetch.Request{Path: "data/5"}, wantErr: true},
		"checksum":             {c: c, req: fetch.Request{Path: "data/61", MD5: md5Hex("other")}, wantErr: true},
		"key as md5":           {c: c, req: fetch.Request{URL: srv.URL + "/data/download/61/iris.arff", MD5: key}},
		"bad URL":              {c: c, req: fetch.Request{URL: srv.URL + "/%zz?api_key=" + key}, wantErr: true},
		"both path and URL":    {c: c, req: fetch.Request{Path: "data/61", URL: srv.URL + "/f?api_key=" + key}, wantErr: true},
		"offline":              {c: offline, req: fetch.Request{Path: "data/61"}, wantErr: true},
		"offline file":         {c: offline, req: fetch.Request{URL: gone.URL + "/f.arff?api_key=" + key}, wantErr: true},
		"unreachable no cache": {c: noCache, req: fetch.Request{Path: "data/61"}, wantErr: true},
	}
	for name, tc := range calls {
		t.Run(name, func(t *testing.T) {
			_, err := fetchAnswer(t, tc.c, tc.req, nil)
			if tc.wantErr {
				require.Error(t, err)
				assert.NotContains(t, err.Error(), key)
			} else {
				require.NoError(t, err)
			}
		})
	}
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		_, err := c.Get(ctx, fetch.Request{Path: "data/62"}, nil)
		require.ErrorIs(t, err, context.Canceled)
		assert.NotContains(t, err.Error(), key)
	})

	for _, r := range srv.Requests(api("data/61")) {
		assert.Equal(t, key, r.APIKey, "the configured server gets the key")
	}
	for _, r := range other.Requests("/data/download/61/iris.arff") {
		assert.False(t, r.HasKey, "another server must not get the key")
	}
	assert.NotEmpty(t, other.Requests("/data/download/61/iris.arff"))
	assertKeyNotIn(t, c.CacheDir())
	assertKeyNotIn(t, offline.CacheDir())
}
