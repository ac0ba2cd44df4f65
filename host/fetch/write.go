package fetch

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/openml-dash/openml-dash/internal/atomicfile"
)

// cachedPerm: the cache's and recordings' files are read-only, so that
// nothing edits an answer in place.
const cachedPerm = 0o444

// writeAtomic lets fill write final (see atomicfile) read-only. Errors of
// fill are returned as they are; what names the request in the others.
func writeAtomic(what, final string, fill func(*os.File) error) error {
	f, err := createPartial(what, filepath.Dir(final))
	if err != nil {
		return err
	}
	defer f.Discard()
	if err := fill(f.File); err != nil {
		return err
	}
	return place(what, f, final, time.Time{})
}

// createPartial starts a file in dir for the request what.
func createPartial(what, dir string) (*atomicfile.File, error) {
	f, err := atomicfile.Create(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return f, nil
}

// place puts f at final, read-only; a non-zero stamp is its time (the age
// of a listing).
func place(what string, f *atomicfile.File, final string, stamp time.Time) error {
	if err := f.Place(final, cachedPerm, stamp); err != nil {
		return fmt.Errorf("%s: saving %s: %w", what, final, err)
	}
	return nil
}
