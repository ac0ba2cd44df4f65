//go:build linux

package pluginhost

import (
	"os/exec"
	"syscall"
)

// setProcAttr puts the plugin in its own process group, so killGroup also
// reaches anything it started, and has the kernel kill it when the host
// dies, even by SIGKILL, when no Close runs. Pdeathsig fires when the OS
// thread that started the child exits; the Go runtime does not end threads
// while the process lives unless a goroutine exits locked to one, which
// pluginhost never does.
func setProcAttr(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
