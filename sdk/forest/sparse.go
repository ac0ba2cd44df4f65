package forest

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
)

// sparseColumn is one feature of sparse input: the rows (of the dataset,
// increasing) whose value, as float32 and with missing values filled, is
// not 0, and those values. Every other row holds 0.
type sparseColumn struct {
	rows []int32
	vals []float32
}

// sparseFeature is f's sparseColumn over the kept rows (keptAt maps an
// input row to its row in the dataset, -1 when left out), the missing
// values filled with the mode as in sortColumn.
func sparseFeature(f Feature, keptAt []int32, kept int) sparseColumn {
	var present []float64
	zeros, missing := kept, 0
	for k, r := range f.Rows {
		if keptAt[r] < 0 {
			continue
		}
		switch v := f.Values[k]; {
		case math.IsNaN(v):
			missing++
			zeros--
		case v != 0:
			present = append(present, v)
			zeros--
		}
	}
	var fill float32
	if missing > 0 {
		fill = float32(sparseMode(present, zeros))
	}
	var out sparseColumn
	for k, r := range f.Rows {
		if keptAt[r] < 0 {
			continue
		}
		x := fill
		if v := f.Values[k]; !math.IsNaN(v) {
			x = float32(v)
		}
		if x != 0 {
			out.rows = append(out.rows, keptAt[r])
			out.vals = append(out.vals, x)
		}
	}
	return out
}

// denseFeature is the sparseColumn of a dense feature in sparse input.
func denseFeature(values []float64, keep []int32) sparseColumn {
	col, present, missing := floatColumn(values, keep, nil)
	if len(missing) > 0 {
		fill := float32(modeSorted(values, keep, col, sortRows(col, present, nil)))
		for _, r := range missing {
			col[r] = fill
		}
	}
	var out sparseColumn
	for r, x := range col {
		if x != 0 {
			out.rows = append(out.rows, int32(r))
			out.vals = append(out.vals, x)
		}
	}
	return out
}

// sparseMode is mode over the present non-zero values and zeros zeros:
// the most frequent value, the smallest on a tie; NaN if there is none.
func sparseMode(present []float64, zeros int) float64 {
	slices.Sort(present)
	best, bestCount := math.NaN(), 0
	zeroDone := zeros == 0
	for i := 0; i < len(present); {
		j := i + 1
		for j < len(present) && present[j] == present[i] {
			j++
		}
		if !zeroDone && present[i] > 0 {
			if zeros > bestCount {
				best, bestCount = 0, zeros
			}
			zeroDone = true
		}
		if j-i > bestCount {
			best, bestCount = present[i], j-i
		}
		i = j
	}
	if !zeroDone && zeros > bestCount {
		best = 0
	}
	return best
}

// sparseRows is the row store for sparse input, scikit-learn's
// BestSparseSplitter: a node's rows are [start, end) of a list of row
// numbers, kept increasing within each node by stable partitions. Trying
// a feature gathers the node's non-zero values of it, sorts them, and
// scans the negative ones, the zero rows as one block, then the positive
// ones. Neither a try nor a split touches any other feature.
//
// The scans and sums follow the presorted store's order (by value, then
// row), so that the splits, and the importances, are the dense twin's to
// the last bit.
type sparseRows struct {
	d       *dataset
	minLeaf int
	rows    []int32 // in-bag rows in node order
	at      []int32 // per row, its position in rows; -1 out of bag
	// byValue[start:end] are the rows of the latest nodes by value of the
	// feature that split their parent (the first feature at the root), as
	// sortedRows adds them up.
	byValue []int32
	rowWeights

	found     []entry // a node's non-zero values of one feature
	nonZero   []bool  // per row: among found
	side      []uint8 // per position of the node being partitioned
	scratch   []int32
	leftClass []float64
	zeroClass []float64 // class weights of the zero rows
}

// entry is one non-zero value of a node.
type entry struct {
	v   float32
	row int32
}

func newSparseRows(d *dataset, minLeaf int) *sparseRows {
	return &sparseRows{
		d:          d,
		minLeaf:    minLeaf,
		rows:       make([]int32, 0, d.rows),
		at:         make([]int32, d.rows),
		byValue:    make([]int32, d.rows),
		rowWeights: newRowWeights(d),
		nonZero:    make([]bool, d.rows),
		side:       make([]uint8, d.rows),
		scratch:    make([]int32, d.rows),
		leftClass:  make([]float64, max(d.classes, 1)),
		zeroClass:  make([]float64, max(d.classes, 1)),
	}
}

func (s *sparseRows) load(weight []float64) int {
	s.rows = s.rows[:0]
	for r, w := range weight {
		s.at[r] = -1
		if w > 0 {
			s.at[r] = int32(len(s.rows))
			s.rows = append(s.rows, int32(r))
		}
		s.set(s.d, r, w)
	}
	s.sortNode(0, node{start: 0, end: len(s.rows)})
	return len(s.rows)
}

// gather collects the non-zero values of feature f in nd's rows, in row
// order: by walking the feature's values and keeping those of nd's rows,
// or, when the node is small next to them, by looking each of nd's rows
// up, as scikit-learn's extract_nnz chooses.
func (s *sparseRows) gather(f int, nd node) []entry {
	col := s.d.nonZero[f]
	found := s.found[:0]
	m := nd.end - nd.start
	if m*bits.Len(uint(len(col.rows))) < len(col.rows) {
		rest := col.rows
		for _, r := range s.rows[nd.start:nd.end] { // increasing
			k, ok := slices.BinarySearch(rest, r)
			if ok {
				found = append(found, entry{col.vals[len(col.rows)-len(rest)+k], r})
			}
			rest = rest[k:]
		}
	} else {
		lo, hi := int32(nd.start), int32(nd.end)
		for k, r := range col.rows {
			if p := s.at[r]; p >= lo && p < hi {
				found = append(found, entry{col.vals[k], r})
			}
		}
	}
	s.found = found
	return found
}

// sorted gathers the non-zero values of feature f in nd's rows and sorts
// them by value, then row, and returns them with how many are negative.
func (s *sparseRows) sorted(f int, nd node) (found []entry, neg int) {
	found = s.gather(f, nd)
	if len(found) < 16 { // insertion sort: found is in row order
		for i := 1; i < len(found); i++ {
			for j := i; j > 0 && found[j].v < found[j-1].v; j-- {
				found[j], found[j-1] = found[j-1], found[j]
			}
		}
	} else {
		slices.SortFunc(found, func(a, b entry) int { return cmp.Or(cmp.Compare(a.v, b.v), cmp.Compare(a.row, b.row)) })
	}
	neg, _ = slices.BinarySearchFunc(found, float32(0), func(e entry, v float32) int { return cmp.Compare(e.v, v) })
	return found, neg
}

// eachZero calls fn on nd's rows that hold 0 for the feature whose
// non-zero values in nd are found, in row order.
func (s *sparseRows) eachZero(nd node, found []entry, fn func(row int32)) {
	if len(found) == nd.end-nd.start {
		return
	}
	for _, e := range found {
		s.nonZero[e.row] = true
	}
	for _, r := range s.rows[nd.start:nd.end] {
		if !s.nonZero[r] {
			fn(r)
		}
	}
	for _, e := range found {
		s.nonZero[e.row] = false
	}
}

// walk visits nd's rows in the order of the presorted store, by value of
// the feature whose sorted non-zero values in nd are found (neg of them
// negative): it adds each non-zero row with addRow and the zero rows, as
// one block, with addZeros, and between two values more than
// featureThreshold apart, leaving at least minLeaf rows on each side,
// calls threshold with the number of rows added so far.
func (s *sparseRows) walk(nd node, found []entry, neg int, addRow func(row int32), addZeros func(), threshold func(left int)) {
	n := nd.end - nd.start
	zeros := n - len(found)
	left, prev := 0, float32(0)
	next := func(v float32) {
		if left > 0 && float64(v) > float64(prev)+featureThreshold && left >= s.minLeaf && n-left >= s.minLeaf {
			threshold(left)
		}
		prev = v
	}
	for i := 0; i <= len(found); i++ {
		if i == neg && zeros > 0 {
			next(0)
			addZeros()
			left += zeros
		}
		if i < len(found) {
			next(found[i].v)
			addRow(found[i].row)
			left++
		}
	}
}

func (s *sparseRows) try(f int, nd node, best *split) bool {
	found, neg := s.sorted(f, nd)
	if len(found) == 0 {
		return false // every row holds 0
	}
	lo, hi := found[0].v, found[len(found)-1].v
	if len(found) < nd.end-nd.start {
		lo, hi = min(lo, 0), max(hi, 0)
	}
	if float64(hi) <= float64(lo)+featureThreshold {
		return false
	}
	if s.d.classes > 0 {
		s.scanGini(f, nd, found, neg, best)
	} else {
		s.scanSquared(f, nd, found, neg, best)
	}
	return true
}

// scanGini is sortedRows.scanGini over the sorted non-zero values found,
// with the zero rows added at once after the first neg of them: as the
// weights are whole numbers, the sums are exactly those of adding them
// one by one, and so are the splits.
func (s *sparseRows) scanGini(f int, nd node, found []entry, neg int, best *split) {
	cw := s.classWeight
	leftW, zeroW := s.leftClass, s.zeroClass
	clear(leftW)
	total, nodeW := nd.stats[0], nd.stats[1:]
	copy(zeroW, nodeW)
	for _, e := range found {
		x := cw[e.row]
		zeroW[uint32(x)] -= float64(x >> 32)
	}
	var sqRight float64
	for _, w := range nodeW {
		sqRight += w * w
	}
	var wl, sqLeft float64
	add := func(c int, w float64) {
		l := leftW[c]
		r := nodeW[c] - l
		sqLeft += w * (2*l + w)
		sqRight += w * (w - 2*r)
		leftW[c] = l + w
		wl += w
	}
	s.walk(nd, found, neg,
		func(row int32) { x := cw[row]; add(int(uint32(x)), float64(x>>32)) },
		func() {
			for c, w := range zeroW {
				add(c, w)
			}
		},
		func(left int) {
			if proxy := sqLeft/wl + sqRight/(total-wl); proxy > best.proxy {
				*best = split{feature: f, pos: nd.start + left, proxy: proxy}
			}
		})
}

// scanSquared is sortedRows.scanSquared over the sorted non-zero values
// found, with the zero rows after the first neg of them. Sums of real
// numbers depend on their order, so the zero rows are added one by one, in
// row order, as the presorted scan adds them.
func (s *sparseRows) scanSquared(f int, nd node, found []entry, neg int, best *split) {
	tw := s.targetWeight
	total, sum := nd.stats[0], nd.stats[1]
	var wl, sl float64
	add := func(row int32) {
		x := tw[row]
		wl += x.w
		sl += x.w * x.y
	}
	s.walk(nd, found, neg, add,
		func() { s.eachZero(nd, found, add) },
		func(left int) {
			sr := sum - sl
			if proxy := sl*sl/wl + sr*sr/(total-wl); proxy > best.proxy {
				*best = split{feature: f, pos: nd.start + left, proxy: proxy}
			}
		})
}

// sortNode writes nd's rows by value of feature f to byValue.
func (s *sparseRows) sortNode(f int, nd node) {
	found, neg := s.sorted(f, nd)
	i := nd.start
	put := func(r int32) {
		s.byValue[i] = r
		i++
	}
	s.walk(nd, found, neg, put, func() { s.eachZero(nd, found, put) }, func(int) {})
}

// partition moves the rows that sort before the split's position, by
// value of its feature, before the others, keeping both sides in row
// order; and lists the node's rows by that value for the children's sums.
func (s *sparseRows) partition(nd node, sp split, _ []bool) {
	s.sortNode(sp.feature, nd)
	rows := s.rows[nd.start:nd.end]
	side := s.side[:len(rows)]
	clear(side)
	for _, r := range s.byValue[nd.start:sp.pos] {
		side[s.at[r]-int32(nd.start)] = 1
	}
	stablePartition(rows, s.scratch[:len(rows)], side)
	for i, r := range rows {
		s.at[r] = int32(nd.start + i)
	}
}

func (s *sparseRows) stats(start, end int, st []float64) {
	for _, r := range s.byValue[start:end] {
		s.add(st, r)
	}
}
