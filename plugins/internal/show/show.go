// Package show formats what every core plugin shows alike: dates and
// times, file sizes, names kept literal in markdown, and the one-line
// notice that points to where a problem is told in full.
package show

import (
	"fmt"
	"strings"
	"time"

	"github.com/openml-dash/openml-dash/sdk"
)

// SeeTab is the notice a part of a page shows when a problem it shares
// with others is told in full, with its cause and any action, on the tab
// named tab: one line, "summary: see the <tab> tab.", and no detail, so
// that each cause is said once.
func SeeTab(summary, tab string) *sdk.Notice {
	return &sdk.Notice{Level: sdk.Info, Summary: fmt.Sprintf("%s: see the %s tab.", summary, tab)}
}

// DateLayout is how dates with a time of day are shown: to the minute,
// with a space, as people write them.
const DateLayout = "2006-01-02 15:04"

// layouts are the forms OpenML writes dates in: "2014-04-06T23:19:20"
// (descriptions), "2014-04-06 23:19:20" (listings), or a day alone.
var layouts = []string{"2006-01-02T15:04:05", time.DateTime, time.DateOnly}

// ParseDate reads a date as OpenML writes it; ok is false for anything
// else, such as a collection date of "1936".
func ParseDate(s string) (t time.Time, ok bool) {
	s = strings.TrimSpace(s)
	for _, layout := range layouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// Date shows a date OpenML wrote: "2014-04-06T23:19:20" reads
// "2014-04-06 23:19", a day alone stays a day, and text that is not such
// a date (a year, a range) is shown as it is.
func Date(s string) string {
	t, ok := ParseDate(s)
	if !ok {
		return strings.TrimSpace(s)
	}
	if _, err := time.Parse(time.DateOnly, strings.TrimSpace(s)); err == nil {
		return t.Format(time.DateOnly)
	}
	return t.Format(DateLayout)
}

// Time shows a moment, such as a file's modification time, as Date does.
func Time(t time.Time) string { return t.Format(DateLayout) }

// Size shows a number of bytes: "4.4 kB (4,551 bytes)", or "512 bytes".
func Size(n int64) string {
	if n < 1000 {
		return fmt.Sprintf("%d bytes", n)
	}
	units := []string{"kB", "MB", "GB", "TB"}
	v, u := float64(n)/1000, 0
	for v >= 1000 && u < len(units)-1 {
		v /= 1000
		u++
	}
	return fmt.Sprintf("%.1f %s (%s bytes)", v, units[u], Count(n))
}

// Count writes n with thousands separators: "12,345".
func Count[T ~int | ~int64](n T) string {
	if n < 0 {
		return "-" + Count(-n)
	}
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

var escaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`<`, `\<`, `>`, `\>`, `#`, `\#`, `|`, `\|`, `~`, `\~`,
)

// Escape keeps a name such as "petal_width" or "*id" literal in markdown
// (sdk.Text). Only markdown gets it: chart titles, axis titles, table
// cells, notices and option labels are plain text and take names as they
// are.
func Escape(s string) string { return escaper.Replace(s) }

// Optional is a text cell of s, or a missing one when s is empty.
func Optional(s string) sdk.Cell {
	if s == "" {
		return sdk.MissingCell(sdk.CellText)
	}
	return sdk.TextCell(s)
}

// Website is the entity's page on the OpenML website, or "" for a server
// that has no website (such as the built-in demo or a local file).
func Website(ref sdk.EntityRef) string {
	if ref.Server != "" && !strings.HasPrefix(ref.Server, "http://") && !strings.HasPrefix(ref.Server, "https://") {
		return ""
	}
	return ref.URL()
}
