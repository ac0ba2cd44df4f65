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
	Attempts   int    // how often it was asked, when retried
}

func (e *HTTPError) Error() string {
	return fmt.Sprintf("server answered %s for %s%s", e.Status, e.URL, tried(e.Attempts))
}

func tried(attempts int) string {
	if attempts < 2 {
		return ""
	}
	return fmt.Sprintf(" (tried %d times)", attempts)
}

// netError is a failure of the connection rather than an answer: the
// server could not be reached, stalled, or the body broke off. It is
// worth a retry.
type netError struct {
	request     string
	msg         string // e.g. "the server www.openml.org could not be reached"
	err         error
	unreachable bool
	attempts    int
}

func (e *netError) Error() string {
	s := fmt.Sprintf("%s: %s: %v%s", e.request, e.msg, e.err, tried(e.attempts))
	if e.unreachable {
		s += "; check the network, or use --mirror DIR to work offline from a local copy"
	}
	return s
}

func (e *netError) Unwrap() error { return e.err }

// OfflineError says that an answer is not in the cache and the server
// could not be reached to get it.
type OfflineError struct {
	Request   string // the API path or file URL that was asked for
	CachePath string // where a cached copy would be
	Host      string // the server that could not be reached
	URL       string // what was tried, without api_key
	Attempts  int
	Err       error // the last failure
}

func (e *OfflineError) Error() string {
	return fmt.Sprintf("offline: %s is not in the cache (%s) and %s could not be reached: tried %s %d times, last: %v; "+
		"check the network, or use --mirror DIR to work from a local copy",
		e.Request, e.CachePath, e.Host, e.URL, e.Attempts, e.Err)
}

func (e *OfflineError) Unwrap() error { return e.Err }

// ChecksumError says that a download, twice, did not have the md5 the
// request expected (Request.MD5); the download was deleted. In mirror
// mode, it says the mirror's file (Path) differs.
type ChecksumError struct {
	Request string
	Want    string // expected md5, hex
	Got     string // md5 of what arrived, hex
	Path    string // the mirror's file; "" for a download
}

func (e *ChecksumError) Error() string {
	if e.Path != "" {
		return fmt.Sprintf("%s: checksum mismatch: expected md5 %s, the mirror's file %s has %s; it is damaged, or the mirror was changed by hand",
			e.Request, e.Want, e.Path, e.Got)
	}
	return fmt.Sprintf("%s: checksum mismatch: expected md5 %s, the download has %s; it was deleted. "+
		"The server's file may have changed since its description was written", e.Request, e.Want, e.Got)
}

// NotFoundError says that the mirror has no file for a request.
type NotFoundError struct {
	Path    string // the file looked for
	Request string // the API path or file URL it would answer
}

// Error names the file only: its path ends in the request's path, so
// naming the request too would say it twice.
func (e *NotFoundError) Error() string {
	return "not in the mirror: no file " + e.Path
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
