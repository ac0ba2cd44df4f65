package dashboard

import (
	"os"
	"path/filepath"

	"github.com/openml-dash/openml-dash/internal/atomicfile"
)

// demoFile writes an embedded demo file where plugins can read it, once.
func demoFile(name string, body []byte) (string, error) {
	final := filepath.Join(os.TempDir(), "openml-dash-demo", filepath.FromSlash(name))
	if st, err := os.Stat(final); err == nil && st.Size() == int64(len(body)) {
		return final, nil
	}
	return final, atomicfile.Write(final, body, 0o644)
}
