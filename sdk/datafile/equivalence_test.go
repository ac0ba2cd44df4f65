package datafile_test

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/internal/recordings"
	"github.com/openml-dash/openml-dash/sdk/datafile"
	"github.com/openml-dash/openml-dash/sdk/frame"
)

type irisRow struct {
	SepalLength float64 `parquet:"sepallength"`
	SepalWidth  float64 `parquet:"sepalwidth"`
	PetalLength float64 `parquet:"petallength"`
	PetalWidth  float64 `parquet:"petalwidth"`
	Class       string  `parquet:"class,dict"` // as pandas writes a category
}

// TestRead_sameDataInEveryFormat reads OpenML's iris ARFF, writes its data
// as CSV and as parquet, and checks that the three frames agree.
func TestRead_sameDataInEveryFormat(t *testing.T) {
	t.Parallel()
	arffPath := filepath.Join(recordings.Require(t, "www"), "data", "download", "61", "dataset_61_iris.arff")
	fromARFF := read(t, arffPath)
	require.Equal(t, datafile.ARFF, fromARFF.Format)
	ar := fromARFF.Frame
	require.Equal(t, 150, ar.Rows())

	var text bytes.Buffer
	cw := csv.NewWriter(&text)
	names := make([]string, len(ar.Columns))
	for i, c := range ar.Columns {
		names[i] = c.Name
	}
	require.NoError(t, cw.Write(names))
	rows := make([]irisRow, ar.Rows())
	for r := range rows {
		record := make([]string, len(ar.Columns))
		for i, c := range ar.Columns {
			if c.Kind == frame.Numeric {
				record[i] = strconv.FormatFloat(c.Floats[r], 'g', -1, 64)
			} else {
				record[i] = c.Levels[c.Codes[r]]
			}
		}
		require.NoError(t, cw.Write(record))
		f := func(name string) float64 { return ar.Column(name).Floats[r] }
		class := ar.Column("class")
		rows[r] = irisRow{f("sepallength"), f("sepalwidth"), f("petallength"), f("petalwidth"), class.Levels[class.Codes[r]]}
	}
	cw.Flush()
	require.NoError(t, cw.Error())

	for format, path := range map[datafile.Format]string{
		datafile.CSV:     writeFile(t, "iris.csv", text.Bytes()),
		datafile.Parquet: writeParquet(t, "iris.parquet", rows),
	} {
		res := read(t, path)
		assert.Equal(t, format, res.Format)
		assert.Empty(t, res.Notes, format)
		got := res.Frame
		require.Len(t, got.Columns, len(ar.Columns), format)
		for _, want := range ar.Columns {
			c := got.Column(want.Name)
			require.NotNil(t, c, "%s has no column %q", format, want.Name)
			require.Equal(t, want.Kind, c.Kind, "%s column %q", format, want.Name)
			assert.Nil(t, c.Missing)
			switch want.Kind {
			case frame.Numeric:
				assert.Equal(t, want.Floats, c.Floats, "%s column %q", format, want.Name)
			case frame.Nominal:
				assert.ElementsMatch(t, want.Levels, c.Levels, "%s column %q", format, want.Name)
				assert.Equal(t, texts(want), texts(c), "%s column %q", format, want.Name)
			}
		}
	}
}

// TestRead_gzippedARFF reads an ARFF file gzipped under a name that says
// nothing, as the host's cache may store it.
func TestRead_gzippedARFF(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile(filepath.Join(recordings.Require(t, "www"), "data", "download", "61", "dataset_61_iris.arff"))
	require.NoError(t, err)
	res := read(t, writeFile(t, "phpFsFYVN", gzipped(t, string(src))))
	assert.Equal(t, datafile.ARFF, res.Format)
	assert.Equal(t, "iris", res.Frame.Name)
	assert.Equal(t, 150, res.Frame.Rows())
	assert.Equal(t, []string{"Iris-setosa", "Iris-versicolor", "Iris-virginica"}, res.Frame.Column("class").Levels)
}

// TestRead_arffError reads a file named .arff that lacks @relation: the
// name makes it ARFF, so the error is the ARFF reader's.
func TestRead_arffError(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "broken.arff", []byte("@attribute a numeric\n@data\n1\n"))
	_, err := datafile.Read(t.Context(), path, datafile.Options{})
	require.ErrorContains(t, err, "broken.arff: line 1, column 1: expected @relation", "the ARFF reader explains, though the content is not ARFF")
}
