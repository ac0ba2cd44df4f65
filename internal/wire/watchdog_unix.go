//go:build unix

package wire

import "os"

// parentAtStart is the process that started this one, read when the
// package is initialised, before a plugin's own start-up: a host that dies
// before this is not noticed.
var parentAtStart = os.Getppid()

// watchParent calls gone from another goroutine once the process is
// reparented, which is how Unix says its parent ended.
func watchParent(gone func(ppid int)) {
	go pollParent(parentAtStart, os.Getppid, watchdogInterval, gone)
}
