// Package fetchtest runs an HTTP server that answers like OpenML, for the
// tests of code that fetches: from a folder of recorded answers laid out
// by URL path, from answers a test registers, and with faults a test
// injects per path. It counts the requests for each path and records
// whether each carried an api_key, so tests can see where the key went.
package fetchtest

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Options configure a Server.
type Options struct {
	// Root, if set, is a folder laid out by URL path, such as the
	// recordings' www/ (see internal/recordings): the file at
	// Root/api/v1/xml/data/61 answers GET /api/v1/xml/data/61. Paths
	// registered with Handle take precedence.
	Root string
}

// Server is an OpenML look-alike on a local port. Paths are URL paths,
// e.g. "/api/v1/xml/data/61" (the leading slash is optional); the query,
// api_key included, does not change which answer a path gets.
type Server struct {
	// URL is the server's origin, e.g. http://127.0.0.1:34567.
	URL string

	ts   *httptest.Server
	root string
	done chan struct{} // closed by Close, to release waiting handlers
	once sync.Once

	mu       sync.Mutex
	answers  map[string][]byte
	faults   map[string]Fault
	requests map[string][]Request
}

// Request is what the server saw of one request.
type Request struct {
	Path   string
	HasKey bool   // the request carried an api_key parameter
	APIKey string // its value
}

// Fault is a failure to inject for one path. Fields combine; they apply
// in the order they are listed.
type Fault struct {
	// Gate, if set, holds every answer until it is closed (or the client
	// gives up, or the server closes): a test can let requests pile up.
	Gate <-chan struct{}
	// Delay holds every answer this long (less if the client gives up).
	Delay time.Duration
	// Fail answers the first Fail requests with 500 Internal Server Error.
	Fail int
	// OpenMLError, if its Code is set, answers every request as OpenML
	// answers an error: HTTP 412 with an <oml:error> document.
	OpenMLError OpenMLError
	// Status, if set, answers every request with this status and a
	// plain-text body, e.g. 404.
	Status int
	// Truncate cuts off the body of the first Truncate requests: the
	// Content-Length announces it all, half is sent, then the
	// connection closes.
	Truncate int
	// NoLength sends answers with neither a Content-Length nor chunks, the
	// connection closing at the end of the body, as HTTP/1.0 servers and
	// some proxies do. With Truncate, a cut then looks like the end.
	NoLength bool
}

// OpenMLError is the content of an OpenML error document.
type OpenMLError struct {
	Code    int
	Message string
}

// UnknownDataset is what OpenML answers for a dataset id that does not exist.
var UnknownDataset = OpenMLError{Code: 111, Message: "Unknown dataset"}

// NewServer starts a Server; it is closed when t ends.
func NewServer(t testing.TB, opts Options) *Server {
	t.Helper()
	s := &Server{
		root:     opts.Root,
		done:     make(chan struct{}),
		answers:  make(map[string][]byte),
		faults:   make(map[string]Fault),
		requests: make(map[string][]Request),
	}
	s.ts = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.ts.URL
	t.Cleanup(s.Close)
	return s
}

// APIBase is the server's XML API base, the Server of fetch.Options.
func (s *Server) APIBase() string { return s.URL + "/api/v1/xml" }

// Host is the server's host:port, as error messages name it.
func (s *Server) Host() string { return strings.TrimPrefix(s.URL, "http://") }

// Close stops the server; clients then find nothing listening. It is
// safe to call more than once.
func (s *Server) Close() {
	s.once.Do(func() { close(s.done) })
	s.ts.Close()
}

// Handle makes body the answer for path, replacing any earlier one.
func (s *Server) Handle(path, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.answers[clean(path)] = []byte(body)
}

// Fault injects f for path, replacing any earlier fault; the zero Fault
// removes it. Request numbers in f count from the first request for path.
func (s *Server) Fault(path string, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[clean(path)] = f
}

// Requests returns what the server saw of the requests for path, in order.
func (s *Server) Requests(path string) []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests[clean(path)]...)
}

// Count returns how many requests for path the server has seen.
func (s *Server) Count(path string) int { return len(s.Requests(path)) }

func clean(p string) string { return path.Clean("/" + p) }

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	p := clean(r.URL.Path)
	q := r.URL.Query()
	s.mu.Lock()
	s.requests[p] = append(s.requests[p], Request{Path: p, HasKey: q.Has("api_key"), APIKey: q.Get("api_key")})
	n := len(s.requests[p])
	f := s.faults[p]
	body, ok := s.answers[p]
	s.mu.Unlock()

	if f.Gate != nil && !wait(s, r, f.Gate) {
		return
	}
	if f.Delay > 0 && !wait(s, r, time.After(f.Delay)) {
		return
	}
	switch {
	case n <= f.Fail:
		http.Error(w, "injected failure", http.StatusInternalServerError)
		return
	case f.OpenMLError.Code != 0:
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		w.WriteHeader(http.StatusPreconditionFailed)
		fmt.Fprint(w, errorDocument(f.OpenMLError))
		return
	case f.Status != 0:
		http.Error(w, http.StatusText(f.Status), f.Status)
		return
	}
	if !ok {
		if body, ok = s.fromRoot(p); !ok {
			http.Error(w, "no answer recorded for "+p, http.StatusNotFound)
			return
		}
	}
	cut := n <= f.Truncate
	if f.NoLength {
		if cut {
			body = body[:len(body)/2]
		}
		sendUnframed(w, body)
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	if cut {
		w.WriteHeader(http.StatusOK)
		w.Write(body[:len(body)/2])
		w.(http.Flusher).Flush()
		// Closes the connection with the body short of its length.
		panic(http.ErrAbortHandler)
	}
	w.Write(body)
}

// sendUnframed answers 200 with body on the raw connection, with no
// Content-Length and no chunks, and closes it: nothing but the close
// tells where the body ends.
func sendUnframed(w http.ResponseWriter, body []byte) {
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	defer conn.Close()
	fmt.Fprint(buf, "HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\nConnection: close\r\n\r\n")
	buf.Write(body)
	buf.Flush()
}

// wait reports whether ch fired before the client or the server went away.
func wait[T any](s *Server, r *http.Request, ch <-chan T) bool {
	select {
	case <-ch:
		return true
	case <-r.Context().Done():
	case <-s.done:
	}
	return false
}

func (s *Server) fromRoot(p string) ([]byte, bool) {
	if s.root == "" {
		return nil, false
	}
	f := filepath.Join(s.root, filepath.FromSlash(strings.TrimPrefix(p, "/")))
	if st, err := os.Stat(f); err != nil || !st.Mode().IsRegular() {
		return nil, false
	}
	b, err := os.ReadFile(f)
	return b, err == nil
}

func errorDocument(e OpenMLError) string {
	var msg strings.Builder
	xml.EscapeText(&msg, []byte(e.Message))
	return fmt.Sprintf(`<oml:error xmlns:oml="http://openml.org/openml"><oml:code>%d</oml:code><oml:message>%s</oml:message></oml:error>`, e.Code, msg.String())
}

// Folder lays files out in a new folder, removed when t ends, and returns
// it: keys are slash-separated paths, such as "api/v1/xml/data/61", so
// that the folder answers like a mirror (fetch.Options.Mirror).
func Folder(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
