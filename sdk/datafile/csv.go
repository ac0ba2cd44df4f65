package datafile

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/openml-dash/openml-dash/sdk/frame"
)

// checkEvery is how many rows the CSV reader reads between looks at ctx
// and calls to Progress.
const checkEvery = 64 << 10

// sizingRow is the row after which the CSV reader guesses the number of
// rows from the share of the file read, to size the columns.
const sizingRow = 4096

// isMissingToken reports whether a (trimmed) CSV value stands for a
// missing value, as pandas' read_csv and ARFF (?) write them.
func isMissingToken(s string) bool {
	switch s {
	case "", "?", "NA", "N/A", "NaN", "nan", "null", "NULL", "None":
		return true
	}
	return false
}

// readCSV reads a CSV file with a header row. The delimiter is the one of
// , ; tab | found most often in the header line (outside quotes); values
// are trimmed of surrounding spaces; a column is Numeric when every value
// that is not missing is a number, else Nominal or String as nominalLimit
// decides.
func readCSV(ctx context.Context, path string, opts Options) (*Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("%s: not read: %w", path, err)
	}
	file, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("datafile: %w", err)
	}
	defer file.Close()
	total := int64(-1)
	if st, err := file.Stat(); err == nil {
		total = st.Size()
	}
	raw := &countingReader{r: file}
	text, gz, err := csvText(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	cr := csv.NewReader(text)
	cr.Comma = sniffDelimiter(text, looksTSV(path))
	cr.FieldsPerRecord = -1 // checked below, for a clearer message
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s is empty: a CSV file needs a header line naming its columns", path)
	}
	if err != nil {
		return nil, csvError(path, err)
	}
	names, notes := columnNames(header)
	cols := make([]*csvColumn, len(names))
	for i := range cols {
		cols[i] = newCSVColumn()
	}
	rows := 0
	for {
		record, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(path, err)
		}
		if len(record) != len(cols) {
			line, _ := cr.FieldPos(0)
			return nil, fmt.Errorf("%s: line %d has %d fields, the header has %d; a value holding %q must be quoted",
				path, line, len(record), len(cols), cr.Comma)
		}
		for i, v := range record {
			cols[i].add(strings.TrimSpace(v))
		}
		rows++
		if rows == sizingRow && total > 0 && !gz {
			// Size the columns once instead of regrowing them all along.
			guess := int(float64(rows) * float64(total) / float64(cr.InputOffset()) * 1.05)
			for _, c := range cols {
				c.reserve(guess)
			}
		}
		if rows%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("%s: stopped at row %d: %w", path, rows, err)
			}
			if opts.Progress != nil {
				opts.Progress(raw.n, total)
			}
		}
	}
	f := &frame.Frame{Name: frameName(path), Columns: make([]*frame.Column, len(cols))}
	for i, c := range cols {
		f.Columns[i] = c.column(names[i])
	}
	if opts.Progress != nil {
		opts.Progress(raw.n, total)
	}
	return &Result{Frame: f, Format: CSV, Notes: notes}, nil
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// csvText is the file's text: decompressed when it is gzip, without a
// byte-order mark.
func csvText(r io.Reader) (text *bufio.Reader, zipped bool, err error) {
	br := bufio.NewReaderSize(r, 256<<10)
	if magic, _ := br.Peek(len(gzipMagic)); bytes.Equal(magic, gzipMagic) {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return nil, false, fmt.Errorf("it starts like gzip but cannot be decompressed: %w", err)
		}
		br = bufio.NewReaderSize(gz, 256<<10)
		zipped = true
	}
	if bom, _ := br.Peek(len(utf8BOM)); bytes.Equal(bom, utf8BOM) {
		_, _ = br.Discard(len(utf8BOM))
	}
	return br, zipped, nil
}

// delimiters are the ones sniffDelimiter tells apart, in the order that
// breaks ties; a tab is delimiters[2].
var delimiters = [...]byte{',', ';', '\t', '|'}

// sniffDelimiter picks the delimiter found most often outside quotes in
// the header line (as much of it as the buffer holds). Ties go to the
// order of delimiters, except that a .tsv file prefers a tab; a header
// without any is one column, and its delimiter does not matter.
func sniffDelimiter(br *bufio.Reader, tsv bool) rune {
	start, _ := br.Peek(br.Size())
	var counts [len(delimiters)]int
	quoted := false
scan:
	for _, c := range start {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\n':
			break scan
		default:
			if d := bytes.IndexByte(delimiters[:], c); d >= 0 {
				counts[d]++
			}
		}
	}
	best := 0
	if tsv {
		best = 2
	}
	for d := range delimiters {
		if counts[d] > counts[best] {
			best = d
		}
	}
	return rune(delimiters[best])
}

func looksTSV(path string) bool {
	p := strings.ToLower(path)
	return strings.HasSuffix(p, ".tsv") || strings.HasSuffix(p, ".tsv.gz")
}

// csvError names the file and line of a CSV syntax error and says how to
// fix it.
func csvError(path string, err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", path, err)
	}
	hint := ""
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		hint = `; a value containing " must be quoted as a whole, with the " doubled ("")`
	case errors.Is(pe.Err, csv.ErrQuote):
		hint = "; a quoted value must end with a quote followed by the delimiter or the line end"
	}
	return fmt.Errorf("%s: line %d, column %d: %w%s", path, pe.Line, pe.Column, pe.Err, hint)
}

// columnNames names empty header fields "column N" and renames repeated
// names as pandas does ("a", "a.1", "a.2"), noting each change.
func columnNames(header []string) ([]string, []string) {
	names := make([]string, len(header))
	var notes []string
	taken := make(map[string]bool, len(header))
	for i, h := range header {
		h = strings.TrimSpace(h)
		if h == "" {
			h = fmt.Sprintf("column %d", i+1)
			notes = append(notes, fmt.Sprintf("Column %d has no name in the header; it is called %q.", i+1, h))
		}
		names[i] = h
		taken[h] = true
	}
	seen := make(map[string]int, len(header))
	for i, name := range names {
		seen[name]++
		if seen[name] == 1 {
			continue
		}
		renamed := name
		for n := seen[name] - 1; taken[renamed]; n++ {
			renamed = fmt.Sprintf("%s.%d", name, n)
		}
		taken[renamed] = true
		names[i] = renamed
		notes = append(notes, fmt.Sprintf("Column %d repeats the name %q; it is called %q.", i+1, name, renamed))
	}
	return names, notes
}

// csvColumn infers a CSV column's type while it is read. It interns the
// values (parsing each distinct one once) until the column has more
// distinct values than a Nominal column may; then a column of numbers
// keeps only float64s and any other keeps one string per row.
type csvColumn struct {
	text    *textColumn
	numeric bool      // every value that is not missing is a number
	numbers []float64 // each level's value, while numeric and interning
	floats  *floatColumn
}

func newCSVColumn() *csvColumn {
	return &csvColumn{text: newTextColumn(0), numeric: true}
}

func (c *csvColumn) add(s string) {
	missing := isMissingToken(s)
	if c.floats != nil {
		if missing {
			c.floats.addMissing()
			return
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			c.floats.add(f)
			return
		}
		c.floatsToText()
	}
	if missing {
		c.text.addMissing()
		return
	}
	if !c.text.add(s) || !c.numeric {
		return
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		c.numbers = append(c.numbers, f)
	} else {
		c.numeric, c.numbers = false, nil
	}
	if len(c.text.levels) > maxLevels {
		if c.numeric {
			c.textToFloats()
		} else {
			c.text.spill()
		}
	}
}

// reserve makes room for about rows rows in all.
func (c *csvColumn) reserve(rows int) {
	switch {
	case c.floats != nil:
		c.floats.floats = slices.Grow(c.floats.floats, max(0, rows-len(c.floats.floats)))
	case c.text.interning():
		c.text.codes = slices.Grow(c.text.codes, max(0, rows-len(c.text.codes)))
	default:
		c.text.strings = slices.Grow(c.text.strings, max(0, rows-len(c.text.strings)))
	}
}

// textToFloats turns an interned column of numbers into floats.
func (c *csvColumn) textToFloats() {
	fc := &floatColumn{floats: make([]float64, 0, max(cap(c.text.codes), 1024))}
	for _, code := range c.text.codes {
		if code == frame.MissingCode {
			fc.addMissing()
		} else {
			fc.add(c.numbers[code])
		}
	}
	c.floats, c.text, c.numbers = fc, nil, nil
}

// floatsToText turns a column of numbers into one of strings when a value
// that is not a number comes late. The numbers read so far are written
// back in Go's shortest form ("1.50" comes back as "1.5"); that loss is
// the price of not holding every row's text for every numeric column.
func (c *csvColumn) floatsToText() {
	tc := &textColumn{strings: make([]string, 0, cap(c.floats.floats))}
	for i, f := range c.floats.floats {
		if c.floats.missing.Get(i) {
			tc.addMissing()
		} else {
			tc.add(strconv.FormatFloat(f, 'g', -1, 64))
		}
	}
	c.text, c.floats, c.numeric = tc, nil, false
}

func (c *csvColumn) column(name string) *frame.Column {
	if c.floats == nil && !c.numeric {
		return c.text.column(name)
	}
	// Numbers, or only missing values (pandas reads those as floats too).
	if c.floats == nil {
		c.textToFloats()
	}
	return c.floats.column(name, frame.Numeric)
}
