package wire

import (
	"fmt"
	"io"
	"os"
	"time"
)

// watchdogInterval is how often a plugin on Unix looks whether the app
// that started it still runs.
const watchdogInterval = 500 * time.Millisecond

// watchHost ends the plugin, with a line on stderr, once the app that
// started it is gone: killed, or crashed, without stopping its plugins.
// Linux (parent-death signal) and Windows (job object) have the host's
// plugins killed with it; this is the protection on macOS and the BSDs,
// and a second line of defence everywhere. stderr must be the real one:
// go-plugin's Serve sends os.Stderr to the host, which is gone.
func watchHost(name string, stderr io.Writer) {
	watchParent(func(ppid int) {
		fmt.Fprintf(stderr, "openml-dash plugin %s: the app that started it (process %d) is gone; exiting\n", name, ppid)
		os.Exit(1)
	})
}

// pollParent calls gone(start) and returns once getppid no longer returns
// start, looking every so often: the parent ended and the process was
// handed to init, launchd or a subreaper. A parent id does not come back
// while the process lives, so a change is final.
func pollParent(start int, getppid func() int, every time.Duration, gone func(int)) {
	t := time.NewTicker(every)
	defer t.Stop()
	for range t.C {
		if getppid() != start {
			gone(start)
			return
		}
	}
}
