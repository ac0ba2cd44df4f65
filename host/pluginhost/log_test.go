package pluginhost_test

import (
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/pluginhost"
	"github.com/openml-dash/openml-dash/sdk"
)

// TestManager_verboseLog: with Verbose the log tells when each plugin
// started and how long each call took, and a plugin's debug lines reach
// it named after the plugin; without, none of that is logged.
func TestManager_verboseLog(t *testing.T) {
	t.Parallel()
	debugLines := []string{
		"[DEBUG] pluginhost: plugin ready: plugin=echo version=1.0 kinds=[data, task] path=",
		"[DEBUG] pluginhost: plugin call failed: plugin=echo op=Layout took=",
		`[DEBUG] pluginhost: plugin call: plugin=echo op="Callback \"log\"" took=`,
		"[DEBUG] plugin echo: a debug line from echo",
	}
	for name, verbose := range map[string]bool{"verbose": true, "quiet": false} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			log := &syncBuffer{}
			// No Host: the Manager's own stand-in logs through LogPlugin.
			m := pluginhost.New(pluginhost.Options{Dirs: []string{pluginDir(t, "echo")}, Log: log, Verbose: verbose})
			t.Cleanup(m.Close)
			require.NoError(t, m.Start(t.Context()))
			echo := plugin(t, m, "echo")
			_, err := echo.Layout(t.Context(), sdk.EntityRef{Kind: sdk.KindData, ID: 61})
			require.Error(t, err, "no Host, so the fetch fails")
			_, err = echo.Callback(t.Context(), &sdk.CallbackRequest{ID: "log"})
			require.NoError(t, err)
			for _, line := range debugLines {
				if verbose {
					assert.Contains(t, log.String(), line)
				} else {
					assert.NotContains(t, log.String(), "[DEBUG]")
				}
			}
		})
	}
}

// TestManager_info lists every plugin found: the manifest of each that
// started, the reason for each that did not.
func TestManager_info(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("the garbage plugin is a shell script")
	}
	dir := pluginDir(t, "garbage", "echo")
	m := start(t, pluginhost.Options{Dirs: []string{dir}})
	infos := m.Info()
	require.Len(t, infos, 2)
	echo, garbage := infos[0], infos[1]
	assert.Equal(t, pluginhost.Info{Name: "echo", Path: dir + "/openml-dash-plugin-echo", Manifest: plugin(t, m, "echo").Manifest()}, echo)
	assert.Equal(t, "1.0", echo.Manifest.Version)
	assert.Equal(t, "garbage", garbage.Name)
	assert.Zero(t, garbage.Manifest)
	require.Error(t, garbage.Err)
	assert.Contains(t, garbage.Err.Error(), "is not an openml-dash plugin")
	assert.Equal(t, m.Failures(), []error{garbage.Err})
}
