// Package openml holds typed OpenML objects (datasets, features,
// qualities, tasks, flows, runs, setups, studies) and listings (of
// evaluations, setups, tasks, datasets, flows, runs, studies) parsed from
// the XML answers of the OpenML API v1, and helpers that fetch them through
// the host. Dataset descriptions, qualities and listings are also read
// from the JSON API.
//
// Parsers are strict about structure and numbers (a malformed answer is an
// error that names the element at fault) and lenient about text: invalid
// UTF-8 and control characters, which real answers contain, become U+FFFD
// instead of failing the whole answer.
package openml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Namespace is the XML namespace of OpenML answers (prefix "oml").
const Namespace = "http://openml.org/openml"

// APIError is an error answer of the OpenML API (<oml:error>), such as
// code 111 "Unknown dataset" for an id that does not exist.
type APIError struct {
	Code                  int
	Message               string
	AdditionalInformation string
}

func (e *APIError) Error() string {
	msg := strings.TrimSpace(e.Message)
	if msg == "" {
		msg = "no message"
	}
	s := fmt.Sprintf("OpenML answered with error %d: %s", e.Code, msg)
	if e.AdditionalInformation != "" {
		s += " (" + e.AdditionalInformation + ")"
	}
	return s
}

// ParseError reads an <oml:error> answer. It reports false when b is
// anything else, including XML that cannot be read.
func ParseError(b []byte) (*APIError, bool) {
	var x struct {
		Code    string `xml:"code"`
		Message string `xml:"message"`
		Info    string `xml:"additional_information"`
	}
	d := newDecoder(b)
	start, err := rootElement(d)
	if err != nil || start.Name.Local != "error" || !omlSpace(start.Name.Space) {
		return nil, false
	}
	if err := d.DecodeElement(&x, &start); err != nil {
		return nil, false
	}
	e := &APIError{Message: strings.TrimSpace(x.Message), AdditionalInformation: strings.TrimSpace(x.Info)}
	// A code that is not a number still makes this an error answer.
	e.Code, _ = strconv.Atoi(strings.TrimSpace(x.Code))
	return e, true
}

// decode reads the answer b, whose root element must be <oml:root> (or
// one of the alternatives), into v. what names the answer in errors
// ("dataset description").
func decode(b []byte, what string, v any, root string, alternatives ...string) error {
	if e, ok := ParseError(b); ok {
		return e
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return fmt.Errorf("%s: the answer is empty", what)
	}
	d := newDecoder(b)
	start, err := rootElement(d)
	if err != nil {
		return fmt.Errorf("%s: %w", what, xmlError(err))
	}
	if start.Name.Local != root && !slices.Contains(alternatives, start.Name.Local) {
		return fmt.Errorf("%s: expected an <oml:%s> answer, got <%s>: the server answered another request, or is not an OpenML server", what, root, start.Name.Local)
	}
	if !omlSpace(start.Name.Space) {
		return fmt.Errorf("%s: <%s> is in namespace %q, not %q", what, start.Name.Local, start.Name.Space, Namespace)
	}
	if err := d.DecodeElement(v, &start); err != nil {
		return fmt.Errorf("%s: %w", what, xmlError(err))
	}
	return nil
}

// omlSpace accepts the OpenML namespace, and no namespace at all, which
// hand-written answers (and some old servers) leave out.
func omlSpace(s string) bool { return s == Namespace || s == "" }

func newDecoder(b []byte) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(sanitize(b)))
	d.CharsetReader = charsetReader
	return d
}

// rootElement skips the prolog (declaration, comments, blank text) and
// returns the first start element.
func rootElement(d *xml.Decoder) (xml.StartElement, error) {
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return xml.StartElement{}, errors.New("the answer holds no XML element (is it XML at all?)")
		}
		if err != nil {
			return xml.StartElement{}, err
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se, nil
		}
	}
}

func xmlError(err error) error {
	var se *xml.SyntaxError
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		(errors.As(err, &se) && se.Msg == "unexpected EOF") {
		return errors.New("the answer ends in the middle of the XML (was the download cut short?)")
	}
	return err
}

// sanitize replaces what encoding/xml refuses but real answers contain,
// invalid UTF-8 and control characters, with U+FFFD. Answers that declare
// another encoding are left for charsetReader.
func sanitize(b []byte) []byte {
	if declaresCharset(b) {
		return b
	}
	clean := true
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if (r == utf8.RuneError && n == 1) || !xmlChar(r) {
			clean = false
			break
		}
		i += n
	}
	if clean {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if (r == utf8.RuneError && n == 1) || !xmlChar(r) {
			out = utf8.AppendRune(out, utf8.RuneError)
		} else {
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	return out
}

// xmlChar is the XML 1.0 Char production.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		(r >= 0x20 && r <= 0xD7FF) ||
		(r >= 0xE000 && r <= 0xFFFD) ||
		(r >= 0x10000 && r <= 0x10FFFF)
}

// declaresCharset reports whether the XML declaration names an encoding
// other than UTF-8.
func declaresCharset(b []byte) bool {
	b = bytes.TrimLeft(b, " \t\r\n\ufeff")
	if !bytes.HasPrefix(b, []byte("<?xml")) {
		return false
	}
	end := bytes.Index(b, []byte("?>"))
	if end < 0 {
		return false
	}
	decl := strings.ToLower(string(b[:end]))
	i := strings.Index(decl, "encoding=")
	if i < 0 {
		return false
	}
	enc := strings.Trim(decl[i+len("encoding="):], `"' `)
	if j := strings.IndexAny(enc, `"' `); j >= 0 {
		enc = enc[:j]
	}
	return enc != "utf-8" && enc != "utf8"
}

// charsetReader decodes the single-byte encodings OpenML answers have been
// seen with. Windows-1252 is read as Latin-1: its extra characters are rare
// in OpenML text and the difference only affects punctuation.
func charsetReader(label string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "windows-1252", "cp1252", "us-ascii", "ascii":
		raw, err := io.ReadAll(in)
		if err != nil {
			return nil, err
		}
		out := make([]byte, 0, len(raw)+len(raw)/8)
		for _, c := range raw {
			if !xmlChar(rune(c)) {
				out = utf8.AppendRune(out, utf8.RuneError)
				continue
			}
			out = utf8.AppendRune(out, rune(c))
		}
		return bytes.NewReader(out), nil
	}
	return nil, fmt.Errorf("the answer is encoded in %q, which openml-dash cannot read (use UTF-8)", label)
}

// fields converts the text of XML elements to typed values, keeping the
// first error, so a parser reads every field and checks once.
type fields struct {
	what string
	err  error
}

func (f *fields) failf(format string, args ...any) {
	if f.err == nil {
		f.err = fmt.Errorf(f.what+": "+format, args...)
	}
}

// int64 reads a whole number; an empty element is 0.
func (f *fields) int64(elem, s string) int64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		f.failf("<oml:%s> is %q, not a whole number", elem, s)
	}
	return n
}

// int reads a whole number that fits an int; an empty element is 0.
func (f *fields) int(elem, s string) int {
	n := f.int64(elem, s)
	if n > 1<<31-1 || n < -1<<31 {
		f.failf("<oml:%s> is %d, out of range", elem, n)
		return 0
	}
	return int(n)
}

// required reads a whole number that must be there.
func (f *fields) required(elem, s string) int64 {
	if strings.TrimSpace(s) == "" {
		f.failf("<oml:%s> is missing or empty", elem)
		return 0
	}
	return f.int64(elem, s)
}

// float reads a number; ok is false for an empty element.
func (f *fields) float(elem, s string) (v float64, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		f.failf("<oml:%s> is %q, not a number", elem, s)
		return 0, false
	}
	return v, true
}

// bool reads an xs:boolean; an empty element is false.
func (f *fields) bool(elem, s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "false", "0":
		return false
	case "true", "1":
		return true
	}
	f.failf("<oml:%s> is %q, not true or false", elem, strings.TrimSpace(s))
	return false
}

// text trims a text element.
func text(s string) string { return strings.TrimSpace(s) }

// texts trims each element of a repeated text element and drops empty ones.
func texts(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
