package forest

// sortedRows is the exact row store, classic presorted CART: for every
// feature, the in-bag rows by increasing value, segmented by node. A split
// partitions every feature's segment stably, so no node ever sorts; the
// cost is touching every feature's list at every split, and scanning the
// drawn ones.
type sortedRows struct {
	d       *dataset
	minLeaf int
	// valid is a feature whose list is segmented at the latest nodes.
	valid int
	// rows[f][start:end] are a node's rows by increasing value of f, and
	// values[f][start:end] their values, read in order by scans.
	rows   [][]int32
	values [][]float32
	rowWeights
	inBag       []uint64 // bitset over rows
	goesLeft    []uint64 // bitset over rows, the left child during partition
	scratch     []int32
	scratchVals []float32
	leftClass   []float64 // class weights left of the scan position
}

func newSortedRows(d *dataset, minLeaf int) *sortedRows {
	s := &sortedRows{
		d:           d,
		minLeaf:     minLeaf,
		rows:        make([][]int32, d.features),
		values:      make([][]float32, d.features),
		inBag:       make([]uint64, (d.rows+63)/64),
		goesLeft:    make([]uint64, (d.rows+63)/64),
		scratch:     make([]int32, d.rows),
		scratchVals: make([]float32, d.rows),
		leftClass:   make([]float64, max(d.classes, 1)),
	}
	for f := range s.rows {
		s.rows[f] = make([]int32, 0, d.rows)
		s.values[f] = make([]float32, 0, d.rows)
	}
	s.rowWeights = newRowWeights(d)
	return s
}

func (s *sortedRows) load(weight []float64) int {
	d := s.d
	clear(s.inBag)
	for r, w := range weight {
		if w > 0 {
			s.inBag[r>>6] |= 1 << (r & 63)
		}
		s.set(d, r, w)
	}
	for f, order := range d.order {
		rows, vals, sorted := s.rows[f][:0], s.values[f][:0], d.sorted[f]
		for i, r := range order {
			if s.inBag[r>>6]>>(r&63)&1 != 0 {
				rows = append(rows, r)
				vals = append(vals, sorted[i])
			}
		}
		s.rows[f], s.values[f] = rows, vals
	}
	s.valid = 0
	return len(s.rows[0])
}

func (s *sortedRows) try(f int, nd node, best *split) bool {
	vals := s.values[f][nd.start:nd.end]
	if float64(vals[len(vals)-1]) <= float64(vals[0])+featureThreshold {
		return false
	}
	if s.d.classes > 0 {
		s.scanGini(f, nd, best)
	} else {
		s.scanSquared(f, nd, best)
	}
	return true
}

// scanGini tries every threshold of feature f at nd for classification. It
// maximises Σ left_k²/W_left + Σ right_k²/W_right, which is equivalent to
// minimising the children's weighted Gini impurity; with whole-number
// weights the running sums are exact.
func (s *sortedRows) scanGini(f int, nd node, best *split) {
	rows, vals, cw := s.rows[f][nd.start:nd.end], s.values[f][nd.start:nd.end], s.classWeight
	leftW := s.leftClass
	clear(leftW)
	total, nodeW := nd.stats[0], nd.stats[1:]
	var sqRight float64
	for _, w := range nodeW {
		sqRight += w * w
	}
	var wl, sqLeft float64
	minLeaf, n := s.minLeaf, len(rows)
	for p := range n - 1 {
		x := cw[rows[p]]
		c, w := uint32(x), float64(x>>32)
		l := leftW[c]
		r := nodeW[c] - l
		sqLeft += w * (2*l + w)
		sqRight += w * (w - 2*r)
		leftW[c] = l + w
		wl += w
		if float64(vals[p+1]) <= float64(vals[p])+featureThreshold {
			continue
		}
		if p+1 < minLeaf || n-p-1 < minLeaf {
			continue
		}
		if proxy := sqLeft/wl + sqRight/(total-wl); proxy > best.proxy {
			*best = split{feature: f, pos: nd.start + p + 1, proxy: proxy}
		}
	}
}

// scanSquared tries every threshold of feature f at nd for regression,
// maximising sum_left²/W_left + sum_right²/W_right as scikit-learn's
// squared-error criterion does.
func (s *sortedRows) scanSquared(f int, nd node, best *split) {
	rows, vals, tw := s.rows[f][nd.start:nd.end], s.values[f][nd.start:nd.end], s.targetWeight
	total, sum := nd.stats[0], nd.stats[1]
	var wl, sl float64
	minLeaf, n := s.minLeaf, len(rows)
	for p := range n - 1 {
		x := tw[rows[p]]
		wl += x.w
		sl += x.w * x.y
		if float64(vals[p+1]) <= float64(vals[p])+featureThreshold {
			continue
		}
		if p+1 < minLeaf || n-p-1 < minLeaf {
			continue
		}
		sr := sum - sl
		if proxy := sl*sl/wl + sr*sr/(total-wl); proxy > best.proxy {
			*best = split{feature: f, pos: nd.start + p + 1, proxy: proxy}
		}
	}
}

// partition splits every other feature's segment of nd stably, rows going
// left first.
func (s *sortedRows) partition(nd node, sp split, skip []bool) {
	leftRows := s.rows[sp.feature][nd.start:sp.pos]
	for _, r := range leftRows {
		s.goesLeft[r>>6] |= 1 << (r & 63)
	}
	for f := range s.rows {
		if f == sp.feature || skip[f] {
			continue
		}
		rows, vals := s.rows[f][nd.start:nd.end], s.values[f][nd.start:nd.end]
		rows2, vals2 := s.scratch[:len(rows)], s.scratchVals[:len(rows)]
		l, r := 0, 0
		// Branch-free: which side a row goes is unpredictable.
		for i, row := range rows {
			v := vals[i]
			b := int(s.goesLeft[row>>6] >> (row & 63) & 1)
			rows[l], vals[l] = row, v
			rows2[r], vals2[r] = row, v
			l += b
			r += 1 - b
		}
		copy(rows[l:], rows2[:r])
		copy(vals[l:], vals2[:r])
	}
	for _, r := range leftRows {
		s.goesLeft[r>>6] &^= 1 << (r & 63)
	}
	s.valid = sp.feature
}

func (s *sortedRows) stats(start, end int, st []float64) {
	for _, r := range s.rows[s.valid][start:end] {
		s.add(st, r)
	}
}
