package pluginhost

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sync"

	"github.com/openml-dash/openml-dash/internal/atomicfile"
	"github.com/openml-dash/openml-dash/sdk"
)

// manifestCache remembers each plugin binary's manifest across runs, so
// that Start need not run every plugin to learn which kinds it shows: a
// plugin whose binary is unchanged (same path, size and modification
// time) starts on its first call instead. A page needs one plugin or two;
// starting all seven built-in ones took 0.27 s on two cores where one
// takes 0.12 s.
type manifestCache struct {
	path string // "" keeps nothing

	mu      sync.Mutex
	entries map[string]cachedManifest // by binary path
	dirty   bool
}

type cachedManifest struct {
	Size    int64    `json:"size"`
	ModTime int64    `json:"mtime_ns"`
	Name    string   `json:"name"`
	Version string   `json:"version"`
	Kinds   []string `json:"kinds"` // names: the enum may grow between releases
	Order   int      `json:"order"`
}

// loadManifests reads the cache at path; a missing or damaged file is an
// empty cache (it is rebuilt as plugins start).
func loadManifests(path string) *manifestCache {
	c := &manifestCache{path: path, entries: map[string]cachedManifest{}}
	if path == "" {
		return c
	}
	if b, err := os.ReadFile(path); err == nil {
		if json.Unmarshal(b, &c.entries) != nil {
			c.entries = map[string]cachedManifest{}
		}
	}
	return c
}

// lookup is the remembered manifest of b, if b has not changed since.
func (c *manifestCache) lookup(b Binary) (sdk.Manifest, bool) {
	st, err := os.Stat(b.Path)
	if err != nil {
		return sdk.Manifest{}, false
	}
	c.mu.Lock()
	e, ok := c.entries[b.Path]
	c.mu.Unlock()
	if !ok || e.Size != st.Size() || e.ModTime != st.ModTime().UnixNano() {
		return sdk.Manifest{}, false
	}
	m := sdk.Manifest{Name: e.Name, Version: e.Version, Order: e.Order}
	for _, name := range e.Kinds {
		k, ok := sdk.ParseKind(name)
		if !ok {
			return sdk.Manifest{}, false // a kind this host does not know: ask the plugin
		}
		m.Kinds = append(m.Kinds, k)
	}
	return m, true
}

// record notes what b's plugin said about itself.
func (c *manifestCache) record(b Binary, m sdk.Manifest) {
	st, err := os.Stat(b.Path)
	if err != nil {
		return
	}
	e := cachedManifest{Size: st.Size(), ModTime: st.ModTime().UnixNano(), Name: m.Name, Version: m.Version, Order: m.Order}
	for _, k := range m.Kinds {
		e.Kinds = append(e.Kinds, k.String())
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.entries[b.Path]; ok && sameEntry(old, e) {
		return
	}
	c.entries[b.Path] = e
	c.dirty = true
}

func sameEntry(a, b cachedManifest) bool {
	if a.Size != b.Size || a.ModTime != b.ModTime || a.Name != b.Name || a.Version != b.Version || a.Order != b.Order || len(a.Kinds) != len(b.Kinds) {
		return false
	}
	for i := range a.Kinds {
		if a.Kinds[i] != b.Kinds[i] {
			return false
		}
	}
	return true
}

// save writes the cache if it changed. It is a hint: failing to write it
// (a read-only cache folder) only means plugins start eagerly next time.
func (c *manifestCache) save() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.path == "" || !c.dirty {
		return nil
	}
	for path := range c.entries {
		if _, err := os.Stat(path); err != nil {
			delete(c.entries, path) // a plugin removed (or a test's folder gone)
		}
	}
	b, err := json.MarshalIndent(c.entries, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(c.path), 0o755); err != nil {
		return err
	}
	if err := atomicfile.Write(c.path, b, 0o644); err != nil {
		return err
	}
	c.dirty = false
	return nil
}
