// Package frame holds a dataset in columns: float64 for numbers and dates,
// category codes with a dictionary for nominal attributes, strings for
// string attributes, and a missing-value mask per column. Readers (ARFF,
// CSV, parquet) build frames; the dashboard statistics read them.
//
// A numeric or date column may be stored sparse, by its non-zero rows
// only, as a sparse ARFF file writes it (Column.Sparse): a text or genomics
// dataset of 20,000 mostly-zero columns then takes the memory of its
// non-zero values. Code that reads Floats row by row must check Sparse
// first, or use Float or DenseFloats, which read both forms.
package frame

import (
	"fmt"
	"math/bits"
	"slices"
)

// Kind is the type of a column.
type Kind uint8

// Column kinds.
const (
	Numeric Kind = iota // Floats
	Nominal             // Codes into Levels
	String              // Strings
	Date                // Floats: seconds since the Unix epoch, UTC
)

func (k Kind) String() string {
	switch k {
	case Numeric:
		return "numeric"
	case Nominal:
		return "nominal"
	case String:
		return "string"
	case Date:
		return "date"
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Missing code of a Nominal column.
const MissingCode int32 = -1

// Column is one attribute. Exactly one of Floats, Codes or Strings is used,
// as Kind says, and it has one entry per row, unless the column is sparse.
type Column struct {
	Name string
	Kind Kind
	// Floats holds Numeric and Date values; a missing value is NaN and is
	// also set in Missing. In a sparse column it holds the values of the
	// rows Sparse.Rows lists, in that order.
	Floats []float64
	// Sparse, when set, makes a Numeric or Date column sparse: only the
	// rows it lists are stored, and every other row holds 0, so a missing
	// row is always stored. Readers set it only when asked to
	// (arff.Options.Sparse).
	Sparse *Sparse
	// Codes index Levels; a missing value is MissingCode.
	Codes  []int32
	Levels []string
	// Strings holds String values; a missing value is "" and set in Missing.
	Strings []string
	// DateFormat is the ARFF date format of a Date column, if any.
	DateFormat string
	// Missing marks the missing rows; nil when none is missing.
	Missing *Bitmap
}

// Sparse lists the stored rows of a sparse column (see Column.Sparse).
type Sparse struct {
	// Rows are the stored rows, increasing. Their values may be 0 too.
	Rows []int32
	// Len is the column's number of rows, stored or not.
	Len int
}

// Zeros is the number of rows a sparse column does not store: rows that
// hold 0.
func (s *Sparse) Zeros() int { return s.Len - len(s.Rows) }

// Len is the number of rows.
func (c *Column) Len() int {
	if c.Sparse != nil {
		return c.Sparse.Len
	}
	switch c.Kind {
	case Nominal:
		return len(c.Codes)
	case String:
		return len(c.Strings)
	}
	return len(c.Floats)
}

// Float returns row i of a Numeric or Date column, sparse or not; in a
// sparse column it is a binary search.
func (c *Column) Float(i int) float64 {
	if c.Sparse == nil {
		return c.Floats[i]
	}
	if k, ok := slices.BinarySearch(c.Sparse.Rows, int32(i)); ok {
		return c.Floats[k]
	}
	return 0
}

// DenseFloats returns the values of a Numeric or Date column, one per
// row: Floats itself when the column is not sparse (not to be changed),
// else a new slice.
func (c *Column) DenseFloats() []float64 {
	if c.Sparse == nil {
		return c.Floats
	}
	out := make([]float64, c.Sparse.Len)
	for k, r := range c.Sparse.Rows {
		out[r] = c.Floats[k]
	}
	return out
}

// IsMissing reports whether row i is missing.
func (c *Column) IsMissing(i int) bool { return c.Missing != nil && c.Missing.Get(i) }

// MissingCount is the number of missing rows.
func (c *Column) MissingCount() int {
	if c.Missing == nil {
		return 0
	}
	return c.Missing.Count()
}

// Frame is a table of equally long columns.
type Frame struct {
	// Name is the relation name (ARFF @relation) or the file's name.
	Name    string
	Columns []*Column
}

// Rows is the number of rows (0 for a frame without columns).
func (f *Frame) Rows() int {
	if len(f.Columns) == 0 {
		return 0
	}
	return f.Columns[0].Len()
}

// Column returns the column called name, or nil.
func (f *Frame) Column(name string) *Column {
	for _, c := range f.Columns {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Bitmap is a growable set of row indexes.
type Bitmap struct {
	words []uint64
}

// Set marks row i.
func (b *Bitmap) Set(i int) {
	w := i >> 6
	if w >= len(b.words) {
		// Grow by doubling, as append does: readers set rows in order.
		b.words = append(b.words, make([]uint64, w+1-len(b.words))...)
	}
	b.words[w] |= 1 << (uint(i) & 63)
}

// Get reports whether row i is marked.
func (b *Bitmap) Get(i int) bool {
	w := i >> 6
	return w < len(b.words) && b.words[w]&(1<<(uint(i)&63)) != 0
}

// Count is the number of marked rows.
func (b *Bitmap) Count() int {
	n := 0
	for _, w := range b.words {
		n += popcount(w)
	}
	return n
}

func popcount(x uint64) int { return bits.OnesCount64(x) }
