// Package userpath expands the paths a user types where no shell expands
// them: the openml-python config's cachedir, the URL bar, quoted
// arguments, --flag=~/dir, variables set in a desktop file or Windows'
// settings. It is the one place a leading ~ is read, so every entry point
// reads it alike.
package userpath

import (
	"os"
	"path/filepath"
	"runtime"
)

// Expand replaces a leading "~" (alone, or before a separator) with the
// user's home folder: "~/data" and, on Windows, "~\data" too. Anything
// else, "~user/data" included, comes back unchanged, and so does every
// path when the home folder is unknown.
func Expand(p string) string {
	rest, ok := homeRelative(p, runtime.GOOS)
	if !ok {
		return p
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return p
	}
	return filepath.Join(home, rest)
}

// homeRelative returns what follows "~" and its separator in p, and
// whether p starts there. A backslash is a separator on Windows only: on
// Unix "~\data" is a file name.
func homeRelative(p, goos string) (string, bool) {
	switch {
	case p == "~":
		return "", true
	case len(p) < 2 || p[0] != '~':
		return "", false
	case p[1] == '/', p[1] == '\\' && goos == "windows":
		return p[2:], true
	}
	return "", false
}
