package arff

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"strings"
	"unsafe"

	"github.com/openml-dash/openml-dash/sdk/frame"
)

// schema is what a worker needs to turn rows into column values.
type schema struct {
	cols   []colSpec
	strict bool
	// sparse asks for sparse float columns (Options.Sparse); denseCols
	// are the columns that stay dense then: nominal and string ones.
	sparse    bool
	denseCols []int
}

type colSpec struct {
	name    string
	kind    frame.Kind
	codes   map[string]int32 // nominal value -> code
	levels  []string
	layout  string // Go layout of a date
	format  string // Java pattern of a date, for messages
	example string // a date in that format, for messages
}

// code finds a nominal value's code. A short list is searched in order,
// which beats hashing for the few values most nominal attributes have.
func (spec *colSpec) code(val []byte) (int32, bool) {
	if len(spec.levels) <= 8 {
		for k, l := range spec.levels {
			if l == string(val) {
				return int32(k), true
			}
		}
		return 0, false
	}
	code, ok := spec.codes[string(val)]
	return code, ok
}

// colBuf holds one column's values from one chunk of rows. In a sparse
// chunk, a float column holds only its non-zero values, and rows says
// which rows they belong to.
type colBuf struct {
	floats  []float64
	codes   []int32
	strings []string
	rows    []int32 // sparse chunk: the rows of floats
	missing []int32 // rows of the chunk that are missing
}

// putFloat appends row's value f. A sparse chunk leaves +0 out.
func (b *colBuf) putFloat(sparse bool, row int32, f float64) {
	if sparse {
		if math.Float64bits(f) == 0 {
			return
		}
		b.rows = append(b.rows, row)
	}
	b.floats = append(b.floats, f)
}

type rowForm uint8

const (
	noRows rowForm = iota
	denseRows
	sparseRows
)

func (f rowForm) String() string {
	if f == sparseRows {
		return "sparse"
	}
	return "dense"
}

// rowParser parses the rows of one chunk into its column buffers.
type rowParser struct {
	s       *schema
	c       *chunk
	line    int
	ln      []byte
	scratch []byte
}

// parse fills c.cols from c.data, stopping at the first problem.
func (c *chunk) parse(s *schema) {
	c.reset(s.cols)
	p := rowParser{s: s, c: c}
	data := c.data
	for line := c.firstLine; len(data) > 0; line++ {
		var ln []byte
		if nl := bytes.IndexByte(data, '\n'); nl >= 0 {
			ln, data = data[:nl], data[nl+1:]
		} else {
			ln, data = data, nil
		}
		if n := len(ln); n > 0 && ln[n-1] == '\r' {
			ln = ln[:n-1]
		}
		i := skipSpace(ln, 0)
		if i == len(ln) || ln[i] == '%' {
			continue
		}
		p.line, p.ln = line, ln
		form := denseRows
		if ln[i] == '{' {
			form = sparseRows
		}
		var err *Error
		switch {
		case c.form == noRows:
			c.form, c.formLine = form, line
			c.sparse = s.sparse && form == sparseRows
			c.reserve(s.cols)
		case s.strict && form != c.form:
			err = formError(line, form, c.form)
		}
		if err == nil {
			if form == sparseRows {
				err = p.sparse(i + 1)
			} else {
				err = p.dense(i)
			}
		}
		if err != nil {
			c.err = err
			return
		}
		c.rows++
	}
}

func formError(line int, got, want rowForm) *Error {
	return lineErrorf(line, "this row is %s but the rows before it are %s; strict mode wants all rows in one form", got, want)
}

func (p *rowParser) errorf(i int, format string, args ...any) *Error {
	return errorf(p.line, p.ln, i, format, args...)
}

func (p *rowParser) countError() *Error {
	return lineErrorf(p.line, "the row has %d values, but the header declares %d attributes", countValues(p.ln), len(p.s.cols))
}

func (p *rowParser) commentError(i int) *Error {
	return p.errorf(i, "a comment must be on a line of its own (strict mode)")
}

func (p *rowParser) dense(i int) *Error {
	ln := p.ln
	cols := p.s.cols
	bufs := p.c.cols
	n := len(cols)
	for j := 0; j < n; j++ {
		i = skipSpace(ln, i)
		at := i
		fast := false
		// Most values are plain decimals: read them in the same pass that
		// finds their end.
		if cols[j].kind == frame.Numeric {
			if f, end, ok := scanDecimal(ln, i); ok && (end == len(ln) || ln[end] == ',' || isSpace(ln[end])) {
				if p.c.sparse {
					bufs[j].putFloat(true, int32(p.c.rows), f)
				} else {
					bufs[j].floats = append(bufs[j].floats, f)
				}
				i, fast = end, true
			}
		}
		if !fast {
			var val []byte
			quoted := false
			if i < len(ln) && isQuote(ln[i]) {
				v, next, ok := scanQuoted(ln, i, &p.scratch)
				if !ok {
					return p.errorf(at, "the quoted value of attribute %q is not closed on this line", cols[j].name)
				}
				val, i, quoted = v, next, true
			} else {
				for i < len(ln) && ln[i] != ',' && ln[i] != '%' {
					i++
				}
				end := i
				for end > at && isSpace(ln[end-1]) {
					end--
				}
				val = ln[at:end]
			}
			if err := p.store(j, val, quoted, at); err != nil {
				// Values shifted by a missing or extra comma fail to
				// parse; the count says more about what went wrong.
				if countValues(ln) != n {
					return p.countError()
				}
				return err
			}
		}
		i = skipSpace(ln, i)
		switch {
		case i < len(ln) && ln[i] == ',':
			if j == n-1 {
				return p.countError()
			}
			i++
		case i == len(ln) || ln[i] == '%':
			if j < n-1 {
				return p.countError()
			}
			if i < len(ln) && p.s.strict {
				return p.commentError(i)
			}
		default:
			return p.errorf(i, "expected ',' after the value of attribute %q, found %s", cols[j].name, quote(ln[i:]))
		}
	}
	return nil
}

// sparse parses "{index value, ...}" from just after the '{'. Omitted
// attributes get what Weka stores as 0 (see Read).
func (p *rowParser) sparse(i int) *Error {
	ln := p.ln
	n := len(p.s.cols)
	next := 0
	i = skipSpace(ln, i)
	if i < len(ln) && ln[i] == '}' {
		i++
	} else {
		for {
			i = skipSpace(ln, i)
			at := i
			idx, end := parseIndex(ln, i)
			switch {
			case end == at:
				return p.errorf(at, "expected an attribute index in the sparse row, found %s", rest(ln, at))
			case idx >= n:
				return p.errorf(at, "attribute index %d is out of range; the header declares %d attributes (indexes 0 to %d)", idx, n, n-1)
			case idx == next-1:
				return p.errorf(at, "attribute index %d appears twice in the sparse row", idx)
			case idx < next:
				return p.errorf(at, "attribute index %d comes after %d; indexes in a sparse row must increase", idx, next-1)
			}
			i = end
			if i == len(ln) || !isSpace(ln[i]) {
				return p.errorf(i, "expected a space and a value after attribute index %d, found %s", idx, rest(ln, i))
			}
			i = skipSpace(ln, i)
			p.fillOmitted(next, idx)
			at = i
			var val []byte
			quoted := false
			if i < len(ln) && isQuote(ln[i]) {
				v, after, ok := scanQuoted(ln, i, &p.scratch)
				if !ok {
					return p.errorf(at, "the quoted value of attribute %q is not closed on this line", p.s.cols[idx].name)
				}
				val, i, quoted = v, after, true
			} else {
				for i < len(ln) && ln[i] != ',' && ln[i] != '}' && ln[i] != '%' {
					i++
				}
				end := i
				for end > at && isSpace(ln[end-1]) {
					end--
				}
				val = ln[at:end]
			}
			if err := p.store(idx, val, quoted, at); err != nil {
				return err
			}
			next = idx + 1
			i = skipSpace(ln, i)
			if i < len(ln) && ln[i] == ',' {
				i++
				continue
			}
			if i < len(ln) && ln[i] == '}' {
				i++
				break
			}
			if i == len(ln) || ln[i] == '%' {
				return p.errorf(i, "the sparse row is not closed with '}'")
			}
			return p.errorf(i, "expected ',' or '}' after the value of attribute %q, found %s", p.s.cols[idx].name, quote(ln[i:]))
		}
	}
	p.fillOmitted(next, n)
	i = skipSpace(ln, i)
	switch {
	case i == len(ln):
		return nil
	case ln[i] == '%' && p.s.strict:
		return p.commentError(i)
	case ln[i] == '%':
		return nil
	}
	return p.errorf(i, "unexpected %s after the sparse row", quote(ln[i:]))
}

func rest(ln []byte, i int) string {
	if i >= len(ln) {
		return "the end of the line"
	}
	return quote(ln[i:])
}

func parseIndex(b []byte, i int) (idx, end int) {
	for i < len(b) && '0' <= b[i] && b[i] <= '9' {
		if idx < 1<<40 { // any larger index is out of range anyway
			idx = idx*10 + int(b[i]-'0')
		}
		i++
	}
	return idx, i
}

// store appends one value to column j; at is its offset, for messages.
func (p *rowParser) store(j int, val []byte, quoted bool, at int) *Error {
	spec := &p.s.cols[j]
	buf := &p.c.cols[j]
	row := int32(p.c.rows)
	// Weka's rule: an unquoted ? is missing, a quoted '?' is the text "?".
	if !quoted && len(val) == 1 && val[0] == '?' {
		p.storeMissing(j)
		return nil
	}
	switch spec.kind {
	case frame.Numeric:
		f, ok := parseNumber(val)
		if !ok {
			return p.errorf(at, "expected a number for attribute %q, found %s", spec.name, quote(val))
		}
		if f != f { // NaN means missing, as in Weka
			buf.missing = append(buf.missing, row)
		}
		buf.putFloat(p.c.sparse, row, f)
	case frame.Nominal:
		code, ok := spec.code(val)
		if !ok {
			return p.errorf(at, "value %s is not declared for nominal attribute %q; declared: %s", quote(val), spec.name, listValues(spec.levels))
		}
		buf.codes = append(buf.codes, code)
	case frame.String:
		buf.strings = append(buf.strings, string(val))
	case frame.Date:
		f, ok := parseDate(spec.layout, unsafe.String(unsafe.SliceData(val), len(val)))
		if !ok {
			return p.errorf(at, "expected a date like %q (format %q) for attribute %q, found %s", spec.example, spec.format, spec.name, quote(val))
		}
		buf.putFloat(p.c.sparse, row, f)
	}
	return nil
}

func (p *rowParser) storeMissing(j int) {
	buf := &p.c.cols[j]
	buf.missing = append(buf.missing, int32(p.c.rows))
	switch p.s.cols[j].kind {
	case frame.Nominal:
		buf.codes = append(buf.codes, frame.MissingCode)
	case frame.String:
		buf.strings = append(buf.strings, "")
	default:
		buf.putFloat(p.c.sparse, int32(p.c.rows), nan)
	}
}

// fillOmitted stores the values of the attributes from..to-1, which a
// sparse row leaves out. A sparse chunk stores nothing for float columns,
// so it visits only the others.
func (p *rowParser) fillOmitted(from, to int) {
	if !p.c.sparse {
		for j := from; j < to; j++ {
			p.storeOmitted(j)
		}
		return
	}
	dense := p.s.denseCols
	for k := sort.SearchInts(dense, from); k < len(dense) && dense[k] < to; k++ {
		p.storeOmitted(dense[k])
	}
}

// storeOmitted appends the value of an attribute a sparse row leaves out.
func (p *rowParser) storeOmitted(j int) {
	buf := &p.c.cols[j]
	switch spec := &p.s.cols[j]; spec.kind {
	case frame.Nominal:
		if len(spec.levels) == 0 {
			p.storeMissing(j)
			return
		}
		buf.codes = append(buf.codes, 0)
	case frame.String:
		buf.strings = append(buf.strings, "")
	default:
		if !p.c.sparse {
			buf.floats = append(buf.floats, 0)
		}
	}
}

func listValues(levels []string) string {
	const shown = 10
	var b strings.Builder
	b.WriteByte('{')
	for i, l := range levels[:min(len(levels), shown)] {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(l)
	}
	if len(levels) > shown {
		fmt.Fprintf(&b, ", ... %d more", len(levels)-shown)
	}
	b.WriteByte('}')
	return b.String()
}
