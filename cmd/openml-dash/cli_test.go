package main

import (
	"bytes"
	"context"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/fetch/fetchtest"
	"github.com/openml-dash/openml-dash/internal/recordings"
)

// runCLI runs the command in-process, as main does.
func runCLI(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), err
}

// flagDefaults lists each command's flags and what --help must say of
// each one's default: flag's own "(default X)", a description's
// "(default: ...)", or that it is required.
var flagDefaults = func() map[string]map[string]string {
	const worded = "(default: "
	page := map[string]string{"server": worded, "cache-dir": worded, "mirror": worded, "target": worded, "plugins": worded,
		"timeout": "(default 2m0s)", "verbose": worded}
	with := func(more map[string]string) map[string]string {
		m := maps.Clone(page)
		maps.Copy(m, more)
		return m
	}
	return map[string]map[string]string{
		window:    with(map[string]string{"version": "and exit"}),
		"render":  with(map[string]string{"out": "(required)", "width": "(default 1280)", "height": "(default 900)", "cpuprofile": "(default: none)", "charts": "(default: off"}),
		"mirror":  with(map[string]string{"out": "(required)"}),
		"cache":   {"cache-dir": worded},
		"version": page,
	}
}()

// TestHelp: every way of asking for help prints, on stdout, every flag of
// the command asked about (of every command, for the window) with its
// default, and where the log file is; nothing else of other commands.
func TestHelp(t *testing.T) {
	all := []string{window, "render", "mirror", "cache", "version"}
	cases := map[string]struct {
		args     []string
		commands []string
	}{
		"--help":              {[]string{"--help"}, all},
		"-h":                  {[]string{"-h"}, all},
		"help":                {[]string{"help"}, all},
		"flags then --help":   {[]string{"--server", "http://x", "--help"}, all},
		"render --help":       {[]string{"render", "--help"}, []string{"render"}},
		"render d/61 -h":      {[]string{"render", "d/61", "-h"}, []string{"render"}},
		"help render":         {[]string{"help", "render"}, []string{"render"}},
		"mirror -h":           {[]string{"mirror", "-h"}, []string{"mirror"}},
		"cache --help":        {[]string{"cache", "--help"}, []string{"cache"}},
		"version --help":      {[]string{"version", "--help"}, []string{"version"}},
		"help of no such one": {[]string{"help", "explode"}, all},
	}
	logFile, err := logPath()
	require.NoError(t, err)
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			stdout, stderr, err := runCLI(t, tc.args...)
			require.NoError(t, err)
			assert.Empty(t, stderr)
			want := map[string]string{}
			for _, c := range tc.commands {
				maps.Copy(want, flagDefaults[c])
			}
			listed := regexp.MustCompile(`(?m)^  -([a-z-]+)`).FindAllStringSubmatch(stdout, -1)
			got := map[string]bool{}
			for _, m := range listed {
				got[m[1]] = true
			}
			for flag, def := range want {
				block := regexp.MustCompile(`(?m)^  -` + regexp.QuoteMeta(flag) + `\b.*\n\s+\t(.*)$`).FindStringSubmatch(stdout)
				if !assert.NotNil(t, block, "flag -%s is not listed:\n%s", flag, stdout) {
					continue
				}
				assert.Contains(t, block[1], def, "-%s says what it defaults to", flag)
				delete(got, flag)
			}
			assert.Empty(t, got, "flags of other commands")
			assert.Contains(t, stdout, "log file: "+logFile)
			assert.Contains(t, stdout, "$OPENML_DASH_PYTHON     the Python that runs .pyz plugins")
		})
	}
}

func TestFlags_unknown(t *testing.T) {
	stdout, _, err := runCLI(t, "render", "--bogus", "d/61")
	require.Error(t, err)
	assert.Equal(t, "flag provided but not defined: -bogus (openml-dash render --help lists the flags)", err.Error())
	assert.Empty(t, stdout)
}

// brokenPluginDir is a plugins folder with one binary that is no plugin.
func brokenPluginDir(t *testing.T) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the broken plugin is a shell script")
	}
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "openml-dash-plugin-broken"), []byte("#!/bin/sh\necho hello\n"), 0o755))
	return dir
}

// TestVersion: --version and version print the app's and Go's versions,
// the log file, and every plugin found with its version, kinds and path,
// or why it did not start.
func TestVersion(t *testing.T) {
	broken := brokenPluginDir(t)
	logs := t.TempDir()
	t.Setenv(logDirEnv, logs)
	plugins := []string{"--plugins", coreDir, "--plugins", dropDir, "--plugins", broken}
	bin := func(dir, name string) string { return regexp.QuoteMeta(filepath.Join(dir, "openml-dash-plugin-"+name)) }
	wantLines := []string{
		`openml-dash ` + regexp.QuoteMeta(appVersion()),
		regexp.QuoteMeta(runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH),
		`log file: ` + regexp.QuoteMeta(filepath.Join(logs, "openml-dash.log")),
		`  data +\d+\.\d+\.\d+ +shows data +` + bin(coreDir, "data"),
		`  task +\d+\.\d+\.\d+ +shows task +` + bin(coreDir, "task"),
		`  flow +\d+\.\d+\.\d+ +shows flow +` + bin(coreDir, "flow"),
		`  run +\d+\.\d+\.\d+ +shows run +` + bin(coreDir, "run"),
		`  extra +0\.0\.1 +shows data +` + bin(dropDir, "extra"),
		`  broken did not start: ` + bin(broken, "broken") + ` is not an openml-dash plugin \(it printed "hello" instead of a handshake\): remove it from ` + regexp.QuoteMeta(broken),
	}
	for name, args := range map[string][]string{
		"--version":       append([]string{"--version"}, plugins...),
		"version":         append([]string{"version"}, plugins...),
		"flags first":     append(plugins, "--version"),
		"version --flags": append([]string{"version", "--verbose"}, plugins...),
	} {
		t.Run(name, func(t *testing.T) {
			stdout, _, err := runCLI(t, args...)
			require.NoError(t, err)
			for _, line := range wantLines {
				assert.Regexp(t, `(?m)^`+line+`$`, stdout)
			}
		})
	}
	_, _, err := runCLI(t, "version", "d/61")
	assert.ErrorContains(t, err, "version takes no URL")
}

// TestLogFile: the log file gets warnings and errors always, and with
// --verbose (or $OPENML_DASH_VERBOSE) the debug lines of the host and of
// the plugins too; stderr gets the same lines.
func TestLogFile(t *testing.T) {
	broken := brokenPluginDir(t)
	debug := []string{
		"[DEBUG] plugin extra: extra: laying out demo/d/1", // the plugin's Host.Log
		"[DEBUG] pluginhost: plugin ready: plugin=extra version=0.0.1 kinds=[data] path=" + filepath.Join(dropDir, "openml-dash-plugin-extra"),
		"[DEBUG] pluginhost: plugin call: plugin=extra op=Layout took=",
		"[DEBUG] host: fetch: plugin=data request=data/1 took=",
	}
	always := []string{
		"[INFO]  openml-dash: started: version=" + appVersion() + " command=render",
		"plugin extra: extra: stderr line for demo/d/1", // the plugin's stderr
		"[WARN]  pluginhost: " + filepath.Join(broken, "openml-dash-plugin-broken") + " is not an openml-dash plugin",
	}
	cases := map[string]struct {
		flags   []string
		env     string
		verbose bool
	}{
		"--verbose":              {flags: []string{"--verbose"}, verbose: true},
		"environment":            {env: "1", verbose: true},
		"flag beats environment": {flags: []string{"--verbose=false"}, env: "1"},
		"quiet":                  {},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			t.Setenv(logDirEnv, dir)
			t.Setenv(verboseEnv, tc.env)
			args := append([]string{"render", "--plugins", coreDir, "--plugins", dropDir, "--plugins", broken, "--out", t.TempDir(), "demo"}, tc.flags...)
			_, stderr, err := runCLI(t, args...)
			require.NoError(t, err)
			b, err := os.ReadFile(filepath.Join(dir, "openml-dash.log"))
			require.NoError(t, err)
			log := string(b)
			for _, line := range always {
				assert.Contains(t, log, line)
			}
			for _, line := range debug {
				if tc.verbose {
					assert.Contains(t, log, line)
					assert.Contains(t, stderr, line)
				}
			}
			if !tc.verbose {
				assert.NotContains(t, log, "[DEBUG]")
				assert.NotContains(t, stderr, "[DEBUG]")
			}
		})
	}

	t.Run("the error a run ends with", func(t *testing.T) {
		dir := t.TempDir()
		t.Setenv(logDirEnv, dir)
		_, stderr, err := runCLI(t, "render", "--plugins", coreDir, "--out", t.TempDir(), "openml.org/x/61")
		require.Error(t, err)
		b, rerr := os.ReadFile(filepath.Join(dir, "openml-dash.log"))
		require.NoError(t, rerr)
		assert.Contains(t, string(b), "[ERROR] openml-dash: "+err.Error())
		assert.NotContains(t, stderr, err.Error(), "main prints it on stderr, once")
	})
}

// TestLogFile_noAPIKey: the key is in no line of a verbose log, though
// the server puts it in an error message and every fetch is logged.
func TestLogFile_noAPIKey(t *testing.T) {
	const key = "s3cret-Key-0123456789"
	www := recordings.Require(t, "www")
	srv := fetchtest.NewServer(t, fetchtest.Options{Root: www})
	srv.Fault("/api/v1/xml/evaluationmeasure/list", fetchtest.Fault{OpenMLError: fetchtest.OpenMLError{Code: 103, Message: "Authentication failed for " + key}})
	dir := t.TempDir()
	t.Setenv(logDirEnv, dir)
	t.Setenv("OPENML_DASH_APIKEY", key)
	t.Setenv("OPENML_DASH_CACHE_DIR", t.TempDir())
	for _, from := range []string{"server", "cache"} {
		_, stderr, err := runCLI(t, "render", "--verbose", "--plugins", coreDir, "--server", srv.APIBase(), "--out", t.TempDir(), "f/5270")
		require.NoError(t, err, stderr)
		assert.NotContains(t, stderr, key)
		assert.Contains(t, stderr, "[DEBUG] host: fetch: plugin=flow request=flow/5270", "the fetch from the "+from)
		assert.Regexp(t, `\[DEBUG\] host: fetch: plugin=flow request=flow/5270 took=\S+ from=`+from+` `, stderr)
	}
	assert.Equal(t, key, srv.Requests("/api/v1/xml/flow/5270")[0].APIKey, "the key was sent")
	b, err := os.ReadFile(filepath.Join(dir, "openml-dash.log"))
	require.NoError(t, err)
	log := string(b)
	assert.Contains(t, log, "api-key=true")
	assert.Contains(t, log, "fetch failed: plugin=flow request=evaluationmeasure/list")
	assert.Contains(t, log, "Authentication failed for REDACTED")
	assert.NotContains(t, log, key)
}

// TestLogFile_inTheDefaultCacheFolder: the log's folder sits in the
// default cache folder, which `cache` still takes for a cache.
func TestLogFile_inTheDefaultCacheFolder(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("sets the user cache folder through $XDG_CACHE_HOME")
	}
	home := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", home)
	t.Setenv(logDirEnv, "")
	t.Setenv("OPENML_DASH_CACHE_DIR", "")
	_, _, err := runCLI(t, "render", "--plugins", coreDir, "--out", t.TempDir(), "openml.org/x/61")
	require.Error(t, err)
	assert.FileExists(t, filepath.Join(home, "openml-dash", "logs", "openml-dash.log"))
	stdout, _, err := runCLI(t, "cache")
	require.NoError(t, err)
	assert.Contains(t, stdout, "cache: "+filepath.Join(home, "openml-dash")+" (default)\n0 files")
}

// TestLogFile_rotates: a log over 5 MB becomes .1 when the next run
// opens it, and the new one starts empty.
func TestLogFile_rotates(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(logDirEnv, dir)
	path := filepath.Join(dir, logName)
	old := bytes.Repeat([]byte("an old line\n"), maxLogSize/12+1)
	require.NoError(t, os.WriteFile(path, old, 0o600))
	l := openLog("render", &bytes.Buffer{})
	_, err := l.Write([]byte("a new line\n"))
	require.NoError(t, err)
	require.NoError(t, l.Close())
	prev, err := os.ReadFile(path + ".1")
	require.NoError(t, err)
	assert.Equal(t, old, prev)
	now, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.True(t, strings.HasSuffix(string(now), "command=render pid="+strconv.Itoa(os.Getpid())+"\na new line\n"), "%q", now)
}
