package stats_test

import (
	"math"
	"testing"

	"github.com/openml-dash/openml-dash/sdk/frame"
)

// numeric builds a Numeric column whose NaN values are missing, as a reader
// would: NaN in Floats and the row set in Missing.
func numeric(name string, xs ...float64) *frame.Column {
	c := &frame.Column{Name: name, Kind: frame.Numeric, Floats: xs}
	for i, x := range xs {
		if math.IsNaN(x) {
			if c.Missing == nil {
				c.Missing = &frame.Bitmap{}
			}
			c.Missing.Set(i)
		}
	}
	return c
}

// nominal builds a Nominal column whose MissingCode rows are also set in
// Missing.
func nominal(name string, levels []string, codes ...int32) *frame.Column {
	c := &frame.Column{Name: name, Kind: frame.Nominal, Codes: codes, Levels: levels}
	for i, code := range codes {
		if code == frame.MissingCode {
			if c.Missing == nil {
				c.Missing = &frame.Bitmap{}
			}
			c.Missing.Set(i)
		}
	}
	return c
}

// assertClose checks got against want within 1e-9 relative; NaN matches NaN.
func assertClose(t *testing.T, want, got float64, what string) {
	t.Helper()
	if math.IsNaN(want) && math.IsNaN(got) || want == got {
		return
	}
	if math.Abs(got-want) > 1e-9*max(math.Abs(want), math.Abs(got)) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func assertAllClose(t *testing.T, want, got []float64, what string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s has %d values %v, want %d %v", what, len(got), got, len(want), want)
		return
	}
	for i := range want {
		assertClose(t, want[i], got[i], what)
	}
}

var nan = math.NaN()
