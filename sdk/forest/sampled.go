package forest

import (
	"math"
	"math/bits"
	"math/rand/v2"
	"sync"
)

// DefaultBinSample is how many rows a binned feature's bin edges are
// chosen from, as LightGBM's bin_construct_sample_cnt: above it, the edges
// are quantiles of a sample of that many rows instead of all of them, and
// every row then takes the bin its value falls in.
const DefaultBinSample = 200_000

// samplePositions draws k of the positions 0..n-1 without replacement,
// uniformly (Floyd's algorithm), and returns them increasing. The draw
// depends on seed only, so every feature shares it whatever the workers.
func samplePositions(n, k int, seed uint64) []int32 {
	rng := rand.New(rand.NewPCG(splitmix(seed^0x6c62696e), splitmix(seed+0x73616d70)))
	taken := make([]uint64, (n+63)/64)
	for j := n - k; j < n; j++ {
		t := rng.IntN(j + 1)
		if taken[t/64]&(1<<(t%64)) != 0 {
			t = j // j was never drawn before: its turn comes now
		}
		taken[t/64] |= 1 << (t % 64)
	}
	out := make([]int32, 0, k)
	for w, word := range taken {
		for word != 0 {
			out = append(out, int32(w*64+bits.TrailingZeros64(word)))
			word &= word - 1
		}
	}
	return out
}

// binScratch holds one worker's buffers for binFeature, from one feature
// to the next: a column's are garbage once it is binned, 24 bytes a row.
type binScratch struct {
	keys, keys2            []uint32
	col, sorted            []float32
	present, rows2, merged []int32
	edges                  binEdges
	mode                   modeScratch
}

var binScratches = sync.Pool{New: func() any { return new(binScratch) }}

// binFeature bins the kept rows of values into bins: with edges found on
// the sample's rows if there is a sample and they suffice (see binSampled),
// else exactly. It reports whether the column had more distinct values
// than bins, and whether the sample sufficed.
func binFeature(values []float64, keep, sample []int32, bins []uint8) (lossy, sampled bool) {
	sc := binScratches.Get().(*binScratch)
	defer binScratches.Put(sc)
	if sample != nil {
		if lossy, sampled = binSampled(values, keep, sample, bins, sc); sampled {
			return lossy, true
		}
	}
	col, order := sortColumn(values, keep, sc)
	return binColumn(col, order, bins, sc), false
}

// missingBin marks a missing value in bins until it takes its mode's bin;
// no bin has that number (maxBins is 255).
const missingBin = maxBins

// binSampled bins the kept rows of values with edges found on the present
// values at the positions of sample, writing every row's bin to bins,
// without sorting the column; missing values take the bin of the mode.
// When the sample's distinct values fit the bins, each gets its own bin and
// every row must hold one of them (see binEdges.covered); a row that does
// not, a value the sample missed, means that the column may have more
// distinct values than the sample, and binSampled gives up, returning ok
// false, for the column to be binned exactly. Otherwise lossy is true: the
// column has more distinct values than bins, and the edges are the
// sample's quantiles.
func binSampled(values []float64, keep, sample []int32, bins []uint8, sc *binScratch) (lossy, ok bool) {
	keys := resize(&sc.keys, len(sample))[:0]
	for _, p := range sample {
		if v := float32(values[keep[p]]); v == v {
			keys = append(keys, valueKey(v))
		}
	}
	if len(keys) == 0 {
		return false, false
	}
	keys = sortKeys(keys, resize(&sc.keys2, len(keys)))
	sorted := resize(&sc.sorted, len(keys))
	for i, k := range keys {
		sorted[i] = fromOrderedBits(k)
	}
	e := &sc.edges
	lossy = e.set(sorted, keys)
	missing := false
	if lossy {
		for r, i := range keep {
			b := uint8(missingBin)
			if v := float32(values[i]); v == v {
				b = uint8(e.find(orderedBits(v)))
			} else {
				missing = true
			}
			bins[r] = b
		}
	} else {
		for r, i := range keep {
			v := float32(values[i])
			if v != v {
				bins[r], missing = missingBin, true
				continue
			}
			k := valueKey(v)
			b := e.find(k)
			if !e.covered(b, k) {
				return false, false
			}
			bins[r] = uint8(b)
		}
	}
	if missing {
		// The mode is a value of the column, so its bin covers it.
		_, fill := modeGrouped(values, keep, bins, &sc.mode)
		for r, b := range bins {
			if b == missingBin {
				bins[r] = fill
			}
		}
	}
	return lossy, true
}

// binEdges are a feature's bins as found on a sample, over the keys of the
// values (valueKey): bin b holds the keys in (hi[b-1], hi[b]], and the last
// bin every key above.
type binEdges struct {
	bins int
	// hi is each bin's largest sampled key, but the last bin's is the
	// largest key of all.
	hi [maxBins]uint32
	// lo and up are each bin's smallest and largest sampled keys.
	lo, up [maxBins]uint32
	// first maps the top 16 bits of a key to the first bin whose keys
	// may start so (see find).
	first [1<<16 + 1]uint8
}

// set finds the bins of the sorted sample values, and their keys, as
// binColumn does for a whole column, and reports whether the sample had
// more distinct values than bins.
func (e *binEdges) set(sorted []float32, keys []uint32) (lossy bool) {
	ends, distinct := binEnds(sorted)
	e.bins = len(ends)
	start := 0
	for b, end := range ends {
		e.lo[b], e.up[b], e.hi[b] = keys[start], keys[end-1], keys[end-1]
		start = end
	}
	e.hi[e.bins-1] = math.MaxUint32
	b := 0
	for t := range len(e.first) - 1 {
		for e.hi[b] < uint32(t)<<16 {
			b++
		}
		e.first[t] = uint8(b)
	}
	e.first[len(e.first)-1] = uint8(e.bins - 1)
	return distinct > maxBins
}

// find is the bin of key k: the first whose hi is at least k. The key's top
// 16 bits narrow the search to bins first[t]..first[t+1], most often one or
// two bins.
func (e *binEdges) find(k uint32) int {
	t := k >> 16
	lo, hi := int(e.first[t]), int(e.first[t+1])
	if hi-lo <= 1 {
		// Branch-free: which way it goes is unpredictable.
		return lo + int((uint64(e.hi[lo])-uint64(k))>>63)
	}
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if e.hi[m] < k {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// covered reports whether key k lies within the sampled keys of bin b.
// When every bin holds one distinct value of the sample (values closer
// than featureThreshold counting as one), a value within a bin's span joins
// its run of values in the column as it does in the sample: if every value
// of the column does, the column has the sample's runs of values, and
// binning it exactly gives the same bins. A value outside every span is
// one the sample missed, which may make a run of its own.
func (e *binEdges) covered(b int, k uint32) bool {
	return k >= e.lo[b] && k <= e.up[b]
}

// valueKey is orderedBits(v) with -0 as 0.
func valueKey(v float32) uint32 {
	if v == 0 {
		return orderedBits(0)
	}
	return orderedBits(v)
}

// fromOrderedBits undoes orderedBits.
func fromOrderedBits(k uint32) float32 {
	if k>>31 == 1 {
		return math.Float32frombits(k &^ (1 << 31))
	}
	return math.Float32frombits(^k)
}

// sortKeys sorts keys with the help of keys2, as long as keys, and returns
// the one holding them sorted: an LSD radix sort of three 11-bit digits,
// counted in one pass, skipping a digit that is the same in every key.
func sortKeys(keys, keys2 []uint32) []uint32 {
	const digit = 11
	var count [3][1 << digit]int32
	for _, k := range keys {
		count[0][k&(1<<digit-1)]++
		count[1][(k>>digit)&(1<<digit-1)]++
		count[2][k>>(2*digit)]++
	}
	for d := range count {
		c := &count[d]
		sum := int32(0)
		for b, x := range c {
			if int(x) == len(keys) {
				sum = -1 // every key has this digit
				break
			}
			c[b], sum = sum, sum+x
		}
		if sum < 0 {
			continue
		}
		shift := uint(d * digit)
		for _, k := range keys {
			b := (k >> shift) & (1<<digit - 1)
			keys2[c[b]] = k
			c[b]++
		}
		keys, keys2 = keys2, keys
	}
	return keys
}

// modeGrouped is mode, the smallest value on a tie, given every kept row's
// group, such that equal values share a group (missingBin for a missing
// value): the bins of a column, say. It also returns the mode's group.
// Without sorting, it copies the values group by group and counts each
// group's in a hash table, which stays in the processor's cache when the
// group is small; scratch holds its buffers from one call to the next.
func modeGrouped(values []float64, keep []int32, group []uint8, scratch *modeScratch) (mode float64, modeGroup uint8) {
	var count [missingBin + 2]int32
	for _, g := range group {
		count[int(g)+1]++
	}
	if mode, modeGroup, ok := modeSingle(values, keep, group, &count); ok {
		return mode, modeGroup
	}
	for g := 1; g < len(count); g++ {
		count[g] += count[g-1]
	}
	buf := resize(&scratch.buf, int(count[missingBin]))
	next := count
	for r, g := range group {
		if g != missingBin {
			u, _ := modeKey(values[keep[r]])
			buf[next[g]] = u
			next[g]++
		}
	}
	best, bestCount := math.NaN(), uint32(0)
	for g := range missingBin {
		vs := buf[count[g]:count[g+1]]
		if len(vs) == 0 || uint32(len(vs)) < bestCount {
			continue // cannot beat best, nor tie it
		}
		t := scratch.table(len(vs))
		for _, u := range vs {
			if h := t.add(u); h >= bestCount {
				if v := math.Float64frombits(u); h > bestCount || v < best {
					best, bestCount, modeGroup = v, h, uint8(g)
				}
			}
		}
	}
	return best, modeGroup
}

// modeSingle is modeGrouped when every group holds a single value, as the
// bins of a column with few distinct values do, given the rows per group
// (count[g+1]); ok is false, as soon as it shows, when some group holds
// several values.
func modeSingle(values []float64, keep []int32, group []uint8, count *[missingBin + 2]int32) (mode float64, modeGroup uint8, ok bool) {
	var first [missingBin]uint64 // a group's value's bits + 1; 0 before one
	for r, g := range group {
		if g == missingBin {
			continue
		}
		u, _ := modeKey(values[keep[r]])
		switch first[g] {
		case u + 1:
		case 0:
			first[g] = u + 1
		default:
			return 0, 0, false
		}
	}
	mode, best := math.NaN(), int32(0)
	for g, f := range first {
		if c := count[g+1]; f != 0 && (c > best || (c == best && math.Float64frombits(f-1) < mode)) {
			mode, best, modeGroup = math.Float64frombits(f-1), c, uint8(g)
		}
	}
	return mode, modeGroup, true
}

// modeScratch is modeGrouped's buffers.
type modeScratch struct {
	buf []uint64
	t   modeTable
}

// modeTable counts values by their bits: an open-addressing hash table
// kept at most half full. Its slots serve one group after another: a slot
// whose gen is not the table's is empty, so that a new group need not
// clear them.
type modeTable struct {
	slots []modeSlot // the current group's: a power of 2 of them
	all   []modeSlot
	gen   uint32
}

// modeSlot counts one value of a modeTable.
type modeSlot struct {
	key       uint64 // the value's bits
	hits, gen uint32
}

// table returns an empty table for n values.
func (sc *modeScratch) table(n int) *modeTable {
	t := &sc.t
	size := 1 << bits.Len(uint(2*n-1))
	if t.gen++; t.gen == 0 || len(t.all) < size {
		// The generations wrapped around, or the table grows.
		t.all = make([]modeSlot, max(size, len(t.all)))
		t.gen = 1
	}
	t.slots = t.all[:size]
	return t
}

// add counts one more of the value whose bits are u and returns its count.
func (t *modeTable) add(u uint64) uint32 {
	mask := uint64(len(t.slots) - 1)
	for s := (u * modeHash) >> (64 - bits.Len(uint(mask))); ; s = (s + 1) & mask {
		switch sl := &t.slots[s]; {
		case sl.gen != t.gen:
			*sl = modeSlot{key: u, hits: 1, gen: t.gen}
			return 1
		case sl.key == u:
			sl.hits++
			return sl.hits
		}
	}
}

// modeHash spreads a value's bits over a modeTable's slots (Fibonacci
// hashing).
const modeHash = 0x9e3779b97f4a7c15

// modeKey is the bits of v, with -0 as 0, and whether v is a value (not
// missing).
func modeKey(v float64) (uint64, bool) {
	if v == 0 {
		return 0, true
	}
	return math.Float64bits(v), v == v
}

// resize returns (*s)[:n], reallocating *s if it is shorter.
func resize[T any](s *[]T, n int) []T {
	if cap(*s) < n {
		*s = make([]T, n)
	}
	*s = (*s)[:n]
	return *s
}
