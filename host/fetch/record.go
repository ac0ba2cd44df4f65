package fetch

import (
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// layoutPath is where an answer sits in a folder laid out by URL path, the
// layout that Mirror reads and Record writes: the URL's path, host dropped.
func layoutPath(root string, t target) string {
	rel := strings.TrimPrefix(path.Clean("/"+t.shown.Path), "/")
	return filepath.Join(root, filepath.FromSlash(rel))
}

// record copies an answer into the Record folder, so that folder can later
// serve as a Mirror. The key is not in t.shown, so it cannot reach a path.
func (c *Client) record(t target, a Answer) error {
	final := layoutPath(c.recordDir, t)
	what := t.name + ": recording into " + c.recordDir
	if st, err := os.Stat(final); err == nil && st.IsDir() {
		return fmt.Errorf("%s: %s is a folder of other answers; this answer cannot share its path", what, final)
	}
	return writeAtomic(what, final, time.Time{}, func(f *os.File) error {
		if a.Body != nil || a.Path == "" {
			_, err := f.Write(a.Body)
			return err
		}
		src, err := os.Open(a.Path)
		if err != nil {
			return err
		}
		defer src.Close()
		_, err = io.Copy(f, src)
		return err
	})
}
