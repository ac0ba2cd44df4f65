package stats_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/openml-dash/openml-dash/sdk/frame"
	"github.com/openml-dash/openml-dash/sdk/stats"
)

// syntheticFrame has 20 numeric columns with about 1% missing, 5 nominal
// columns of 2 to 10 levels and a 3-class target, the last column.
func syntheticFrame(rows int) *frame.Frame {
	rng := rand.New(rand.NewPCG(61, uint64(rows)))
	f := &frame.Frame{Name: "synthetic"}
	for c := range 20 {
		col := &frame.Column{Name: fmt.Sprintf("num%d", c), Kind: frame.Numeric, Floats: make([]float64, rows), Missing: &frame.Bitmap{}}
		for i := range col.Floats {
			if rng.IntN(100) == 0 {
				col.Floats[i] = math.NaN()
				col.Missing.Set(i)
				continue
			}
			col.Floats[i] = rng.NormFloat64()*float64(c+1) + float64(c)
		}
		f.Columns = append(f.Columns, col)
	}
	nominalCol := func(name string, levels int) *frame.Column {
		col := &frame.Column{Name: name, Kind: frame.Nominal, Codes: make([]int32, rows)}
		for l := range levels {
			col.Levels = append(col.Levels, fmt.Sprintf("v%d", l))
		}
		for i := range col.Codes {
			col.Codes[i] = int32(rng.IntN(levels))
		}
		return col
	}
	for c := range 5 {
		col := nominalCol(fmt.Sprintf("nom%d", c), 2+2*c)
		col.Missing = &frame.Bitmap{}
		for i := range col.Codes {
			if rng.IntN(100) == 0 {
				col.Codes[i] = frame.MissingCode
				col.Missing.Set(i)
			}
		}
		f.Columns = append(f.Columns, col)
	}
	f.Columns = append(f.Columns, nominalCol("target", 3))
	return f
}

// BenchmarkCount summarises every column as the feature table does.
func BenchmarkCount(b *testing.B) {
	for _, rows := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("rows=%d", rows), func(b *testing.B) {
			f := syntheticFrame(rows)
			for b.Loop() {
				if _, err := stats.Count(b.Context(), f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkHistogramByTarget splits 1M rows by a 3-class target and bins
// one numeric column with Scott's rule, as a distribution plot does.
func BenchmarkHistogramByTarget(b *testing.B) {
	f := syntheticFrame(1_000_000)
	target, values := f.Column("target"), f.Column("num3")
	for b.Loop() {
		g, err := stats.SplitBy(b.Context(), target, 0)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := stats.Bin(b.Context(), values, g, stats.Binning{}); err != nil {
			b.Fatal(err)
		}
	}
}
