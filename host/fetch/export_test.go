package fetch

import (
	"time"

	"github.com/openml-dash/openml-dash/internal/atomicfile"
)

// SetFlightHook makes c call hook each time a request joins or starts a
// shared download, so a test can hold the server until all have joined.
func SetFlightHook(c *Client, hook func()) { c.flightHook = hook }

// SetBackoffHook makes c call hook with each wait between tries, as the
// wait begins.
func SetBackoffHook(c *Client, hook func(time.Duration)) { c.backoffHook = hook }

// RenameAsWindows makes every rename of the cache refuse to replace a
// read-only file, as Windows does, until restore is called. Tests that
// call it must not run in parallel.
func RenameAsWindows() (restore func()) { return atomicfile.RenameAsWindows() }
