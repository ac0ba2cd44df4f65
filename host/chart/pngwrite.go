package chart

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"sync"
)

// pngEncoder writes what encodeOpaque does not: pictures with
// transparency or of other types. BestSpeed: a whole page writes a dozen
// images, and the best compression took a fifth of its time for files a
// third smaller.
var pngEncoder = png.Encoder{CompressionLevel: png.BestSpeed}

// EncodePNG writes img as PNG, as every image openml-dash saves.
func EncodePNG(w io.Writer, img image.Image) error {
	if ok, err := encodeOpaque(w, img); ok {
		return err
	}
	return pngEncoder.Encode(w, img)
}

// flateWriters keeps BestSpeed compressors for reuse: each holds about a
// megabyte of tables, and a page writes a dozen pictures, two or three at
// a time.
var flateWriters = sync.Pool{New: func() any {
	fw, err := flate.NewWriter(nil, flate.BestSpeed)
	if err != nil {
		panic(err) // BestSpeed is a valid level
	}
	return fw
}}

// encodeOpaque writes an opaque RGBA or NRGBA picture (every tab and
// chart openml-dash draws) as 8-bit RGB with the "Up" filter on every row.
// image/png tries all five filters on each row and keeps the best: on
// screenshots of a page that took half its time for files 5% smaller.
// It reports false, having written nothing, when img is not such a picture.
func encodeOpaque(w io.Writer, img image.Image) (bool, error) {
	var pix []byte
	var stride int
	switch m := img.(type) {
	case *image.NRGBA:
		pix, stride = m.Pix, m.Stride
	case *image.RGBA:
		pix, stride = m.Pix, m.Stride
	default:
		return false, nil
	}
	b := img.Bounds()
	width, height := b.Dx(), b.Dy()
	if width <= 0 || height <= 0 {
		return false, nil
	}
	if !opaque(pix, stride, width, height) {
		return false, nil
	}

	bw := bufio.NewWriter(w)
	bw.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8], ihdr[9] = 8, 2 // 8 bits a sample, truecolour; the rest 0: deflate, per-row filters, no interlace
	writeChunk(bw, "IHDR", ihdr[:])

	// The IDAT data is a zlib stream, framed here rather than by
	// compress/zlib so that its checksum skips over rows the same as the
	// one above: most of a page's rows are.
	idat := &chunkWriter{w: bw, typ: "IDAT"}
	idat.Write([]byte{0x78, 0x01}) // deflate, 32 KiB window, fastest: as compress/zlib writes at BestSpeed
	fw := flateWriters.Get().(*flate.Writer)
	defer flateWriters.Put(fw)
	fw.Reset(idat)
	sum := newAdler()
	// line is a row as PNG stores it: its filter type, then each byte
	// minus the one above it ("Up"), with a byte to spare for upRow;
	// a row the same as the one above is all zeros (same).
	line, same := make([]byte, 1+3*width+1), make([]byte, 1+3*width)
	line[0], same[0] = 2, 2
	above := make([]byte, 4*width) // above the first row: zeros
	for y := range height {
		row := pix[y*stride : y*stride+4*width]
		out := same
		if bytes.Equal(row, above) {
			sum = sum.add(same[:1]).zeros(len(same) - 1)
		} else {
			upRow(line[1:], row, above)
			out = line[:len(same)]
			sum = sum.add(out)
		}
		if _, err := fw.Write(out); err != nil {
			return true, err
		}
		above = row
	}
	if err := fw.Close(); err != nil {
		return true, err
	}
	idat.Write(binary.BigEndian.AppendUint32(nil, uint32(sum)))
	if err := idat.flush(); err != nil {
		return true, err
	}
	writeChunk(bw, "IEND", nil)
	return true, bw.Flush()
}

// opaque says whether every pixel of the RGBA or NRGBA pixels pix is
// opaque, two at a time.
func opaque(pix []byte, stride, width, height int) bool {
	const alpha2 = 0xff000000_ff000000 // two pixels' alpha bytes, little-endian
	for y := range height {
		row := pix[y*stride : y*stride+4*width]
		i := 0
		for ; i+8 <= len(row); i += 8 {
			if binary.LittleEndian.Uint64(row[i:])&alpha2 != alpha2 {
				return false
			}
		}
		if i < len(row) && row[i+3] != 0xff {
			return false
		}
	}
	return true
}

// upRow writes the RGB of each RGBA pixel of row minus the one above it,
// byte by byte, into out, 3 bytes a pixel; out has a byte more than that,
// which it overwrites. Four bytes are subtracted at once, each without
// borrowing from the next (Hacker's Delight, 2-18).
func upRow(out, row, above []byte) {
	const high = 0x80808080
	for x := 0; 4*x < len(row); x++ {
		a := binary.LittleEndian.Uint32(row[4*x:])
		b := binary.LittleEndian.Uint32(above[4*x:])
		binary.LittleEndian.PutUint32(out[3*x:], ((a|high)-(b&^high))^((a^^b)&high))
	}
}

// adler is an Adler-32 checksum (RFC 1950) being computed.
type adler uint32

const adlerMod = 65521

func newAdler() adler { return 1 }

// add is the sum after p more bytes.
func (a adler) add(p []byte) adler {
	s1, s2 := uint32(a&0xffff), uint32(a>>16)
	for len(p) > 0 {
		// 5552 bytes is the most that cannot overflow s2 (RFC 1950).
		n := min(len(p), 5552)
		for _, b := range p[:n] {
			s1 += uint32(b)
			s2 += s1
		}
		s1, s2 = s1%adlerMod, s2%adlerMod
		p = p[n:]
	}
	return adler(s2<<16 | s1)
}

// zeros is the sum after n more zero bytes, at once: each adds nothing
// to s1 and s1 to s2.
func (a adler) zeros(n int) adler {
	s1, s2 := uint64(a&0xffff), uint64(a>>16)
	s2 = (s2 + uint64(n%adlerMod)*s1) % adlerMod
	return adler(s2<<16 | s1)
}

// chunkWriter gathers what is written into chunks of its type.
type chunkWriter struct {
	w   *bufio.Writer
	typ string
	buf []byte
}

func (c *chunkWriter) Write(p []byte) (int, error) {
	c.buf = append(c.buf, p...)
	if len(c.buf) >= 1<<16 {
		return len(p), c.flush()
	}
	return len(p), nil
}

func (c *chunkWriter) flush() error {
	if len(c.buf) > 0 {
		writeChunk(c.w, c.typ, c.buf)
		c.buf = c.buf[:0]
	}
	return nil
}

// writeChunk writes one PNG chunk: length, type, data and CRC. Write
// errors stay in the bufio.Writer and come back from its Flush.
func writeChunk(w *bufio.Writer, typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	w.Write(n[:])
	w.WriteString(typ)
	w.Write(data)
	crc := crc32.NewIEEE()
	crc.Write([]byte(typ))
	crc.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	w.Write(n[:])
}
