package dashboard

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

func demoURLPath(raw string) string {
	p := raw
	if u, err := url.Parse(raw); err == nil {
		p = u.Path
	}
	for strings.Contains(p, "//") {
		p = strings.ReplaceAll(p, "//", "/")
	}
	return strings.TrimPrefix(p, "/")
}

// demoFile writes an embedded demo file where plugins can read it, once;
// the rename makes a half-written copy impossible to pick up.
func demoFile(name string, body []byte) (string, error) {
	dir := filepath.Join(os.TempDir(), "openml-dash-demo")
	final := filepath.Join(dir, filepath.FromSlash(name))
	if st, err := os.Stat(final); err == nil && st.Size() == int64(len(body)) {
		return final, nil
	}
	if err := os.MkdirAll(filepath.Dir(final), 0o755); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(filepath.Dir(final), ".part-*")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(body); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	return final, os.Rename(tmp.Name(), final)
}
