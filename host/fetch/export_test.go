package fetch

import (
	"io/fs"
	"os"
	"time"
)

// SetFlightHook makes c call hook each time a request joins or starts a
// shared download, so a test can hold the server until all have joined.
func SetFlightHook(c *Client, hook func()) { c.flightHook = hook }

// SetBackoffHook makes c call hook with each wait between tries, as the
// wait begins.
func SetBackoffHook(c *Client, hook func(time.Duration)) { c.backoffHook = hook }

// RenameAsWindows makes every rename refuse to replace a read-only file,
// as Windows does, until restore is called. Tests that call it must not
// run in parallel.
func RenameAsWindows() (restore func()) {
	renameFile = func(from, to string) error {
		if st, err := os.Lstat(to); err == nil && st.Mode().Perm()&0o200 == 0 {
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: fs.ErrPermission}
		}
		return os.Rename(from, to)
	}
	return func() { renameFile = os.Rename }
}
