//go:build unix || windows

package wire

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/internal/proctest"
	"github.com/openml-dash/openml-dash/sdk"
)

// The test binary, run again, is the host (watchdogHostEnv names a folder
// for the plugin's stderr) and the plugin (watchdogPluginEnv).
const (
	watchdogHostEnv   = "WIRE_TEST_WATCHDOG_HOST"
	watchdogPluginEnv = "WIRE_TEST_WATCHDOG_PLUGIN"
)

// TestServe_endsWhenTheHostIsKilled: a plugin whose host is killed, and so
// never stops it, ends by itself. The host starts the plugin without a
// parent-death signal or a job object: only the watchdog can end it.
func TestServe_endsWhenTheHostIsKilled(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	host, pluginPid := proctest.StartHost(t, "TestHelperWatchdogHost", watchdogHostEnv+"="+dir)
	defer proctest.Kill(pluginPid) // should the watchdog fail
	// The watchdog leaves a plugin whose host runs alone.
	time.Sleep(2 * watchdogInterval)
	require.True(t, proctest.Alive(pluginPid), "the plugin ended while its host runs")

	require.NoError(t, host.Process.Kill())
	_ = host.Wait()
	killed := time.Now()
	require.Eventually(t, func() bool { return !proctest.Alive(pluginPid) }, 10*time.Second, 10*time.Millisecond,
		"the plugin outlived its killed host")
	t.Logf("the plugin ended %s after its host was killed", time.Since(killed).Round(time.Millisecond))
	stderr, err := os.ReadFile(filepath.Join(dir, "plugin.stderr"))
	require.NoError(t, err)
	assert.Contains(t, string(stderr), "openml-dash plugin watchdog: the app that started it (process ")
	assert.Contains(t, string(stderr), ") is gone; exiting\n")
}

// TestHelperWatchdogHost starts the plugin as a host would, minus the
// protections of pluginhost, prints its process id, and waits to be
// killed.
func TestHelperWatchdogHost(t *testing.T) {
	dir := os.Getenv(watchdogHostEnv)
	if dir == "" {
		t.Skip("run by TestServe_endsWhenTheHostIsKilled")
	}
	exe, err := os.Executable()
	require.NoError(t, err)
	stderr, err := os.Create(filepath.Join(dir, "plugin.stderr"))
	require.NoError(t, err)
	plugin := exec.Command(exe, "-test.run=^TestHelperWatchdogPlugin$")
	plugin.Env = append(os.Environ(),
		watchdogPluginEnv+"=1",
		Handshake.MagicCookieKey+"="+Handshake.MagicCookieValue,
		fmt.Sprintf("PLUGIN_PROTOCOL_VERSIONS=%d", ProtocolVersion))
	plugin.Stderr = stderr
	out, err := plugin.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, plugin.Start())
	require.NoError(t, stderr.Close()) // the plugin's is enough
	// The handshake line: Serve runs, and so does the watchdog.
	line, err := bufio.NewReader(out).ReadString('\n')
	require.NoError(t, err)
	require.Contains(t, line, "|grpc|")
	fmt.Printf("plugin pid %d\n", plugin.Process.Pid)
	time.Sleep(time.Minute)
}

// TestHelperWatchdogPlugin is the plugin of TestHelperWatchdogHost.
func TestHelperWatchdogPlugin(t *testing.T) {
	if os.Getenv(watchdogPluginEnv) == "" {
		t.Skip("run by TestHelperWatchdogHost")
	}
	Serve(watchdogPlugin{})
}

type watchdogPlugin struct{}

func (watchdogPlugin) Manifest() sdk.Manifest {
	return sdk.Manifest{Name: "watchdog", Version: "1.0", Kinds: []sdk.Kind{sdk.KindData}}
}

func (watchdogPlugin) Layout(context.Context, *sdk.LayoutRequest) (*sdk.Page, error) {
	return &sdk.Page{Title: "watchdog"}, nil
}
