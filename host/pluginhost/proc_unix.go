//go:build unix

package pluginhost

import (
	"os/exec"
	"syscall"
)

// killGroup kills the process group of a plugin started by setProcAttr:
// the plugin and whatever it started (a shell script's sleep holding its
// stdout would otherwise keep go-plugin waiting on the pipe). Call it only
// while the plugin process has not been reaped, so its id is still its own.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process == nil {
		return
	}
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
}

// procStarted has nothing to do on Unix: setProcAttr set everything up
// when the process started.
func procStarted(*exec.Cmd) error { return nil }
