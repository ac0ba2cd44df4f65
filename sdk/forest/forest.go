// Package forest ranks features by random-forest importance the way the
// Python OpenML dashboard does with scikit-learn: mean decrease in impurity
// (Gini for a nominal target, squared error for a numeric one) of
// RandomForestClassifier / RandomForestRegressor(n_estimators=10), each
// tree's importances normalised to sum 1 and averaged over the trees.
//
// Before fitting, Importance prepares the data as the dashboard does:
//   - rows whose target is missing (NaN) are left out and counted;
//   - features missing in 80% or more of the remaining rows are dropped
//     (importance 0);
//   - the remaining missing values are filled with the feature's mode
//     (most frequent value, the smallest on a tie, as pandas' mode()[0]);
//   - nominal features are split as ordered category codes, as the Python
//     page feeds cat.codes to scikit-learn.
//
// The trees are CART trees grown as scikit-learn grows them: a bootstrap
// sample per tree (kept as per-row counts, scikit-learn's sample_weight),
// a random subset of features at each node (sqrt(n) for classification, all
// for regression; constant features are skipped as scikit-learn skips them),
// the best threshold between sorted distinct values, and growth until a
// node is pure or holds a single row. Values are compared as float32, as
// scikit-learn stores X. The random numbers differ from scikit-learn's, so
// the importances agree in distribution, not digit for digit.
//
// Up to Options.ExactRows rows (200 000 by default) splits are exact: each
// feature is sorted once, and each tree partitions those sorted lists node
// by node (classic presorted CART) instead of sorting at every node. Above
// it, features are binned into at most 255 quantile bins, as LightGBM
// does, so that 1 million rows take seconds rather than tens of seconds;
// Result.Binned tells when that changed the thresholds tried. Above
// DefaultBinSample rows (200 000) the bin edges are, as in LightGBM
// (bin_construct_sample_cnt), the quantiles of the values of a sample of
// that many rows, drawn with Options.Seed, and every row takes the bin its
// value falls in, so that no feature is sorted in full; missing values,
// filled with the mode (still counted over every row), take the mode's
// bin. A feature whose sample has at most 255 distinct values still gets a
// bin per value whenever every row holds one of them, and is binned from
// all its rows when some row does not: the sample missed a value.
//
// Sparse features (Feature.Sparse: a text or genomics dataset's thousands
// of mostly-zero columns) are never spelled out: when any feature is
// sparse, every feature is kept as its non-zero values, and a node tries a
// feature as scikit-learn's sparse splitter does, sorting the node's
// non-zero values and taking its zero rows as one block. The splits are
// exact at any size, and the same as on the dense twin, with the sums
// taken in the same order: the importances are the same to the last bit.
package forest

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Input is a table in columns: the features and the target to explain.
type Input struct {
	Features []Feature
	// Target holds one value per row; NaN marks a missing target.
	Target []float64
	// Classes > 0 asks for classification, with Target holding class codes
	// 0..Classes-1; 0 asks for regression on Target as numbers.
	Classes int
}

// Feature is one explanatory column.
type Feature struct {
	Name string
	// Values holds one value per row; NaN marks a missing value.
	Values []float64
	// Categorical marks category codes (0, 1, 2, …). They are split as
	// ordered numbers, like the Python page's cat.codes; the flag makes
	// Importance check that the codes are whole non-negative numbers.
	Categorical bool
	// Sparse marks a feature stored by its non-zero rows: Rows lists them,
	// increasing, Values holds their values (NaN for a missing one), and
	// every other row holds 0.
	Sparse bool
	Rows   []int32
}

// Options tune the forest. The zero value gives the dashboard's settings.
type Options struct {
	// Trees is the number of trees; 0 means 10, the dashboard's setting.
	Trees int
	// Seed fixes the random numbers: the same Input, Options and Seed give
	// the same Result whatever the number of Workers.
	Seed uint64
	// MaxFeatures is how many features each node considers; 0 means
	// scikit-learn's default: sqrt(features) for classification, all for
	// regression.
	MaxFeatures int
	// MinSamplesLeaf is the fewest distinct rows a leaf may hold; 0 means 1.
	MinSamplesLeaf int
	// MaxDepth limits the depth of the trees; 0 means no limit.
	MaxDepth int
	// Workers is how many trees grow at once; 0 means runtime.GOMAXPROCS.
	Workers int
	// ExactRows is the most rows for which splits are exact. Above it,
	// each feature's values are grouped into at most 255 bins of about
	// equal row counts, as LightGBM and scikit-learn's HistGradientBoosting
	// do, and thresholds are chosen between bins; Result.Binned then says
	// whether that lost any threshold. Above DefaultBinSample rows, the
	// bins' edges come from a sample of DefaultBinSample rows. 0 means
	// DefaultExactRows; a negative value keeps splits exact at any size.
	ExactRows int
	// MaxSamples is how many rows each tree's bootstrap draws, as
	// scikit-learn's max_samples; 0 means as many as there are rows. Fewer
	// draws grow each tree faster on big inputs while, over all the trees,
	// nearly every row still takes part.
	MaxSamples int
}

// DefaultExactRows keeps splits exact up to where the exact trees stop
// taking about a second: beyond it their cost grows with features × rows ×
// depth at every split, the binned trees' with the drawn features only.
const DefaultExactRows = 200_000

// Result ranks every input feature, most important first.
type Result struct {
	// Features lists every input feature once, by decreasing Importance;
	// ties keep the input order. Importances of kept features sum to 1
	// unless no tree could split (a constant target, a single row).
	Features []Ranked
	// Rows is how many rows the trees were grown on.
	Rows int
	// DroppedRows is how many rows were left out because their target
	// was missing.
	DroppedRows int
	// Trees is how many trees were grown.
	Trees int
	// Binned reports that the input was big enough to be binned (see
	// Options.ExactRows) and that some feature had more than 255 distinct
	// values, so the trees could not use every threshold scikit-learn
	// would try. Above DefaultBinSample rows, a feature counts as such when
	// the sample its edges come from has more than 255 distinct values;
	// when the sample has fewer and holds every value of the feature, the
	// trees can try every threshold. Sparse input is never binned.
	Binned bool
	// Draws is how many rows each tree's bootstrap drew (Options.MaxSamples,
	// or Rows).
	Draws int
}

// Ranked is one feature's place in a Result.
type Ranked struct {
	Name string
	// Index is the feature's position in Input.Features.
	Index int
	// Importance is the mean decrease in impurity, 0 for a dropped feature.
	Importance float64
	// Missing counts the feature's missing values among the rows used;
	// unless the feature was dropped, they were filled with its mode.
	Missing int
	// Dropped says why the feature was left out of the forest, if it was.
	Dropped DropReason
}

// DropReason says why a feature was left out of the forest.
type DropReason uint8

// Reasons for leaving a feature out.
const (
	NotDropped    DropReason = iota
	MostlyMissing            // 80% or more of its values are missing
)

func (r DropReason) String() string {
	switch r {
	case NotDropped:
		return "not dropped"
	case MostlyMissing:
		return "80% or more missing"
	}
	return fmt.Sprintf("DropReason(%d)", uint8(r))
}

// MostlyMissingShare is the share of missing values at which a feature is
// dropped, as in the Python page's x.isnull().mean() < 0.8.
const MostlyMissingShare = 0.8

// ErrNoFeatures is returned for an Input without features.
var ErrNoFeatures = errors.New("forest: no features")

// Importance grows a random forest on in and ranks its features by mean
// decrease in impurity. It fails on malformed input (ragged columns, class
// codes out of range, infinite values, no row with a target) and when ctx
// ends; degenerate but valid input (one row, a constant target, every
// feature mostly missing) gives importances of 0.
func Importance(ctx context.Context, in Input, opts Options) (Result, error) {
	return importance(ctx, in, opts, DefaultBinSample)
}

// importance is Importance with binned features' edges found on binSample
// rows.
func importance(ctx context.Context, in Input, opts Options, binSample int) (Result, error) {
	cfg, err := resolve(in, opts)
	if err != nil {
		return Result{}, err
	}
	cfg.binSample = binSample
	d, ranked, dropped, err := prepare(ctx, in, cfg)
	if err != nil {
		return Result{}, err
	}
	res := Result{Features: ranked, Rows: d.rows, DroppedRows: dropped, Trees: cfg.trees, Binned: d.lossy, Draws: d.rows}
	if cfg.maxSamples > 0 && cfg.maxSamples < d.rows {
		res.Draws = cfg.maxSamples
	}
	if d.features > 0 {
		if cfg.maxFeatures == 0 || cfg.maxFeatures > d.features {
			cfg.maxFeatures = defaultMaxFeatures(d.features, d.classes)
		}
		imp, err := grow(ctx, d, cfg)
		if err != nil {
			return Result{}, err
		}
		for c, i := range d.index {
			res.Features[i].Importance = imp[c]
		}
	}
	slices.SortStableFunc(res.Features, func(a, b Ranked) int {
		switch {
		case a.Importance > b.Importance:
			return -1
		case a.Importance < b.Importance:
			return 1
		}
		return 0
	})
	return res, nil
}

// config is Options with the defaults filled in.
type config struct {
	trees, maxFeatures, minLeaf, maxDepth, workers int
	exactRows, maxSamples, binSample               int
	seed                                           uint64
}

func resolve(in Input, o Options) (config, error) {
	if len(in.Features) == 0 {
		return config{}, ErrNoFeatures
	}
	if o.Trees < 0 || o.MaxFeatures < 0 || o.MinSamplesLeaf < 0 || o.MaxDepth < 0 || o.Workers < 0 || o.MaxSamples < 0 {
		return config{}, fmt.Errorf("forest: negative option in %+v", o)
	}
	if in.Classes < 0 {
		return config{}, fmt.Errorf("forest: Classes is %d; want 0 (regression) or more", in.Classes)
	}
	c := config{
		trees:       cmp.Or(o.Trees, 10),
		maxFeatures: o.MaxFeatures,
		minLeaf:     cmp.Or(o.MinSamplesLeaf, 1),
		maxDepth:    cmp.Or(o.MaxDepth, math.MaxInt),
		workers:     cmp.Or(o.Workers, runtime.GOMAXPROCS(0)),
		seed:        o.Seed,
		exactRows:   o.ExactRows,
		maxSamples:  o.MaxSamples,
	}
	switch {
	case o.ExactRows == 0:
		c.exactRows = DefaultExactRows
	case o.ExactRows < 0:
		c.exactRows = math.MaxInt
	}
	c.workers = min(c.workers, c.trees)
	return c, nil
}

// defaultMaxFeatures is scikit-learn's: max_features="sqrt" for classifiers
// (since 1.1) and 1.0, all features, for regressors.
func defaultMaxFeatures(features, classes int) int {
	if classes == 0 {
		return features
	}
	return max(1, int(math.Sqrt(float64(features))))
}

// grow fits cfg.trees trees and returns the forest's importance per column
// of d. Each tree draws from its own generator seeded by (seed, tree), and
// the trees are averaged in index order, so the result does not depend on
// which worker grew which tree.
func grow(ctx context.Context, d *dataset, cfg config) ([]float64, error) {
	perTree := make([][]float64, cfg.trees) // nil: the tree never split
	errs := make([]error, cfg.workers)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range cfg.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			g := newGrower(d, cfg)
			for t := int(next.Add(1) - 1); t < cfg.trees; t = int(next.Add(1) - 1) {
				imp, err := g.tree(ctx, t)
				if err != nil {
					errs[w] = err // only ctx ends a tree early; the others see it too
					return
				}
				perTree[t] = imp
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return average(perTree, d.features), nil
}

// average is scikit-learn's feature_importances_: the mean over the trees
// that split at least once, normalised to sum 1.
func average(perTree [][]float64, n int) []float64 {
	out := make([]float64, n)
	used := 0
	for _, imp := range perTree {
		if imp == nil {
			continue
		}
		used++
		for i, v := range imp {
			out[i] += v
		}
	}
	var sum float64
	for i := range out {
		out[i] /= float64(max(used, 1))
		sum += out[i]
	}
	if sum > 0 {
		for i := range out {
			out[i] /= sum
		}
	}
	return out
}
