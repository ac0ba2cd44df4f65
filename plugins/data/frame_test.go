package data_test

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/internal/recordings"
	"github.com/openml-dash/openml-dash/plugins/data"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

// weatherARFF is the data of the weather features: outlook has 3 values
// over 6 rows (entropy ln 3 with 2 of each), temperature 1 missing.
const weatherARFF = `@relation weather
@attribute outlook {sunny,rainy,overcast}
@attribute temperature numeric
@attribute humidity numeric
@attribute play {yes,no}
@attribute wind_speed numeric
@attribute pressure numeric
@attribute station string
@data
sunny,85,85,no,1,1000,a
sunny,?,90,no,2,1001,b
rainy,83,86,yes,3,1002,c
rainy,70,96,yes,4,1003,d
overcast,68,80,yes,5,1004,e
overcast,65,70,no,6,1005,f
`

func withURL(desc []byte) []byte {
	return append(desc[:len(desc)-len("</oml:data_set_description>")], []byte("<oml:url>https://www.openml.org/data/download/9/weather.arff</oml:url></oml:data_set_description>")...)
}

func featuresRequest(ref sdk.EntityRef, target string) *sdk.CallbackRequest {
	return &sdk.CallbackRequest{Ref: ref, ID: data.FeaturesCallback,
		Inputs: []sdk.Arg{{Ref: sdk.Input(data.TargetSelect, sdk.PropValue), Value: sdk.StrValue(target)}}}
}

// slotTable is what a features callback put in the feature table slot,
// and its table.
func slotTable(t *testing.T, p *sdk.Patch) ([]sdk.Component, *sdk.Table) {
	t.Helper()
	require.Len(t, p.Outputs, 2, "the feature table and the overview's data status")
	cs := output(t, p, data.FeatureTableSlot)
	return cs, sdktest.Find[*sdk.Table](t, cs, data.FeaturesTable)
}

// output is what a patch put in slot.
func output(t *testing.T, p *sdk.Patch, slot string) []sdk.Component {
	t.Helper()
	for _, o := range p.Outputs {
		if o.Ref == sdk.Output(slot, sdk.PropChildren) {
			return o.Value.Children()
		}
	}
	t.Fatalf("no output to %s in %+v", slot, p.Outputs)
	return nil
}

func TestFeatureTable_fromData(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, data.New(), sdktest.Answers(map[string][]byte{
		"data/9": withURL(description(9, "active")), "data/features/9": weather,
		"data/download/9/weather.arff": []byte(weatherARFF),
	}))
	patch, err := h.Callback(featuresRequest(dataRef, "play"))
	require.NoError(t, err)
	cs, tb := slotTable(t, patch)
	assert.Contains(t, sdktest.All[*sdk.Text](cs)[0].Markdown, "Computed on all 6 rows.")
	var names []string
	for _, c := range column(tb, "name") {
		names = append(names, c.Text)
	}
	assert.Equal(t, []string{"play", "outlook", "temperature", "humidity", "wind_speed", "pressure", "station"}, names)
	missing := column(tb, "missing")
	assert.Equal(t, 1.0, missing[2].Number, "counted in the data, not taken from OpenML's list (5)")
	assert.Equal(t, 1, missing[2].StyleLevel)
	entropy := column(tb, "entropy")
	assert.Equal(t, 0.69, entropy[0].Number, "play: 3 yes, 3 no: ln 2 to 2 decimals")
	assert.Equal(t, 1.1, entropy[1].Number, "outlook: ln 3 = 1.0986 to 2 decimals")
	assert.True(t, entropy[2].Missing, "numeric features have no entropy")

	patch, err = h.Callback(featuresRequest(dataRef, "outlook"))
	require.NoError(t, err)
	_, tb = slotTable(t, patch)
	assert.Equal(t, "outlook", column(tb, "name")[0].Text, "another target moves to the top")
	assert.True(t, tb.Rows[0].Emphasis)

	patch, err = h.Callback(featuresRequest(dataRef, data.NoTarget))
	require.NoError(t, err)
	_, tb = slotTable(t, patch)
	assert.Equal(t, "outlook", column(tb, "name")[0].Text, "no target: the file's order")
	for _, r := range tb.Rows {
		assert.False(t, r.Emphasis)
	}
}

// TestFeatureTable_dataFileMissing: the overview says why the data file
// could not be read; the table keeps OpenML's feature list and says so in
// its one line, without the cause.
func TestFeatureTable_dataFileMissing(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, data.New(), sdktest.Answers(map[string][]byte{
		"data/9": withURL(description(9, "active")), "data/features/9": weather,
	}))
	patch, err := h.Callback(featuresRequest(dataRef, "play"))
	require.NoError(t, err, "a missing data file is a notice, not a failure")
	status := output(t, patch, data.DataStatusSlot)
	require.Len(t, status, 1)
	n := status[0].(*sdk.Notice)
	assert.Equal(t, "The data file could not be read", n.Summary)
	assert.Contains(t, n.Detail, "no answer for data/download/9/weather.arff")
	assert.Contains(t, n.Detail, "OpenML's feature list instead")

	cs, tb := slotTable(t, patch)
	assert.Empty(t, sdktest.All[*sdk.Notice](cs), "the overview has the notice")
	assert.Equal(t, "7 features: 2 nominal, 4 numeric, 1 string. From OpenML's feature list, as the data file could not be read (see the Overview tab): no entropy, and missing values as OpenML counted them.",
		sdktest.All[*sdk.Text](cs)[0].Markdown)
	assert.Len(t, tb.Rows, 7)
	assert.Equal(t, 5.0, column(tb, "missing")[2].Number, "OpenML's count")

	sum := md5.Sum([]byte(weatherARFF))
	h = sdktest.Run(t, data.New(), sdktest.Answers(map[string][]byte{
		"data/9": withMD5(withURL(description(9, "active")), hex.EncodeToString(sum[:])), "data/features/9": weather, "data/download/9/weather.arff": []byte(weatherARFF),
	}))
	patch, err = h.Callback(featuresRequest(dataRef, "play"))
	require.NoError(t, err)
	assert.Empty(t, output(t, patch, data.DataStatusSlot), "read and verified: nothing to say")

	// test-server d/4 (balance-scale) says NotApplicable: the page works,
	// and says the file was not verified.
	h = sdktest.Run(t, data.New(), sdktest.Answers(map[string][]byte{
		"data/9": withMD5(withURL(description(9, "active")), "NotApplicable"), "data/features/9": weather, "data/download/9/weather.arff": []byte(weatherARFF),
	}))
	patch, err = h.Callback(featuresRequest(dataRef, "play"))
	require.NoError(t, err)
	_, tb = slotTable(t, patch)
	assert.Len(t, tb.Rows, 7, "the table is computed from the data")
	status = output(t, patch, data.DataStatusSlot)
	require.Len(t, status, 1)
	n = status[0].(*sdk.Notice)
	assert.Equal(t, sdk.Info, n.Level)
	assert.Equal(t, "The data file was not verified", n.Summary)
	assert.Contains(t, n.Detail, `md5_checksum "NotApplicable"`)
}

// withMD5 gives a description an md5_checksum.
func withMD5(desc []byte, sum string) []byte {
	end := "</oml:data_set_description>"
	return append(desc[:len(desc)-len(end)], []byte("<oml:md5_checksum>"+sum+"</oml:md5_checksum>"+end)...)
}

func TestLayout_localFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "weather.arff")
	require.NoError(t, os.WriteFile(path, []byte(weatherARFF), 0o644))
	ref := sdk.LocalFileRef(path)
	modified := time.Date(2021, 5, 6, 7, 8, 9, 0, time.Local)
	require.NoError(t, os.Chtimes(path, modified, modified))
	// As the host describes a local file: a made-up status, and the
	// modification time as the upload date.
	desc := []byte(`<oml:data_set_description ` + ns + `><oml:id>0</oml:id><oml:name>weather</oml:name><oml:version>1</oml:version>
<oml:description>Local file ` + "`" + path + "`" + ` (0.0 MB), not on an OpenML server.</oml:description>
<oml:format>ARFF</oml:format><oml:upload_date>2021-05-06T07:08:09</oml:upload_date><oml:url>file://` + path + `</oml:url><oml:status>active</oml:status></oml:data_set_description>`)
	h := sdktest.Run(t, data.New(), &sdktest.Host{FetchFunc: func(_ context.Context, req sdk.FetchRequest) (*sdk.FetchResponse, error) {
		switch {
		case req.Path == "data/0":
			return &sdk.FetchResponse{Body: desc}, nil
		case req.URL == "file://"+path && req.AsFile:
			return &sdk.FetchResponse{FilePath: path}, nil
		}
		return nil, &sdk.FetchError{Code: sdk.FetchNotFound, Message: "no " + req.Path}
	}})
	page, err := h.Layout(ref)
	require.NoError(t, err)
	assert.Equal(t, "weather", page.Title, "a file has no OpenML version")
	children := tab(t, page, "features")
	target := sdktest.Find[*sdk.Select](t, children, data.TargetSelect)
	assert.Equal(t, []string{"pressure"}, target.Values, "with no default target, the last attribute that is not a string")
	tb := sdktest.Find[*sdk.Table](t, children, data.FeaturesTable)
	assert.Equal(t, "pressure", column(tb, "name")[0].Text)
	assert.Equal(t, 1.0, column(tb, "missing")[2].Number)
	f := facts(t, page)
	assert.NotContains(t, f, "OpenML page", "a local file has no OpenML page")
	assert.NotContains(t, f, "Instances", "the numbers lead the overview, once")
	texts := sdktest.All[*sdk.Text](page.Tabs[0].Children)
	require.NotEmpty(t, texts)
	assert.Equal(t, "**6** instances · **7** features · **1** missing values", texts[0].Markdown,
		"counted in the data; no classes: the default target, pressure, is numeric")

	// Only what is true of a file: it was never uploaded, and has no status.
	assert.NotContains(t, f, "Status")
	assert.NotContains(t, f, "Upload date")
	assert.Equal(t, "weather.arff", f["File name"])
	assert.Equal(t, path, f["Path"])
	assert.Equal(t, fmt.Sprintf("%d bytes", len(weatherARFF)), f["Size"])
	assert.Equal(t, "ARFF", f["Format"])
	assert.Equal(t, "2021-05-06 07:08", f["Modified"])
	for _, text := range sdktest.All[*sdk.Text](tab(t, page, "overview")) {
		assert.NotContains(t, text.Markdown, path, "the path is said once, in the facts")
	}
}

// TestLayout_noFeatureListUsesData: with no feature list (www d/1 has its
// description and ARFF recorded, not its features), the data gives the table.
func TestLayout_noFeatureListUsesData(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, data.New(), sdktest.Answers(map[string][]byte{
		"data/9": withURL(description(9, "active")), "data/download/9/weather.arff": []byte(weatherARFF),
	}))
	page, err := h.Layout(dataRef)
	require.NoError(t, err)
	children := tab(t, page, "features")
	assert.Empty(t, sdktest.All[*sdk.Notice](children))
	tb := sdktest.Find[*sdk.Table](t, children, data.FeaturesTable)
	assert.Equal(t, "play", column(tb, "name")[0].Text, "the description's target first")
	assert.Equal(t, 0.69, column(tb, "entropy")[0].Number)
	assert.Len(t, page.Callbacks, 9, "weather has 4 numeric and 2 nominal features: a scatter plot too; and the Tasks tab's two")
}

// TestLayout_numbersFromQualities: the overview's numbers come from
// OpenML's qualities (test-server anneal: 898 instances, 39 features, 5
// classes, 22175 missing values).
func TestLayout_numbersFromQualities(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, data.New(), sdktest.Recorded(recordings.Require(t, "test")))
	page, err := h.Layout(sdk.EntityRef{Server: "https://test.openml.org", Kind: sdk.KindData, ID: 1})
	require.NoError(t, err)
	f := facts(t, page)
	for _, said := range []string{"Instances", "Features", "Classes", "Missing values"} {
		assert.NotContains(t, f, said, "the numbers are said once, above the description")
	}
	assert.Equal(t, "overview", page.Tabs[0].ID, "the overview comes first")
	texts := sdktest.All[*sdk.Text](page.Tabs[0].Children)
	require.NotEmpty(t, texts)
	assert.Equal(t, "**898** instances · **39** features · **5** classes · **22175** missing values", texts[0].Markdown, "the numbers lead the overview")
}

// TestLayout_unreadableLocalFile: a local file that is not data makes the
// page's own error notice, with the reader's line number, said once above
// the tabs (render exits non-zero with it); the tabs only point to it.
func TestLayout_unreadableLocalFile(t *testing.T) {
	t.Parallel()
	h, ref := localFile(t, "broken", "@relation r\n@attribute a numeric\n@attribute b {x,y}\n@data\n1,x\n2,z\n")
	page, err := h.Layout(ref)
	require.NoError(t, err)
	require.NotNil(t, page.Notice, "the page says the file could not be read")
	assert.Equal(t, sdk.Error, page.Notice.Level)
	assert.Equal(t, "The file could not be read", page.Notice.Summary)
	assert.Contains(t, page.Notice.Detail, "line 6", "the reader's position")
	for _, tb := range page.Tabs {
		for _, n := range sdktest.All[*sdk.Notice](tb.Children) {
			assert.NotContains(t, n.Summary+n.Detail, "line 6", "tab %s repeats the cause", tb.ID)
		}
	}
}
