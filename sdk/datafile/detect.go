package datafile

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"
)

var (
	parquetMagic = []byte("PAR1")
	gzipMagic    = []byte{0x1f, 0x8b}
	utf8BOM      = []byte{0xef, 0xbb, 0xbf}
)

// detectLimit bounds how much text Detect reads looking for the first line
// that is not a comment, so a huge single-line file costs little.
const detectLimit = 4 << 20

// Detect tells the format of the file at path from its content: parquet
// starts with "PAR1"; ARFF's first line that is neither blank nor a %
// comment starts with @relation (in any letter case, after an optional
// byte-order mark); anything else is CSV. Gzip input is judged by its
// decompressed start. A name ending in .arff or .arff.gz makes a file that
// is not clearly anything else ARFF, so that the ARFF reader explains what
// is wrong with it. An empty file is an error.
func Detect(path string) (Format, error) {
	f, err := os.Open(path)
	if err != nil {
		return Unknown, fmt.Errorf("datafile: %w", err)
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 64<<10)
	start, err := br.Peek(len(parquetMagic))
	if len(start) == 0 {
		if err != nil && err != io.EOF {
			return Unknown, fmt.Errorf("datafile: read %s: %w", path, err)
		}
		return Unknown, fmt.Errorf("%s is empty: a dataset file needs at least a header naming its columns", path)
	}
	if bytes.Equal(start, parquetMagic) {
		return Parquet, nil
	}
	if looksParquet(path) {
		return Unknown, fmt.Errorf("%s is named like a parquet file but does not start with the parquet magic bytes \"PAR1\": it is damaged or not parquet", path)
	}
	text := io.Reader(br)
	if bytes.HasPrefix(start, gzipMagic) {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return Unknown, fmt.Errorf("%s starts like gzip but cannot be decompressed: %w", path, err)
		}
		defer gz.Close()
		text = gz
	}
	format, err := detectText(io.LimitReader(text, detectLimit))
	if err != nil {
		return Unknown, fmt.Errorf("%s: %w", path, err)
	}
	if format == CSV && looksARFF(path) {
		format = ARFF
	}
	return format, nil
}

// detectText judges decompressed text.
func detectText(r io.Reader) (Format, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if bom, _ := br.Peek(len(utf8BOM)); bytes.Equal(bom, utf8BOM) {
		_, _ = br.Discard(len(utf8BOM))
	}
	if start, _ := br.Peek(len(parquetMagic)); bytes.Equal(start, parquetMagic) {
		return Unknown, errors.New("it is gzip-compressed parquet, which cannot be read in place; decompress it first")
	}
	if head, _ := br.Peek(binarySample); looksBinary(head) {
		return Unknown, errors.New("it holds binary data, not text: it is not an ARFF, CSV or parquet file")
	}
	blank := true
	for atLineStart := true; ; {
		line, err := br.ReadSlice('\n')
		// A line longer than the buffer comes in pieces; only the first
		// piece can start a declaration.
		if trimmed := bytes.TrimLeft(line, " \t\r\n\f\v\x00"); atLineStart && len(trimmed) > 0 {
			if trimmed[0] != '%' {
				if isRelation(trimmed) {
					return ARFF, nil
				}
				return CSV, nil
			}
			blank = false
		}
		atLineStart = err != bufio.ErrBufferFull
		switch {
		case err == nil || err == bufio.ErrBufferFull:
		case err == io.EOF:
			if blank {
				return Unknown, errors.New("the file holds no text: a dataset file needs at least a header naming its columns")
			}
			// Only blank lines and comments (or more than detectLimit of
			// them): nothing says ARFF.
			return CSV, nil
		default:
			return Unknown, fmt.Errorf("read: %w", err)
		}
	}
}

// isRelation reports whether line starts with the @relation keyword.
func isRelation(line []byte) bool {
	const kw = "@relation"
	if len(line) < len(kw) || !strings.EqualFold(string(line[:len(kw)]), kw) {
		return false
	}
	return len(line) == len(kw) || line[len(kw)] <= ' '
}

func looksARFF(path string) bool {
	p := strings.ToLower(path)
	return strings.HasSuffix(p, ".arff") || strings.HasSuffix(p, ".arff.gz")
}

func looksParquet(path string) bool {
	p := strings.ToLower(path)
	return strings.HasSuffix(p, ".parquet") || strings.HasSuffix(p, ".pq")
}

// binarySample is how much of a file's start looksBinary judges.
const binarySample = 8 << 10

// looksBinary reports whether more than a tenth of b is neither text nor
// white space: control bytes or broken UTF-8. NUL counts as white space,
// as the ARFF reader reads it (some OpenML files end in one).
func looksBinary(b []byte) bool {
	total, bad := len(b), 0
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		switch {
		// A rune cut at the sample's end is not held against it.
		case r == utf8.RuneError && n <= 1 && (len(b) >= utf8.UTFMax || utf8.FullRune(b)):
			bad++
		case r < 0x20 && !strings.ContainsRune("\t\n\r\f\v\x00", r):
			bad++
		}
		b = b[max(n, 1):]
	}
	return bad*10 > total
}
