package fetch

import (
	"fmt"
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

// writeAtomic lets fill write a temporary file beside final, then syncs
// it and renames it into place, so final never names a partial file, not
// even after a crash. When fill fails, nothing is left behind. A non-zero
// stamp becomes the file's modification time (the age of a listing).
// Errors of fill are returned as they are; what names the request in the
// others.
func writeAtomic(what, final string, stamp time.Time, fill func(*os.File) error) error {
	dir := filepath.Dir(final)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	removeLeftovers(dir)
	tmp, err := os.CreateTemp(dir, partialPrefix+"*")
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := fill(tmp); err != nil {
		return err
	}
	// Sync first, so a crash cannot leave a renamed but empty file.
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("%s: saving %s: %w", what, final, err)
	}
	if err := tmp.Chmod(0o444); err != nil {
		return fmt.Errorf("%s: saving %s: %w", what, final, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: saving %s: %w", what, final, err)
	}
	if err := os.Rename(tmp.Name(), final); err != nil {
		return fmt.Errorf("%s: saving %s: %w", what, final, err)
	}
	done = true
	syncDir(dir)
	if !stamp.IsZero() {
		// After the rename: under its temporary name, an old stamp would
		// make the file look left behind to removeLeftovers.
		if err := os.Chtimes(final, stamp, stamp); err != nil {
			return fmt.Errorf("%s: saving %s: %w", what, final, err)
		}
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
