// Package datapage computes what the data page shows, on every row of a
// dataset: the feature table, the distributions of the selected features
// split by the target, random-forest feature importance and the data of the
// feature-interaction plots. It holds no page layout: the data plugin turns
// its results into components, and its benchmarks time the whole page.
package datapage

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/openml-dash/openml-dash/sdk/forest"
	"github.com/openml-dash/openml-dash/sdk/frame"
	"github.com/openml-dash/openml-dash/sdk/stats"
)

// Feature is one row of the feature table.
type Feature struct {
	Column int // index in the frame
	stats.Summary
	Target bool
}

// Type is the feature's data type as the table shows it.
func (f Feature) Type() string { return f.Kind.String() }

// Categories is the number of categories of a nominal feature, -1 otherwise.
func (f Feature) Categories() int {
	if f.Nominal == nil {
		return -1
	}
	return f.Nominal.Categories
}

// Entropy is the entropy of a nominal feature's values in nats, NaN otherwise.
func (f Feature) Entropy() float64 {
	if f.Nominal == nil {
		return math.NaN()
	}
	return f.Nominal.Entropy
}

// Features summarises every column as the feature table shows it (missing
// values, categories, entropy), the target first, the rest in file order,
// as the Python page's table.
func Features(ctx context.Context, f *frame.Frame, target string) ([]Feature, error) {
	sums, err := stats.Count(ctx, f)
	if err != nil {
		return nil, err
	}
	out := make([]Feature, len(sums))
	for i, s := range sums {
		out[i] = Feature{Column: i, Summary: s, Target: s.Name == target}
	}
	slices.SortStableFunc(out, func(a, b Feature) int {
		switch {
		case a.Target == b.Target:
			return 0
		case a.Target:
			return -1
		}
		return 1
	})
	return out, nil
}

// DefaultBins is the bin count of a numeric distribution, as the Python
// page's nbinsx=20.
const DefaultBins = 20

// Distribution is one feature's distribution, split by the target's groups:
// a histogram for a numeric feature, level counts for a nominal one.
type Distribution struct {
	Feature   string
	Histogram *stats.Histogram   // numeric features
	Levels    *stats.LevelCounts // nominal features
}

// Distributions computes the distributions of the named features split by
// the target (nil groups: not split).
func Distributions(ctx context.Context, f *frame.Frame, names []string, groups *stats.Groups) ([]Distribution, error) {
	out := make([]Distribution, 0, len(names))
	for _, n := range names {
		c := f.Column(n)
		if c == nil {
			return nil, fmt.Errorf("no feature %q", n)
		}
		d := Distribution{Feature: n}
		var err error
		switch c.Kind {
		case frame.Numeric, frame.Date:
			d.Histogram, err = stats.Bin(ctx, c, groups, stats.Binning{Bins: DefaultBins})
		case frame.Nominal:
			d.Levels, err = stats.CountLevels(ctx, c, groups)
		default:
			continue // strings have no distribution to draw
		}
		if err != nil {
			return nil, fmt.Errorf("distribution of %s: %w", n, err)
		}
		out = append(out, d)
	}
	return out, nil
}

// Importance ranks the features other than the target by random-forest
// importance, as the Python page: 10 trees, seed 0, columns mostly missing
// dropped, the rest filled with their mode, nominal features as category
// codes. Codes follow the levels' sorted order, as pandas numbers them, so
// the forest splits the way scikit-learn's does. String columns are left
// out. Sparse columns stay sparse: the forest splits on their non-zero
// values, as scikit-learn does on a sparse matrix, and ranks every
// feature, however many there are.
func Importance(ctx context.Context, f *frame.Frame, target string) (forest.Result, error) {
	t := f.Column(target)
	if t == nil {
		return forest.Result{}, fmt.Errorf("no target feature %q", target)
	}
	in := forest.Input{}
	switch t.Kind {
	case frame.Nominal:
		in.Target, in.Classes = sortedCodes(t), len(t.Levels)
	case frame.Numeric, frame.Date:
		in.Target = t.DenseFloats()
	default:
		return forest.Result{}, fmt.Errorf("target %q is a string attribute; pick a nominal or numeric one", target)
	}
	for _, c := range f.Columns {
		switch {
		case c == t:
		case c.Kind == frame.Nominal:
			in.Features = append(in.Features, forest.Feature{Name: c.Name, Values: sortedCodes(c), Categorical: true})
		case c.Kind == frame.Numeric || c.Kind == frame.Date:
			ft := forest.Feature{Name: c.Name, Values: c.Floats}
			if c.Sparse != nil { // the forest splits on its non-zero values
				ft.Sparse, ft.Rows = true, c.Sparse.Rows
			}
			in.Features = append(in.Features, ft)
		}
	}
	return forest.Importance(ctx, in, forestOptions(f.Rows()))
}

// Above bigData rows, the forest trades scikit-learn's defaults for speed
// in two ways that keep every row in play: splits between 255 quantile
// bins (as HistGradientBoosting) instead of between every two values, and
// bootstraps of 30% of the rows per tree (scikit-learn's max_samples=0.3):
// 10 trees still draw 95% of the rows (1 - e^-3). Below it, the forest is scikit-learn's exactly. Both are stated on
// the page (forest.Result.Binned, Sampled).
const bigData = 50_000

func forestOptions(rows int) forest.Options {
	o := forest.Options{Trees: 10, Seed: 0, ExactRows: bigData}
	if rows > bigData {
		o.MaxSamples = rows * 3 / 10
	}
	return o
}

// sortedCodes gives a nominal column's rows as codes of its levels in
// sorted order, NaN for missing.
func sortedCodes(c *frame.Column) []float64 {
	order := make([]int, len(c.Levels))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return c.Levels[order[a]] < c.Levels[order[b]] })
	rank := make([]float64, len(c.Levels))
	for r, i := range order {
		rank[i] = float64(r)
	}
	out := make([]float64, len(c.Codes))
	for i, code := range c.Codes {
		if code < 0 || int(code) >= len(rank) || c.IsMissing(i) {
			out[i] = math.NaN()
			continue
		}
		out[i] = rank[code]
	}
	return out
}

// MaxPoints bounds the points of one scatter plot. More would not be
// legible, and would not travel well to the host; the page says when it
// shows a sample.
const MaxPoints = 20000

// Points are rows of a scatter plot or scatter-plot matrix: the values of
// a few features and the target group of each row, for at most MaxPoints
// rows taken at an even stride (deterministic, so the picture does not
// change between openings).
type Points struct {
	Features []string
	Values   [][]float64 // Values[f][i], NaN missing; nominal as level codes
	Group    []int32     // target group per row, stats.NoGroup when none
	Rows     []int       // the frame rows shown
	Total    int         // rows in the frame
}

// Sampled reports whether Points shows fewer rows than the frame has.
func (p *Points) Sampled() bool { return len(p.Rows) < p.Total }

// Sample takes the points of the named features.
func Sample(f *frame.Frame, names []string, groups *stats.Groups) (*Points, error) {
	n := f.Rows()
	step := max(1, (n+MaxPoints-1)/MaxPoints)
	p := &Points{Features: names, Total: n}
	for i := 0; i < n; i += step {
		p.Rows = append(p.Rows, i)
	}
	for _, name := range names {
		c := f.Column(name)
		if c == nil {
			return nil, fmt.Errorf("no feature %q", name)
		}
		vals := make([]float64, len(p.Rows))
		for j, r := range p.Rows {
			switch {
			case c.IsMissing(r):
				vals[j] = math.NaN()
			case c.Kind == frame.Nominal:
				vals[j] = float64(c.Codes[r])
			case c.Kind == frame.String:
				vals[j] = math.NaN()
			default:
				vals[j] = c.Float(r)
			}
		}
		p.Values = append(p.Values, vals)
	}
	if groups != nil {
		p.Group = make([]int32, len(p.Rows))
		for j, r := range p.Rows {
			p.Group[j] = groups.Of[r]
		}
	}
	return p, nil
}

// Page is everything the data page computes when it opens.
type Page struct {
	Features      []Feature
	Groups        *stats.Groups // rows split by the target; nil without one
	Distributions []Distribution
	Importance    *forest.Result // nil without a target
	Interactions  *Points        // the top 4 features by importance
	Scatter       *Points        // 2 numeric features, coloured by a nominal one
	Timings       []Timing
}

// Timing is how long one phase of Compute took.
type Timing struct {
	Phase    string
	Duration time.Duration
}

// Selected is how many features the distributions show at first.
const Selected = 5

// Compute runs the whole data page on f, as it opens: the phases of the
// Python page's pipeline (table, distributions of the first Selected
// features by target, importance, interactions), each timed.
func Compute(ctx context.Context, f *frame.Frame, target string) (*Page, error) {
	p := &Page{}
	start := time.Now()
	lap := func(phase string) {
		now := time.Now()
		p.Timings = append(p.Timings, Timing{phase, now.Sub(start)})
		start = now
	}
	var err error
	if p.Features, err = Features(ctx, f, target); err != nil {
		return nil, err
	}
	lap("table")
	if t := f.Column(target); t != nil {
		if p.Groups, err = stats.SplitBy(ctx, t, stats.DefaultSplits); err != nil {
			return nil, err
		}
	}
	var first []string
	for _, ft := range p.Features[:min(Selected, len(p.Features))] {
		first = append(first, ft.Name)
	}
	if p.Distributions, err = Distributions(ctx, f, first, p.Groups); err != nil {
		return nil, err
	}
	lap("distributions")
	if p.Groups != nil {
		imp, err := Importance(ctx, f, target)
		if err != nil {
			return nil, err
		}
		p.Importance = &imp
	}
	lap("importance")
	if p.Importance != nil {
		var top []string
		for _, r := range p.Importance.Features {
			if len(top) < 4 && r.Dropped == forest.NotDropped {
				top = append(top, r.Name)
			}
		}
		if p.Interactions, err = Sample(f, top, p.Groups); err != nil {
			return nil, err
		}
	}
	if x, y, colour, ok := scatterChoice(f); ok {
		g, err := stats.SplitBy(ctx, f.Column(colour), 0)
		if err != nil {
			return nil, err
		}
		if p.Scatter, err = Sample(f, []string{x, y}, g); err != nil {
			return nil, err
		}
	}
	lap("interactions")
	return p, nil
}

// scatterChoice picks the Python page's default scatter plot: the first two
// numeric features coloured by the first nominal one.
func scatterChoice(f *frame.Frame) (x, y, colour string, ok bool) {
	var nums, noms []string
	for _, c := range f.Columns {
		switch c.Kind {
		case frame.Numeric:
			nums = append(nums, c.Name)
		case frame.Nominal:
			noms = append(noms, c.Name)
		}
	}
	if len(nums) < 2 || len(noms) == 0 {
		return "", "", "", false
	}
	return nums[0], nums[1], noms[0], true
}
