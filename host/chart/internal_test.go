package chart

import (
	"fmt"
	"hash/adler32"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk"
)

// testCanvas is a canvas for measuring, as layoutFrame makes one.
func testCanvas(t testing.TB, w, h int, textSize float64) *canvas {
	t.Helper()
	f, err := defaultFont()
	require.NoError(t, err)
	return &canvas{font: f, th: newTheme(false), scale: 1, ts: textSize / DefaultTextSize, w: w, h: h, faces: map[float64]*measureFace{}}
}

func longCategories(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("category %d with a rather long descriptive name", i)
	}
	return out
}

// TestLayoutX_1000Categories checks that a thousand long category labels
// under a bar chart are turned, shortened with an ellipsis and thinned
// until neighbours are at least a line apart.
func TestLayoutX_1000Categories(t *testing.T) {
	t.Parallel()
	c := testCanvas(t, 800, 600, DefaultTextSize)
	a := axisSpec{kind: axisBand, cats: longCategories(1000)}
	l := c.layoutX(&a, 700)
	require.True(t, l.rotate, "labels this crowded are turned")
	require.Greater(t, len(l.ticks), 5)
	require.Less(t, len(l.ticks), 100)
	lh := c.lineHeight(tickSize)
	maxLen := int(float64(c.h) * 0.3 / sin45)
	for i, tk := range l.ticks {
		assert.LessOrEqual(t, c.textWidth(tk.label, tickSize), maxLen)
		head, tail, cut := strings.Cut(tk.label, ellipsis)
		assert.True(t, cut && head != "" && strings.HasSuffix(a.cats[int(tk.value)], tail), "label %q is shortened in the middle, keeping its end", tk.label)
		if i == 0 {
			continue
		}
		// Turned by 45 degrees, labels a apart along the axis are a*sin45
		// apart across their lines.
		d := float64(l.sc.Translate(tk.value)-l.sc.Translate(l.ticks[i-1].value)) * sin45
		assert.GreaterOrEqual(t, d, float64(lh), "ticks %d and %d overlap", i-1, i)
	}
}

// TestLayoutX_fewCategories checks that labels that fit stay level, each
// clear of its neighbours.
func TestLayoutX_fewCategories(t *testing.T) {
	t.Parallel()
	c := testCanvas(t, 800, 600, DefaultTextSize)
	a := axisSpec{kind: axisBand, cats: []string{"setosa", "versicolor", "virginica"}}
	l := c.layoutX(&a, 600)
	require.False(t, l.rotate)
	require.Len(t, l.ticks, 3)
	assert.False(t, c.overlapX(l.sc, l.ticks, c.px(6)))
}

// TestLayoutY_1000Categories checks that category labels down a
// horizontal bar chart are thinned to a line apart.
func TestLayoutY_1000Categories(t *testing.T) {
	t.Parallel()
	c := testCanvas(t, 800, 600, DefaultTextSize)
	a := axisSpec{kind: axisBand, cats: longCategories(1000), descending: true}
	l := c.layoutY(&a, 500)
	require.Less(t, len(l.ticks), 60)
	lh := c.lineHeight(tickSize)
	for i := 1; i < len(l.ticks); i++ {
		d := abs(l.sc.Translate(l.ticks[i].value) - l.sc.Translate(l.ticks[i-1].value))
		assert.GreaterOrEqual(t, d, lh)
	}
	for _, tk := range l.ticks {
		assert.LessOrEqual(t, c.textWidth(tk.label, tickSize), int(float64(c.w)*0.3))
	}
}

// TestLayoutX_numericNoOverlap checks numeric tick labels at many lengths
// and ranges, linear and logarithmic, at two text sizes.
func TestLayoutX_numericNoOverlap(t *testing.T) {
	t.Parallel()
	axes := map[string]axisSpec{
		"unit":    {kind: axisLinear, lo: 0, hi: 1, has: true},
		"big":     {kind: axisLinear, lo: -3e9, hi: 7e9, has: true},
		"tiny":    {kind: axisLinear, lo: 1e-7, hi: 3e-7, has: true},
		"decades": {kind: axisLog, lo: 1e-3, hi: 1e9, has: true},
		"narrow":  {kind: axisLog, lo: 2, hi: 30, has: true},
	}
	for name, a := range axes {
		for _, ts := range []float64{12, 24} {
			c := testCanvas(t, 800, 600, ts)
			for length := 80; length <= 800; length += 40 {
				l := c.layoutX(&a, length)
				assert.False(t, c.overlapX(l.sc, l.ticks, 0), "%s at %d px, text %g", name, length, ts)
				assert.NotEmpty(t, l.ticks, "%s at %d px", name, length)
			}
		}
	}
}

// TestLayoutY_largeTextNoOverlap checks numeric y ticks stay a line apart
// with large text.
func TestLayoutY_largeTextNoOverlap(t *testing.T) {
	t.Parallel()
	c := testCanvas(t, 800, 600, 36)
	a := axisSpec{kind: axisLinear, lo: 0, hi: 100, has: true}
	l := c.layoutY(&a, 300)
	lh := c.lineHeight(tickSize)
	for i := 1; i < len(l.ticks); i++ {
		assert.GreaterOrEqual(t, abs(l.sc.Translate(l.ticks[i].value)-l.sc.Translate(l.ticks[i-1].value)), lh)
	}
}

// TestCanvas_textSize checks that Options.TextSize scales every text.
func TestCanvas_textSize(t *testing.T) {
	t.Parallel()
	small, big := testCanvas(t, 400, 300, 12), testCanvas(t, 400, 300, 24)
	for _, size := range []float64{titleSize, tickSize, legendSize} {
		assert.InDelta(t, 2*small.lineHeight(size), big.lineHeight(size), 2)
		assert.InDelta(t, 2*small.textWidth("Accuracy", size), big.textWidth("Accuracy", size), 2)
	}
}

// lab converts to CIELAB (D65).
func lab(r, g, b uint8) [3]float64 {
	lin := func(c uint8) float64 {
		v := float64(c) / 255
		if v <= 0.04045 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	R, G, B := lin(r), lin(g), lin(b)
	x := (0.4124*R + 0.3576*G + 0.1805*B) / 0.95047
	y := 0.2126*R + 0.7152*G + 0.0722*B
	z := (0.0193*R + 0.1192*G + 0.9505*B) / 1.08883
	f := func(t float64) float64 {
		if t > 0.008856 {
			return math.Cbrt(t)
		}
		return 7.787*t + 16.0/116
	}
	return [3]float64{116*f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))}
}

func deltaE(a, b [3]float64) float64 {
	return math.Sqrt((a[0]-b[0])*(a[0]-b[0]) + (a[1]-b[1])*(a[1]-b[1]) + (a[2]-b[2])*(a[2]-b[2]))
}

// TestTheme_paletteDistinct checks that the first 20 series colours of
// each theme differ from each other and from the background by a clearly
// visible CIELAB distance, and that series beyond keep differing from
// their neighbours.
func TestTheme_paletteDistinct(t *testing.T) {
	t.Parallel()
	for _, dark := range []bool{false, true} {
		th := newTheme(dark)
		bg := lab(th.background.R, th.background.G, th.background.B)
		var cols [][3]float64
		for i := 0; i < 20; i++ {
			c := th.color(i)
			cols = append(cols, lab(c.R, c.G, c.B))
			assert.Greater(t, deltaE(cols[i], bg), 30.0, "dark=%t: series %d against the background", dark, i)
		}
		for i := range cols {
			for j := i + 1; j < len(cols); j++ {
				assert.Greater(t, deltaE(cols[i], cols[j]), 20.0, "dark=%t: series %d and %d", dark, i, j)
			}
		}
		for i := 20; i < 40; i++ {
			a, b := th.color(i-1), th.color(i)
			assert.Greater(t, deltaE(lab(a.R, a.G, a.B), lab(b.R, b.G, b.B)), 15.0, "dark=%t: series %d and %d", dark, i-1, i)
		}
	}
}

func uniformScatter(n int) *sdk.Chart {
	r := rand.New(rand.NewPCG(1, uint64(n)))
	s := sdk.Series{X: make([]float64, n), Y: make([]float64, n)}
	for i := range s.X {
		s.X[i], s.Y[i] = r.Float64(), r.Float64()
	}
	return &sdk.Chart{Kind: sdk.ChartScatter, Series: []sdk.Series{s}}
}

// TestBuildScatter_notes checks when a scatter plot says it drew its
// points as density: beyond 100,000 points in both formats, beyond 5,000
// in an SVG only.
func TestBuildScatter_notes(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		n             int
		png, svg      string
		densityLayers int
	}{
		"few":   {n: 5_000},
		"svg":   {n: 50_000, svg: "50,000 points, drawn as density", densityLayers: 1},
		"both":  {n: 1_000_000, png: "1,000,000 points, drawn as density", densityLayers: 1},
		"bound": {n: 100_000, svg: "100,000 points, drawn as density", densityLayers: 1},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			p := buildScatter(uniformScatter(tc.n), testCanvas(t, 800, 600, 12))
			assert.Equal(t, tc.n, p.points)
			assert.Equal(t, tc.png, p.note)
			assert.Equal(t, tc.svg, p.svgNote)
			layers := 0
			for _, s := range p.series {
				if _, ok := s.(densityLayer); ok {
					layers++
				}
			}
			assert.Equal(t, tc.densityLayers, layers)
		})
	}
}

// TestKDE checks the violin density: it peaks near the mode of normal
// samples, reaches past the extremes by two bandwidths, and a group of
// identical samples still gets a bump at their value.
func TestKDE(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 3))
	vs := make([]float64, 2000)
	for i := range vs {
		vs[i] = 5 + r.NormFloat64()
	}
	slices.Sort(vs)
	grid, dens := kde(vs, false)
	require.Len(t, grid, kdeGrid)
	peak := 0
	for k := range dens {
		if dens[k] > dens[peak] {
			peak = k
		}
	}
	assert.InDelta(t, 5, grid[peak], 0.3)
	assert.InDelta(t, 1, dens[peak], 1e-12)
	assert.Less(t, grid[0], vs[0])
	assert.Greater(t, grid[len(grid)-1], vs[len(vs)-1])
	assert.Less(t, dens[0], 0.05)

	grid, dens = kde([]float64{3, 3, 3}, false)
	peak = 0
	for k := range dens {
		if dens[k] > dens[peak] {
			peak = k
		}
	}
	assert.InDelta(t, 3, grid[peak], 0.05)

	grid, _ = kde([]float64{1, 10, 100}, true)
	assert.Greater(t, grid[0], 0.0, "on a log axis the density stays positive")
}

func TestThousands(t *testing.T) {
	t.Parallel()
	cases := map[int]string{0: "0", 999: "999", 1000: "1,000", 1_000_000: "1,000,000", -12345: "-12,345"}
	for n, want := range cases {
		assert.Equal(t, want, thousands(n))
	}
}

// The PNG writer's checksum, fed rows and runs of zeros, is Adler-32.
func TestAdler(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		var all []byte
		sum := newAdler()
		for range rng.IntN(6) {
			if rng.IntN(2) == 0 {
				p := make([]byte, rng.IntN(12000))
				for i := range p {
					p[i] = byte(rng.IntN(256))
				}
				all, sum = append(all, p...), sum.add(p)
			} else {
				n := rng.IntN(200000)
				all, sum = append(all, make([]byte, n)...), sum.zeros(n)
			}
		}
		require.Equal(t, adler32.Checksum(all), uint32(sum), "%d bytes", len(all))
	}
}

// Up-filtering four bytes at once is subtracting byte by byte.
func TestUpRow(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, width := range []int{1, 2, 7, 64} {
		row, above := make([]byte, 4*width), make([]byte, 4*width)
		for i := range row {
			row[i], above[i] = byte(rng.IntN(256)), byte(rng.IntN(256))
		}
		row[0], above[0] = 0, 255 // a borrow that must not reach the next byte
		out := make([]byte, 3*width+1)
		upRow(out, row, above)
		for x := range width {
			for k := range 3 {
				require.Equal(t, row[4*x+k]-above[4*x+k], out[3*x+k], "width %d, pixel %d, byte %d", width, x, k)
			}
		}
	}
}
