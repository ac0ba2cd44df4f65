package arff

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"os"
)

// source is the ARFF text of an input: decompressed, without a byte-order
// mark, with a count of the raw bytes taken from the caller's reader.
type source struct {
	text     *bufio.Reader
	raw      *countingReader // bytes from the caller's reader
	unpacked *countingReader // bytes into text: raw, or what gzip gave
	gzip     bool
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

const textBufferSize = 256 << 10

var (
	gzipMagic = []byte{0x1f, 0x8b}
	utf8BOM   = []byte{0xef, 0xbb, 0xbf}
)

// open looks at the first bytes rather than a file name, because OpenML
// serves files under names without extensions (phpFsFYVN) and caches may
// store them gzipped under any name.
func open(r io.Reader) (*source, error) {
	raw := &countingReader{r: r}
	unpacked := raw
	br := bufio.NewReaderSize(raw, textBufferSize)
	zipped := false
	if magic, _ := br.Peek(len(gzipMagic)); bytes.Equal(magic, gzipMagic) {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("arff: the input starts like gzip but cannot be decompressed: %w", err)
		}
		unpacked = &countingReader{r: gz}
		br = bufio.NewReaderSize(unpacked, textBufferSize)
		zipped = true
	}
	if bom, _ := br.Peek(len(utf8BOM)); bytes.Equal(bom, utf8BOM) {
		_, _ = br.Discard(len(utf8BOM))
	}
	return &source{text: br, raw: raw, unpacked: unpacked, gzip: zipped}, nil
}

// consumed is how much text has been parsed so far.
func (s *source) consumed() int64 { return s.unpacked.n - int64(s.text.Buffered()) }

// sizeOf tells how many bytes are left in r, or -1. It gives Progress its
// total.
func sizeOf(r io.Reader) int64 {
	switch r := r.(type) {
	case interface{ Len() int }:
		return int64(r.Len())
	case *os.File:
		st, err := r.Stat()
		if err != nil || !st.Mode().IsRegular() {
			return -1
		}
		at, err := r.Seek(0, io.SeekCurrent)
		if err != nil {
			return -1
		}
		return st.Size() - at
	}
	return -1
}

// textSize is the size of the input's text when it can be known cheaply:
// the input's size, or for gzip the uncompressed size its trailer records
// (modulo 4 GiB; a multi-member file records its last member's). It sizes
// the columns up front.
func textSize(r io.Reader, total int64, zipped bool) int64 {
	if !zipped || total < 0 {
		return total
	}
	ra, ok := r.(io.ReaderAt)
	if !ok {
		return -1
	}
	var end int64
	switch r := r.(type) {
	case interface{ Size() int64 }:
		end = r.Size()
	case *os.File:
		st, err := r.Stat()
		if err != nil {
			return -1
		}
		end = st.Size()
	default:
		return -1
	}
	var trailer [4]byte
	if end < int64(len(trailer)) {
		return -1
	}
	if _, err := ra.ReadAt(trailer[:], end-int64(len(trailer))); err != nil {
		return -1
	}
	return int64(binary.LittleEndian.Uint32(trailer[:]))
}

// lineReader hands out header lines one at a time and counts them.
type lineReader struct {
	br   *bufio.Reader
	line int // number of the line last returned
	long []byte
}

// next returns the next line without its line end; the slice is valid until
// the following call. It returns io.EOF when no line is left.
func (lr *lineReader) next() ([]byte, error) {
	b, err := lr.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		lr.long = append(lr.long[:0], b...)
		for err == bufio.ErrBufferFull {
			b, err = lr.br.ReadSlice('\n')
			lr.long = append(lr.long, b...)
		}
		b = lr.long
	}
	if err != nil && err != io.EOF {
		return nil, fmt.Errorf("arff: read line %d: %w", lr.line+1, err)
	}
	if len(b) == 0 && err == io.EOF {
		return nil, io.EOF
	}
	lr.line++
	return trimLineEnd(b), nil
}

func trimLineEnd(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
	}
	if n := len(b); n > 0 && b[n-1] == '\r' {
		b = b[:n-1]
	}
	return b
}
