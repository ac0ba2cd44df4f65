package datafile_test

import (
	"bytes"
	"context"
	"math"
	"os"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk/datafile"
	"github.com/openml-dash/openml-dash/sdk/frame"
)

// writeParquet writes rows with parquet-go's writer, as a file called name.
func writeParquet[T any](t testing.TB, name string, rows []T, options ...parquet.WriterOption) string {
	t.Helper()
	var buf bytes.Buffer
	w := parquet.NewGenericWriter[T](&buf, options...)
	_, err := w.Write(rows)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return writeFile(t, name, buf.Bytes())
}

func ptr[T any](v T) *T { return &v }

// mixedRow has a column of each kind pandas writes, optional ones with
// nulls; color is dictionary-encoded as pandas writes a category column.
type mixedRow struct {
	Num   *float64   `parquet:"num,optional"`
	Count *int64     `parquet:"count,optional"`
	Small int32      `parquet:"small"`
	Flag  *bool      `parquet:"flag,optional"`
	Color *string    `parquet:"color,optional,dict"`
	Note  *string    `parquet:"note,optional"`
	When  *time.Time `parquet:"when,optional,timestamp(millisecond)"`
	Day   int32      `parquet:"day,date"` // days: v0.32.0 writes a time.Time date as truncated nanoseconds
}

func TestRead_parquet(t *testing.T) {
	t.Parallel()
	at := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339Nano, s)
		require.NoError(t, err)
		return tm
	}
	day := func(s string) int32 { return int32(at(s+"T00:00:00Z").Unix() / 86400) }
	rows := []mixedRow{
		{Num: ptr(1.5), Count: ptr[int64](1), Small: 0, Flag: ptr(true), Color: ptr("red"), Note: ptr("alpha"), When: ptr(at("2024-03-01T12:00:00.250Z")), Day: day("1970-01-02")},
		{Num: nil, Count: ptr[int64](2), Small: 1, Flag: ptr(false), Color: ptr("blue"), Note: ptr("beta"), When: nil, Day: day("2024-02-29")},
		{Num: ptr(-2.0), Count: nil, Small: 2, Flag: nil, Color: nil, Note: ptr("gamma"), When: ptr(at("1969-12-31T23:59:59Z")), Day: day("1969-12-31")},
		{Num: ptr(math.NaN()), Count: ptr[int64](4), Small: 3, Flag: ptr(true), Color: ptr("green"), Note: nil, When: ptr(at("2000-01-01T00:00:00Z")), Day: day("2000-01-01")},
		{Num: ptr(0.0), Count: ptr[int64](1 << 40), Small: -4, Flag: ptr(true), Color: ptr("blue"), Note: ptr("delta"), When: ptr(at("2000-01-01T00:00:01Z")), Day: day("2000-01-02")},
		{Num: ptr(3.25), Count: ptr[int64](-6), Small: 5, Flag: nil, Color: ptr("red"), Note: ptr("epsilon"), When: nil, Day: day("2000-01-03")},
		{Num: nil, Count: ptr[int64](7), Small: 6, Flag: ptr(false), Color: ptr("red"), Note: ptr("zeta"), When: ptr(at("2000-01-01T00:00:02Z")), Day: day("2000-01-04")},
		{Num: ptr(1e10), Count: ptr[int64](8), Small: 7, Flag: ptr(true), Color: nil, Note: ptr("eta"), When: ptr(at("2000-01-01T00:00:03Z")), Day: day("2000-01-05")},
	}
	// Three row groups, each with its own dictionary for color.
	path := writeParquet(t, "mixed.parquet", rows, parquet.MaxRowsPerRowGroup(3))

	res := read(t, path)
	assert.Equal(t, datafile.Parquet, res.Format)
	assert.Equal(t, "mixed", res.Frame.Name)
	assert.Empty(t, res.Notes)
	checkColumns(t, res.Frame, []wantColumn{
		{name: "num", kind: frame.Numeric, floats: []float64{1.5, nan, -2, nan, 0, 3.25, nan, 1e10}, missing: []int{1, 3, 6}},
		{name: "count", kind: frame.Numeric, floats: []float64{1, 2, nan, 4, 1 << 40, -6, 7, 8}, missing: []int{2}},
		{name: "small", kind: frame.Numeric, floats: []float64{0, 1, 2, 3, -4, 5, 6, 7}},
		{name: "flag", kind: frame.Nominal, levels: []string{"false", "true"},
			values: []string{"true", "false", "?", "true", "true", "?", "false", "true"}, missing: []int{2, 5}},
		{name: "color", kind: frame.Nominal, levels: []string{"red", "blue", "green"},
			values: []string{"red", "blue", "?", "green", "blue", "red", "red", "?"}, missing: []int{2, 7}},
		// 7 distinct values in 8 rows: more than the 4 a Nominal column may have.
		{name: "note", kind: frame.String, strings: []string{"alpha", "beta", "gamma", "", "delta", "epsilon", "zeta", "eta"}, missing: []int{3}},
		{name: "when", kind: frame.Date, floats: []float64{1709294400.25, nan, -1, 946684800, 946684801, nan, 946684802, 946684803}, missing: []int{1, 5}},
		{name: "day", kind: frame.Date, floats: []float64{86400, 1709164800, -86400, 946684800, 946771200, 946857600, 946944000, 947030400}},
	})
}

// otherRow has the less common types that map to frame kinds.
type otherRow struct {
	Price   int64    `parquet:"price,decimal(2:10)"`
	Big     [9]byte  `parquet:"big,decimal(3:20)"`
	Tiny    uint8    `parquet:"tiny,uint(8)"`
	Huge    uint64   `parquet:"huge,uint(64)"`
	Single  float32  `parquet:"single"`
	Micros  int64    `parquet:"micros,timestamp(microsecond)"`
	Nanos   int64    `parquet:"nanos,timestamp(nanosecond)"`
	ID      [16]byte `parquet:"id,uuid"`
	Kind    string   `parquet:"kind,enum"`
	Payload string   `parquet:"payload,json"`
}

func TestRead_parquetOtherTypes(t *testing.T) {
	t.Parallel()
	minus1234 := [9]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfb, 0x2e} // -1234
	id := [16]byte{0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0, 1, 2, 3, 4, 5, 6, 7}
	rows := []otherRow{
		{Price: 1999, Big: minus1234, Tiny: 255, Huge: 1 << 63, Single: 0.5, Micros: 1_500_000, Nanos: -2_500_000_000, ID: id, Kind: "a", Payload: `{"x":1}`},
		{Price: -5, Big: [9]byte{8: 7}, Tiny: 0, Huge: 3, Single: -1.25, Micros: 0, Nanos: 1, ID: [16]byte{}, Kind: "a", Payload: `[]`},
		{Price: 0, Big: [9]byte{}, Tiny: 1, Huge: 0, Single: 2, Micros: -1, Nanos: 0, ID: id, Kind: "b", Payload: `{"x":1}`},
	}
	res := read(t, writeParquet(t, "other.pq", rows))
	assert.Empty(t, res.Notes)
	checkColumns(t, res.Frame, []wantColumn{
		{name: "price", kind: frame.Numeric, floats: []float64{19.99, -0.05, 0}},
		{name: "big", kind: frame.Numeric, floats: []float64{-1.234, 0.007, 0}},
		{name: "tiny", kind: frame.Numeric, floats: []float64{255, 0, 1}},
		{name: "huge", kind: frame.Numeric, floats: []float64{1 << 63, 3, 0}},
		{name: "single", kind: frame.Numeric, floats: []float64{0.5, -1.25, 2}},
		{name: "micros", kind: frame.Date, floats: []float64{1.5, 0, -1e-6}},
		{name: "nanos", kind: frame.Date, floats: []float64{-2.5, 1e-9, 0}},
		{name: "id", kind: frame.Nominal, values: []string{"12345678-9abc-def0-0001-020304050607", "00000000-0000-0000-0000-000000000000", "12345678-9abc-def0-0001-020304050607"}},
		{name: "kind", kind: frame.Nominal, values: []string{"a", "a", "b"}},
		{name: "payload", kind: frame.Nominal, values: []string{`{"x":1}`, `[]`, `{"x":1}`}},
	})
}

type point struct{ X, Y float64 }

type nestedRow struct {
	ID    int64    `parquet:"id"`
	Point point    `parquet:"point"`
	Tags  []string `parquet:"tags,list"`
	Codes []int32  `parquet:"codes"`
	Class string   `parquet:"class,dict"`
}

// TestRead_parquetNested covers a file pandas could not have written: the
// flat columns are read, the others left out with a note.
func TestRead_parquetNested(t *testing.T) {
	t.Parallel()
	path := writeParquet(t, "nested.parquet", []nestedRow{
		{ID: 1, Point: point{1, 2}, Tags: []string{"a"}, Codes: []int32{1, 2}, Class: "yes"},
		{ID: 2, Point: point{3, 4}, Tags: nil, Codes: []int32{3}, Class: "no"},
	})
	res := read(t, path)
	checkColumns(t, res.Frame, []wantColumn{
		{name: "id", kind: frame.Numeric, floats: []float64{1, 2}},
		{name: "class", kind: frame.Nominal, values: []string{"yes", "no"}},
	})
	assert.Equal(t, []string{
		`Column "point" is nested (a group of 2 fields), which is not supported; it is left out.`,
		`Column "tags" is nested (a group of 1 fields), which is not supported; it is left out.`,
		`Column "codes" is repeated (a list), which is not supported; it is left out.`,
	}, res.Notes)
}

func TestRead_parquetOnlyNested(t *testing.T) {
	t.Parallel()
	type row struct {
		Point point `parquet:"point"`
	}
	path := writeParquet(t, "nested.parquet", []row{{Point: point{1, 2}}})
	_, err := datafile.Read(context.Background(), path, datafile.Options{})
	require.ErrorContains(t, err, "nested.parquet has no column openml-dash can read")
	assert.ErrorContains(t, err, `Column "point" is nested`)
}

func TestRead_parquetPandasIndex(t *testing.T) {
	t.Parallel()
	type row struct {
		X     float64 `parquet:"x"`
		Index int64   `parquet:"__index_level_0__"`
	}
	meta := `{"index_columns": ["__index_level_0__"], "columns": [{"name": "x"}]}`
	path := writeParquet(t, "x.parquet", []row{{X: 1, Index: 10}, {X: 2, Index: 20}}, parquet.KeyValueMetadata("pandas", meta))
	res := read(t, path)
	checkColumns(t, res.Frame, []wantColumn{{name: "x", kind: frame.Numeric, floats: []float64{1, 2}}})
	assert.Equal(t, []string{`Column "__index_level_0__" is the pandas index; it is left out.`}, res.Notes)
}

// TestRead_parquetManyLevels covers a text column crossing the nominal
// limit in a later row group, after its dictionary's values were levels.
func TestRead_parquetManyLevels(t *testing.T) {
	t.Parallel()
	type row struct {
		S *string `parquet:"s,optional,dict"`
	}
	rows := make([]row, 5000)
	for i := range rows {
		if i%10 != 9 {
			rows[i].S = ptr(string(rune('A'+i%26)) + string(rune('a'+i/26%26)) + string(rune('0'+i/676)))
		}
	}
	res := read(t, writeParquet(t, "x.parquet", rows, parquet.MaxRowsPerRowGroup(1000)))
	c := res.Frame.Columns[0]
	require.Equal(t, frame.String, c.Kind)
	require.Len(t, c.Strings, 5000)
	for i, r := range rows {
		if r.S == nil {
			assert.True(t, c.IsMissing(i))
			assert.Empty(t, c.Strings[i])
		} else {
			assert.Equal(t, *r.S, c.Strings[i])
		}
	}
	assert.Equal(t, 500, c.MissingCount())
}

func TestRead_parquetDamaged(t *testing.T) {
	t.Parallel()
	rows := make([]mixedRow, 2000)
	for i := range rows {
		rows[i] = mixedRow{Num: ptr(float64(i)), Small: int32(i), Color: ptr("c"), Note: ptr("n")}
	}
	var buf bytes.Buffer
	w := parquet.NewGenericWriter[mixedRow](&buf)
	_, err := w.Write(rows)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	good := buf.Bytes()

	t.Run("truncated", func(t *testing.T) {
		t.Parallel()
		for _, size := range []int{4, 100, len(good) / 2, len(good) - 1} {
			path := writeFile(t, "x.parquet", good[:size])
			_, err := datafile.Read(context.Background(), path, datafile.Options{})
			require.ErrorContains(t, err, "x.parquet: not a readable parquet file", "cut at %d bytes", size)
		}
	})
	t.Run("scribbled pages", func(t *testing.T) {
		t.Parallel()
		bad := bytes.Clone(good)
		for i := 4; i < len(bad)/2; i += 7 {
			bad[i] = 0xff
		}
		path := writeFile(t, "x.parquet", bad)
		assert.NotPanics(t, func() {
			res, err := datafile.Read(context.Background(), path, datafile.Options{})
			if err == nil {
				// Undetectable damage may give wrong values, never ragged columns.
				for _, c := range res.Frame.Columns {
					assert.Equal(t, len(rows), c.Len(), c.Name)
				}
			}
		})
	})
}

func TestRead_parquetProgressAndCancel(t *testing.T) {
	t.Parallel()
	rows := make([]mixedRow, 100)
	path := writeParquet(t, "x.parquet", rows)
	st, err := os.Stat(path)
	require.NoError(t, err)

	var calls [][2]int64
	_, err = datafile.Read(context.Background(), path, datafile.Options{Progress: func(read, total int64) {
		calls = append(calls, [2]int64{read, total})
	}})
	require.NoError(t, err)
	require.Len(t, calls, 8, "one call per column")
	for i, c := range calls {
		assert.Equal(t, st.Size(), c[1])
		assert.Positive(t, c[0])
		assert.LessOrEqual(t, c[0], st.Size())
		if i > 0 {
			assert.GreaterOrEqual(t, c[0], calls[i-1][0])
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = datafile.Read(ctx, path, datafile.Options{})
	require.ErrorIs(t, err, context.Canceled)
}
