package flow_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/internal/recordings"
	"github.com/openml-dash/openml-dash/plugins/flow"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

const ns = `xmlns:oml="http://openml.org/openml"`

const pipelineXML = `<oml:flow ` + ns + `>
  <oml:id>20</oml:id><oml:uploader>3</oml:uploader><oml:name>toy.Pipeline</oml:name><oml:version>4</oml:version>
  <oml:description>Scales, then fits a tree.</oml:description>
  <oml:upload_date>2022-02-02T02:02:02</oml:upload_date><oml:language>English</oml:language>
  <oml:dependencies>toy==1.0</oml:dependencies>
  <oml:parameter><oml:name>memory</oml:name><oml:data_type>string</oml:data_type><oml:default_value>null</oml:default_value><oml:description>Cache folder</oml:description></oml:parameter>
  <oml:parameter><oml:name>steps</oml:name></oml:parameter>
  <oml:component><oml:identifier>prep</oml:identifier>
    <oml:flow><oml:id>21</oml:id><oml:name>toy.Union</oml:name><oml:version>1</oml:version>
      <oml:component><oml:identifier>scale</oml:identifier><oml:flow><oml:id>22</oml:id><oml:name>toy.Scaler</oml:name>
        <oml:parameter><oml:name>gamma</oml:name><oml:default_value>1</oml:default_value></oml:parameter>
        <oml:component><oml:identifier>deep</oml:identifier><oml:flow><oml:id>24</oml:id><oml:name>toy.Deep</oml:name></oml:flow></oml:component>
      </oml:flow></oml:component>
    </oml:flow></oml:component>
  <oml:component><oml:identifier>tree</oml:identifier><oml:flow><oml:id>23</oml:id><oml:name>toy.Tree</oml:name><oml:version>2</oml:version>
    <oml:parameter><oml:name>depth</oml:name><oml:default_value>3</oml:default_value></oml:parameter></oml:flow></oml:component>
  <oml:tag>toy</oml:tag>
</oml:flow>`

var flowRef = sdk.EntityRef{Server: "https://test.openml.org", Kind: sdk.KindFlow, ID: 20}

func table(t *testing.T, p *sdk.Page, id string) *sdk.Table {
	t.Helper()
	var found *sdk.Table
	sdk.Walk(p.Tabs[0].Children, func(c sdk.Component) bool {
		if tb, ok := c.(*sdk.Table); ok && tb.ID == id {
			found = tb
		}
		return true
	})
	require.NotNil(t, found, "no table %q", id)
	return found
}

func hasTable(p *sdk.Page, id string) bool {
	found := false
	sdk.Walk(p.Tabs[0].Children, func(c sdk.Component) bool {
		found = found || c.ComponentID() == id
		return true
	})
	return found
}

func fields(t *testing.T, p *sdk.Page) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, r := range table(t, p, flow.DescriptionTable).Rows {
		out[r.Cells[0].Text] = r.Cells[1].Text
	}
	return out
}

func texts(p *sdk.Page) []string {
	var out []string
	sdk.Walk(p.Tabs[0].Children, func(c sdk.Component) bool {
		if tx, ok := c.(*sdk.Text); ok {
			out = append(out, tx.Markdown)
		}
		return true
	})
	return out
}

func TestManifest(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, flow.New(), sdktest.Answers(nil))
	assert.Equal(t, sdk.Manifest{Name: "flow", Version: "0.2.0", Kinds: []sdk.Kind{sdk.KindFlow}, Order: sdk.OrderCore}, h.Manifest)
}

func TestLayout_recorded5270(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, flow.New(), sdktest.Recorded(recordings.Require(t, "www")))
	page, err := h.Layout(sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindFlow, ID: 5270})
	require.NoError(t, err)
	assert.Equal(t, "mlr.classif.randomForest.filtered", page.Title)

	f := fields(t, page)
	assert.Equal(t, "1", f["Version"])
	assert.Equal(t, "user 348", f["Uploader"])
	assert.Equal(t, "2016-09-06 19:03", f["Upload date"])
	assert.Equal(t, "English", f["Language"])
	assert.Equal(t, "R_3.3.0, OpenML_1.0, randomForest_4.6.12", f["Dependencies"])
	assert.NotContains(t, f, "Description", "the description is markdown above the table")
	assert.Equal(t, "Learner mlr.classif.randomForest.filtered from package(s) randomForest.", texts(page)[0])
	assert.Equal(t, "https://www.openml.org/f/5270", f["OpenML page"])

	params := table(t, page, flow.ParametersTable)
	require.Len(t, params.Rows, 37, "21 of its own, 16 of its component")
	assert.True(t, params.Rows[20].Cells[4].Missing, "the flow's own")
	assert.Equal(t, "randomForest", params.Rows[21].Cells[4].Text, "the component's, by path")
	seed := params.Rows[18].Cells
	assert.Equal(t, "openml.seed", seed[0].Text)
	assert.Equal(t, "discrete", seed[1].Text)
	assert.Equal(t, "1", seed[2].Text)
	assert.True(t, seed[3].Missing, "an empty description is a missing cell")
	assert.True(t, params.Rows[0].Cells[2].Missing, "no default")

	comps := table(t, page, flow.ComponentsTable)
	require.Len(t, comps.Rows, 1)
	assert.Equal(t, "randomForest", comps.Rows[0].Cells[0].Text)
	assert.Equal(t, "randomForest", comps.Rows[0].Cells[3].Text)
	assert.Equal(t, sdk.LinkCell("mlr.classif.randomForest", sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindFlow, ID: 5271}), comps.Rows[0].Cells[1])
	assert.Equal(t, "2", comps.Rows[0].Cells[2].Text)
}

func TestLayout_synthetic(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, flow.New(), sdktest.Answers(map[string][]byte{"flow/20": []byte(pipelineXML)}))
	page, err := h.Layout(flowRef)
	require.NoError(t, err)
	assert.Equal(t, "toy.Pipeline", page.Title)
	f := fields(t, page)
	assert.Equal(t, "toy==1.0", f["Dependencies"])
	assert.Equal(t, "toy", f["Tags"])
	assert.NotContains(t, f, "Licence", "empty fields are left out")

	assert.Equal(t, "Scales, then fits a tree.", texts(page)[0], "the description, as markdown")
	params := table(t, page, flow.ParametersTable)
	require.Len(t, params.Rows, 4)
	assert.Equal(t, []string{"gamma", "prep/scale"}, []string{params.Rows[2].Cells[0].Text, params.Rows[2].Cells[4].Text})
	assert.Equal(t, []string{"depth", "tree"}, []string{params.Rows[3].Cells[0].Text, params.Rows[3].Cells[4].Text})
	assert.Equal(t, []string{"memory", "string", "null", "Cache folder"}, []string{
		params.Rows[0].Cells[0].Text, params.Rows[0].Cells[1].Text, params.Rows[0].Cells[2].Text, params.Rows[0].Cells[3].Text,
	})
	assert.True(t, params.Rows[1].Cells[1].Missing)

	comps := table(t, page, flow.ComponentsTable)
	var tree, paths []string
	var links []sdk.EntityRef
	for _, r := range comps.Rows {
		tree = append(tree, r.Cells[0].Text)
		paths = append(paths, r.Cells[3].Text)
		links = append(links, r.Cells[1].Link)
	}
	assert.Equal(t, []string{"prep", "└── scale", "└──── deep", "tree"}, tree, "a tree, depth first")
	assert.Equal(t, []string{"prep", "prep/scale", "prep/scale/deep", "tree"}, paths)
	for i, id := range []int64{21, 22, 24, 23} {
		assert.Equal(t, sdk.EntityRef{Server: "https://test.openml.org", Kind: sdk.KindFlow, ID: id}, links[i])
	}
	assert.True(t, comps.Rows[1].Cells[2].Missing, "toy.Scaler has no version")
	assert.Equal(t, "toy.Deep", comps.Rows[2].Cells[1].Text)
}

func TestLayout_bare(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, flow.New(), sdktest.Answers(map[string][]byte{
		"flow/20": []byte(`<oml:flow ` + ns + `><oml:id>20</oml:id><oml:name>bare</oml:name></oml:flow>`),
	}))
	page, err := h.Layout(sdk.EntityRef{Server: "demo", Kind: sdk.KindFlow, ID: 20})
	require.NoError(t, err)
	assert.False(t, hasTable(page, flow.ParametersTable))
	assert.False(t, hasTable(page, flow.ComponentsTable))
	assert.Equal(t, []string{"This flow declares no parameters.", "This flow has no components."}, texts(page))
	assert.NotContains(t, fields(t, page), "OpenML page")
}

func TestLayout_fails(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		answers map[string][]byte
		want    string
	}{
		"missing":      {nil, "flow 20: sdktest: no answer for flow/20"},
		"OpenML error": {map[string][]byte{"flow/20": []byte(`<oml:error ` + ns + `><oml:code>181</oml:code><oml:message>Unknown flow</oml:message></oml:error>`)}, "flow 20: OpenML answered with error 181: Unknown flow"},
		"malformed":    {map[string][]byte{"flow/20": []byte(`<oml:flow ` + ns + `><oml:id>20</oml:id>`)}, "flow 20: flow description: the answer ends in the middle of the XML"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			h := sdktest.Run(t, flow.New(), sdktest.Answers(c.answers))
			_, err := h.Layout(flowRef)
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}
