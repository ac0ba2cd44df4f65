package datafile_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk/datafile"
)

// The benchmark table: 100k rows of 20 numeric features, 5 nominal ones
// and a class, about 2% missing, as OpenML's mid-sized datasets are.
const (
	benchRows     = 100_000
	benchNumeric  = 20
	benchNominal  = 5
	benchMissingP = 0.02
)

// benchTable calls row for each row with its values, "" where missing;
// the last value is the class.
func benchTable(row func(values []string)) {
	rng := rand.New(rand.NewPCG(1, 2))
	values := make([]string, benchNumeric+benchNominal+1)
	for range benchRows {
		for i := range values {
			switch {
			case i < benchNumeric+benchNominal && rng.Float64() < benchMissingP:
				values[i] = ""
			case i < benchNumeric:
				values[i] = strconv.FormatFloat(rng.NormFloat64()*100, 'f', 4, 64)
			case i < benchNumeric+benchNominal:
				values[i] = fmt.Sprintf("level%d", rng.IntN(3+i))
			default:
				values[i] = fmt.Sprintf("class%d", rng.IntN(4))
			}
		}
		row(values)
	}
}

func benchNames() []string {
	var names []string
	for i := range benchNumeric {
		names = append(names, fmt.Sprintf("num%02d", i))
	}
	for i := range benchNominal {
		names = append(names, fmt.Sprintf("nom%d", i))
	}
	return append(names, "class")
}

func writeBenchCSV(b *testing.B) string {
	path := filepath.Join(b.TempDir(), "bench.csv")
	f, err := os.Create(path)
	require.NoError(b, err)
	w := bufio.NewWriter(f)
	write := func(values []string) {
		for i, v := range values {
			if i > 0 {
				w.WriteByte(',')
			}
			w.WriteString(v)
		}
		w.WriteByte('\n')
	}
	write(benchNames())
	benchTable(write)
	require.NoError(b, w.Flush())
	require.NoError(b, f.Close())
	return path
}

// writeBenchParquet writes the table as pandas does: optional doubles,
// dictionary-encoded optional strings, snappy compression.
func writeBenchParquet(b *testing.B) string {
	names := benchNames()
	group := parquet.Group{}
	for i, name := range names {
		if i < benchNumeric {
			group[name] = parquet.Optional(parquet.Leaf(parquet.DoubleType))
		} else {
			group[name] = parquet.Optional(parquet.Encoded(parquet.String(), &parquet.RLEDictionary))
		}
	}
	schema := parquet.NewSchema("bench", group)
	// A Group's columns are in name order; find where each name went.
	leaf := map[string]int{}
	for i, path := range schema.Columns() {
		leaf[path[0]] = i
	}
	path := filepath.Join(b.TempDir(), "bench.parquet")
	f, err := os.Create(path)
	require.NoError(b, err)
	w := parquet.NewWriter(f, schema, parquet.Compression(&parquet.Snappy))
	row := make(parquet.Row, len(names))
	benchTable(func(values []string) {
		for i, v := range values {
			col := leaf[names[i]]
			switch {
			case v == "":
				row[col] = parquet.NullValue().Level(0, 0, col)
			case i < benchNumeric:
				f, _ := strconv.ParseFloat(v, 64)
				row[col] = parquet.DoubleValue(f).Level(0, 1, col)
			default:
				row[col] = parquet.ByteArrayValue([]byte(v)).Level(0, 1, col)
			}
		}
		_, err := w.WriteRows([]parquet.Row{row})
		require.NoError(b, err)
	})
	require.NoError(b, w.Close())
	require.NoError(b, f.Close())
	return path
}

func BenchmarkReadCSV(b *testing.B) {
	benchmarkRead(b, writeBenchCSV(b))
}

func BenchmarkReadParquet(b *testing.B) {
	benchmarkRead(b, writeBenchParquet(b))
}

func benchmarkRead(b *testing.B, path string) {
	st, err := os.Stat(path)
	require.NoError(b, err)
	b.SetBytes(st.Size())
	b.ReportAllocs()
	for b.Loop() {
		res, err := datafile.Read(context.Background(), path, datafile.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if res.Frame.Rows() != benchRows || len(res.Frame.Columns) != benchNumeric+benchNominal+1 {
			b.Fatalf("read %d rows, %d columns", res.Frame.Rows(), len(res.Frame.Columns))
		}
	}
}
