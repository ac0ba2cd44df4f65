package runstudy_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/plugins/internal/evalviewtest"
	"github.com/openml-dash/openml-dash/plugins/study"
	"github.com/openml-dash/openml-dash/plugins/study/runstudy"
	"github.com/openml-dash/openml-dash/sdk/openml"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

// TestWriteMirror writes a synthetic study 7 into a folder laid out by URL
// path as a mirror of the test server, with the production page size, and
// opens it through the study plugin as the app would (which also checks
// that plugin's choice of the run study page). With $RUNSTUDY_MIRROR set
// it writes 25,000 runs there, so that the app can render them:
//
//	RUNSTUDY_MIRROR=/tmp/bigstudy go test ./plugins/study/runstudy -run TestWriteMirror
//	bin/openml-dash render --mirror /tmp/bigstudy --server https://test.openml.org/api/v1/xml https://test.openml.org/s/7 --out /tmp/s7
func TestWriteMirror(t *testing.T) {
	t.Parallel()
	dir, runs := os.Getenv("RUNSTUDY_MIRROR"), 25000
	if dir == "" {
		dir, runs = t.TempDir(), 3000
	}
	f := newStudy(t, runs, runstudy.PageSize)
	files := f.srv.Answers
	for measure, evals := range f.evals {
		pages(files, len(evals), f.pageSize, func(limit, offset int) string {
			return path(t, openml.EvaluationQuery{Function: measure, Study: f.study, Limit: limit, Offset: offset})
		}, func(lo, hi int) []byte { return evalviewtest.EvaluationsXML(evals[lo:hi]) }, evalviewtest.ErrorXML(542, "No results"))
	}
	// A folder laid out by URL path cannot hold a per-fold listing: its
	// path, …/study/7/per_fold/true, goes on from the whole-run listing's
	// …/study/7, which is a file.
	for p := range files {
		if strings.Contains(p, "/per_fold/") {
			delete(files, p)
		}
	}
	files["user/list/user_id/1"] = evalviewtest.UsersXML([]openml.User{{ID: 1, Username: "Ada"}})
	for p, body := range files {
		file := filepath.Join(dir, "api", "v1", "xml", filepath.FromSlash(p))
		require.NoError(t, os.MkdirAll(filepath.Dir(file), 0o755))
		require.NoError(t, os.WriteFile(file, body, 0o644))
	}
	t.Logf("wrote %d answers into %s", len(files), dir)

	h := sdktest.Run(t, study.New(), sdktest.Recorded(dir))
	page, err := h.Layout(f.ref())
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(page.Title, "Study 7"), page.Title)
	assert.Contains(t, text(sdktest.TabChildren(t, page, "overview")), "runs of 12 flows on 40 tasks")
}
