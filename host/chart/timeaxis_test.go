package chart

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/openml-dash/openml-dash/sdk"
)

func unix(y int, m time.Month, d int) float64 {
	return float64(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix())
}

// A time axis is ticked at calendar dates, labelled as dates, never as
// decimal years.
func TestTimeTicks(t *testing.T) {
	t.Parallel()
	labels := func(ts []tick) []string {
		var out []string
		for _, tk := range ts {
			out = append(out, tk.label)
		}
		return out
	}
	cases := map[string]struct {
		lo, hi float64
		target int
		want   []string
	}{
		"years":  {unix(2014, 3, 1), unix(2020, 6, 1), 8, []string{"2015", "2016", "2017", "2018", "2019", "2020"}},
		"decade": {unix(1995, 1, 1), unix(2026, 1, 1), 8, []string{"1995", "2000", "2005", "2010", "2015", "2020", "2025"}},
		"months": {unix(2016, 1, 20), unix(2016, 6, 10), 8, []string{"Feb 2016", "Mar 2016", "Apr 2016", "May 2016", "Jun 2016"}},
		"days":   {unix(2016, 2, 1), unix(2016, 2, 5), 8, []string{"2016-02-01", "2016-02-02", "2016-02-03", "2016-02-04", "2016-02-05"}},
		"empty":  {5, 5, 8, nil},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, labels(timeTicks(tc.lo, tc.hi, tc.target)))
		})
	}
}

// A chart whose x axis is a time axis draws date ticks.
func TestTimeAxis_chart(t *testing.T) {
	t.Parallel()
	a := numericAxis(sdk.Axis{Title: "uploaded", Time: true}, 0.02)
	assert.Equal(t, axisTime, a.kind)
	a.include(unix(2014, 4, 6))
	a.include(unix(2019, 1, 1))
	lo, hi := a.rangeFor()
	for _, tk := range a.ticksFor(lo, hi, 6) {
		assert.Regexp(t, `^\d{4}$`, tk.label)
	}
	assert.Equal(t, "2016-02-02 12:01", FormatTime(float64(time.Date(2016, 2, 2, 12, 1, 7, 0, time.UTC).Unix())))
}
