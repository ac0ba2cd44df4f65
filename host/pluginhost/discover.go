package pluginhost

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// BinaryPrefix starts the file name of every plugin binary; the rest of
// the name (without ".exe" on Windows) is the plugin's name.
const BinaryPrefix = "openml-dash-plugin-"

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
// links to one) named openml-dash-plugin-<name>, with ".exe" on Windows. A
// name found in an earlier folder hides the same name in later ones.
// Folders that do not exist are skipped; the error joins the folders that
// exist but could not be read, and the binaries found are returned anyway.
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
		for _, e := range entries {
			name, ok := pluginName(e.Name())
			if !ok || seen[name] {
				continue
			}
			path := filepath.Join(dir, e.Name())
			info, err := os.Stat(path) // follows links
			if err != nil || !info.Mode().IsRegular() || !executable(info) {
				continue
			}
			seen[name] = true
			found = append(found, Binary{Name: name, Path: path})
		}
	}
	return found, errors.Join(errs...)
}

func pluginName(file string) (string, bool) {
	name, ok := strings.CutPrefix(file, BinaryPrefix)
	if runtime.GOOS == "windows" {
		ext := filepath.Ext(name)
		if !strings.EqualFold(ext, ".exe") {
			return "", false
		}
		name = strings.TrimSuffix(name, ext)
	}
	return name, ok && name != ""
}

func executable(info fs.FileInfo) bool {
	if runtime.GOOS == "windows" {
		return true // the .exe suffix is what makes it runnable
	}
	return info.Mode().Perm()&0o111 != 0
}
