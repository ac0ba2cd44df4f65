package datafile_test

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/snappy"
	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"

	"github.com/openml-dash/openml-dash/internal/recordings"
	"github.com/openml-dash/openml-dash/sdk/datafile"
	"github.com/openml-dash/openml-dash/sdk/frame"
)

// fuzzSeedLimit keeps big recordings out of the corpora, where mutating
// them would slow the fuzzing to a crawl.
const fuzzSeedLimit = 64 << 10

// fuzzNames are the file names the targets write their input under: the
// name only breaks ties in Detect, but it must never matter for safety.
var fuzzNames = []string{"data", "x.csv", "x.tsv", "x.arff", "x.ARFF.gz", "x.parquet", "x.pq", "x.csv.gz", "x.txt"}

// fuzzTextSeeds are small CSV, TSV and ARFF files, plain and gzipped.
func fuzzTextSeeds(tb testing.TB) [][]byte {
	texts := []string{
		"a,b,c\n1,x,2.5\n2,y,?\n3,x,NA\n",
		"\ufeffsepal;class\n5,1;setosa\n4,9;\"ver;si\"\"color\"\n",
		"id\tname\n1\talpha\n2\t\n",
		"x|y\n\"1\"|\"a\nb\"\n",
		",,\n1,2,3\n",
		"a,a,a\n1,2,3\n",
		"a,b\n1\n",
		"a\n\"unterminated\n",
		"% comment\n\n@RELATION r\n@attribute x numeric\n@data\n1\n",
		"@relation\t'a b'\n@attribute c {u,v}\n@data\nu\n",
		"  \n\t\n% only comments\n",
		"PAR1",
	}
	var out [][]byte
	for _, s := range texts {
		out = append(out, []byte(s))
	}
	out = append(out, gzipped(tb, texts[0]), gzipped(tb, texts[8]), gzipped(tb, "PAR1xxxx"), []byte{0x1f, 0x8b, 0})
	if dir := recordings.Dir(); dir != "" {
		for _, pattern := range []string{"odd-arff/*.arff", "www/data/download/61/*.arff", "test/data/download/11/*.arff"} {
			paths, _ := filepath.Glob(filepath.Join(dir, filepath.FromSlash(pattern)))
			for _, p := range paths {
				if st, err := os.Stat(p); err == nil && st.Size() <= fuzzSeedLimit {
					b, err := os.ReadFile(p)
					if err != nil {
						tb.Fatal(err)
					}
					out = append(out, b)
				}
			}
		}
	}
	return out
}

// fuzzFile writes data under name in dir, a folder kept for the whole run
// (the fuzz function runs one input at a time per process).
func fuzzFile(t *testing.T, dir, name string, data []byte) string {
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// FuzzDetect checks Detect's promises on arbitrary content under every
// kind of name: an empty file and nothing else known is an error, PAR1 is
// parquet whatever the name, a file named parquet that is not is refused,
// and every error names the file.
func FuzzDetect(f *testing.F) {
	for i, b := range fuzzTextSeeds(f) {
		f.Add(b, byte(i))
	}
	for i, b := range fuzzParquetSeeds(f) {
		f.Add(b, byte(i))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte, name byte) {
		p := fuzzFile(t, dir, fuzzNames[int(name)%len(fuzzNames)], data)
		format, err := datafile.Detect(p)
		parquetName := strings.HasSuffix(p, ".parquet") || strings.HasSuffix(p, ".pq")
		switch {
		case err != nil:
			if format != datafile.Unknown || !strings.Contains(err.Error(), p) {
				t.Fatalf("Detect = %v, %v: an error must come with Unknown and name the file", format, err)
			}
			if bytes.HasPrefix(data, []byte("PAR1")) {
				t.Fatalf("Detect: %v for a file starting with PAR1", err)
			}
		case len(data) == 0:
			t.Fatalf("Detect = %v for an empty file", format)
		case format == datafile.Unknown:
			t.Fatal("Detect = Unknown without an error")
		case (format == datafile.Parquet) != bytes.HasPrefix(data, []byte("PAR1")):
			t.Fatalf("Detect = %v for a file starting with %q", format, data[:min(4, len(data))])
		case parquetName && format != datafile.Parquet:
			t.Fatalf("Detect = %v for a file named parquet that is not", format)
		}
	})
}

// FuzzReadCSV reads arbitrary text (plain or gzipped, named .csv or .tsv)
// with Read: it must not panic, and a frame it returns must keep the frame
// conventions.
func FuzzReadCSV(f *testing.F) {
	for _, b := range fuzzTextSeeds(f) {
		f.Add(b, false)
		f.Add(b, true)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte, tsv bool) {
		if bytes.HasPrefix(data, []byte("PAR1")) {
			return // FuzzReadParquet's
		}
		name := "x.csv"
		if tsv {
			name = "x.tsv"
		}
		fuzzRead(t, fuzzFile(t, dir, name, data), int64(len(data)))
	})
}

// FuzzReadParquet reads arbitrary bytes as a parquet file: a damaged file
// must be an error, never a panic, and what the reader allocates must not
// follow sizes the file only claims (a footer saying 2^31 rows).
func FuzzReadParquet(f *testing.F) {
	for _, b := range fuzzParquetSeeds(f) {
		f.Add(b)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		if !bytes.HasPrefix(data, []byte("PAR1")) {
			data = append([]byte("PAR1"), data...)
		}
		fuzzRead(t, fuzzFile(t, dir, "x.parquet", data), int64(len(data)))
	})
}

// fuzzAllocLimit bounds what reading a fuzz input may allocate: far more
// than any small file holds, far less than a claimed 2^31 rows.
const fuzzAllocLimit = 1 << 30

// fuzzRead reads path with Read and checks the result against the frame
// conventions.
func fuzzRead(t *testing.T, path string, size int64) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	res, err := datafile.Read(t.Context(), path, datafile.Options{Progress: func(read, total int64) {
		if read < 0 || (total >= 0 && total != size) {
			t.Errorf("progress %d of %d for a file of %d bytes", read, total, size)
		}
	}})
	runtime.ReadMemStats(&after)
	if n := after.TotalAlloc - before.TotalAlloc; n > fuzzAllocLimit {
		t.Fatalf("reading %d bytes allocated %d MiB (err %v)", size, n>>20, err)
	}
	if err != nil {
		if !strings.Contains(err.Error(), path) {
			t.Fatalf("error %q does not name the file", err)
		}
		return
	}
	if res.Frame == nil || res.Format == datafile.Unknown {
		t.Fatalf("Read = %+v: no frame or no format", res)
	}
	fr := res.Frame
	for _, c := range fr.Columns {
		if c.Len() != fr.Rows() {
			t.Fatalf("column %q has %d rows, the frame %d", c.Name, c.Len(), fr.Rows())
		}
		for i := range c.Len() {
			missing := c.IsMissing(i)
			switch c.Kind {
			case frame.Nominal:
				code := c.Codes[i]
				if missing != (code == frame.MissingCode) || (!missing && (code < 0 || int(code) >= len(c.Levels))) {
					t.Fatalf("column %q row %d: code %d of %d levels, missing %v", c.Name, i, code, len(c.Levels), missing)
				}
			case frame.String:
				if missing && c.Strings[i] != "" {
					t.Fatalf("column %q row %d: missing but %q", c.Name, i, c.Strings[i])
				}
			case frame.Numeric, frame.Date:
				if missing != math.IsNaN(c.Floats[i]) {
					t.Fatalf("column %q row %d: missing %v but %v", c.Name, i, missing, c.Floats[i])
				}
			default:
				t.Fatalf("column %q has the kind %v", c.Name, c.Kind)
			}
		}
	}
}

// parquetBytes writes rows with parquet-go's writer.
func parquetBytes[T any](tb testing.TB, rows []T, opts ...parquet.WriterOption) []byte {
	var buf bytes.Buffer
	w := parquet.NewGenericWriter[T](&buf, opts...)
	if _, err := w.Write(rows); err != nil {
		tb.Fatal(err)
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// fuzzParquetSeeds are small parquet files of the column kinds the reader
// takes (and some it leaves out), and one whose footer claims 2^31-2 rows.
func fuzzParquetSeeds(tb testing.TB) [][]byte {
	when := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	mixed := []mixedRow{
		{Num: ptr(1.5), Count: ptr[int64](-3), Small: 1, Flag: ptr(true), Color: ptr("red"), Note: ptr("n"), When: &when, Day: 19000},
		{Small: -2},
		{Num: ptr(math.NaN()), Color: ptr("blue"), Day: -1},
	}
	other := []otherRow{{Price: 12345, Big: [9]byte{8: 1}, Tiny: 255, Huge: math.MaxUint64, Micros: -1, ID: [16]byte{1, 2}, Kind: "a", Payload: "{}"}, {Kind: "b"}}
	nested := []nestedRow{{ID: 1, Point: point{1, 2}, Tags: []string{"x", "y"}, Codes: []int32{3}, Class: "a"}}
	plain := parquetBytes(tb, mixed)
	return [][]byte{
		plain,
		parquetBytes(tb, mixed, parquet.MaxRowsPerRowGroup(1)),
		parquetBytes(tb, mixed, parquet.Compression(&snappy.Codec{})),
		parquetBytes(tb, other),
		parquetBytes(tb, nested),
		claimRows(tb, plain, math.MaxInt32-1),
		plain[:len(plain)/2],
		[]byte("PAR1\x00\x00\x00\x00PAR1"),
	}
}

// claimRows rewrites a parquet file's footer to claim rows rows.
func claimRows(tb testing.TB, file []byte, rows int64) []byte {
	end := len(file) - 8
	size := int(binary.LittleEndian.Uint32(file[end:]))
	var md format.FileMetaData
	if err := thrift.Unmarshal(new(thrift.CompactProtocol), file[end-size:end], &md); err != nil {
		tb.Fatal(err)
	}
	md.NumRows = rows
	footer, err := thrift.Marshal(new(thrift.CompactProtocol), &md)
	if err != nil {
		tb.Fatal(err)
	}
	out := append(bytes.Clone(file[:end-size]), footer...)
	out = binary.LittleEndian.AppendUint32(out, uint32(len(footer)))
	return append(out, "PAR1"...)
}
