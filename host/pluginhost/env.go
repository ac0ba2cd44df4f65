package pluginhost

import (
	"slices"
	"strings"
)

// envAllowed are the variables a plugin inherits from openml-dash: what a
// program needs to find its way (the search path, the home and temporary
// folders, the user, the locale and time zone, the XDG base folders, and
// on Windows the system folders Go's runtime and Winsock need), the Go
// runtime's own knobs, and what a Python interpreter needs to find itself
// and its packages. Everything else stays home, the API key
// (OPENML_DASH_APIKEY) and whatever tokens the user keeps in the
// environment included: a plugin, possibly a dropped-in third-party one,
// gets its data through Host.Fetch and needs no secret. go-plugin adds its
// own handshake variables (the magic cookie, PLUGIN_*) itself.
var envAllowed = map[string]bool{
	"PATH": true, "HOME": true, "USER": true, "LOGNAME": true,
	"LANG": true, "LANGUAGE": true, "TZ": true,
	"TMPDIR": true, "TMP": true, "TEMP": true,
	"XDG_CACHE_HOME": true, "XDG_CONFIG_HOME": true, "XDG_DATA_HOME": true, "XDG_STATE_HOME": true,
	"XDG_RUNTIME_DIR": true, "XDG_CONFIG_DIRS": true, "XDG_DATA_DIRS": true,
	// Windows.
	"SYSTEMROOT": true, "WINDIR": true, "SYSTEMDRIVE": true, "PATHEXT": true, "COMSPEC": true,
	"APPDATA": true, "LOCALAPPDATA": true, "PROGRAMDATA": true,
	"USERPROFILE": true, "USERNAME": true, "HOMEDRIVE": true, "HOMEPATH": true,
	// The Go runtime.
	"GOMAXPROCS": true, "GOGC": true, "GOMEMLIMIT": true, "GODEBUG": true, "GOTRACEBACK": true,
	// openml-dash's switch for huge pages (internal/hugeheap), which Go
	// plugins honour as the host does.
	"OPENML_DASH_HUGEPAGES": true,
	// Python plugins: where Python and its packages are (a relocated
	// Python, packages in a folder of the user's, pip install --user), the
	// text encoding, and which Python the user chose (an active virtual
	// environment, which the Windows launcher prefers, a pyenv version, the
	// launcher's default). Not the PYTHON* family as a whole:
	// PYTHONINSPECT would keep a plugin that ends waiting at a prompt.
	"PYTHONHOME": true, "PYTHONPATH": true, "PYTHONUSERBASE": true, "PYTHONNOUSERSITE": true,
	"PYTHONUTF8": true, "PYTHONIOENCODING": true,
	"VIRTUAL_ENV": true, "PYENV_ROOT": true, "PYENV_VERSION": true, "PY_PYTHON": true, "PY_PYTHON3": true,
}

// envAllowedPrefix are the families of variables allowed by prefix.
var envAllowedPrefix = []string{"LC_"}

// pluginEnv is the environment a plugin starts with: the entries of
// environ (as os.Environ gives them) whose names are allowed. Names are
// matched case-insensitively on Windows, as Windows does.
func pluginEnv(environ []string, windows bool) []string {
	env := []string{}
	for _, kv := range environ {
		name, _, ok := strings.Cut(kv, "=")
		if !ok || name == "" { // Windows keeps "=C:=C:\dir" entries
			continue
		}
		if windows {
			name = strings.ToUpper(name)
		}
		if envAllowed[name] || slices.ContainsFunc(envAllowedPrefix, func(p string) bool { return strings.HasPrefix(name, p) }) {
			env = append(env, kv)
		}
	}
	return env
}
