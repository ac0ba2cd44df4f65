package chart_test

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/openml-dash/openml-dash/host/chart"
	"github.com/openml-dash/openml-dash/sdk"
)

// benchOpts is the window-sized PNG the benchmarks draw.
var benchOpts = chart.Options{Width: 800, Height: 600, Format: chart.PNG}

// renderFresh draws spec as a PNG, laying it out anew (NewLayout skips
// the cache, so each iteration pays for the whole chart).
func renderFresh(b *testing.B, spec *sdk.Chart, opts chart.Options, w io.Writer) {
	l, err := chart.NewLayout(spec, opts)
	if err != nil {
		b.Fatal(err)
	}
	if err := l.Render(w, opts.Format); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkScatter draws a scatter plot of n points as an 800x600 PNG:
// dots up to 100,000 points, density cells beyond.
func BenchmarkScatter(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		spec := bigScatter(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var buf bytes.Buffer
			for b.Loop() {
				buf.Reset()
				renderFresh(b, spec, benchOpts, &buf)
			}
		})
	}
}

// BenchmarkScatterSVG draws the same scatter plots as SVG documents and
// reports their size.
func BenchmarkScatterSVG(b *testing.B) {
	opts := benchOpts
	opts.Format = chart.SVG
	for _, n := range []int{5_000, 1_000_000} {
		spec := bigScatter(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var buf bytes.Buffer
			for b.Loop() {
				buf.Reset()
				renderFresh(b, spec, opts, &buf)
			}
			b.ReportMetric(float64(buf.Len()), "svg-bytes")
		})
	}
}

// BenchmarkBar1000Categories draws 1000 bars with turned, thinned labels.
func BenchmarkBar1000Categories(b *testing.B) {
	spec := manyBars(1000)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		renderFresh(b, spec, benchOpts, &buf)
	}
}

// BenchmarkViolin draws one violin of n normal samples: 20,000 is what a
// data page sends, the density's cost grows with n.
func BenchmarkViolin(b *testing.B) {
	for _, n := range []int{20_000, 1_000_000} {
		r := rand.New(rand.NewPCG(7, uint64(n)))
		s := sdk.Series{Name: "x", Y: make([]float64, n)}
		for i := range s.Y {
			s.Y[i] = r.NormFloat64()
		}
		spec := &sdk.Chart{Kind: sdk.ChartViolin, Title: "x", Series: []sdk.Series{s}}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var buf bytes.Buffer
			for b.Loop() {
				buf.Reset()
				renderFresh(b, spec, benchOpts, &buf)
			}
		})
	}
}

// BenchmarkHitTestScatter1M finds the point under a pixel among a million,
// on a layout already made.
func BenchmarkHitTestScatter1M(b *testing.B) {
	l, err := chart.NewLayout(bigScatter(1_000_000), benchOpts)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		l.HitTest(400, 300)
	}
}

// BenchmarkScatterMatrix draws the Feature interactions tab's chart at
// 100,000 rows: 4 dimensions (one nominal) of the 20,000 sampled points
// in 3 classes, at the size the tab gives it.
func BenchmarkScatterMatrix(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 5))
	var series []sdk.Series
	for c := range 3 {
		s := sdk.Series{Name: fmt.Sprintf("class %d", c+1), Dims: make([][]float64, 4)}
		for range 20_000 / 3 {
			a := float64(c) + r.NormFloat64()
			for d := range 3 {
				s.Dims[d] = append(s.Dims[d], 2*a+r.NormFloat64())
			}
			s.Dims[3] = append(s.Dims[3], float64(r.IntN(5)))
		}
		series = append(series, s)
	}
	spec := &sdk.Chart{Kind: sdk.ChartScatterMatrix, Legend: true, Series: series,
		Dimensions: []sdk.Axis{{Title: "num14"}, {Title: "num2"}, {Title: "num8"}, {Title: "nom3", Categories: []string{"c3_0", "c3_1", "c3_2", "c3_3", "c3_4"}}}}
	opts := chart.Options{Width: 1240, Height: 700, Format: chart.PNG}
	for b.Loop() {
		l, err := chart.NewLayout(spec, opts)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := l.Image(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodePNG writes a drawn chart as PNG, as a saved page writes
// each tab and chart.
func BenchmarkEncodePNG(b *testing.B) {
	l, err := chart.NewLayout(bigScatter(10_000), benchOpts)
	if err != nil {
		b.Fatal(err)
	}
	img, err := l.Image()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := chart.EncodePNG(io.Discard, img); err != nil {
			b.Fatal(err)
		}
	}
}
