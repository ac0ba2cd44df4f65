package fetch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

const partialPrefix = ".partial-"

// partialMaxAge is how old a partial download must be before it counts as
// left behind by a killed process: a live download writes far more often,
// as a stall of IdleTimeout ends it.
const partialMaxAge = time.Hour

// renameFile is os.Rename; tests replace it with one that refuses to
// replace a read-only file, as Windows does.
var renameFile = os.Rename

// writeAtomic lets fill write a temporary file beside final, then syncs
// it and renames it into place, so final never names a partial file, not
// even after a crash. When fill fails, nothing is left behind. A non-zero
// stamp becomes the file's modification time (the age of a listing).
// Errors of fill are returned as they are; what names the request in the
// others.
func writeAtomic(what, final string, stamp time.Time, fill func(*os.File) error) error {
	f, err := createPartial(what, filepath.Dir(final))
	if err != nil {
		return err
	}
	defer f.discard()
	if err := fill(f.File); err != nil {
		return err
	}
	return f.place(final, stamp)
}

// partialFile is a file being written under a temporary name, for
// writeAtomic and for callers that learn the final name only once the
// file is written (see Client.cached).
type partialFile struct {
	*os.File
	what   string
	placed bool
}

// createPartial creates a partial file in dir, creating dir if need be.
func createPartial(what, dir string) (*partialFile, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	removeLeftovers(dir)
	tmp, err := os.CreateTemp(dir, partialPrefix+"*")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return &partialFile{File: tmp, what: what}, nil
}

// discard removes the partial file unless it was placed.
func (f *partialFile) discard() {
	if !f.placed {
		f.Close()
		os.Remove(f.Name())
	}
}

// place syncs the file, makes it read-only and renames it to final, in
// the partial file's folder, replacing any file there.
func (f *partialFile) place(final string, stamp time.Time) error {
	// Sync first, so a crash cannot leave a renamed but empty file.
	if err := f.Sync(); err != nil {
		return fmt.Errorf("%s: saving %s: %w", f.what, final, err)
	}
	if err := f.Chmod(0o444); err != nil {
		return fmt.Errorf("%s: saving %s: %w", f.what, final, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("%s: saving %s: %w", f.what, final, err)
	}
	if err := replace(f.Name(), final); err != nil {
		return fmt.Errorf("%s: saving %s: %w", f.what, final, err)
	}
	f.placed = true
	syncDir(filepath.Dir(final))
	if !stamp.IsZero() {
		// After the rename: under its temporary name, an old stamp would
		// make the file look left behind to removeLeftovers.
		if err := os.Chtimes(final, stamp, stamp); err != nil {
			return fmt.Errorf("%s: saving %s: %w", f.what, final, err)
		}
	}
	return nil
}

// replace renames tmp to final. Windows refuses to rename over a
// read-only file, and every file written here is read-only: a refresh
// (a listing past its time-to-live, a damaged entry, a new recording)
// then makes the old file writable and renames again.
func replace(tmp, final string) error {
	err := renameFile(tmp, final)
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
	if err := renameFile(tmp, final); err != nil {
		os.Chmod(final, st.Mode().Perm())
		return err
	}
	return nil
}

// removeLeftovers deletes the partial downloads in dir that a killed
// process left behind. They are never read: only final names are.
func removeLeftovers(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), partialPrefix) {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > partialMaxAge {
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
