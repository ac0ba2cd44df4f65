package chart_test

import (
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/chart"
	"github.com/openml-dash/openml-dash/sdk"
)

var update = flag.Bool("update", false, "rewrite the golden PNGs in testdata/ from what the charts draw now")

// Goldens compare whole pictures, so they pin everything that varies:
// the embedded Roboto font, 640x400 pixels, scale 1, text size 12, the
// light theme. A pixel counts as different when a channel differs by more
// than goldenTolerance (anti-aliased edges may round differently on other
// CPUs); a few are allowed.
const (
	goldenTolerance = 32
	goldenMaxShare  = 0.002
)

// TestGolden draws a handful of charts and compares them with the PNGs in
// testdata/; a mismatch writes what was drawn to testdata/failed/. Run
// `go test ./host/chart -run TestGolden -update` to accept new pictures.
func TestGolden(t *testing.T) {
	t.Parallel()
	cases := map[string]*sdk.Chart{
		"bar_long_labels":     barSpec(),
		"histogram_stacked":   histogramSpec(sdk.BarModeAuto),
		"scatter_by_category": scatterSpec(),
		"heatmap_labels":      heatmapSpec(),
		"box":                 boxSpec(),
		"violin":              violinSpec(),
	}
	for name, spec := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := draw(t, spec, chart.Options{Width: 640, Height: 400, Scale: 1, TextSize: 12})
			assertGolden(t, name, got)
		})
	}
}

func assertGolden(t *testing.T, name string, got *image.RGBA) {
	t.Helper()
	path := filepath.Join("testdata", name+".png")
	if *update {
		writePNG(t, path, got)
		return
	}
	f, err := os.Open(path)
	require.NoError(t, err, "no golden picture: run go test ./host/chart -run TestGolden -update")
	defer f.Close()
	want, err := png.Decode(f)
	require.NoError(t, err)
	failed := filepath.Join("testdata", "failed", name+".png")
	if want.Bounds() != got.Bounds() {
		writePNG(t, failed, got)
		t.Fatalf("%s: drew %v, golden is %v; see %s", name, got.Bounds(), want.Bounds(), failed)
	}
	diff := 0
	b := got.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r1, g1, b1, _ := want.At(x, y).RGBA()
			c := got.RGBAAt(x, y)
			if far(r1>>8, c.R) || far(g1>>8, c.G) || far(b1>>8, c.B) {
				diff++
			}
		}
	}
	if limit := int(goldenMaxShare * float64(b.Dx()*b.Dy())); diff > limit {
		writePNG(t, failed, got)
		t.Errorf("%s: %d pixels differ from %s (at most %d may); see %s", name, diff, path, limit, failed)
	}
}

func far(a uint32, b uint8) bool {
	d := int(a) - int(b)
	return d > goldenTolerance || d < -goldenTolerance
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, png.Encode(f, img))
	require.NoError(t, f.Close())
}
