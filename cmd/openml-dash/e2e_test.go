package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/dashboard"
	"github.com/openml-dash/openml-dash/host/fetch/fetchtest"
	"github.com/openml-dash/openml-dash/host/pagejson"
	"github.com/openml-dash/openml-dash/internal/recordings"
)

// Plugin folders built once for every test: the four built-in plugins, and
// a drop-in plugin the host has never heard of.
var coreDir, dropDir string

func TestMain(m *testing.M) {
	os.Exit(func() int {
		tmp, err := os.MkdirTemp("", "openml-dash-e2e")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(tmp)
		// Keep the tests off the developer's cache, log and openml-python config.
		os.Setenv("OPENML_DASH_CACHE_DIR", filepath.Join(tmp, "cache"))
		os.Setenv("XDG_CONFIG_HOME", filepath.Join(tmp, "config"))
		os.Setenv("XDG_CACHE_HOME", filepath.Join(tmp, "xdg-cache")) // the plugins' manifests
		os.Setenv(logDirEnv, filepath.Join(tmp, "logs"))
		os.Unsetenv(verboseEnv)
		coreDir, dropDir = filepath.Join(tmp, "core"), filepath.Join(tmp, "drop")
		builds := map[string]string{
			filepath.Join(dropDir, "openml-dash-plugin-extra"): "./cmd/openml-dash/testdata/dropin",
		}
		for _, p := range []string{"data", "task", "flow", "run"} {
			builds[filepath.Join(coreDir, "openml-dash-plugin-"+p)] = "./plugins/" + p + "/cmd/openml-dash-plugin-" + p
		}
		for out, pkg := range builds {
			cmd := exec.Command("go", "build", "-o", out, pkg)
			cmd.Dir = "../.."
			if b, err := cmd.CombinedOutput(); err != nil {
				fmt.Fprintf(os.Stderr, "build %s: %v\n%s", pkg, err, b)
				return 1
			}
		}
		return m.Run()
	}())
}

// render runs `openml-dash render` in-process and reads back page.json.
func render(t *testing.T, args ...string) (*pagejson.Page, string) {
	t.Helper()
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	args = append([]string{"render", "--plugins", coreDir, "--out", out, "--width", "800", "--height", "600"}, args...)
	err := run(context.Background(), args, &stdout, &stderr)
	require.NoError(t, err, "stderr: %s", stderr.String())
	b, err := os.ReadFile(filepath.Join(out, "page.json"))
	require.NoError(t, err)
	var page pagejson.Page
	require.NoError(t, json.Unmarshal(b, &page))
	for _, tab := range page.Tabs {
		require.NotEmpty(t, tab.Image, "tab %s has no image", tab.ID)
		f, err := os.Open(filepath.Join(out, tab.Image))
		require.NoError(t, err)
		img, err := png.Decode(f)
		f.Close()
		require.NoError(t, err)
		assert.Equal(t, 800, img.Bounds().Dx())
	}
	return &page, out
}

func findTab(page *pagejson.Page, plugin string) *pagejson.Tab {
	for i := range page.Tabs {
		if page.Tabs[i].Plugin == plugin {
			return &page.Tabs[i]
		}
	}
	return nil
}

// walk finds the first component of a type (and id, if given) in a tab.
func walk(cs []pagejson.Component, typ, id string) *pagejson.Component {
	for i := range cs {
		c := &cs[i]
		if c.Type == typ && (id == "" || c.ID == id) {
			return c
		}
		if found := walk(c.Children, typ, id); found != nil {
			return found
		}
	}
	return nil
}

func allComponents(page *pagejson.Page) []pagejson.Component {
	var cs []pagejson.Component
	for _, t := range page.Tabs {
		cs = append(cs, t.Children...)
	}
	return cs
}

func TestRender_demoNeedsNothing(t *testing.T) {
	page, out := render(t, "demo")
	assert.Equal(t, "data", page.Ref.Kind)
	require.NotEmpty(t, page.Tabs)
	table := walk(allComponents(page), "table", "")
	require.NotNil(t, table, "the demo data page has a feature table")
	assert.NotEmpty(t, table.Rows)
	assert.NoDirExists(t, filepath.Join(out, "charts"), "charts are exported alone only with --charts")
}

func TestRender_recordedPages(t *testing.T) {
	www := recordings.Require(t, "www")
	cases := map[string]struct {
		url, kind, title string
	}{
		"dataset 61": {"https://www.openml.org/d/61", "data", "iris"},
		"task 59":    {"/t/59", "task", "Task 59"},
		"flow 5270":  {"f/5270", "flow", "mlr.classif.randomForest.filtered"},
		"run 539275": {"openml.org/search?type=run&id=539275", "run", "Run 539275"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			page, _ := render(t, "--mirror", www, tc.url)
			assert.Equal(t, tc.kind, page.Ref.Kind)
			assert.Contains(t, page.Title, tc.title)
			assert.NotNil(t, walk(allComponents(page), "table", ""), "every first page has a table")
		})
	}
}

func TestRender_dataPageFeatures(t *testing.T) {
	www := recordings.Require(t, "www")
	page, _ := render(t, "--mirror", www, "d/61")
	table := walk(allComponents(page), "table", "features")
	require.NotNil(t, table)
	require.Len(t, table.Rows, 5)
	assert.Equal(t, "class", table.Rows[0][0], "the target comes first")
	assert.Equal(t, []int{0}, table.Emphasis)
	// The callback fired at load and filled its slot from the selection.
	slot := walk(allComponents(page), "slot", "feature-summary")
	require.NotNil(t, slot)
	assert.NotEmpty(t, slot.Children, "the initial callback filled the summary slot")
}

func TestRender_dropInPluginAddsTab(t *testing.T) {
	page, out := render(t, "--plugins", dropDir, "--charts", "demo")
	require.NotNil(t, findTab(page, "data"), "the core plugin still leads the page")
	extra := findTab(page, "extra")
	require.NotNil(t, extra, "the drop-in plugin's tab is on the data page")
	assert.Equal(t, "Extra plot", extra.Title)
	echo := walk(extra.Children, "slot", "echo")
	require.NotNil(t, echo)
	require.Len(t, echo.Children, 2, "the drop-in's callback ran")
	assert.Contains(t, echo.Children[0].Text, "chose b on demo/d/1")
	assert.Equal(t, "chart", echo.Children[1].Type, "and its plot is drawn by the host")

	// With --charts every chart is also exported on its own, as PNG and SVG.
	base := filepath.Join(out, "charts", fmt.Sprintf("%d-extra-extra-bars", pluginIndex(page, "extra")+1))
	f, err := os.Open(base + ".png")
	require.NoError(t, err)
	img, err := png.Decode(f)
	f.Close()
	require.NoError(t, err)
	assert.Equal(t, 1000, img.Bounds().Dx())
	svg, err := os.ReadFile(base + ".svg")
	require.NoError(t, err)
	assert.Contains(t, string(svg), "<svg")
	assert.Contains(t, string(svg), "Chosen b")
	assert.Less(t, pluginIndex(page, "data"), pluginIndex(page, "extra"))
}

func pluginIndex(page *pagejson.Page, plugin string) int {
	for i, t := range page.Tabs {
		if t.Plugin == plugin {
			return i
		}
	}
	return -1
}

func TestRender_failsWithReason(t *testing.T) {
	emptyMirror := t.TempDir()
	cases := map[string]struct {
		args    []string
		wantErr string
	}{
		"bad URL":        {[]string{"openml.org/x/61"}, "d/61"},
		"no URL":         {nil, "render needs one URL"},
		"unknown entity": {[]string{"--mirror", emptyMirror, "d/99999999"}, "99999999"},
		"no plugin":      {[]string{"--plugins", "/nonexistent-only", "t/59"}, "no plugin shows task pages"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			args := append([]string{"render", "--out", t.TempDir()}, tc.args...)
			if name != "no plugin" {
				args = append([]string{"render", "--plugins", coreDir, "--out", t.TempDir()}, tc.args...)
			}
			err := run(context.Background(), args, &stdout, &stderr)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantErr)
		})
	}
}

// TestRender_serverThenOffline opens a page from a server that answers like
// OpenML, then again once the server is gone: the second time comes from
// the cache, and a page never opened says plainly that it is offline.
func TestRender_serverThenOffline(t *testing.T) {
	www := recordings.Require(t, "www")
	srv := fetchtest.NewServer(t, fetchtest.Options{Root: www})
	t.Setenv("OPENML_DASH_CACHE_DIR", t.TempDir())
	online, _ := render(t, "--server", srv.APIBase(), "r/539275")
	assert.Equal(t, 1, srv.Count("/api/v1/xml/run/539275"))
	srv.Close()

	offline, _ := render(t, "--server", srv.APIBase(), "r/539275")
	assert.Equal(t, online.Title, offline.Title)
	assert.Equal(t, len(online.Tabs), len(offline.Tabs))

	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"render", "--plugins", coreDir, "--out", t.TempDir(), "--server", srv.APIBase(), "d/61"}, &stdout, &stderr)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "offline: data/61 is not in the cache")
	assert.Contains(t, err.Error(), srv.Host()+" could not be reached")
}

func TestCache_showAndClear(t *testing.T) {
	www := recordings.Require(t, "www")
	srv := fetchtest.NewServer(t, fetchtest.Options{Root: www})
	dir := t.TempDir()
	t.Setenv("OPENML_DASH_CACHE_DIR", dir)
	render(t, "--server", srv.APIBase(), "f/5270")

	var stdout, stderr bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"cache"}, &stdout, &stderr))
	assert.Contains(t, stdout.String(), "cache: "+dir+" (environment)")
	assert.Contains(t, stdout.String(), "1 files")

	// A flag after the verb counts: clearing another folder leaves this one.
	other := t.TempDir()
	stdout.Reset()
	require.NoError(t, run(context.Background(), []string{"cache", "clear", "--cache-dir", other}, &stdout, &stderr))
	assert.Contains(t, stdout.String(), other)
	stdout.Reset()
	require.NoError(t, run(context.Background(), []string{"cache"}, &stdout, &stderr))
	assert.Contains(t, stdout.String(), "1 files", "cache clear --cache-dir DIR clears DIR, not the default")

	stdout.Reset()
	require.NoError(t, run(context.Background(), []string{"cache", "clear"}, &stdout, &stderr))
	assert.Contains(t, stdout.String(), "cleared")
	stdout.Reset()
	require.NoError(t, run(context.Background(), []string{"cache"}, &stdout, &stderr))
	assert.Contains(t, stdout.String(), "0 files")

	err := run(context.Background(), []string{"cache", "explode"}, &stdout, &stderr)
	assert.ErrorContains(t, err, `unknown action "explode"`)
}

// TestMirror_savesWhatPagesNeed saves two pages from a server, then opens
// them from the saved folder alone.
func TestMirror_savesWhatPagesNeed(t *testing.T) {
	www := recordings.Require(t, "www")
	srv := fetchtest.NewServer(t, fetchtest.Options{Root: www})
	t.Setenv("OPENML_DASH_CACHE_DIR", t.TempDir())
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"mirror", "--plugins", coreDir, "--server", srv.APIBase(), "d/61", "t/59", "--out", dir}, &stdout, &stderr)
	require.NoError(t, err, "stderr: %s", stderr.String())
	assert.Contains(t, stdout.String(), "d/61: saved into "+dir)
	assert.FileExists(t, filepath.Join(dir, "api", "v1", "xml", "data", "features", "61"))
	srv.Close()

	assert.Contains(t, stdout.String(), "open them offline with: openml-dash --mirror "+dir+" --server "+srv.APIBase()+" d/61")
	page, _ := render(t, "--mirror", dir, "--server", srv.APIBase(), "t/59")
	assert.Contains(t, page.Title, "Task 59")
	assert.Empty(t, page.Problems)
	// The folder holds the answers of the server it was saved from, which
	// d/61 without --server is not.
	err = run(context.Background(), []string{"render", "--plugins", coreDir, "--mirror", dir, "--out", t.TempDir(), "t/59"}, &stdout, &stderr)
	assert.ErrorContains(t, err, "holds answers from "+srv.APIBase()+" only, not from https://www.openml.org/api/v1/xml")

	err = run(context.Background(), []string{"mirror", "--plugins", coreDir, "--server", srv.APIBase(), "x/1", "--out", dir}, &stdout, &stderr)
	assert.ErrorContains(t, err, `unknown entity type "x"`)
	err = run(context.Background(), []string{"mirror", "d/61"}, &stdout, &stderr)
	assert.ErrorContains(t, err, "mirror needs --out DIR")
}

// TestRender_localFile opens iris from its ARFF file with no server: the
// feature table is computed from the data.
func TestRender_localFile(t *testing.T) {
	www := recordings.Require(t, "www")
	iris := filepath.Join(www, "data", "download", "61", "dataset_61_iris.arff")
	page, _ := render(t, iris)
	assert.Equal(t, "data", page.Ref.Kind)
	assert.Equal(t, "dataset_61_iris", page.Title)
	assert.Empty(t, page.Problems)
	table := walk(allComponents(page), "table", "features")
	require.NotNil(t, table)
	require.Len(t, table.Rows, 5)
	assert.Equal(t, "class", table.Rows[0][0], "the last attribute is the target, shown first")

	page, _ = render(t, "--target", "sepalwidth", iris)
	table = walk(allComponents(page), "table", "features")
	require.NotNil(t, table)
	assert.Equal(t, "sepalwidth", table.Rows[0][0])
}

// TestRender_localCSV opens a CSV file: types are inferred, the last
// column is the target.
func TestRender_localCSV(t *testing.T) {
	csv := filepath.Join(t.TempDir(), "weather.csv")
	require.NoError(t, os.WriteFile(csv, []byte("outlook;temp;play\nsunny;85;no\nrainy;NA;yes\nsunny;70;yes\n"), 0o644))
	page, _ := render(t, csv)
	assert.Equal(t, "weather", page.Title)
	table := walk(allComponents(page), "table", "features")
	require.NotNil(t, table)
	require.Len(t, table.Rows, 3)
	assert.Equal(t, "play", table.Rows[0][0])
	assert.Equal(t, "numeric", table.Rows[2][1])
	assert.EqualValues(t, 1, table.Rows[2][2], "one missing temperature")
}

func TestProgressLine(t *testing.T) {
	cases := map[string]struct {
		p    dashboard.Progress
		want string
	}{
		"download": {dashboard.Progress{Label: "downloading iris.arff", Done: 512, Total: 2048}, "downloading iris.arff: 25% of 2.0 KiB"},
		"read":     {dashboard.Progress{Label: "reading big.arff", Done: 3 << 20, Total: -1}, "reading big.arff: 3.0 MiB"},
		"items":    {dashboard.Progress{Label: "Loading runs", Done: 1000, Total: 2345}, "Loading runs: 1000 of 2345"},
		"open":     {dashboard.Progress{Label: "Loading runs", Done: 7, Total: -1}, "Loading runs: 7"},
	}
	for name, tc := range cases {
		assert.Equal(t, tc.want, progressLine(tc.p), name)
	}
}

// TestRender_allRecordedPages renders the pages the recordings hold, from
// production and from the test server: each opens with no problem.
func TestRender_allRecordedPages(t *testing.T) {
	www, testServer := recordings.Require(t, "www"), recordings.Require(t, "test")
	for _, url := range []string{"t/59", "f/5270", "r/539275", "r/572944", "d/1"} {
		page, _ := render(t, "--mirror", www, url)
		assert.Empty(t, page.Problems, url)
	}
	// The test recordings do not name their server: with no --server, they
	// hold the URL's own server's answers. d/4's md5_checksum is
	// "NotApplicable", which is no checksum, not a damaged file.
	for _, url := range []string{"t/19", "r/219", "f/16", "d/1", "d/4"} {
		page, _ := render(t, "--mirror", testServer, "https://test.openml.org/"+url)
		assert.Empty(t, page.Problems, url)
		assert.NotEmpty(t, page.Tabs, url)
		if url == "d/4" {
			assert.NotNil(t, walk(allComponents(page), "chart", "importance-chart"), "the charts drawn from the file")
		}
	}
	page, _ := render(t, "--mirror", testServer, "--server", "https://test.openml.org/api/v1/xml", "https://test.openml.org/t/19")
	assert.Empty(t, page.Problems)
}

// TestMirror_anotherServersPages saves a page of a server other than the
// configured one, as `mirror https://test.openml.org/d/1 --out m` does,
// then opens it from the folder with the same URL and no --server; the
// folder does not answer the configured server's ids.
func TestMirror_anotherServersPages(t *testing.T) {
	testServer := recordings.Require(t, "test")
	srv := fetchtest.NewServer(t, fetchtest.Options{Root: testServer})
	t.Setenv("OPENML_DASH_CACHE_DIR", t.TempDir())
	dir := t.TempDir()
	url := srv.URL + "/f/16"
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"mirror", "--plugins", coreDir, url, "--out", dir}, &stdout, &stderr)
	require.NoError(t, err, "stderr: %s", stderr.String())
	assert.Contains(t, stdout.String(), "open them offline with: openml-dash --mirror "+dir+" "+url)
	srv.Close()

	page, _ := render(t, "--mirror", dir, url)
	assert.Empty(t, page.Problems)
	assert.NotEmpty(t, page.Tabs)

	err = run(context.Background(), []string{"render", "--plugins", coreDir, "--mirror", dir, "--out", t.TempDir(), "f/16"}, &stdout, &stderr)
	assert.ErrorContains(t, err, "holds answers from "+srv.APIBase()+" only, not from https://www.openml.org/api/v1/xml")

	err = run(context.Background(), []string{"mirror", "--plugins", coreDir, url, "d/61", "--out", t.TempDir()}, &stdout, &stderr)
	assert.ErrorContains(t, err, "mirror saves the pages of one server per folder")
}

// TestRender_timeoutExitsNonZero: a page that runs out of time (here the
// server is slow to answer the tasks tab's listing, which does not count
// against a plugin call's own time, but does against the page's) is written
// with what is there, the part given up on saying why, and render exits
// non-zero so that a script does not take it for a whole page.
func TestRender_timeoutExitsNonZero(t *testing.T) {
	www := recordings.Require(t, "www")
	srv := fetchtest.NewServer(t, fetchtest.Options{Root: www})
	srv.Fault("/api/v1/xml/task/list/limit/1000/offset/0/status/all/data_id/61", fetchtest.Fault{Delay: 4 * time.Second})
	t.Setenv("OPENML_DASH_CACHE_DIR", t.TempDir())
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"render", "--plugins", coreDir, "--server", srv.APIBase(), "--timeout", "1s", "--out", out, "d/61"}, &stdout, &stderr)
	require.Error(t, err, "exit non-zero")
	assert.Contains(t, err.Error(), "the page was written, but it is not complete: page not finished after 1s")
	assert.Contains(t, stderr.String(), "writing what is there")
	b, rerr := os.ReadFile(filepath.Join(out, "page.json"))
	require.NoError(t, rerr, "the page is written all the same")
	assert.Contains(t, string(b), "page not finished after 1s", "the part given up on says why")
}

// TestRender_unreadableLocalFile: a file that cannot be read at all still
// gets its page written, but render exits non-zero with the reason and,
// where the reader has one, its line number, so that scripts can tell.
func TestRender_unreadableLocalFile(t *testing.T) {
	dir := t.TempDir()
	bin := make([]byte, 300)
	for i := range bin {
		bin[i] = byte(i*131 + 7)
	}
	cases := map[string]struct {
		name    string
		content []byte
		want    string
	}{
		"invalid ARFF": {"bad.arff", []byte("@relation r\n@attribute a numeric\n@data\n1\nxyz\n"), `line 5, column 1: expected a number for attribute "a"`},
		"empty":        {"empty.arff", nil, "is empty"},
		"binary":       {"blob.dat", bin, "binary data"},
		"fake parquet": {"fake.parquet", []byte("PAR1garbagePAR1"), "not a readable parquet file"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name)
			require.NoError(t, os.WriteFile(path, tc.content, 0o644))
			out := t.TempDir()
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), []string{"render", "--plugins", coreDir, "--out", out, path}, &stdout, &stderr)
			require.Error(t, err, "exit non-zero")
			assert.Contains(t, err.Error(), "the page was written, but the file could not be read")
			assert.Contains(t, err.Error(), tc.want)
			b, rerr := os.ReadFile(filepath.Join(out, "page.json"))
			require.NoError(t, rerr, "the page is written all the same")
			var page pagejson.Page
			require.NoError(t, json.Unmarshal(b, &page))
			require.Len(t, page.Notices, 1, "said once, above the tabs")
			assert.Contains(t, page.Notices[0].Detail, tc.want)
		})
	}
}

// A short tab ends where its content ends. The data page's Tasks tab (its
// notice naming a long path) came out stretched to most of the picture:
// wrapped text kept the heights it had before its width was known.
func TestRender_shortTabIsNotStretched(t *testing.T) {
	www := recordings.Require(t, "www")
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"render", "--plugins", coreDir, "--out", out, "--mirror", www, "d/61"}, &stdout, &stderr)
	require.NoError(t, err, "stderr: %s", stderr.String())
	images, err := filepath.Glob(filepath.Join(out, "tab-*-tasks.png"))
	require.NoError(t, err)
	require.Len(t, images, 1, "the data page has a Tasks tab")
	image := filepath.Base(images[0])
	f, err := os.Open(images[0])
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	bg := img.At(5, img.Bounds().Dy()-5)
	for y := img.Bounds().Dy() / 2; y < img.Bounds().Dy(); y += 3 {
		for x := 0; x < img.Bounds().Dx(); x += 7 {
			if img.At(x, y) != bg {
				t.Fatalf("%s: the lower half is not empty: pixel %d,%d is drawn", image, x, y)
			}
		}
	}
}
