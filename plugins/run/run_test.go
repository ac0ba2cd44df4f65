package run_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/internal/recordings"
	"github.com/openml-dash/openml-dash/plugins/run"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

const ns = `xmlns:oml="http://openml.org/openml"`

// predictionsURL is where the synthetic runs keep their predictions; the
// fake host answers it under predictionsKey.
const (
	predictionsURL = "https://test.openml.org/data/download/77/p.arff"
	predictionsKey = "data/download/77/p.arff"
)

// runXML is a synthetic run of task 5 with the given task type and the
// output files and evaluations in output.
func runXML(taskType, output string) []byte {
	tt := ""
	if taskType != "" {
		tt = "<oml:task_type>" + taskType + "</oml:task_type>"
	}
	return []byte(`<oml:run ` + ns + `>
  <oml:run_id>30</oml:run_id><oml:uploader>4</oml:uploader><oml:uploader_name>Tess Ter</oml:uploader_name>
  <oml:task_id>5</oml:task_id>` + tt + `
  <oml:flow_id>20</oml:flow_id><oml:flow_name>toy.Tree(2)</oml:flow_name><oml:setup_id>9</oml:setup_id>
  <oml:setup_string>toy.Tree --depth 3</oml:setup_string>
  <oml:parameter_setting><oml:name>depth</oml:name><oml:value>3</oml:value></oml:parameter_setting>
  <oml:parameter_setting><oml:name>with_mean</oml:name><oml:value>true</oml:value><oml:component>scale</oml:component></oml:parameter_setting>
  <oml:tag>toy</oml:tag>
  <oml:input_data><oml:dataset><oml:did>8</oml:did><oml:name>houses</oml:name><oml:url>https://example.org/data/download/8/houses.arff</oml:url></oml:dataset></oml:input_data>
  <oml:output_data>` + output + `</oml:output_data>
</oml:run>`)
}

// predictionsFile is the output file entry of the synthetic predictions.
const predictionsFile = `<oml:file><oml:did>-1</oml:did><oml:file_id>77</oml:file_id><oml:name>predictions</oml:name><oml:url>` + predictionsURL + `</oml:url></oml:file>`

// runList is the run listing entry that gives run 30's upload date.
const runList = `<oml:runs ` + ns + `><oml:run><oml:run_id>30</oml:run_id><oml:task_id>5</oml:task_id><oml:setup_id>9</oml:setup_id><oml:flow_id>20</oml:flow_id><oml:uploader>4</oml:uploader><oml:upload_time>2014-04-06 23:30:40</oml:upload_time></oml:run></oml:runs>`

var runRef = sdk.EntityRef{Server: "https://test.openml.org", Kind: sdk.KindRun, ID: 30}

var www = sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindRun, ID: 539275}

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

// column gives a table's cells in the column with id.
func column(t *testing.T, tb *sdk.Table, id string) []sdk.Cell {
	t.Helper()
	col := -1
	for i, c := range tb.Columns {
		if c.ID == id {
			col = i
		}
	}
	require.GreaterOrEqual(t, col, 0, "table %q has no column %q", tb.ID, id)
	var out []sdk.Cell
	for _, r := range tb.Rows {
		out = append(out, r.Cells[col])
	}
	return out
}

func numbers(cells []sdk.Cell) []float64 {
	out := make([]float64, len(cells))
	for i, c := range cells {
		out[i] = c.Number
	}
	return out
}

func texts(cells []sdk.Cell) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = c.Text
	}
	return out
}

// fields gives the description table's cells by field; repeated fields
// (several datasets) keep the first.
func fields(t *testing.T, p *sdk.Page) map[string]sdk.Cell {
	t.Helper()
	out := map[string]sdk.Cell{}
	for _, r := range sdktest.Find[*sdk.Table](t, tab(t, p, "overview"), run.DescriptionTable).Rows {
		if _, dup := out[r.Cells[0].Text]; !dup {
			out[r.Cells[0].Text] = r.Cells[1]
		}
	}
	return out
}

func TestManifest(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, run.New(), sdktest.Answers(nil))
	assert.Equal(t, sdk.Manifest{Name: "run", Version: "0.2.0", Kinds: []sdk.Kind{sdk.KindRun}, Order: sdk.OrderCore}, h.Manifest)
}

func TestLayout_recorded539275(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, run.New(), sdktest.Recorded(recordings.Require(t, "www")))
	page, err := h.Layout(www)
	require.NoError(t, err)
	assert.Equal(t, "Run 539275: mlr.classif.randomForest.filtered(1) on task 59", page.Title)
	var tabs []string
	for _, tb := range page.Tabs {
		tabs = append(tabs, tb.ID)
	}
	assert.Equal(t, []string{"overview", "evaluations", "predictions"}, tabs)

	f := fields(t, page)
	assert.Equal(t, sdk.LinkCell("Task 59 (Supervised Classification)", sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindTask, ID: 59}), f["Task"])
	assert.Equal(t, sdk.LinkCell("mlr.classif.randomForest.filtered(1)", sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindFlow, ID: 5270}), f["Flow"])
	assert.Equal(t, sdk.LinkCell("iris", sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindData, ID: 61}), f["Dataset"])
	assert.Equal(t, "Giuseppe C. (user 348)", f["Uploader"].Text)
	assert.Equal(t, "predictive_accuracy", f["Evaluation measure"].Text)
	assert.Equal(t, "5397", f["Setup"].Text)
	assert.NotContains(t, f, "Setup string", "empty setup string is left out")
	assert.NotContains(t, f, "Upload date", "the run listing is not recorded")
	assert.Equal(t, "https://www.openml.org/r/539275", f["OpenML page"].Text)

	params := sdktest.Find[*sdk.Table](t, tab(t, page, "overview"), run.ParametersTable)
	require.Len(t, params.Rows, 7)
	assert.Equal(t, []string{"fw.method", "fw.perc", "mtry", "ntree", "openml.kind", "openml.normal.kind", "openml.seed"}, texts(column(t, params, "name")))
	assert.Equal(t, "2", params.Rows[2].Cells[1].Text)
	assert.True(t, params.Rows[2].Cells[2].Missing, "no component")

	files := sdktest.Find[*sdk.Table](t, tab(t, page, "overview"), run.FilesTable)
	assert.Equal(t, []string{"description", "predictions"}, texts(column(t, files, "name")))
	assert.Equal(t, []float64{1840862, 1840863}, numbers(column(t, files, "file_id")))
	assert.Equal(t, "http://capa.win.tue.nl/data/download/1840863/predictions1a3c3e1b7277.arff", files.Rows[1].Cells[2].Text)
}

func TestLayout_synthetic(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, run.New(), sdktest.Answers(map[string][]byte{
		"run/30":          runXML("Supervised Classification", `<oml:file><oml:file_id>76</oml:file_id><oml:name>description</oml:name><oml:url>https://example.org/d.xml</oml:url></oml:file>`),
		"run/list/run/30": []byte(runList),
		"task/5":          []byte(taskXML("Supervised Classification", "area_under_roc_curve")),
	}))
	page, err := h.Layout(runRef)
	require.NoError(t, err)
	assert.Equal(t, "Run 30: toy.Tree(2) on task 5", page.Title)

	f := fields(t, page)
	assert.Equal(t, sdk.LinkCell("Task 5 (Supervised Classification)", sdk.EntityRef{Server: "https://test.openml.org", Kind: sdk.KindTask, ID: 5}), f["Task"])
	assert.Equal(t, sdk.EntityRef{Server: "https://test.openml.org", Kind: sdk.KindFlow, ID: 20}, f["Flow"].Link)
	assert.Equal(t, sdk.LinkCell("houses", sdk.EntityRef{Server: "https://test.openml.org", Kind: sdk.KindData, ID: 8}), f["Dataset"])
	assert.Equal(t, "Tess Ter (user 4)", f["Uploader"].Text)
	assert.Equal(t, "2014-04-06 23:30", f["Upload date"].Text)
	assert.Equal(t, "area_under_roc_curve", f["Evaluation measure"].Text, "the run names no measure: the task's")
	assert.Equal(t, "toy.Tree --depth 3", f["Setup string"].Text)
	assert.Equal(t, "toy", f["Tags"].Text)

	params := sdktest.Find[*sdk.Table](t, tab(t, page, "overview"), run.ParametersTable)
	assert.Equal(t, []string{"depth", "with_mean"}, texts(column(t, params, "name")))
	assert.Equal(t, []string{"3", "true"}, texts(column(t, params, "value")))
	assert.True(t, params.Rows[0].Cells[2].Missing)
	assert.Equal(t, "scale", params.Rows[1].Cells[2].Text)
	files := sdktest.Find[*sdk.Table](t, tab(t, page, "overview"), run.FilesTable)
	assert.Equal(t, []string{"https://example.org/d.xml"}, texts(column(t, files, "url")))
}

func TestLayout_notices(t *testing.T) {
	t.Parallel()
	xml := strings.Replace(string(runXML("Supervised Classification", "")), "<oml:setup_string>",
		"<oml:error>Fold 3 failed</oml:error><oml:error_message>out of memory</oml:error_message><oml:setup_string>", 1)
	h := sdktest.Run(t, run.New(), sdktest.Answers(map[string][]byte{"run/30": []byte(xml)}))
	page, err := h.Layout(runRef)
	require.NoError(t, err)
	notices := sdktest.All[*sdk.Notice](tab(t, page, "overview"))
	require.Len(t, notices, 2)
	assert.Equal(t, "Fold 3 failed", notices[0].Detail)
	assert.Equal(t, "out of memory", notices[1].Detail)
	assert.Equal(t, sdk.Warning, notices[1].Level)
}

func TestLayout_bare(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, run.New(), sdktest.Answers(map[string][]byte{
		"run/30": []byte(`<oml:run ` + ns + `><oml:run_id>30</oml:run_id><oml:task_id>5</oml:task_id><oml:flow_id>20</oml:flow_id></oml:run>`),
	}))
	page, err := h.Layout(sdk.EntityRef{Server: "demo", Kind: sdk.KindRun, ID: 30})
	require.NoError(t, err)
	assert.Equal(t, "Run 30: flow 20 on task 5", page.Title)
	f := fields(t, page)
	assert.Equal(t, "flow 20", f["Flow"].Text)
	assert.Equal(t, "Task 5", f["Task"].Text, "neither run nor task gives the type")
	assert.NotContains(t, f, "OpenML page")
	assert.NotContains(t, f, "Evaluation measure")
	var markdown []string
	for _, tb := range page.Tabs {
		for _, tx := range sdktest.All[*sdk.Text](tb.Children) {
			markdown = append(markdown, tx.Markdown)
		}
	}
	assert.Equal(t, []string{
		"The run sets no parameters: the flow's defaults apply.",
		"The run has no output files.",
		"OpenML has not evaluated this run (yet).",
	}, markdown)
	notices := sdktest.All[*sdk.Notice](tab(t, page, "predictions"))
	require.Len(t, notices, 1)
	assert.Equal(t, "This run has no predictions file", notices[0].Summary)
	assert.Empty(t, page.Callbacks, "nothing to select, so no callbacks")
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

func TestCallback_unknown(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, run.New(), sdktest.Answers(nil))
	_, err := h.Callback(&sdk.CallbackRequest{Ref: runRef, ID: "nope"})
	assert.ErrorContains(t, err, `no handler for callback "nope"`)
}

func taskXML(taskType, measure string) string {
	return fmt.Sprintf(`<oml:task %s><oml:task_id>5</oml:task_id><oml:task_type>%s</oml:task_type>
<oml:input name="evaluation_measures"><oml:evaluation_measures><oml:evaluation_measure>%s</oml:evaluation_measure></oml:evaluation_measures></oml:input></oml:task>`, ns, taskType, measure)
}

// failingFiles answers API paths from answers and fails every file fetch
// with err.
func failingFiles(answers map[string][]byte, err error) *sdktest.Host {
	api := sdktest.Answers(answers)
	return &sdktest.Host{FetchFunc: func(ctx context.Context, req sdk.FetchRequest) (*sdk.FetchResponse, error) {
		if req.URL != "" {
			return nil, err
		}
		return api.Fetch(ctx, req)
	}}
}
