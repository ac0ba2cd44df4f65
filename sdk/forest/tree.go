package forest

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
)

// featureThreshold is scikit-learn's FEATURE_THRESHOLD: values closer than
// this are one value, both for constant features and for thresholds.
const featureThreshold = 1e-7

// epsilon is scikit-learn's EPSILON: a node whose impurity is at most this
// is pure and becomes a leaf.
const epsilon = 0x1p-52

// A tree looks at ctx every checkEvery nodes, and before every node of
// more than checkRows rows, which can take milliseconds.
const (
	checkEvery = 64
	checkRows  = 1 << 16
)

// node is a tree node waiting to be split: its rows are [start, end) of the
// tree's row store, constants features are known to be constant in it, and
// stats are its weighted statistics (see grower.stats).
type node struct {
	start, end int
	depth      int
	constants  int
	stats      []float64
}

// split is the best split found so far at a node: the rows whose value
// of feature is at most bin (binned) or who sort before pos (presorted,
// sparse) go left, and the left child will be [start, pos). proxy ranks
// splits as the impurity decrease does, without the constant terms.
type split struct {
	feature int
	pos     int
	bin     int
	proxy   float64
}

// rowStore holds one tree's in-bag rows in node order, in the form its
// split search needs: presorted lists (exact) or binned columns.
type rowStore interface {
	// load keeps the rows with a positive weight, at [0, n), for a new tree.
	load(weight []float64) (n int)
	// try looks for a better split of nd on feature f and updates best;
	// it reports false when f is constant in nd.
	try(f int, nd node, best *split) bool
	// partition moves the rows of s's left child before those of its right
	// child; lists of the features marked in skip need not be kept.
	partition(nd node, s split, skip []bool)
	// stats adds up rows [start, end) into s (see grower.stats).
	stats(start, end int, s []float64)
}

// grower grows trees one after another; each worker has its own and reuses
// its buffers.
type grower struct {
	d      *dataset
	cfg    config
	rng    *rand.Rand
	rows   rowStore
	weight []float64 // bootstrap count per row

	// features and constant are scikit-learn's feature-sampling arrays:
	// features[:k] are the k features known to be constant in the current
	// node, and constant keeps their order for siblings and children.
	features []int
	constant []int
	skip     []bool // per feature, whether partition may leave it unsorted

	stack []node
	pool  [][]float64 // spare stats slices

	importance []float64
}

func newGrower(d *dataset, cfg config) *grower {
	g := &grower{
		d:          d,
		cfg:        cfg,
		weight:     make([]float64, d.rows),
		features:   make([]int, d.features),
		constant:   make([]int, d.features),
		skip:       make([]bool, d.features),
		importance: make([]float64, d.features),
	}
	switch {
	case d.nonZero != nil:
		g.rows = newSparseRows(d, cfg.minLeaf)
	case d.bins != nil:
		g.rows = newBinnedRows(d, cfg.minLeaf)
	default:
		g.rows = newSortedRows(d, cfg.minLeaf)
	}
	return g
}

// seedTree gives every tree its own generator, independent of scheduling.
func seedTree(seed uint64, tree int) *rand.Rand {
	return rand.New(rand.NewPCG(splitmix(seed), splitmix(seed^splitmix(uint64(tree)+1))))
}

// splitmix is SplitMix64's mixer: it spreads nearby seeds (0, 1, 2, …)
// over the whole state space.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// tree grows tree number t and returns its importances normalised to sum 1,
// or nil when the root could not be split.
func (g *grower) tree(ctx context.Context, t int) ([]float64, error) {
	n := g.d.rows
	g.rng = seedTree(g.cfg.seed, t)
	clear(g.weight)
	draws := n // scikit-learn's bootstrap: n draws with replacement
	if m := g.cfg.maxSamples; m > 0 && m < n {
		draws = m
	}
	for range draws {
		g.weight[g.rng.IntN(n)]++
	}
	inBag := g.rows.load(g.weight)
	for i := range g.features {
		g.features[i], g.constant[i] = i, i
	}
	clear(g.importance)

	g.stack = append(g.stack[:0], node{start: 0, end: inBag, stats: g.stats(0, inBag)})
	splits := 0
	for nodes := 0; len(g.stack) > 0; nodes++ {
		nd := g.stack[len(g.stack)-1]
		g.stack = g.stack[:len(g.stack)-1]
		if nodes%checkEvery == 0 || nd.end-nd.start > checkRows {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("forest: %w", err)
			}
		}
		left, right, ok := g.split(nd)
		g.pool = append(g.pool, nd.stats)
		if !ok {
			continue
		}
		splits++
		// scikit-learn pushes the right child first, so the left subtree
		// is grown first.
		g.stack = append(g.stack, right, left)
	}
	if splits == 0 {
		return nil, nil
	}
	var sum float64
	for _, v := range g.importance {
		sum += v
	}
	out := make([]float64, len(g.importance))
	for i, v := range g.importance {
		if sum > 0 {
			v /= sum
		}
		out[i] = v
	}
	return out, nil
}

// split splits nd if it should and can be split, partitions its rows and
// adds the impurity decrease to the importances.
func (g *grower) split(nd node) (left, right node, ok bool) {
	rows := nd.end - nd.start
	impurity := g.impurity(nd.stats)
	if nd.depth >= g.cfg.maxDepth || rows < 2 || rows < 2*g.cfg.minLeaf || impurity <= epsilon {
		return node{}, node{}, false
	}
	best, constants := g.bestSplit(nd)
	if best.pos < 0 {
		return node{}, node{}, false
	}
	clear(g.skip)
	for _, f := range g.features[:constants] {
		g.skip[f] = true
	}
	g.rows.partition(nd, best, g.skip)
	left = node{start: nd.start, end: best.pos, depth: nd.depth + 1, constants: constants, stats: g.stats(nd.start, best.pos)}
	right = node{start: best.pos, end: nd.end, depth: nd.depth + 1, constants: constants, stats: g.stats(best.pos, nd.end)}
	g.importance[best.feature] += nd.stats[0]*impurity -
		left.stats[0]*g.impurity(left.stats) - right.stats[0]*g.impurity(right.stats)
	return left, right, true
}

// bestSplit is scikit-learn's BestSplitter.node_split: it draws features
// at random until it has looked at MaxFeatures of them and at least one
// was not constant, and keeps the split with the best impurity decrease.
// It returns the split (pos < 0 when none) and how many features are
// known to be constant in the children: features[:that count].
func (g *grower) bestSplit(nd node) (split, int) {
	best := split{pos: -1, proxy: math.Inf(-1)}
	known := nd.constants
	drawn, found, total := 0, 0, known
	visited := 0
	for fi := len(g.features); fi > total &&
		(visited < g.cfg.maxFeatures || visited <= found+drawn); {
		visited++
		fj := drawn + g.rng.IntN(fi-found-drawn)
		if fj < known {
			g.features[drawn], g.features[fj] = g.features[fj], g.features[drawn]
			drawn++
			continue
		}
		fj += found
		if !g.rows.try(g.features[fj], nd, &best) {
			g.features[fj], g.features[total] = g.features[total], g.features[fj]
			found++
			total++
			continue
		}
		fi--
		g.features[fi], g.features[fj] = g.features[fj], g.features[fi]
	}
	copy(g.features[:known], g.constant[:known])
	copy(g.constant[known:total], g.features[known:total])
	return best, total
}

// stats adds up rows [start, end): [W, w_class0, w_class1, …] for
// classification, [W, Σwy, Σwy²] for regression, W being the total weight.
func (g *grower) stats(start, end int) []float64 {
	size := 3
	if g.d.classes > 0 {
		size = 1 + g.d.classes
	}
	var s []float64
	if n := len(g.pool); n > 0 {
		s, g.pool = g.pool[n-1][:size], g.pool[:n-1]
		clear(s)
	} else {
		s = make([]float64, size)
	}
	g.rows.stats(start, end, s)
	return s
}

// impurity is the Gini impurity or the variance of a node's stats, with
// scikit-learn's formulas.
func (g *grower) impurity(s []float64) float64 {
	w := s[0]
	if g.d.classes > 0 {
		var sq float64
		for _, c := range s[1:] {
			sq += c * c
		}
		return 1 - sq/(w*w)
	}
	mean := s[1] / w
	return s[2]/w - mean*mean
}

// classWeight packs a row's bootstrap count (high 32 bits) and class (low
// 32 bits), so that a scan makes one memory access per row.
func classWeight(class int32, w float64) uint64 { return uint64(w)<<32 | uint64(class) }

// targetWeight is a row's regression target and bootstrap count.
type targetWeight struct{ y, w float64 }

// rowWeights holds every row's bootstrap count with its class
// (classWeight) or target (targetWeight), for the stores indexed by row.
type rowWeights struct {
	classWeight  []uint64
	targetWeight []targetWeight
}

func newRowWeights(d *dataset) rowWeights {
	if d.classes > 0 {
		return rowWeights{classWeight: make([]uint64, d.rows)}
	}
	return rowWeights{targetWeight: make([]targetWeight, d.rows)}
}

// set gives row r of d the bootstrap count w.
func (rw *rowWeights) set(d *dataset, r int, w float64) {
	if rw.classWeight != nil {
		rw.classWeight[r] = classWeight(d.class[r], w)
	} else {
		rw.targetWeight[r] = targetWeight{y: d.y[r], w: w}
	}
}

// add adds row r to stats st (see grower.stats).
func (rw *rowWeights) add(st []float64, r int32) {
	if rw.classWeight != nil {
		addClass(st, rw.classWeight[r])
	} else {
		addTarget(st, rw.targetWeight[r])
	}
}

// addClass and addTarget add one row to stats s (see grower.stats).
func addClass(s []float64, cw uint64) {
	w := float64(cw >> 32)
	s[0] += w
	s[1+uint32(cw)] += w
}

func addTarget(s []float64, tw targetWeight) {
	s[0] += tw.w
	s[1] += tw.w * tw.y
	s[2] += tw.w * tw.y * tw.y
}
