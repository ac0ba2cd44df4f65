package forest

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"sync"
)

// dataset is the prepared training table: kept features only, no missing
// values, rows without a target removed.
type dataset struct {
	rows, features int
	index          []int     // per feature, its position in Input.Features
	classes        int       // 0 for regression
	class          []int32   // classification target
	y              []float64 // regression target

	// Exact: per feature, the rows by increasing value (ties by row) and
	// those values, as float32 as in scikit-learn's tree code.
	order  [][]int32
	sorted [][]float32
	// Binned: per feature, every row's bin (see binFeature), and whether
	// some feature had more distinct values than bins.
	bins  [][]uint8
	lossy bool
	// Sparse: per feature, its non-zero values (see sparseColumn).
	nonZero []sparseColumn
}

// prepare validates in, drops rows without a target and mostly-missing
// features, fills missing values with the mode and sorts every feature, or
// bins them when more than cfg.exactRows rows remain (see binFeature), or
// keeps their non-zero values only when some feature is sparse. It returns the
// dataset, every feature's Ranked entry (importance 0) and the number of
// rows dropped.
func prepare(ctx context.Context, in Input, cfg config) (*dataset, []Ranked, int, error) {
	n := len(in.Target)
	if n > math.MaxInt32 {
		return nil, nil, 0, fmt.Errorf("forest: %d rows; at most %d fit", n, math.MaxInt32)
	}
	sparse := false
	for _, f := range in.Features {
		if err := checkShape(f, n); err != nil {
			return nil, nil, 0, err
		}
		sparse = sparse || f.Sparse
	}
	keep := make([]int32, 0, n)
	for i, v := range in.Target {
		switch {
		case math.IsNaN(v):
			continue
		case math.IsInf(v, 0):
			return nil, nil, 0, fmt.Errorf("forest: target row %d is infinite", i)
		case in.Classes > 0 && (v != math.Trunc(v) || v < 0 || v >= float64(in.Classes)):
			return nil, nil, 0, fmt.Errorf("forest: target row %d is %v; want a class code 0..%d", i, v, in.Classes-1)
		}
		keep = append(keep, int32(i))
	}
	if len(keep) == 0 {
		return nil, nil, 0, fmt.Errorf("forest: no row has a target value (%d rows)", n)
	}
	d := &dataset{rows: len(keep), classes: in.Classes}
	if in.Classes > 0 {
		d.class = make([]int32, len(keep))
		for r, i := range keep {
			d.class[r] = int32(in.Target[i])
		}
	} else {
		d.y = make([]float64, len(keep))
		for r, i := range keep {
			d.y[r] = in.Target[i]
		}
	}

	var keptAt []int32 // per input row, its row in d, or -1
	if sparse {
		keptAt = make([]int32, n)
		for i := range keptAt {
			keptAt[i] = -1
		}
		for r, i := range keep {
			keptAt[i] = int32(r)
		}
	}
	ranked := make([]Ranked, len(in.Features))
	for i, f := range in.Features {
		ranked[i] = Ranked{Name: f.Name, Index: i}
		check := func(r int32, v float64) error {
			switch {
			case math.IsNaN(v):
				ranked[i].Missing++
			case math.IsInf(v, 0):
				return fmt.Errorf("forest: feature %q row %d is infinite", f.Name, r)
			case f.Categorical && (v != math.Trunc(v) || v < 0):
				return fmt.Errorf("forest: feature %q row %d is %v; want a category code 0, 1, 2, …", f.Name, r, v)
			}
			return nil
		}
		if f.Sparse {
			for k, r := range f.Rows {
				if keptAt[r] >= 0 {
					if err := check(r, f.Values[k]); err != nil {
						return nil, nil, 0, err
					}
				}
			}
		} else {
			for _, r := range keep {
				if err := check(r, f.Values[r]); err != nil {
					return nil, nil, 0, err
				}
			}
		}
		if float64(ranked[i].Missing)/float64(len(keep)) >= MostlyMissingShare {
			ranked[i].Dropped = MostlyMissing
			continue
		}
		d.index = append(d.index, i)
	}

	d.features = len(d.index)
	if sparse {
		d.nonZero = make([]sparseColumn, d.features)
		err := forEach(ctx, d.features, cfg.workers, func(c int) {
			if f := in.Features[d.index[c]]; f.Sparse {
				d.nonZero[c] = sparseFeature(f, keptAt, len(keep))
			} else {
				d.nonZero[c] = denseFeature(f.Values, keep)
			}
		})
		if err != nil {
			return nil, nil, 0, err
		}
		return d, ranked, n - len(keep), nil
	}
	binned := d.rows > cfg.exactRows
	var sample []int32 // the rows binned features find their edges on
	if binned {
		d.bins = make([][]uint8, d.features)
		if d.rows > cfg.binSample {
			sample = samplePositions(d.rows, cfg.binSample, cfg.seed)
		}
	} else {
		d.order = make([][]int32, d.features)
		d.sorted = make([][]float32, d.features)
	}
	lossy := make([]bool, d.features)
	err := forEach(ctx, d.features, cfg.workers, func(c int) {
		values := in.Features[d.index[c]].Values
		if binned {
			d.bins[c] = make([]uint8, len(keep))
			lossy[c], _ = binFeature(values, keep, sample, d.bins[c])
			return
		}
		col, order := sortColumn(values, keep, nil) // kept: new buffers
		d.order[c] = order
		d.sorted[c] = make([]float32, len(col))
		for i, r := range order {
			d.sorted[c][i] = col[r]
		}
	})
	if err != nil {
		return nil, nil, 0, err
	}
	d.lossy = slices.Contains(lossy, true)
	return d, ranked, n - len(keep), nil
}

// checkShape checks that f has a value for each of n rows, or, sparse,
// one per listed row, the rows increasing and within n.
func checkShape(f Feature, n int) error {
	if !f.Sparse {
		if len(f.Values) != n {
			return fmt.Errorf("forest: feature %q has %d values for %d targets", f.Name, len(f.Values), n)
		}
		return nil
	}
	if len(f.Rows) != len(f.Values) {
		return fmt.Errorf("forest: sparse feature %q has %d rows for %d values", f.Name, len(f.Rows), len(f.Values))
	}
	for k, r := range f.Rows {
		if r < 0 || int(r) >= n || (k > 0 && r <= f.Rows[k-1]) {
			return fmt.Errorf("forest: sparse feature %q: row %d (the %d-th listed) is out of order or outside the %d rows", f.Name, r, k+1, n)
		}
	}
	return nil
}

// sortColumn picks the kept rows of values as float32, as scikit-learn's
// trees see them, fills missing values with the mode, and returns the
// column with its rows by increasing value, ties by row. Both are in sc's
// buffers, good until sc's next use; with sc nil they are new.
func sortColumn(values []float64, keep []int32, sc *binScratch) (col []float32, order []int32) {
	if sc == nil {
		sc = new(binScratch)
	}
	col, present, missing := floatColumn(values, keep, sc)
	order = sortRows(col, present, sc)
	if len(missing) == 0 {
		return col, order
	}
	fill := float32(modeSorted(values, keep, col, order))
	if fill == 0 {
		fill = 0 // -0 and 0 are one value
	}
	for _, r := range missing {
		col[r] = fill
	}
	// The filled rows join the run of their value, in row order.
	lo, _ := slices.BinarySearchFunc(order, fill, func(r int32, v float32) int { return cmp.Compare(col[r], v) })
	hi := lo
	for hi < len(order) && col[order[hi]] == fill {
		hi++
	}
	merged := resize(&sc.merged, len(keep))[:0]
	merged = append(merged, order[:lo]...)
	run := order[lo:hi]
	for len(run) > 0 && len(missing) > 0 {
		if run[0] < missing[0] {
			merged, run = append(merged, run[0]), run[1:]
		} else {
			merged, missing = append(merged, missing[0]), missing[1:]
		}
	}
	merged = append(append(append(merged, run...), missing...), order[hi:]...)
	return col, merged
}

// floatColumn picks the kept rows of values as float32, -0 as 0 and a
// missing value as 0, and lists the rows (positions in keep) with and
// without a value; col and present are in sc's buffers (see sortColumn).
func floatColumn(values []float64, keep []int32, sc *binScratch) (col []float32, present, missing []int32) {
	if sc == nil {
		sc = new(binScratch)
	}
	col = resize(&sc.col, len(keep))
	present = resize(&sc.present, len(keep))[:0]
	for r, i := range keep {
		v := values[i]
		if math.IsNaN(v) {
			col[r] = 0
			missing = append(missing, int32(r))
			continue
		}
		if v == 0 {
			v = 0 // -0 and 0 are one value
		}
		col[r] = float32(v)
		present = append(present, int32(r))
	}
	return col, present, missing
}

// mode is the most frequent non-missing value among the kept rows, the
// smallest on a tie, as pandas' DataFrame.mode().iloc[0]; NaN if none.
func mode(values []float64, keep []int32) float64 {
	col, present, _ := floatColumn(values, keep, nil)
	return modeSorted(values, keep, col, sortRows(col, present, nil))
}

// modeSorted is mode given the present rows sorted by their float32
// value. Equal float64 values share a float32 run, so only runs holding
// several float64 values need sorting.
func modeSorted(values []float64, keep []int32, col []float32, order []int32) float64 {
	best, bestCount := math.NaN(), 0
	var run []float64
	for i := 0; i < len(order); {
		j := i + 1
		for j < len(order) && col[order[j]] == col[order[i]] {
			j++
		}
		if j-i <= bestCount {
			i = j // cannot beat best, nor tie it with a smaller value
			continue
		}
		run = run[:0]
		for _, r := range order[i:j] {
			run = append(run, values[keep[r]])
		}
		if slices.ContainsFunc(run, func(v float64) bool { return v != run[0] }) {
			slices.Sort(run)
		}
		for a := 0; a < len(run); {
			b := a + 1
			for b < len(run) && run[b] == run[a] {
				b++
			}
			if b-a > bestCount {
				best, bestCount = run[a], b-a
			}
			a = b
		}
		i = j
	}
	return best
}

// sortRows sorts rows by their value in col, ties keeping their order: a
// stable LSD radix sort on the values' bits, skipping bytes that are the
// same in every value (common for category codes). The result is rows or
// one of sc's buffers (see sortColumn).
func sortRows(col []float32, rows []int32, sc *binScratch) []int32 {
	if sc == nil {
		sc = new(binScratch)
	}
	n := len(rows)
	keys := resize(&sc.keys, n)
	var and, or uint32 = math.MaxUint32, 0
	for i, r := range rows {
		k := orderedBits(col[r])
		keys[i] = k
		and &= k
		or |= k
	}
	keys2 := resize(&sc.keys2, n)
	rows2 := resize(&sc.rows2, n)
	for shift := uint(0); shift < 32; shift += 8 {
		if (and>>shift)&0xff == (or>>shift)&0xff {
			continue // every key has the same byte here
		}
		var count [257]int
		for _, k := range keys {
			count[(k>>shift)&0xff+1]++
		}
		for b := 1; b < 257; b++ {
			count[b] += count[b-1]
		}
		for i, k := range keys {
			b := (k >> shift) & 0xff
			keys2[count[b]] = k
			rows2[count[b]] = rows[i]
			count[b]++
		}
		keys, keys2 = keys2, keys
		rows, rows2 = rows2, rows
	}
	return rows
}

// orderedBits maps a float32 to a uint32 with the same order.
func orderedBits(v float32) uint32 {
	b := math.Float32bits(v)
	if b>>31 == 1 {
		return ^b
	}
	return b | 1<<31
}

// forEach calls fn(0..n-1) on up to workers goroutines and stops early,
// returning the error, when ctx ends.
func forEach(ctx context.Context, n, workers int, fn func(i int)) error {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(max(workers, 1), max(n, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	var err error
feed:
	for i := range n {
		select {
		case next <- i:
		case <-ctx.Done():
			err = fmt.Errorf("forest: %w", ctx.Err())
			break feed
		}
	}
	close(next)
	wg.Wait()
	return err
}
