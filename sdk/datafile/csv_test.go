package datafile_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk/datafile"
	"github.com/openml-dash/openml-dash/sdk/frame"
)

// wantColumn is what a test expects of a column; nil fields are not
// checked.
type wantColumn struct {
	name    string
	kind    frame.Kind
	floats  []float64 // NaN where missing
	values  []string  // Nominal values, "?" where missing
	levels  []string
	strings []string
	missing []int
}

func checkColumns(t *testing.T, f *frame.Frame, want []wantColumn) {
	t.Helper()
	require.Len(t, f.Columns, len(want))
	for i, w := range want {
		c := f.Columns[i]
		assert.Equal(t, w.name, c.Name, "column %d", i)
		if !assert.Equal(t, w.kind, c.Kind, "column %q", w.name) {
			continue
		}
		if w.floats != nil {
			assertFloats(t, w.floats, c.Floats, w.name)
		}
		if w.values != nil {
			assert.Equal(t, w.values, texts(c), "column %q", w.name)
		}
		if w.levels != nil {
			assert.Equal(t, w.levels, c.Levels, "column %q", w.name)
		}
		if w.strings != nil {
			assert.Equal(t, w.strings, c.Strings, "column %q", w.name)
		}
		assert.Equal(t, w.missing, missingRows(c), "missing rows of %q", w.name)
		if len(w.missing) == 0 {
			assert.Nil(t, c.Missing, "column %q has no missing value", w.name)
		}
	}
}

// assertFloats compares exactly, NaN equal to NaN.
func assertFloats(t *testing.T, want, got []float64, name string) {
	t.Helper()
	if !assert.Len(t, got, len(want), name) {
		return
	}
	for i := range want {
		if math.IsNaN(want[i]) {
			assert.True(t, math.IsNaN(got[i]), "%s[%d] = %v, want NaN", name, i, got[i])
		} else {
			assert.Equal(t, want[i], got[i], "%s[%d]", name, i)
		}
	}
}

var nan = math.NaN()

func TestRead_csv(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		name      string
		content   []byte
		want      []wantColumn
		wantNotes []string
	}{
		"comma": {
			content: []byte("x,y\n1,a\n2.5,b\n-3e2,a\n"),
			want: []wantColumn{
				{name: "x", kind: frame.Numeric, floats: []float64{1, 2.5, -300}},
				{name: "y", kind: frame.Nominal, values: []string{"a", "b", "a"}, levels: []string{"a", "b"}},
			},
		},
		"semicolon, with commas in values": {
			content: []byte("x;y\n1,5;a\n2,5;b\n"),
			want: []wantColumn{
				{name: "x", kind: frame.Nominal, values: []string{"1,5", "2,5"}},
				{name: "y", kind: frame.Nominal, values: []string{"a", "b"}},
			},
		},
		"tab": {
			name:    "x.tsv",
			content: []byte("x\ty z\n1\tp q\n"),
			want: []wantColumn{
				{name: "x", kind: frame.Numeric, floats: []float64{1}},
				{name: "y z", kind: frame.Nominal, values: []string{"p q"}},
			},
		},
		"pipe": {
			content: []byte("a|b|c\n1|2|3\n"),
			want: []wantColumn{
				{name: "a", kind: frame.Numeric, floats: []float64{1}},
				{name: "b", kind: frame.Numeric, floats: []float64{2}},
				{name: "c", kind: frame.Numeric, floats: []float64{3}},
			},
		},
		"delimiters inside quoted header names do not count": {
			content: []byte("\"a;b;c\",d\n1,2\n"),
			want: []wantColumn{
				{name: "a;b;c", kind: frame.Numeric, floats: []float64{1}},
				{name: "d", kind: frame.Numeric, floats: []float64{2}},
			},
		},
		"quotes with delimiters, newlines and doubled quotes": {
			content: []byte("id,text\r\n1,\"a, b\"\r\n2,\"line one\nline two\"\r\n3,\"say \"\"hi\"\"\"\r\n"),
			want: []wantColumn{
				{name: "id", kind: frame.Numeric, floats: []float64{1, 2, 3}},
				{name: "text", kind: frame.String, strings: []string{"a, b", "line one\nline two", `say "hi"`}},
			},
		},
		"missing tokens": {
			content: []byte("x,y\n1,a\n,b\n?,?\nNA,NA\nN/A,N/A\nNaN,nan\nnan,null\nnull,NULL\nNULL,None\nNone,\n\"\",a\n 7 , b \n"),
			want: []wantColumn{
				{name: "x", kind: frame.Numeric, floats: []float64{1, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, 7},
					missing: []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}},
				{name: "y", kind: frame.Nominal, values: []string{"a", "b", "?", "?", "?", "?", "?", "?", "?", "?", "a", "b"},
					levels: []string{"a", "b"}, missing: []int{2, 3, 4, 5, 6, 7, 8, 9}},
			},
		},
		"all missing is numeric": {
			content: []byte("x\n?\nNA\n"),
			want:    []wantColumn{{name: "x", kind: frame.Numeric, floats: []float64{nan, nan}, missing: []int{0, 1}}},
		},
		"levels in order of first appearance": {
			content: []byte("c\nz\ny\nz\nx\ny\nz\nz\nx\n"),
			want:    []wantColumn{{name: "c", kind: frame.Nominal, levels: []string{"z", "y", "x"}}},
		},
		"too many distinct values for nominal": {
			// 5 rows allow 2 levels.
			content: []byte("c,d\na,a\nb,a\nc,b\nc,?\nb,b\n"),
			want: []wantColumn{
				{name: "c", kind: frame.String, strings: []string{"a", "b", "c", "c", "b"}},
				{name: "d", kind: frame.Nominal, values: []string{"a", "a", "b", "?", "b"}, missing: []int{3}},
			},
		},
		"a number among words is text": {
			content: []byte("c\n1\n2\nx\n1\n2.0\nx\n1\nx\n"),
			want: []wantColumn{{name: "c", kind: frame.Nominal, values: []string{"1", "2", "x", "1", "2.0", "x", "1", "x"},
				levels: []string{"1", "2", "x", "2.0"}}},
		},
		"infinities are numbers": {
			content: []byte("c\nInf\n-inf\n0\n"),
			want:    []wantColumn{{name: "c", kind: frame.Numeric, floats: []float64{math.Inf(1), math.Inf(-1), 0}}},
		},
		"header only": {
			content: []byte("a,b\n"),
			want: []wantColumn{
				{name: "a", kind: frame.Numeric, floats: []float64{}},
				{name: "b", kind: frame.Numeric, floats: []float64{}},
			},
		},
		"duplicate and empty names": {
			content: []byte("a,a,,a.1,a\n1,2,3,4,5\n"),
			want: []wantColumn{
				{name: "a", kind: frame.Numeric},
				{name: "a.2", kind: frame.Numeric, floats: []float64{2}},
				{name: "column 3", kind: frame.Numeric},
				{name: "a.1", kind: frame.Numeric, floats: []float64{4}},
				{name: "a.3", kind: frame.Numeric, floats: []float64{5}},
			},
			wantNotes: []string{
				`Column 3 has no name in the header; it is called "column 3".`,
				`Column 2 repeats the name "a"; it is called "a.2".`,
				`Column 5 repeats the name "a"; it is called "a.3".`,
			},
		},
		"blank lines are skipped": {
			content: []byte("a\n\n1\n\n2\n"),
			want:    []wantColumn{{name: "a", kind: frame.Numeric, floats: []float64{1, 2}}},
		},
		"a BOM": {
			content: []byte("\xef\xbb\xbfa\n1\n"),
			want:    []wantColumn{{name: "a", kind: frame.Numeric, floats: []float64{1}}},
		},
		"gzipped": {
			name:    "x.csv.gz",
			content: gzipped(t, "a,b\n1,u\n"),
			want: []wantColumn{
				{name: "a", kind: frame.Numeric, floats: []float64{1}},
				{name: "b", kind: frame.Nominal, values: []string{"u"}},
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if tc.name == "" {
				tc.name = "data.csv"
			}
			res := read(t, writeFile(t, tc.name, tc.content))
			assert.Equal(t, datafile.CSV, res.Format)
			assert.Equal(t, strings.Split(tc.name, ".")[0], res.Frame.Name)
			checkColumns(t, res.Frame, tc.want)
			assert.Equal(t, tc.wantNotes, res.Notes)
		})
	}
}

func TestRead_csvErrors(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		content string
		wantErr string
	}{
		"too few fields":  {"a,b,c\n1,2,3\n4,5\n", "data.csv: line 3 has 2 fields, the header has 3"},
		"too many fields": {"a,b\n1,2\n\n\"x\ny\",2,3\n", "data.csv: line 4 has 3 fields, the header has 2"},
		"bare quote":      {"a,b\n1,x\"y\n", `data.csv: line 2, column 4: bare " in non-quoted-field; a value containing " must be quoted`},
		"unclosed quote":  {"a,b\n1,\"xy\n", "data.csv: line 2, column"},
		"empty":           {"", "data.csv is empty"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := datafile.Read(context.Background(), writeFile(t, "data.csv", []byte(tc.content)), datafile.Options{})
			require.ErrorContains(t, err, tc.wantErr)
		})
	}
}

func TestRead_csvName(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "iris", read(t, writeFile(t, "iris.CSV.gz", gzipped(t, "a\n1\n"))).Frame.Name)
	assert.Equal(t, "phpFsFYVN", read(t, writeFile(t, "phpFsFYVN", []byte("a\n1\n"))).Frame.Name)
	assert.Equal(t, "my.data", read(t, writeFile(t, "my.data.tsv", []byte("a\n1\n"))).Frame.Name)
}

// TestRead_csvManyDistinctNumbers covers a numeric column with more
// distinct values than a nominal column may have, which is kept as floats
// while it is read.
func TestRead_csvManyDistinctNumbers(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("x,id\n")
	want := make([]float64, 3000)
	var missing []int
	for i := range want {
		if i%7 == 3 {
			b.WriteString("?,")
			want[i] = nan
			missing = append(missing, i)
		} else {
			want[i] = float64(i) / 4
			fmt.Fprintf(&b, "%v,", want[i])
		}
		fmt.Fprintf(&b, "id%d\n", i)
	}
	res := read(t, writeFile(t, "x.csv", []byte(b.String())))
	checkColumns(t, res.Frame, []wantColumn{
		{name: "x", kind: frame.Numeric, floats: want, missing: missing},
		{name: "id", kind: frame.String},
	})
	assert.Equal(t, "id2999", res.Frame.Columns[1].Strings[2999])
}

// TestRead_csvLateText covers a column of many distinct numbers that turns
// out to hold text after all: it becomes String, the numbers before the
// text written back in Go's shortest form, those after it as they were.
func TestRead_csvLateText(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("x\n")
	var want []string
	for i := range 2500 {
		switch {
		case i == 5:
			b.WriteString("NA\n")
			want = append(want, "")
		case i == 2400:
			b.WriteString("lots\n")
			want = append(want, "lots")
		case i < 2400:
			fmt.Fprintf(&b, "%d.50\n", i)
			want = append(want, fmt.Sprintf("%d.5", i))
		default:
			fmt.Fprintf(&b, "%d.50\n", i)
			want = append(want, fmt.Sprintf("%d.50", i))
		}
	}
	res := read(t, writeFile(t, "x.csv", []byte(b.String())))
	checkColumns(t, res.Frame, []wantColumn{{name: "x", kind: frame.String, strings: want, missing: []int{5}}})
}

// TestRead_csvManyLevels covers the 1000-level cap on a nominal column,
// which applies however many rows there are.
func TestRead_csvManyLevels(t *testing.T) {
	t.Parallel()
	for levels, want := range map[int]frame.Kind{1000: frame.Nominal, 1001: frame.String} {
		var b strings.Builder
		b.WriteString("c\n")
		for i := range 5000 {
			fmt.Fprintf(&b, "v%d\n", i%levels)
		}
		c := read(t, writeFile(t, "x.csv", []byte(b.String()))).Frame.Columns[0]
		require.Equal(t, want, c.Kind, "%d levels", levels)
		if want == frame.Nominal {
			assert.Len(t, c.Levels, levels)
			assert.Equal(t, "v3", c.Levels[c.Codes[1003]])
		} else {
			assert.Equal(t, "v2", c.Strings[1003])
		}
	}
}

func TestRead_csvProgressAndCancel(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("a,b\n")
	for i := range 200_000 {
		fmt.Fprintf(&b, "%d,x\n", i)
	}
	path := writeFile(t, "x.csv", []byte(b.String()))

	var calls [][2]int64
	_, err := datafile.Read(context.Background(), path, datafile.Options{Progress: func(read, total int64) {
		calls = append(calls, [2]int64{read, total})
	}})
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(calls), 3, "every 64k rows and at the end")
	last := calls[len(calls)-1]
	assert.Equal(t, int64(b.Len()), last[0])
	assert.Equal(t, int64(b.Len()), last[1])
	for i := 1; i < len(calls); i++ {
		assert.GreaterOrEqual(t, calls[i][0], calls[i-1][0])
	}

	ctx, cancel := context.WithCancel(context.Background())
	_, err = datafile.Read(ctx, path, datafile.Options{Progress: func(int64, int64) { cancel() }})
	require.ErrorIs(t, err, context.Canceled)
	assert.ErrorContains(t, err, "stopped at row 131072", "cancelled at the first Progress call, seen at the next check")
}
