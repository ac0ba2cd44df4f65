// Package atomicfile writes files that are never seen half written: the
// bytes go to a temporary file beside the target, which is then renamed
// over it.
package atomicfile

import (
	"os"
	"path/filepath"
)

// Write writes data to name, creating or replacing it in one step: a
// reader sees the old file or the new one, and a failed write leaves the
// old one (and no temporary file) behind.
func Write(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // gone already once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
