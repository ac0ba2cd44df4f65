package task_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/internal/recordings"
	"github.com/openml-dash/openml-dash/plugins/task"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

const ns = `xmlns:oml="http://openml.org/openml"`

const taskXML = `<oml:task ` + ns + `>
  <oml:task_id>5</oml:task_id>
  <oml:task_type>Supervised Regression</oml:task_type>
  <oml:input name="source_data"><oml:data_set><oml:data_set_id>8</oml:data_set_id><oml:target_feature>price</oml:target_feature></oml:data_set></oml:input>
  <oml:input name="estimation_procedure"><oml:estimation_procedure><oml:type>holdout</oml:type>
    <oml:data_splits_url>https://example.org/api_splits/get/5/Task_5_splits.arff</oml:data_splits_url>
    <oml:parameter name="number_repeats">2</oml:parameter><oml:parameter name="percentage">33</oml:parameter>
    <oml:parameter name="stratified_sampling">false</oml:parameter><oml:parameter name="seed">7</oml:parameter>
  </oml:estimation_procedure></oml:input>
  <oml:input name="cost_matrix"><oml:cost_matrix>[[0,1],[4,0]]</oml:cost_matrix></oml:input>
  <oml:input name="evaluation_measures"><oml:evaluation_measures><oml:evaluation_measure>rmse</oml:evaluation_measure><oml:evaluation_measure>mae</oml:evaluation_measure></oml:evaluation_measures></oml:input>
  <oml:input name="time_limit">60</oml:input>
  <oml:tag>toy</oml:tag>
</oml:task>`

const datasetXML = `<oml:data_set_description ` + ns + `><oml:id>8</oml:id><oml:name>houses</oml:name><oml:version>1</oml:version></oml:data_set_description>`

var taskRef = sdk.EntityRef{Server: "https://test.openml.org", Kind: sdk.KindTask, ID: 5}

// fields turns the description table into a map of cells by field.
func fields(t *testing.T, p *sdk.Page) map[string]sdk.Cell {
	t.Helper()
	require.Len(t, p.Tabs, 3)
	require.Equal(t, "overview", p.Tabs[0].ID)
	out := map[string]sdk.Cell{}
	found := false
	sdk.Walk(p.Tabs[0].Children, func(c sdk.Component) bool {
		if tb, ok := c.(*sdk.Table); ok && tb.ID == task.DescriptionTable {
			found = true
			for _, r := range tb.Rows {
				out[r.Cells[0].Text] = r.Cells[1]
			}
		}
		return true
	})
	require.True(t, found, "no description table")
	return out
}

func notices(p *sdk.Page) []*sdk.Notice {
	var out []*sdk.Notice
	sdk.Walk(p.Tabs[0].Children, func(c sdk.Component) bool {
		if n, ok := c.(*sdk.Notice); ok {
			out = append(out, n)
		}
		return true
	})
	return out
}

func TestManifest(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, task.New(), sdktest.Answers(nil))
	assert.Equal(t, sdk.Manifest{Name: "task", Version: "0.2.0", Kinds: []sdk.Kind{sdk.KindTask}, Order: sdk.OrderCore}, h.Manifest)
}

func TestLayout_recorded59(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, task.New(), sdktest.Recorded(recordings.Require(t, "www")))
	page, err := h.Layout(sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindTask, ID: 59})
	require.NoError(t, err)
	assert.Equal(t, "Task 59: Supervised Classification on iris", page.Title)
	assert.Empty(t, notices(page))
	f := fields(t, page)
	assert.Equal(t, "Supervised Classification", f["Task type"].Text)
	assert.Equal(t, sdk.LinkCell("iris", sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindData, ID: 61}), f["Source data"])
	assert.Equal(t, "class", f["Target feature"].Text)
	assert.Equal(t, "crossvalidation", f["Estimation procedure"].Text)
	assert.Equal(t, "10", f["Folds"].Text)
	assert.Equal(t, "1", f["Repeats"].Text)
	assert.Equal(t, "yes", f["Stratified sampling"].Text)
	assert.NotContains(t, f, "Holdout percentage", "empty parameters are left out")
	assert.Equal(t, "predictive_accuracy", f["Evaluation measure"].Text)
	assert.NotContains(t, f, "Cost matrix")
	assert.Equal(t, "http://www.openml.org/api_splits/get/59/Task_59_splits.arff", f["Data splits"].Text)
	assert.Equal(t, "ARFF file with columns repeat, fold, row_id, confidence.classname, prediction", f["Predictions"].Text)
	assert.Equal(t, "basic, study_1, study_7, under100k, under1m", f["Tags"].Text)
	assert.Equal(t, "https://www.openml.org/t/59", f["OpenML page"].Text)
}

func TestLayout_synthetic(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, task.New(), sdktest.Answers(map[string][]byte{"task/5": []byte(taskXML), "data/8": []byte(datasetXML)}))
	page, err := h.Layout(taskRef)
	require.NoError(t, err)
	assert.Equal(t, "Task 5: Supervised Regression on houses", page.Title)
	f := fields(t, page)
	link := f["Source data"]
	assert.Equal(t, sdk.CellLink, link.Type)
	assert.Equal(t, "houses", link.Text)
	assert.Equal(t, sdk.EntityRef{Server: "https://test.openml.org", Kind: sdk.KindData, ID: 8}, link.Link, "the link stays on the task's server")
	assert.Equal(t, "holdout", f["Estimation procedure"].Text)
	assert.Equal(t, "2", f["Repeats"].Text)
	assert.Equal(t, "33", f["Holdout percentage"].Text)
	assert.Equal(t, "no", f["Stratified sampling"].Text)
	assert.Equal(t, "7", f["seed"].Text, "unknown parameters keep their name")
	assert.Equal(t, "rmse, mae", f["Evaluation measures"].Text)
	assert.Equal(t, "[[0,1],[4,0]]", f["Cost matrix"].Text)
	assert.Equal(t, "60", f["time_limit"].Text)
	assert.Equal(t, "https://test.openml.org/t/5", f["OpenML page"].Text)
}

func TestLayout_datasetFails(t *testing.T) {
	t.Parallel()
	cases := map[string]map[string][]byte{
		"missing":      {"task/5": []byte(taskXML)},
		"OpenML error": {"task/5": []byte(taskXML), "data/8": []byte(`<oml:error ` + ns + `><oml:code>111</oml:code><oml:message>Unknown dataset</oml:message></oml:error>`)},
	}
	for name, answers := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			h := sdktest.Run(t, task.New(), sdktest.Answers(answers))
			page, err := h.Layout(taskRef)
			require.NoError(t, err, "the dataset only names the data")
			assert.Equal(t, "Task 5: Supervised Regression on dataset 8", page.Title)
			got := notices(page)
			require.Len(t, got, 1)
			assert.Equal(t, sdk.Warning, got[0].Level)
			assert.Contains(t, got[0].Detail, "dataset 8: ")
			assert.Equal(t, "dataset 8", fields(t, page)["Source data"].Text)
		})
	}
}

func TestLayout_taskFails(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		answers map[string][]byte
		want    string
	}{
		"missing":      {nil, "task 5: sdktest: no answer for task/5"},
		"OpenML error": {map[string][]byte{"task/5": []byte(`<oml:error ` + ns + `><oml:code>151</oml:code><oml:message>Unknown task</oml:message></oml:error>`)}, "task 5: OpenML answered with error 151: Unknown task"},
		"malformed":    {map[string][]byte{"task/5": []byte(`<oml:task ` + ns + `><oml:task_id>five</oml:task_id></oml:task>`)}, `task 5: task description: <oml:task_id> is "five", not a whole number`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			h := sdktest.Run(t, task.New(), sdktest.Answers(c.answers))
			_, err := h.Layout(taskRef)
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}

func TestLayout_noSourceData(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, task.New(), sdktest.Answers(map[string][]byte{
		"task/5": []byte(`<oml:task ` + ns + `><oml:task_id>5</oml:task_id></oml:task>`),
	}))
	page, err := h.Layout(sdk.EntityRef{Server: "demo", Kind: sdk.KindTask, ID: 5})
	require.NoError(t, err)
	assert.Equal(t, "Task 5: task of unknown type", page.Title)
	f := fields(t, page)
	assert.NotContains(t, f, "Source data")
	assert.NotContains(t, f, "OpenML page", "the demo has no website")
}
