package suite_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/plugins/study"
	"github.com/openml-dash/openml-dash/plugins/study/suite"
	"github.com/openml-dash/openml-dash/plugins/study/suite/suitetest"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

// MirrorEnv names a folder TestWriteMirror writes the generated suite
// into, for openml-dash render --mirror DIR https://www.openml.org/s/99.
const MirrorEnv = "OPENML_DASH_SUITE_MIRROR"

// mirrorSuite is the suite written as a mirror: 30 tasks of which two
// are gone, 12 flows run on most of them.
func mirrorSuite() *suitetest.Suite {
	return suitetest.New(suitetest.Spec{
		Tasks: 30, Flows: 12, Seed: 11, Unknown: []int64{3001}, Broken: []int64{3002},
		Measures: []string{"predictive_accuracy", "area_under_roc_curve"},
		NoRun: func(ti, f int) bool {
			return (f >= 9 && ti%3 == f%3) || (f == 4 && ti == 7)
		},
	})
}

// TestWriteMirror writes the suite as a folder laid out by URL path and
// reads the page back from it as from a recording.
func TestWriteMirror(t *testing.T) {
	t.Parallel()
	dir := os.Getenv(MirrorEnv)
	if dir == "" {
		dir = t.TempDir()
	}
	s := mirrorSuite()
	require.NoError(t, s.WriteMirror(dir, "https://www.openml.org/api/v1/xml"))
	h := sdktest.Run(t, study.New(), sdktest.Recorded(dir))
	ref := s.Ref(sdk.DefaultServer)
	page, err := h.Layout(ref)
	require.NoError(t, err)
	assert.Equal(t, "2 of 32 tasks could not be loaded", notices(tab(t, page, "suite-overview"))[0].Summary)
	cs := rank(t, h, ref, "predictive_accuracy", "10", 0)
	require.Empty(t, notices(cs))
	assert.Len(t, sdktest.Find[*sdk.Table](t, cs, suite.RankingTable).Rows, 9)
	cs = rank(t, h, ref, "area_under_roc_curve", "10", 0)
	assert.Len(t, sdktest.Find[*sdk.Table](t, cs, suite.RankingTable).Rows, 9)
}
