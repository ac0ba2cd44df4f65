// Package fetch is the host's only door to the network: OpenML API answers
// and data files, from the server or from a local mirror, for the host and
// for the plugins that ask it.
package fetch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/openml-dash/openml-dash/host/route"
	"github.com/openml-dash/openml-dash/sdk"
)

const userAgent = "openml-dash"

// Options configure a Client. The zero value talks to www.openml.org.
type Options struct {
	// Server is the API base, e.g. "https://www.openml.org/api/v1/xml".
	// Default: route.APIBase("").
	Server string
	// Mirror, if set, is a local directory laid out by URL path (as
	// ../shared/openml/www is); every answer comes from it and no network
	// is used.
	Mirror string
	// APIKey is sent as the api_key query parameter, to Server's origin
	// only. It never appears in errors.
	APIKey string
	// HTTP defaults to a client with connect and response-header timeouts
	// but no overall timeout, which would cut off large downloads.
	HTTP *http.Client
	// FileDir is where File writes downloads.
	// Default: os.TempDir()/openml-dash-files.
	FileDir string
}

// Client fetches OpenML answers. It is safe for concurrent use.
type Client struct {
	server  string
	mirror  string
	apiKey  string
	http    *http.Client
	fileDir string
}

// New returns a Client with opts' zero fields set to their defaults.
func New(opts Options) *Client {
	c := &Client{
		server:  strings.TrimRight(opts.Server, "/"),
		mirror:  opts.Mirror,
		apiKey:  opts.APIKey,
		http:    opts.HTTP,
		fileDir: opts.FileDir,
	}
	if c.server == "" {
		c.server = route.APIBase("")
	}
	if c.http == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		// OpenML can take a while to build a large answer, but a server
		// that never answers must still fail.
		t.ResponseHeaderTimeout = 2 * time.Minute
		c.http = &http.Client{Transport: t}
	}
	if c.fileDir == "" {
		c.fileDir = filepath.Join(os.TempDir(), "openml-dash-files")
	}
	return c
}

// Request names one answer: set Path or URL.
type Request struct {
	// Server is the website origin of the entity being shown
	// (sdk.EntityRef.Server). "" or sdk.DefaultServer means Options.Server;
	// another origin means its own API base (route.APIBase).
	Server string
	// Path is an API path relative to the API base, e.g. "data/features/61".
	Path string
	// URL is an absolute file URL, e.g. the <oml:url> of a dataset.
	URL string
}

// Progress is told how many bytes of an answer have arrived; total is -1
// when the size is unknown. It is called on the fetching goroutine. A
// download reports 0 first, then at most about ten times a second, and
// last the final count; a mirror answer reports its size once.
type Progress func(done, total int64)

// Get returns the body of an answer, for API answers and other small files.
// Errors are *OpenMLError, *HTTPError or *NotFoundError where those apply.
func (c *Client) Get(ctx context.Context, req Request, progress Progress) ([]byte, error) {
	t, err := c.resolve(req)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", t.name, err)
	}
	if c.mirror != "" {
		size, err := t.mirrorFile()
		if err != nil {
			return nil, err
		}
		b, err := os.ReadFile(t.mirror)
		if err != nil {
			return nil, fmt.Errorf("%s: reading the mirror: %w", t.name, err)
		}
		report(progress, size, size)
		return b, nil
	}
	resp, err := c.open(ctx, t)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	if n := resp.ContentLength; n > 0 && n < 64<<20 {
		buf.Grow(int(n))
	}
	if err := receive(ctx, &buf, resp, t, progress); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// File returns the path of a local copy of a (typically large) file. The
// file is complete and must be treated as read-only. In mirror mode it is
// the mirror's own file; otherwise it is a fresh download into FileDir,
// which appears under its final name only once it is whole.
func (c *Client) File(ctx context.Context, req Request, progress Progress) (string, error) {
	t, err := c.resolve(req)
	if err != nil {
		return "", err
	}
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("%s: %w", t.name, err)
	}
	if c.mirror != "" {
		size, err := t.mirrorFile()
		if err != nil {
			return "", err
		}
		report(progress, size, size)
		return t.mirror, nil
	}
	resp, err := c.open(ctx, t)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	return c.save(ctx, resp, t, progress)
}

// save streams resp into a temporary file beside the final one and renames
// it into place, so the final name never holds a partial file.
func (c *Client) save(ctx context.Context, resp *http.Response, t target, progress Progress) (string, error) {
	if err := os.MkdirAll(c.fileDir, 0o755); err != nil {
		return "", fmt.Errorf("%s: %w", t.name, err)
	}
	tmp, err := os.CreateTemp(c.fileDir, ".partial-*")
	if err != nil {
		return "", fmt.Errorf("%s: %w", t.name, err)
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := receive(ctx, tmp, resp, t, progress); err != nil {
		return "", err
	}
	// Sync first, so a crash cannot leave a renamed but empty file.
	if err := tmp.Sync(); err != nil {
		return "", fmt.Errorf("%s: %w", t.name, err)
	}
	if err := tmp.Chmod(0o444); err != nil {
		return "", fmt.Errorf("%s: %w", t.name, err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("%s: %w", t.name, err)
	}
	final := filepath.Join(c.fileDir, fileName(t.shown))
	if err := os.Rename(tmp.Name(), final); err != nil {
		return "", fmt.Errorf("%s: %w", t.name, err)
	}
	done = true
	return final, nil
}

// fileName is unique per URL but keeps the URL's base name, so a person
// browsing FileDir still recognises dataset_61_iris.arff.
func fileName(u *url.URL) string {
	sum := sha256.Sum256([]byte(u.String()))
	base := []byte(path.Base(u.Path))
	for i, b := range base {
		ok := b == '.' || b == '-' || b == '_' || (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')
		if !ok {
			base[i] = '_'
		}
	}
	name := string(base)
	if len(name) > 80 {
		name = name[len(name)-80:]
	}
	if strings.Trim(name, "./") == "" {
		name = "file"
	}
	return hex.EncodeToString(sum[:8]) + "-" + name
}

// target is a Request resolved against the client's configuration.
type target struct {
	name   string   // how messages name the request: the API path or the URL
	shown  *url.URL // the URL without api_key
	key    bool     // whether the URL may carry api_key
	mirror string   // the file answering it in mirror mode
}

func (c *Client) resolve(req Request) (target, error) {
	switch {
	case req.Path != "" && req.URL != "":
		return target{}, fmt.Errorf("fetch: request sets both Path %q and URL %q; set one", req.Path, redact(req.URL))
	case req.Path == "" && req.URL == "":
		return target{}, errors.New("fetch: empty request; set Path (an API path such as data/61) or URL")
	}
	base := c.server
	if req.Server != "" && req.Server != sdk.DefaultServer {
		base = route.APIBase(req.Server)
	}
	bu, err := parseHTTP(base)
	if err != nil {
		return target{}, fmt.Errorf("fetch: API base %q: %w", base, err)
	}
	var t target
	if req.Path != "" {
		p := strings.Trim(req.Path, "/")
		if strings.ContainsAny(p, "?#") {
			return target{}, fmt.Errorf("fetch: API path %q has a query or fragment; give the path only", req.Path)
		}
		p = path.Clean("/" + p)
		u := *bu
		u.Path = strings.TrimRight(bu.Path, "/") + p
		u.RawPath, u.RawQuery, u.Fragment = "", "", ""
		t = target{name: strings.TrimPrefix(p, "/"), shown: &u, key: base == c.server}
	} else {
		u, err := parseHTTP(req.URL)
		if err != nil {
			return target{}, fmt.Errorf("fetch: URL %q: %w", redact(req.URL), err)
		}
		u.Fragment = ""
		stripKey(u)
		// The key is for the configured server; a file on another host,
		// even the origin of req.Server, does not get it.
		cu, err := url.Parse(c.server)
		t = target{name: u.String(), shown: u, key: err == nil && sameOrigin(u, cu)}
	}
	if c.mirror != "" {
		// Production and test ids are different namespaces: a mirror of
		// one server must not answer for another.
		if base != c.server {
			return target{}, fmt.Errorf("%s: the mirror %s holds answers from %s only, not from %s", t.name, c.mirror, c.server, req.Server)
		}
		rel := strings.TrimPrefix(path.Clean("/"+t.shown.Path), "/")
		t.mirror = filepath.Join(c.mirror, filepath.FromSlash(rel))
	}
	return t, nil
}

func parseHTTP(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, err
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errors.New("not an absolute http or https URL")
	}
	return u, nil
}

func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Host, b.Host)
}

func stripKey(u *url.URL) {
	if q := u.Query(); q.Has("api_key") {
		q.Del("api_key")
		u.RawQuery = q.Encode()
	}
}

// redact is for URLs that failed to parse, which may still hold a key.
func redact(s string) string {
	if i := strings.Index(s, "api_key="); i >= 0 {
		return s[:i] + "api_key=REDACTED"
	}
	return s
}

// mirrorFile returns the size of t's mirror file, or a *NotFoundError.
func (t target) mirrorFile() (int64, error) {
	st, err := os.Stat(t.mirror)
	if err != nil || !st.Mode().IsRegular() {
		return 0, &NotFoundError{Path: t.mirror, Request: t.name}
	}
	return st.Size(), nil
}

// open sends one GET and returns a 200 response, or the error the answer
// stands for. Retries with backoff (for 5xx, 429 and dropped connections)
// belong around this call; it makes exactly one attempt.
func (c *Client) open(ctx context.Context, t target) (*http.Response, error) {
	u := *t.shown
	if t.key && c.apiKey != "" {
		q := u.Query()
		q.Set("api_key", c.apiKey)
		u.RawQuery = q.Encode()
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", t.name, err)
	}
	hreq.Header.Set("User-Agent", userAgent)
	resp, err := c.http.Do(hreq)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%s: %w", t.name, ctx.Err())
		}
		// *url.Error prints the request URL, which holds the key.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("%s: the server %s could not be reached: %w; check the network, or use --mirror DIR to work offline from a local copy",
			t.name, t.shown.Host, err)
	}
	if resp.StatusCode == http.StatusOK {
		return resp, nil
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if e := parseOpenMLError(body); e != nil {
		e.URL = t.shown.String()
		e.Request = t.name
		if c.apiKey != "" {
			e.Message = strings.ReplaceAll(e.Message, c.apiKey, "REDACTED")
			e.AdditionalInfo = strings.ReplaceAll(e.AdditionalInfo, c.apiKey, "REDACTED")
		}
		return nil, e
	}
	return nil, &HTTPError{StatusCode: resp.StatusCode, Status: resp.Status, URL: t.shown.String()}
}

// receive copies resp's body to w, reporting progress, and fails when the
// body ends before its announced length.
func receive(ctx context.Context, w io.Writer, resp *http.Response, t target, progress Progress) error {
	total := resp.ContentLength
	pr := &progressReader{r: resp.Body, total: total, progress: progress}
	report(progress, 0, total)
	_, err := io.Copy(w, pr)
	if err == nil && total >= 0 && pr.done != total {
		err = io.ErrUnexpectedEOF
	}
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("%s: %w", t.name, ctx.Err())
		}
		return fmt.Errorf("%s: the download from %s broke off after %d bytes: %w", t.name, t.shown.Host, pr.done, err)
	}
	report(progress, pr.done, total)
	return nil
}

func report(p Progress, done, total int64) {
	if p != nil {
		p(done, total)
	}
}

// progressReader reports at most every progressEvery, so a fast download
// does not flood the UI.
type progressReader struct {
	r        io.Reader
	done     int64
	total    int64
	progress Progress
	last     time.Time
}

const progressEvery = 100 * time.Millisecond

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.done += int64(n)
	if p.progress != nil && n > 0 {
		if now := time.Now(); now.Sub(p.last) >= progressEvery {
			p.last = now
			p.progress(p.done, p.total)
		}
	}
	return n, err
}
