package sdk

import (
	"context"
	"errors"
	"fmt"
)

// Host is what the host offers a plugin. Plugins never open sockets: every
// OpenML answer and data file comes through Fetch, so the host can cache,
// report progress, work offline and keep the API key to itself.
type Host interface {
	Fetch(ctx context.Context, req FetchRequest) (*FetchResponse, error)
	// Progress reports long work (done of total; total -1 when unknown).
	Progress(ctx context.Context, label string, done, total int64)
	Log(ctx context.Context, level LogLevel, msg string)
}

// FetchRequest asks for an OpenML API answer (Path) or a file (URL).
type FetchRequest struct {
	// Server is the website origin of the entity shown (EntityRef.Server).
	Server string
	// Path is relative to the API base, e.g. "data/features/61".
	Path string
	// URL is an absolute file URL, e.g. a dataset description's <oml:url>.
	URL string
	// AsFile asks for a local read-only path instead of the bytes.
	AsFile bool
	// MD5, if set, is the file's expected md5 checksum in hex (a dataset
	// description's md5_checksum): the host refuses a file that differs.
	// A value that is not 32 hex digits, such as the "NotApplicable"
	// OpenML writes for datasets without a checksum, means none; the
	// response's Verified then says the file was not checked.
	MD5 string
	// Refresh asks the host to fetch the answer from the server again,
	// replacing its cached copy: for an answer the plugin could not parse,
	// which may have been damaged on disk. Ask with it once, not in a loop.
	Refresh bool
}

// FetchResponse holds the bytes, or with AsFile the path of the file.
type FetchResponse struct {
	Body     []byte
	FilePath string
	// Verified says the host checked the answer against the request's MD5
	// and it matched. It is false when the request gave no checksum, or a
	// value that is not one: a page may then say the file was not verified.
	Verified bool
}

// FetchAPI gets the API answer at path for the server of ref.
func FetchAPI(ctx context.Context, h Host, ref EntityRef, path string) ([]byte, error) {
	if h == nil {
		return nil, errors.New("no host connection")
	}
	resp, err := h.Fetch(ctx, FetchRequest{Server: ref.Server, Path: path})
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

// FetchFile gets the file at url as a local path.
func FetchFile(ctx context.Context, h Host, ref EntityRef, url string) (string, error) {
	if h == nil {
		return "", errors.New("no host connection")
	}
	resp, err := h.Fetch(ctx, FetchRequest{Server: ref.Server, URL: url, AsFile: true})
	if err != nil {
		return "", err
	}
	return resp.FilePath, nil
}

// LogLevel is the level of a plugin's log line.
type LogLevel uint8

// Log levels.
const (
	LogInfo LogLevel = iota
	LogDebug
	LogWarn
	LogError
)

// FetchErrorCode classifies why a fetch failed.
type FetchErrorCode uint8

// Fetch error codes.
const (
	FetchFailed      FetchErrorCode = iota // anything else
	FetchNotFound                          // no such entity or file (OpenML said so, or the mirror lacks it)
	FetchUnavailable                       // the server could not be reached
	FetchCanceled                          // the page was closed
)

// FetchError is how a failed Fetch reaches the plugin; Message is written
// for the user, names what was asked for (the API path or the file URL, or
// where its copy was looked for), so callers need not repeat it, and never
// holds the API key.
type FetchError struct {
	Code    FetchErrorCode
	Message string
	// OpenMLCode is the code of the server's <oml:error> answer, e.g. 542
	// ("no results" for an evaluation listing); 0 when the server did not
	// answer with an OpenML error.
	OpenMLCode int
}

func (e *FetchError) Error() string { return e.Message }

// IsNotFound reports whether err says the thing fetched does not exist.
func IsNotFound(err error) bool {
	var fe *FetchError
	return errors.As(err, &fe) && fe.Code == FetchNotFound
}

func (c FetchErrorCode) String() string {
	return [...]string{"failed", "not found", "unavailable", "canceled"}[c]
}

var _ fmt.Stringer = FetchErrorCode(0)
