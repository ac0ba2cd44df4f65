package pluginhost

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
)

// BinaryPrefix starts the file name of every plugin binary; the rest of
// the name (without ".exe" on Windows, or ".pyz") is the plugin's name.
const BinaryPrefix = "openml-dash-plugin-"

// pyzSuffix ends the name of a plugin that is a Python zip application
// (python -m zipapp), on every system: a Python interpreter runs it (see
// pythonCommand), so it need not be executable, and Windows, which cannot
// run a file by its #! line, runs it too.
const pyzSuffix = ".pyz"

// Binary is a plugin binary found by Discover.
type Binary struct {
	Name string // "data" for openml-dash-plugin-data
	Path string
}

// UserPluginDir is the per-user plugins folder:
// os.UserConfigDir()/openml-dash/plugins. It may not exist.
func UserPluginDir() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the per-user plugins folder: %w", err)
	}
	return filepath.Join(dir, "openml-dash", "plugins"), nil
}

// DefaultDirs lists the plugin folders in priority order: the folder of the
// running executable (the built-in plugins are installed beside the app),
// then UserPluginDir, then extra (from --plugins). A folder that cannot be
// determined is left out.
func DefaultDirs(extra ...string) []string {
	var dirs []string
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		dirs = append(dirs, filepath.Dir(exe))
	}
	if dir, err := UserPluginDir(); err == nil {
		dirs = append(dirs, dir)
	}
	return append(dirs, extra...)
}

// Discover lists the plugin binaries in dirs: executable regular files (or
// links to one) named openml-dash-plugin-<name>, with ".exe" on Windows,
// and regular files named openml-dash-plugin-<name>.pyz, executable or
// not. A name found in an earlier folder hides the same name in later
// ones. Within a folder the programs come before the .pyz files, so of
// openml-dash-plugin-x and openml-dash-plugin-x.pyz side by side the
// program is kept: it is what was built for this system, and it needs no
// Python. Folders that do not exist are skipped; the error joins the
// folders that exist but could not be read, and the binaries found are
// returned anyway.
func Discover(dirs []string) ([]Binary, error) {
	var (
		found   []Binary
		errs    []error
		seen    = map[string]bool{}
		visited = map[string]bool{}
	)
	for _, dir := range dirs {
		if dir == "" || visited[filepath.Clean(dir)] {
			continue
		}
		visited[filepath.Clean(dir)] = true
		entries, err := os.ReadDir(dir)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("cannot read plugins folder %s: %w", dir, err))
			continue
		}
		slices.SortStableFunc(entries, pyzLast)
		for _, e := range entries {
			name, ok := pluginName(e.Name(), runtime.GOOS)
			if !ok || seen[name] {
				continue
			}
			path := filepath.Join(dir, e.Name())
			info, err := os.Stat(path) // follows links
			if err != nil || !info.Mode().IsRegular() || (!isPyz(e.Name()) && !executable(info)) {
				continue
			}
			seen[name] = true
			found = append(found, Binary{Name: name, Path: path})
		}
	}
	return found, errors.Join(errs...)
}

// pluginName is the name of the plugin in file, on the system goos: the
// name after BinaryPrefix, less ".pyz" on every system, and less the
// ".exe" without which Windows runs nothing.
func pluginName(file, goos string) (string, bool) {
	name, ok := strings.CutPrefix(file, BinaryPrefix)
	switch {
	case !ok:
		return "", false
	case isPyz(name):
		name = name[:len(name)-len(pyzSuffix)]
	case goos == "windows":
		ext := filepath.Ext(name)
		if !strings.EqualFold(ext, ".exe") {
			return "", false
		}
		name = strings.TrimSuffix(name, ext)
	}
	return name, name != ""
}

// isPyz tells a Python zip application by its name or path.
func isPyz(file string) bool {
	return strings.EqualFold(filepath.Ext(file), pyzSuffix)
}

// pyzLast orders a folder's programs before its .pyz files, keeping the
// name order within each.
func pyzLast(a, b fs.DirEntry) int {
	pa, pb := isPyz(a.Name()), isPyz(b.Name())
	switch {
	case pa == pb:
		return 0
	case pa:
		return 1
	}
	return -1
}

func executable(info fs.FileInfo) bool {
	if runtime.GOOS == "windows" {
		return true // the .exe suffix is what makes it runnable
	}
	return info.Mode().Perm()&0o111 != 0
}
