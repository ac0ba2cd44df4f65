// Package fetch is the host's only door to the network: OpenML API answers
// and data files, from the server (through an on-disk cache) or from a local
// mirror, for the host and for the plugins that ask it.
package fetch

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/openml-dash/openml-dash/host/route"
)

const userAgent = "openml-dash"

// Options configure a Client. The zero value talks to www.openml.org
// through the cache in os.UserCacheDir()/openml-dash.
type Options struct {
	// Server is the API base, e.g. "https://www.openml.org/api/v1/xml".
	// Default: route.APIBase("").
	Server string
	// Mirror, if set, is a local directory laid out by URL path (as
	// ../shared/openml/www is); every answer comes from it, and neither
	// the network nor the cache is used. A folder written through Record
	// names the server it holds (in its .openml-dash-mirror file) and
	// answers that server's requests only.
	Mirror string
	// MirrorServer is the API base a Mirror folder that names no server
	// holds (one laid out by hand, or recorded before folders named their
	// server): the --server given with --mirror. "" means the server of
	// the first request, so that such a folder opens the pages of the URL's
	// own server, and no other server's ids are answered from it.
	MirrorServer string
	// APIKey is sent as the api_key query parameter, to Server's origin
	// only. It never appears in errors or in the cache.
	APIKey string
	// HTTP defaults to a client with a ConnectTimeout but no overall
	// timeout, which would cut off large downloads.
	HTTP *http.Client
	// FileDir is where File writes downloads when the cache is off.
	// Default: os.TempDir()/openml-dash-files.
	FileDir string

	// CacheDir is the root of the on-disk cache, laid out by server host
	// and URL path so a person can browse it, e.g.
	// <CacheDir>/www.openml.org/api/v1/xml/data/61.xml.
	// Default: os.UserCacheDir()/openml-dash.
	CacheDir string
	// NoCache turns the cache off: every answer comes from the server.
	NoCache bool
	// ListingTTL is how long a cached listing (an API path with a "list"
	// segment, or an evaluation query) is served before it is asked for
	// again; listings change as people upload. Entity descriptions and
	// files are kept for good. Default: 1 hour.
	ListingTTL time.Duration

	// Retries is how often a request is repeated after a 5xx or 429
	// answer, a failed connection, a stall or a body that broke off.
	// Default: 3; negative means never.
	Retries int
	// Backoff is the wait before the first retry; it doubles for each
	// further one, with jitter. Default: 500 ms.
	Backoff time.Duration
	// ConnectTimeout bounds opening a connection (default HTTP client
	// only). Default: 30 s.
	ConnectTimeout time.Duration
	// HeaderTimeout bounds the wait for an answer's headers: OpenML can
	// take a while to build a large answer, but a server that never
	// answers must still fail. Default: 2 minutes.
	HeaderTimeout time.Duration
	// IdleTimeout bounds the wait for the next bytes of a body; a whole
	// download has no bound, as a big dataset may take long. Default: 60 s.
	IdleTimeout time.Duration
	// Record, if set, is a folder that receives a copy of every answer,
	// laid out by URL path, so it can later be opened with Mirror: the
	// `openml-dash mirror` command for a class or an air-gapped cluster.
	// The folder is marked with the server it holds; a folder holding
	// another server's answers is refused.
	Record string
	// Now tells the time, for the age of cached listings. Default: time.Now.
	Now func() time.Time
	// Warn, if set, is told, in one line meant for the user, of a problem
	// the client worked around: a damaged cached answer fetched again, a
	// cache folder it cannot write to (said once). It may be called from
	// any goroutine.
	Warn func(msg string)
}

// Client fetches OpenML answers. It is safe for concurrent use.
type Client struct {
	server  string
	mirror  string
	apiKey  string
	http    *http.Client
	fileDir string

	cacheDir   string // "" when the cache is off
	recordDir  string
	listingTTL time.Duration
	now        func() time.Time
	warn       func(string)

	// noCacheWrites is set once the cache folder could not be written:
	// answers it holds are still served, others bypass it.
	noCacheWrites atomic.Bool
	cacheWarning  sync.Once
	parsed        sync.Map // cache path -> parsedEntry, see damaged

	held heldServers

	retries       int
	backoff       time.Duration
	headerTimeout time.Duration
	idleTimeout   time.Duration

	flight      singleflight.Group
	flights     flights
	flightHook  func()              // tests: called as a request joins or starts a flight
	backoffHook func(time.Duration) // tests: called as a wait between tries begins
}

// New returns a Client with opts' zero fields set to their defaults.
func New(opts Options) *Client {
	c := &Client{
		server:        strings.TrimRight(opts.Server, "/"),
		mirror:        opts.Mirror,
		recordDir:     opts.Record,
		apiKey:        opts.APIKey,
		http:          opts.HTTP,
		fileDir:       opts.FileDir,
		cacheDir:      opts.CacheDir,
		listingTTL:    or(opts.ListingTTL, time.Hour),
		now:           opts.Now,
		warn:          opts.Warn,
		retries:       opts.Retries,
		backoff:       or(opts.Backoff, 500*time.Millisecond),
		headerTimeout: or(opts.HeaderTimeout, 2*time.Minute),
		idleTimeout:   or(opts.IdleTimeout, time.Minute),
	}
	if c.server == "" {
		c.server = route.APIBase("")
	}
	if c.http == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		d := &net.Dialer{Timeout: or(opts.ConnectTimeout, 30*time.Second), KeepAlive: 30 * time.Second}
		t.DialContext = d.DialContext
		c.http = &http.Client{Transport: t}
	}
	if c.fileDir == "" {
		c.fileDir = filepath.Join(os.TempDir(), "openml-dash-files")
	}
	switch {
	case opts.NoCache || c.mirror != "":
		c.cacheDir = ""
	case c.cacheDir == "":
		c.cacheDir = defaultCacheDir()
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.warn == nil {
		c.warn = func(string) {}
	}
	c.held.mirrorDefault = strings.TrimRight(opts.MirrorServer, "/")
	switch {
	case c.retries == 0:
		c.retries = 3
	case c.retries < 0:
		c.retries = 0
	}
	return c
}

func or(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
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
	// MD5, if set, is the expected checksum of the body in hex, e.g. the
	// <oml:md5_checksum> of a dataset. A download that does not match is
	// deleted and tried once more before Fetch fails. A value that is not
	// 32 hex digits, such as the "NotApplicable" OpenML writes for some
	// datasets, means no checksum: Answer.Verified then stays false.
	MD5 string
	// Refresh asks the server again even when the cache holds a copy, and
	// replaces that copy: for an answer its reader could not parse.
	Refresh bool
	// AsFile asks Fetch for a local file (Answer.Path) rather than the
	// body in memory, for big files.
	AsFile bool
}

// Answer is an answer and where it came from.
type Answer struct {
	// Body is the answer, unless the request set AsFile.
	Body []byte
	// Path is the complete, read-only local file holding the answer when
	// there is one: always with AsFile, and with the cache or a mirror.
	Path string
	// Cached says the answer was read from the cache, not the server.
	Cached bool
	// Stale marks a listing older than ListingTTL, served from the cache
	// because the server could not give a fresh one.
	Stale bool
	// SavedAt is when the cached copy was downloaded; zero without cache.
	SavedAt time.Time
	// Verified says the answer was checked against Request.MD5 and matched.
	Verified bool
}

// Progress is told how many bytes of an answer have arrived; total is -1
// when the size is unknown. It is called on the fetching goroutine. A
// download reports 0 first, then at most about ten times a second, and
// last the final count; a retry starts again from 0. A cached or mirror
// answer reports its size once. When identical requests run at once, only
// the one that downloads sees the progress in between.
type Progress func(done, total int64)

// Fetch returns an answer: from the mirror in mirror mode, else from the
// cache when it holds a fresh copy, else from the server (and into the
// cache). Errors are *OpenMLError, *HTTPError, *NotFoundError (mirror),
// *OfflineError (cache) or *ChecksumError where those apply.
func (c *Client) Fetch(ctx context.Context, req Request, progress Progress) (Answer, error) {
	t, err := c.resolve(req)
	if err != nil {
		return Answer{}, err
	}
	if err := ctx.Err(); err != nil {
		return Answer{}, fmt.Errorf("%s: %w", t.name, err)
	}
	var a Answer
	switch {
	case c.mirror != "":
		a, err = c.fromMirror(t, req.AsFile, progress)
	case c.cacheDir != "":
		a, err = c.viaCache(ctx, t, req.AsFile, req.Refresh, progress)
	default:
		a, err = c.uncached(ctx, t, req.AsFile, progress)
	}
	if err == nil && c.recordDir != "" {
		err = c.record(t, a)
	}
	return a, err
}

// Get returns the body of an answer, for API answers and other small files.
// Errors are as for Fetch.
func (c *Client) Get(ctx context.Context, req Request, progress Progress) ([]byte, error) {
	req.AsFile = false
	a, err := c.Fetch(ctx, req, progress)
	if err != nil {
		return nil, err
	}
	return a.Body, nil
}

// File returns the path of a local copy of a (typically large) file. The
// file is complete and must be treated as read-only: the mirror's own
// file, the cached copy, or, with the cache off, a fresh download into
// FileDir that appears under its final name only once it is whole.
func (c *Client) File(ctx context.Context, req Request, progress Progress) (string, error) {
	req.AsFile = true
	a, err := c.Fetch(ctx, req, progress)
	if err != nil {
		return "", err
	}
	return a.Path, nil
}

func (c *Client) fromMirror(t target, asFile bool, progress Progress) (Answer, error) {
	size, err := t.mirrorFile()
	if err != nil {
		return Answer{}, err
	}
	ok, err := hasMD5(t.mirror, t.md5)
	if err != nil {
		return Answer{}, fmt.Errorf("%s: reading the mirror: %w", t.name, err)
	}
	if !ok {
		got, _ := fileMD5(t.mirror)
		return Answer{}, &ChecksumError{Request: t.name, Want: t.md5, Got: got, Path: t.mirror}
	}
	a := Answer{Path: t.mirror, Verified: t.md5 != ""}
	if !asFile {
		if a.Body, err = os.ReadFile(t.mirror); err != nil {
			return Answer{}, fmt.Errorf("%s: reading the mirror: %w", t.name, err)
		}
	}
	report(progress, size, size)
	return a, nil
}

// uncached answers from the server alone: with the cache off, or when the
// cache folder cannot be written.
func (c *Client) uncached(ctx context.Context, t target, asFile bool, progress Progress) (Answer, error) {
	if asFile {
		return c.toFileDir(ctx, t, progress)
	}
	return c.toMemory(ctx, t, progress)
}

func (c *Client) toMemory(ctx context.Context, t target, progress Progress) (Answer, error) {
	v, shared, err := c.shared(ctx, t, "get", func(ctx context.Context) (any, error) {
		var buf bytes.Buffer
		err := c.download(ctx, t, func(ctx context.Context) error {
			buf.Reset()
			_, err := c.attempt(ctx, t, &buf, progress)
			return err
		})
		return buf.Bytes(), err
	})
	if err != nil {
		return Answer{}, err
	}
	body := v.([]byte)
	if shared {
		// Callers own what Get returns; a shared slice would let one
		// caller's edits show up in another's answer.
		body = bytes.Clone(body)
	}
	return Answer{Body: body, Verified: t.md5 != ""}, nil
}

func (c *Client) toFileDir(ctx context.Context, t target, progress Progress) (Answer, error) {
	final := filepath.Join(c.fileDir, fileName(t.shown))
	_, _, err := c.shared(ctx, t, "file", func(ctx context.Context) (any, error) {
		return nil, c.download(ctx, t, func(ctx context.Context) error {
			return writeAtomic(t.name, final, func(f *os.File) error {
				_, err := c.attempt(ctx, t, f, progress)
				return err
			})
		})
	})
	if err != nil {
		return Answer{}, err
	}
	return Answer{Path: final, Verified: t.md5 != ""}, nil
}
