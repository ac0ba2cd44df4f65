package fetch

import (
	"bufio"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/openml-dash/openml-dash/internal/recordings"
)

// FuzzCachePath resolves an API path (against a fuzzed server) and a file
// URL as plugins ask for them, and checks where their answers go: a cache
// file strictly inside the cache root, each level one escaped URL path
// segment (never empty, ".", ".." or starting with a dot) that unescapes
// back to the request's host and cleaned path; a mirror or recording file
// inside its folder (on this system's separator); a FileDir name that is one plain file name.
func FuzzCachePath(f *testing.F) {
	for _, s := range [][3]string{
		{"", "data/61", "https://www.openml.org/data/download/61/dataset_61_iris.arff"},
		{"https://test.openml.org", "data/list/tag/study_14/limit/10", "https://test.openml.org/data/v1/download/1/anneal.arff?x=1&api_key=k"},
		{"http://localhost:8080", "/task/59/", "http://LOCALHOST:8080/api_splits/get/59/Task_59_splits.arff"},
		{"https://www.openml.org", "../../../etc/passwd", "https://h/../../../etc/passwd"},
		{"https://x.org/", "data/..%2F..%2Fx", "https://h/%2e%2e/%2E%2E/x"},
		{"https://[::1]:8443", "evaluation/list/function/a b/limit/1", "https://h/a%5C..%5C..%5Cb"},
		{"ftp://h", "data\\..\\..\\x", "https://h/.hidden/.partial"},
		{"https://h", ".", "https://h/"},
		{"", "a/./b//c/", "https://h?q=1"},
		{"https://h", "data/61?api_key=x", "https://h/C:/Windows/x#frag"},
		{"https://h", "%00/\x00/\xff", "https://h/%00/%FF/%2F"},
	} {
		f.Add(s[0], s[1], s[2])
	}
	// The paths the recordings serve, as API paths and as file URLs.
	if dir := recordings.Dir(); dir != "" {
		if m, err := os.Open(filepath.Join(dir, "MANIFEST.tsv")); err == nil {
			sc := bufio.NewScanner(m)
			for sc.Scan() {
				fields := strings.Split(sc.Text(), "\t")
				if len(fields) < 2 || (fields[0] != "www" && fields[0] != "test") {
					continue
				}
				server := map[string]string{"www": "https://www.openml.org", "test": "https://test.openml.org"}[fields[0]]
				f.Add(server, strings.TrimPrefix(fields[1], "api/v1/xml/"), server+"/"+fields[1])
			}
			m.Close()
		}
	}
	root := f.TempDir()
	mirror := filepath.Join(root, "mirror")
	c := New(Options{CacheDir: filepath.Join(root, "cache"), FileDir: filepath.Join(root, "files")})
	f.Fuzz(func(t *testing.T, server, apiPath, rawURL string) {
		for _, req := range []Request{{Server: server, Path: apiPath}, {URL: rawURL}} {
			tg, err := c.resolve(req)
			if err != nil {
				continue
			}
			checkCachePath(t, c.cacheDir, tg, c.cachePath(tg))
			// The root itself is possible ("https://h/"): it is a folder,
			// which neither a mirror nor a recording takes for an answer.
			if p := layoutPath(mirror, tg); p != mirror && !inside(mirror, p) {
				t.Fatalf("%+v: mirror file %q is outside %q", req, p, mirror)
			}
			if name := fileName(tg.shown); name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) {
				t.Fatalf("%+v: FileDir name %q is not a plain file name", req, name)
			}
		}
	})
}

// inside reports whether p is strictly below root.
func inside(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

func checkCachePath(t *testing.T, root string, tg target, p string) {
	t.Helper()
	if !filepath.IsAbs(p) || !inside(root, p) {
		t.Fatalf("%s: cache file %q is outside the cache %q", tg.name, p, root)
	}
	rel, _ := filepath.Rel(root, p)
	elems := strings.Split(filepath.ToSlash(rel), "/")
	for _, e := range elems {
		if e == "" || e[0] == '.' || strings.Trim(e, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,=+~@%") != "" {
			t.Fatalf("%s: cache file %q has the level %q", tg.name, p, e)
		}
	}
	// Each level unescapes back to the request: nothing dropped or merged.
	var got []string
	for _, e := range elems {
		u, ok := unescapeName(e)
		if !ok {
			t.Fatalf("%s: cache level %q is not escaped as escapeName does", tg.name, e)
		}
		got = append(got, u)
	}
	if got[0] != strings.ToLower(tg.shown.Host) {
		t.Fatalf("%s: cache host folder %q, want %q", tg.name, got[0], tg.shown.Host)
	}
	want := strings.Split(strings.Trim(path.Clean("/"+tg.shown.Path), "/"), "/")
	if len(got)-1 != len(want) || strings.Join(got[1:len(got)-1], "/") != strings.Join(want[:len(want)-1], "/") {
		t.Fatalf("%s: cache file %q for the path %q", tg.name, p, tg.shown.Path)
	}
	last := want[len(want)-1]
	if last == "" {
		last = "index"
	}
	last += tg.ext
	if tg.shown.RawQuery != "" {
		last = strings.TrimSuffix(last, path.Ext(last)) + "@"
	}
	if name := got[len(got)-1]; !strings.HasPrefix(name, last) || (tg.shown.RawQuery == "" && name != last) {
		t.Fatalf("%s: cache file name %q for the last path segment %q", tg.name, name, last)
	}
}

// unescapeName reverses escapeName.
func unescapeName(s string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b.WriteByte(s[i])
			continue
		}
		if i+2 >= len(s) {
			return "", false
		}
		n, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
		if err != nil {
			return "", false
		}
		b.WriteByte(byte(n))
		i += 2
	}
	return b.String(), true
}
