package runstudy_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/internal/recordings"
	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/plugins/study/runstudy"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

// TestRecorded157 opens test-server study 157 from the recordings, with
// the production page size: the paths asked for are openml-python's, so
// the recorded listings answer them. The datasets' qualities are mostly
// not recorded: the page still shows, with a notice.
func TestRecorded157(t *testing.T) {
	t.Parallel()
	host := sdktest.Recorded(recordings.Require(t, "test"))
	h := sdktest.Run(t, runstudy.NewPlugin(runstudy.PageSize), host)
	ref := sdk.EntityRef{Server: "https://test.openml.org", Kind: sdk.KindStudy, ID: 157}
	page, err := h.Layout(ref)
	require.NoError(t, err)
	assert.Equal(t, "Study 157: unit tested study", page.Title)

	asked := map[string]bool{}
	for _, f := range host.Fetches {
		asked[f.Path] = true
	}
	assert.True(t, asked["run/list/limit/10000/offset/0/study/157"], "openml-python's run listing")
	assert.True(t, asked["evaluation/list/function/predictive_accuracy/limit/10000/offset/0/study/157"], "openml-python's evaluation listing")

	overview := sdktest.TabChildren(t, page, "overview")
	assert.Empty(t, notices(overview))
	assert.Contains(t, text(overview), "bla")
	assert.Contains(t, text(overview), "**Runs found:** 10 runs of 8 flows on 5 tasks. The study's description lists 9 runs.")
	got := fields(t, page)
	for field, want := range map[string]string{
		"ID": "157", "Status": "deactivated", "Created": "2026-02-20 02:19", "Visibility": "public",
		"Runs": "9", "Flows": "7", "Datasets": "3", "Tasks": "4", "Setups": "8", "OpenML page": "https://test.openml.org/s/157",
	} {
		assert.Equal(t, want, got[field].Text, field)
	}
	assert.NotEmpty(t, got["Creator"].Text)

	evals := sdktest.TabChildren(t, page, "evaluations")
	measure := sdktest.Find[*sdk.Select](t, evals, runstudy.MeasureSelect)
	assert.Equal(t, []string{"predictive_accuracy"}, measure.Values, "the runs are on classification tasks")
	assert.Equal(t, sdk.Options(evalview.Measures...), measure.Options, "the measure list is not recorded: the built-in one")

	// The datasets of the description (4, 20, 6) and of the evaluations
	// (4, 20, 128, 2), by name; dataset 6 is named by no recording.
	tbl := sdktest.Find[*sdk.Table](t, evals, runstudy.DatasetTable)
	var names []string
	for _, r := range tbl.Rows {
		names = append(names, r.Cells[0].Text)
	}
	assert.Equal(t, []string{"balance-scale", "dataset 6", "diabetes", "iris", "kr-vs-kp"}, names)
	kr := tbl.Rows[4]
	assert.Equal(t, sdk.NumberCell(898), kr.Cells[1], "dataset 2's qualities are recorded (the test server names it kr-vs-kp in listings)")
	assert.True(t, tbl.Rows[0].Cells[1].Missing, "balance-scale's are not")
	n := noticeWith(t, evals, "The qualities of 4 of the 5 datasets could not be loaded")
	assert.Contains(t, n.Detail, "not in the mirror")

	status, chart := draw(t, h, drawRequest(t, ref, page, "predictive_accuracy", runstudy.ScoresMean, nil))
	assert.Contains(t, text(status), "**10 runs of 8 flows on 4 datasets** with predictive\\_accuracy")
	require.Len(t, chart, 1)
	c := chart[0].(*sdk.Chart)
	assert.Len(t, c.Series, 8)
	assert.Equal(t, []string{"kr-vs-kp", "iris", "diabetes", "dataset 6", "balance-scale"}, c.Y.Categories, "the table's first dataset at the top")
	points := 0
	for _, s := range c.Series {
		points += len(s.X)
	}
	assert.Equal(t, 10, points)

	// Fold scores are not recorded: a notice says so.
	status, chart = draw(t, h, drawRequest(t, ref, page, "predictive_accuracy", runstudy.ScoresFolds, nil))
	assert.Empty(t, chart)
	n = noticeWith(t, status, "The predictive_accuracy fold scores of study 157 could not be loaded")
	assert.Contains(t, n.Detail, "not in the mirror")
}
