package arff_test

import (
	"bytes"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk/arff"
	"github.com/openml-dash/openml-dash/sdk/frame"
)

// TestRead_sparseColumns: with Options.Sparse, the float columns of a file
// whose first row is sparse keep their non-zero values only, unless more
// than half their rows are stored; nominal and string columns stay dense.
func TestRead_sparseColumns(t *testing.T) {
	t.Parallel()
	text := "@relation r\n@attribute x numeric\n@attribute c {b,a}\n@attribute d date\n@attribute full numeric\n@data\n" +
		"{0 1.5, 3 1}\n{1 a, 3 2}\n{0 ?, 3 -0}\n1e-300,b,?,4\n{3 5}\n{}\n{}\n{}\n"
	f, err := readString(t, text, arff.Options{Sparse: true})
	require.NoError(t, err)
	x, c, d, full := f.Columns[0], f.Columns[1], f.Columns[2], f.Columns[3]

	require.NotNil(t, x.Sparse)
	assert.Equal(t, &frame.Sparse{Rows: []int32{0, 2, 3}, Len: 8}, x.Sparse, "1e-300 is not 0, so it is stored")
	assert.Equal(t, 1.5, x.Floats[0])
	assert.True(t, math.IsNaN(x.Floats[1]) && x.IsMissing(2), "a missing value is stored, as NaN")
	assert.Equal(t, 8, x.Len())
	assert.Equal(t, 5, x.Sparse.Zeros())
	assert.Equal(t, 1e-300, x.Float(3))
	assert.Equal(t, 0.0, x.Float(4))

	assert.Nil(t, c.Sparse, "nominal columns stay dense")
	assert.Equal(t, []int32{0, 1, 0, 0, 0, 0, 0, 0}, c.Codes)

	require.NotNil(t, d.Sparse)
	assert.Equal(t, []int32{3}, d.Sparse.Rows, "a missing date is stored")
	assert.True(t, d.IsMissing(3))

	assert.Nil(t, full.Sparse, "stored in 5 rows of 8: dense")
	assert.Equal(t, []float64{1, 2, 0, 4, 5, 0, 0, 0}, full.Floats)
	assert.True(t, math.Signbit(full.Floats[2]), "-0 is a value, kept as written")

	f, err = readString(t, "@relation r\n@attribute x numeric\n@data\n0\n{0 1}\n0\n0\n", arff.Options{Sparse: true})
	require.NoError(t, err)
	assert.Nil(t, f.Columns[0].Sparse, "the first row is dense: the file is read as without Sparse")
	assert.Equal(t, []float64{0, 1, 0, 0}, f.Columns[0].Floats)

	f, err = readString(t, "@relation r\n@attribute x numeric\n@data\n", arff.Options{Sparse: true})
	require.NoError(t, err)
	assert.Nil(t, f.Columns[0].Sparse, "no rows")
	assert.Equal(t, 0, f.Rows())
}

// sparseText is a file of sparse rows over cols numeric attributes, a
// string and a nominal one, with dense rows, missing values and comments
// mixed in: long enough to span many chunks.
func sparseText(rows, cols int, seed uint64) string {
	rng := rand.New(rand.NewPCG(seed, 1))
	var b strings.Builder
	b.WriteString("@relation sparse\n")
	for j := range cols {
		b.WriteString("@attribute a" + itoa(j) + " numeric\n")
	}
	b.WriteString("@attribute s string\n@attribute class {no,yes}\n@data\n")
	vals := make([]string, cols)
	for i := range rows {
		for j := range vals {
			vals[j] = "0"
			if rng.IntN(20) == 0 {
				vals[j] = itoa(rng.IntN(100) - 20)
				if rng.IntN(10) == 0 {
					vals[j] = "?"
				}
			}
		}
		class := []string{"no", "yes"}[rng.IntN(2)]
		switch {
		case i%997 == 500: // a dense row among sparse ones
			b.WriteString(strings.Join(vals, ",") + ",w" + itoa(i) + "," + class + "\n")
		case i%1009 == 3:
			b.WriteString("% a comment\n{}\n")
		default:
			b.WriteString("{")
			for j, v := range vals {
				if v != "0" {
					b.WriteString(itoa(j) + " " + v + ",")
				}
			}
			if i%3 == 0 {
				b.WriteString(itoa(cols) + " w" + itoa(i) + ",")
			}
			b.WriteString(itoa(cols+1) + " " + class + "}\n")
		}
	}
	return b.String()
}

// TestRead_sparseAsDense: a file read with Options.Sparse has the same
// cells as read without, across chunks, whatever form each chunk starts
// with.
func TestRead_sparseAsDense(t *testing.T) {
	t.Parallel()
	text := sparseText(30_000, 100, 1)
	require.Greater(t, len(text), 1<<20, "several chunks")
	dense, err := readString(t, text, arff.Options{})
	require.NoError(t, err)
	sparse, err := readString(t, text, arff.Options{Sparse: true})
	require.NoError(t, err)
	require.Equal(t, dense.Rows(), sparse.Rows())
	stored := 0
	for j, c := range sparse.Columns[:100] {
		require.NotNil(t, c.Sparse, c.Name)
		d := dense.Columns[j]
		assert.Equal(t, d.Len(), c.Len())
		assert.Equal(t, d.Missing, c.Missing, c.Name)
		assert.True(t, slices.Equal(bitsOf(d.Floats), bitsOf(c.DenseFloats())), c.Name)
		stored += len(c.Sparse.Rows)
		for k := 1; k < len(c.Sparse.Rows); k++ {
			require.Less(t, c.Sparse.Rows[k-1], c.Sparse.Rows[k], "rows increase")
		}
	}
	assert.True(t, slices.Equal(dense.Columns[100].Strings, sparse.Columns[100].Strings))
	assert.True(t, slices.Equal(dense.Columns[101].Codes, sparse.Columns[101].Codes))
	assert.InDelta(t, 0.05, float64(stored)/float64(100*sparse.Rows()), 0.005, "about 1 value in 20")

	// A dense first chunk makes a dense frame of the later sparse chunks,
	// and a sparse one a sparse frame of the later dense chunks.
	const denseRows = "1.000000000000,0\n0.000000000000,0\n0.000000000000,0\n" // 1 in 3 not 0
	const sparseRows = "{}\n{0 2}\n{}\n{}\n"                                   // 1 in 4
	for first, want := range map[string]bool{denseRows: false, sparseRows: true} {
		second := sparseRows
		if first == sparseRows {
			second = denseRows
		}
		text := "@relation m\n@attribute a0 numeric\n@attribute a1 numeric\n@data\n" + strings.Repeat(first, 1<<20/len(first)*3/2) + strings.Repeat(second, 1<<20/len(second)*3/2)
		f, err := readString(t, text, arff.Options{Sparse: true})
		require.NoError(t, err)
		plain, err := readString(t, text, arff.Options{})
		require.NoError(t, err)
		c := f.Columns[0]
		assert.Equal(t, want, c.Sparse != nil)
		assert.True(t, slices.Equal(plain.Columns[0].Floats, c.DenseFloats()))
		assert.Equal(t, plain.Rows(), f.Rows())
	}
}

// bitsOf is xs as bits, so that NaN equals NaN.
func bitsOf(xs []float64) []uint64 {
	out := make([]uint64, len(xs))
	for i, x := range xs {
		out[i] = math.Float64bits(x)
	}
	return out
}

// TestRead_sparseAllocatesTheNonZeros reads a Dexter-shaped file (2,000 x
// 20,000, 0.5% non-zero) with Options.Sparse: it allocates about its
// non-zero values and the chunks in flight, not rows x columns (320 MB).
// Not parallel, so that the allocation count is this test's alone.
func TestRead_sparseAllocatesTheNonZeros(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	const rows, cols = 2000, 20_000
	var b bytes.Buffer
	b.WriteString("@relation dexter\n")
	for j := range cols {
		b.WriteString("@attribute a" + itoa(j) + " numeric\n")
	}
	b.WriteString("@attribute class {-1,1}\n@data\n")
	nonZero := 0
	for range rows {
		b.WriteString("{")
		for j := range cols {
			if rng.IntN(200) == 0 {
				b.WriteString(itoa(j) + " " + itoa(1+rng.IntN(999)) + ",")
				nonZero++
			}
		}
		b.WriteString(itoa(cols) + " 1}\n")
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f, err := arff.Read(t.Context(), bytes.NewReader(b.Bytes()), arff.Options{Sparse: true})
	runtime.ReadMemStats(&after)
	require.NoError(t, err)
	stored := 0
	for _, c := range f.Columns[:cols] {
		require.NotNil(t, c.Sparse)
		stored += len(c.Sparse.Rows)
	}
	assert.Equal(t, nonZero, stored)
	allocated := int(after.TotalAlloc - before.TotalAlloc)
	assert.Less(t, allocated, 64<<20, "allocated %d MB for %d non-zero values", allocated>>20, nonZero)
}
