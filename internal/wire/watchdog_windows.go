//go:build windows

package wire

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// watchParent calls gone once the parent process ends: from another
// goroutine, which waits on the parent's handle, or right away when the
// parent is already gone. Windows keeps a process's parent id after the
// parent ends and may give it to a new process, so a parent that started
// after this process is another one.
func watchParent(gone func(ppid int)) {
	ppid := os.Getppid()
	if ppid <= 0 {
		return
	}
	h, err := windows.OpenProcess(windows.SYNCHRONIZE|windows.PROCESS_QUERY_LIMITED_INFORMATION, false, uint32(ppid))
	if err != nil {
		if errors.Is(err, windows.ERROR_INVALID_PARAMETER) { // no such process
			gone(ppid)
		}
		return // not allowed to watch it: the host's job object remains
	}
	if startedAfterThis(h) {
		_ = windows.CloseHandle(h)
		gone(ppid)
		return
	}
	go func() {
		defer windows.CloseHandle(h)
		if ev, err := windows.WaitForSingleObject(h, windows.INFINITE); err == nil && ev == windows.WAIT_OBJECT_0 {
			gone(ppid)
		}
	}()
}

// startedAfterThis reports whether process h was created after this one,
// when both creation times can be read.
func startedAfterThis(h windows.Handle) bool {
	var parent, self, exit, kernel, user windows.Filetime
	if windows.GetProcessTimes(h, &parent, &exit, &kernel, &user) != nil ||
		windows.GetProcessTimes(windows.CurrentProcess(), &self, &exit, &kernel, &user) != nil {
		return false
	}
	return parent.Nanoseconds() > self.Nanoseconds()
}
