package show_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/openml-dash/openml-dash/plugins/internal/show"
	"github.com/openml-dash/openml-dash/sdk"
)

func TestDate(t *testing.T) {
	t.Parallel()
	cases := map[string]struct{ in, want string }{
		"description":    {"2014-04-06T23:19:20", "2014-04-06 23:19"},
		"listing":        {"2016-02-02 12:01:07", "2016-02-02 12:01"},
		"day":            {"2016-02-02", "2016-02-02"},
		"spaces":         {" 2014-04-06T23:19:20\n", "2014-04-06 23:19"},
		"year":           {"1936", "1936"},
		"free text":      {"1980s, revised 1992", "1980s, revised 1992"},
		"zero":           {"", ""},
		"not a real day": {"2014-13-40T00:00:00", "2014-13-40T00:00:00"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, c.want, show.Date(c.in))
		})
	}
}

func TestParseDate(t *testing.T) {
	t.Parallel()
	got, ok := show.ParseDate("2016-02-02 12:01:07")
	assert.True(t, ok)
	assert.Equal(t, time.Date(2016, 2, 2, 12, 1, 7, 0, time.UTC), got)
	_, ok = show.ParseDate("1936")
	assert.False(t, ok)
}

func TestTime(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "2021-05-06 07:08", show.Time(time.Date(2021, 5, 6, 7, 8, 9, 0, time.UTC)))
}

func TestSize(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		in   int64
		want string
	}{
		"zero":  {0, "0 bytes"},
		"bytes": {999, "999 bytes"},
		"kB":    {4551, "4.6 kB (4,551 bytes)"},
		"MB":    {12_345_678, "12.3 MB (12,345,678 bytes)"},
		"GB":    {2_000_000_000, "2.0 GB (2,000,000,000 bytes)"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, c.want, show.Size(c.in))
		})
	}
}

func TestEscape(t *testing.T) {
	t.Parallel()
	assert.Equal(t, `wind\_speed`, show.Escape("wind_speed"))
	assert.Equal(t, `\*id \[1\] a\|b`, show.Escape("*id [1] a|b"))
	assert.Equal(t, "plain", show.Escape("plain"))
}

func TestSeeTab(t *testing.T) {
	t.Parallel()
	n := show.SeeTab("The runs could not be loaded", "Evaluations")
	assert.Equal(t, sdk.Info, n.Level)
	assert.Equal(t, "The runs could not be loaded: see the Evaluations tab.", n.Summary)
	assert.Empty(t, n.Detail, "one line: the cause is told on that tab")
}

func TestCount(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 100_000: "100,000", 1234567: "1,234,567", -1234: "-1,234"} {
		if got := show.Count(n); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
	if got := show.Count(12345); got != "12,345" {
		t.Errorf("Count(int) = %q", got)
	}
}
