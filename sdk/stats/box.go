package stats

import (
	"context"
	"math"
	"sort"

	"gonum.org/v1/gonum/stat"

	"github.com/openml-dash/openml-dash/sdk/frame"
)

// MaxOutliers caps the outliers a Box lists, so a page over a million rows
// stays small; LowOutliers and HighOutliers still count them all.
const MaxOutliers = 100

// DefaultViolinPoints is the grid size of a violin's density.
const DefaultViolinPoints = 64

// Box is the five-number summary of a box plot, as plotly and matplotlib
// draw it. Its float fields are NaN when N is 0.
type Box struct {
	Group string
	// N counts the values, finite and present, the box describes.
	N              int
	Min, Max, Mean float64
	// Q1, Median and Q3 are the 0.25, 0.5 and 0.75 quantiles (see Quantile).
	Q1, Median, Q3 float64
	// LowerWhisker and UpperWhisker are the furthest values within 1.5 IQR
	// below Q1 and above Q3 (never inside the box).
	LowerWhisker, UpperWhisker float64
	// Outliers are the values beyond the whiskers, ascending: all of them,
	// or MaxOutliers spread evenly over them, the extremes included.
	Outliers []float64
	// LowOutliers and HighOutliers count all the values below the lower
	// and above the upper whisker.
	LowOutliers, HighOutliers int
}

// BoxPlot holds one Box per group.
type BoxPlot struct {
	Boxes []Box
	LeftOut
}

// Boxes summarises column c per group of g (nil: one group of all rows
// labelled "") for a box plot.
func Boxes(ctx context.Context, c *frame.Column, g *Groups) (*BoxPlot, error) {
	vals, labels, left, err := sortedByGroup(ctx, c, g)
	if err != nil {
		return nil, err
	}
	bp := &BoxPlot{Boxes: make([]Box, len(vals)), LeftOut: left}
	for i, v := range vals {
		bp.Boxes[i] = boxOf(labels[i], v)
	}
	return bp, nil
}

func boxOf(group string, sorted []float64) Box {
	nan := math.NaN()
	b := Box{Group: group, N: len(sorted)}
	if b.N == 0 {
		b.Min, b.Max, b.Mean, b.Q1, b.Median, b.Q3, b.LowerWhisker, b.UpperWhisker = nan, nan, nan, nan, nan, nan, nan, nan
		return b
	}
	b.Min, b.Max = sorted[0], sorted[b.N-1]
	b.Mean = stat.Mean(sorted, nil)
	b.Q1, b.Median, b.Q3 = Quantile(sorted, 0.25), Quantile(sorted, 0.5), Quantile(sorted, 0.75)
	iqr := b.Q3 - b.Q1
	// first is the lowest value at or above the lower fence, last the
	// highest at or below the upper one.
	first := sort.SearchFloat64s(sorted, b.Q1-1.5*iqr)
	last := sort.Search(b.N, func(i int) bool { return sorted[i] > b.Q3+1.5*iqr }) - 1
	b.LowerWhisker, b.UpperWhisker = min(sorted[first], b.Q1), max(sorted[last], b.Q3)
	b.LowOutliers, b.HighOutliers = first, b.N-1-last
	b.Outliers = spread(sorted[:first], sorted[last+1:], MaxOutliers)
	return b
}

// spread returns low followed by high, or max values spread evenly over
// them, the first and last included.
func spread(low, high []float64, max int) []float64 {
	n := len(low) + len(high)
	if n == 0 {
		return nil
	}
	at := func(i int) float64 {
		if i < len(low) {
			return low[i]
		}
		return high[i-len(low)]
	}
	k := min(n, max)
	out := make([]float64, k)
	for j := range out {
		i := j
		if n > max {
			i = int(math.Round(float64(j) * float64(n-1) / float64(max-1)))
		}
		out[j] = at(i)
	}
	return out
}

// Violin is a box plus the Gaussian kernel density estimate a violin plot
// draws around it.
type Violin struct {
	Box
	// Bandwidth is the kernel's standard deviation, Scott's rule as
	// scipy.stats.gaussian_kde: the sample std times N^(-1/5).
	Bandwidth float64
	// Grid holds evenly spaced points from Min to Max and Density the
	// estimate there. Both are nil below two distinct values, where the
	// bandwidth is zero and scipy fails.
	Grid, Density []float64
}

// ViolinPlot holds one Violin per group.
type ViolinPlot struct {
	Violins []Violin
	LeftOut
}

// Violins estimates the density of column c per group of g (nil: one group
// of all rows labelled "") on points grid points (DefaultViolinPoints when
// points < 2).
//
// Kernels further than 9 bandwidths from a grid point, which weigh less
// than 3e-18 of a kernel's peak, are skipped, so the cost is that of the
// values near each point rather than of all of them.
func Violins(ctx context.Context, c *frame.Column, g *Groups, points int) (*ViolinPlot, error) {
	if points < 2 {
		points = DefaultViolinPoints
	}
	vals, labels, left, err := sortedByGroup(ctx, c, g)
	if err != nil {
		return nil, err
	}
	vp := &ViolinPlot{Violins: make([]Violin, len(vals)), LeftOut: left}
	for i, v := range vals {
		vi := Violin{Box: boxOf(labels[i], v), Bandwidth: math.NaN()}
		if len(v) >= 2 {
			vi.Bandwidth = stat.StdDev(v, nil) * math.Pow(float64(len(v)), -1.0/5)
		}
		if vi.Bandwidth > 0 {
			vi.Grid = linspace(vi.Min, vi.Max, points)
			if vi.Density, err = gaussianKDE(ctx, v, vi.Bandwidth, vi.Grid); err != nil {
				return nil, err
			}
		}
		vp.Violins[i] = vi
	}
	return vp, nil
}

// kernelReach is how many bandwidths away a value still counts: exp(-9²/2)
// is 2.6e-18.
const kernelReach = 9

func gaussianKDE(ctx context.Context, sorted []float64, bw float64, grid []float64) ([]float64, error) {
	density := make([]float64, len(grid))
	norm := 1 / (float64(len(sorted)) * bw * math.Sqrt(2*math.Pi))
	for j, x := range grid {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		from := sort.SearchFloat64s(sorted, x-kernelReach*bw)
		sum := 0.0
		for _, xi := range sorted[from:] {
			z := (x - xi) / bw
			if z < -kernelReach {
				break
			}
			sum += math.Exp(-0.5 * z * z)
		}
		density[j] = sum * norm
	}
	return density, nil
}

// sortedByGroup returns, per group, the ascending finite present values of
// column c, in one backing array.
func sortedByGroup(ctx context.Context, c *frame.Column, g *Groups) ([][]float64, []string, LeftOut, error) {
	var left LeftOut
	if err := needFloats(c); err != nil {
		return nil, nil, left, err
	}
	of, labels, noGroup, err := groupsFor(g, c.Len())
	if err != nil {
		return nil, nil, left, err
	}
	left.TargetMissing = noGroup
	c = denseView(c)
	xs := c.Floats
	sizes := make([]int, len(labels))
	group := func(i int) int32 {
		if of == nil {
			return 0
		}
		return of[i]
	}
	err = forChunks(ctx, len(xs), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			gi := group(i)
			switch {
			case gi < 0:
			case floatMissing(c, i):
				left.Missing++
			case math.IsInf(xs[i], 0):
				left.Infinite++
			default:
				sizes[gi]++
			}
		}
	})
	if err != nil {
		return nil, nil, left, err
	}
	total := 0
	vals := make([][]float64, len(labels))
	for _, n := range sizes {
		total += n
	}
	backing := make([]float64, 0, total)
	for i, n := range sizes {
		vals[i] = backing[len(backing) : len(backing) : len(backing)+n]
		backing = backing[:len(backing)+n]
	}
	err = forChunks(ctx, len(xs), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			if gi := group(i); gi >= 0 && !floatMissing(c, i) && !math.IsInf(xs[i], 0) {
				vals[gi] = append(vals[gi], xs[i])
			}
		}
	})
	if err != nil {
		return nil, nil, left, err
	}
	var s sorter
	for _, v := range vals {
		if err := s.sortFloats(ctx, v); err != nil {
			return nil, nil, left, err
		}
	}
	return vals, labels, left, nil
}
