package arff

// isSpace follows Weka, whose tokenizer takes every byte up to ' ' as
// white space: OpenML serves files that end in a NUL byte.
func isSpace(c byte) bool { return c <= ' ' }

func skipSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

func isQuote(c byte) bool { return c == '\'' || c == '"' }

// scanQuoted reads the quoted value whose opening quote is b[i] and returns
// its text and the offset just past the closing quote. A value without
// escapes is returned in place; one with escapes is unescaped into *scratch,
// so it is valid only until the next call with the same scratch. ok is false
// when the line ends before the closing quote: a quoted value never spans
// lines.
func scanQuoted(b []byte, i int, scratch *[]byte) (val []byte, next int, ok bool) {
	q := b[i]
	start := i + 1
	for j := start; j < len(b); j++ {
		switch b[j] {
		case q:
			return b[start:j], j + 1, true
		case '\\':
			return unescapeQuoted(b, start, q, scratch)
		}
	}
	return nil, len(b), false
}

func unescapeQuoted(b []byte, start int, q byte, scratch *[]byte) ([]byte, int, bool) {
	out := (*scratch)[:0]
	for j := start; j < len(b); j++ {
		c := b[j]
		switch {
		case c == q:
			*scratch = out
			return out, j + 1, true
		case c == '\\' && j+1 < len(b):
			j++
			c = unescape(b[j])
		}
		out = append(out, c)
	}
	*scratch = out
	return nil, len(b), false
}

// unescape follows Weka's quoting: \n, \t and \r are control characters and
// any other escaped character (\\, \', \", \%) stands for itself.
func unescape(c byte) byte {
	switch c {
	case 'n':
		return '\n'
	case 't':
		return '\t'
	case 'r':
		return '\r'
	}
	return c
}

// countValues counts the comma-separated values of a dense row, quotes
// respected, for the message about a row of the wrong length.
func countValues(ln []byte) int {
	n := 1
	var scratch []byte
	for i := 0; i < len(ln); i++ {
		switch c := ln[i]; {
		case isQuote(c):
			_, next, ok := scanQuoted(ln, i, &scratch)
			if !ok {
				return n
			}
			i = next - 1
		case c == '%':
			return n
		case c == ',':
			n++
		}
	}
	return n
}
