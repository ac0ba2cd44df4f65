package arff_test

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk/arff"
)

// sameAsStrconv checks that ParseNumber gives strconv.ParseFloat's value,
// bit for bit.
func sameAsStrconv(t *testing.T, s string) {
	t.Helper()
	want, err := strconv.ParseFloat(s, 64)
	if err != nil && !isRangeError(err) {
		_, ok := arff.ParseNumber([]byte(s))
		assert.False(t, ok, "%q is not a number", s)
		return
	}
	got, ok := arff.ParseNumber([]byte(s))
	require.True(t, ok, "%q", s)
	if math.IsNaN(want) {
		assert.True(t, math.IsNaN(got), "%q", s)
		return
	}
	assert.Equal(t, math.Float64bits(want), math.Float64bits(got), "%q: got %v, want %v", s, got, want)
}

func isRangeError(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

func TestParseNumber_edges(t *testing.T) {
	t.Parallel()
	for _, s := range []string{
		"0", "-0", "+0", "0.0", "-0.0", "1", "-1", "5.", ".5", "-.5", "+.5", "007", "0.1", "0.3", "1.7976931348623157",
		"9007199254740992", "9007199254740993", "9007199254740991.5", "1234567890123456789", "12345678901234567890",
		"0.0000000000000000000001", "0.00000000000000000000001", "123456.7890123456789", "4.35", "2.675",
		"1e5", "1E-5", "-2.5e+3", "1e400", "-1e400", "1e-400", "Inf", "-Infinity", "NaN", "nan", "0x1p-2",
		"", "-", "+", ".", "-.", "1.2.3", "1,5", "1 ", " 1", "abc", "1e", "--1", "1_000", "١",
	} {
		sameAsStrconv(t, s)
	}
}

func TestParseNumber_randomDecimals(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200_000 {
		var s string
		switch rng.IntN(4) {
		case 0: // as gen_arff.py writes them
			s = strconv.FormatFloat(rng.NormFloat64()*3, 'f', 4, 64)
		case 1: // shortest round-trip form
			s = strconv.FormatFloat(rng.Float64()*math.Pow(10, float64(rng.IntN(30)-15)), 'f', -1, 64)
		case 2: // many decimals
			s = strconv.FormatFloat(rng.Float64(), 'f', rng.IntN(25), 64)
		default: // large integers near 2^53
			s = strconv.FormatUint(1<<53-500+rng.Uint64N(1000), 10)
		}
		sameAsStrconv(t, s)
	}
}
