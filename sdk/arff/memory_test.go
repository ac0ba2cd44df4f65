package arff_test

import (
	"bytes"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk/arff"
	"github.com/openml-dash/openml-dash/sdk/frame"
)

// columnBytes is what a frame's values take.
func columnBytes(f *frame.Frame) int {
	n := 0
	for _, c := range f.Columns {
		n += 8*len(c.Floats) + 4*len(c.Codes) + 16*len(c.Strings)
	}
	return n
}

// TestRead_allocatesAboutTheColumns checks that reading allocates little
// beyond the columns themselves: no per-row garbage, no repeated growth,
// and no columns sized for rows that are not there. Not parallel, so that
// the allocation count is this test's alone.
func TestRead_allocatesAboutTheColumns(t *testing.T) {
	var wide strings.Builder
	wide.WriteString("@relation wide\n")
	for i := range 20_000 {
		wide.WriteString("@attribute a" + itoa(i) + " numeric\n")
	}
	wide.WriteString("@data\n{5 1}\n{19999 2}\n")
	dense := synthetic(200_000, 20, 5)
	cases := map[string][]byte{
		"200k dense rows":                     dense,
		"200k dense rows, gzip":               gzipped(t, string(dense)),
		"two sparse rows under a long header": []byte(wide.String()),
	}
	const chunksInFlight = 32 << 20
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			f, err := arff.Read(t.Context(), bytes.NewReader(data), arff.Options{})
			runtime.ReadMemStats(&after)
			require.NoError(t, err)
			allocated := int(after.TotalAlloc - before.TotalAlloc)
			assert.Less(t, allocated, columnBytes(f)*13/10+chunksInFlight, "allocated %d MB for %d MB of columns", allocated>>20, columnBytes(f)>>20)
		})
	}
}
