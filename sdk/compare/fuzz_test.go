package compare_test

import (
	"encoding/binary"
	"math"
	"slices"
	"testing"

	"github.com/openml-dash/openml-dash/sdk/compare"
)

// fuzzFloats decodes data as float64s: raw IEEE bits (NaN, Inf, huge and
// subnormal values) when raw is true, otherwise one small multiple of 0.25
// per byte, which gives the ties and zero differences rank tests branch on.
func fuzzFloats(data []byte, raw bool) []float64 {
	var xs []float64
	if raw {
		for ; len(data) >= 8; data = data[8:] {
			xs = append(xs, math.Float64frombits(binary.LittleEndian.Uint64(data)))
		}
		return xs
	}
	for _, b := range data {
		xs = append(xs, float64(int8(b)%8)/4)
	}
	return xs
}

func allFinite(xs []float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

func isProbability(p float64) bool { return p >= 0 && p <= 1 }

// FuzzCompare throws arbitrary values at every function: none may panic,
// valid input must succeed without NaN, and invalid input must fail.
func FuzzCompare(f *testing.F) {
	f.Add([]byte{1, 2, 3, 3, 2, 1, 1, 1, 1, 2, 3, 1}, uint8(3), false, true, 0.05, 0.1)
	f.Add([]byte{0, 0, 0, 0, 0, 0}, uint8(2), false, false, 0.1, 0.5)
	f.Add(make([]byte, 64), uint8(4), true, true, 0.5, 0.9)
	f.Add([]byte{255, 255, 255, 255, 255, 255, 239, 127, 0, 0, 0, 0, 0, 0, 240, 127}, uint8(1), true, false, 1e-9, 1e-9)
	f.Fuzz(func(t *testing.T, data []byte, cols uint8, raw, higher bool, alpha, fraction float64) {
		xs := fuzzFloats(data, raw)
		k := int(cols%12) + 1

		// Rank-based functions on an N x k block.
		var scores [][]float64
		for rest := xs; len(rest) >= k; rest = rest[k:] {
			scores = append(scores, rest[:k])
		}
		n := len(scores)
		finite := allFinite(xs[:n*k])
		means, err := compare.MeanRanks(scores, higher)
		if (err == nil) != (n > 0 && finite) {
			t.Fatalf("MeanRanks(%v) error %v", scores, err)
		}
		for _, r := range means {
			if !(r >= 1 && r <= float64(k)) {
				t.Fatalf("mean rank %v outside [1, %d]", r, k)
			}
		}
		res, err := compare.Friedman(scores, higher)
		if (err == nil) != (n >= 2 && k >= 3 && finite) {
			t.Fatalf("Friedman(%v) error %v", scores, err)
		}
		if err == nil && !(res.ChiSquare >= 0 && res.ChiSquare <= float64(n*(k-1))*(1+1e-12) &&
			isProbability(res.PValue) && res.F >= 0 && isProbability(res.FPValue) &&
			res.TieCorrection >= 0 && res.TieCorrection <= 1) {
			t.Fatalf("Friedman(%v) = %+v", scores, res)
		}

		cd, err := compare.NemenyiCD(k, n, alpha)
		if (err == nil) != (k >= 2 && n >= 1 && alpha > 0 && alpha < 1) {
			t.Fatalf("NemenyiCD(%d, %d, %v) error %v", k, n, alpha, err)
		}
		if err != nil {
			return
		}
		if !(cd > 0) || math.IsInf(cd, 0) {
			t.Fatalf("NemenyiCD(%d, %d, %v) = %v", k, n, alpha, cd)
		}
		if means != nil {
			groups, err := compare.NemenyiGroups(means, cd)
			if err != nil {
				t.Fatal(err)
			}
			checkGroups(t, means, cd, groups)
		}

		// Paired tests on the two halves.
		x, y := xs[:len(xs)/2], xs[len(xs)/2:2*(len(xs)/2)]
		finite = allFinite(x) && allFinite(y)
		nonZero, overflow := false, false
		for i := range x {
			nonZero = nonZero || x[i] != y[i]
			overflow = overflow || math.IsInf(x[i]-y[i], 0)
		}
		w, err := compare.Wilcoxon(x, y)
		if (err == nil) != (len(x) > 0 && finite && nonZero) {
			t.Fatalf("Wilcoxon(%v, %v) error %v", x, y, err)
		}
		if err == nil && !(w.Statistic >= 0 && isProbability(w.PValue) && w.N > 0) {
			t.Fatalf("Wilcoxon(%v, %v) = %+v", x, y, w)
		}
		tt, err := compare.CorrectedTTest(x, y, fraction)
		if (err == nil) != (len(x) >= 2 && finite && !overflow && fraction > 0 && fraction < 1) {
			t.Fatalf("CorrectedTTest(%v, %v, %v) error %v", x, y, fraction, err)
		}
		if err == nil && (math.IsNaN(tt.T) || math.IsNaN(tt.MeanDiff) || math.IsInf(tt.MeanDiff, 0) || !isProbability(tt.PValue)) {
			t.Fatalf("CorrectedTTest(%v, %v, %v) = %+v", x, y, fraction, tt)
		}
	})
}

// checkGroups checks each group is a run of methods in mean-rank order
// within cd, and none is contained in another.
func checkGroups(t *testing.T, means []float64, cd float64, groups [][]int) {
	t.Helper()
	for gi, g := range groups {
		if len(g) < 2 {
			t.Fatalf("group %v has fewer than 2 methods", g)
		}
		for i := 1; i < len(g); i++ {
			if means[g[i]] < means[g[i-1]] {
				t.Fatalf("group %v is not in mean-rank order: %v", g, means)
			}
		}
		if means[g[len(g)-1]]-means[g[0]] > cd {
			t.Fatalf("group %v spans more than %v: %v", g, cd, means)
		}
		for hi, h := range groups {
			if hi != gi && isSubset(g, h) {
				t.Fatalf("group %v is contained in %v", g, h)
			}
		}
	}
}

func isSubset(a, b []int) bool {
	for _, v := range a {
		if !slices.Contains(b, v) {
			return false
		}
	}
	return true
}
