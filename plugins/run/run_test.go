package run_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/internal/recordings"
	"github.com/openml-dash/openml-dash/plugins/run"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

const ns = `xmlns:oml="http://openml.org/openml"`

const runXML = `<oml:run ` + ns + `>
  <oml:run_id>30</oml:run_id><oml:uploader>4</oml:uploader><oml:uploader_name>Tess Ter</oml:uploader_name>
  <oml:task_id>5</oml:task_id><oml:task_type>Supervised Classification</oml:task_type>
  <oml:flow_id>20</oml:flow_id><oml:flow_name>toy.Tree(2)</oml:flow_name><oml:setup_id>9</oml:setup_id>
  <oml:error>Fold 3 failed</oml:error>
  <oml:setup_string>toy.Tree --depth 3</oml:setup_string>
  <oml:parameter_setting><oml:name>depth</oml:name><oml:value>3</oml:value></oml:parameter_setting>
  <oml:parameter_setting><oml:name>with_mean</oml:name><oml:value>true</oml:value><oml:component>scale</oml:component></oml:parameter_setting>
  <oml:tag>toy</oml:tag>
  <oml:input_data><oml:dataset><oml:did>8</oml:did><oml:name>houses</oml:name><oml:url>https://example.org/data/download/8/houses.arff</oml:url></oml:dataset></oml:input_data>
  <oml:output_data>
    <oml:file><oml:did>-1</oml:did><oml:file_id>77</oml:file_id><oml:name>predictions</oml:name><oml:url>https://example.org/data/download/77/p.arff</oml:url></oml:file>
    <oml:evaluation><oml:name>predictive_accuracy</oml:name><oml:flow_id>36</oml:flow_id><oml:value>0.8</oml:value></oml:evaluation>
    <oml:evaluation><oml:name>precision</oml:name><oml:flow_id>35</oml:flow_id><oml:value>0.7</oml:value><oml:array_data>[0.6,0.8]</oml:array_data></oml:evaluation>
    <oml:evaluation><oml:name>confusion_matrix</oml:name><oml:flow_id>10</oml:flow_id><oml:array_data>[[3,1],[1,5]]</oml:array_data></oml:evaluation>
    <oml:evaluation repeat="0" fold="0"><oml:name>predictive_accuracy</oml:name><oml:value>0.7</oml:value></oml:evaluation>
    <oml:evaluation repeat="0" fold="1"><oml:name>predictive_accuracy</oml:name><oml:value>0.9</oml:value></oml:evaluation>
    <oml:evaluation repeat="0" fold="0"><oml:name>usercpu_time_millis</oml:name><oml:value>12</oml:value></oml:evaluation>
  </oml:output_data>
</oml:run>`

var runRef = sdk.EntityRef{Server: "https://test.openml.org", Kind: sdk.KindRun, ID: 30}

func tab(t *testing.T, p *sdk.Page, id string) []sdk.Component {
	t.Helper()
	for _, tb := range p.Tabs {
		if tb.ID == id {
			return tb.Children
		}
	}
	t.Fatalf("no tab %q", id)
	return nil
}

func table(t *testing.T, cs []sdk.Component, id string) *sdk.Table {
	t.Helper()
	var found *sdk.Table
	sdk.Walk(cs, func(c sdk.Component) bool {
		if tb, ok := c.(*sdk.Table); ok && tb.ID == id {
			found = tb
		}
		return true
	})
	require.NotNil(t, found, "no table %q", id)
	return found
}

// fields gives the description table's cells by field; repeated fields
// (several datasets) keep the first.
func fields(t *testing.T, p *sdk.Page) map[string]sdk.Cell {
	t.Helper()
	out := map[string]sdk.Cell{}
	for _, r := range table(t, tab(t, p, "overview"), run.DescriptionTable).Rows {
		if _, dup := out[r.Cells[0].Text]; !dup {
			out[r.Cells[0].Text] = r.Cells[1]
		}
	}
	return out
}

// evaluations gives the evaluations table's rows by measure.
func evaluations(t *testing.T, p *sdk.Page) map[string][]sdk.Cell {
	t.Helper()
	out := map[string][]sdk.Cell{}
	for _, r := range table(t, tab(t, p, "evaluations"), run.EvaluationsTable).Rows {
		out[r.Cells[0].Text] = r.Cells
	}
	return out
}

func TestManifest(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, run.New(), sdktest.Answers(nil))
	assert.Equal(t, sdk.Manifest{Name: "run", Version: "0.1.0", Kinds: []sdk.Kind{sdk.KindRun}, Order: sdk.OrderCore}, h.Manifest)
}

func TestLayout_recorded539275(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, run.New(), sdktest.Recorded(recordings.Require(t, "www")))
	page, err := h.Layout(sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindRun, ID: 539275})
	require.NoError(t, err)
	assert.Equal(t, "Run 539275: mlr.classif.randomForest.filtered(1) on task 59", page.Title)

	f := fields(t, page)
	assert.Equal(t, sdk.LinkCell("Task 59 (Supervised Classification)", sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindTask, ID: 59}), f["Task"])
	assert.Equal(t, sdk.LinkCell("mlr.classif.randomForest.filtered(1)", sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindFlow, ID: 5270}), f["Flow"])
	assert.Equal(t, sdk.LinkCell("iris", sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindData, ID: 61}), f["Dataset"])
	assert.Equal(t, "Giuseppe C. (user 348)", f["Uploader"].Text)
	assert.Equal(t, "5397", f["Setup"].Text)
	assert.NotContains(t, f, "Setup string", "empty setup string is left out")
	assert.Equal(t, "https://www.openml.org/r/539275", f["OpenML page"].Text)

	params := table(t, tab(t, page, "overview"), run.ParametersTable)
	require.Len(t, params.Rows, 7)
	assert.Equal(t, "mtry", params.Rows[2].Cells[0].Text)
	assert.Equal(t, "2", params.Rows[2].Cells[1].Text)
	assert.True(t, params.Rows[2].Cells[2].Missing)

	files := table(t, tab(t, page, "overview"), run.FilesTable)
	require.Len(t, files.Rows, 2)
	assert.Equal(t, "predictions", files.Rows[1].Cells[0].Text)
	assert.Equal(t, 1840863.0, files.Rows[1].Cells[1].Number)

	ev := evaluations(t, page)
	assert.Len(t, ev, 17)
	acc := ev["predictive_accuracy"]
	assert.InDelta(t, 0.946667, acc[1].Number, 1e-9)
	assert.Equal(t, 10.0, acc[2].Number)
	assert.False(t, acc[3].Missing, "ten folds give a spread")
	assert.True(t, acc[4].Missing, "no per-class data")
	assert.Equal(t, "[1,0.94,0.94]", ev["area_under_roc_curve"][4].Text)
}

func TestLayout_synthetic(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, run.New(), sdktest.Answers(map[string][]byte{"run/30": []byte(runXML)}))
	page, err := h.Layout(runRef)
	require.NoError(t, err)
	assert.Equal(t, "Run 30: toy.Tree(2) on task 5", page.Title)

	var notices []*sdk.Notice
	sdk.Walk(tab(t, page, "overview"), func(c sdk.Component) bool {
		if n, ok := c.(*sdk.Notice); ok {
			notices = append(notices, n)
		}
		return true
	})
	require.Len(t, notices, 1)
	assert.Equal(t, "Fold 3 failed", notices[0].Detail)

	f := fields(t, page)
	assert.Equal(t, sdk.EntityRef{Server: "https://test.openml.org", Kind: sdk.KindTask, ID: 5}, f["Task"].Link)
	assert.Equal(t, sdk.EntityRef{Server: "https://test.openml.org", Kind: sdk.KindFlow, ID: 20}, f["Flow"].Link)
	assert.Equal(t, sdk.EntityRef{Server: "https://test.openml.org", Kind: sdk.KindData, ID: 8}, f["Dataset"].Link)
	assert.Equal(t, "houses", f["Dataset"].Text)
	assert.Equal(t, "Tess Ter (user 4)", f["Uploader"].Text)
	assert.Equal(t, "toy.Tree --depth 3", f["Setup string"].Text)
	assert.Equal(t, "toy", f["Tags"].Text)

	params := table(t, tab(t, page, "overview"), run.ParametersTable)
	assert.Equal(t, "scale", params.Rows[1].Cells[2].Text)

	ev := evaluations(t, page)
	require.Len(t, ev, 4)
	acc := ev["predictive_accuracy"]
	assert.Equal(t, 0.8, acc[1].Number)
	assert.Equal(t, 2.0, acc[2].Number)
	assert.InDelta(t, math.Sqrt(0.02), acc[3].Number, 1e-12, "sample std. dev. of 0.7 and 0.9")
	assert.Equal(t, "[0.6,0.8]", ev["precision"][4].Text)
	assert.True(t, ev["precision"][2].Missing, "no folds")
	cm := ev["confusion_matrix"]
	assert.True(t, cm[1].Missing, "array-only measures have no value")
	assert.Equal(t, "[[3,1],[1,5]]", cm[4].Text)
	cpu := ev["usercpu_time_millis"]
	assert.True(t, cpu[1].Missing, "a per-fold-only measure has no whole-run value")
	assert.Equal(t, 1.0, cpu[2].Number)
	assert.True(t, cpu[3].Missing, "one fold gives no spread")
}

func TestLayout_bare(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, run.New(), sdktest.Answers(map[string][]byte{
		"run/30": []byte(`<oml:run ` + ns + `><oml:run_id>30</oml:run_id><oml:task_id>5</oml:task_id><oml:flow_id>20</oml:flow_id></oml:run>`),
	}))
	page, err := h.Layout(sdk.EntityRef{Server: "demo", Kind: sdk.KindRun, ID: 30})
	require.NoError(t, err)
	assert.Equal(t, "Run 30: flow 20 on task 5", page.Title)
	assert.Equal(t, "flow 20", fields(t, page)["Flow"].Text)
	assert.NotContains(t, fields(t, page), "OpenML page")
	var texts []string
	for _, tb := range page.Tabs {
		sdk.Walk(tb.Children, func(c sdk.Component) bool {
			if tx, ok := c.(*sdk.Text); ok {
				texts = append(texts, tx.Markdown)
			}
			return true
		})
	}
	assert.Equal(t, []string{
		"The run sets no parameters: the flow's defaults apply.",
		"The run has no output files.",
		"OpenML has not evaluated this run (yet).",
	}, texts)
}

func TestLayout_fails(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		answers map[string][]byte
		want    string
	}{
		"missing":      {nil, "run 30: sdktest: no answer for run/30"},
		"OpenML error": {map[string][]byte{"run/30": []byte(`<oml:error ` + ns + `><oml:code>220</oml:code><oml:message>Unknown run</oml:message></oml:error>`)}, "run 30: OpenML answered with error 220: Unknown run"},
		"malformed":    {map[string][]byte{"run/30": []byte(`<oml:run ` + ns + `><oml:run_id>30</oml:run_id><oml:task_id>5</oml:task_id></oml:run>`)}, "run 30: run description: <oml:flow_id> is missing or empty"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			h := sdktest.Run(t, run.New(), sdktest.Answers(c.answers))
			_, err := h.Layout(runRef)
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}
