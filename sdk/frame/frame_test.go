package frame_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/openml-dash/openml-dash/sdk/frame"
)

func TestBitmap(t *testing.T) {
	t.Parallel()
	var b frame.Bitmap
	for _, i := range []int{0, 63, 64, 1000, 5} {
		b.Set(i)
	}
	b.Set(64)
	assert.Equal(t, 5, b.Count())
	for _, i := range []int{0, 5, 63, 64, 1000} {
		assert.True(t, b.Get(i), i)
	}
	for _, i := range []int{1, 62, 65, 999, 1001, 1 << 20} {
		assert.False(t, b.Get(i), i)
	}
}

// TestBitmap_setInOrderAllocatesRarely guards against regrowing the words
// for every 64 rows, which cost gigabytes on a million-row file.
func TestBitmap_setInOrderAllocatesRarely(t *testing.T) {
	allocs := testing.AllocsPerRun(3, func() {
		var b frame.Bitmap
		for i := range 1 << 20 {
			b.Set(i)
		}
	})
	assert.Less(t, allocs, 40.0)
}

func TestColumn(t *testing.T) {
	t.Parallel()
	c := &frame.Column{Name: "x", Kind: frame.Nominal, Codes: []int32{0, frame.MissingCode, 1}, Levels: []string{"a", "b"}, Missing: &frame.Bitmap{}}
	c.Missing.Set(1)
	f := &frame.Frame{Columns: []*frame.Column{c}}
	assert.Equal(t, 3, f.Rows())
	assert.Equal(t, 1, c.MissingCount())
	assert.True(t, c.IsMissing(1))
	assert.False(t, c.IsMissing(0))
	assert.Same(t, c, f.Column("x"))
	assert.Nil(t, f.Column("y"))
	assert.Equal(t, "nominal", frame.Nominal.String())
	assert.Equal(t, 0, (&frame.Frame{}).Rows())
}

func TestColumn_sparse(t *testing.T) {
	t.Parallel()
	c := &frame.Column{Name: "x", Kind: frame.Numeric, Floats: []float64{1.5, -2}, Sparse: &frame.Sparse{Rows: []int32{1, 4}, Len: 6}}
	f := &frame.Frame{Columns: []*frame.Column{c}}
	assert.Equal(t, 6, f.Rows())
	assert.Equal(t, 4, c.Sparse.Zeros())
	assert.Equal(t, []float64{0, 1.5, 0, 0, -2, 0}, c.DenseFloats())
	for i, want := range []float64{0, 1.5, 0, 0, -2, 0} {
		assert.Equal(t, want, c.Float(i), i)
	}
	dense := &frame.Column{Kind: frame.Numeric, Floats: []float64{3, 4}}
	assert.Equal(t, 4.0, dense.Float(1))
	assert.Same(t, &dense.Floats[0], &dense.DenseFloats()[0], "a dense column's own values")
	empty := &frame.Column{Kind: frame.Numeric, Sparse: &frame.Sparse{Len: 3}}
	assert.Equal(t, []float64{0, 0, 0}, empty.DenseFloats())
	assert.Equal(t, 3, empty.Len())
}
