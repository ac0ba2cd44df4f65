package stats

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/openml-dash/openml-dash/sdk/frame"
)

// DefaultMaxBins caps the bin count Scott's rule may pick, so one far
// outlier cannot ask for a million bins.
const DefaultMaxBins = 200

// Binning chooses the bins of a numeric histogram.
type Binning struct {
	// Bins is the number of equal-width bins; 0 picks it with Scott's rule
	// as numpy.histogram(x, bins="scott") does.
	Bins int
	// MaxBins caps the number Scott's rule picks; 0 means DefaultMaxBins.
	MaxBins int
}

// LeftOut counts the rows a statistic did not use.
type LeftOut struct {
	// Missing counts rows, among those in a group, whose value is missing.
	Missing int
	// Infinite counts rows, among those in a group, whose value is ±Inf:
	// no finite bin or quantile can hold them.
	Infinite int
	// TargetMissing counts rows left out because they have no group.
	TargetMissing int
}

// Histogram counts the values of a Numeric or Date column in equal-width
// bins shared by all groups.
type Histogram struct {
	// Groups labels the rows of Counts.
	Groups []string
	// Edges are the len(Counts[g])+1 bin edges over [min, max] of the
	// counted values (min-0.5, max+0.5 when they are equal). A bin holds
	// Edges[i] <= x < Edges[i+1], the last one also its right edge, as
	// numpy.histogram. Nil when no value is counted.
	Edges []float64
	// Counts holds, per group, the values in each bin.
	Counts [][]int
	LeftOut
}

// Bin builds the histogram of column c, per group of g (nil: one group of
// all rows labelled ""). The edges span the values of the rows in a group,
// and are the same for every group.
func Bin(ctx context.Context, c *frame.Column, g *Groups, b Binning) (*Histogram, error) {
	if err := needFloats(c); err != nil {
		return nil, err
	}
	if b.Bins < 0 || b.MaxBins < 0 {
		return nil, fmt.Errorf("bin counts must not be negative: %+v", b)
	}
	of, labels, noGroup, err := groupsFor(g, c.Len())
	if err != nil {
		return nil, err
	}
	h := &Histogram{Groups: labels, Counts: make([][]int, len(labels)), LeftOut: LeftOut{TargetMissing: noGroup}}
	if c.Sparse != nil {
		return binSparse(ctx, c, of, h, b)
	}
	xs := c.Floats
	// each calls fn on the finite values of the rows in a group.
	each := func(fn func(group int32, x float64)) error {
		return forChunks(ctx, len(xs), func(lo, hi int) {
			for i := lo; i < hi; i++ {
				var gi int32
				if of != nil {
					if gi = of[i]; gi < 0 {
						continue
					}
				}
				if x := xs[i]; !math.IsInf(x, 0) && !floatMissing(c, i) {
					fn(gi, x)
				}
			}
		})
	}

	n, sum := 0, 0.0
	lo, hi := math.Inf(1), math.Inf(-1)
	err = forChunks(ctx, len(xs), func(from, to int) {
		for i := from; i < to; i++ {
			if of != nil && of[i] < 0 {
				continue
			}
			x := xs[i]
			switch {
			case floatMissing(c, i):
				h.Missing++
			case math.IsInf(x, 0):
				h.Infinite++
			default:
				n++
				sum += x
				lo, hi = min(lo, x), max(hi, x)
			}
		}
	})
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return h, nil
	}
	lo, hi = widen(lo, hi)
	bins := b.Bins
	if bins == 0 {
		mean, ss := sum/float64(n), 0.0
		if err := each(func(_ int32, x float64) { ss += (x - mean) * (x - mean) }); err != nil {
			return nil, err
		}
		bins = scottBins(lo, hi, n, math.Sqrt(ss/float64(n)), b.MaxBins)
	}
	norm := h.makeBins(lo, hi, bins)
	err = each(func(gi int32, x float64) {
		h.Counts[gi][binOf(h.Edges, norm, x)]++
	})
	if err != nil {
		return nil, err
	}
	return h, nil
}

// widen gives equal bounds some width, as numpy does.
func widen(lo, hi float64) (float64, float64) {
	if lo == hi {
		lo, hi = lo-0.5, hi+0.5
		if lo == hi { // too large for ±0.5 to move it
			lo, hi = math.Nextafter(lo, math.Inf(-1)), math.Nextafter(hi, math.Inf(1))
		}
	}
	return lo, hi
}

// makeBins sets the edges and zeroes the counts of bins equal bins over
// [lo, hi], and returns the scale binOf needs.
func (h *Histogram) makeBins(lo, hi float64, bins int) (norm float64) {
	h.Edges = linspace(lo, hi, bins+1)
	for i := range h.Counts {
		h.Counts[i] = make([]int, bins)
	}
	return float64(bins) / (hi - lo)
}

// binSparse is Bin on a sparse column: its stored values, and per group a
// count of its zeros, which all fall in one bin. Sums are taken in row
// order, as Bin's, so the histograms are the dense column's.
func binSparse(ctx context.Context, c *frame.Column, of []int32, h *Histogram, b Binning) (*Histogram, error) {
	rows, xs := c.Sparse.Rows, c.Floats
	zeros := make([]int, len(h.Counts)) // per group
	if of == nil {
		zeros[0] = c.Sparse.Zeros()
	} else {
		for _, g := range of {
			if g >= 0 {
				zeros[g]++
			}
		}
		for _, r := range rows {
			if g := of[r]; g >= 0 {
				zeros[g]--
			}
		}
	}
	group := func(k int) int32 {
		if of == nil {
			return 0
		}
		return of[rows[k]]
	}
	n, sum := 0, 0.0
	lo, hi := math.Inf(1), math.Inf(-1)
	err := forChunks(ctx, len(xs), func(from, to int) {
		for k := from; k < to; k++ {
			if group(k) < 0 {
				continue
			}
			x := xs[k]
			switch {
			case storedMissing(c, k):
				h.Missing++
			case math.IsInf(x, 0):
				h.Infinite++
			default:
				n++
				sum += x // adding the zeros would leave it as it is
				lo, hi = min(lo, x), max(hi, x)
			}
		}
	})
	if err != nil {
		return nil, err
	}
	for _, z := range zeros {
		n += z
		if z > 0 {
			lo, hi = min(lo, 0), max(hi, 0)
		}
	}
	if n == 0 {
		return h, nil
	}
	lo, hi = widen(lo, hi)
	bins := b.Bins
	if bins == 0 {
		ss, err := sparseSquares(ctx, c, of, sum/float64(n))
		if err != nil {
			return nil, err
		}
		bins = scottBins(lo, hi, n, math.Sqrt(ss/float64(n)), b.MaxBins)
	}
	norm := h.makeBins(lo, hi, bins)
	err = forChunks(ctx, len(xs), func(from, to int) {
		for k := from; k < to; k++ {
			if g, x := group(k), xs[k]; g >= 0 && !math.IsInf(x, 0) && !storedMissing(c, k) {
				h.Counts[g][binOf(h.Edges, norm, x)]++
			}
		}
	})
	if err != nil {
		return nil, err
	}
	for g, z := range zeros {
		if z > 0 { // then 0 is within the edges
			h.Counts[g][binOf(h.Edges, norm, 0)] += z
		}
	}
	return h, nil
}

// sparseSquares is the sum of (x-mean)² over the finite present values of
// a sparse column's rows that have a group, zeros included, in row order.
func sparseSquares(ctx context.Context, c *frame.Column, of []int32, mean float64) (float64, error) {
	rows, xs := c.Sparse.Rows, c.Floats
	ss, k := 0.0, 0
	err := forChunks(ctx, c.Sparse.Len, func(from, to int) {
		for i := from; i < to; i++ {
			stored := k < len(rows) && int(rows[k]) == i
			if of == nil || of[i] >= 0 {
				x := 0.0
				if stored {
					x = xs[k]
				}
				if !stored || (!math.IsInf(x, 0) && !storedMissing(c, k)) {
					ss += (x - mean) * (x - mean)
				}
			}
			if stored {
				k++
			}
		}
	})
	return ss, err
}

// scottBins is the bin count numpy derives from Scott's bin width
// (24*sqrt(pi)/n)^(1/3) * std (population std), capped at maxBins.
func scottBins(lo, hi float64, n int, std float64, maxBins int) int {
	if maxBins == 0 {
		maxBins = DefaultMaxBins
	}
	width := math.Pow(24*math.Pow(math.Pi, 0.5)/float64(n), 1.0/3) * std
	if width == 0 || math.IsNaN(width) {
		return 1
	}
	return int(min(math.Ceil((hi-lo)/width), float64(maxBins)))
}

// binOf is numpy.histogram's bin index of x for equal-width edges: computed
// from the scale, then corrected by one where rounding crossed an edge.
func binOf(edges []float64, norm, x float64) int {
	bins := len(edges) - 1
	i := int((x - edges[0]) * norm)
	if i >= bins {
		i = bins - 1
	}
	if x < edges[i] {
		i--
	} else if i != bins-1 && x >= edges[i+1] {
		i++
	}
	return i
}

// LevelCounts counts the rows of each level of a Nominal column.
type LevelCounts struct {
	// Groups labels the rows of Counts.
	Groups []string
	Levels []string
	// Counts holds, per group, the rows of each level, in level order.
	Counts [][]int
	LeftOut
}

// CountLevels counts the levels of column c per group of g (nil: one group
// of all rows labelled "").
func CountLevels(ctx context.Context, c *frame.Column, g *Groups) (*LevelCounts, error) {
	if c == nil {
		return nil, errors.New("nil column")
	}
	if c.Kind != frame.Nominal {
		return nil, fmt.Errorf("column %q is %s, not nominal", c.Name, c.Kind)
	}
	of, labels, noGroup, err := groupsFor(g, c.Len())
	if err != nil {
		return nil, err
	}
	lc := &LevelCounts{Groups: labels, Levels: c.Levels, Counts: make([][]int, len(labels)), LeftOut: LeftOut{TargetMissing: noGroup}}
	for i := range lc.Counts {
		lc.Counts[i] = make([]int, len(c.Levels))
	}
	bad := -1
	err = forChunks(ctx, len(c.Codes), func(lo, hi int) {
		for i := lo; i < hi && bad < 0; i++ {
			var gi int32
			if of != nil {
				if gi = of[i]; gi < 0 {
					continue
				}
			}
			switch l := levelAt(c, i); l {
			case levelMissing:
				lc.Missing++
			case levelInvalid:
				bad = i
			default:
				lc.Counts[gi][l]++
			}
		}
	})
	if bad >= 0 {
		return nil, invalidCode(c, bad)
	}
	if err != nil {
		return nil, err
	}
	return lc, nil
}
