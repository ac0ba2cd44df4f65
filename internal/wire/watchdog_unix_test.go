//go:build unix

package wire

import (
	"bytes"
	"os"
	"runtime"
	"strconv"
	"syscall"
)

// alive reports whether process pid exists and is not a zombie: an
// orphan in a container may wait a while for a reaper.
func alive(pid int) bool {
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

func killPid(pid int) { _ = syscall.Kill(pid, syscall.SIGKILL) }
