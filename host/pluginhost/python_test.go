package pluginhost_test

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/pluginhost"
	"github.com/openml-dash/openml-dash/sdk"
)

// writePyz writes openml-dash-plugin-NAME.pyz, not executable, into a
// plugins folder of its own and returns its path.
func writePyz(t *testing.T, name string) string {
	t.Helper()
	pyz := filepath.Join(t.TempDir(), pluginhost.BinaryPrefix+name+".pyz")
	require.NoError(t, os.WriteFile(pyz, []byte("PK\x05\x06 a zip archive, for Python to run"), 0o644))
	return pyz
}

// TestManager_pyzPlugin: a .pyz plugin is started by the interpreter
// $OPENML_DASH_PYTHON names, given the file, and its manifest is
// remembered by its path as any plugin's.
func TestManager_pyzPlugin(t *testing.T) {
	skipOnWindows(t)
	pyz := writePyz(t, "echo")
	python := filepath.Join(t.TempDir(), "python")
	require.NoError(t, os.Link(filepath.Join(built, "python"), python))
	t.Setenv(pluginhost.PythonEnv, python)
	cache := filepath.Join(t.TempDir(), "plugins.json")

	log := &syncBuffer{}
	m := pluginhost.New(pluginhost.Options{Dirs: []string{filepath.Dir(pyz)}, Host: &fakeHost{}, Log: log, Verbose: true, ManifestCache: cache})
	t.Cleanup(m.Close)
	require.NoError(t, m.Start(t.Context()))
	assert.Empty(t, m.Failures())
	echo := plugin(t, m, "echo")
	assert.Equal(t, pyz, echo.Path())
	page, err := echo.Layout(t.Context(), sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindData, ID: 61})
	require.NoError(t, err)
	assert.Equal(t, "echo: iris", page.Title)
	args, err := os.ReadFile(python + ".args")
	require.NoError(t, err)
	assert.Equal(t, pyz+"\n", string(args), "the interpreter is given the file, and nothing else")
	assert.Equal(t, 1, strings.Count(log.String(), "stand-in python runs "+pyz), "each stderr line is logged once:\n%s", log)

	b, err := os.ReadFile(cache)
	require.NoError(t, err)
	var entries map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(b, &entries))
	assert.Contains(t, entries, pyz, "the manifest is remembered by the file's path")
}

// TestManager_pyzPluginWithoutPython: with no interpreter, a .pyz plugin
// does not start, and the failure says which file, what was looked for and
// how to fix it; the other plugins start.
func TestManager_pyzPluginWithoutPython(t *testing.T) {
	pyz := writePyz(t, "missing")
	t.Setenv(pluginhost.PythonEnv, filepath.Join(t.TempDir(), "no-python-here"))
	dirs := []string{pluginDir(t, "echo"), filepath.Dir(pyz)}
	m := pluginhost.New(pluginhost.Options{Dirs: dirs, Host: &fakeHost{}, Log: io.Discard})
	t.Cleanup(m.Close)
	require.NoError(t, m.Start(t.Context()))
	assert.Equal(t, []string{"echo"}, names(m.Plugins()))
	require.Len(t, m.Failures(), 1)
	var e *pluginhost.Error
	require.ErrorAs(t, m.Failures()[0], &e)
	assert.Equal(t, pluginhost.Start, e.Kind)
	assert.Contains(t, e.Error(), `plugin "missing" (`+pyz+`) is a Python plugin and cannot start: $OPENML_DASH_PYTHON is "`)
	assert.Contains(t, e.Error(), "grpcio protobuf cryptography")
}
