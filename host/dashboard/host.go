package dashboard

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/openml-dash/openml-dash/host/demo"
	"github.com/openml-dash/openml-dash/host/fetch"
	"github.com/openml-dash/openml-dash/host/pluginhost"
	"github.com/openml-dash/openml-dash/internal/urlfolder"
	"github.com/openml-dash/openml-dash/sdk"
)

// host is the sdk.Host served to every plugin: all network access, the
// demo answers and progress go through it, never through a plugin.
type host struct {
	fetch  *fetch.Client
	mirror bool // fetch answers from a mirror folder
	log    hclog.Logger
	target string // the default target of local files (--target)

	mu       sync.Mutex
	progress func(Progress)
	warning  func(string)
}

var _ sdk.Host = (*host)(nil)

func (h *host) setProgress(fn func(Progress)) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.progress = fn
}

func (h *host) Progress(_ context.Context, label string, done, total int64) {
	h.mu.Lock()
	fn := h.progress
	h.mu.Unlock()
	if fn != nil {
		fn(Progress{Label: label, Done: done, Total: total})
	}
}

// warn tells the user of a problem the fetcher worked around (a damaged
// cached answer, a cache folder it cannot write to): a warning line, on
// stderr and in the log file, and to the OnWarning listener (the
// window's status line).
func (h *host) warn(msg string) {
	h.log.Warn(msg)
	h.mu.Lock()
	fn := h.warning
	h.mu.Unlock()
	if fn != nil {
		fn(msg)
	}
}

func (h *host) setWarning(fn func(string)) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.warning = fn
}

func (h *host) Log(ctx context.Context, level sdk.LogLevel, msg string) {
	pluginhost.LogPlugin(ctx, h.log, level, msg)
}

// Fetch answers a plugin, and logs at debug level what it asked, where
// the answer came from and how long it took.
func (h *host) Fetch(ctx context.Context, req sdk.FetchRequest) (*sdk.FetchResponse, error) {
	start := time.Now()
	resp, from, err := h.fetchFrom(ctx, req)
	if h.log.IsDebug() {
		args := []any{"plugin", pluginhost.PluginName(ctx), "request", fetch.Redact(req.Path + req.URL),
			"took", time.Since(start).Round(100 * time.Microsecond)}
		switch {
		case err != nil:
			h.log.Debug("fetch failed", append(args, "error", err)...)
		case req.AsFile:
			h.log.Debug("fetch", append(args, "from", from, "file", resp.FilePath)...)
		default:
			h.log.Debug("fetch", append(args, "from", from, "bytes", len(resp.Body))...)
		}
	}
	return resp, err
}

// fetchFrom answers req and says from where: the built-in demo, a local
// file, or fetch's server, cache or mirror.
func (h *host) fetchFrom(ctx context.Context, req sdk.FetchRequest) (*sdk.FetchResponse, string, error) {
	if req.Server == demo.Server {
		resp, err := fetchDemo(req)
		return resp, "demo", err
	}
	if strings.HasPrefix(req.Server, sdk.FileServer) {
		resp, err := h.fetchLocal(req)
		return resp, "local file", err
	}
	freq := fetch.Request{Server: req.Server, Path: req.Path, URL: req.URL, MD5: req.MD5, AsFile: req.AsFile, Refresh: req.Refresh}
	var progress fetch.Progress
	if req.AsFile {
		label := "downloading " + path.Base(req.URL)
		progress = func(done, total int64) { h.Progress(ctx, label, done, total) }
	}
	a, err := h.fetch.Fetch(ctx, freq, progress)
	if err != nil {
		return nil, "", toFetchError(err)
	}
	from := "server"
	switch {
	case h.mirror:
		from = "mirror"
	case a.Stale:
		from = "cache (stale: the server could not be reached)"
	case a.Cached:
		from = "cache"
	}
	if req.AsFile {
		return &sdk.FetchResponse{FilePath: a.Path, Verified: a.Verified}, from, nil
	}
	return &sdk.FetchResponse{Body: a.Body, Verified: a.Verified}, from, nil
}

// The demo answers are embedded in the binary, so the demo page opens with
// no network and nothing downloaded. Files are handed over as bytes only:
// plugins that need a path get one from a temporary copy.
func fetchDemo(req sdk.FetchRequest) (*sdk.FetchResponse, error) {
	name := urlfolder.API(req.Path)
	if req.URL != "" {
		name = urlfolder.URL(req.URL)
	}
	body, err := fs.ReadFile(demo.FS, name)
	if err != nil {
		return nil, &sdk.FetchError{Code: sdk.FetchNotFound, Message: fmt.Sprintf("the built-in demo has no %s", name)}
	}
	// Checked as the cache checks a download, so the demo's page says
	// what a real one says.
	verified := false
	if want := strings.ToLower(strings.TrimSpace(req.MD5)); len(want) == 32 {
		sum := md5.Sum(body)
		if got := hex.EncodeToString(sum[:]); got != want {
			return nil, &sdk.FetchError{Code: sdk.FetchFailed, Message: fmt.Sprintf("the built-in demo's %s has md5 %s, not %s", name, got, want)}
		}
		verified = true
	}
	if !req.AsFile {
		return &sdk.FetchResponse{Body: body, Verified: verified}, nil
	}
	p, err := demoFile(name, body)
	if err != nil {
		return nil, &sdk.FetchError{Code: sdk.FetchFailed, Message: err.Error()}
	}
	return &sdk.FetchResponse{FilePath: p, Verified: verified}, nil
}

func toFetchError(err error) error {
	var nf *fetch.NotFoundError
	var oe *fetch.OpenMLError
	var ce *fetch.ChecksumError
	switch {
	case errors.As(err, &ce):
		return &sdk.FetchError{Code: sdk.FetchFailed, Message: err.Error()}
	case errors.Is(err, context.Canceled):
		return &sdk.FetchError{Code: sdk.FetchCanceled, Message: err.Error()}
	case errors.As(err, &nf):
		return &sdk.FetchError{Code: sdk.FetchNotFound, Message: err.Error()}
	case errors.As(err, &oe):
		return &sdk.FetchError{Code: sdk.FetchFailed, Message: err.Error(), OpenMLCode: oe.Code}
	}
	return &sdk.FetchError{Code: sdk.FetchUnavailable, Message: err.Error()}
}
