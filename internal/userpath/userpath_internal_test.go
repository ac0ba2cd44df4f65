package userpath

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHomeRelative(t *testing.T) {
	t.Parallel()
	type want struct {
		rest string
		ok   bool
	}
	cases := map[string]struct {
		in   string
		goos map[string]want
	}{
		"zero":           {in: "", goos: map[string]want{"linux": {}, "windows": {}}},
		"home alone":     {in: "~", goos: map[string]want{"linux": {"", true}, "darwin": {"", true}, "windows": {"", true}}},
		"slash":          {in: "~/data/x.arff", goos: map[string]want{"linux": {"data/x.arff", true}, "darwin": {"data/x.arff", true}, "windows": {"data/x.arff", true}}},
		"home and slash": {in: "~/", goos: map[string]want{"linux": {"", true}, "windows": {"", true}}},
		// openml-python configs written on Windows say ~\.openml\cache.
		"backslash: Windows only": {in: `~\.openml\cache`, goos: map[string]want{"linux": {}, "darwin": {}, "windows": {`.openml\cache`, true}}},
		"another user":            {in: "~bob/data", goos: map[string]want{"linux": {}, "windows": {}}},
		"tilde inside":            {in: "data/~/x", goos: map[string]want{"linux": {}, "windows": {}}},
		"absolute":                {in: "/home/u/data", goos: map[string]want{"linux": {}}},
		"tilde file name":         {in: "~data.arff", goos: map[string]want{"linux": {}, "windows": {}}},
	}
	for name, tc := range cases {
		for goos, w := range tc.goos {
			t.Run(name+" on "+goos, func(t *testing.T) {
				t.Parallel()
				rest, ok := homeRelative(tc.in, goos)
				assert.Equal(t, w, want{rest, ok})
			})
		}
	}
}

func TestExpand(t *testing.T) {
	t.Parallel()
	home, err := os.UserHomeDir()
	require.NoError(t, err)
	cases := map[string]string{
		"~":             home,
		"~/":            home,
		"~/data/x.arff": filepath.Join(home, "data", "x.arff"),
		"~bob/x":        "~bob/x",
		"relative/x":    "relative/x",
		"":              "",
	}
	// A backslash after ~ is a separator only where it is one.
	cases[`~\x`] = `~\x`
	if runtime.GOOS == "windows" {
		cases[`~\x`] = filepath.Join(home, "x")
	}
	for in, want := range cases {
		assert.Equal(t, want, Expand(in), in)
	}
}
