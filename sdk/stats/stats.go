// Package stats computes the numbers a dataset dashboard shows (the
// feature table's counts, histograms and level counts split by a target,
// quantiles, and the kernel density estimate of a violin plot) on every
// row of a frame, the way pandas, numpy and scipy compute them, so a page
// built on it agrees with the Python OpenML Dash page.
//
// A row is missing when its value says so (NaN, frame.MissingCode) or the
// column's Missing bitmap marks it. Missing rows are left out of every
// statistic and counted instead.
//
// Sparse columns (frame.Column.Sparse) give the numbers their dense twins
// give. The feature table and histograms work on their stored values and a
// count of the zeros, so 20,000 mostly-zero columns cost their non-zero
// values; numeric splits, which visit every row anyway, spell the column
// out first.
package stats

import (
	"context"
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat"

	"github.com/openml-dash/openml-dash/sdk/frame"
)

// chunkRows is how many rows a loop handles between two looks at its
// context, so a cancelled page stops within a few milliseconds.
const chunkRows = 1 << 16

// forChunks calls fn on consecutive row ranges [lo, hi) covering [0, n),
// and stops with the context's error once it is cancelled.
func forChunks(ctx context.Context, n int, fn func(lo, hi int)) error {
	for lo := 0; lo < n; lo += chunkRows {
		if err := ctx.Err(); err != nil {
			return err
		}
		fn(lo, min(lo+chunkRows, n))
	}
	return ctx.Err()
}

// Quantile returns the p-quantile (0 <= p <= 1) of ascending values without
// NaN, interpolated between the two nearest ranks as numpy's default
// 'linear' method (Hyndman and Fan type 7) and pandas' Series.quantile do.
// It is NaN for no values or p outside [0, 1].
func Quantile(sorted []float64, p float64) float64 {
	n := len(sorted)
	if n == 0 || !(p >= 0 && p <= 1) {
		return math.NaN()
	}
	h := float64(n-1) * p
	lo := math.Floor(h)
	i := int(lo)
	if i >= n-1 {
		return sorted[n-1]
	}
	return lerp(sorted[i], sorted[i+1], h-lo)
}

// lerp interpolates as numpy's _lerp does, from the nearer end, so the
// result matches numpy to the last bit.
func lerp(a, b, t float64) float64 {
	d := b - a
	if t >= 0.5 {
		return b - d*(1-t)
	}
	return a + d*t
}

// Entropy is the Shannon entropy, in nats, of the distribution that counts
// describe, as scipy.stats.entropy(series.value_counts()): zero counts add
// nothing, no counts give 0, and counts that are all zero give NaN.
func Entropy(counts []int) float64 {
	total := 0
	for _, c := range counts {
		total += c
	}
	if len(counts) == 0 {
		return 0
	}
	if total == 0 {
		return math.NaN()
	}
	p := make([]float64, len(counts))
	for i, c := range counts {
		p[i] = float64(c) / float64(total)
	}
	return stat.Entropy(p)
}

// floatMissing reports whether row i of a dense Numeric or Date column is
// missing.
func floatMissing(c *frame.Column, i int) bool {
	x := c.Floats[i]
	return x != x || (c.Missing != nil && c.Missing.Get(i))
}

// storedMissing reports whether the k-th stored value of a sparse column
// is missing. The rows a sparse column does not store hold 0: never
// missing.
func storedMissing(c *frame.Column, k int) bool {
	x := c.Floats[k]
	return x != x || (c.Missing != nil && c.Missing.Get(int(c.Sparse.Rows[k])))
}

// denseView is c, or a dense copy of a sparse c, for the statistics that
// visit every row anyway.
func denseView(c *frame.Column) *frame.Column {
	if c.Sparse == nil {
		return c
	}
	d := *c
	d.Floats, d.Sparse = c.DenseFloats(), nil
	return &d
}

// Level values of a Nominal row that are not an index into Levels.
const (
	levelMissing int32 = -1
	levelInvalid int32 = -2
)

// levelAt returns the level of row i of a Nominal column, levelMissing, or
// levelInvalid for a code outside the levels (see invalidCode).
func levelAt(c *frame.Column, i int) int32 {
	code := c.Codes[i]
	switch {
	case code == frame.MissingCode || (c.Missing != nil && c.Missing.Get(i)):
		return levelMissing
	case code < 0 || int(code) >= len(c.Levels):
		return levelInvalid
	}
	return code
}

func invalidCode(c *frame.Column, i int) error {
	return fmt.Errorf("column %q row %d: code %d is outside its %d levels", c.Name, i, c.Codes[i], len(c.Levels))
}

func isFloat(c *frame.Column) bool { return c.Kind == frame.Numeric || c.Kind == frame.Date }

func needFloats(c *frame.Column) error {
	if c == nil {
		return fmt.Errorf("nil column")
	}
	if !isFloat(c) {
		return fmt.Errorf("column %q is %s, not numeric", c.Name, c.Kind)
	}
	return nil
}
