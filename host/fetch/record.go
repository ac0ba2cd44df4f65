package fetch

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/openml-dash/openml-dash/internal/urlfolder"
)

// layoutPath is where an answer sits in a folder laid out by URL path, the
// layout that Mirror reads and Record writes: the URL's path, host dropped.
func layoutPath(root string, t target) string {
	return urlfolder.File(root, t.shown.Path)
}

// serverFileName is the file at the root of a folder laid out by URL path
// that names the server whose answers the folder holds. The layout drops
// the host, and production and test ids are different namespaces, so
// without it a folder cannot tell whose data/1 it holds.
const serverFileName = ".openml-dash-mirror"

const serverFileText = "# The answers in this folder come from this OpenML server; open them with\n" +
	"# openml-dash --mirror DIR URL, where URL is a page of that server.\n" +
	"server=%s\n"

// readServerFile returns the API base dir's server file names, or "" when
// dir has none.
func readServerFile(dir string) (string, error) {
	p := filepath.Join(dir, serverFileName)
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "server="); ok && strings.TrimSpace(v) != "" {
			return strings.TrimRight(strings.TrimSpace(v), "/"), nil
		}
	}
	return "", fmt.Errorf("%s names no server: want a line server=<API base>, e.g. server=https://test.openml.org/api/v1/xml", p)
}

// heldServers remembers which server the mirror folder and the record
// folder hold, once known.
type heldServers struct {
	mu            sync.Mutex
	mirrorDefault string // Options.MirrorServer
	mirrorHeld    string
	recordHeld    string
}

// mirror returns the API base the mirror folder dir holds: the one its
// server file names, else Options.MirrorServer, else asked, the server of
// the first request, which it then holds for good.
func (h *heldServers) mirror(dir, asked string) (string, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.mirrorHeld != "" {
		return h.mirrorHeld, nil
	}
	held, err := readServerFile(dir)
	if err != nil {
		return "", fmt.Errorf("the mirror %s: %w", dir, err)
	}
	h.mirrorHeld = cmp.Or(held, h.mirrorDefault, asked)
	return h.mirrorHeld, nil
}

// record makes sure the record folder dir holds answers of base: it names
// base in a new folder, and refuses a folder that names another server.
func (h *heldServers) record(dir, base string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.recordHeld == "" {
		held, err := readServerFile(dir)
		if err != nil {
			return err
		}
		if held == "" {
			err := writeAtomic("naming the server", filepath.Join(dir, serverFileName), func(f *os.File) error {
				_, err := fmt.Fprintf(f, serverFileText, base)
				return err
			})
			if err != nil {
				return err
			}
			held = base
		}
		h.recordHeld = held
	}
	if base != h.recordHeld {
		return fmt.Errorf("the folder holds answers from %s (see its %s), and this one is from %s: save each server's pages into a folder of their own",
			h.recordHeld, serverFileName, base)
	}
	return nil
}

// isServerFile tells whether p, a file in a folder laid out by URL path
// with root dir, is the folder's server file, which answers no request.
func isServerFile(dir, p string) bool {
	return p == filepath.Join(dir, serverFileName)
}

// record copies an answer into the Record folder, so that folder can later
// serve as a Mirror. The key is not in t.shown, so it cannot reach a path.
func (c *Client) record(t target, a Answer) error {
	final := layoutPath(c.recordDir, t)
	what := t.name + ": recording into " + c.recordDir
	if isServerFile(c.recordDir, final) {
		return fmt.Errorf("%s: its path is that of the folder's %s, which names its server", what, serverFileName)
	}
	if err := c.held.record(c.recordDir, t.base); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if st, err := os.Stat(final); err == nil && st.IsDir() {
		return fmt.Errorf("%s: %s is a folder of other answers; this answer cannot share its path", what, final)
	}
	return writeAtomic(what, final, func(f *os.File) error {
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
