// Package recordings finds the real OpenML answers recorded in ../shared/openml
// for tests. They live outside the repository, so a fresh clone may not have
// them: tests then skip, except in CI (CI=true), where their absence fails.
package recordings

import (
	"os"
	"path/filepath"
	"testing"
)

// EnvVar overrides where the recordings are (the folder holding www/ and test/).
const EnvVar = "OPENML_DASH_RECORDINGS"

// Dir returns the recordings folder, or "" when it cannot be found.
func Dir() string {
	if d := os.Getenv(EnvVar); d != "" {
		return d
	}
	root, err := repoRoot()
	if err != nil {
		return ""
	}
	d := filepath.Join(root, "..", "shared", "openml")
	if st, err := os.Stat(d); err == nil && st.IsDir() {
		return d
	}
	return ""
}

// Require returns the recordings folder joined with sub (e.g. "www"). It
// skips the test when the folder is absent, or fails it when CI=true.
func Require(t testing.TB, sub ...string) string {
	t.Helper()
	d := Dir()
	if d != "" {
		d = filepath.Join(append([]string{d}, sub...)...)
		if _, err := os.Stat(d); err == nil {
			return d
		}
	}
	msg := "OpenML recordings not found (set " + EnvVar + " or put them in ../shared/openml)"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + ": CI must have them")
	}
	t.Skip(msg + ": skipping the test that reads them")
	return ""
}

// repoRoot walks up from the working directory to the folder holding go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}
