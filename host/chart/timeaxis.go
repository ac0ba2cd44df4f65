package chart

import (
	"math"
	"time"
)

// timeStep is one spacing of date ticks: a number of calendar units and
// how its labels read.
type timeStep struct {
	unit   string // "hour", "day", "month", "year"
	n      int
	layout string
	approx time.Duration // for choosing the step
}

var timeSteps = []timeStep{
	{"hour", 1, "Jan 2 15:04", time.Hour},
	{"hour", 6, "Jan 2 15:04", 6 * time.Hour},
	{"day", 1, "2006-01-02", 24 * time.Hour},
	{"day", 7, "2006-01-02", 7 * 24 * time.Hour},
	{"month", 1, "Jan 2006", 30 * 24 * time.Hour},
	{"month", 3, "Jan 2006", 91 * 24 * time.Hour},
	{"month", 6, "Jan 2006", 182 * 24 * time.Hour},
	{"year", 1, "2006", 365 * 24 * time.Hour},
	{"year", 2, "2006", 2 * 365 * 24 * time.Hour},
	{"year", 5, "2006", 5 * 365 * 24 * time.Hour},
	{"year", 10, "2006", 10 * 365 * 24 * time.Hour},
	{"year", 25, "2006", 25 * 365 * 24 * time.Hour},
	{"year", 100, "2006", 100 * 365 * 24 * time.Hour},
}

// timeTicks are about target date ticks on calendar boundaries within
// [lo, hi] seconds since 1970 UTC: whole years, months, days or hours,
// labelled as a reader writes dates ("2016", "Mar 2016", "2016-03-04").
func timeTicks(lo, hi float64, target int) []tick {
	if !finite(lo) || !finite(hi) || hi <= lo || target < 1 {
		return nil
	}
	span := time.Duration((hi - lo) * float64(time.Second))
	step := timeSteps[len(timeSteps)-1]
	for _, s := range timeSteps {
		if span/s.approx <= time.Duration(target) {
			step = s
			break
		}
	}
	t := floorTo(unixTime(lo), step)
	var out []tick
	for i := 0; i < 1000; i++ {
		v := float64(t.Unix())
		if v > hi {
			break
		}
		if v >= lo {
			out = append(out, tick{value: v, label: t.Format(step.layout)})
		}
		t = advance(t, step)
	}
	return out
}

func unixTime(v float64) time.Time {
	sec, frac := math.Modf(v)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC()
}

// floorTo is the last step boundary at or before t.
func floorTo(t time.Time, s timeStep) time.Time {
	switch s.unit {
	case "hour":
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour()-t.Hour()%s.n, 0, 0, 0, time.UTC)
	case "day":
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	case "month":
		m := int(t.Month()) - 1
		return time.Date(t.Year(), time.Month(m-m%s.n+1), 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(t.Year()-t.Year()%s.n, 1, 1, 0, 0, 0, 0, time.UTC)
}

func advance(t time.Time, s timeStep) time.Time {
	switch s.unit {
	case "hour":
		return t.Add(time.Duration(s.n) * time.Hour)
	case "day":
		return t.AddDate(0, 0, s.n)
	case "month":
		return t.AddDate(0, s.n, 0)
	}
	return t.AddDate(s.n, 0, 0)
}

// FormatTime writes a time axis value (seconds since 1970 UTC) as a date
// and time to the minute, for tooltips.
func FormatTime(v float64) string {
	if !finite(v) {
		return "—"
	}
	return unixTime(v).Format("2006-01-02 15:04")
}
