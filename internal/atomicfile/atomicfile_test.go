package atomicfile_test

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/internal/atomicfile"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "sub", "page.json")
	require.NoError(t, atomicfile.Write(name, []byte("old"), 0o644), "the folder is made")
	require.NoError(t, atomicfile.Write(name, []byte("new"), 0o644))
	b, err := os.ReadFile(name)
	require.NoError(t, err)
	assert.Equal(t, "new", string(b))
	if runtime.GOOS != "windows" {
		st, err := os.Stat(name)
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o644), st.Mode().Perm(), "what was asked, not the temporary file's 0600")
	}
	entries, err := os.ReadDir(filepath.Dir(name))
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no partial file left")

	// A failed fill leaves the old file and nothing else.
	boom := errors.New("boom")
	err = atomicfile.WriteWith(name, 0o644, func(f *os.File) error {
		_, _ = f.WriteString("half")
		return boom
	})
	assert.ErrorIs(t, err, boom)
	b, _ = os.ReadFile(name)
	assert.Equal(t, "new", string(b))
	entries, _ = os.ReadDir(filepath.Dir(name))
	assert.Len(t, entries, 1)

	blocker := filepath.Join(dir, "file")
	require.NoError(t, os.WriteFile(blocker, nil, 0o644))
	assert.Error(t, atomicfile.Write(filepath.Join(blocker, "f"), []byte("x"), 0o644), "a file where the folder should be")
}

// A read-only file is replaced even where a rename refuses to replace
// one (Windows): the cache's files are read-only, and refreshed.
func TestWrite_replacesReadOnly(t *testing.T) {
	restore := atomicfile.RenameAsWindows()
	defer restore()
	name := filepath.Join(t.TempDir(), "listing.xml")
	require.NoError(t, atomicfile.Write(name, []byte("old"), 0o444))
	require.NoError(t, atomicfile.Write(name, []byte("new"), 0o444))
	b, err := os.ReadFile(name)
	require.NoError(t, err)
	assert.Equal(t, "new", string(b))
}

// A partial file left by a killed process goes once it is old; one being
// written now stays.
func TestCreate_removesLeftovers(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, ".partial-1")
	live := filepath.Join(dir, ".partial-2")
	require.NoError(t, os.WriteFile(old, nil, 0o600))
	require.NoError(t, os.WriteFile(live, nil, 0o600))
	long := time.Now().Add(-2 * time.Hour)
	require.NoError(t, os.Chtimes(old, long, long))
	f, err := atomicfile.Create(dir)
	require.NoError(t, err)
	defer f.Discard()
	assert.NoFileExists(t, old)
	assert.FileExists(t, live)
	require.NoError(t, f.Place(filepath.Join(dir, "done"), 0o644, long))
	st, err := os.Stat(filepath.Join(dir, "done"))
	require.NoError(t, err)
	assert.WithinDuration(t, long, st.ModTime(), time.Second, "the stamp is the file's time")
}
