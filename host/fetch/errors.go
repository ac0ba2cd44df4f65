package fetch

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
)

// OpenMLError is an error answer from the OpenML server, such as
// "Unknown dataset" (code 111) for a dataset id that does not exist.
type OpenMLError struct {
	Code           int
	Message        string
	AdditionalInfo string
	URL            string // the request URL, without api_key
	Request        string // the API path or file URL that was asked for
}

func (e *OpenMLError) Error() string {
	what := e.Request
	if what == "" {
		what = e.URL
	}
	msg := fmt.Sprintf("OpenML server: %s (code %d) for %s", e.Message, e.Code, what)
	if e.AdditionalInfo != "" {
		msg += ": " + e.AdditionalInfo
	}
	return msg
}

// HTTPError is a non-200 answer that is not an OpenML error document.
type HTTPError struct {
	StatusCode int
	Status     string // e.g. "500 Internal Server Error"
	URL        string // without api_key
}

func (e *HTTPError) Error() string {
	return fmt.Sprintf("server answered %s for %s", e.Status, e.URL)
}

// NotFoundError says that the mirror has no file for a request.
type NotFoundError struct {
	Path    string // the file looked for
	Request string // the API path or file URL it would answer
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("%s is not in the mirror: no file %s", e.Request, e.Path)
}

// Is makes errors.Is(err, fs.ErrNotExist) true.
func (e *NotFoundError) Is(target error) bool { return target == fs.ErrNotExist }

// parseOpenMLError reads an error document of the XML API
// (<oml:error><oml:code>…) or of the JSON API ({"error":{"code":"111",…}}),
// or returns nil when body is neither.
func parseOpenMLError(body []byte) *OpenMLError {
	body = bytes.TrimSpace(body)
	var code, msg, info string
	if bytes.HasPrefix(body, []byte("{")) {
		var j struct {
			Error struct {
				Code    json.RawMessage `json:"code"`
				Message string          `json:"message"`
				Info    string          `json:"additional_information"`
			} `json:"error"`
		}
		if json.Unmarshal(body, &j) != nil {
			return nil
		}
		code, msg, info = strings.Trim(string(j.Error.Code), `"`), j.Error.Message, j.Error.Info
	} else {
		var x struct {
			XMLName xml.Name
			Code    string `xml:"code"`
			Message string `xml:"message"`
			Info    string `xml:"additional_information"`
		}
		if xml.Unmarshal(body, &x) != nil || x.XMLName.Local != "error" {
			return nil
		}
		code, msg, info = x.Code, x.Message, x.Info
	}
	n, err := strconv.Atoi(strings.TrimSpace(code))
	msg = strings.TrimSpace(msg)
	if err != nil && msg == "" {
		return nil
	}
	return &OpenMLError{Code: n, Message: msg, AdditionalInfo: strings.TrimSpace(info)}
}
