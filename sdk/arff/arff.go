// Package arff reads ARFF files (Weka's Attribute-Relation File Format, in
// which OpenML serves datasets, predictions and task splits) into a
// *frame.Frame.
//
// The reader makes one pass over its input and holds only the columns: the
// header is read line by line, then the rows are cut into chunks of whole
// lines that GOMAXPROCS goroutines parse in parallel.
//
// What it accepts, following Weka:
//   - @relation, @attribute and @data in any letter case; blank lines;
//     % comments on their own line or after a declaration or a row (outside
//     quotes); \n or \r\n line ends; a UTF-8 byte-order mark; gzip-compressed
//     input, recognised by its first bytes whatever the file is called.
//     Every byte up to ' ' is white space, as in Weka's tokenizer (some
//     OpenML files end in a NUL byte).
//   - Attribute types numeric, real and integer (all frame.Numeric),
//     {nominal values}, string and date [format]. Relational attributes are
//     refused with an *Error naming their line.
//   - Names and values quoted with ' or " (which may then hold spaces, commas,
//     braces and %) or unquoted (outer spaces trimmed). In quotes, \n, \t and
//     \r are control characters and any other escaped character (\\ \' \" \%)
//     stands for itself. A quoted value never spans lines.
//   - Dense rows (values separated by commas) and sparse rows
//     ({index value, ...}, indexes from 0 and increasing). An attribute a
//     sparse row leaves out has the value Weka stores as 0: the number 0,
//     the first declared nominal value (code 0), the Unix epoch for a date
//     and the empty string for a string attribute. Instance weights
//     ("{w}" after a row) are not supported.
//   - An unquoted ? is a missing value; a quoted '?' is the text "?" (which
//     a nominal attribute may declare, as OpenML's anneal does). A numeric
//     NaN is missing too.
//   - Dates use a Java SimpleDateFormat pattern, yyyy-MM-dd'T'HH:mm:ss by
//     default, and are stored as seconds since the Unix epoch; a date
//     without a time zone is taken as UTC.
//
// Every problem with the text is an *Error giving its line and column.
package arff

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/openml-dash/openml-dash/sdk/frame"
)

// Options tune Read and ReadFile. The zero value is ready to use.
type Options struct {
	// Progress, when set, is called on the goroutine that called Read each
	// time a chunk of rows (about a megabyte) has been added to the frame.
	// read counts the bytes taken from the input so far (compressed bytes
	// for gzip input); total is the input's size when Read can tell (a file,
	// or a reader with a Len method such as *bytes.Reader), else -1.
	Progress func(read, total int64)
	// Strict adds the checks OpenML applies to uploaded files (see the
	// invalid-*.arff cases of openml-java): a comment must be on a line of
	// its own, and the rows must be all dense or all sparse.
	Strict bool
	// Sparse keeps the numeric and date columns of a file whose first row
	// is sparse ({index value, ...}) sparse, as frame.Column.Sparse: only
	// their non-zero values are stored, so a wide, mostly-zero file takes
	// the memory of its non-zero values. A column with more than half its
	// rows non-zero is stored dense all the same. Nominal and string
	// columns, and files whose first row is dense, are read as without it.
	// Callers that read Floats row by row must leave it off.
	Sparse bool
}

// Read parses an ARFF file from r. It stops early when ctx is cancelled and
// returns an error wrapping ctx.Err(); a reader blocked in Read still
// delays that until it returns. Problems in the text are *Error values; a
// failing r gives its own error, wrapped.
func Read(ctx context.Context, r io.Reader, opts Options) (*frame.Frame, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("arff: not started: %w", err)
	}
	total := sizeOf(r)
	src, err := open(r)
	if err != nil {
		return nil, err
	}
	lr := &lineReader{br: src.text}
	h, layouts, err := parseHeader(ctx, lr, opts.Strict)
	if err != nil {
		return nil, err
	}
	rowBytes := int64(-1) // the size of the rows' text, when known
	if size := textSize(r, total, src.gzip); size >= src.consumed() {
		rowBytes = size - src.consumed()
	}
	f, s := newFrame(h, layouts, opts.Strict)
	s.sparse = opts.Sparse
	if err := readRows(ctx, src, lr.line+1, s, f, opts, total, rowBytes); err != nil {
		return nil, err
	}
	return f, nil
}

// ReadFile is Read on the file at path; its errors start with the path.
func ReadFile(ctx context.Context, path string, opts Options) (*frame.Frame, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("arff: %w", err)
	}
	defer f.Close()
	fr, err := Read(ctx, f, opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return fr, nil
}

// ReadHeader reads only the relation name and the attributes, stopping at
// the @data line, for callers that need the schema and not the rows.
func ReadHeader(r io.Reader) (*Header, error) {
	src, err := open(r)
	if err != nil {
		return nil, err
	}
	h, _, err := parseHeader(context.Background(), &lineReader{br: src.text}, false)
	return h, err
}

// isFloat reports whether a column of kind k holds Floats, and so may be
// stored sparse.
func isFloat(k frame.Kind) bool { return k == frame.Numeric || k == frame.Date }

// newFrame makes the empty columns of h and the schema workers parse with.
func newFrame(h *Header, layouts []string, strict bool) (*frame.Frame, *schema) {
	f := &frame.Frame{Name: h.Relation, Columns: make([]*frame.Column, len(h.Attributes))}
	s := &schema{cols: make([]colSpec, len(h.Attributes)), strict: strict}
	for i, a := range h.Attributes {
		f.Columns[i] = &frame.Column{Name: a.Name, Kind: a.Kind, Levels: a.Values, DateFormat: a.DateFormat}
		spec := colSpec{name: a.Name, kind: a.Kind, levels: a.Values, layout: layouts[i]}
		switch a.Kind {
		case frame.Nominal:
			spec.codes = make(map[string]int32, len(a.Values))
			for code, v := range a.Values {
				spec.codes[v] = int32(code)
			}
		case frame.Date:
			spec.format = a.DateFormat
			if spec.format == "" {
				spec.format = defaultDateFormat
			}
			spec.example = layoutCheckTime.Format(spec.layout)
		}
		s.cols[i] = spec
		if !isFloat(a.Kind) {
			s.denseCols = append(s.denseCols, i)
		}
	}
	return f, s
}
