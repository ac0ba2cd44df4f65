package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A leading ~ is the home folder wherever a path enters unexpanded: a
// quoted argument, --flag=~/x (no shell expands either), a variable set
// outside a shell.

func TestConfig_homeInPathFlags(t *testing.T) {
	home, err := os.UserHomeDir()
	require.NoError(t, err)
	cmd, _ := findCommand("render")
	cfg, err := parseConfig(cmd, []string{"--mirror=~/mirror", "--plugins", "~/plugins", "--plugins=~/more", "--out", "~/out",
		"--cpuprofile", "~/render.prof", "--cache-dir=~/cache", "d/61"})
	require.NoError(t, err)
	require.NoError(t, cfg.resolve(io.Discard))
	assert.Equal(t, filepath.Join(home, "mirror"), cfg.mirror)
	assert.Equal(t, stringList{filepath.Join(home, "plugins"), filepath.Join(home, "more")}, cfg.plugins)
	assert.Equal(t, filepath.Join(home, "out"), cfg.out)
	assert.Equal(t, filepath.Join(home, "render.prof"), cfg.cpuProfile)
	assert.Equal(t, filepath.Join(home, "cache"), cfg.settings.CacheDir)
	assert.Equal(t, []string{"d/61"}, cfg.args, "a URL is route's to read")
}

func TestLogPath_homeInTheVariable(t *testing.T) {
	home, err := os.UserHomeDir()
	require.NoError(t, err)
	t.Setenv(logDirEnv, "~/openml-logs")
	got, err := logPath()
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(home, "openml-logs", logName), got)
}

// TestRender_localFileInHome: a data file and the output folder given
// with ~, as a quoted argument leaves them, are the home folder's.
func TestRender_localFileInHome(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home) // Windows' home
	require.NoError(t, os.WriteFile(filepath.Join(home, "tiny.arff"), []byte("@relation tiny\n@attribute a numeric\n@attribute b {x,y}\n@data\n1,x\n2,y\n"), 0o644))
	stdout, stderr, err := runCLI(t, "render", "--plugins", coreDir, "--out", "~/out", "~/tiny.arff")
	require.NoError(t, err, stderr)
	assert.Contains(t, stdout, "-> "+filepath.Join(home, "out"))
	assert.FileExists(t, filepath.Join(home, "out", "page.json"))
}
