package pluginhost_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/pluginhost"
	"github.com/openml-dash/openml-dash/sdk"
)

// With a manifest cache, a plugin that ran before is known without being
// run: it starts on its first call. A changed binary or a damaged cache
// starts it in Start again.
func TestManager_manifestCacheStartsPluginsWhenNeeded(t *testing.T) {
	t.Parallel()
	dir := pluginDir(t, "echo", "extra")
	cache := filepath.Join(t.TempDir(), "plugins.json")
	ready := func(log *syncBuffer) int { return strings.Count(log.String(), "plugin ready") }
	run := func() (*pluginhost.Manager, *syncBuffer) {
		log := &syncBuffer{}
		m := pluginhost.New(pluginhost.Options{Dirs: []string{dir}, Host: &fakeHost{}, Log: log, Verbose: true, ManifestCache: cache})
		require.NoError(t, m.Start(t.Context()))
		return m, log
	}

	first, log := run()
	assert.Equal(t, 2, ready(log), "no cache yet: both start")
	first.Close()
	require.FileExists(t, cache)

	second, log := run()
	t.Cleanup(second.Close)
	assert.Zero(t, ready(log), "both known: neither runs yet")
	assert.Equal(t, []string{"echo", "extra"}, names(second.ForKind(sdk.KindData)), "kinds and order come from the cache")
	echo := plugin(t, second, "echo")
	assert.Equal(t, sdk.Manifest{Name: "echo", Version: "1.0", Kinds: []sdk.Kind{sdk.KindData, sdk.KindTask}, Order: sdk.OrderCore}, echo.Manifest())
	page, err := echo.Layout(t.Context(), sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindData, ID: 61})
	require.NoError(t, err)
	assert.Equal(t, "echo: iris", page.Title)
	assert.Equal(t, 1, ready(log), "the first call started echo only")
	second.StartIdle(t.Context())
	assert.Eventually(t, func() bool { return ready(log) == 2 }, 10*time.Second, 10*time.Millisecond, "StartIdle starts the rest")
	second.Close()

	// A rebuilt plugin is asked again. (The test plugins are hard links to
	// one file, so the cache's note of one is changed instead of the file.)
	var entries map[string]map[string]any
	b, err := os.ReadFile(cache)
	require.NoError(t, err)
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber() // nanoseconds do not survive a float64
	require.NoError(t, dec.Decode(&entries))
	extra := entries[filepath.Join(dir, pluginhost.BinaryPrefix+"extra")]
	require.NotNil(t, extra, "the cache is keyed by path: %s", b)
	extra["mtime_ns"] = json.Number("1")
	b, err = json.Marshal(entries)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(cache, b, 0o644))
	third, log := run()
	t.Cleanup(third.Close)
	assert.Equal(t, 1, ready(log), "only the changed plugin starts in Start")
	third.Close()

	require.NoError(t, os.WriteFile(cache, []byte("{not json"), 0o644))
	fourth, log := run()
	t.Cleanup(fourth.Close)
	assert.Equal(t, 2, ready(log), "a damaged cache is ignored")
}
