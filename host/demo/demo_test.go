package demo_test

import (
	"bufio"
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"io/fs"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/demo"
	"github.com/openml-dash/openml-dash/plugins/data"
	"github.com/openml-dash/openml-dash/plugins/flow"
	"github.com/openml-dash/openml-dash/plugins/run"
	"github.com/openml-dash/openml-dash/plugins/task"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

const api = "api/v1/xml/"

func read(t *testing.T, name string) []byte {
	t.Helper()
	b, err := fs.ReadFile(demo.FS, name)
	require.NoError(t, err)
	return b
}

// urlPath is where a file URL of the demo lives in FS.
func urlPath(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	require.NoError(t, err)
	assert.Equal(t, "demo.invalid", u.Host, "demo URLs must never resolve")
	return strings.TrimPrefix(u.Path, "/")
}

// answers serves FS the way the host serves the demo: API paths without
// their api/v1/xml/ prefix, files by URL path.
func answers(t *testing.T) *sdktest.Host {
	t.Helper()
	m := map[string][]byte{}
	require.NoError(t, fs.WalkDir(demo.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(demo.FS, p)
		m[strings.TrimPrefix(p, api)] = b
		return err
	}))
	return sdktest.Answers(m)
}

func TestFS_layout(t *testing.T) {
	t.Parallel()
	for _, p := range []string{
		api + "data/1", api + "data/features/1", api + "task/1", api + "flow/1", api + "run/1",
		"data/download/1/demo.arff",
	} {
		st, err := fs.Stat(demo.FS, p)
		require.NoError(t, err, p)
		assert.False(t, st.IsDir(), p)
	}
	assert.Equal(t, "demo", demo.Server)
}

// TestFS_allParse parses every API answer of the demo.
func TestFS_allParse(t *testing.T) {
	t.Parallel()
	// By folder; a listing by the start of its path.
	parsers := map[string]func([]byte) error{
		"data/features":            func(b []byte) error { _, err := openml.ParseFeatures(b); return err },
		"data/qualities":           func(b []byte) error { _, err := openml.ParseQualities(b); return err },
		"data":                     func(b []byte) error { _, err := openml.ParseDataset(b); return err },
		"task":                     func(b []byte) error { _, err := openml.ParseTask(b); return err },
		"flow":                     func(b []byte) error { _, err := openml.ParseFlow(b); return err },
		"run":                      func(b []byte) error { _, err := openml.ParseRun(b); return err },
		"task/list/":               func(b []byte) error { _, err := openml.ParseTaskList(b); return err },
		"run/list/":                func(b []byte) error { _, err := openml.ParseRunList(b); return err },
		"estimationprocedure/list": func(b []byte) error { _, err := openml.ParseEstimationProcedures(b); return err },
	}
	n := 0
	require.NoError(t, fs.WalkDir(demo.FS, strings.TrimSuffix(api, "/"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		dir := strings.TrimPrefix(p[:strings.LastIndex(p, "/")], api)
		parse, ok := parsers[dir]
		for prefix, pp := range parsers {
			if strings.HasSuffix(prefix, "/") && strings.HasPrefix(strings.TrimPrefix(p, api), prefix) || strings.TrimPrefix(p, api) == prefix {
				parse, ok = pp, true
			}
		}
		require.True(t, ok, "no parser for %s", p)
		assert.NoError(t, parse(read(t, p)), p)
		n++
		return nil
	}))
	assert.Equal(t, 11, n)
}

type arffAttr struct {
	name, typ string
	nominal   []string
}

// readARFF is just enough ARFF for checking the demo's own files.
func readARFF(t *testing.T, b []byte) (attrs []arffAttr, rows [][]string) {
	t.Helper()
	inData := false
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "%"):
		case inData:
			rows = append(rows, strings.Split(line, ","))
		case strings.EqualFold(line, "@DATA"):
			inData = true
		case strings.HasPrefix(strings.ToUpper(line), "@ATTRIBUTE"):
			f := strings.SplitN(line, " ", 3)
			require.Len(t, f, 3, line)
			a := arffAttr{name: f[1], typ: strings.ToLower(f[2])}
			if strings.HasPrefix(f[2], "{") {
				a.typ = "nominal"
				a.nominal = strings.Split(strings.Trim(f[2], "{}"), ",")
			}
			attrs = append(attrs, a)
		}
	}
	require.NoError(t, sc.Err())
	for i, r := range rows {
		require.Len(t, r, len(attrs), "row %d", i)
	}
	return attrs, rows
}

// TestDataset_consistent checks that the description, the features and
// the ARFF file tell the same story.
func TestDataset_consistent(t *testing.T) {
	t.Parallel()
	ds, err := openml.ParseDataset(read(t, api+"data/1"))
	require.NoError(t, err)
	assert.Equal(t, int64(1), ds.ID)
	assert.Contains(t, ds.Description, "built-in demo")
	assert.Contains(t, ds.Description, "https://www.openml.org/d/61")

	arff := read(t, urlPath(t, ds.URL))
	sum := md5.Sum(arff)
	assert.Equal(t, hex.EncodeToString(sum[:]), ds.MD5Checksum)

	feats, err := openml.ParseFeatures(read(t, api+"data/features/1"))
	require.NoError(t, err)
	assert.GreaterOrEqual(t, len(feats), 6)
	assert.LessOrEqual(t, len(feats), 8)

	attrs, rows := readARFF(t, arff)
	assert.GreaterOrEqual(t, len(rows), 20)
	assert.LessOrEqual(t, len(rows), 50)
	require.Len(t, attrs, len(feats))
	types := map[string]int{}
	totalMissing := int64(0)
	for i, f := range feats {
		a := attrs[i]
		assert.Equal(t, i, f.Index)
		assert.Equal(t, a.name, f.Name)
		assert.Equal(t, a.typ, f.DataType, f.Name)
		assert.Equal(t, a.nominal, f.NominalValues, f.Name)
		assert.Equal(t, f.Name == ds.DefaultTargetAttribute, f.IsTarget, f.Name)
		var missing int64
		for _, r := range rows {
			v := r[i]
			switch {
			case v == "?":
				missing++
			case f.IsNominal():
				assert.Contains(t, f.NominalValues, v, f.Name)
			default:
				_, err := strconv.ParseFloat(v, 64)
				assert.NoError(t, err, f.Name)
			}
		}
		assert.Equal(t, missing, f.NumberOfMissingValues, f.Name)
		types[f.DataType]++
		totalMissing += missing
	}
	assert.Positive(t, types["numeric"])
	assert.Positive(t, types["nominal"])
	assert.Positive(t, totalMissing)

	qs, err := openml.ParseQualities(read(t, api+"data/qualities/1"))
	require.NoError(t, err)
	for name, want := range map[string]float64{
		"NumberOfInstances": float64(len(rows)), "NumberOfFeatures": float64(len(feats)),
		"NumberOfMissingValues":   float64(totalMissing),
		"NumberOfNumericFeatures": float64(types["numeric"]), "NumberOfSymbolicFeatures": float64(types["nominal"]),
	} {
		got, ok := qs.Value(name)
		assert.True(t, ok, name)
		assert.Equal(t, want, got, "the qualities describe the ARFF: %s", name)
	}
}

// TestRun_consistent checks that the run's links resolve inside the demo
// and that its evaluations are those of its predictions.
func TestRun_consistent(t *testing.T) {
	t.Parallel()
	r, err := openml.ParseRun(read(t, api+"run/1"))
	require.NoError(t, err)
	tk, err := openml.ParseTask(read(t, api+"task/"+strconv.FormatInt(r.TaskID, 10)))
	require.NoError(t, err)
	require.NotNil(t, tk.DataSet())
	require.Len(t, r.InputData, 1)
	assert.Equal(t, tk.DataSet().DataSetID, r.InputData[0].ID)
	read(t, urlPath(t, tk.Estimation().DataSplitsURL))

	f, err := openml.ParseFlow(read(t, api+"flow/"+strconv.FormatInt(r.FlowID, 10)))
	require.NoError(t, err)
	assert.Equal(t, f.Name+"(1)", r.FlowName)
	f.Walk(func(path string, c openml.Component) {
		own, err := openml.ParseFlow(read(t, api+"flow/"+strconv.FormatInt(c.Flow.ID, 10)))
		require.NoError(t, err, path)
		assert.Equal(t, c.Flow, own, "component %s matches its own page", path)
	})

	pred, ok := r.File("predictions")
	require.True(t, ok)
	_, rows := readARFF(t, read(t, urlPath(t, pred.URL)))
	folds := tk.Estimation().Folds
	correct, total := make([]int, folds), make([]int, folds)
	for _, row := range rows {
		fold, err := strconv.Atoi(row[1])
		require.NoError(t, err)
		total[fold]++
		if row[len(row)-2] == row[len(row)-1] {
			correct[fold]++
		}
	}
	acc, ok := r.Evaluation("predictive_accuracy")
	require.True(t, ok)
	sumC, sumT := 0, 0
	for i := range folds {
		sumC += correct[i]
		sumT += total[i]
	}
	assert.InDelta(t, float64(sumC)/float64(sumT), acc.Value, 1e-6)
	per := r.FoldEvaluations("predictive_accuracy")
	require.Len(t, per, folds)
	for _, e := range per {
		assert.InDelta(t, float64(correct[e.Fold])/float64(total[e.Fold]), e.Value, 1e-6, "fold %d", e.Fold)
	}
}

func TestDataPlugin_demo(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, data.New(), answers(t))
	ref := sdk.EntityRef{Server: demo.Server, Kind: sdk.KindData, ID: 1}
	page, err := h.Layout(ref)
	require.NoError(t, err)
	assert.Equal(t, "demo-flowers (version 1)", page.Title)
	require.Len(t, page.Tabs, 7, "overview, features, importance, interactions, scatter, qualities, tasks")
	for _, tab := range page.Tabs {
		sdk.Walk(tab.Children, func(c sdk.Component) bool {
			n, isNotice := c.(*sdk.Notice)
			assert.False(t, isNotice, "the demo page has no warnings: %v", n)
			return true
		})
	}

	var table *sdk.Table
	sdk.Walk(page.Tabs[1].Children, func(c sdk.Component) bool {
		if tb, ok := c.(*sdk.Table); ok && tb.ID == data.FeaturesTable {
			table = tb
		}
		return true
	})
	require.NotNil(t, table, "the features tab has its table")
	require.Len(t, table.Rows, 7)
	assert.Equal(t, "family", table.Rows[0].Cells[0].Text)
	assert.True(t, table.Rows[0].Emphasis)
	shaded := 0
	for _, r := range table.Rows {
		if r.Cells[2].StyleLevel > 0 {
			shaded++
		}
	}
	assert.Equal(t, 4, shaded, "four features have missing values")

	patch, err := h.Callback(&sdk.CallbackRequest{
		Ref: ref, ID: data.SummaryCallback,
		Inputs: []sdk.Arg{{Ref: sdk.Input(data.FeaturesTable, sdk.PropSelectedRows), Value: sdk.IntsValue([]int64{0, 1})}},
		State:  []sdk.Arg{{Ref: sdk.State(data.TargetSelect, sdk.PropValue), Value: sdk.StrValue("family")}},
	})
	require.NoError(t, err)
	require.Len(t, patch.Outputs, 1)
	text, ok := patch.Outputs[0].Value.Children()[0].(*sdk.Text)
	require.True(t, ok)
	assert.Equal(t, `Selected: family (nominal), petal\_count (numeric)`, text.Markdown)

	// The table computed from the demo's ARFF file agrees with its feature list.
	patch, err = h.Callback(&sdk.CallbackRequest{
		Ref: ref, ID: data.FeaturesCallback,
		Inputs: []sdk.Arg{{Ref: sdk.Input(data.TargetSelect, sdk.PropValue), Value: sdk.StrValue("family")}},
	})
	require.NoError(t, err)
	var computed *sdk.Table
	sdk.Walk(patch.Outputs[0].Value.Children(), func(c sdk.Component) bool {
		_, isNotice := c.(*sdk.Notice)
		assert.False(t, isNotice, "the demo's data file reads")
		if tb, ok := c.(*sdk.Table); ok {
			computed = tb
		}
		return true
	})
	require.NotNil(t, computed)
	for i, r := range computed.Rows {
		assert.Equal(t, table.Rows[i].Cells[:5], r.Cells[:5], "row %d", i)
	}
}

// TestPlugins_demo opens the demo page of every core plugin.
func TestPlugins_demo(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		plugin sdk.Plugin
		kind   sdk.Kind
		title  string
	}{
		"task": {task.New(), sdk.KindTask, "Task 1: Supervised Classification on demo-flowers"},
		"flow": {flow.New(), sdk.KindFlow, "demo.Pipeline(impute=demo.MeanImputer,tree=demo.DecisionTree)"},
		"run":  {run.New(), sdk.KindRun, "Run 1: demo.Pipeline(impute=demo.MeanImputer,tree=demo.DecisionTree)(1) on task 1"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			h := sdktest.Run(t, c.plugin, answers(t))
			page, err := h.Layout(sdk.EntityRef{Server: demo.Server, Kind: c.kind, ID: 1})
			require.NoError(t, err)
			assert.Equal(t, c.title, page.Title)
			sdk.Walk(page.Tabs[0].Children, func(comp sdk.Component) bool {
				_, isNotice := comp.(*sdk.Notice)
				assert.False(t, isNotice, "the demo page has no warnings")
				return true
			})
		})
	}
}
