package datafile_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk/datafile"
	"github.com/openml-dash/openml-dash/sdk/frame"
)

// writeFile writes content to a file called name in a new temporary
// folder and returns its path.
func writeFile(t testing.TB, name string, content []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, content, 0o600))
	return path
}

func gzipped(t testing.TB, content string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, err := zw.Write([]byte(content))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// read reads path with datafile.Read and fails the test on an error.
func read(t testing.TB, path string) *datafile.Result {
	t.Helper()
	res, err := datafile.Read(context.Background(), path, datafile.Options{})
	require.NoError(t, err)
	return res
}

// missingRows lists the rows c marks missing.
func missingRows(c *frame.Column) []int {
	var rows []int
	for i := range c.Len() {
		if c.IsMissing(i) {
			rows = append(rows, i)
		}
	}
	return rows
}

// texts spells out a Nominal column's values, "?" for missing.
func texts(c *frame.Column) []string {
	out := make([]string, len(c.Codes))
	for i, code := range c.Codes {
		if code == frame.MissingCode {
			out[i] = "?"
		} else {
			out[i] = c.Levels[code]
		}
	}
	return out
}
