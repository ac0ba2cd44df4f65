package fetch

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openml-dash/openml-dash/internal/recordings"
)

// TestWellFormed_recordings: every recorded API answer counts as whole, so
// that no real answer is thrown away, and none cut short does.
func TestWellFormed_recordings(t *testing.T) {
	t.Parallel()
	dir := recordings.Require(t)
	n := 0
	for _, server := range []string{"www", "test"} {
		for _, api := range []string{"xml", "json"} {
			root := filepath.Join(dir, server, "api", "v1", api)
			err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
				if err != nil || !d.Type().IsRegular() {
					return err
				}
				b, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				n++
				if err := wellFormed("."+api, b); err != nil {
					t.Errorf("%s: %v", p, err)
				}
				body := bytes.TrimRight(b, " \t\r\n")
				for _, cut := range []int{len(body) / 3, len(body) / 2, len(body) - 1} {
					if err := wellFormed("."+api, body[:cut]); err == nil {
						t.Errorf("%s cut after %d of %d bytes counts as whole", p, cut, len(body))
					}
				}
				return nil
			})
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
		}
	}
	if n < 50 {
		t.Errorf("only %d recorded answers found", n)
	}
}

func TestWellFormed(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		ext, body string
		wantErr   string // "" when whole
	}{
		"declared Latin-1":       {".xml", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf\xe9</a>", ""},
		"invalid UTF-8":          {".xml", "<a>caf\xe9 \x01</a>", ""},
		"HTML entity":            {".xml", "<a>&nbsp;&eacute;</a>", ""},
		"only a prolog":          {".xml", "<?xml version=\"1.0\"?>\n", "holds no XML element"},
		"cut in a tag":           {".xml", "<a><b>1</b><b", "ends in the middle of its XML"},
		"cut in text":            {".xml", "<a><b>1", "ends in the middle of its XML"},
		"mismatched tags":        {".xml", "<a><b>1</c></a>", "element <b> closed by </c>"},
		"blank":                  {".xml", " \n", "the answer is empty"},
		"JSON":                   {".json", `{"a":[1,"é"]}`, ""},
		"JSON cut":               {".json", `{"a":[1,`, "ends in the middle of its JSON"},
		"JSON with trailing end": {".json", `{"a":1}}`, "invalid character '}' after top-level value"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			err := wellFormed(tc.ext, []byte(tc.body))
			if tc.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("got %v, want %q", err, tc.wantErr)
			}
		})
	}
}

func BenchmarkWellFormed(b *testing.B) {
	p := filepath.Join(recordings.Require(b, "www"), "api", "v1", "xml", "data", "features", "395")
	body, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if err := wellFormed(".xml", body); err != nil {
			b.Fatal(err)
		}
	}
}
