package datafile_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/internal/recordings"
	"github.com/openml-dash/openml-dash/sdk/datafile"
)

const irisHead = "@relation iris\n@attribute a numeric\n@data\n1\n"

func TestDetect(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		name    string
		content []byte
		want    datafile.Format
		wantErr string
	}{
		"arff":                       {name: "x.arff", content: []byte(irisHead), want: datafile.ARFF},
		"arff after comments":        {name: "x", content: []byte("% a comment\n\n   \n  %another\n@RELATION 'x y'\n"), want: datafile.ARFF},
		"arff with a BOM":            {name: "x", content: []byte("\xef\xbb\xbf@relation x\n"), want: datafile.ARFF},
		"arff with CRLF and a tab":   {name: "x", content: []byte("%c\r\n@Relation\tx\r\n"), want: datafile.ARFF},
		"gzipped arff":               {name: "phpFsFYVN", content: gzipped(t, "% c\n"+irisHead), want: datafile.ARFF},
		"a .csv that is really arff": {name: "iris.csv", content: []byte(irisHead), want: datafile.ARFF},
		"csv":                        {name: "x.csv", content: []byte("a,b\n1,2\n"), want: datafile.CSV},
		"csv named nothing":          {name: "x", content: []byte("a;b\n1;2\n"), want: datafile.CSV},
		"csv with a BOM":             {name: "x", content: []byte("\xef\xbb\xbfa,b\n"), want: datafile.CSV},
		"gzipped csv":                {name: "x.csv.gz", content: gzipped(t, "a,b\n1,2\n"), want: datafile.CSV},
		"header like @relation":      {name: "x", content: []byte("@relationship,b\n1,2\n"), want: datafile.CSV},
		"comments only":              {name: "x", content: []byte("% nothing\n"), want: datafile.CSV},
		"comments only, named arff":  {name: "x.arff", content: []byte("% nothing\n"), want: datafile.ARFF},
		"broken arff named arff":     {name: "x.ARFF.gz", content: gzipped(t, "@attribute a numeric\n"), want: datafile.ARFF},
		"parquet":                    {name: "x", content: []byte("PAR1 whatever"), want: datafile.Parquet},
		"parquet named csv":          {name: "x.csv", content: []byte("PAR1"), want: datafile.Parquet},
		"empty":                      {name: "x.csv", content: nil, wantErr: "x.csv is empty"},
		"blank lines only":           {name: "x.csv", content: []byte("\n \r\n\n"), wantErr: "holds no text"},
		"empty gzip":                 {name: "x.gz", content: gzipped(t, ""), wantErr: "holds no text"},
		"bad gzip":                   {name: "x.gz", content: []byte{0x1f, 0x8b, 0, 1}, wantErr: "starts like gzip but cannot be decompressed"},
		"gzipped parquet":            {name: "x.parquet.gz", content: gzipped(t, "PAR1...."), wantErr: "gzip-compressed parquet"},
		"named parquet, is not":      {name: "x.parquet", content: []byte("a,b\n"), wantErr: `named like a parquet file but does not start with the parquet magic bytes "PAR1"`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := datafile.Detect(writeFile(t, tc.name, tc.content))
			if tc.wantErr != "" {
				require.ErrorContains(t, err, tc.wantErr)
				assert.Equal(t, datafile.Unknown, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestDetect_longFirstLine(t *testing.T) {
	t.Parallel()
	header := strings.Repeat("column,", 100_000) + "last\n"
	got, err := datafile.Detect(writeFile(t, "x", []byte(header)))
	require.NoError(t, err)
	assert.Equal(t, datafile.CSV, got)

	comment := "%" + strings.Repeat("x", 200_000) + "\n" + irisHead
	got, err = datafile.Detect(writeFile(t, "x", []byte(comment)))
	require.NoError(t, err)
	assert.Equal(t, datafile.ARFF, got, "a long comment line is skipped whole")
}

func TestDetect_missingFile(t *testing.T) {
	t.Parallel()
	_, err := datafile.Detect(filepath.Join(t.TempDir(), "nope.csv"))
	require.ErrorIs(t, err, fs.ErrNotExist)
	assert.ErrorContains(t, err, "nope.csv")
}

// TestDetect_recordedARFF detects every ARFF file OpenML served, which
// come under names without extensions and some gzipped.
func TestDetect_recordedARFF(t *testing.T) {
	t.Parallel()
	dir := recordings.Require(t, "www")
	n := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".arff") {
			return err
		}
		n++
		got, err := datafile.Detect(path)
		assert.NoError(t, err, path)
		assert.Equal(t, datafile.ARFF, got, path)
		return nil
	})
	require.NoError(t, err)
	assert.Positive(t, n)
}

func TestFormat_String(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		in   datafile.Format
		want string
	}{
		"zero":    {datafile.Unknown, "unknown"},
		"arff":    {datafile.ARFF, "ARFF"},
		"parquet": {datafile.Parquet, "parquet"},
		"csv":     {datafile.CSV, "CSV"},
		"other":   {datafile.Format(9), "Format(9)"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, tc.in.String())
		})
	}
}

// TestDetect_binary: a file of binary bytes is refused as such, not read
// as a one-column CSV; text with a trailing NUL (some OpenML files) and
// UTF-8 names stay text.
func TestDetect_binary(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bin := make([]byte, 300)
	for i := range bin {
		bin[i] = byte(i*131 + 7)
	}
	cases := map[string]struct {
		content []byte
		want    datafile.Format
		wantErr string
	}{
		"binary":       {bin, datafile.Unknown, "binary data"},
		"trailing NUL": {[]byte("@relation r\n@attribute a numeric\n@data\n1\n\x00"), datafile.ARFF, ""},
		"utf-8":        {[]byte("naïve,größe,日本\n1,2,3\n"), datafile.CSV, ""},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".dat")
			require.NoError(t, os.WriteFile(path, tc.content, 0o644))
			got, err := datafile.Detect(path)
			if tc.wantErr != "" {
				assert.ErrorContains(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}
