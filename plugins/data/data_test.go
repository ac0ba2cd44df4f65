package data_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/internal/recordings"
	"github.com/openml-dash/openml-dash/plugins/data"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

const ns = `xmlns:oml="http://openml.org/openml"`

func description(id int, status string) []byte {
	return []byte(fmt.Sprintf(`<oml:data_set_description %s>
  <oml:id>%d</oml:id><oml:name>weather</oml:name><oml:version>2</oml:version>
  <oml:description>**Made up** for tests.</oml:description>
  <oml:format>ARFF</oml:format><oml:licence>CC0</oml:licence>
  <oml:upload_date>2021-05-06T07:08:09</oml:upload_date>
  <oml:default_target_attribute>play</oml:default_target_attribute>
  <oml:status>%s</oml:status>
</oml:data_set_description>`, ns, id, status))
}

type feat struct {
	name, typ string
	missing   int
	nominal   []string
	target    bool
}

func features(fs ...feat) []byte {
	var b strings.Builder
	b.WriteString("<oml:data_features " + ns + ">\n")
	for i, f := range fs {
		fmt.Fprintf(&b, "<oml:feature><oml:index>%d</oml:index><oml:name>%s</oml:name><oml:data_type>%s</oml:data_type>", i, f.name, f.typ)
		for _, v := range f.nominal {
			fmt.Fprintf(&b, "<oml:nominal_value>%s</oml:nominal_value>", v)
		}
		fmt.Fprintf(&b, "<oml:is_target>%t</oml:is_target><oml:is_ignore>false</oml:is_ignore><oml:is_row_identifier>false</oml:is_row_identifier><oml:number_of_missing_values>%d</oml:number_of_missing_values></oml:feature>\n", f.target, f.missing)
	}
	b.WriteString("</oml:data_features>")
	return []byte(b.String())
}

// weather has seven features, the target fourth, and missing counts
// across every shading level.
var weather = features(
	feat{name: "outlook", typ: "nominal", nominal: []string{"sunny", "rainy", "overcast"}},
	feat{name: "temperature", typ: "numeric", missing: 5},
	feat{name: "humidity", typ: "numeric", missing: 11},
	feat{name: "play", typ: "nominal", nominal: []string{"yes", "no"}, target: true},
	feat{name: "wind_speed", typ: "numeric", missing: 51},
	feat{name: "pressure", typ: "numeric", missing: 101},
	feat{name: "station", typ: "string", missing: 10},
)

const apiError = `<oml:error ` + ns + `><oml:code>274</oml:code><oml:message>No features found</oml:message></oml:error>`

var dataRef = sdk.EntityRef{Server: "https://www.openml.org", Kind: sdk.KindData, ID: 9}

func tab(t *testing.T, p *sdk.Page, id string) []sdk.Component {
	t.Helper()
	for _, tb := range p.Tabs {
		if tb.ID == id {
			return tb.Children
		}
	}
	t.Fatalf("no tab %q in %v", id, p.Tabs)
	return nil
}

// facts turns the overview's key-value table into a map.
func facts(t *testing.T, p *sdk.Page) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, r := range sdktest.Find[*sdk.Table](t, tab(t, p, "overview"), data.FactsTable).Rows {
		out[r.Cells[0].Text] = r.Cells[1].Text
	}
	return out
}

func column(tb *sdk.Table, id string) []sdk.Cell {
	col := -1
	for i, c := range tb.Columns {
		if c.ID == id {
			col = i
		}
	}
	var out []sdk.Cell
	for _, r := range tb.Rows {
		out = append(out, r.Cells[col])
	}
	return out
}

func summaryRequest(ref sdk.EntityRef, target string, rows ...int64) *sdk.CallbackRequest {
	return &sdk.CallbackRequest{
		Ref: ref, ID: data.SummaryCallback,
		Inputs: []sdk.Arg{{Ref: sdk.Input(data.FeaturesTable, sdk.PropSelectedRows), Value: sdk.IntsValue(rows)}},
		State:  []sdk.Arg{{Ref: sdk.State(data.TargetSelect, sdk.PropValue), Value: sdk.StrValue(target)}},
	}
}

func summaryText(t *testing.T, p *sdk.Patch) sdk.Component {
	t.Helper()
	require.Len(t, p.Outputs, 1)
	assert.Equal(t, sdk.Output(data.SummarySlot, sdk.PropChildren), p.Outputs[0].Ref)
	children := p.Outputs[0].Value.Children()
	require.Len(t, children, 1)
	return children[0]
}

func TestManifest(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, data.New(), sdktest.Answers(nil))
	assert.Equal(t, sdk.Manifest{Name: "data", Version: "0.2.0", Kinds: []sdk.Kind{sdk.KindData}, Order: sdk.OrderCore}, h.Manifest)
}

func TestLayout_recordedIris(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, data.New(), sdktest.Recorded(recordings.Require(t, "www")))
	ref := sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindData, ID: 61}
	page, err := h.Layout(ref)
	require.NoError(t, err)
	assert.Equal(t, "iris (version 1)", page.Title)
	var tabs []string
	for _, tb := range page.Tabs {
		tabs = append(tabs, tb.ID)
	}
	assert.Equal(t, []string{"overview", "features", "importance", "interactions", "scatter", "qualities", "tasks"}, tabs)

	overview := tab(t, page, "overview")
	assert.Equal(t, "iris", sdktest.All[*sdk.Heading](overview)[0].Text)
	assert.True(t, strings.HasPrefix(sdktest.All[*sdk.Text](overview)[0].Markdown, "**Author**: R.A. Fisher"))
	f := facts(t, page)
	assert.Equal(t, "active", f["Status"])
	assert.Equal(t, "ARFF", f["Format"])
	assert.Equal(t, "Public", f["Licence"])
	assert.Equal(t, "2014-04-06 23:23", f["Upload date"], "to the minute, without the T")
	assert.Equal(t, "class", f["Default target"])
	assert.Equal(t, "R.A. Fisher", f["Creator"])
	assert.Equal(t, "https://archive.ics.uci.edu/ml/citation_policy.html", f["Citation"])
	assert.Equal(t, "https://www.openml.org/d/61", f["OpenML page"])
	assert.Empty(t, sdktest.All[*sdk.Notice](overview), "an active dataset needs no notice")
	assert.Empty(t, sdktest.Find[*sdk.Slot](t, overview, data.DataStatusSlot).Children, "filled by the features callback if the data cannot be read")

	feats := sdktest.Find[*sdk.Table](t, tab(t, page, "features"), data.FeaturesTable)
	require.Len(t, feats.Rows, 5)
	first := feats.Rows[0]
	assert.Equal(t, "class", first.Cells[0].Text)
	assert.True(t, first.Emphasis)
	assert.Equal(t, "nominal", first.Cells[1].Text)
	assert.Equal(t, 3.0, first.Cells[3].Number)
	assert.True(t, first.Cells[4].Flag)
	assert.Equal(t, "sepallength", feats.Rows[1].Cells[0].Text)
	for _, r := range feats.Rows[1:] {
		assert.False(t, r.Emphasis)
		assert.True(t, r.Cells[3].Missing, "numeric features have no categories")
		assert.False(t, r.Cells[4].Flag)
	}
	assert.Equal(t, []int{0, 1, 2, 3, 4}, feats.SelectedRows)
	assert.Equal(t, sdk.SelectMulti, feats.Selection)
	assert.True(t, feats.Sortable)
	assert.True(t, feats.Filterable)
	sdktest.Find[*sdk.Slot](t, tab(t, page, "features"), data.SummarySlot)
	target := sdktest.Find[*sdk.Select](t, tab(t, page, "features"), data.TargetSelect)
	assert.Equal(t, []string{"class"}, target.Values)
	assert.Equal(t, sdk.Options(data.NoTarget, "sepallength", "sepalwidth", "petallength", "petalwidth", "class"), target.Options)
	require.Len(t, page.Callbacks, 9)
	assert.Equal(t, []sdk.Callback{{
		ID:      data.FeaturesCallback,
		Inputs:  []sdk.PropRef{sdk.Input(data.TargetSelect, sdk.PropValue)},
		Outputs: []sdk.PropRef{sdk.Output(data.FeatureTableSlot, sdk.PropChildren), sdk.Output(data.DataStatusSlot, sdk.PropChildren)},
	}, {
		ID:      data.SummaryCallback,
		Inputs:  []sdk.PropRef{sdk.Input(data.FeaturesTable, sdk.PropSelectedRows)},
		State:   []sdk.PropRef{sdk.State(data.TargetSelect, sdk.PropValue)},
		Outputs: []sdk.PropRef{sdk.Output(data.SummarySlot, sdk.PropChildren)},
	}}, page.Callbacks[:2])
	var ids []string
	for _, cb := range page.Callbacks[2:] {
		ids = append(ids, cb.ID)
	}
	assert.Equal(t, []string{data.DistCallback, data.ImportanceCallback, data.ImportanceClickCallback, data.InteractionsCallback, data.ScatterCallback, data.TasksCallback, data.TaskRunsCallback}, ids)
	sdktest.Find[*sdk.Chart](t, tab(t, page, "importance"), data.ImportanceChart) // named by the click callback, so there from the start

	patch, err := h.Callback(summaryRequest(ref, "class", 1, 0))
	require.NoError(t, err)
	text, ok := summaryText(t, patch).(*sdk.Text)
	require.True(t, ok)
	assert.Equal(t, "Selected: sepallength (numeric), class (nominal)", text.Markdown)
}

func TestLayout_synthetic(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, data.New(), sdktest.Answers(map[string][]byte{
		"data/9": description(9, "active"), "data/features/9": weather,
	}))
	page, err := h.Layout(dataRef)
	require.NoError(t, err)
	assert.Equal(t, "weather (version 2)", page.Title)
	f := facts(t, page)
	assert.Equal(t, "play", f["Default target"])
	assert.Equal(t, "https://www.openml.org/d/9", f["OpenML page"])
	assert.NotContains(t, f, "Citation", "empty fields are left out")

	children := tab(t, page, "features")
	assert.True(t, strings.HasPrefix(sdktest.All[*sdk.Text](children)[0].Markdown, "7 features: 2 nominal, 4 numeric, 1 string. From OpenML's feature list"))
	tb := sdktest.Find[*sdk.Table](t, children, data.FeaturesTable)
	var names []string
	for _, c := range column(tb, "name") {
		names = append(names, c.Text)
	}
	assert.Equal(t, []string{"play", "outlook", "temperature", "humidity", "wind_speed", "pressure", "station"}, names, "target first, then the server's order")
	assert.True(t, tb.Rows[0].Emphasis)
	assert.False(t, tb.Rows[1].Emphasis)

	var levels []int
	var missing []float64
	for _, c := range column(tb, "missing") {
		levels = append(levels, c.StyleLevel)
		missing = append(missing, c.Number)
	}
	assert.Equal(t, []float64{0, 0, 5, 11, 51, 101, 10}, missing)
	assert.Equal(t, []int{0, 0, 1, 2, 3, 4, 1}, levels)

	cats := column(tb, "categories")
	assert.Equal(t, 2.0, cats[0].Number)
	assert.Equal(t, 3.0, cats[1].Number)
	assert.True(t, cats[2].Missing)
	assert.True(t, cats[6].Missing, "string features have no categories")
	assert.Equal(t, []int{0, 1, 2, 3, 4}, tb.SelectedRows, "the first five rows start selected")
}

// TestLayout_featureFailures: with neither OpenML's feature list nor the
// data, the overview says why once; the Features tab points there.
func TestLayout_featureFailures(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		answers map[string][]byte
		detail  string
	}{
		"OpenML error": {
			answers: map[string][]byte{"data/9": description(9, "active"), "data/features/9": []byte(apiError)},
			detail:  "features of dataset 9: OpenML answered with error 274: No features found",
		},
		"not available": {
			answers: map[string][]byte{"data/9": description(9, "active")},
			detail:  "features of dataset 9: sdktest: no answer for data/features/9",
		},
		"malformed": {
			answers: map[string][]byte{"data/9": description(9, "active"), "data/features/9": []byte("<oml:data_features " + ns + "><oml:feature>")},
			detail:  "ends in the middle of the XML",
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			h := sdktest.Run(t, data.New(), sdktest.Answers(c.answers))
			page, err := h.Layout(dataRef)
			require.NoError(t, err, "a features failure costs only the features tab")
			assert.Equal(t, "weather (version 2)", page.Title)
			assert.NotEmpty(t, facts(t, page), "the overview still shows")

			status := sdktest.Find[*sdk.Slot](t, tab(t, page, "overview"), data.DataStatusSlot).Children
			require.Len(t, status, 1)
			notice, ok := status[0].(*sdk.Notice)
			require.True(t, ok, "got %T", status[0])
			assert.Equal(t, sdk.Warning, notice.Level)
			assert.Contains(t, notice.Detail, c.detail)
			assert.Contains(t, notice.Detail, "its description names no data file")

			children := tab(t, page, "features")
			require.Len(t, children, 1)
			pointer, ok := children[0].(*sdk.Notice)
			require.True(t, ok, "got %T", children[0])
			assert.Equal(t, "The feature table needs the data file or OpenML's feature list, which could not be read: see the Overview tab.", pointer.Summary)
			assert.Empty(t, pointer.Detail, "the cause is said once, on the overview")
			var ids []string
			for _, cb := range page.Callbacks {
				ids = append(ids, cb.ID)
			}
			assert.Equal(t, []string{data.TasksCallback, data.TaskRunsCallback}, ids, "no feature table, so no callback on it; the tasks do not need the data")
		})
	}
}

func TestLayout_descriptionFailures(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		answers map[string][]byte
		want    string
	}{
		"OpenML error": {map[string][]byte{"data/9": []byte(`<oml:error ` + ns + `><oml:code>111</oml:code><oml:message>Unknown dataset</oml:message></oml:error>`)},
			"dataset 9: OpenML answered with error 111: Unknown dataset"},
		"not available": {map[string][]byte{"data/features/9": weather}, "dataset 9: sdktest: no answer for data/9"},
		"wrong answer":  {map[string][]byte{"data/9": weather}, "dataset 9: dataset description: expected an <oml:data_set_description> answer, got <data_features>"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			h := sdktest.Run(t, data.New(), sdktest.Answers(c.answers))
			_, err := h.Layout(dataRef)
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}

func TestLayout_statusNotice(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, data.New(), sdktest.Answers(map[string][]byte{
		"data/9": description(9, "in_preparation"), "data/features/9": weather,
	}))
	page, err := h.Layout(dataRef)
	require.NoError(t, err)
	notices := sdktest.All[*sdk.Notice](tab(t, page, "overview"))
	require.Len(t, notices, 1)
	assert.Equal(t, sdk.Info, notices[0].Level)
	assert.Equal(t, "This dataset is in preparation", notices[0].Summary)
}

func TestLayout_noWebsite(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, data.New(), sdktest.Answers(map[string][]byte{
		"data/9": description(9, "active"), "data/features/9": weather,
	}))
	page, err := h.Layout(sdk.EntityRef{Server: "demo", Kind: sdk.KindData, ID: 9})
	require.NoError(t, err)
	assert.NotContains(t, facts(t, page), "OpenML page", "a server without a website gets no link")
}

func TestSummary(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		rows []int64
		want string
	}{
		"target and more": {[]int64{0, 1, 4}, "Selected: play (nominal), outlook (nominal), wind\\_speed (numeric)"},
		"none":            {nil, "No features selected: select rows in the table to list them here."},
		"out of range":    {[]int64{2, 7, -1}, "Selected: temperature (numeric) (2 selected rows are not in the table; the features may have changed: reopen the page.)"},
		"only outside":    {[]int64{70}, "No features selected. (1 selected rows are not in the table; the features may have changed: reopen the page.)"},
	}
	h := sdktest.Run(t, data.New(), sdktest.Answers(map[string][]byte{"data/features/9": weather}))
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			patch, err := h.Callback(summaryRequest(dataRef, "play", c.rows...))
			require.NoError(t, err)
			text, ok := summaryText(t, patch).(*sdk.Text)
			require.True(t, ok)
			assert.Equal(t, c.want, text.Markdown)
		})
	}
}

func TestSummary_featuresFail(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, data.New(), sdktest.Answers(map[string][]byte{"data/features/9": []byte(apiError)}))
	patch, err := h.Callback(summaryRequest(dataRef, "play", 0))
	require.NoError(t, err, "a failing part answers with a Notice")
	notice, ok := summaryText(t, patch).(*sdk.Notice)
	require.True(t, ok)
	assert.Equal(t, sdk.Warning, notice.Level)
	assert.Contains(t, notice.Detail, "dataset 9", "with no feature list, the data is tried, and its failure told")
}

func TestCallback_unknown(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, data.New(), sdktest.Answers(nil))
	_, err := h.Callback(&sdk.CallbackRequest{Ref: dataRef, ID: "nope"})
	assert.ErrorContains(t, err, `no handler for callback "nope"`)
}
