//go:build !unix

package pluginhost

import "os/exec"

// setProcAttr does nothing outside Unix: the host must Close its Manager
// on exit, and go-plugin's Kill ends the plugin process.
func setProcAttr(*exec.Cmd) {}

// killGroup kills only the plugin process itself outside Unix.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = cmd.Process.Kill()
	}
}
