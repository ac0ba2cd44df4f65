package data_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/internal/recordings"
	"github.com/openml-dash/openml-dash/plugins/data"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

// localHost answers like the host for a local file: data/0 is a
// description naming the file, and the file is read where it is.
func localHost(path, name string) *sdktest.Host {
	desc := []byte(`<oml:data_set_description ` + ns + `><oml:id>0</oml:id><oml:name>` + name + `</oml:name><oml:version>1</oml:version>
<oml:format>ARFF</oml:format><oml:url>file://` + path + `</oml:url><oml:status>active</oml:status></oml:data_set_description>`)
	return &sdktest.Host{FetchFunc: func(_ context.Context, req sdk.FetchRequest) (*sdk.FetchResponse, error) {
		switch {
		case req.Path == "data/0":
			return &sdk.FetchResponse{Body: desc}, nil
		case req.URL == "file://"+path && req.AsFile:
			return &sdk.FetchResponse{FilePath: path}, nil
		}
		return nil, &sdk.FetchError{Code: sdk.FetchNotFound, Message: "no " + req.Path}
	}}
}

// iris opens the recorded iris ARFF as a local file, whose table rows are
// class (the last attribute, so the default target), sepallength,
// sepalwidth, petallength, petalwidth.
func iris(t *testing.T) (*sdktest.Harness, sdk.EntityRef) {
	t.Helper()
	path := filepath.Join(recordings.Require(t, "www"), "data", "download", "61", "dataset_61_iris.arff")
	return sdktest.Run(t, data.New(), localHost(path, "iris")), sdk.LocalFileRef(path)
}

func localFile(t *testing.T, name, content string) (*sdktest.Harness, sdk.EntityRef) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name+".arff")
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	return sdktest.Run(t, data.New(), localHost(path, name)), sdk.LocalFileRef(path)
}

func distRequest(ref sdk.EntityRef, target, mode, bars string, rows ...int64) *sdk.CallbackRequest {
	return &sdk.CallbackRequest{Ref: ref, ID: data.DistCallback, Inputs: []sdk.Arg{
		{Ref: sdk.Input(data.FeaturesTable, sdk.PropSelectedRows), Value: sdk.IntsValue(rows)},
		{Ref: sdk.Input(data.TargetSelect, sdk.PropValue), Value: sdk.StrValue(target)},
		{Ref: sdk.Input(data.DistModeRadio, sdk.PropValue), Value: sdk.StrValue(mode)},
		{Ref: sdk.Input(data.BarmodeRadio, sdk.PropValue), Value: sdk.StrValue(bars)},
	}}
}

func targetRequest(ref sdk.EntityRef, id, target string) *sdk.CallbackRequest {
	return &sdk.CallbackRequest{Ref: ref, ID: id, Inputs: []sdk.Arg{
		{Ref: sdk.Input(data.TargetSelect, sdk.PropValue), Value: sdk.StrValue(target)},
	}}
}

func interactionsRequest(ref sdk.EntityRef, target, kinds string) *sdk.CallbackRequest {
	return &sdk.CallbackRequest{Ref: ref, ID: data.InteractionsCallback, Inputs: []sdk.Arg{
		{Ref: sdk.Input(data.TargetSelect, sdk.PropValue), Value: sdk.StrValue(target)},
		{Ref: sdk.Input(data.InteractionsRadio, sdk.PropValue), Value: sdk.StrValue(kinds)},
	}}
}

func clickRequest(ref sdk.EntityRef, target string, click sdk.Value, selected ...int64) *sdk.CallbackRequest {
	return &sdk.CallbackRequest{Ref: ref, ID: data.ImportanceClickCallback,
		Inputs: []sdk.Arg{{Ref: sdk.Input(data.ImportanceChart, sdk.PropClickData), Value: click}},
		State: []sdk.Arg{
			{Ref: sdk.State(data.TargetSelect, sdk.PropValue), Value: sdk.StrValue(target)},
			{Ref: sdk.State(data.FeaturesTable, sdk.PropSelectedRows), Value: sdk.IntsValue(selected)},
		},
	}
}

func scatterRequest(ref sdk.EntityRef, x, y, colour string) *sdk.CallbackRequest {
	return &sdk.CallbackRequest{Ref: ref, ID: data.ScatterCallback, Inputs: []sdk.Arg{
		{Ref: sdk.Input(data.ScatterX, sdk.PropValue), Value: sdk.StrValue(x)},
		{Ref: sdk.Input(data.ScatterY, sdk.PropValue), Value: sdk.StrValue(y)},
		{Ref: sdk.Input(data.ScatterColour, sdk.PropValue), Value: sdk.StrValue(colour)},
	}}
}

// filled runs a callback and returns what it put in slot, its only
// children output.
func filled(t *testing.T, h *sdktest.Harness, req *sdk.CallbackRequest, slot string) []sdk.Component {
	t.Helper()
	p, err := h.Callback(req)
	require.NoError(t, err)
	require.False(t, p.PreventUpdate)
	for _, o := range p.Outputs {
		if o.Ref == sdk.Output(slot, sdk.PropChildren) {
			return o.Value.Children()
		}
	}
	t.Fatalf("no output to %s in %+v", slot, p.Outputs)
	return nil
}

func charts(cs []sdk.Component) []*sdk.Chart { return sdktest.All[*sdk.Chart](cs) }

func seriesY(c *sdk.Chart) map[string][]float64 {
	out := map[string][]float64{}
	for _, s := range c.Series {
		out[s.Name] = s.Y
	}
	return out
}

var irisClasses = []string{"Iris-setosa", "Iris-versicolor", "Iris-virginica"}

// TestDistributions_irisByTarget checks the histogram of petallength per
// class against numpy.histogram over the shared 20 bins.
func TestDistributions_irisByTarget(t *testing.T) {
	t.Parallel()
	h, ref := iris(t)
	cs := filled(t, h, distRequest(ref, "class", data.ModeByTarget, data.BarsGrouped, 3, 0, 1, 2, 4), data.DistSlot)
	assert.Empty(t, sdktest.All[*sdk.Notice](cs))
	cc := charts(cs)
	require.Len(t, cc, 5)
	var titles []string
	for _, c := range cc {
		titles = append(titles, c.Title)
	}
	assert.Equal(t, []string{"class", "sepallength", "sepalwidth", "petallength", "petalwidth"}, titles, "in table order, whatever the selection order")

	class := cc[0]
	assert.Equal(t, sdk.ChartBar, class.Kind)
	assert.Equal(t, irisClasses, class.X.Categories)
	assert.Equal(t, []float64{50, 0, 0}, seriesY(class)["Iris-setosa"])

	petal := cc[3]
	assert.Equal(t, sdk.ChartHistogram, petal.Kind)
	assert.Equal(t, sdk.BarModeGroup, petal.Barmode)
	assert.True(t, petal.Legend)
	require.Len(t, petal.Series, 3)
	// numpy.histogram(petallength[class == c], numpy.histogram_bin_edges(petallength, 20))
	want := map[string][]float64{
		"Iris-setosa":     {4, 33, 11, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
		"Iris-versicolor": {0, 0, 0, 0, 0, 0, 1, 2, 3, 5, 12, 13, 10, 4, 0, 0, 0, 0, 0, 0},
		"Iris-virginica":  {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 13, 6, 12, 7, 4, 2, 3},
	}
	assert.Equal(t, want, seriesY(petal))
	x := petal.Series[0].X
	require.Len(t, x, 21, "bin edges")
	assert.InDelta(t, 1.0, x[0], 1e-12)
	assert.InDelta(t, 6.9, x[20], 1e-12)

	cs = filled(t, h, distRequest(ref, "class", data.ModeByTarget, data.BarsStacked, 3), data.DistSlot)
	assert.Equal(t, sdk.BarModeStack, charts(cs)[0].Barmode)
}

// TestDistributions_numericTarget: a numeric target is cut into 5 ranges,
// as pandas.cut(sepallength, 5, right=False).
func TestDistributions_numericTarget(t *testing.T) {
	t.Parallel()
	h, ref := iris(t)
	// With sepallength the target, the table is sepallength, sepalwidth,
	// petallength, petalwidth, class.
	cs := filled(t, h, distRequest(ref, "sepallength", data.ModeByTarget, data.BarsStacked, 4), data.DistSlot)
	cc := charts(cs)
	require.Len(t, cc, 1)
	assert.Equal(t, "class", cc[0].Title)
	var names []string
	for _, s := range cc[0].Series {
		names = append(names, s.Name)
	}
	assert.Equal(t, []string{"[4.3, 5.02)", "[5.02, 5.74)", "[5.74, 6.46)", "[6.46, 7.18)", "[7.18, 7.904)"}, names)
	// pandas.crosstab(pandas.cut(sepallength, 5, right=False), class)
	assert.Equal(t, map[string][]float64{
		"[4.3, 5.02)":   {28, 3, 1},
		"[5.02, 5.74)":  {21, 18, 2},
		"[5.74, 6.46)":  {1, 20, 21},
		"[6.46, 7.18)":  {0, 9, 15},
		"[7.18, 7.904)": {0, 0, 11},
	}, seriesY(cc[0]))
}

func TestDistributions_individual(t *testing.T) {
	t.Parallel()
	h, ref := iris(t)
	cs := filled(t, h, distRequest(ref, "class", data.ModeIndividual, data.BarsStacked, 0, 1), data.DistSlot)
	cc := charts(cs)
	require.Len(t, cc, 2)
	assert.Equal(t, sdk.ChartBar, cc[0].Kind)
	assert.Equal(t, []float64{50, 50, 50}, cc[0].Series[0].Y)
	assert.False(t, cc[0].Legend)
	violin := cc[1]
	assert.Equal(t, sdk.ChartViolin, violin.Kind)
	assert.Equal(t, "sepallength (mean 5.843)", violin.Title, "numpy: 5.843333")
	require.Len(t, violin.Series, 1)
	assert.Len(t, violin.Series[0].Y, 150)
}

func TestDistributions_noTarget(t *testing.T) {
	t.Parallel()
	h, ref := iris(t)
	// No target: the table keeps the file's order, so row 2 is petallength.
	cs := filled(t, h, distRequest(ref, data.NoTarget, data.ModeByTarget, data.BarsStacked, 2), data.DistSlot)
	notices := sdktest.All[*sdk.Notice](cs)
	require.Len(t, notices, 1)
	assert.Equal(t, "No target: the distributions are not split", notices[0].Summary)
	cc := charts(cs)
	require.Len(t, cc, 1)
	assert.Equal(t, "petallength", cc[0].Title)
	require.Len(t, cc[0].Series, 1)
	sum := 0.0
	for _, y := range cc[0].Series[0].Y {
		sum += y
	}
	assert.Equal(t, 150.0, sum)
}

func TestDistributions_nothingSelected(t *testing.T) {
	t.Parallel()
	h, ref := iris(t)
	cs := filled(t, h, distRequest(ref, "class", data.ModeByTarget, data.BarsStacked), data.DistSlot)
	require.Len(t, cs, 1)
	assert.Contains(t, cs[0].(*sdk.Text).Markdown, "No features selected")
}

// TestDistributions_capped: more than data.MaxDistributions selected
// features draw the first ones and name the rest.
func TestDistributions_capped(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("@relation wide\n")
	for i := range 25 {
		fmt.Fprintf(&b, "@attribute f%02d numeric\n", i)
	}
	b.WriteString("@data\n")
	for r := range 4 {
		for i := range 25 {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, "%d", r*i)
		}
		b.WriteString("\n")
	}
	h, ref := localFile(t, "wide", b.String())
	rows := make([]int64, 25)
	for i := range rows {
		rows[i] = int64(i)
	}
	cs := filled(t, h, distRequest(ref, data.NoTarget, data.ModeByTarget, data.BarsStacked, rows...), data.DistSlot)
	assert.Len(t, charts(cs), data.MaxDistributions)
	var capped *sdk.Notice
	for _, n := range sdktest.All[*sdk.Notice](cs) {
		if strings.HasPrefix(n.Summary, "Showing") {
			capped = n
		}
	}
	require.NotNil(t, capped)
	assert.Equal(t, "Showing the first 20 of the 25 selected features", capped.Summary)
	assert.Contains(t, capped.Detail, "f20, f21, f22, f23, f24")
}

// TestDataFileMissing: www d/61's data file is not recorded. The page says
// why once, on the overview; each other part that needs the file says so
// in one line, without the cause, and none fails.
func TestDataFileMissing(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, data.New(), sdktest.Recorded(recordings.Require(t, "www")))
	ref := sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindData, ID: 61}
	page, err := h.Layout(ref)
	require.NoError(t, err)
	sdktest.Find[*sdk.Slot](t, tab(t, page, "overview"), data.DataStatusSlot)

	cases := []struct {
		req     *sdk.CallbackRequest
		slot    string
		summary string
	}{
		{featuresRequest(ref, "class"), data.FeatureTableSlot, ""},
		{distRequest(ref, "class", data.ModeByTarget, data.BarsStacked, 0, 1), data.DistSlot, "The distributions need the data file, which could not be read: see the Overview tab."},
		{targetRequest(ref, data.ImportanceCallback, "class"), data.ImportanceSlot, "Feature importance needs the data file, which could not be read: see the Overview tab."},
		{interactionsRequest(ref, "class", data.KindsAll), data.InteractionsSlot, "The feature interactions need the data file, which could not be read: see the Overview tab."},
		{scatterRequest(ref, "sepallength", "sepalwidth", "class"), data.ScatterSlot, "The scatter plot needs the data file, which could not be read: see the Overview tab."},
	}
	var said []string // every notice and text the callbacks put on the page
	for _, c := range cases {
		p, err := h.Callback(c.req)
		require.NoError(t, err, c.req.ID)
		for _, o := range p.Outputs {
			for _, n := range sdktest.All[*sdk.Notice](o.Value.Children()) {
				said = append(said, n.Summary+" "+n.Detail)
			}
			for _, tx := range sdktest.All[*sdk.Text](o.Value.Children()) {
				said = append(said, tx.Markdown)
			}
		}
		if c.summary == "" {
			continue
		}
		cs := filled(t, h, c.req, c.slot)
		require.Len(t, cs, 1, c.req.ID)
		n, ok := cs[0].(*sdk.Notice)
		require.True(t, ok, "got %T", cs[0])
		assert.Equal(t, sdk.Info, n.Level, "the warning is the overview's")
		assert.Equal(t, c.summary, n.Summary)
		assert.Empty(t, n.Detail, "one line")
	}
	mentions := 0
	for _, s := range said {
		mentions += strings.Count(s, "iris.arff")
	}
	assert.Equal(t, 1, mentions, "the missing file is named once: %q", said)
}

func TestImportance_iris(t *testing.T) {
	t.Parallel()
	h, ref := iris(t)
	cs := filled(t, h, targetRequest(ref, data.ImportanceCallback, "class"), data.ImportanceSlot)
	assert.Empty(t, sdktest.All[*sdk.Notice](cs))
	c := sdktest.Find[*sdk.Chart](t, cs, data.ImportanceChart)
	assert.Equal(t, sdk.ChartBar, c.Kind)
	assert.True(t, c.Horizontal)
	require.Len(t, c.X.Categories, 4)
	// scikit-learn's RandomForestClassifier(10, random_state=0) ranks the
	// petal features first (which of the two leads depends on the seed).
	assert.ElementsMatch(t, []string{"petallength", "petalwidth"}, c.X.Categories[:2])
	y := c.Series[0].Y
	sum := 0.0
	for i, v := range y {
		sum += v
		if i > 0 {
			assert.LessOrEqual(t, v, y[i-1], "sorted, most important first")
		}
	}
	assert.InDelta(t, 1, sum, 1e-9)
	assert.Empty(t, sdktest.All[*sdk.Text](cs), "150 rows: the forest is scikit-learn's, nothing to state")

	cs = filled(t, h, targetRequest(ref, data.ImportanceCallback, data.NoTarget), data.ImportanceSlot)
	require.Len(t, cs, 1)
	assert.Equal(t, "No target", cs[0].(*sdk.Notice).Summary)
}

// TestImportance_click: clicking a bar selects its feature's row in the
// feature table, added to the rows already selected (a user comparing
// features keeps them; one already selected stays), and shows its
// distribution beside the bars.
func TestImportance_click(t *testing.T) {
	t.Parallel()
	h, ref := iris(t)
	cs := filled(t, h, targetRequest(ref, data.ImportanceCallback, "class"), data.ImportanceSlot)
	ranked := sdktest.Find[*sdk.Chart](t, cs, data.ImportanceChart).X.Categories
	table := []string{"class", "sepallength", "sepalwidth", "petallength", "petalwidth"}
	for bar := range 4 {
		p, err := h.Callback(clickRequest(ref, "class", sdk.IntsValue([]int64{0, int64(bar)})))
		require.NoError(t, err)
		require.Len(t, p.Outputs, 2)
		assert.Equal(t, sdk.Output(data.FeaturesTable, sdk.PropSelectedRows), p.Outputs[0].Ref)
		rows := p.Outputs[0].Value.Ints()
		require.Len(t, rows, 1)
		assert.Equal(t, ranked[bar], table[rows[0]])
		detail := p.Outputs[1].Value.Children()
		cc := charts(detail)
		require.Len(t, cc, 1)
		assert.Equal(t, ranked[bar], cc[0].Title)
		assert.Len(t, cc[0].Series, 3, "split by class")
	}
	for name, click := range map[string]sdk.Value{
		"no click":     sdk.None,
		"outside":      sdk.IntsValue([]int64{0, 4}),
		"not a click":  sdk.IntsValue([]int64{1}),
		"negative bar": sdk.IntsValue([]int64{0, -1}),
	} {
		p, err := h.Callback(clickRequest(ref, "class", click))
		require.NoError(t, err, name)
		assert.True(t, p.PreventUpdate, name)
	}

	bar := slices.Index(ranked, "petallength")
	require.GreaterOrEqual(t, bar, 0)
	p, err := h.Callback(clickRequest(ref, "class", sdk.IntsValue([]int64{0, int64(bar)}), 0, 1, 2))
	require.NoError(t, err)
	assert.Equal(t, []int64{0, 1, 2, 3}, p.Outputs[0].Value.Ints(), "petallength (row 3) joins the three selected")
	texts := sdktest.All[*sdk.Text](p.Outputs[1].Value.Children())
	require.Len(t, texts, 1)
	assert.Contains(t, texts[0].Markdown, "is added to the features selected in the feature table (4 now)")

	p, err = h.Callback(clickRequest(ref, "class", sdk.IntsValue([]int64{0, int64(bar)}), 0, 3))
	require.NoError(t, err)
	assert.True(t, p.Outputs[0].NoUpdate, "already selected: the selection stays")
	texts = sdktest.All[*sdk.Text](p.Outputs[1].Value.Children())
	require.Len(t, texts, 1)
	assert.Contains(t, texts[0].Markdown, "is already selected in the feature table")
}

// TestImportance_allZero: when no tree can split the rows, every bar is
// empty, and the tab says why.
func TestImportance_allZero(t *testing.T) {
	t.Parallel()
	cases := map[string]struct{ arff, want string }{
		"constant features": {
			"@relation c\n@attribute x numeric\n@attribute y {a,b}\n@attribute class {p,q}\n@data\n1,a,p\n1,a,q\n1,a,p\n1,?,q\n",
			"Every feature the forest could use has a single value",
		},
		"constant target": {
			"@relation c\n@attribute x numeric\n@attribute y {a,b}\n@attribute class {p,q}\n@data\n1,a,p\n2,b,p\n3,a,p\n4,b,p\n",
			"The target class has a single value",
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			h, ref := localFile(t, "constant", c.arff)
			cs := filled(t, h, targetRequest(ref, data.ImportanceCallback, "class"), data.ImportanceSlot)
			for _, y := range sdktest.Find[*sdk.Chart](t, cs, data.ImportanceChart).Series[0].Y {
				require.Zero(t, y)
			}
			notices := sdktest.All[*sdk.Notice](cs)
			require.Len(t, notices, 1)
			assert.Equal(t, "Every feature's importance is 0", notices[0].Summary)
			assert.Contains(t, notices[0].Detail, c.want)
		})
	}
	h, ref := iris(t)
	assert.Empty(t, sdktest.All[*sdk.Notice](filled(t, h, targetRequest(ref, data.ImportanceCallback, "class"), data.ImportanceSlot)))
}

func TestInteractions_iris(t *testing.T) {
	t.Parallel()
	h, ref := iris(t)
	for _, kinds := range []string{data.KindsAll, data.KindsNumeric} {
		cs := filled(t, h, interactionsRequest(ref, "class", kinds), data.InteractionsSlot)
		cc := charts(cs)
		require.Len(t, cc, 1, kinds)
		m := cc[0]
		assert.Equal(t, sdk.ChartScatterMatrix, m.Kind)
		require.Len(t, m.Dimensions, 4)
		var dims []string
		for _, d := range m.Dimensions {
			dims = append(dims, d.Title)
		}
		assert.ElementsMatch(t, []string{"petallength", "petalwidth"}, dims[:2], "by importance")
		require.Len(t, m.Series, 3)
		for i, s := range m.Series {
			assert.Equal(t, irisClasses[i], s.Name)
			require.Len(t, s.Dims, 4)
			assert.Len(t, s.Dims[0], 50)
		}
		assert.Empty(t, sdktest.All[*sdk.Text](cs), "150 rows are not sampled")
	}
	cs := filled(t, h, interactionsRequest(ref, "class", data.KindsNominal), data.InteractionsSlot)
	require.Len(t, cs, 1)
	assert.Equal(t, "No nominal features", cs[0].(*sdk.Notice).Summary)

	cs = filled(t, h, interactionsRequest(ref, data.NoTarget, data.KindsAll), data.InteractionsSlot)
	assert.Equal(t, "No target", cs[0].(*sdk.Notice).Summary)
}

// TestInteractions_parallelCategories: with only nominal features chosen,
// the top features are drawn as parallel categories.
func TestInteractions_parallelCategories(t *testing.T) {
	t.Parallel()
	h, ref := localFile(t, "weather", weatherARFF)
	cs := filled(t, h, interactionsRequest(ref, "play", data.KindsNominal), data.InteractionsSlot)
	cc := charts(cs)
	require.Len(t, cc, 1)
	c := cc[0]
	assert.Equal(t, sdk.ChartParallelCategories, c.Kind)
	require.Len(t, c.Dimensions, 2, "outlook, and the target as the second dimension")
	assert.Equal(t, "outlook", c.Dimensions[0].Title)
	assert.Equal(t, []string{"sunny", "rainy", "overcast"}, c.Dimensions[0].Categories)
	assert.Equal(t, "play", c.Dimensions[1].Title)
	require.Len(t, c.Series, 2)
	assert.Equal(t, "yes", c.Series[0].Name)
	// yes: rainy, rainy, overcast (codes 1, 1, 2)
	assert.Equal(t, []float64{1, 1, 2}, c.Series[0].Dims[0])

	cs = filled(t, h, interactionsRequest(ref, "outlook", data.KindsNominal), data.InteractionsSlot)
	assert.Equal(t, sdk.ChartParallelCategories, charts(cs)[0].Kind, "play is the only other nominal feature")

	wide, wref := localFile(t, "numbers", "@relation n\n@attribute a numeric\n@attribute b numeric\n@data\n1,2\n2,3\n3,5\n")
	cs = filled(t, wide, interactionsRequest(wref, "b", data.KindsNominal), data.InteractionsSlot)
	assert.Equal(t, "No nominal features", cs[0].(*sdk.Notice).Summary)
	cs = filled(t, wide, interactionsRequest(wref, "b", data.KindsNumeric), data.InteractionsSlot)
	m := charts(cs)[0]
	assert.Equal(t, sdk.ChartScatterMatrix, m.Kind)
	assert.Equal(t, "a", m.Dimensions[0].Title)
}

func TestScatter(t *testing.T) {
	t.Parallel()
	h, ref := iris(t)
	page, err := h.Layout(ref)
	require.NoError(t, err)
	sc := tab(t, page, "scatter")
	assert.Equal(t, []string{"sepallength"}, sdktest.Find[*sdk.Select](t, sc, data.ScatterX).Values)
	assert.Equal(t, []string{"sepalwidth"}, sdktest.Find[*sdk.Select](t, sc, data.ScatterY).Values)
	colour := sdktest.Find[*sdk.Select](t, sc, data.ScatterColour)
	assert.Equal(t, []string{"class"}, colour.Values)
	assert.Equal(t, sdk.Options("class"), colour.Options)

	cs := filled(t, h, scatterRequest(ref, "petallength", "petalwidth", "class"), data.ScatterSlot)
	cc := charts(cs)
	require.Len(t, cc, 1)
	c := cc[0]
	assert.Equal(t, sdk.ChartScatter, c.Kind)
	assert.Equal(t, "petallength", c.X.Title)
	require.Len(t, c.Series, 3)
	for i, s := range c.Series {
		assert.Equal(t, irisClasses[i], s.Name)
		assert.Len(t, s.X, 50)
		assert.Len(t, s.Y, 50)
	}
	assert.Equal(t, 1.4, c.Series[0].X[0], "the first row: 5.1,3.5,1.4,0.2")
	assert.Equal(t, 0.2, c.Series[0].Y[0])

	cs = filled(t, h, scatterRequest(ref, "petallength", "petalwidth", "sepallength"), data.ScatterSlot)
	assert.Equal(t, "sepallength is not nominal in the data", cs[0].(*sdk.Notice).Summary)
}

// TestScatter_colourByTarget: the colour select starts on the target when
// it is nominal (www anneal: class, not family, which is missing in 772 of
// 898 rows), else on the first nominal feature.
func TestScatter_colourByTarget(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, data.New(), sdktest.Recorded(recordings.Require(t, "www")))
	page, err := h.Layout(sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindData, ID: 1})
	require.NoError(t, err)
	assert.Equal(t, []string{"class"}, sdktest.Find[*sdk.Select](t, tab(t, page, "scatter"), data.ScatterColour).Values)

	h, ref := localFile(t, "numeric-target", "@relation n\n@attribute a numeric\n@attribute c {x,y}\n@attribute d {u,v}\n@attribute b numeric\n@data\n1,x,u,2\n2,y,v,3\n")
	page, err = h.Layout(ref)
	require.NoError(t, err)
	assert.Equal(t, []string{"c"}, sdktest.Find[*sdk.Select](t, tab(t, page, "scatter"), data.ScatterColour).Values, "b, the target, is numeric")
}

// TestScatter_tooFewFeatures: with fewer than 2 numeric features or no
// nominal one, the tab is a notice and has no callback.
func TestScatter_tooFewFeatures(t *testing.T) {
	t.Parallel()
	h, ref := localFile(t, "numbers", "@relation n\n@attribute a numeric\n@attribute b numeric\n@data\n1,2\n2,3\n")
	page, err := h.Layout(ref)
	require.NoError(t, err)
	sc := tab(t, page, "scatter")
	require.Len(t, sc, 1)
	n := sc[0].(*sdk.Notice)
	assert.Contains(t, n.Detail, "this dataset has 2 numeric and 0 nominal")
	for _, cb := range page.Callbacks {
		assert.NotEqual(t, data.ScatterCallback, cb.ID)
	}
}

func TestQualities(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, data.New(), sdktest.Recorded(recordings.Require(t, "test")))
	page, err := h.Layout(sdk.EntityRef{Server: "https://test.openml.org", Kind: sdk.KindData, ID: 1})
	require.NoError(t, err)
	tb := sdktest.Find[*sdk.Table](t, tab(t, page, "qualities"), data.QualitiesTable)
	assert.True(t, tb.Filterable)
	assert.True(t, tb.Sortable)
	values := map[string]float64{}
	for _, r := range tb.Rows {
		values[r.Cells[0].Text] = r.Cells[1].Number
	}
	assert.Equal(t, 1.189833856204398, values["ClassEntropy"])
	assert.Equal(t, 898.0, values["NumberOfInstances"])

	local, ref := iris(t)
	page, err = local.Layout(ref)
	require.NoError(t, err)
	q := tab(t, page, "qualities")
	require.Len(t, q, 1)
	assert.Equal(t, "A local file has no qualities", q[0].(*sdk.Notice).Summary)

	www := sdktest.Run(t, data.New(), sdktest.Recorded(recordings.Require(t, "www")))
	page, err = www.Layout(sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindData, ID: 61})
	require.NoError(t, err, "missing qualities cost only their tab")
	q = tab(t, page, "qualities")
	require.Len(t, q, 1)
	assert.Equal(t, sdk.Warning, q[0].(*sdk.Notice).Level)
}

// TestFeatureTable_annealMatchesPandas: the feature table of test-server
// anneal, computed from its ARFF, against pandas (liac-arff): missing values
// df[c].isna().sum(), categories len(declared values), entropy
// round(scipy.stats.entropy(df[c].value_counts()), 2).
func TestFeatureTable_annealMatchesPandas(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, data.New(), sdktest.Recorded(recordings.Require(t, "test")))
	ref := sdk.EntityRef{Server: "https://test.openml.org", Kind: sdk.KindData, ID: 1}
	patch, err := h.Callback(featuresRequest(ref, "class"))
	require.NoError(t, err)
	cs, tb := slotTable(t, patch)
	assert.Empty(t, sdktest.All[*sdk.Notice](cs), "the ARFF is recorded")
	assert.Contains(t, sdktest.All[*sdk.Text](cs)[0].Markdown, "Computed on all 898 rows.")
	type row struct {
		missing    float64
		categories float64 // NaN: numeric
		entropy    float64 // NaN: numeric
	}
	nan := math.NaN()
	want := map[string]row{
		"family": {772, 9, 0.69}, "product-type": {0, 3, 0}, "steel": {86, 8, 1.18}, "carbon": {0, nan, nan},
		"hardness": {0, nan, nan}, "temper_rolling": {761, 1, 0}, "condition": {303, 3, 0.25}, "formability": {318, 5, 0.91},
		"strength": {0, nan, nan}, "non-ageing": {793, 1, 0}, "surface-finish": {889, 2, 0}, "surface-quality": {244, 4, 1.15},
		"enamelability": {882, 5, 0.66}, "bc": {897, 1, 0}, "bf": {769, 1, 0}, "bt": {824, 1, 0}, "bw%2Fme": {687, 2, 0.56},
		"bl": {749, 1, 0}, "m": {898, 1, 0}, "chrom": {872, 1, 0}, "phos": {891, 1, 0}, "cbond": {824, 1, 0},
		"marvi": {898, 1, 0}, "exptl": {896, 1, 0}, "ferro": {868, 1, 0}, "corr": {898, 1, 0},
		"blue%2Fbright%2Fvarn%2Fclean": {892, 4, 0.87}, "lustre": {847, 1, 0}, "jurofm": {898, 1, 0}, "s": {898, 1, 0},
		"p": {898, 1, 0}, "shape": {0, 2, 0.69}, "thick": {0, nan, nan}, "width": {0, nan, nan}, "len": {0, nan, nan},
		"oil": {834, 2, 0.64}, "bore": {0, 4, 0.22}, "packing": {889, 3, 0.35}, "class": {0, 6, 0.82},
	}
	require.Len(t, tb.Rows, len(want))
	assert.Equal(t, "class", tb.Rows[0].Cells[0].Text)
	for _, r := range tb.Rows {
		name := r.Cells[0].Text
		w, ok := want[name]
		if !assert.True(t, ok, "unexpected feature %q", name) {
			continue
		}
		assert.Equal(t, w.missing, r.Cells[2].Number, "%s missing", name)
		if math.IsNaN(w.categories) {
			assert.True(t, r.Cells[3].Missing, "%s categories", name)
			assert.True(t, r.Cells[5].Missing, "%s entropy", name)
			continue
		}
		assert.Equal(t, w.categories, r.Cells[3].Number, "%s categories", name)
		assert.InDelta(t, w.entropy, r.Cells[5].Number, 1e-9, "%s entropy", name)
	}
}

// TestImportance_anneal: test-server anneal's mostly-missing features are
// named once, under their reason, and left out of the bars.
func TestImportance_anneal(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, data.New(), sdktest.Recorded(recordings.Require(t, "test")))
	ref := sdk.EntityRef{Server: "https://test.openml.org", Kind: sdk.KindData, ID: 1}
	cs := filled(t, h, targetRequest(ref, data.ImportanceCallback, "class"), data.ImportanceSlot)
	c := sdktest.Find[*sdk.Chart](t, cs, data.ImportanceChart)
	// pandas: 24 features have 80% or more of their 898 values missing,
	// so 38 - 24 = 14 are ranked.
	assert.Len(t, c.X.Categories, 14)
	assert.NotContains(t, c.X.Categories, "family", "772 of 898 missing")
	assert.Contains(t, c.X.Categories, "steel", "86 missing")
	texts := sdktest.All[*sdk.Text](cs)
	require.Len(t, texts, 1)
	assert.True(t, strings.HasPrefix(texts[0].Markdown, "Left out of the forest (80% or more missing): family, temper\\_rolling, non-ageing"), texts[0].Markdown)
}

// TestScatter_selectsGreyedWithoutData: the scatter plot's selects are
// disabled while there is no data to plot, and usable once there is.
func TestScatter_selectsGreyedWithoutData(t *testing.T) {
	t.Parallel()
	disabled := func(p *sdk.Patch) map[string]bool {
		out := map[string]bool{}
		for _, o := range p.Outputs {
			if o.Ref.Property == sdk.PropDisabled {
				out[o.Ref.ComponentID] = o.Value.Bool()
			}
		}
		return out
	}
	h, ref := iris(t)
	p, err := h.Callback(scatterRequest(ref, "petallength", "petalwidth", "class"))
	require.NoError(t, err)
	assert.Equal(t, map[string]bool{data.ScatterX: false, data.ScatterY: false, data.ScatterColour: false}, disabled(p))

	www := sdktest.Run(t, data.New(), sdktest.Recorded(recordings.Require(t, "www")))
	missing := sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindData, ID: 61}
	p, err = www.Callback(scatterRequest(missing, "sepallength", "sepalwidth", "class"))
	require.NoError(t, err)
	assert.Equal(t, map[string]bool{data.ScatterX: true, data.ScatterY: true, data.ScatterColour: true}, disabled(p))
}
