package fetch

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"unicode/utf8"
)

// Nothing enters the cache as complete unless it is known to be whole: a
// body that broke off must not be served, forever, as the answer. A file is
// known to be whole when
//   - its length was announced (Content-Length) and all of it arrived, or
//     its transfer marks its own end (chunked, HTTP/2, gzip), so that a
//     cut connection is an error rather than an early end (delimited); or
//   - it has the md5 the request expected.
// An API answer is kept when it parses whole (wellFormed); one that does
// not, and has nothing else to tell where it ends, is taken for cut and
// asked again. What is not kept is still handed over, once. A cached API
// answer is parsed again whenever it is served, so that a damaged entry
// (cut, bit-flipped, edited by hand) is fetched again, with a warning,
// instead of failing for good.

// delimited tells whether resp's body ends by its own framing rather than
// by the connection closing, which a cut looks the same as.
func delimited(resp *http.Response) bool {
	return resp.ContentLength >= 0 || resp.ProtoMajor >= 2 || resp.Uncompressed ||
		(len(resp.TransferEncoding) > 0 && resp.TransferEncoding[0] == "chunked")
}

// wellFormed checks that b, an answer of the XML API (ext ".xml") or of
// the JSON API (".json"), is one whole document. It checks structure, not
// content: text the answers' readers accept anyway (invalid UTF-8, control
// characters, HTML entities, another declared encoding) is no reason to
// throw an answer away.
func wellFormed(ext string, b []byte) error {
	if len(bytes.TrimSpace(b)) == 0 {
		return errors.New("the answer is empty")
	}
	if ext == ".json" {
		err := json.Unmarshal(b, new(json.RawMessage))
		var se *json.SyntaxError
		if errors.As(err, &se) && strings.HasPrefix(se.Error(), "unexpected end") {
			return errors.New("the answer ends in the middle of its JSON")
		}
		return err
	}
	b = xmlChars(b)
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Entity = xml.HTMLEntity
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	// RawToken, several times faster than Token, leaves matching the tags
	// to the caller.
	var open []xml.Name
	root := false
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			switch {
			case len(open) > 0:
				return errors.New("the answer ends in the middle of its XML")
			case !root:
				return errors.New("the answer holds no XML element")
			}
			return nil
		}
		var se *xml.SyntaxError
		if errors.As(err, &se) && se.Msg == "unexpected EOF" {
			return errors.New("the answer ends in the middle of its XML")
		}
		if err != nil {
			return err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			open = append(open, tok.Name)
			root = true
		case xml.EndElement:
			if len(open) == 0 {
				return fmt.Errorf("line %d: unexpected end element </%s>", line(d, b), qname(tok.Name))
			}
			if top := open[len(open)-1]; top != tok.Name {
				return fmt.Errorf("line %d: element <%s> closed by </%s>", line(d, b), qname(top), qname(tok.Name))
			}
			open = open[:len(open)-1]
		}
	}
}

func qname(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

// line is the line d has read up to in b.
func line(d *xml.Decoder, b []byte) int {
	off := min(int(d.InputOffset()), len(b))
	return 1 + bytes.Count(b[:off], []byte("\n"))
}

// xmlChars replaces what is not an XML character (invalid UTF-8, control
// characters) with U+FFFD, as the answers' readers do.
func xmlChars(b []byte) []byte {
	if utf8.Valid(b) && !bytes.ContainsFunc(b, func(r rune) bool { return !isXMLChar(r) }) {
		return b
	}
	return bytes.Map(func(r rune) rune {
		if isXMLChar(r) {
			return r
		}
		return utf8.RuneError
	}, b)
}

func isXMLChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xD7FF) ||
		(r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}
