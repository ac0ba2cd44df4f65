// Package sdktest runs a plugin in-process, through the same gRPC code,
// handshake and mutual TLS a plugin binary and the app use, against canned
// host answers.
package sdktest

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/openml-dash/openml-dash/internal/urlfolder"
	"github.com/openml-dash/openml-dash/sdk"
)

// Host is a declarative fake of the host: set the funcs a test needs.
// Progress and Log calls are recorded.
type Host struct {
	FetchFunc func(ctx context.Context, req sdk.FetchRequest) (*sdk.FetchResponse, error)

	mu         sync.Mutex
	Fetches    []sdk.FetchRequest
	Logs       []string
	Progresses []string
	files      string // where Answers writes the files it hands out; Run removes it
}

// fileDir is the folder for the files Answers hands out as paths.
func (h *Host) fileDir() (string, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.files == "" {
		dir, err := os.MkdirTemp("", "sdktest")
		if err != nil {
			return "", err
		}
		h.files = dir
	}
	return h.files, nil
}

func (h *Host) removeFiles() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.files != "" {
		_ = os.RemoveAll(h.files)
		h.files = ""
	}
}

var _ sdk.Host = (*Host)(nil)

// Fetch records req and calls FetchFunc.
func (h *Host) Fetch(ctx context.Context, req sdk.FetchRequest) (*sdk.FetchResponse, error) {
	h.mu.Lock()
	h.Fetches = append(h.Fetches, req)
	h.mu.Unlock()
	if h.FetchFunc == nil {
		return nil, &sdk.FetchError{Code: sdk.FetchUnavailable, Message: "sdktest: no FetchFunc"}
	}
	return h.FetchFunc(ctx, req)
}

// Progress records the report.
func (h *Host) Progress(_ context.Context, label string, done, total int64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.Progresses = append(h.Progresses, fmt.Sprintf("%s %d/%d", label, done, total))
}

// Log records the line.
func (h *Host) Log(_ context.Context, level sdk.LogLevel, msg string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.Logs = append(h.Logs, msg)
}

// Answers is a fake host answering from memory: keys are API paths
// ("data/features/61") and file URL paths ("data/download/61/iris.arff").
func Answers(files map[string][]byte) *Host {
	h := &Host{}
	h.FetchFunc = func(_ context.Context, req sdk.FetchRequest) (*sdk.FetchResponse, error) {
		key := req.Path
		if req.URL != "" {
			key = urlfolder.URL(req.URL)
		}
		body, ok := files[key]
		if !ok {
			return nil, &sdk.FetchError{Code: sdk.FetchNotFound, Message: "sdktest: no answer for " + key}
		}
		verified, err := checksum(req, body)
		if err != nil {
			return nil, err
		}
		if req.AsFile {
			dir, err := h.fileDir()
			if err != nil {
				return nil, err
			}
			// One folder per file: two URLs may share a base name.
			sub, err := os.MkdirTemp(dir, "f")
			if err != nil {
				return nil, err
			}
			p := filepath.Join(sub, path.Base(key))
			return &sdk.FetchResponse{FilePath: p, Verified: verified}, os.WriteFile(p, body, 0o444)
		}
		return &sdk.FetchResponse{Body: body, Verified: verified}, nil
	}
	return h
}

// Recorded is a fake host answering from a folder laid out by URL path,
// such as ../shared/openml/www: API paths under api/v1/xml/.
func Recorded(dir string) *Host {
	return &Host{FetchFunc: func(_ context.Context, req sdk.FetchRequest) (*sdk.FetchResponse, error) {
		p := urlfolder.File(dir, urlfolder.API(req.Path))
		if req.URL != "" {
			p = urlfolder.File(dir, urlfolder.URL(req.URL))
		}
		body, err := os.ReadFile(p)
		if err != nil {
			return nil, &sdk.FetchError{Code: sdk.FetchNotFound, Message: "sdktest: not recorded: " + p}
		}
		verified, err := checksum(req, body)
		if err != nil {
			return nil, err
		}
		if req.AsFile {
			return &sdk.FetchResponse{FilePath: p, Verified: verified}, nil
		}
		return &sdk.FetchResponse{Body: body, Verified: verified}, nil
	}}
}

// Layout asks the plugin for ref's page.
func (h *Harness) Layout(ref sdk.EntityRef) (*sdk.Page, error) {
	return h.client.Layout(context.Background(), ref)
}

// Callback runs one callback.
func (h *Harness) Callback(req *sdk.CallbackRequest) (*sdk.Patch, error) {
	return h.client.Callback(context.Background(), req)
}

// Caller is the plugin's callbacks across the wire, for a harness that
// runs a page's callback graph (the host's session takes one).
func (h *Harness) Caller() sdk.CallbackHandler { return h.client }

// checksum checks body against req.MD5 as the host does: a value that is
// not 32 hex digits is no checksum (not verified), a mismatch fails.
func checksum(req sdk.FetchRequest, body []byte) (verified bool, err error) {
	want := strings.ToLower(strings.TrimSpace(req.MD5))
	if _, herr := hex.DecodeString(want); len(want) != 32 || herr != nil {
		return false, nil
	}
	sum := md5.Sum(body)
	if got := hex.EncodeToString(sum[:]); got != want {
		return false, &sdk.FetchError{Code: sdk.FetchFailed, Message: fmt.Sprintf("sdktest: %s%s has md5 %s, not %s", req.Path, req.URL, got, want)}
	}
	return true, nil
}
