package route_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/demo"
	"github.com/openml-dash/openml-dash/host/route"
	"github.com/openml-dash/openml-dash/sdk"
)

const www = sdk.DefaultServer

func ref(server string, kind sdk.Kind, id int64) sdk.EntityRef {
	return sdk.EntityRef{Server: server, Kind: kind, ID: id}
}

func comparisonRef(t *testing.T, server string, ids ...int64) sdk.EntityRef {
	r, err := sdk.CompareRuns(server, ids...)
	require.NoError(t, err)
	return r
}

func TestParse_comparison(t *testing.T) {
	t.Parallel()
	for in, want := range map[string][]int64{
		"r/539275,572944":                          {539275, 572944},
		"https://www.openml.org/r/1,2,3":           {1, 2, 3},
		"run/10, 9":                                {10, 9},
		"r/1,2,3,4,5,6,7,8,9,10":                   {1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
		"https://www.openml.org/run/572944,539275": {572944, 539275},
	} {
		got, err := route.Parse(in)
		require.NoError(t, err, in)
		assert.Equal(t, sdk.KindRunComparison, got.Kind, in)
		assert.Equal(t, want, got.IDs(), in)
	}
}

func TestParse(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		in   string
		want sdk.EntityRef
	}{
		"https www":             {"https://www.openml.org/d/61", ref(www, sdk.KindData, 61)},
		"http bare host":        {"http://openml.org/d/61", ref(www, sdk.KindData, 61)},
		"no scheme":             {"openml.org/d/61", ref(www, sdk.KindData, 61)},
		"trailing slash":        {"www.openml.org/d/61/", ref(www, sdk.KindData, 61)},
		"query and fragment":    {"https://www.openml.org/d/61?tab=features#x", ref(www, sdk.KindData, 61)},
		"fragment only":         {"openml.org/t/59#top", ref(www, sdk.KindTask, 59)},
		"surrounding space":     {"  \thttps://www.openml.org/r/539275\n", ref(www, sdk.KindRun, 539275)},
		"upper case":            {"HTTPS://WWW.OPENML.ORG/D/61", ref(www, sdk.KindData, 61)},
		"scheme-relative":       {"//www.openml.org/f/5270", ref(www, sdk.KindFlow, 5270)},
		"default port":          {"https://www.openml.org:443/d/61", ref(www, sdk.KindData, 61)},
		"repeated slashes":      {"openml.org//d//61", ref(www, sdk.KindData, 61)},
		"search data":           {"openml.org/search?type=data&id=61", ref(www, sdk.KindData, 61)},
		"demo":                  {"demo", ref(demo.Server, sdk.KindData, 1)},
		"demo task":             {"Demo/t/1", ref(demo.Server, sdk.KindTask, 1)},
		"search run sorted":     {"https://www.openml.org/search?type=run&id=539275&sort=date", ref(www, sdk.KindRun, 539275)},
		"search id first":       {"https://www.openml.org/search?sort=runs&id=59&type=task&status=active", ref(www, sdk.KindTask, 59)},
		"search flow":           {"search?type=flow&id=5270", ref(www, sdk.KindFlow, 5270)},
		"search trailing slash": {"openml.org/search/?type=data&id=61", ref(www, sdk.KindData, 61)},
		"short /t":              {"/t/59", ref(www, sdk.KindTask, 59)},
		"short /f":              {"/f/5270", ref(www, sdk.KindFlow, 5270)},
		"short /r":              {"/r/539275", ref(www, sdk.KindRun, 539275)},
		"short d":               {"d/61", ref(www, sdk.KindData, 61)},
		"short t":               {"t/59", ref(www, sdk.KindTask, 59)},
		"short /d":              {"/d/61", ref(www, sdk.KindData, 61)},
		"long data":             {"data/61", ref(www, sdk.KindData, 61)},
		"long task":             {"task/59", ref(www, sdk.KindTask, 59)},
		"long flow":             {"flow/5270", ref(www, sdk.KindFlow, 5270)},
		"long run":              {"run/539275", ref(www, sdk.KindRun, 539275)},
		"long /data":            {"/data/61", ref(www, sdk.KindData, 61)},
		"long /run":             {"/run/539275", ref(www, sdk.KindRun, 539275)},
		"study short":           {"s/157", ref(www, sdk.KindStudy, 157)},
		"study website":         {"https://www.openml.org/s/99", ref(www, sdk.KindStudy, 99)},
		"study long":            {"study/157", ref(www, sdk.KindStudy, 157)},
		"study API":             {"https://www.openml.org/api/v1/xml/study/99", ref(www, sdk.KindStudy, 99)},
		"run study dashboard":   {"/dashboard/study/run/157", ref(www, sdk.KindStudy, 157)},
		"suite dashboard":       {"https://www.openml.org/dashboard/study/task/99", ref(www, sdk.KindStudy, 99)},
		"untyped dashboard":     {"dashboard/study/123", ref(www, sdk.KindStudy, 123)},
		"search run study":      {"openml.org/search?type=study&study_type=run&id=123", ref(www, sdk.KindStudy, 123)},
		"search benchmark":      {"https://www.openml.org/search?type=benchmark&study_type=task&id=99", ref(www, sdk.KindStudy, 99)},
		"test suite":            {"https://test.openml.org/search?type=benchmark&study_type=task&id=146", ref("https://test.openml.org", sdk.KindStudy, 146)},
		"test study short":      {"test.openml.org/s/157", ref("https://test.openml.org", sdk.KindStudy, 157)},
		"data overview":         {"https://www.openml.org/search?type=data", ref(www, sdk.KindDataOverview, 0)},
		"one run, comma":        {"r/539275,", ref(www, sdk.KindRun, 539275)},
		"task overview sorted":  {"openml.org/search?type=task&sort=runs", ref(www, sdk.KindTaskOverview, 0)},
		"flow overview Dash":    {"/dashboard/flow", ref(www, sdk.KindFlowOverview, 0)},
		"run overview Dash":     {"https://test.openml.org/dashboard/run", ref("https://test.openml.org", sdk.KindRunOverview, 0)},
		"short with query":      {"d/61?tab=features", ref(www, sdk.KindData, 61)},
		"leading zeros":         {"d/061", ref(www, sdk.KindData, 61)},
		"max int64":             {"d/9223372036854775807", ref(www, sdk.KindData, 9223372036854775807)},
		"dashboard path":        {"/dashboard/data/61", ref(www, sdk.KindData, 61)},
		"dashboard no slash":    {"dashboard/flow/5270", ref(www, sdk.KindFlow, 5270)},
		"dashboard URL":         {"https://www.openml.org/dashboard/task/59", ref(www, sdk.KindTask, 59)},
		"api short":             {"api/v1/xml/data/61", ref(www, sdk.KindData, 61)},
		"api URL":               {"https://www.openml.org/api/v1/xml/data/61", ref(www, sdk.KindData, 61)},
		"api json":              {"/api/v1/json/task/59", ref(www, sdk.KindTask, 59)},
		"api host":              {"https://api.openml.org/api/v1/xml/run/1", ref(www, sdk.KindRun, 1)},
		"test server":           {"https://test.openml.org/d/1", ref("https://test.openml.org", sdk.KindData, 1)},
		"test server http":      {"http://test.openml.org/t/19", ref("https://test.openml.org", sdk.KindTask, 19)},
		"test server api":       {"test.openml.org/api/v1/xml/task/19", ref("https://test.openml.org", sdk.KindTask, 19)},
		"test server search":    {"test.openml.org/search?type=run&id=219", ref("https://test.openml.org", sdk.KindRun, 219)},
		"localhost":             {"http://localhost:8080/d/61", ref("http://localhost:8080", sdk.KindData, 61)},
		"localhost no scheme":   {"localhost:8080/d/61", ref("http://localhost:8080", sdk.KindData, 61)},
		"loopback no scheme":    {"127.0.0.1:8000/api/v1/xml/data/2", ref("http://127.0.0.1:8000", sdk.KindData, 2)},
		"ipv6 loopback":         {"[::1]:8080/r/3", ref("http://[::1]:8080", sdk.KindRun, 3)},
		"private instance":      {"openml.example.org/d/7", ref("https://openml.example.org", sdk.KindData, 7)},
		"private http kept":     {"http://openml.example.org:8080/d/7", ref("http://openml.example.org:8080", sdk.KindData, 7)},
		"private default port":  {"http://OpenML.Example.org:80/d/7", ref("http://openml.example.org", sdk.KindData, 7)},
		"openml.org with port":  {"http://www.openml.org:8080/d/7", ref("http://www.openml.org:8080", sdk.KindData, 7)},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := route.Parse(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestParse_errors(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		in         string
		wantReason string
	}{
		"empty":                 {"", "empty input"},
		"blank":                 {" \t\n", "empty input"},
		"demo on a server":      {"demo/https://test.openml.org/d/1", "not a demo page"},
		"demo bad id":           {"demo/d/x", "not a demo page"},
		"unknown type":          {"openml.org/x/61", `unknown entity type "x"`},
		"unknown short type":    {"setup/1", `unknown entity type "setup"`},
		"unknown api type":      {"api/v1/xml/setup/1", `unknown entity type "setup"`},
		"bad study type":        {"dashboard/study/flow/1", `unknown study type "flow"`},
		"study type, no id":     {"dashboard/study/run", `missing id after "study"`},
		"bad search study type": {"search?type=study&study_type=data&id=1", `unknown study type "data"`},
		"short kind in api":     {"api/v1/xml/d/61", `unknown entity type "d"`},
		"api without type":      {"https://www.openml.org/api/v1/xml", "missing entity type after api/v1/xml"},
		"api wrong version":     {"api/v2/xml/data/61", "unsupported API path"},
		"dashboard without":     {"/dashboard", "missing entity type after dashboard"},
		"bare id":               {"61", "missing entity type before id 61"},
		"host only":             {"https://www.openml.org", "no entity type and id"},
		"host only slash":       {"openml.org/", "no entity type and id"},
		"missing id":            {"d/", `missing id after "d"`},
		"missing id URL":        {"https://www.openml.org/data", `missing id after "data"`},
		"missing id api":        {"api/v1/xml/task", `missing id after "task"`},
		"non-numeric id":        {"d/iris", `id "iris" is not a number`},
		"api subresource":       {"api/v1/xml/data/features/61", `id "features" is not a number`},
		"decimal id":            {"d/6.1", `id "6.1" is not a number`},
		"plus id":               {"d/+61", `id "+61" is not a number`},
		"negative id":           {"d/-1", "id -1 is not positive"},
		"zero id":               {"t/0", "id 0 is not positive"},
		"huge id":               {"d/9223372036854775808", "id 9223372036854775808 is too large"},
		"extra segments":        {"d/61/features/x", `unexpected "/features/x" after the id`},
		"extra segment URL":     {"https://www.openml.org/d/61/x", `unexpected "/x" after the id`},
		"extra in api":          {"api/v1/xml/data/61/extra", `unexpected "/extra" after the id`},
		"search nothing":        {"openml.org/search?sort=date", "search URL has neither type= nor id="},
		"search no type":        {"openml.org/search?id=61", "search URL has no type="},
		"search study no id":    {"https://www.openml.org/search?type=study&study_type=run", "list of studies"},
		"overview kind name":    {"dashboard/data-overview", `unknown entity type "data-overview"`},
		"comparison bad id":     {"r/1,x", `id "x" is not a number`},
		"comparison same run":   {"r/5,5", "run 5 is named twice"},
		"comparison too many":   {"r/1,2,3,4,5,6,7,8,9,10,11", "2 to 10 runs, not 11"},
		"comparison extra":      {"r/1,2/x", `unexpected "/x" after the run ids`},
		"overview in type=":     {"search?type=run-overview", `unknown entity type "run-overview"`},
		"search unknown type":   {"openml.org/search?type=setup&id=1", `unknown entity type "setup" in type=`},
		"search bad id":         {"openml.org/search?type=data&id=abc", `id "abc" is not a number`},
		"search empty id":       {"openml.org/search?type=data&id=", "missing id in id="},
		"search extra segments": {"openml.org/search/x?type=data&id=61", `unexpected "/x" after search`},
		"ftp scheme":            {"ftp://www.openml.org/d/61", `unsupported scheme "ftp"`},
		"no host":               {"https:///d/61", "missing host name"},
		"credentials":           {"https://me:pw@www.openml.org/d/61", "user names and passwords"},
		"bad port":              {"localhost:0/d/1", `invalid port "0"`},
		"bad escape":            {"d/%zz", "not a valid URL"},
		"odd host":              {"https://ex%C3%A9mple.org/d/1", "invalid host name"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := route.Parse(tc.in)
			require.Error(t, err, "got %+v", got)
			assert.Zero(t, got)
			var rerr *route.Error
			require.True(t, errors.As(err, &rerr), "%T is not *route.Error", err)
			assert.Contains(t, rerr.Reason, tc.wantReason)
			assert.Contains(t, err.Error(), tc.wantReason)
			assert.Contains(t, err.Error(), "https://www.openml.org/d/61", "error must show an accepted URL")
			assert.Contains(t, err.Error(), "d/61 (data), t/59 (task), f/5270 (flow), r/539275 (run)", "error must show the short forms")
		})
	}
}

func TestError_longInputClipped(t *testing.T) {
	t.Parallel()
	_, err := route.Parse("d/" + strings.Repeat("x", 500))
	require.Error(t, err)
	assert.Less(t, len(err.Error()), 400)
	assert.Contains(t, err.Error(), "...")
}

func TestAPIBase(t *testing.T) {
	t.Parallel()
	cases := map[string]struct{ in, want string }{
		"zero":        {"", "https://www.openml.org/api/v1/xml"},
		"default":     {sdk.DefaultServer, "https://www.openml.org/api/v1/xml"},
		"test server": {"https://test.openml.org", "https://test.openml.org/api/v1/xml"},
		"localhost":   {"http://localhost:8080", "http://localhost:8080/api/v1/xml"},
		"slash":       {"http://localhost:8080/", "http://localhost:8080/api/v1/xml"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, route.APIBase(tc.in))
		})
	}
}

// TestParse_roundTrip checks that what EntityRef prints parses back to it.
func TestParse_roundTrip(t *testing.T) {
	t.Parallel()
	cases := map[string]sdk.EntityRef{
		"default":           ref(www, sdk.KindData, 61),
		"test":              ref("https://test.openml.org", sdk.KindRun, 219),
		"localhost":         ref("http://localhost:8080", sdk.KindFlow, 1),
		"ipv6":              ref("http://[::1]:8080", sdk.KindTask, 2),
		"study":             ref(www, sdk.KindStudy, 99),
		"test run overview": ref("https://test.openml.org", sdk.KindRunOverview, 0),
		"data overview":     ref(www, sdk.KindDataOverview, 0),
		"comparison":        comparisonRef(t, "https://test.openml.org", 219, 221, 220),
	}
	for name, want := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for _, s := range []string{want.String(), want.URL()} {
				got, err := route.Parse(s)
				require.NoError(t, err, s)
				assert.Equal(t, want, got, s)
			}
		})
	}
}

func ExampleParse() {
	ref, err := route.Parse("https://www.openml.org/search?type=data&id=61&sort=runs")
	fmt.Println(ref.Server, ref.Kind, ref.ID, err)
	_, err = route.Parse("openml.org/x/61")
	fmt.Println(err)
	// Output:
	// https://www.openml.org data 61 <nil>
	// "openml.org/x/61": unknown entity type "x"; use a URL like https://www.openml.org/d/61 or a short form like d/61 (data), t/59 (task), f/5270 (flow), r/539275 (run), s/99 (study or benchmark suite)
}

func TestParse_localFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "iris.arff")
	noExt := filepath.Join(dir, "phpFsFYVN")
	for _, p := range []string{file, noExt} {
		require.NoError(t, os.WriteFile(p, []byte("@relation x\n"), 0o644))
	}
	for in, want := range map[string]string{
		file:               file,
		"file://" + file:   file,
		noExt:              noExt,
		"  " + file + "\n": file,
	} {
		got, err := route.Parse(in)
		require.NoError(t, err, in)
		assert.Equal(t, sdk.LocalFileRef(want), got, in)
		p, ok := got.LocalFile()
		assert.True(t, ok)
		assert.Equal(t, want, p)
		assert.Equal(t, want, got.String(), "a local file shows as its path")
	}
	for in, reason := range map[string]string{
		filepath.Join(dir, "missing.csv"):         "no such file",
		"file://" + filepath.Join(dir, "missing"): "no such file",
		dir: "is a folder, not a data file",
	} {
		_, err := route.Parse(in)
		var re *route.Error
		require.ErrorAs(t, err, &re, in)
		assert.Equal(t, reason, re.Reason[:len(reason)], in)
	}
	ref, err := route.Parse("d/61")
	require.NoError(t, err)
	_, ok := ref.LocalFile()
	assert.False(t, ok, "OpenML forms are not files")
}

// TestParse_localFileInHome: a path typed with ~ (in the URL bar, or
// quoted) opens the file in the home folder; ~\ only on Windows.
func TestParse_localFileInHome(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home) // Windows' home
	file := filepath.Join(home, "data", "iris.arff")
	require.NoError(t, os.MkdirAll(filepath.Dir(file), 0o755))
	require.NoError(t, os.WriteFile(file, []byte("@relation x\n"), 0o644))

	for _, in := range []string{"~/data/iris.arff", " ~/data/iris.arff\n"} {
		got, err := route.Parse(in)
		require.NoError(t, err, in)
		assert.Equal(t, sdk.LocalFileRef(file), got, in)
	}
	got, err := route.Parse(`~\data\iris.arff`)
	if runtime.GOOS == "windows" {
		require.NoError(t, err)
		assert.Equal(t, sdk.LocalFileRef(file), got)
	} else {
		var re *route.Error
		require.ErrorAs(t, err, &re, "a backslash is part of the file name on Unix")
		assert.Equal(t, "no such file", re.Reason)
	}
	_, err = route.Parse("~/data/missing.arff")
	var re *route.Error
	require.ErrorAs(t, err, &re)
	assert.Equal(t, "no such file", re.Reason)
	_, err = route.Parse("~/data")
	require.ErrorAs(t, err, &re)
	assert.Contains(t, re.Reason, "is a folder", "~ is expanded before the folder is seen")
}
