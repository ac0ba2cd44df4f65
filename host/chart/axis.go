package chart

import (
	"math"
)

type axisKind uint8

const (
	axisLinear axisKind = iota
	axisLog
	axisBand // categories at 0, 1, 2, ... each in a band of width 1
	axisTime // seconds since 1970 UTC, ticked at calendar dates
)

// axisSpec is what a chart kind asks of one screen axis (x is the
// horizontal one, whatever the spec calls it): its kind and title, and the
// data extent it must show.
type axisSpec struct {
	title string
	kind  axisKind
	cats  []string // axisBand: the label of each band
	// lo and hi bound the data; has is false until a value is included.
	lo, hi float64
	has    bool
	// zero keeps 0 in range (bar values start at 0).
	zero bool
	// pad widens the range by this fraction of it on each side; a side
	// held at 0 by zero gets no padding.
	pad float64
	// grid draws grid lines across the plot at the ticks.
	grid bool
	// descending runs the axis against the screen direction: a vertical
	// band axis lists its first category at the top.
	descending bool
}

func (a *axisSpec) include(v float64) {
	if !finite(v) || (a.kind == axisLog && v <= 0) {
		return
	}
	if !a.has {
		a.lo, a.hi, a.has = v, v, true
		return
	}
	a.lo = math.Min(a.lo, v)
	a.hi = math.Max(a.hi, v)
}

// rangeFor is the axis range in data units.
func (a *axisSpec) rangeFor() (lo, hi float64) {
	switch a.kind {
	case axisBand:
		return -0.5, float64(max(1, len(a.cats))) - 0.5
	case axisLog:
		lo, hi = a.lo, a.hi
		if !a.has || lo <= 0 {
			return 1, 10
		}
		if lo == hi {
			return lo / math.Sqrt(10), hi * math.Sqrt(10)
		}
		l, h := math.Log10(lo), math.Log10(hi)
		d := (h - l) * a.pad
		return math.Pow(10, l-d), math.Pow(10, h+d)
	}
	lo, hi = a.lo, a.hi
	if !a.has {
		lo, hi = 0, 1
	}
	if a.kind == axisTime && lo == hi {
		return lo - 86400, hi + 86400 // a day either side of one moment
	}
	if a.zero {
		lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	}
	if lo == hi {
		if lo == 0 {
			return 0, 1
		}
		d := math.Abs(lo) * 0.1
		if a.zero && lo > 0 {
			return 0, hi + d
		}
		if a.zero && lo < 0 {
			return lo - d, 0
		}
		return lo - d, hi + d
	}
	d := (hi - lo) * a.pad
	if !(a.zero && lo == 0) {
		lo -= d
	}
	if !(a.zero && hi == 0) {
		hi += d
	}
	return lo, hi
}

// ticksFor lists about target ticks over [lo, hi].
func (a *axisSpec) ticksFor(lo, hi float64, target int) []tick {
	switch a.kind {
	case axisBand:
		out := make([]tick, len(a.cats))
		for i, c := range a.cats {
			out[i] = tick{value: float64(i), label: c}
		}
		return out
	case axisLog:
		return logTicks(lo, hi, target)
	case axisTime:
		return timeTicks(lo, hi, target)
	}
	return linearTicks(lo, hi, target)
}

// axisLayout is an axis resolved for a length in pixels.
type axisLayout struct {
	spec  *axisSpec
	sc    *scale
	ticks []tick // the labelled ticks, thinned so labels do not overlap
	// rotate turns the labels of a horizontal axis by 45 degrees.
	rotate bool
	// size is how far the labels reach away from the axis line.
	size int
	// before and after are how far labels reach past the start and the end
	// of the axis (the plot box must make room for them).
	before, after int
}

const (
	titleSize     = 16.0
	axisTitleSize = 13.0
	tickSize      = 11.0
	legendSize    = 12.0
	noticeSize    = 14.0
	cellSize      = 11.0
)

var sin45 = math.Sqrt2 / 2

// layoutX resolves the horizontal axis over length pixels.
func (c *canvas) layoutX(a *axisSpec, length int) axisLayout {
	lo, hi := a.rangeFor()
	sc := &scale{min: lo, max: hi, log: a.kind == axisLog, descending: a.descending, domain: max(1, length)}
	out := axisLayout{spec: a, sc: sc}
	lh := c.lineHeight(tickSize)
	gap := c.px(6)
	if a.kind == axisBand {
		n := max(1, len(a.cats))
		band := float64(length) / float64(n)
		labels := a.ticksFor(lo, hi, 0)
		widest := 0
		for i := range labels {
			labels[i].label = c.fitMiddle(labels[i].label, tickSize, c.w/4)
			widest = max(widest, c.textWidth(labels[i].label, tickSize))
		}
		if float64(widest+gap) <= band {
			out.ticks, out.size = labels, lh
			out.before, out.after = c.overhang(sc, labels, length)
			return out
		}
		// Turned labels: cap their length so they take at most about a
		// third of the height, and keep every step-th so neighbours do not
		// touch.
		maxLen := int(float64(c.h) * 0.3 / sin45)
		widest = 0
		for i := range labels {
			labels[i].label = c.fitMiddle(labels[i].label, tickSize, maxLen)
			widest = max(widest, c.textWidth(labels[i].label, tickSize))
		}
		step := int(math.Ceil(float64(lh+c.px(2)) / (band * sin45)))
		out.ticks = every(labels, max(1, step))
		out.rotate = true
		out.size = int(float64(widest+lh) * sin45)
		for _, t := range out.ticks {
			reach := int(float64(c.textWidth(t.label, tickSize))*sin45) - c.xOffset(sc, t.value)
			out.before = max(out.before, reach)
		}
		return out
	}
	target := max(2, length/c.px(90))
	for ; ; target-- {
		out.ticks = a.ticksFor(lo, hi, target)
		if !c.overlapX(sc, out.ticks, gap) || target <= 2 {
			break
		}
	}
	for k := 2; c.overlapX(sc, out.ticks, gap) && k < 100; k++ {
		out.ticks = every(a.ticksFor(lo, hi, target), k)
	}
	out.size = lh
	out.before, out.after = c.overhang(sc, out.ticks, length)
	return out
}

func (c *canvas) xOffset(sc *scale, v float64) int { return sc.Translate(v) }

// overlapX tells whether two neighbouring horizontal labels touch.
func (c *canvas) overlapX(sc *scale, ticks []tick, gap int) bool {
	for i := 1; i < len(ticks); i++ {
		d := abs(sc.Translate(ticks[i].value) - sc.Translate(ticks[i-1].value))
		if d < (c.textWidth(ticks[i].label, tickSize)+c.textWidth(ticks[i-1].label, tickSize))/2+gap {
			return true
		}
	}
	return false
}

// overhang is how far centred labels reach past both ends of the axis.
func (c *canvas) overhang(sc *scale, ticks []tick, length int) (before, after int) {
	for _, t := range ticks {
		half := c.textWidth(t.label, tickSize) / 2
		x := sc.Translate(t.value)
		before = max(before, half-x)
		after = max(after, x+half-length)
	}
	return before, after
}

// layoutY resolves the vertical axis over length pixels.
func (c *canvas) layoutY(a *axisSpec, length int) axisLayout {
	lo, hi := a.rangeFor()
	sc := &scale{min: lo, max: hi, log: a.kind == axisLog, descending: a.descending, domain: max(1, length)}
	out := axisLayout{spec: a, sc: sc}
	lh := c.lineHeight(tickSize)
	if a.kind == axisBand {
		n := max(1, len(a.cats))
		band := float64(length) / float64(n)
		labels := a.ticksFor(lo, hi, 0)
		for i := range labels {
			labels[i].label = c.fitMiddle(labels[i].label, tickSize, int(float64(c.w)*0.3))
		}
		step := int(math.Ceil(float64(lh+c.px(2)) / math.Max(band, 0.01)))
		out.ticks = every(labels, max(1, step))
	} else {
		// About 45 pixels a tick, more when the text is large.
		target := max(2, length/max(c.px(45), 5*lh/2))
		out.ticks = a.ticksFor(lo, hi, target)
	}
	for _, t := range out.ticks {
		out.size = max(out.size, c.textWidth(t.label, tickSize))
	}
	out.before, out.after = lh/2, lh/2
	return out
}

// every keeps ticks 0, k, 2k, ...
func every(ticks []tick, k int) []tick {
	if k <= 1 {
		return ticks
	}
	out := make([]tick, 0, len(ticks)/k+1)
	for i := 0; i < len(ticks); i += k {
		out = append(out, ticks[i])
	}
	return out
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
