package forest

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// A column binned in a worker's buffers, after other columns of other
// lengths, with and without missing values, have used them, gets the bins
// and order that new buffers give.
func TestBinColumn_reusedBuffers(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	sc := new(binScratch)
	for i := range 60 {
		n := 1 + rng.IntN(3000)
		values := make([]float64, n)
		for r := range values {
			switch {
			case rng.IntN(10) == 0:
				values[r] = math.NaN()
			case i%2 == 1:
				values[r] = float64(2 + rng.IntN(2)) // 2 and 3 differ in one byte: a one-pass sort
			case rng.IntN(10) == 0:
				values[r] = math.Copysign(0, -1)
			default:
				values[r] = float64(rng.IntN(20+i*10)) / 7
			}
		}
		var keep []int32
		for r := range n {
			if i%3 != 0 || rng.IntN(4) != 0 { // every third column keeps a subset
				keep = append(keep, int32(r))
			}
		}
		wantCol, wantOrder := sortColumn(values, keep, nil)
		want := make([]uint8, len(keep))
		wantLossy := binColumn(wantCol, wantOrder, want, nil)

		col, order := sortColumn(values, keep, sc)
		require.Equal(t, wantCol, col, "column %d", i)
		require.Equal(t, wantOrder, order, "column %d", i)
		got := make([]uint8, len(keep))
		require.Equal(t, wantLossy, binColumn(col, order, got, sc), "column %d", i)
		require.Equal(t, want, got, "column %d", i)
	}
}
