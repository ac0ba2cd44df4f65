package datafile

import (
	"math"
	"strings"

	"github.com/openml-dash/openml-dash/sdk/frame"
)

// maxLevels is the most levels a text column may have and still be
// Nominal; fewer when the file has under 2000 rows (see nominalLimit).
const maxLevels = 1000

// nominalLimit is how many distinct values a text column of rows rows may
// have and be Nominal rather than String: about half the rows, so a
// column of IDs or free text stays String, and at most maxLevels, so a
// level list stays readable.
func nominalLimit(rows int) int {
	return max(2, min(maxLevels, rows/2))
}

// textColumn collects a column's text values. While the column could be
// Nominal it interns them, so a nominal column costs one string per
// distinct value and an int32 per row; after spill it holds one string
// per row.
type textColumn struct {
	codes   []int32          // per row, into levels; nil after spill
	levels  []string         // distinct values in order of first appearance
	index   map[string]int32 // levels' codes; nil after spill
	strings []string         // per row, after spill
	missing frame.Bitmap
	anyMiss bool
	rows    int
}

func newTextColumn(capacity int) *textColumn {
	return &textColumn{codes: make([]int32, 0, capacity), index: map[string]int32{}}
}

func (c *textColumn) interning() bool { return c.index != nil }

// add appends s, which may share memory with a reused buffer. It reports
// whether s is a new level (always false after spill).
func (c *textColumn) add(s string) (isNew bool) {
	c.rows++
	if !c.interning() {
		c.strings = append(c.strings, strings.Clone(s))
		return false
	}
	if code, ok := c.index[s]; ok {
		c.codes = append(c.codes, code)
		return false
	}
	c.codes = append(c.codes, c.newLevel(strings.Clone(s)))
	return true
}

// addBytes is add for a byte slice, copied only when it is new.
func (c *textColumn) addBytes(b []byte) {
	c.rows++
	if !c.interning() {
		c.strings = append(c.strings, string(b))
		return
	}
	if code, ok := c.index[string(b)]; ok {
		c.codes = append(c.codes, code)
		return
	}
	c.codes = append(c.codes, c.newLevel(string(b)))
}

// declare adds a level without a row, so that levels a parquet dictionary
// lists keep their order even before (or without) a row using them.
func (c *textColumn) declare(b []byte) {
	if c.interning() {
		if _, ok := c.index[string(b)]; !ok {
			c.newLevel(string(b))
		}
	}
}

func (c *textColumn) newLevel(s string) int32 {
	code := int32(len(c.levels))
	c.levels = append(c.levels, s)
	c.index[s] = code
	return code
}

func (c *textColumn) addMissing() {
	c.missing.Set(c.rows)
	c.anyMiss = true
	c.rows++
	if c.interning() {
		c.codes = append(c.codes, frame.MissingCode)
	} else {
		c.strings = append(c.strings, "")
	}
}

// spill stops interning: the column has too many distinct values to be
// Nominal, and a map entry per value would cost more than the strings.
func (c *textColumn) spill() {
	if !c.interning() {
		return
	}
	c.strings = make([]string, len(c.codes), max(cap(c.codes), len(c.codes)))
	for i, code := range c.codes {
		if code != frame.MissingCode {
			c.strings[i] = c.levels[code]
		}
	}
	c.codes, c.levels, c.index = nil, nil, nil
}

func (c *textColumn) missingMask() *frame.Bitmap {
	if !c.anyMiss {
		return nil
	}
	return &c.missing
}

// column makes a Nominal column when it has at most nominalLimit(rows)
// levels, else a String column.
func (c *textColumn) column(name string) *frame.Column {
	col := &frame.Column{Name: name, Missing: c.missingMask()}
	if c.interning() && len(c.levels) <= nominalLimit(c.rows) {
		col.Kind, col.Codes, col.Levels = frame.Nominal, c.codes, c.levels
		return col
	}
	c.spill()
	col.Kind, col.Strings = frame.String, c.strings
	return col
}

// floatColumn collects a Numeric or Date column.
type floatColumn struct {
	floats  []float64
	missing frame.Bitmap
	anyMiss bool
}

func (c *floatColumn) add(f float64) { c.floats = append(c.floats, f) }

func (c *floatColumn) addMissing() {
	c.missing.Set(len(c.floats))
	c.anyMiss = true
	c.floats = append(c.floats, math.NaN())
}

func (c *floatColumn) column(name string, kind frame.Kind) *frame.Column {
	col := &frame.Column{Name: name, Kind: kind, Floats: c.floats}
	if c.anyMiss {
		col.Missing = &c.missing
	}
	return col
}
