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
