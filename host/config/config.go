// Package config resolves the settings openml-dash runs with: the OpenML
// server, the API key and the cache folder. Each comes from the first place
// that sets it: a command-line flag, the environment, the openml-python
// config file (~/.config/openml/config), then the default. Sharing
// openml-python's file means a researcher who set up openml-python once has
// their key and server here too.
package config

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/openml-dash/openml-dash/internal/userpath"
)

// DefaultServer is the production OpenML API base.
const DefaultServer = "https://www.openml.org/api/v1/xml"

// Environment variables, one per setting.
const (
	EnvServer   = "OPENML_DASH_SERVER"
	EnvAPIKey   = "OPENML_DASH_APIKEY"
	EnvCacheDir = "OPENML_DASH_CACHE_DIR"
)

// Source says where a setting came from.
type Source string

// Sources, in the order they are consulted.
const (
	FromFlag    Source = "flag"
	FromEnv     Source = "environment"
	FromFile    Source = "openml-python config"
	FromDefault Source = "default"
)

// Settings are the resolved values and where each came from.
type Settings struct {
	Server   string
	APIKey   string
	CacheDir string
	// Sources maps "server", "apikey" and "cachedir" to their Source.
	Sources map[string]Source
	// File is the openml-python config file read, or "" if none was found.
	File string
	// Warnings are lines of the file that were skipped, for the log.
	Warnings []string
}

// Input is what Resolve reads. Empty flag values count as not given.
type Input struct {
	Flags struct{ Server, APIKey, CacheDir string }
	// Getenv defaults to os.Getenv.
	Getenv func(string) string
	// ConfigFile overrides where the openml-python config is looked for.
	ConfigFile string
	// UserCacheDir defaults to os.UserCacheDir.
	UserCacheDir func() (string, error)
}

// Resolve applies the precedence flags > environment > openml-python config
// file > defaults. A missing config file is fine; an unreadable one is an
// error, since silently ignoring it would send requests without the key the
// user configured.
func Resolve(in Input) (*Settings, error) {
	getenv := in.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	s := &Settings{Sources: map[string]Source{}}
	file := in.ConfigFile
	if file == "" {
		file = PythonConfigPath(getenv)
	}
	values, warnings, err := readPythonConfig(file)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, err
	default:
		s.File, s.Warnings = file, warnings
	}
	fileCache := values["cachedir"]
	if fileCache != "" {
		// openml-python keeps its own files there; ours go in a subfolder so
		// neither program's cache clearing touches the other's.
		fileCache = filepath.Join(userpath.Expand(fileCache), "openml-dash")
	}
	s.Server = normaliseServer(s.pick("server", in.Flags.Server, getenv(EnvServer), values["server"], DefaultServer))
	s.APIKey = s.pick("apikey", in.Flags.APIKey, getenv(EnvAPIKey), values["apikey"], "")
	ucd := in.UserCacheDir
	if ucd == nil {
		ucd = os.UserCacheDir
	}
	defCache := ""
	if d, err := ucd(); err == nil {
		defCache = filepath.Join(d, "openml-dash")
	}
	s.CacheDir = s.pick("cachedir", in.Flags.CacheDir, getenv(EnvCacheDir), fileCache, defCache)
	if s.CacheDir == "" {
		return nil, fmt.Errorf("no cache folder: the user cache directory is unknown (is $HOME set?); pass --cache-dir DIR or set %s", EnvCacheDir)
	}
	s.CacheDir = userpath.Expand(s.CacheDir) // a quoted flag, or a variable no shell expanded
	return s, nil
}

func (s *Settings) pick(name, flag, env, file, def string) string {
	for _, c := range []struct {
		v   string
		src Source
	}{{flag, FromFlag}, {env, FromEnv}, {file, FromFile}, {def, FromDefault}} {
		if strings.TrimSpace(c.v) != "" || c.src == FromDefault {
			s.Sources[name] = c.src
			return strings.TrimSpace(c.v)
		}
	}
	return ""
}

// PythonConfigPath is where openml-python keeps its config: the XDG config
// folder, else the legacy ~/.openml/config when only that exists.
func PythonConfigPath(getenv func(string) string) string {
	home, _ := os.UserHomeDir()
	base := getenv("XDG_CONFIG_HOME")
	if base == "" {
		base = filepath.Join(home, ".config")
	}
	p := filepath.Join(base, "openml", "config")
	if _, err := os.Stat(p); err != nil && home != "" {
		legacy := filepath.Join(home, ".openml", "config")
		if _, err := os.Stat(legacy); err == nil {
			return legacy
		}
	}
	return p
}

// readPythonConfig reads openml-python's "key = value" lines. openml-python
// parses the file with configparser under a made-up section, so a section
// header, comments (# or ;) and quoted values may all appear.
func readPythonConfig(path string) (map[string]string, []string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return map[string]string{}, nil, err
		}
		return nil, nil, fmt.Errorf("reading the openml-python config %s: %w", path, err)
	}
	values := map[string]string{}
	var warnings []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	// No line is too long: the whole file is in memory, and a long line
	// must not end the reading silently, losing the key after it.
	sc.Buffer(nil, len(b)+1)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' || line[0] == ';' || line[0] == '[' {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			k, v, ok = strings.Cut(line, ":")
		}
		if !ok {
			warnings = append(warnings, fmt.Sprintf("%s:%d: not a key = value line, skipped", path, n))
			continue
		}
		values[strings.ToLower(strings.TrimSpace(k))] = unquote(strings.TrimSpace(v))
	}
	return values, warnings, nil
}

func unquote(v string) string {
	if len(v) >= 2 && (v[0] == '\'' || v[0] == '"') && v[len(v)-1] == v[0] {
		return v[1 : len(v)-1]
	}
	return v
}

// normaliseServer accepts the API base as openml-python's server setting
// gives it (https://www.openml.org/api/v1/xml) and, as older configs and
// quick local servers have it, the site (http://localhost:8080) or the API
// root without the format.
func normaliseServer(s string) string {
	s = strings.TrimRight(s, "/")
	switch {
	case strings.HasSuffix(s, "/api/v1/xml"):
		return s
	case strings.HasSuffix(s, "/api/v1"):
		return s + "/xml"
	case !strings.Contains(s, "/api/"):
		return s + "/api/v1/xml"
	}
	return s
}
