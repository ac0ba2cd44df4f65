package chart

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// scale maps data values to pixel offsets along one axis. It implements
// go-chart's Range, so the kinds draw through go-chart's Series interface;
// unlike go-chart's LogarithmicRange it maps log values correctly.
type scale struct {
	min, max   float64
	log        bool
	descending bool
	domain     int
}

func (s *scale) String() string {
	return fmt.Sprintf("scale [%g,%g] log=%t => %d", s.min, s.max, s.log, s.domain)
}
func (s *scale) IsZero() bool       { return s.min == 0 && s.max == 0 && s.domain == 0 }
func (s *scale) GetMin() float64    { return s.min }
func (s *scale) SetMin(v float64)   { s.min = v }
func (s *scale) GetMax() float64    { return s.max }
func (s *scale) SetMax(v float64)   { s.max = v }
func (s *scale) GetDelta() float64  { return s.max - s.min }
func (s *scale) GetDomain() int     { return s.domain }
func (s *scale) SetDomain(d int)    { s.domain = d }
func (s *scale) IsDescending() bool { return s.descending }
func (s *scale) Translate(v float64) int {
	t := s.frac(v)
	// Far-off values (a point outside a zoomed range) stay representable;
	// the series clip them to the plot box.
	if math.IsNaN(t) || t < -4 {
		t = -4
	} else if t > 5 {
		t = 5
	}
	return int(math.Round(t * float64(s.domain)))
}

// frac is v's position along the axis: 0 at the start, 1 at the end.
func (s *scale) frac(v float64) float64 {
	var t float64
	if s.log {
		if v <= 0 {
			return math.Inf(-1)
		}
		lo, hi := math.Log10(s.min), math.Log10(s.max)
		t = (math.Log10(v) - lo) / (hi - lo)
	} else {
		t = (v - s.min) / (s.max - s.min)
	}
	if s.descending {
		t = 1 - t
	}
	return t
}

// invert is the data value at offset px along the axis.
func (s *scale) invert(px float64) float64 {
	t := px / float64(max(1, s.domain))
	if s.descending {
		t = 1 - t
	}
	if s.log {
		lo, hi := math.Log10(s.min), math.Log10(s.max)
		return math.Pow(10, lo+t*(hi-lo))
	}
	return s.min + t*(s.max-s.min)
}

// tick is one labelled position on an axis.
type tick struct {
	value float64
	label string
}

// niceStep is a step of 1, 2 or 5 times a power of ten that cuts span into
// about target parts.
func niceStep(span float64, target int) float64 {
	if target < 1 {
		target = 1
	}
	raw := span / float64(target)
	if raw <= 0 || math.IsNaN(raw) || math.IsInf(raw, 0) {
		return 1
	}
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	switch f := raw / mag; {
	case f <= 1:
		return mag
	case f <= 2:
		return 2 * mag
	case f <= 5:
		return 5 * mag
	}
	return 10 * mag
}

// linearTicks are the multiples of a nice step within [lo, hi].
func linearTicks(lo, hi float64, target int) []tick {
	step := niceStep(hi-lo, target)
	first := math.Ceil(lo/step - 1e-9)
	var out []tick
	for k := first; ; k++ {
		v := k * step
		if v > hi+step*1e-9 || len(out) > 1000 {
			break
		}
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		out = append(out, tick{value: v, label: formatTick(v, step, math.Max(math.Abs(lo), math.Abs(hi)))})
	}
	return out
}

// logTicks are powers of ten within [lo, hi], thinned to about target, or
// 1-2-5 steps when the range spans less than two decades.
func logTicks(lo, hi float64, target int) []tick {
	if target < 1 {
		target = 1
	}
	e0, e1 := math.Ceil(math.Log10(lo)-1e-9), math.Floor(math.Log10(hi)+1e-9)
	decades := int(e1-e0) + 1
	var out []tick
	if decades < 2 {
		for e := e0 - 1; e <= e1; e++ {
			for _, m := range []float64{1, 2, 5} {
				v := m * math.Pow(10, e)
				if v >= lo*(1-1e-9) && v <= hi*(1+1e-9) {
					out = append(out, tick{value: v, label: formatLog(v)})
				}
			}
		}
		if len(out) >= 2 {
			return out
		}
		return linearTicks(lo, hi, target)
	}
	every := (decades + target - 1) / target
	for e := e0; e <= e1; e += float64(every) {
		v := math.Pow(10, e)
		out = append(out, tick{value: v, label: formatLog(v)})
	}
	return out
}

// formatTick prints v with as many decimals as the step needs; magnitude
// is the largest absolute value on the axis.
func formatTick(v, step, magnitude float64) string {
	if v == 0 {
		return "0"
	}
	if magnitude >= 1e6 || magnitude < 1e-3 {
		digits := int(math.Floor(math.Log10(math.Abs(v)))-math.Floor(math.Log10(step))) + 1
		digits = max(1, min(digits, 10))
		return trimExp(strconv.FormatFloat(v, 'e', digits-1, 64))
	}
	dec := max(0, int(-math.Floor(math.Log10(step)+1e-9)))
	return strconv.FormatFloat(v, 'f', dec, 64)
}

func formatLog(v float64) string {
	e := math.Round(math.Log10(v))
	if math.Abs(v-math.Pow(10, e)) < v*1e-9 && (e > 5 || e < -3) {
		return "1e" + strconv.Itoa(int(e))
	}
	return formatValue(v)
}

// formatValue prints v with up to four significant digits.
func formatValue(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case v == 0:
		return "0"
	}
	a := math.Abs(v)
	if a >= 1e6 || a < 1e-3 {
		return trimExp(strconv.FormatFloat(v, 'e', 3, 64))
	}
	if a >= 1000 && a == math.Trunc(a) {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}

// trimExp turns Go's "1.500e+06" into "1.5e6".
func trimExp(s string) string {
	mant, exp, ok := strings.Cut(s, "e")
	if !ok {
		return s
	}
	if strings.Contains(mant, ".") {
		mant = strings.TrimRight(strings.TrimRight(mant, "0"), ".")
	}
	exp = strings.TrimPrefix(exp, "+")
	neg := strings.HasPrefix(exp, "-")
	exp = strings.TrimLeft(strings.TrimPrefix(exp, "-"), "0")
	if exp == "" {
		exp = "0"
	}
	if neg {
		exp = "-" + exp
	}
	return mant + "e" + exp
}
