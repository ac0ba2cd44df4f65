package compare_test

import (
	"bufio"
	"encoding/xml"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk"
)

const ns = `xmlns:oml="http://openml.org/openml"`

const testServer = "https://test.openml.org"

func comparison(t *testing.T, server string, ids ...int64) sdk.EntityRef {
	t.Helper()
	ref, err := sdk.CompareRuns(server, ids...)
	require.NoError(t, err)
	return ref
}

func tabIDs(p *sdk.Page) []string {
	var ids []string
	for _, tb := range p.Tabs {
		ids = append(ids, tb.ID)
	}
	return ids
}

// column gives a table's cells in the column with id.
func column(t *testing.T, tb *sdk.Table, id string) []sdk.Cell {
	t.Helper()
	col := slices.IndexFunc(tb.Columns, func(c sdk.Column) bool { return c.ID == id })
	require.GreaterOrEqual(t, col, 0, "table %q has no column %q", tb.ID, id)
	var out []sdk.Cell
	for _, r := range tb.Rows {
		out = append(out, r.Cells[col])
	}
	return out
}

func columnIDs(tb *sdk.Table) []string {
	var out []string
	for _, c := range tb.Columns {
		out = append(out, c.ID)
	}
	return out
}

// numbers reads number cells, NaN for a missing one.
func numbers(cells []sdk.Cell) []float64 {
	out := make([]float64, len(cells))
	for i, c := range cells {
		out[i] = c.Number
		if c.Missing {
			out[i] = math.NaN()
		}
	}
	return out
}

func texts(cells []sdk.Cell) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = c.Text
		if c.Missing {
			out[i] = "<missing>"
		}
	}
	return out
}

// filled is what a one-output patch put in its slot.
func filled(t *testing.T, p *sdk.Patch) []sdk.Component {
	t.Helper()
	require.Len(t, p.Outputs, 1)
	return p.Outputs[0].Value.Children()
}

func markdowns(cs []sdk.Component) []string {
	var out []string
	sdk.Walk(cs, func(c sdk.Component) bool {
		if x, ok := c.(*sdk.Text); ok {
			out = append(out, x.Markdown)
		}
		return true
	})
	return out
}

func seriesNames(c *sdk.Chart) []string {
	var out []string
	for _, s := range c.Series {
		out = append(out, s.Name)
	}
	return out
}

// runXMLFile is the part of a recorded run description the tests read on
// their own, without sdk/openml.
type runXMLFile struct {
	Evaluations []struct {
		Repeat string `xml:"repeat,attr"`
		Fold   string `xml:"fold,attr"`
		Name   string `xml:"name"`
		Value  string `xml:"value"`
		Array  string `xml:"array_data"`
	} `xml:"output_data>evaluation"`
	OutputFiles []struct {
		Name string `xml:"name"`
		URL  string `xml:"url"`
	} `xml:"output_data>file"`
}

func readRunXML(t *testing.T, path string) runXMLFile {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var r runXMLFile
	require.NoError(t, xml.Unmarshal(b, &r))
	return r
}

// xmlFolds reads a measure's per-fold values from a recorded run
// description, ordered by repeat then fold.
func xmlFolds(t *testing.T, path, measure string) []float64 {
	t.Helper()
	type fv struct {
		repeat, fold int
		v            float64
	}
	var vs []fv
	for _, e := range readRunXML(t, path).Evaluations {
		if e.Name != measure || e.Fold == "" {
			continue
		}
		r, err1 := strconv.Atoi(e.Repeat)
		f, err2 := strconv.Atoi(e.Fold)
		v, err3 := strconv.ParseFloat(strings.TrimSpace(e.Value), 64)
		require.NoError(t, err1)
		require.NoError(t, err2)
		require.NoError(t, err3)
		vs = append(vs, fv{r, f, v})
	}
	slices.SortFunc(vs, func(a, b fv) int {
		if a.repeat != b.repeat {
			return a.repeat - b.repeat
		}
		return a.fold - b.fold
	})
	out := make([]float64, len(vs))
	for i, x := range vs {
		out[i] = x.v
	}
	return out
}

// xmlOverall reads a measure's whole-run value, and its array data.
func xmlOverall(t *testing.T, path, measure string) (float64, string) {
	t.Helper()
	for _, e := range readRunXML(t, path).Evaluations {
		if e.Name == measure && e.Fold == "" {
			v, err := strconv.ParseFloat(strings.TrimSpace(e.Value), 64)
			require.NoError(t, err)
			return v, strings.TrimSpace(e.Array)
		}
	}
	t.Fatalf("%s has no overall %s", path, measure)
	return 0, ""
}

// predictionsPath is where a recorded run's predictions file is.
func predictionsPath(t *testing.T, root, runPath string) string {
	t.Helper()
	for _, f := range readRunXML(t, runPath).OutputFiles {
		if f.Name == "predictions" {
			u := strings.TrimSpace(f.URL)
			u = u[strings.Index(u, "://")+3:]
			return filepath.Join(root, filepath.FromSlash(u[strings.IndexByte(u, '/')+1:]))
		}
	}
	t.Fatalf("%s has no predictions", runPath)
	return ""
}

// arffRows reads a dense ARFF file's rows as maps from attribute name to
// the value as written, quotes taken off: enough for a predictions file.
func arffRows(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	unquote := func(s string) string { return strings.Trim(strings.TrimSpace(s), `'"`) }
	var names []string
	var rows []map[string]string
	data := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// Some recorded files end in a NUL byte.
		line := strings.Trim(sc.Text(), " \t\r\x00")
		low := strings.ToLower(line)
		switch {
		case line == "" || strings.HasPrefix(line, "%"):
		case strings.HasPrefix(low, "@attribute"):
			fields := strings.Fields(line)
			names = append(names, unquote(fields[1]))
		case strings.HasPrefix(low, "@data"):
			data = true
		case data:
			vals := strings.Split(line, ",")
			require.Len(t, vals, len(names), "row %q", line)
			row := map[string]string{}
			for i, v := range vals {
				row[names[i]] = unquote(v)
			}
			rows = append(rows, row)
		}
	}
	require.NoError(t, sc.Err())
	return rows
}

// mannWhitneyAUC is the ROC AUC of class against the rest as the
// probability that a random instance of the class scores higher than a
// random other one (ties count half): equal to the area under the ROC
// curve, computed without drawing it.
func mannWhitneyAUC(t *testing.T, rows []map[string]string, class string) float64 {
	t.Helper()
	var pos, neg []float64
	for _, r := range rows {
		s, err := strconv.ParseFloat(r["confidence."+class], 64)
		require.NoError(t, err)
		truth := r["truth"]
		if truth == "" {
			truth = r["correct"]
		}
		if truth == class {
			pos = append(pos, s)
		} else {
			neg = append(neg, s)
		}
	}
	var wins float64
	for _, p := range pos {
		for _, n := range neg {
			switch {
			case p > n:
				wins++
			case p == n:
				wins += 0.5
			}
		}
	}
	return wins / float64(len(pos)*len(neg))
}

// accuracyOf is the share of rows whose prediction is the truth.
func accuracyOf(rows []map[string]string) float64 {
	right := 0
	for _, r := range rows {
		if r["prediction"] == r["truth"] {
			right++
		}
	}
	return float64(right) / float64(len(rows))
}
