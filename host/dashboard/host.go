package dashboard

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"sync"

	"github.com/openml-dash/openml-dash/host/demo"
	"github.com/openml-dash/openml-dash/host/fetch"
	"github.com/openml-dash/openml-dash/sdk"
)

// host is the sdk.Host served to every plugin: all network access, the
// demo answers and progress go through it, never through a plugin.
type host struct {
	fetch  *fetch.Client
	log    io.Writer
	target string // the default target of local files (--target)

	mu       sync.Mutex
	progress func(Progress)
	logMu    sync.Mutex
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

func (h *host) Log(_ context.Context, level sdk.LogLevel, msg string) {
	if level == sdk.LogDebug {
		return
	}
	h.logMu.Lock()
	defer h.logMu.Unlock()
	fmt.Fprintf(h.log, "plugin: %s\n", msg)
}

func (h *host) Fetch(ctx context.Context, req sdk.FetchRequest) (*sdk.FetchResponse, error) {
	if req.Server == demo.Server {
		return fetchDemo(req)
	}
	if strings.HasPrefix(req.Server, sdk.FileServer) {
		return h.fetchLocal(req)
	}
	freq := fetch.Request{Server: req.Server, Path: req.Path, URL: req.URL, MD5: req.MD5}
	if !req.AsFile {
		body, err := h.fetch.Get(ctx, freq, nil)
		if err != nil {
			return nil, toFetchError(err)
		}
		return &sdk.FetchResponse{Body: body}, nil
	}
	label := "downloading " + path.Base(req.URL)
	p, err := h.fetch.File(ctx, freq, func(done, total int64) { h.Progress(ctx, label, done, total) })
	if err != nil {
		return nil, toFetchError(err)
	}
	return &sdk.FetchResponse{FilePath: p}, nil
}

// The demo answers are embedded in the binary, so the demo page opens with
// no network and nothing downloaded. Files are handed over as bytes only:
// plugins that need a path get one from a temporary copy.
func fetchDemo(req sdk.FetchRequest) (*sdk.FetchResponse, error) {
	name := path.Join("api/v1/xml", req.Path)
	if req.URL != "" {
		name = demoURLPath(req.URL)
	}
	body, err := fs.ReadFile(demo.FS, name)
	if err != nil {
		return nil, &sdk.FetchError{Code: sdk.FetchNotFound, Message: fmt.Sprintf("the built-in demo has no %s", name)}
	}
	if !req.AsFile {
		return &sdk.FetchResponse{Body: body}, nil
	}
	p, err := demoFile(name, body)
	if err != nil {
		return nil, &sdk.FetchError{Code: sdk.FetchFailed, Message: err.Error()}
	}
	return &sdk.FetchResponse{FilePath: p}, nil
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
