package evalview

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// Range is one band of values [Lo, Hi) (the last one includes Hi), drawn
// as one chart series: a few of them stand in for a continuous colour
// scale, which the chart spec does not have.
type Range struct {
	Lo, Hi float64
	Label  string
}

// Ranges splits the span of values into at most n bands of equal width,
// or of equal width in log scale when log is set and every value is
// above 0. Fewer distinct values than n give one band each. NaN and
// infinite values are ignored; no finite value gives no band.
func Ranges(values []float64, n int, log bool) []Range {
	var vs []float64
	for _, v := range values {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			vs = append(vs, v)
		}
	}
	if len(vs) == 0 || n < 1 {
		return nil
	}
	slices.Sort(vs)
	distinct := slices.Compact(slices.Clone(vs))
	if len(distinct) <= n {
		out := make([]Range, len(distinct))
		for i, v := range distinct {
			out[i] = Range{Lo: v, Hi: v}
		}
		labelRanges(out, true)
		return out
	}
	lo, hi := vs[0], vs[len(vs)-1]
	log = log && lo > 0
	edge := func(i int) float64 {
		f := float64(i) / float64(n)
		if log {
			return math.Exp(math.Log(lo) + f*(math.Log(hi)-math.Log(lo)))
		}
		return lo + f*(hi-lo)
	}
	out := make([]Range, n)
	for i := range out {
		out[i] = Range{Lo: edge(i), Hi: edge(i + 1)}
	}
	out[0].Lo, out[n-1].Hi = lo, hi
	labelRanges(out, false)
	return out
}

// Index is the band v falls in, or -1.
func Index(rs []Range, v float64) int {
	if len(rs) == 0 || math.IsNaN(v) {
		return -1
	}
	for i, r := range rs {
		if r.Lo == r.Hi {
			if v == r.Lo {
				return i
			}
			continue
		}
		if v >= r.Lo && (v < r.Hi || (i == len(rs)-1 && v <= r.Hi)) {
			return i
		}
	}
	return -1
}

// labelRanges writes labels with the fewest significant digits (at least
// 3) that tell neighbouring edges apart.
func labelRanges(rs []Range, points bool) {
	var edges []float64
	for _, r := range rs {
		edges = append(edges, r.Lo)
		if !points {
			edges = append(edges, r.Hi)
		}
	}
	digits := 3
	for ; digits < 12; digits++ {
		ok := true
		for i := 1; i < len(edges); i++ {
			if edges[i] != edges[i-1] && formatDigits(edges[i], digits) == formatDigits(edges[i-1], digits) {
				ok = false
				break
			}
		}
		if ok {
			break
		}
	}
	for i := range rs {
		if points {
			rs[i].Label = formatDigits(rs[i].Lo, digits)
			continue
		}
		rs[i].Label = formatDigits(rs[i].Lo, digits) + " – " + formatDigits(rs[i].Hi, digits)
	}
}

// FormatValue writes a measure's value for people: four significant
// digits, and no exponent for large whole numbers such as milliseconds.
func FormatValue(v float64) string {
	if math.Abs(v) >= 1e4 && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return formatDigits(v, 4)
}

// formatDigits writes v with digits significant digits, without an
// exponent unless v is tiny or huge.
func formatDigits(v float64, digits int) string {
	a := math.Abs(v)
	if a < 1e-4 || a >= 1e15 {
		return strconv.FormatFloat(v, 'g', digits, 64)
	}
	dec := digits - (int(math.Floor(math.Log10(a))) + 1)
	if dec < 0 {
		p := math.Pow(10, float64(-dec))
		v, dec = math.Round(v/p)*p, 0
	}
	s := strconv.FormatFloat(v, 'f', dec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}
