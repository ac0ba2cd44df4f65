package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/pagejson"
	"github.com/openml-dash/openml-dash/host/pluginhost"
	"github.com/openml-dash/openml-dash/internal/recordings"
)

// The Python plugin (plugins/missing, on the Python SDK in sdk/python)
// through the real host: handshake, AutoMTLS, the broker's Host service,
// Layout and callbacks, and what the page says when a Python plugin fails.

var pyBuild struct {
	once sync.Once
	dir  string
	err  error
}

// pythonPlugins builds plugins/missing as make build does (one executable
// zip) into a plugins folder of its own, once, and returns the folder.
func pythonPlugins(t *testing.T) string {
	t.Helper()
	python := requirePython(t)
	pyBuild.once.Do(func() {
		// Inside TestMain's folder, which it removes.
		pyBuild.dir = filepath.Join(filepath.Dir(coreDir), "python")
		cmd := exec.Command("plugins/missing/build.sh", filepath.Join(pyBuild.dir, "openml-dash-plugin-missing"))
		cmd.Dir = "../.."
		cmd.Env = append(os.Environ(), "PYTHON="+python)
		if b, err := cmd.CombinedOutput(); err != nil {
			pyBuild.err = fmt.Errorf("build the Python plugin: %v\n%s", err, b)
		}
	})
	require.NoError(t, pyBuild.err)
	return pyBuild.dir
}

// requirePython returns a python3 that has what the Python SDK needs. Without
// one the test is skipped, except in CI (CI=true), where that is a failure.
func requirePython(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"/usr/bin/python3", "python3"} {
		path, err := exec.LookPath(name)
		if err != nil {
			continue
		}
		if exec.Command(path, "-c", "import grpc, google.protobuf, cryptography").Run() == nil {
			return path
		}
	}
	msg := "no python3 with grpcio, protobuf and cryptography (install them with scripts/deps.sh --python)"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + ": CI must have them")
	}
	t.Skip(msg + ": skipping the Python plugin's tests")
	return ""
}

// missingTab checks that the page has the core data plugin's tabs and,
// after them, the Python plugin's tab, and returns that tab.
func missingTab(t *testing.T, page *pagejson.Page) *pagejson.Tab {
	t.Helper()
	var core []string
	for _, tab := range page.Tabs {
		if tab.Plugin == "data" {
			core = append(core, tab.Title)
		}
	}
	assert.Subset(t, core, []string{"Overview", "Features", "Feature importance", "Qualities"}, "the core data tabs are still there")
	tab := findTab(page, "missing")
	require.NotNil(t, tab, "the Python plugin's tab is on the data page")
	assert.Equal(t, "Missing values", tab.Title)
	assert.Less(t, pluginIndex(page, "data"), pluginIndex(page, "missing"), "after the core tabs")
	assert.Empty(t, page.Problems)
	return tab
}

// coreMissing reads the missing values per feature from the core data
// plugin's feature table, which its Go ARFF reader computed.
func coreMissing(t *testing.T, page *pagejson.Page) map[string]float64 {
	t.Helper()
	table := walk(allComponents(page), "table", "features")
	require.NotNil(t, table, "the core feature table")
	col := -1
	for i, c := range table.Columns {
		if c.ID == "missing" {
			col = i
		}
	}
	require.GreaterOrEqual(t, col, 0, "the feature table has a missing-values column")
	out := map[string]float64{}
	for _, r := range table.Rows {
		n, _ := r[col].(float64)
		out[r[0].(string)] = n
	}
	return out
}

// assertBarsMatchCore checks the Python plugin's bars against the core
// feature table: the same count for every feature with missing values.
func assertBarsMatchCore(t *testing.T, page *pagejson.Page, tab *pagejson.Tab) {
	t.Helper()
	core := coreMissing(t, page)
	bars := walk(tab.Children, "chart", "missing-bars")
	require.NotNil(t, bars, "the bar chart of missing values per feature")
	require.Len(t, bars.Chart.Series, 1)
	got := map[string]float64{}
	for i, name := range bars.Chart.XCats {
		require.NotNil(t, bars.Chart.Series[0].Y[i])
		got[name] = *bars.Chart.Series[0].Y[i]
	}
	want := map[string]float64{}
	for name, n := range core {
		if n > 0 {
			want[name] = n
		}
	}
	assert.Equal(t, want, got, "the Python plugin counts what the core data plugin counts")
}

func slotText(t *testing.T, tab *pagejson.Tab, slot string) string {
	t.Helper()
	s := walk(tab.Children, "slot", slot)
	require.NotNil(t, s, "slot %s", slot)
	require.NotEmpty(t, s.Children, "the callback filled slot %s", slot)
	c := s.Children[0]
	return c.Text + c.Summary + ": " + c.Detail
}

func TestRender_PythonPluginOnTheDemo(t *testing.T) {
	dir := pythonPlugins(t)
	start := time.Now()
	page, _ := render(t, "--plugins", dir, "demo")
	t.Logf("demo page with the Python plugin rendered in %s", time.Since(start).Round(time.Millisecond))
	tab := missingTab(t, page)
	assert.Contains(t, slotText(t, tab, "missing-summary"),
		"**17** of **40** rows (42.5%) have at least one missing value. **4** of **7** features have missing values: **19** values in all")
	assertBarsMatchCore(t, page, tab)
	bars := walk(tab.Children, "chart", "missing-bars").Chart
	assert.Equal(t, []string{"sunlight_hours", "soil", "stem_length_cm", "fragrance"}, bars.XCats, "most missing first")

	patterns := walk(tab.Children, "table", "missing-patterns")
	require.NotNil(t, patterns)
	assert.Equal(t, [][]any{
		{1.0, 23.0, 57.5, 0.0, "(none: complete rows)"},
		{2.0, 10.0, 25.0, 1.0, "sunlight_hours"},
		{3.0, 4.0, 10.0, 1.0, "soil"},
		{4.0, 1.0, 2.5, 1.0, "stem_length_cm"},
		{5.0, 1.0, 2.5, 2.0, "stem_length_cm, sunlight_hours"},
		{6.0, 1.0, 2.5, 2.0, "sunlight_hours, fragrance"},
	}, patterns.Rows)
	heat := walk(tab.Children, "chart", "missing-patterns-map")
	require.NotNil(t, heat)
	assert.Equal(t, "heatmap", heat.Chart.Kind)
	assert.Len(t, heat.Chart.YCats, 6)
	radio := walk(tab.Children, "radio", "missing-order")
	require.NotNil(t, radio)
	assert.False(t, radio.Disabled, "the bars can be reordered")
}

func TestRender_PythonPluginOnRecordedPages(t *testing.T) {
	dir := pythonPlugins(t)
	t.Run("anneal, test server: missing values everywhere", func(t *testing.T) {
		testServer := recordings.Require(t, "test")
		page, _ := render(t, "--plugins", dir, "--mirror", testServer, "https://test.openml.org/d/1")
		tab := missingTab(t, page)
		assert.Contains(t, slotText(t, tab, "missing-summary"),
			"**898** of **898** rows (100.0%) have at least one missing value. **29** of **39** features have missing values: **22,175** values in all")
		assertBarsMatchCore(t, page, tab)
		patterns := walk(tab.Children, "table", "missing-patterns")
		require.NotNil(t, patterns)
		assert.Len(t, patterns.Rows, 50, "the 50 most frequent of 107 patterns")
		assert.Equal(t, []any{1.0, 67.0, 7.5, 25.0}, patterns.Rows[0][:4])
	})
	t.Run("anneal, production: '?' is a category there", func(t *testing.T) {
		www := recordings.Require(t, "www")
		page, _ := render(t, "--plugins", dir, "--mirror", www, "d/1")
		tab := missingTab(t, page)
		assert.Equal(t, "No missing values: None of the 898 rows of dataset_1_anneal.arff has a missing value in any of its 39 features.",
			slotText(t, tab, "missing-summary"))
		assert.Contains(t, slotText(t, tab, "missing-body"), "declare '?' as a category")
		radio := walk(tab.Children, "radio", "missing-order")
		require.NotNil(t, radio)
		assert.True(t, radio.Disabled, "nothing to order")
	})
	t.Run("iris: the mirror lacks the file", func(t *testing.T) {
		www := recordings.Require(t, "www")
		page, _ := render(t, "--plugins", dir, "--mirror", www, "d/61")
		tab := missingTab(t, page)
		text := slotText(t, tab, "missing-summary")
		assert.Contains(t, text, "The data file could not be loaded: ")
		assert.Contains(t, text, "iris.arff")
	})
}

// TestRender_PythonPluginOnALocalFile opens a file with no server: the
// host serves the plugin the file itself.
func TestRender_PythonPluginOnALocalFile(t *testing.T) {
	dir := pythonPlugins(t)
	file := filepath.Join(t.TempDir(), "tiny.arff")
	require.NoError(t, os.WriteFile(file, []byte("@relation tiny\n@attribute a numeric\n@attribute b {x,y}\n@attribute c string\n@data\n1,x,'?'\n?,y,z\n{1 ?}\n"), 0o644))
	page, _ := render(t, "--plugins", dir, file)
	tab := missingTab(t, page)
	assert.Contains(t, slotText(t, tab, "missing-summary"), "**2** of **3** rows (66.7%) have at least one missing value. **2** of **3** features have missing values")
	assertBarsMatchCore(t, page, tab)
}

// brokenPlugin writes a Python plugin that fails on purpose into its own
// folder and returns the folder.
func brokenPlugin(t *testing.T, name, body string) string {
	t.Helper()
	python := requirePython(t)
	sdk, err := filepath.Abs("../../sdk/python")
	require.NoError(t, err)
	src := fmt.Sprintf(`#!%s
import os, sys
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, %q)
import openml_dash as od

class Broken(od.Plugin):
    name, version, kinds = %q, "0.0.1", [od.Kind.DATA]
%s

od.serve(Broken())
`, python, sdk, name, body)
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "openml-dash-plugin-"+name), []byte(src), 0o755))
	return dir
}

// A callback that fails is said on the command line too, as in the
// window's status line, beside its error notice in the page.
func TestRender_callbackFailureOnStderr(t *testing.T) {
	dir := brokenPlugin(t, "broken", `    def layout(self, req):
        return od.page(tabs=[od.tab("b", "Broken", [od.radio("r", ["a"], value="a"), od.slot("s")])],
                       callbacks=[od.callback("cb", inputs=["r.value"], outputs=["s.children"])])

    @od.on("cb")
    def cb(self, req):
        raise RuntimeError("cb is broken on purpose")
`)
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"render", "--plugins", coreDir, "--plugins", dir, "--out", t.TempDir(), "demo"}, &stdout, &stderr)
	require.NoError(t, err, "a part that fails is a notice in the page (see the README)")
	assert.Contains(t, stderr.String(), `openml-dash: callback "cb" of plugin "broken" failed: `)
	assert.Contains(t, stderr.String(), "cb is broken on purpose")
}

// TestRender_PythonPluginFailing: a Python plugin that raises or dies is
// a notice where its part of the page would be, quickly, and the core
// tabs are unaffected.
func TestRender_PythonPluginFailing(t *testing.T) {
	cases := map[string]struct {
		body   string
		slot   string // "" when the whole tab is replaced
		notice []string
	}{
		"raises in layout": {
			body:   "    def layout(self, req):\n        raise RuntimeError('layout is broken on purpose')\n",
			notice: []string{`Plugin "broken" could not build its part of this page`, "plugin raised RuntimeError in Layout: layout is broken on purpose"},
		},
		"says why in layout": {
			body:   "    def layout(self, req):\n        raise od.PluginError('this dataset is not for me')\n",
			notice: []string{`Plugin "broken" could not build its part of this page`, "this dataset is not for me"},
		},
		"dies in layout": {
			body:   "    def layout(self, req):\n        sys.stderr.flush()\n        os._exit(3)\n",
			notice: []string{`Plugin "broken" could not build its part of this page`, "crashed (exit status 3) during Layout"},
		},
		"raises in a callback": {
			body: `    def layout(self, req):
        return od.page(tabs=[od.tab("b", "Broken", [od.radio("r", ["a"], value="a"), od.slot("s")])],
                       callbacks=[od.callback("cb", inputs=["r.value"], outputs=["s.children"])])

    @od.on("cb")
    def cb(self, req):
        return {("s", "children"): [od.text(1 / 0)]}
`,
			slot:   "s",
			notice: []string{`Callback "cb" failed`, "plugin raised ZeroDivisionError in Callback 'cb': division by zero"},
		},
		"returns a bad component": {
			body:   "    def layout(self, req):\n        return od.page(tabs=[od.tab('b', 'Broken', [{'type': 'tabel'}])])\n",
			notice: []string{`Plugin "broken" could not build its part of this page`, "plugin raised ValueError in Layout: component: unknown type 'tabel'"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			dir := brokenPlugin(t, "broken", tc.body)
			start := time.Now()
			page, _ := render(t, "--plugins", dir, "demo")
			assert.Less(t, time.Since(start), 30*time.Second, "no hang")
			require.NotNil(t, findTab(page, "data"), "the core tabs are unaffected")
			assert.NotNil(t, walk(allComponents(page), "table", "features"))
			tab := findTab(page, "broken")
			require.NotNil(t, tab, "the failing plugin's part of the page is there")
			cs := tab.Children
			if tc.slot != "" {
				slot := walk(cs, "slot", tc.slot)
				require.NotNil(t, slot)
				cs = slot.Children
			}
			n := walk(cs, "notice", "")
			require.NotNil(t, n, "a notice says what went wrong")
			assert.Equal(t, "error", n.Label)
			assert.Equal(t, tc.notice[0], n.Summary)
			assert.Contains(t, n.Detail, tc.notice[1])
		})
	}
}

// TestRender_PythonPluginThatCannotStart: a plugin that exits before its
// handshake (here: a missing package) costs the page only its own tabs,
// and the log says why.
func TestRender_PythonPluginThatCannotStart(t *testing.T) {
	python := requirePython(t)
	dir := t.TempDir()
	src := "#!" + python + "\nimport sys\nsys.stderr.write('needs the package grpcio_imaginary\\n')\nsys.exit(1)\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "openml-dash-plugin-nostart"), []byte(src), 0o755))
	var stdout, stderr bytes.Buffer
	start := time.Now()
	err := run(context.Background(), []string{"render", "--plugins", coreDir, "--plugins", dir, "--out", t.TempDir(), "demo"}, &stdout, &stderr)
	require.NoError(t, err, "the page opens without it; stderr: %s", stderr.String())
	assert.Less(t, time.Since(start), 30*time.Second, "no hang")
	log := stderr.String()
	assert.Contains(t, log, "needs the package grpcio_imaginary", "the plugin's own words reach the log")
	assert.True(t, strings.Contains(log, `plugin "nostart"`), "the log names the plugin: %s", log)
}

// pyzCopy copies the built Python plugin into a plugins folder of its own
// as the Windows package holds it: openml-dash-plugin-missing.pyz, not
// executable. It returns the folder and the file.
func pyzCopy(t *testing.T) (string, string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(pythonPlugins(t), "openml-dash-plugin-missing"))
	require.NoError(t, err)
	dir := t.TempDir()
	pyz := filepath.Join(dir, "openml-dash-plugin-missing.pyz")
	require.NoError(t, os.WriteFile(pyz, b, 0o644))
	return dir, pyz
}

// renderLog renders as render does, with the log in a folder of its own,
// and returns the page and the log.
func renderLog(t *testing.T, args ...string) (*pagejson.Page, string) {
	t.Helper()
	logs := t.TempDir()
	t.Setenv(logDirEnv, logs)
	page, _ := render(t, args...)
	b, err := os.ReadFile(filepath.Join(logs, logName))
	require.NoError(t, err)
	return page, string(b)
}

// TestRender_PythonPluginAsPyz: a .pyz plugin is found without an exec
// bit and run by the interpreter $OPENML_DASH_PYTHON names (here the
// python3 with grpcio; the one first on PATH may lack it), and its manifest
// is remembered like any plugin's. Without an interpreter its tab is
// absent and the log says why.
func TestRender_PythonPluginAsPyz(t *testing.T) {
	python := requirePython(t)
	t.Run("run by $OPENML_DASH_PYTHON", func(t *testing.T) {
		dir, _ := pyzCopy(t)
		t.Setenv(pluginhost.PythonEnv, python)
		page, log := renderLog(t, "--verbose", "--plugins", dir, "demo")
		assert.Contains(t, slotText(t, missingTab(t, page), "missing-summary"), "**17** of **40** rows (42.5%) have at least one missing value")
		assert.Contains(t, log, "plugin is a Python zip application: plugin=missing python="+python)
		assert.Contains(t, log, "plugin ready: plugin=missing")

		page, log = renderLog(t, "--verbose", "--plugins", dir, "demo")
		assert.Contains(t, log, "plugin known, not started yet: plugin=missing", "the first render remembered its manifest")
		assert.Contains(t, slotText(t, missingTab(t, page), "missing-summary"), "**17** of **40** rows")
	})
	t.Run("no Python", func(t *testing.T) {
		dir, pyz := pyzCopy(t)
		t.Setenv(pluginhost.PythonEnv, filepath.Join(t.TempDir(), "no-python-here"))
		page, log := renderLog(t, "--plugins", dir, "demo")
		assert.NotNil(t, findTab(page, "data"), "the core tabs are there")
		assert.Nil(t, findTab(page, "missing"), "the Python plugin's tab is absent")
		assert.Contains(t, log, `plugin "missing" (`+pyz+`) is a Python plugin and cannot start: $OPENML_DASH_PYTHON is "`)
		assert.Contains(t, log, "grpcio protobuf cryptography")
	})
}
