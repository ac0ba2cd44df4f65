package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openml-dash/openml-dash/host/config"
)

// FuzzResolve reads arbitrary bytes as the openml-python config file: a
// readable file must never be an error or a panic, and the API key and
// server must be the last "key = value" (or "key: value") line's, however
// long the lines before it are, since a key silently lost sends requests
// without it.
func FuzzResolve(f *testing.F) {
	for _, s := range []string{
		"apikey = abc123\nserver = https://test.openml.org/api/v1/xml\ncachedir = /data/openml\n",
		"[FAKE_SECTION]\n# comment\n; comment\napikey: 'quoted'\nserver = \"http://localhost:8080\"\navoid_duplicate_runs = True\n",
		"\ufeffapikey=k\r\nserver=https://www.openml.org/api/v1\r\ncachedir=~/openml\r\nconnection_n_retries = 5\r\n",
		"not a key value line\n=\n:\n apikey = \nAPIKEY = upper\nserver = /\ncachedir = ~\n",
		"apikey = first\napikey = second\nserver=https://x.org/api/v2/\n\x00\xff\n",
		// A line longer than bufio.Scanner's default 64 KiB token must not
		// hide the settings after it.
		"# " + strings.Repeat("x", 70<<10) + "\napikey = after-a-long-line\n",
	} {
		f.Add([]byte(s))
	}
	path := filepath.Join(f.TempDir(), "config")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := config.Resolve(config.Input{
			ConfigFile:   path,
			Getenv:       func(string) string { return "" },
			UserCacheDir: func() (string, error) { return "/home/u/.cache", nil },
		})
		if err != nil {
			t.Fatalf("Resolve: %v", err)
		}
		want := lastValues(data)
		if key := want["apikey"]; s.APIKey != key {
			t.Fatalf("APIKey = %q, want %q", s.APIKey, key)
		}
		if src := s.Sources["apikey"]; (want["apikey"] != "") != (src == config.FromFile) {
			t.Fatalf("apikey %q comes from %q", s.APIKey, src)
		}
		if want["server"] == "" && s.Server != config.DefaultServer {
			t.Fatalf("Server = %q without a server line, want the default", s.Server)
		}
		if !strings.Contains(s.Server, "/api/") {
			t.Fatalf("Server = %q is not an API base", s.Server)
		}
		if s.CacheDir == "" {
			t.Fatal("no cache folder")
		}
	})
}

// lastValues is what configparser keeps of the file's "key = value"
// lines: the last value of each key, trimmed and unquoted.
func lastValues(data []byte) map[string]string {
	out := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.ContainsRune("#;[", rune(line[0])) {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			k, v, ok = strings.Cut(line, ":")
		}
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		if len(v) >= 2 && (v[0] == '\'' || v[0] == '"') && v[len(v)-1] == v[0] {
			v = v[1 : len(v)-1]
		}
		out[strings.ToLower(strings.TrimSpace(k))] = strings.TrimSpace(v)
	}
	return out
}
