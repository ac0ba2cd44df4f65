//go:build unix

package proctest

import (
	"bytes"
	"os"
	"runtime"
	"strconv"
	"syscall"
)

// Alive reports whether process pid exists and is not a zombie (a plugin
// orphaned in a container may wait a while for a reaper).
func Alive(pid int) bool {
	if runtime.GOOS == "linux" {
		stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
		if err != nil {
			return false
		}
		// The state follows the command name, which is in parentheses.
		i := bytes.LastIndexByte(stat, ')')
		return i < 0 || !bytes.HasPrefix(stat[i+1:], []byte(" Z"))
	}
	return syscall.Kill(pid, 0) == nil
}

// Kill ends process pid.
func Kill(pid int) { _ = syscall.Kill(pid, syscall.SIGKILL) }
