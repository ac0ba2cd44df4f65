//go:build !unix && !windows

package pluginhost

import "os/exec"

// setProcAttr does nothing outside Unix and Windows: the host must Close
// its Manager on exit, and go-plugin's Kill ends the plugin process.
func setProcAttr(*exec.Cmd) {}

// procStarted has nothing to do outside Unix and Windows.
func procStarted(*exec.Cmd) error { return nil }

// killGroup kills only the plugin process itself outside Unix and Windows.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = cmd.Process.Kill()
	}
}
