package config_test

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/config"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func writeConfig(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config")
	require.NoError(t, os.WriteFile(p, []byte(text), 0o600))
	return p
}

func userCache(string) func() (string, error) {
	return func() (string, error) { return "/home/u/.cache", nil }
}

func TestResolve_precedence(t *testing.T) {
	t.Parallel()
	file := writeConfig(t, "apikey = filekey\nserver = https://test.openml.org/api/v1/xml\ncachedir = /data/openml\n")
	type flags struct{ server, apikey, cache string }
	cases := map[string]struct {
		flags   flags
		env     map[string]string
		file    string
		want    [3]string
		sources [3]config.Source
	}{
		"defaults": {
			file:    filepath.Join(t.TempDir(), "absent"),
			want:    [3]string{config.DefaultServer, "", "/home/u/.cache/openml-dash"},
			sources: [3]config.Source{config.FromDefault, config.FromDefault, config.FromDefault},
		},
		"file": {
			file:    file,
			want:    [3]string{"https://test.openml.org/api/v1/xml", "filekey", "/data/openml/openml-dash"},
			sources: [3]config.Source{config.FromFile, config.FromFile, config.FromFile},
		},
		"environment over file": {
			file:    file,
			env:     map[string]string{config.EnvServer: "http://localhost:8080/api/v1/xml", config.EnvAPIKey: "envkey", config.EnvCacheDir: "/env/cache"},
			want:    [3]string{"http://localhost:8080/api/v1/xml", "envkey", "/env/cache"},
			sources: [3]config.Source{config.FromEnv, config.FromEnv, config.FromEnv},
		},
		"flags over environment": {
			file:    file,
			flags:   flags{"https://my.org/api/v1/xml", "flagkey", "/flag/cache"},
			env:     map[string]string{config.EnvServer: "http://localhost:8080", config.EnvAPIKey: "envkey"},
			want:    [3]string{"https://my.org/api/v1/xml", "flagkey", "/flag/cache"},
			sources: [3]config.Source{config.FromFlag, config.FromFlag, config.FromFlag},
		},
		"mixed": {
			file:    file,
			flags:   flags{cache: "/flag/cache"},
			env:     map[string]string{config.EnvAPIKey: "envkey"},
			want:    [3]string{"https://test.openml.org/api/v1/xml", "envkey", "/flag/cache"},
			sources: [3]config.Source{config.FromFile, config.FromEnv, config.FromFlag},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			in := config.Input{Getenv: env(tc.env), ConfigFile: tc.file, UserCacheDir: userCache("")}
			in.Flags.Server, in.Flags.APIKey, in.Flags.CacheDir = tc.flags.server, tc.flags.apikey, tc.flags.cache
			s, err := config.Resolve(in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, [3]string{s.Server, s.APIKey, s.CacheDir})
			assert.Equal(t, tc.sources, [3]config.Source{s.Sources["server"], s.Sources["apikey"], s.Sources["cachedir"]})
		})
	}
}

func TestResolve_pythonFileSyntax(t *testing.T) {
	t.Parallel()
	file := writeConfig(t, "[FAKE_SECTION]\n# a comment\n; another\nAPIKEY= 'quoted key' \nserver: https://www.openml.org\nnonsense line\n\navoid_duplicate_runs = True\n")
	s, err := config.Resolve(config.Input{Getenv: env(nil), ConfigFile: file, UserCacheDir: userCache("")})
	require.NoError(t, err)
	assert.Equal(t, "quoted key", s.APIKey, "keys are case-insensitive and quotes are stripped")
	assert.Equal(t, "https://www.openml.org/api/v1/xml", s.Server, "a site URL becomes its API base")
	assert.Equal(t, file, s.File)
	require.Len(t, s.Warnings, 1)
	assert.Contains(t, s.Warnings[0], file+":6: not a key = value line")
}

func TestResolve_serverForms(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"https://www.openml.org/api/v1/xml":  "https://www.openml.org/api/v1/xml",
		"https://www.openml.org/api/v1/xml/": "https://www.openml.org/api/v1/xml",
		"https://test.openml.org/api/v1":     "https://test.openml.org/api/v1/xml",
		"http://localhost:8080":              "http://localhost:8080/api/v1/xml",
		"http://host/openml/api/v1/xml":      "http://host/openml/api/v1/xml",
	}
	for in, want := range cases {
		i := config.Input{Getenv: env(nil), ConfigFile: "/nonexistent/config", UserCacheDir: userCache("")}
		i.Flags.Server = in
		s, err := config.Resolve(i)
		require.NoError(t, err)
		assert.Equal(t, want, s.Server, in)
	}
}

func TestResolve_unreadableFileIsAnError(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("a folder in place of the file is how this test makes it unreadable; Windows reports that differently")
	}
	dir := t.TempDir() // a folder where the file should be cannot be read as one
	_, err := config.Resolve(config.Input{Getenv: env(nil), ConfigFile: dir, UserCacheDir: userCache("")})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "reading the openml-python config "+dir)
}

func TestResolve_noCacheDir(t *testing.T) {
	t.Parallel()
	_, err := config.Resolve(config.Input{Getenv: env(nil), ConfigFile: "/nonexistent/config",
		UserCacheDir: func() (string, error) { return "", errors.New("$HOME is not defined") }})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "--cache-dir")
}

func TestPythonConfigPath(t *testing.T) {
	t.Parallel()
	xdg := t.TempDir()
	assert.Equal(t, filepath.Join(xdg, "openml", "config"), config.PythonConfigPath(env(map[string]string{"XDG_CONFIG_HOME": xdg})))
}

// TestResolve_homeInCacheDir: a cache folder that starts with ~ means the
// home folder in every source, as no shell expanded it in a config file,
// a variable set outside a shell, or a quoted flag; ~\ only on Windows,
// where openml-python's configs write it.
func TestResolve_homeInCacheDir(t *testing.T) {
	t.Parallel()
	home, err := os.UserHomeDir()
	require.NoError(t, err)
	backslash := `~\.openml\cache` // a file name on Unix
	if runtime.GOOS == "windows" {
		backslash = filepath.Join(home, ".openml", "cache")
	}
	cases := map[string]struct {
		flag, env, file string
		want            string
	}{
		"flag":                  {flag: "~/flag-cache", want: filepath.Join(home, "flag-cache")},
		"environment":           {env: "~/env-cache", want: filepath.Join(home, "env-cache")},
		"openml-python config":  {file: "cachedir = ~/.openml/cache\n", want: filepath.Join(home, ".openml", "cache", "openml-dash")},
		"config with backslash": {file: `cachedir = ~\.openml\cache` + "\n", want: filepath.Join(backslash, "openml-dash")},
		"not a home folder":     {flag: "~bob/cache", want: "~bob/cache"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			in := config.Input{Getenv: env(map[string]string{config.EnvCacheDir: tc.env}), ConfigFile: writeConfig(t, tc.file), UserCacheDir: userCache("")}
			in.Flags.CacheDir = tc.flag
			s, err := config.Resolve(in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, s.CacheDir)
		})
	}
}
