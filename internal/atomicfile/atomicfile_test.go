package atomicfile_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/internal/atomicfile"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "page.json")
	require.NoError(t, atomicfile.Write(name, []byte("old")))
	require.NoError(t, atomicfile.Write(name, []byte("new")))
	b, err := os.ReadFile(name)
	require.NoError(t, err)
	assert.Equal(t, "new", string(b))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file left")

	assert.Error(t, atomicfile.Write(filepath.Join(dir, "no", "such", "folder", "f"), []byte("x")))
}
