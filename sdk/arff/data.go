package arff

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"runtime"
	"sync"

	"github.com/openml-dash/openml-dash/sdk/frame"
)

// chunkSize is how much row text one worker parses at a time: large enough
// to make the hand-over cheap, small enough that a few in flight per worker
// cost little memory.
const chunkSize = 1 << 20

// chunk is a run of whole lines of the data section and, once parsed, their
// values per column.
type chunk struct {
	data      []byte
	firstLine int
	lines     int           // line ends in data: at most this many rows
	read      int64         // raw input bytes read when the chunk was cut
	done      chan struct{} // closed when parsed or skipped
	skipped   bool          // not parsed because reading stopped
	ioErr     error

	rows     int
	cols     []colBuf
	form     rowForm // form of the first row
	formLine int
	sparse   bool // float columns keep non-zero values only (Options.Sparse)
	err      *Error
}

// chunks recycles the chunks of one Read: with a bounded number in
// flight, a large file reuses a handful of buffers instead of one per
// megabyte.
type chunks struct {
	free chan *chunk
	size int // data capacity of a new chunk
}

func (cs *chunks) get() *chunk {
	var c *chunk
	select {
	case c = <-cs.free:
	default:
		c = &chunk{data: make([]byte, 0, cs.size)}
	}
	c.data = c.data[:0]
	c.done = make(chan struct{})
	c.skipped, c.ioErr, c.err = false, nil, nil
	c.rows, c.form, c.formLine, c.sparse = 0, noRows, 0, false
	return c
}

func (cs *chunks) put(c *chunk) {
	select {
	case cs.free <- c:
	default:
	}
}

// reset empties the column buffers.
func (c *chunk) reset(cols []colSpec) {
	if cap(c.cols) < len(cols) {
		c.cols = make([]colBuf, len(cols))
	}
	c.cols = c.cols[:len(cols)]
	for i := range c.cols {
		b := &c.cols[i]
		clear(b.strings) // the frame holds them now; the chunk need not
		b.floats, b.codes, b.strings, b.rows, b.missing = b.floats[:0], b.codes[:0], b.strings[:0], b.rows[:0], b.missing[:0]
	}
}

// reserve gives each column buffer room for every line of the chunk, so
// that parsing appends without growing; once the first row has told the
// chunk's form, since the float columns of a sparse chunk need no room.
func (c *chunk) reserve(cols []colSpec) {
	rows := c.lines + 1 // the last line may lack its line end
	for i := range c.cols {
		b := &c.cols[i]
		switch cols[i].kind {
		case frame.Nominal:
			b.codes = withRoom(b.codes, rows)
		case frame.String:
			b.strings = withRoom(b.strings, rows)
		default:
			if !c.sparse {
				b.floats = withRoom(b.floats, rows)
			}
		}
	}
}

// readRows parses the data section: one goroutine cuts the text into
// chunks of whole lines, GOMAXPROCS workers parse chunks in parallel, and
// this goroutine appends the parsed chunks to the frame in file order.
func readRows(parent context.Context, src *source, firstLine int, s *schema, f *frame.Frame, opts Options, total, rowBytes int64) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	workers := runtime.GOMAXPROCS(0)
	jobs := make(chan *chunk)
	order := make(chan *chunk, 2*workers) // bounds the chunks in flight
	pool := &chunks{free: make(chan *chunk, 3*workers+2), size: chunkSize}
	if rowBytes >= 0 && rowBytes < chunkSize {
		pool.size = int(rowBytes) + 1 // a small file needs no megabyte
	}
	var wg sync.WaitGroup
	cut := &cutter{br: src.text, raw: src.raw, nextLine: firstLine, chunks: pool}
	wg.Go(func() { cut.run(ctx, order, jobs) })
	for range workers {
		wg.Go(func() {
			for c := range jobs {
				if ctx.Err() == nil {
					c.parse(s)
				} else {
					c.skipped = true
				}
				close(c.done)
			}
		})
	}
	a := assembler{frame: f, opts: opts, total: total, rowBytes: rowBytes, chunks: pool}
	err := a.run(parent, order)
	cancel()
	for c := range order { // let the cutter and workers finish
		<-c.done
	}
	wg.Wait()
	return err
}

// cutter reads the data section into chunks that end at a line end. A
// quoted value never spans lines, so a line end always ends a row.
type cutter struct {
	br       *bufio.Reader
	raw      *countingReader
	nextLine int
	carry    []byte // start of a line cut off at the end of the last chunk
	chunks   *chunks
}

func (p *cutter) run(ctx context.Context, order, jobs chan<- *chunk) {
	defer close(jobs)
	defer close(order)
	for ctx.Err() == nil {
		c := p.chunks.get()
		c.firstLine = p.nextLine
		eof, err := p.fill(c)
		c.read = p.raw.n
		if err != nil {
			c.ioErr = fmt.Errorf("arff: read the rows after line %d: %w", p.nextLine-1, err)
			close(c.done)
			select {
			case order <- c:
			case <-ctx.Done():
			}
			return
		}
		c.lines = bytes.Count(c.data, []byte{'\n'})
		p.nextLine += c.lines
		select {
		case order <- c:
		case <-ctx.Done():
			return
		}
		select {
		case jobs <- c:
		case <-ctx.Done():
			c.skipped = true
			close(c.done)
			return
		}
		if eof {
			return
		}
	}
}

// fill reads into c.data up to chunkSize, keeping the text after the last
// line end for the next chunk; a line longer than that grows the chunk.
func (p *cutter) fill(c *chunk) (eof bool, err error) {
	buf := append(c.data[:0], p.carry...)
	p.carry = p.carry[:0]
	if cap(buf) < p.chunks.size {
		buf = withRoom(buf, p.chunks.size-len(buf))
	}
	for {
		for len(buf) < cap(buf) {
			n, err := p.br.Read(buf[len(buf):cap(buf)])
			buf = buf[:len(buf)+n]
			if err != nil {
				c.data = buf
				if err == io.EOF {
					return true, nil
				}
				return false, err
			}
		}
		if nl := bytes.LastIndexByte(buf, '\n'); nl >= 0 {
			p.carry = append(p.carry, buf[nl+1:]...)
			c.data = buf[:nl+1]
			return false, nil
		}
		buf = withRoom(buf, cap(buf))
	}
}

// assembler appends parsed chunks to the frame in file order.
type assembler struct {
	frame    *frame.Frame
	opts     Options
	total    int64
	rowBytes int64 // size of the rows' text when known, to reserve the columns
	rows     int
	form     rowForm
	missing  [][]int // missing rows per column, turned into bitmaps at the end
	chunks   *chunks
	// sparse says that the frame's float columns are sparse, as the first
	// chunk with rows was; stored then holds their rows.
	sparse bool
	stored [][]int32
}

func (a *assembler) run(parent context.Context, order <-chan *chunk) error {
	for c := range order {
		<-c.done
		if c.ioErr != nil {
			return c.ioErr
		}
		if c.skipped || parent.Err() != nil {
			return fmt.Errorf("arff: reading stopped at line %d: %w", c.firstLine, parent.Err())
		}
		if a.opts.Strict && c.form != noRows {
			if a.form == noRows {
				a.form = c.form
			} else if c.form != a.form {
				return formError(c.formLine, c.form, a.form)
			}
		}
		if c.err != nil {
			return c.err
		}
		if a.rows == 0 && c.rows > 0 && c.sparse {
			a.sparse = true
			a.stored = make([][]int32, len(a.frame.Columns))
		}
		a.reserve(c)
		a.merge(c)
		if a.opts.Progress != nil {
			a.opts.Progress(c.read, a.total)
		}
		a.chunks.put(c)
	}
	a.finish()
	return nil
}

// reserve sizes the columns from the first chunk's bytes per row, so that a
// large file does not pass through repeated growth and copying.
func (a *assembler) reserve(c *chunk) {
	if a.rowBytes <= 0 || a.rows > 0 || c.rows == 0 {
		return
	}
	size := a.rowBytes
	a.rowBytes = 0
	perRow := float64(len(c.data)) / float64(c.rows)
	rows := int(min(float64(size)/perRow*1.02, float64(size)/2)) // a row takes two bytes at least
	for _, col := range a.frame.Columns {
		switch col.Kind {
		case frame.Nominal:
			col.Codes = withRoom(col.Codes, rows)
		case frame.String:
			col.Strings = withRoom(col.Strings, rows)
		default:
			if !a.sparse {
				col.Floats = withRoom(col.Floats, rows)
			}
		}
	}
}

func (a *assembler) merge(c *chunk) {
	for j, col := range a.frame.Columns {
		b := &c.cols[j]
		switch col.Kind {
		case frame.Nominal:
			col.Codes = append(grow(col.Codes, len(b.codes)), b.codes...)
		case frame.String:
			col.Strings = append(grow(col.Strings, len(b.strings)), b.strings...)
		default:
			a.mergeFloats(j, c)
		}
		if len(b.missing) > 0 && a.missing == nil {
			a.missing = make([][]int, len(a.frame.Columns))
		}
		for _, r := range b.missing {
			a.missing[j] = append(a.missing[j], a.rows+int(r))
		}
	}
	a.rows += c.rows
}

// mergeFloats appends float column j of c to the frame, turning the
// chunk's form into the frame's where they differ.
func (a *assembler) mergeFloats(j int, c *chunk) {
	col, b, base := a.frame.Columns[j], &c.cols[j], int32(a.rows)
	switch {
	case a.sparse && c.sparse:
		rows := grow(a.stored[j], len(b.rows))
		for _, r := range b.rows {
			rows = append(rows, base+r)
		}
		a.stored[j] = rows
		col.Floats = append(grow(col.Floats, len(b.floats)), b.floats...)
	case a.sparse: // dense rows in a sparse frame: keep the non-zero values
		for i, f := range b.floats {
			if math.Float64bits(f) != 0 {
				a.stored[j] = append(a.stored[j], base+int32(i))
				col.Floats = append(col.Floats, f)
			}
		}
	case c.sparse: // sparse rows in a dense frame: spell out the zeros
		start := len(col.Floats)
		col.Floats = grow(col.Floats, c.rows)[:start+c.rows]
		clear(col.Floats[start:])
		for k, r := range b.rows {
			col.Floats[start+int(r)] = b.floats[k]
		}
	default:
		col.Floats = append(grow(col.Floats, len(b.floats)), b.floats...)
	}
}

// grow makes room for n more values, at least doubling the capacity:
// append's gentler growth for large slices copies a column about five
// times over while it grows.
func grow[T any](s []T, n int) []T {
	if cap(s)-len(s) >= n {
		return s
	}
	return withRoom(s, max(n, len(s)))
}

// withRoom is slices.Grow by hand: the race detector's build turns
// slices.Grow's append of a make into two allocations.
func withRoom[T any](s []T, n int) []T {
	if cap(s)-len(s) >= n {
		return s
	}
	out := make([]T, len(s), len(s)+n)
	copy(out, s)
	return out
}

// clip gives back the unused capacity of a column that grew well past its
// length, since the frame may be kept for long.
func clip[T any](s []T) []T {
	if cap(s) <= len(s)+len(s)/8 {
		return s
	}
	out := make([]T, len(s))
	copy(out, s)
	return out
}

// finish trims the columns, makes the sparse ones, and builds the
// missing-value bitmaps.
func (a *assembler) finish() {
	for j, col := range a.frame.Columns {
		if a.sparse && isFloat(col.Kind) {
			a.finishSparse(col, a.stored[j])
		}
		col.Floats, col.Codes, col.Strings = clip(col.Floats), clip(col.Codes), clip(col.Strings)
	}
	for j, rows := range a.missing {
		if len(rows) == 0 {
			continue
		}
		m := &frame.Bitmap{}
		for _, r := range rows {
			m.Set(r)
		}
		a.frame.Columns[j].Missing = m
	}
}

// finishSparse makes col sparse over rows, the rows of its values, or
// dense when more than half its rows are stored: such a column is not
// zero-heavy, and its dense form is as small and quicker to read.
func (a *assembler) finishSparse(col *frame.Column, rows []int32) {
	if len(rows) > a.rows/2 {
		dense := make([]float64, a.rows)
		for k, r := range rows {
			dense[r] = col.Floats[k]
		}
		col.Floats = dense
		return
	}
	col.Sparse = &frame.Sparse{Rows: clip(rows), Len: a.rows}
}
