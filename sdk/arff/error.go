package arff

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// Error is a problem in the ARFF text itself. Line is 1-based; Column is the
// 1-based character position in that line, or 0 when the whole line is meant
// (a row with the wrong number of values, a missing @data).
type Error struct {
	Line   int
	Column int
	Msg    string
}

func (e *Error) Error() string {
	if e.Column > 0 {
		return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Msg)
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

// errorf builds an *Error at byte offset i of line ln.
func errorf(lineNo int, ln []byte, i int, format string, args ...any) *Error {
	return &Error{Line: lineNo, Column: column(ln, i), Msg: fmt.Sprintf(format, args...)}
}

// lineErrorf builds an *Error about a whole line.
func lineErrorf(lineNo int, format string, args ...any) *Error {
	return &Error{Line: lineNo, Msg: fmt.Sprintf(format, args...)}
}

// column turns a byte offset into the character column an editor shows.
func column(ln []byte, i int) int {
	i = min(max(i, 0), len(ln))
	return utf8.RuneCount(ln[:i]) + 1
}

// quote shows a value in a message, cut short so that a runaway value (an
// unclosed quote swallowing a line) does not bury the message.
func quote(b []byte) string {
	const limit = 40
	if len(b) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(b[cut]) {
			cut--
		}
		return strconv.Quote(string(b[:cut])) + "..."
	}
	return strconv.Quote(string(b))
}
