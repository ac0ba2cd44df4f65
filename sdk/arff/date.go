package arff

import (
	"fmt"
	"strings"
	"time"
)

// goLayout converts a Java SimpleDateFormat pattern, which ARFF date
// attributes use, into a Go time layout for parsing. It covers the fields
// ARFF writers use (y M L d H h m s S E a Z X and quoted literals); a pattern
// it cannot express exactly is refused rather than misread.
func goLayout(java string) (string, error) {
	var layout, want strings.Builder
	for i := 0; i < len(java); {
		c := java[i]
		switch {
		case c == '\'':
			lit, next, err := javaLiteral(java, i)
			if err != nil {
				return "", err
			}
			layout.WriteString(lit)
			want.WriteString(lit)
			i = next
		case isLetter(c):
			j := i
			for j < len(java) && java[j] == c {
				j++
			}
			goField, shown, ok := javaField(c, j-i, layout.String())
			if !ok {
				return "", fmt.Errorf("date format %q uses %q, which is not supported; use y, M, d, H, h, m, s, S, E, a, Z or X", java, java[i:j])
			}
			layout.WriteString(goField)
			want.WriteString(shown)
			i = j
		default:
			layout.WriteByte(c)
			want.WriteByte(c)
			i++
		}
	}
	// Go reads layouts by example, so literal text or adjacent fields can
	// turn into a different field ("M" followed by "s" reads as "15", the
	// hour). Formatting a known instant shows whether the layout means what
	// the Java pattern meant.
	if got := layoutCheckTime.Format(layout.String()); got != want.String() {
		return "", fmt.Errorf("date format %q cannot be read exactly (as a Go layout it would show %q instead of %q); quote literal text and separate fields", java, got, want.String())
	}
	return layout.String(), nil
}

// layoutCheckTime has a distinct two-digit value in every field.
var layoutCheckTime = time.Date(2009, time.November, 17, 20, 34, 58, 651_000_000, time.UTC)

// javaLiteral reads the quoted literal that starts at java[i]; two
// quotes in a row stand for one.
func javaLiteral(java string, i int) (string, int, error) {
	if strings.HasPrefix(java[i:], "''") {
		return "'", i + 2, nil
	}
	var lit strings.Builder
	for j := i + 1; j < len(java); j++ {
		if java[j] != '\'' {
			lit.WriteByte(java[j])
			continue
		}
		if j+1 < len(java) && java[j+1] == '\'' {
			lit.WriteByte('\'')
			j++
			continue
		}
		return lit.String(), j + 1, nil
	}
	return "", 0, fmt.Errorf("date format %q has an unclosed quote", java)
}

// javaField maps a run of n pattern letters c to a Go layout element and to
// how layoutCheckTime looks in Java's formatting of it. Non-padded Go
// elements are used for parsing where Java accepts one or two digits.
func javaField(c byte, n int, before string) (goField, shown string, ok bool) {
	switch c {
	case 'y':
		if n == 2 {
			return "06", "09", true
		}
		return "2006", "2009", true
	case 'M', 'L':
		switch {
		case n <= 2:
			return pick(n, "1", "01"), "11", true
		case n == 3:
			return "Jan", "Nov", true
		}
		return "January", "November", true
	case 'd':
		return pick(n, "2", "02"), "17", true
	case 'H':
		return "15", "20", true
	case 'h':
		return pick(n, "3", "03"), pick(n, "8", "08"), true
	case 'm':
		return pick(n, "4", "04"), "34", true
	case 's':
		return pick(n, "5", "05"), "58", true
	case 'S':
		// Milliseconds: only as a fraction after '.' or ','. Go's ".999"
		// reads any number of digits.
		if strings.HasSuffix(before, ".") || strings.HasSuffix(before, ",") {
			return "999", "651", true
		}
	case 'E':
		if n <= 3 {
			return "Mon", "Tue", true
		}
		return "Monday", "Tuesday", true
	case 'a':
		return "PM", "PM", true
	case 'Z':
		return "-0700", "+0000", true
	case 'X':
		switch n {
		case 1:
			return "Z07", "Z", true
		case 2:
			return "Z0700", "Z", true
		case 3:
			return "Z07:00", "Z", true
		}
	}
	return "", "", false
}

func pick(n int, one, more string) string {
	if n == 1 {
		return one
	}
	return more
}

// parseDate reads a date as seconds since the Unix epoch. A value without a
// zone is taken as UTC.
func parseDate(layout, s string) (float64, bool) {
	t, err := time.Parse(layout, s)
	if err != nil {
		return 0, false
	}
	return float64(t.Unix()) + float64(t.Nanosecond())/1e9, true
}
