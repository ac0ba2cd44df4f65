package arff

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/openml-dash/openml-dash/sdk/frame"
)

// Header is the schema of an ARFF file: everything before @data.
type Header struct {
	Relation   string
	Attributes []Attribute
}

// Attribute is one @attribute declaration.
type Attribute struct {
	Name string
	// Kind is frame.Numeric for numeric, real and integer attributes,
	// frame.Nominal for {…}, frame.String and frame.Date.
	Kind frame.Kind
	// Values are the declared nominal values in order; a row's code
	// indexes them.
	Values []string
	// DateFormat is the Java SimpleDateFormat pattern of a date attribute
	// as declared, or "" for the default yyyy-MM-dd'T'HH:mm:ss.
	DateFormat string
}

// defaultDateFormat is Weka's format for a date attribute declared without one.
const defaultDateFormat = "yyyy-MM-dd'T'HH:mm:ss"

const supportedTypes = "numeric, real, integer, string, date or {nominal values}"

type headerParser struct {
	lr       *lineReader
	strict   bool
	h        Header
	layouts  []string       // Go time layout per attribute, "" unless a date
	declared map[string]int // attribute name -> its line
	relation int            // line of @relation, 0 before it
	scratch  []byte
}

// parseHeader reads up to and including the @data line.
func parseHeader(ctx context.Context, lr *lineReader, strict bool) (*Header, []string, error) {
	p := &headerParser{lr: lr, strict: strict, declared: map[string]int{}}
	for {
		if lr.line%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, nil, fmt.Errorf("arff: reading stopped in the header at line %d: %w", lr.line, err)
			}
		}
		ln, err := lr.next()
		if err == io.EOF {
			return nil, nil, p.endError()
		}
		if err != nil {
			return nil, nil, err
		}
		i := skipSpace(ln, 0)
		if i == len(ln) || ln[i] == '%' {
			continue
		}
		if ln[i] != '@' {
			return nil, nil, p.expectedDeclaration(ln, i)
		}
		j := i + 1
		for j < len(ln) && isLetter(ln[j]) {
			j++
		}
		var perr *Error
		switch kw := strings.ToLower(string(ln[i+1 : j])); kw {
		case "relation":
			perr = p.relationLine(ln, i, j)
		case "attribute":
			perr = p.attributeLine(ln, i, j)
		case "data":
			if perr = p.dataLine(ln, i, j); perr == nil {
				return &p.h, p.layouts, nil
			}
		default:
			perr = errorf(lr.line, ln, i, "unknown declaration @%s; expected @relation, @attribute or @data", kw)
		}
		if perr != nil {
			return nil, nil, perr
		}
	}
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func (p *headerParser) endError() *Error {
	if p.relation == 0 {
		return lineErrorf(max(p.lr.line, 1), "the input ends before @relation; an ARFF file starts with @relation, @attribute lines and @data")
	}
	return lineErrorf(p.lr.line, "the header ends without @data; add an @data line before the rows")
}

func (p *headerParser) expectedDeclaration(ln []byte, i int) *Error {
	if p.relation == 0 {
		return errorf(p.lr.line, ln, i, "expected @relation, found %s; is this an ARFF file?", quote(ln[i:]))
	}
	return errorf(p.lr.line, ln, i, "expected @attribute or @data, found %s", quote(ln[i:]))
}

func (p *headerParser) relationLine(ln []byte, at, i int) *Error {
	line := p.lr.line
	if p.relation != 0 {
		return errorf(line, ln, at, "@relation appears twice; the first is on line %d", p.relation)
	}
	i = skipSpace(ln, i)
	if i == len(ln) || ln[i] == '%' {
		return errorf(line, ln, i, "@relation needs a name")
	}
	p.relation = line
	if isQuote(ln[i]) {
		name, next, ok := scanQuoted(ln, i, &p.scratch)
		if !ok {
			return errorf(line, ln, i, "the quoted relation name is not closed on this line")
		}
		p.h.Relation = string(name)
		return p.lineEnd(ln, next, "the relation name")
	}
	// An unquoted name runs to the end of the line (or a comment), so a name
	// with spaces still reads as the writer meant it.
	end := i
	for end < len(ln) && ln[end] != '%' {
		end++
	}
	for end > i && isSpace(ln[end-1]) {
		end--
	}
	p.h.Relation = string(ln[i:end])
	return p.lineEnd(ln, end, "the relation name")
}

func (p *headerParser) attributeLine(ln []byte, at, i int) *Error {
	line := p.lr.line
	if p.relation == 0 {
		return errorf(line, ln, at, "expected @relation before the first @attribute")
	}
	i = skipSpace(ln, i)
	nameAt := i
	name, i, err := p.token(ln, i, "attribute name", true)
	if err != nil {
		return err
	}
	if name == "" {
		return errorf(line, ln, nameAt, "@attribute needs a name and a type")
	}
	if first, dup := p.declared[name]; dup {
		return errorf(line, ln, nameAt, "attribute %q is declared twice; the first is on line %d", name, first)
	}
	p.declared[name] = line

	i = skipSpace(ln, i)
	if i == len(ln) || ln[i] == '%' {
		return errorf(line, ln, i, "attribute %q has no type; expected %s", name, supportedTypes)
	}
	a := Attribute{Name: name}
	layout := ""
	if ln[i] == '{' {
		a.Kind = frame.Nominal
		if a.Values, i, err = p.nominalValues(ln, i, name); err != nil {
			return err
		}
	} else {
		typeAt := i
		for i < len(ln) && !isSpace(ln[i]) && ln[i] != '%' && ln[i] != '{' {
			i++
		}
		switch t := strings.ToLower(string(ln[typeAt:i])); t {
		case "numeric", "real", "integer":
			a.Kind = frame.Numeric
		case "string":
			a.Kind = frame.String
		case "date":
			a.Kind = frame.Date
			formatAt := skipSpace(ln, i)
			if formatAt < len(ln) && ln[formatAt] != '%' {
				if a.DateFormat, i, err = p.token(ln, formatAt, "date format", false); err != nil {
					return err
				}
			}
			javaFormat := a.DateFormat
			if javaFormat == "" {
				javaFormat = defaultDateFormat
			}
			var lerr error
			if layout, lerr = goLayout(javaFormat); lerr != nil {
				return errorf(line, ln, formatAt, "attribute %q: %v", name, lerr)
			}
		case "relational":
			return errorf(line, ln, typeAt, "relational attributes are not supported (attribute %q)", name)
		default:
			return errorf(line, ln, typeAt, "unknown type %q for attribute %q; expected %s", t, name, supportedTypes)
		}
	}
	if err := p.lineEnd(ln, i, fmt.Sprintf("the type of attribute %q", name)); err != nil {
		return err
	}
	p.h.Attributes = append(p.h.Attributes, a)
	p.layouts = append(p.layouts, layout)
	return nil
}

// token reads a quoted or unquoted word. An unquoted word ends at a space or
// a comment, and a name also at '{' (as in "class{a,b}").
func (p *headerParser) token(ln []byte, i int, what string, isName bool) (string, int, *Error) {
	if i < len(ln) && isQuote(ln[i]) {
		v, next, ok := scanQuoted(ln, i, &p.scratch)
		if !ok {
			return "", 0, errorf(p.lr.line, ln, i, "the quoted %s is not closed on this line", what)
		}
		return string(v), next, nil
	}
	start := i
	for i < len(ln) && !isSpace(ln[i]) && ln[i] != '%' && !(isName && ln[i] == '{') {
		i++
	}
	return string(ln[start:i]), i, nil
}

func (p *headerParser) nominalValues(ln []byte, i int, name string) ([]string, int, *Error) {
	line := p.lr.line
	values := []string{}
	seen := map[string]bool{}
	i = skipSpace(ln, i+1)
	if i < len(ln) && ln[i] == '}' {
		return values, i + 1, nil
	}
	for {
		i = skipSpace(ln, i)
		start := i
		var v []byte
		if i < len(ln) && isQuote(ln[i]) {
			val, next, ok := scanQuoted(ln, i, &p.scratch)
			if !ok {
				return nil, 0, errorf(line, ln, start, "the quoted nominal value of attribute %q is not closed on this line", name)
			}
			v, i = val, next
		} else {
			for i < len(ln) && ln[i] != ',' && ln[i] != '}' {
				i++
			}
			end := i
			for end > start && isSpace(ln[end-1]) {
				end--
			}
			v = ln[start:end]
			if len(v) == 0 {
				return nil, 0, errorf(line, ln, start, "empty nominal value in the declaration of attribute %q", name)
			}
		}
		s := string(v)
		if seen[s] {
			return nil, 0, errorf(line, ln, start, "nominal value %q is declared twice for attribute %q", s, name)
		}
		seen[s] = true
		values = append(values, s)
		i = skipSpace(ln, i)
		switch {
		case i == len(ln):
			return nil, 0, errorf(line, ln, i, "the nominal values of attribute %q are not closed with '}'", name)
		case ln[i] == ',':
			i++
		case ln[i] == '}':
			return values, i + 1, nil
		default:
			return nil, 0, errorf(line, ln, i, "expected ',' or '}' after nominal value %q of attribute %q, found %s", s, name, quote(ln[i:]))
		}
	}
}

func (p *headerParser) dataLine(ln []byte, at, i int) *Error {
	line := p.lr.line
	if p.relation == 0 {
		return errorf(line, ln, at, "expected @relation before @data")
	}
	if len(p.h.Attributes) == 0 {
		return lineErrorf(line, "no attributes are declared before @data")
	}
	return p.lineEnd(ln, i, "@data")
}

// lineEnd accepts only spaces or a comment after a declaration; Strict
// refuses the comment too.
func (p *headerParser) lineEnd(ln []byte, i int, after string) *Error {
	i = skipSpace(ln, i)
	switch {
	case i == len(ln):
		return nil
	case ln[i] == '%' && p.strict:
		return errorf(p.lr.line, ln, i, "a comment must be on a line of its own (strict mode); move it off the line of %s", after)
	case ln[i] == '%':
		return nil
	}
	return errorf(p.lr.line, ln, i, "unexpected %s after %s", quote(ln[i:]), after)
}
