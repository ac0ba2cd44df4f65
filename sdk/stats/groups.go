package stats

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/openml-dash/openml-dash/sdk/frame"
)

// DefaultSplits is the number of ranges a numeric target is cut into when
// SplitBy is given none.
const DefaultSplits = 5

// NoGroup is the group of a row whose target is missing.
const NoGroup int32 = -1

// Groups assigns every row of a frame to one group: a level of a nominal
// target, or a value range of a numeric one.
type Groups struct {
	// Labels names the groups: the levels, or ranges such as "[4.3, 5.02)".
	Labels []string
	// Of holds the group of each row, an index into Labels, or NoGroup.
	Of []int32
	// Missing counts the rows whose target is missing (group NoGroup); the
	// split statistics leave them out and report them as TargetMissing.
	Missing int
	// Edges are the k+1 boundaries of a numeric target's ranges: group i
	// holds Edges[i] <= x < Edges[i+1]. Nil for a nominal target.
	Edges []float64
}

// SplitBy groups rows by target. A Nominal target gives one group per
// level, in level order, used or not. A Numeric or Date target is cut into
// k equal-width ranges (DefaultSplits when k <= 0), with the edges and
// labels of pandas.cut(x, k, right=False): the last edge is moved up by
// 0.1% of the range so the maximum falls inside, and labels round the
// edges to the fewest digits (at least 3) that keep them apart. A numeric
// target with infinite values cannot be cut and is an error, as in pandas.
func SplitBy(ctx context.Context, target *frame.Column, k int) (*Groups, error) {
	if target == nil {
		return nil, errors.New("nil target column")
	}
	switch target.Kind {
	case frame.Nominal:
		return splitByLevel(ctx, target)
	case frame.Numeric, frame.Date:
		if k <= 0 {
			k = DefaultSplits
		}
		return splitByRange(ctx, target, k)
	}
	return nil, fmt.Errorf("cannot split by column %q: it is %s", target.Name, target.Kind)
}

func splitByLevel(ctx context.Context, c *frame.Column) (*Groups, error) {
	g := &Groups{Labels: c.Levels, Of: make([]int32, len(c.Codes))}
	bad := -1
	err := forChunks(ctx, len(c.Codes), func(lo, hi int) {
		for i := lo; i < hi && bad < 0; i++ {
			l := levelAt(c, i)
			switch l {
			case levelInvalid:
				bad = i
			case levelMissing:
				g.Missing++
				l = NoGroup
			}
			g.Of[i] = l
		}
	})
	if bad >= 0 {
		return nil, invalidCode(c, bad)
	}
	if err != nil {
		return nil, err
	}
	return g, nil
}

func splitByRange(ctx context.Context, c *frame.Column, k int) (*Groups, error) {
	c = denseView(c)
	n := len(c.Floats)
	lo, hi := math.Inf(1), math.Inf(-1)
	present := 0
	err := forChunks(ctx, n, func(from, to int) {
		for i := from; i < to; i++ {
			if floatMissing(c, i) {
				continue
			}
			x := c.Floats[i]
			lo, hi = min(lo, x), max(hi, x)
			present++
		}
	})
	if err != nil {
		return nil, err
	}
	g := &Groups{Of: make([]int32, n)}
	if present == 0 {
		for i := range g.Of {
			g.Of[i] = NoGroup
		}
		g.Missing = n
		return g, nil
	}
	if math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return nil, fmt.Errorf("cannot cut column %q into equal ranges: it has infinite values", c.Name)
	}
	g.Edges = cutEdges(lo, hi, k)
	g.Labels = cutLabels(g.Edges)
	err = forChunks(ctx, n, func(from, to int) {
		for i := from; i < to; i++ {
			if floatMissing(c, i) {
				g.Of[i] = NoGroup
				g.Missing++
				continue
			}
			g.Of[i] = int32(rightOf(g.Edges, c.Floats[i]) - 1)
		}
	})
	if err != nil {
		return nil, err
	}
	return g, nil
}

// cutEdges are pandas.cut's edges for k bins over [lo, hi], right=False.
func cutEdges(lo, hi float64, k int) []float64 {
	if lo == hi {
		lo -= cutPad(lo)
		hi += cutPad(hi)
		return linspace(lo, hi, k+1)
	}
	edges := linspace(lo, hi, k+1)
	edges[k] += (hi - lo) * 0.001
	return edges
}

func cutPad(x float64) float64 {
	if x == 0 {
		return 0.001
	}
	return 0.001 * math.Abs(x)
}

// rightOf is numpy's searchsorted(edges, x, side='right'): the number of
// edges at or below x.
func rightOf(edges []float64, x float64) int {
	lo, hi := 0, len(edges)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if edges[m] <= x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// linspace is numpy.linspace(start, stop, num) for num >= 2.
func linspace(start, stop float64, num int) []float64 {
	out := make([]float64, num)
	step := (stop - start) / float64(num-1)
	for i := range out {
		out[i] = float64(i)*step + start
	}
	out[num-1] = stop
	return out
}

func cutLabels(edges []float64) []string {
	p := cutPrecision(edges)
	labels := make([]string, len(edges)-1)
	for i := range labels {
		labels[i] = "[" + pythonFloat(roundFrac(edges[i], p)) + ", " + pythonFloat(roundFrac(edges[i+1], p)) + ")"
	}
	return labels
}

// cutPrecision is pandas' _infer_precision(3, edges): the fewest digits,
// from 3, that keep the rounded edges distinct.
func cutPrecision(edges []float64) int {
	for p := 3; p < 20; p++ {
		seen := make(map[float64]bool, len(edges))
		for _, e := range edges {
			seen[roundFrac(e, p)] = true
		}
		if len(seen) == len(edges) {
			return p
		}
	}
	return 3
}

// roundFrac is pandas' _round_frac: round to p digits after the point, or
// p significant digits for a number below 1, with numpy.around.
func roundFrac(x float64, p int) float64 {
	if math.IsInf(x, 0) || math.IsNaN(x) || x == 0 {
		return x
	}
	whole, frac := math.Modf(x)
	digits := p
	if whole == 0 {
		digits = -int(math.Floor(math.Log10(math.Abs(frac)))) - 1 + p
	}
	scale := math.Pow10(digits)
	return math.RoundToEven(x*scale) / scale
}

// pythonFloat formats x as Python's repr(float) does, so labels read as
// pandas prints them: "5.0", "0.001", "1e+16", "1.5e-05".
func pythonFloat(x float64) string {
	switch {
	case math.IsNaN(x):
		return "nan"
	case math.IsInf(x, 1):
		return "inf"
	case math.IsInf(x, -1):
		return "-inf"
	}
	e := strconv.FormatFloat(x, 'e', -1, 64)
	exp, _ := strconv.Atoi(e[strings.IndexByte(e, 'e')+1:])
	if exp < -4 || exp >= 16 {
		return e
	}
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if !strings.ContainsRune(s, '.') {
		s += ".0"
	}
	return s
}

// groupsFor checks g against a column of n rows and returns the group of
// each row (nil: every row in group 0), the group labels and how many rows
// have no group. A nil g puts every row in one group labelled "".
func groupsFor(g *Groups, n int) (of []int32, labels []string, noGroup int, err error) {
	if g == nil {
		return nil, []string{""}, 0, nil
	}
	if len(g.Of) != n {
		return nil, nil, 0, fmt.Errorf("groups cover %d rows, the column has %d", len(g.Of), n)
	}
	for i, gi := range g.Of {
		if gi < NoGroup || int(gi) >= len(g.Labels) {
			return nil, nil, 0, fmt.Errorf("row %d: group %d is outside the %d groups", i, gi, len(g.Labels))
		}
		if gi == NoGroup {
			noGroup++
		}
	}
	return g.Of, g.Labels, noGroup, nil
}
