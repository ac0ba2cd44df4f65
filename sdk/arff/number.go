package arff

import (
	"math"
	"strconv"
	"unsafe"
)

// pow10 holds the powers of ten that float64 represents exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// parseNumber reads a number without allocating. Plain decimals such as
// "-12.375" take a fast path: when the digits fit in 2^53 and there are at
// most 22 decimals, both the integer and the power of ten are exact
// float64s, so one IEEE division rounds correctly and the result equals
// strconv.ParseFloat's. Anything else (exponents, long mantissas, Infinity,
// NaN) goes to strconv.ParseFloat. Out-of-range values become ±Inf as in
// Java's Double.valueOf, which wrote most ARFF files.
func parseNumber(b []byte) (float64, bool) {
	if f, ok := parseDecimal(b); ok {
		return f, true
	}
	if len(b) == 0 {
		return 0, false
	}
	// strconv copies its input into any error it returns, so a string that
	// shares b's memory is safe here.
	f, err := strconv.ParseFloat(unsafe.String(&b[0], len(b)), 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return f, true
		}
		return 0, false
	}
	return f, true
}

func parseDecimal(b []byte) (float64, bool) {
	f, end, ok := scanDecimal(b, 0)
	return f, ok && end == len(b)
}

// scanDecimal reads a plain decimal at b[i:] up to the first byte that
// cannot be part of one, and returns where it stopped. ok is false when the
// number is not plain or too long for the exact fast path.
func scanDecimal(b []byte, i int) (f float64, end int, ok bool) {
	neg := false
	if i < len(b) && (b[i] == '-' || b[i] == '+') {
		neg = b[i] == '-'
		i++
	}
	start, dotAt := i, -1
	var mantissa uint64 // may wrap past 19 digits, which are refused below
	for ; i < len(b); i++ {
		c := b[i]
		if d := c - '0'; d <= 9 {
			mantissa = mantissa*10 + uint64(d)
			continue
		}
		if c != '.' || dotAt >= 0 {
			break
		}
		dotAt = i
	}
	digits, decimals := i-start, 0
	if dotAt >= 0 {
		digits--
		decimals = i - dotAt - 1
	}
	if digits == 0 || digits > 19 || mantissa > 1<<53 || decimals >= len(pow10) {
		return 0, i, false
	}
	f = float64(mantissa)
	if decimals > 0 {
		f /= pow10[decimals]
	}
	if neg {
		f = -f
	}
	return f, i, true
}

var nan = math.NaN()
