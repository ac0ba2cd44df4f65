package pluginhost_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/pluginhost"
)

func TestDiscover(t *testing.T) {
	t.Parallel()
	skipOnWindows(t)
	root := t.TempDir()
	a, b := filepath.Join(root, "a"), filepath.Join(root, "b")
	files := map[string]os.FileMode{
		"a/openml-dash-plugin-data":  0o755,
		"a/openml-dash-plugin-extra": 0o644, // not executable: not a plugin, hides nothing
		"a/openml-dash-plugin-":      0o755, // no name
		"a/other-tool":               0o755,
		"b/openml-dash-plugin-data":  0o755,
		"b/openml-dash-plugin-extra": 0o755,
		"b/openml-dash-plugin-zeta":  0o755,
		// Python zip applications: Python runs them, executable or not.
		"a/openml-dash-plugin-py.pyz":     0o644,
		"b/openml-dash-plugin-py":         0o755,
		"a/openml-dash-plugin-both":       0o755, // the program beats the .pyz beside it
		"a/openml-dash-plugin-both.pyz":   0o755,
		"a/openml-dash-plugin-noexec":     0o644, // not a plugin: the .pyz beside it is
		"a/openml-dash-plugin-noexec.pyz": 0o644,
		"a/openml-dash-plugin-.pyz":       0o644, // no name
		"a/openml-dash-plugin-alpha.PYZ":  0o644,
	}
	for name, mode := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte("#!/bin/sh\n"), mode))
	}
	require.NoError(t, os.Mkdir(filepath.Join(a, "openml-dash-plugin-folder"), 0o755))
	require.NoError(t, os.Mkdir(filepath.Join(a, "openml-dash-plugin-folder.pyz"), 0o755))
	require.NoError(t, os.Symlink(filepath.Join(b, "openml-dash-plugin-zeta"), filepath.Join(a, "openml-dash-plugin-linked")))
	notADir := filepath.Join(a, "other-tool")

	bin := func(dir, name string) pluginhost.Binary {
		return pluginhost.Binary{Name: name, Path: filepath.Join(dir, pluginhost.BinaryPrefix+name)}
	}
	pyz := func(dir, name string) pluginhost.Binary {
		return pluginhost.Binary{Name: name, Path: filepath.Join(dir, pluginhost.BinaryPrefix+name+".pyz")}
	}
	cases := map[string]struct {
		dirs    []string
		want    []pluginhost.Binary
		wantErr string
	}{
		"earlier folder hides later; programs, then .pyz files": {
			dirs: []string{a, b},
			want: []pluginhost.Binary{bin(a, "both"), bin(a, "data"), bin(a, "linked"),
				{Name: "alpha", Path: filepath.Join(a, "openml-dash-plugin-alpha.PYZ")}, pyz(a, "noexec"), pyz(a, "py"),
				bin(b, "extra"), bin(b, "zeta")},
		},
		"priority follows the order given": {
			dirs: []string{b, a},
			want: []pluginhost.Binary{bin(b, "data"), bin(b, "extra"), bin(b, "py"), bin(b, "zeta"),
				bin(a, "both"), bin(a, "linked"), {Name: "alpha", Path: filepath.Join(a, "openml-dash-plugin-alpha.PYZ")}, pyz(a, "noexec")},
		},
		"missing folder skipped": {
			dirs: []string{filepath.Join(root, "missing"), b},
			want: []pluginhost.Binary{bin(b, "data"), bin(b, "extra"), bin(b, "py"), bin(b, "zeta")},
		},
		"unreadable folder reported, others still found": {
			dirs:    []string{notADir, b},
			want:    []pluginhost.Binary{bin(b, "data"), bin(b, "extra"), bin(b, "py"), bin(b, "zeta")},
			wantErr: "cannot read plugins folder " + notADir,
		},
		"nothing": {},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := pluginhost.Discover(tc.dirs)
			if tc.wantErr != "" {
				require.ErrorContains(t, err, tc.wantErr)
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestDefaultDirs(t *testing.T) {
	t.Parallel()
	exe, err := os.Executable()
	require.NoError(t, err)
	exe, err = filepath.EvalSymlinks(exe)
	require.NoError(t, err)
	user, err := pluginhost.UserPluginDir()
	require.NoError(t, err)

	got := pluginhost.DefaultDirs("/opt/more-plugins")
	assert.Equal(t, []string{filepath.Dir(exe), user, "/opt/more-plugins"}, got)
	assert.Equal(t, filepath.Join("openml-dash", "plugins"), filepath.Join(filepath.Base(filepath.Dir(user)), filepath.Base(user)))
}
