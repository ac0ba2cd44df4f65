package openml

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
)

// fromJSON rewrites an answer of the JSON API (api/v1/json/…) as the XML
// answer it mirrors, so that one parser reads both. OpenML renders its XML
// into JSON mechanically: an element becomes a key, repeated elements a
// list, attributes keys beside the text ("name", "value"), and numbers come
// as strings or as numbers depending on the server's version; an empty
// element may come as [] or {}. A list of lists is flattened, which none of
// the answers read this way contain.
func fromJSON(b []byte, what string) ([]byte, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	tok, err := d.Token()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: the answer is empty", what)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: the answer is not JSON: %w", what, jsonError(err))
	}
	if tok != json.Delim('{') {
		return nil, fmt.Errorf("%s: the answer is not a JSON object", what)
	}
	var out bytes.Buffer
	keys := 0
	for d.More() {
		key, err := jsonKey(d)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		if keys++; keys > 1 {
			return nil, fmt.Errorf("%s: the JSON answer has more than one top-level key (%q is the second)", what, key)
		}
		fmt.Fprintf(&out, `<oml:%s xmlns:oml=%q>`, key, Namespace)
		if err := jsonChildren(d, &out, key, 0); err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		fmt.Fprintf(&out, `</oml:%s>`, key)
	}
	if keys == 0 {
		return nil, fmt.Errorf("%s: the JSON answer is an empty object", what)
	}
	if _, err := d.Token(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, jsonError(err))
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, fmt.Errorf("%s: the answer holds more than one JSON value", what)
	}
	return out.Bytes(), nil
}

// xmlName is what a JSON key must look like to stand for an element.
var xmlName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]*$`)

func jsonKey(d *json.Decoder) (string, error) {
	tok, err := d.Token()
	if err != nil {
		return "", jsonError(err)
	}
	key, _ := tok.(string)
	if !xmlName.MatchString(key) {
		return "", fmt.Errorf("JSON key %q is not an OpenML field name", key)
	}
	return key, nil
}

// jsonChildren writes the content of the element called name: the members
// of an object, or the text of a scalar. The caller writes the element's
// tags; jsonValue handles lists, which repeat the element.
func jsonChildren(d *json.Decoder, w *bytes.Buffer, name string, depth int) error {
	if depth > 32 {
		return errors.New("the JSON answer nests deeper than any OpenML answer")
	}
	tok, err := d.Token()
	if err != nil {
		return jsonError(err)
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			// Only a top-level key can get here with a list; no OpenML
			// answer has one.
			return fmt.Errorf("%q is a list where an object was expected", name)
		}
		for d.More() {
			key, err := jsonKey(d)
			if err != nil {
				return err
			}
			if err := jsonValue(d, w, key, depth+1); err != nil {
				return err
			}
		}
		_, err := d.Token()
		return jsonError(err)
	default:
		xml.EscapeText(w, []byte(jsonScalar(tok)))
		return nil
	}
}

// jsonValue writes the member key: one element, one per list entry, or none
// for null and for an empty list.
func jsonValue(d *json.Decoder, w *bytes.Buffer, key string, depth int) error {
	if depth > 32 {
		return errors.New("the JSON answer nests deeper than any OpenML answer")
	}
	tok, err := d.Token()
	if err != nil {
		return jsonError(err)
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '[':
			for d.More() {
				if err := jsonValue(d, w, key, depth+1); err != nil {
					return err
				}
			}
			_, err := d.Token()
			return jsonError(err)
		case '{':
			fmt.Fprintf(w, "<oml:%s>", key)
			for d.More() {
				k, err := jsonKey(d)
				if err != nil {
					return err
				}
				if err := jsonValue(d, w, k, depth+1); err != nil {
					return err
				}
			}
			if _, err := d.Token(); err != nil {
				return jsonError(err)
			}
			fmt.Fprintf(w, "</oml:%s>", key)
		}
	case nil:
	default:
		fmt.Fprintf(w, "<oml:%s>", key)
		xml.EscapeText(w, []byte(jsonScalar(tok)))
		fmt.Fprintf(w, "</oml:%s>", key)
	}
	return nil
}

func jsonScalar(tok json.Token) string {
	switch t := tok.(type) {
	case string:
		return t
	case json.Number:
		return t.String()
	case bool:
		return strconv.FormatBool(t)
	}
	return ""
}

func jsonError(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("the answer ends in the middle of the JSON (was the download cut short?)")
	}
	return err
}
