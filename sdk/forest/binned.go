package forest

// maxBins is the most bins a feature is grouped into on big inputs, as in
// scikit-learn's HistGradientBoosting and LightGBM.
const maxBins = 255

// binnedRows is the row store for big inputs: every feature's values are
// bin numbers (one byte). A node's rows are [start, end) of a list of row
// numbers, as in scikit-learn's splitter; trying a feature builds a
// histogram of the node's rows over its bins and scans the bins, and a
// split partitions the list only. A try reads one byte per row of the
// drawn feature, never sorts, and touches no other feature.
type binnedRows struct {
	d       *dataset
	minLeaf int
	bins    [][]uint8 // [feature][in-bag row]
	rows    []int32   // in-bag rows (indexes into bins) in node order
	// classWeight or targetWeight per position of rows.
	classWeight  []uint64
	targetWeight []targetWeight

	goesLeft     []uint8 // per position of the node being partitioned
	scratch      []int32
	scratchClass []uint64
	scratchTW    []targetWeight

	// Histogram of one feature at one node: rows and, per class, weight
	// (classification) or weight and Σwy (regression) per bin.
	count     [maxBins]int
	classHist []uint32 // [bin*classes + class]; weights are whole numbers
	wHist     [maxBins]float64
	yHist     [maxBins]float64
	leftClass []float64

	// block holds the bins of the rows at positions [blockStart,
	// blockEnd), a subtree small enough for the processor's cache, copied
	// together; while its subtree grows, rows there index the block.
	block                           []uint8 // [feature*blockRows + row]
	blockStart, blockEnd, blockRows int
}

// blockBytes bounds a block: about a quarter of a core's L2 cache.
const blockBytes = 256 << 10

// column returns feature f's bins for node nd, indexed by the values in
// rows[nd.start:nd.end]. The first node small enough for a block gets one,
// and its descendants use it: once a subtree fits in cache, its many
// small nodes stop reading all over the full columns.
func (b *binnedRows) column(f int, nd node) []uint8 {
	if b.blockEnd > b.blockStart && nd.start >= b.blockStart && nd.end <= b.blockEnd {
		return b.block[f*b.blockRows : (f+1)*b.blockRows]
	}
	m := nd.end - nd.start
	if m*b.d.features > blockBytes {
		return b.bins[f]
	}
	rows := b.rows[nd.start:nd.end]
	b.block = b.block[:m*b.d.features]
	for g, col := range b.bins {
		dst := b.block[g*m : (g+1)*m]
		for i, r := range rows {
			dst[i] = col[r]
		}
	}
	for i := range rows {
		rows[i] = int32(i)
	}
	b.blockStart, b.blockEnd, b.blockRows = nd.start, nd.end, m
	return b.block[f*m : (f+1)*m]
}

func newBinnedRows(d *dataset, minLeaf int) *binnedRows {
	b := &binnedRows{
		d:        d,
		minLeaf:  minLeaf,
		bins:     make([][]uint8, d.features),
		rows:     make([]int32, 0, d.rows),
		goesLeft: make([]uint8, d.rows),
		scratch:  make([]int32, d.rows),
		block:    make([]uint8, 0, blockBytes),
	}
	for f := range b.bins {
		b.bins[f] = make([]uint8, 0, d.rows)
	}
	if d.classes > 0 {
		b.classWeight = make([]uint64, 0, d.rows)
		b.scratchClass = make([]uint64, d.rows)
		b.classHist = make([]uint32, maxBins*d.classes)
		b.leftClass = make([]float64, d.classes)
	} else {
		b.targetWeight = make([]targetWeight, 0, d.rows)
		b.scratchTW = make([]targetWeight, d.rows)
	}
	return b
}

func (b *binnedRows) load(weight []float64) int {
	d := b.d
	b.rows = b.rows[:0]
	b.classWeight, b.targetWeight = b.classWeight[:0], b.targetWeight[:0]
	for r, w := range weight {
		if w == 0 {
			continue
		}
		b.rows = append(b.rows, int32(r))
		if d.classes > 0 {
			b.classWeight = append(b.classWeight, classWeight(d.class[r], w))
		} else {
			b.targetWeight = append(b.targetWeight, targetWeight{y: d.y[r], w: w})
		}
	}
	// Keep the in-bag rows only, so that each column is smaller and stays
	// in cache, and number them 0..n-1.
	for f, col := range d.bins {
		dst := b.bins[f][:len(b.rows)]
		for i, r := range b.rows {
			dst[i] = col[r]
		}
		b.bins[f] = dst
	}
	for i := range b.rows {
		b.rows[i] = int32(i)
	}
	b.blockStart, b.blockEnd = 0, 0
	return len(b.rows)
}

func (b *binnedRows) try(f int, nd node, best *split) bool {
	if b.d.classes > 0 {
		return b.scanGini(f, nd, best)
	}
	return b.scanSquared(f, nd, best)
}

// scanGini is sortedRows.scanGini over bins: it builds the node's
// histogram in one pass, then tries the thresholds between non-empty bins.
// The histogram is all zero between calls.
func (b *binnedRows) scanGini(f int, nd node, best *split) bool {
	k := b.d.classes
	col, rows, cw := b.column(f, nd), b.rows[nd.start:nd.end], b.classWeight[nd.start:nd.end]
	lo, hi := maxBins, 0
	for i, r := range rows {
		v, x := int(col[r]), cw[i]
		lo, hi = min(lo, v), max(hi, v)
		b.count[v]++
		b.classHist[v*k+int(uint32(x))] += uint32(x >> 32)
	}
	defer b.reset(col, rows, lo, hi)
	if lo == hi {
		return false
	}
	leftW := b.leftClass
	clear(leftW)
	total, nodeW := nd.stats[0], nd.stats[1:]
	var sqRight float64
	for _, w := range nodeW {
		sqRight += w * w
	}
	var wl, sqLeft float64
	n, left := len(rows), 0
	for bin := lo; bin < hi; bin++ {
		if b.count[bin] == 0 {
			continue
		}
		for c, hw := range b.classHist[bin*k : (bin+1)*k] {
			w := float64(hw)
			l := leftW[c]
			r := nodeW[c] - l
			sqLeft += w * (2*l + w)
			sqRight += w * (w - 2*r)
			leftW[c] = l + w
			wl += w
		}
		left += b.count[bin]
		if left < b.minLeaf || n-left < b.minLeaf {
			continue
		}
		if proxy := sqLeft/wl + sqRight/(total-wl); proxy > best.proxy {
			*best = split{feature: f, pos: nd.start + left, bin: bin, proxy: proxy}
		}
	}
	return true
}

// scanSquared is sortedRows.scanSquared over bins, as scanGini.
func (b *binnedRows) scanSquared(f int, nd node, best *split) bool {
	col, rows, tw := b.column(f, nd), b.rows[nd.start:nd.end], b.targetWeight[nd.start:nd.end]
	lo, hi := maxBins, 0
	for i, r := range rows {
		v, x := int(col[r]), tw[i]
		lo, hi = min(lo, v), max(hi, v)
		b.count[v]++
		b.wHist[v] += x.w
		b.yHist[v] += x.w * x.y
	}
	defer b.reset(col, rows, lo, hi)
	if lo == hi {
		return false
	}
	total, sum := nd.stats[0], nd.stats[1]
	var wl, sl float64
	n, left := len(rows), 0
	for bin := lo; bin < hi; bin++ {
		if b.count[bin] == 0 {
			continue
		}
		wl += b.wHist[bin]
		sl += b.yHist[bin]
		left += b.count[bin]
		if left < b.minLeaf || n-left < b.minLeaf {
			continue
		}
		sr := sum - sl
		if proxy := sl*sl/wl + sr*sr/(total-wl); proxy > best.proxy {
			*best = split{feature: f, pos: nd.start + left, bin: bin, proxy: proxy}
		}
	}
	return true
}

// reset zeroes the histogram bins lo..hi, visiting only the bins of rows
// when there are fewer rows than bins.
func (b *binnedRows) reset(col []uint8, rows []int32, lo, hi int) {
	k := b.d.classes
	if len(rows) < hi-lo {
		for _, r := range rows {
			v := int(col[r])
			b.count[v] = 0
			if k > 0 {
				clear(b.classHist[v*k : (v+1)*k])
			} else {
				b.wHist[v], b.yHist[v] = 0, 0
			}
		}
		return
	}
	clear(b.count[lo : hi+1])
	if k > 0 {
		clear(b.classHist[lo*k : (hi+1)*k])
	} else {
		clear(b.wHist[lo : hi+1])
		clear(b.yHist[lo : hi+1])
	}
}

// partition moves the rows going left, and their weights, to the front of
// nd's range, keeping their order. Columns stay as they are.
func (b *binnedRows) partition(nd node, sp split, _ []bool) {
	rows := b.rows[nd.start:nd.end]
	side, col := b.goesLeft[:len(rows)], b.column(sp.feature, nd)
	for i, r := range rows {
		side[i] = 0
		if int(col[r]) <= sp.bin {
			side[i] = 1
		}
	}
	stablePartition(rows, b.scratch[:len(rows)], side)
	if b.d.classes > 0 {
		stablePartition(b.classWeight[nd.start:nd.end], b.scratchClass[:len(rows)], side)
	} else {
		stablePartition(b.targetWeight[nd.start:nd.end], b.scratchTW[:len(rows)], side)
	}
}

// stablePartition moves the elements of s whose side is 1 to the front,
// keeping the order on both sides; scratch is as long as s.
func stablePartition[T any](s, scratch []T, side []uint8) {
	l, r := 0, 0
	// Branch-free: which side a row goes is unpredictable.
	for i, v := range s {
		b := int(side[i])
		s[l] = v
		scratch[r] = v
		l += b
		r += 1 - b
	}
	copy(s[l:], scratch[:r])
}

func (b *binnedRows) stats(start, end int, st []float64) {
	if b.d.classes > 0 {
		for _, x := range b.classWeight[start:end] {
			addClass(st, x)
		}
		return
	}
	for _, x := range b.targetWeight[start:end] {
		addTarget(st, x)
	}
}

// binColumn numbers the values of col by rank into at most maxBins bins of
// about equal row counts, given the rows by increasing value (see binEnds).
// It reports whether the column had more distinct values than bins, that
// is whether binning lost thresholds. Its scratch is sc's (nil: new).
func binColumn(col []float32, order []int32, bins []uint8, sc *binScratch) (lossy bool) {
	if sc == nil {
		sc = new(binScratch)
	}
	sorted := resize(&sc.sorted, len(order))
	for i, r := range order {
		sorted[i] = col[r]
	}
	ends, distinct := binEnds(sorted)
	start := 0
	for b, end := range ends {
		for _, r := range order[start:end] {
			bins[r] = uint8(b)
		}
		start = end
	}
	return distinct > maxBins
}

// binEnds groups sorted values into at most maxBins bins of about equal
// counts and returns where each bin ends (one past its last value) and how
// many distinct values there are. Values closer than featureThreshold are
// one value, and one value never spans two bins: when they fit, every
// distinct value has a bin of its own.
func binEnds(sorted []float32) (ends []int, distinct int) {
	n := len(sorted)
	distinct = 1
	for i := 1; i < n; i++ {
		if float64(sorted[i]) > float64(sorted[i-1])+featureThreshold {
			distinct++
		}
	}
	for i := 0; i < n; {
		j := i + 1
		for j < n && float64(sorted[j]) <= float64(sorted[j-1])+featureThreshold {
			j++
		}
		// One bin per value when they fit; else close the bin once it
		// reaches its share of the values.
		if bin := len(ends); distinct <= maxBins || (j*maxBins >= (bin+1)*n && bin < maxBins-1) {
			ends = append(ends, j)
		}
		i = j
	}
	if len(ends) == 0 || ends[len(ends)-1] != n {
		ends = append(ends, n) // the last bin takes the rest
	}
	return ends, distinct
}
