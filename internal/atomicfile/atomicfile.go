// Package atomicfile writes files that are never seen half written, not
// even after a crash: the bytes go to a temporary file beside the target,
// which is synced and then renamed over it. It is the one writer of the
// cache, the recordings, saved pages and the plugin manifest cache.
package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// partialPrefix starts the name of a file being written.
const partialPrefix = ".partial-"

// leftoverAge is how old a partial file must be before it counts as left
// behind by a killed process: a live writer writes far more often.
const leftoverAge = time.Hour

// rename is os.Rename; RenameAsWindows replaces it in tests.
var rename = os.Rename

// File is a file being written under a temporary name in the folder of
// the file it will become.
type File struct {
	*os.File
	placed bool
}

// Create creates a partial file in dir, creating dir if need be, and
// deletes the partial files a killed process left there.
func Create(dir string) (*File, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	removeLeftovers(dir)
	f, err := os.CreateTemp(dir, partialPrefix+"*")
	if err != nil {
		return nil, err
	}
	return &File{File: f}, nil
}

// Discard removes the partial file unless it was placed; defer it after
// Create.
func (f *File) Discard() {
	if !f.placed {
		f.Close()
		os.Remove(f.Name())
	}
}

// Place syncs the file, gives it perm, and renames it to final (in the
// same folder), replacing any file there, read-only ones included. A
// non-zero stamp becomes its modification time.
func (f *File) Place(final string, perm fs.FileMode, stamp time.Time) error {
	// Sync first, so a crash cannot leave a renamed but empty file.
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Chmod(perm); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := replace(f.Name(), final); err != nil {
		return err
	}
	f.placed = true
	syncDir(filepath.Dir(final))
	if !stamp.IsZero() {
		// After the rename: under its partial name, an old stamp would
		// make the file look left behind.
		return os.Chtimes(final, stamp, stamp)
	}
	return nil
}

// WriteWith lets fill write the file name, creating or replacing it in one
// step: a reader sees the old file or the new one, and a failed fill
// leaves the old one (and no partial file) behind.
func WriteWith(name string, perm fs.FileMode, fill func(*os.File) error) error {
	f, err := Create(filepath.Dir(name))
	if err != nil {
		return err
	}
	defer f.Discard()
	if err := fill(f.File); err != nil {
		return err
	}
	return f.Place(name, perm, time.Time{})
}

// Write writes data to name as WriteWith does.
func Write(name string, data []byte, perm fs.FileMode) error {
	return WriteWith(name, perm, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
}

// replace renames tmp to final. Windows refuses to rename over a
// read-only file, and the cache's files are read-only: a refresh then
// makes the old file writable and renames again.
func replace(tmp, final string) error {
	err := rename(tmp, final)
	if err == nil || !errors.Is(err, fs.ErrPermission) {
		return err
	}
	st, serr := os.Lstat(final)
	if serr != nil || !st.Mode().IsRegular() || st.Mode().Perm()&0o200 != 0 {
		return err
	}
	if os.Chmod(final, st.Mode().Perm()|0o200) != nil {
		return err
	}
	if err := rename(tmp, final); err != nil {
		os.Chmod(final, st.Mode().Perm())
		return err
	}
	return nil
}

// removeLeftovers deletes the partial files in dir that a killed process
// left behind. They are never read: only final names are.
func removeLeftovers(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), partialPrefix) {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > leftoverAge {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// syncDir makes a rename in dir durable. It is best effort: some systems
// cannot sync a directory, and the file itself is already whole.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// RenameAsWindows makes every rename refuse to replace a read-only file,
// as Windows does, until restore is called. For tests, which must not run
// in parallel while it is in force.
func RenameAsWindows() (restore func()) {
	rename = func(from, to string) error {
		if st, err := os.Lstat(to); err == nil && st.Mode().Perm()&0o200 == 0 {
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: fs.ErrPermission}
		}
		return os.Rename(from, to)
	}
	return func() { rename = os.Rename }
}
