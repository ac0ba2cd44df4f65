package datafile

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync/atomic"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"

	"github.com/openml-dash/openml-dash/sdk/frame"
)

// readParquet reads a flat parquet file column by column, several columns
// at a time. Columns it cannot show (nested groups, lists, binary types)
// and pandas' stored index are left out with a note; a file left with no
// column is an error.
func readParquet(ctx context.Context, path string, opts Options) (*Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("%s: not read: %w", path, err)
	}
	file, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("datafile: %w", err)
	}
	defer file.Close()
	st, err := file.Stat()
	if err != nil {
		return nil, fmt.Errorf("datafile: %w", err)
	}
	r := &countingReaderAt{r: file}
	pf, err := openParquet(r, st.Size())
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable parquet file (damaged or truncated?): %w", path, err)
	}
	rows := pf.NumRows()
	if rows > int64(maxRows) {
		return nil, fmt.Errorf("%s has %d rows, more than the %d a frame can hold", path, rows, maxRows)
	}
	// The footer's row count is only a claim: the columns are sized by it
	// up front no further than the file's bytes could fill, so a damaged
	// footer cannot make the reader allocate gigabytes before it finds the
	// rows are not there. Columns grow past that as values come.
	leaves := int64(max(1, len(pf.Schema().Columns())))
	plans, notes := planColumns(pf, int(min(rows, st.Size()/leaves)))
	if len(plans) == 0 {
		return nil, fmt.Errorf("%s has no column openml-dash can read: %v", path, notes)
	}
	if err := checkPages(file, st.Size(), pf.Metadata(), plans); err != nil {
		return nil, fmt.Errorf("%s is damaged: %w", path, err)
	}
	if err := readColumns(ctx, pf, plans, func() {
		if opts.Progress != nil {
			opts.Progress(min(r.n.Load(), st.Size()), st.Size())
		}
	}); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	f := &frame.Frame{Name: frameName(path), Columns: make([]*frame.Column, len(plans))}
	for i, p := range plans {
		f.Columns[i] = p.values.column(p.name)
		if n := f.Columns[i].Len(); n != int(rows) {
			return nil, fmt.Errorf("%s is damaged: column %q has %d values, the file says %d rows", path, p.name, n, rows)
		}
	}
	return &Result{Frame: f, Format: Parquet, Notes: notes}, nil
}

// maxRows keeps row numbers within the int32 codes and the ints of a frame.
const maxRows = 1<<31 - 1

// openParquet is parquet.OpenFile, which may panic on a damaged footer,
// and allocates the footer length the file's last bytes claim before it
// checks that the file holds that much: that is checked here first.
func openParquet(r io.ReaderAt, size int64) (pf *parquet.File, err error) {
	if size < 12 {
		return nil, fmt.Errorf("%d bytes is too short for a parquet file", size)
	}
	tail := make([]byte, 8)
	if _, err := r.ReadAt(tail, size-8); err != nil {
		return nil, err
	}
	if n := int64(binary.LittleEndian.Uint32(tail)); n > size-12 {
		return nil, fmt.Errorf("its footer claims %d bytes, more than the file's %d", n, size)
	}
	defer func() {
		if p := recover(); p != nil {
			pf, err = nil, fmt.Errorf("%v", p)
		}
	}()
	// The page index and bloom filters help to find rows; every row is read.
	return parquet.OpenFile(r, size, parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
}

type countingReaderAt struct {
	r io.ReaderAt
	n atomic.Int64
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.n.Add(int64(n))
	return n, err
}

// checkPages walks the page headers of the columns to read and refuses a
// page that claims more bytes than its column chunk holds, or than its
// compressed bytes could plausibly expand to: parquet-go allocates what a
// page header claims before it reads the page.
func checkPages(r io.ReaderAt, size int64, md *format.FileMetaData, plans []*columnPlan) error {
	for _, rg := range md.RowGroups {
		for _, p := range plans {
			if p.leaf >= len(rg.Columns) || rg.Columns[p.leaf].MetaData.TotalCompressedSize < 0 {
				return fmt.Errorf("column %q has no valid column chunk in a row group", p.name)
			}
			m := rg.Columns[p.leaf].MetaData
			pos := m.DataPageOffset
			if m.DictionaryPageOffset > 0 {
				pos = m.DictionaryPageOffset
			}
			end := pos + m.TotalCompressedSize
			if pos < 0 || end > size || end < pos {
				return fmt.Errorf("column %q: its pages (bytes %d to %d) are outside the file's %d bytes", p.name, pos, end, size)
			}
			for pos < end {
				sec := &countingReader{r: io.NewSectionReader(r, pos, end-pos)}
				br := bufio.NewReaderSize(sec, 4096)
				var h format.PageHeader
				if err := thrift.NewDecoder(new(thrift.CompactProtocol).NewReader(br)).Decode(&h); err != nil {
					return fmt.Errorf("column %q: a page header at byte %d: %w", p.name, pos, err)
				}
				pos += sec.n - int64(br.Buffered())
				switch {
				case h.CompressedPageSize < 0 || int64(h.CompressedPageSize) > end-pos:
					return fmt.Errorf("column %q: a page claims %d bytes, more than the %d left in its column chunk", p.name, h.CompressedPageSize, end-pos)
				case h.UncompressedPageSize < 0 || int64(h.UncompressedPageSize) > max(maxPageExpansion*int64(h.CompressedPageSize), 16<<20):
					return fmt.Errorf("column %q: a page claims %d bytes once decompressed, from %d", p.name, h.UncompressedPageSize, h.CompressedPageSize)
				}
				pos += int64(h.CompressedPageSize)
			}
		}
	}
	return nil
}

// maxPageExpansion bounds how many times its compressed size a page larger
// than 16 MiB may claim once decompressed (gzip's limit is about 1032).
const maxPageExpansion = 1100

// columnPlan is a column to read: where it is and what collects it.
type columnPlan struct {
	name   string
	leaf   int // index among the file's leaf columns
	values parquetColumn
}

// planColumns picks the top-level columns that can become frame columns.
func planColumns(pf *parquet.File, rows int) ([]*columnPlan, []string) {
	index := pandasIndex(pf)
	var plans []*columnPlan
	var notes []string
	for _, col := range pf.Root().Columns() {
		name := col.Name()
		switch {
		case index[name]:
			notes = append(notes, fmt.Sprintf("Column %q is the pandas index; it is left out.", name))
		case !col.Leaf():
			notes = append(notes, fmt.Sprintf("Column %q is nested (a group of %d fields), which is not supported; it is left out.", name, len(col.Columns())))
		case col.Repeated():
			notes = append(notes, fmt.Sprintf("Column %q is repeated (a list), which is not supported; it is left out.", name))
		default:
			values, err := newParquetColumn(col.Type(), rows)
			if err != nil {
				notes = append(notes, fmt.Sprintf("Column %q %v; it is left out.", name, err))
				continue
			}
			plans = append(plans, &columnPlan{name: name, leaf: col.Index(), values: values})
		}
	}
	return plans, notes
}

// pandasIndex names the columns pandas stored its index in, from the
// "pandas" metadata pyarrow writes. A RangeIndex is stored as metadata
// only, so most files have none.
func pandasIndex(pf *parquet.File) map[string]bool {
	raw, ok := pf.Lookup("pandas")
	if !ok {
		return nil
	}
	var meta struct {
		IndexColumns []json.RawMessage `json:"index_columns"`
	}
	if json.Unmarshal([]byte(raw), &meta) != nil {
		return nil
	}
	index := map[string]bool{}
	for _, c := range meta.IndexColumns {
		var name string
		if json.Unmarshal(c, &name) == nil { // not a {"kind": "range"} object
			index[name] = true
		}
	}
	return index
}

// readColumns fills every plan's values, GOMAXPROCS columns at a time,
// calling progress on this goroutine after each column. After the first
// error the other workers see ctx cancelled and stop at their next page.
func readColumns(ctx context.Context, pf *parquet.File, plans []*columnPlan, progress func()) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	next := make(chan *columnPlan, len(plans))
	for _, p := range plans {
		next <- p
	}
	close(next)
	done := make(chan error, len(plans))
	for range min(runtime.GOMAXPROCS(0), len(plans)) {
		go func() {
			for p := range next {
				done <- readColumn(ctx, pf, p)
			}
		}()
	}
	var first error
	for range plans {
		err := <-done
		switch {
		case err != nil && first == nil:
			first = err
			cancel()
		case first == nil:
			progress()
		}
	}
	return first
}

// readColumn reads one column through every row group. parquet-go panics
// on some damaged pages; that becomes an error.
func readColumn(ctx context.Context, pf *parquet.File, p *columnPlan) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("column %q is damaged: %v", p.name, r)
		}
	}()
	values := make([]parquet.Value, 4096)
	for _, rg := range pf.RowGroups() {
		pages := rg.ColumnChunks()[p.leaf].Pages()
		err := readPages(ctx, pages, p.values, values)
		pages.Close()
		if err != nil {
			return fmt.Errorf("column %q: %w", p.name, err)
		}
	}
	return nil
}

func readPages(ctx context.Context, pages parquet.Pages, into parquetColumn, values []parquet.Value) error {
	declared := false
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		page, err := pages.ReadPage()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if d := page.Dictionary(); d != nil && !declared {
			// A column chunk has at most one dictionary, shared by its pages.
			into.declareDictionary(d)
			declared = true
		}
		err = readValues(page.Values(), into, values)
		parquet.Release(page)
		if err != nil {
			return err
		}
	}
}

func readValues(r parquet.ValueReader, into parquetColumn, values []parquet.Value) error {
	for {
		n, err := r.ReadValues(values)
		into.addValues(values[:n])
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if n == 0 {
			return io.ErrNoProgress
		}
	}
}
