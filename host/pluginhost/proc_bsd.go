//go:build unix && !linux

package pluginhost

import (
	"os/exec"
	"syscall"
)

// setProcAttr puts the plugin in its own process group, so killGroup also
// reaches anything it started. Outside Linux there is no parent-death
// signal: the host must Close its Manager on SIGINT/SIGTERM.
func setProcAttr(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}
