package proctest

import (
	"bufio"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// StartHost runs the test binary again as a host process, running only
// the test named test with env added; that test starts a plugin and
// prints "plugin pid N". StartHost returns the host, to be killed, and
// the plugin's id. The host is killed when t ends.
func StartHost(t *testing.T, test string, env ...string) (host *exec.Cmd, pluginPid int) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	host = exec.Command(exe, "-test.run=^"+test+"$")
	host.Env = append(os.Environ(), env...)
	host.Stderr = os.Stderr
	out, err := host.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := host.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = host.Process.Kill(); _ = host.Wait() })
	lines := bufio.NewScanner(out)
	for pluginPid == 0 && lines.Scan() {
		if s, ok := strings.CutPrefix(lines.Text(), "plugin pid "); ok {
			if pluginPid, err = strconv.Atoi(s); err != nil {
				t.Fatalf("the helper host printed %q", lines.Text())
			}
		}
	}
	if pluginPid == 0 {
		t.Fatal("the helper host printed no plugin pid")
	}
	return host, pluginPid
}
