package pluginhost_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/pluginhost"
	"github.com/openml-dash/openml-dash/sdk"
)

// helperEnv makes the test binary a host for TestPlugin_diesWithKilledHost.
const helperEnv = "PLUGINHOST_TEST_HELPER_DIR"

// built holds the test plugins, built once by TestMain, and the scripts
// that pretend to be plugins. Tests link what they need into their own
// folder: nothing is written there, so no fork of a parallel test can hold
// a binary open for writing ("text file busy").
var built string

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	if os.Getenv(helperEnv) != "" {
		return m.Run()
	}
	dir, err := os.MkdirTemp("", "pluginhost-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	build := exec.Command(goTool(), "build", "-buildvcs=false", "-o", dir+string(os.PathSeparator), "./testdata/echo", "./testdata/nextproto")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build the test plugins:", err)
		return 1
	}
	scripts := map[string]string{
		"garbage": "#!/bin/sh\necho hello\nsleep 30\n",
		"sleepy":  "#!/bin/sh\nsleep 30\n", // sleep is a child that holds stdout open
		"dies":    "#!/bin/sh\nexit 3\n",
		// A stand-in for Python: notes its arguments, says so on stderr
		// and becomes echo.
		"python": "#!/bin/sh\necho \"$@\" >\"$0.args\"\necho \"stand-in python runs $1\" >&2\nexec " + filepath.Join(dir, "echo") + "\n",
	}
	for name, text := range scripts {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o755); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	built = dir
	return m.Run()
}

func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(runtime.GOROOT(), "bin", "go")
}

// sources maps a plugin name in a test folder to what it is built from.
var sources = map[string]string{
	"echo":        "echo",
	"extra":       "echo", // the echo plugin with another manifest
	"v2":          "nextproto",
	"plain":       "nextproto",
	"strangertls": "nextproto",
	"garbage":     "garbage",
	"sleepy":      "sleepy",
	"dies":        "dies",
	"flaky":       "echo", // killed during its first start
}

// pluginDir makes a plugins folder holding the named test plugins.
func pluginDir(t *testing.T, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range names {
		src := filepath.Join(built, sources[name])
		dst := filepath.Join(dir, pluginhost.BinaryPrefix+name)
		if runtime.GOOS == "windows" {
			src, dst = src+".exe", dst+".exe"
		}
		require.NoError(t, os.Link(src, dst))
	}
	return dir
}

func skipOnWindows(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs shell scripts and Unix process ids")
	}
}

// fakeHost answers data/61 with "iris" and anything else with not found,
// each answer after delay, as a slow server would.
type fakeHost struct {
	delay time.Duration

	mu      sync.Mutex
	fetches []sdk.FetchRequest
	logs    []string
}

func (h *fakeHost) Fetch(ctx context.Context, req sdk.FetchRequest) (*sdk.FetchResponse, error) {
	h.mu.Lock()
	h.fetches = append(h.fetches, req)
	h.mu.Unlock()
	select {
	case <-time.After(h.delay):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if req.Path == "data/61" {
		return &sdk.FetchResponse{Body: []byte("iris")}, nil
	}
	return nil, &sdk.FetchError{Code: sdk.FetchNotFound, Message: "OpenML has no " + req.Path}
}

func (h *fakeHost) Progress(context.Context, string, int64, int64) {}

func (h *fakeHost) Log(_ context.Context, _ sdk.LogLevel, msg string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.logs = append(h.logs, msg)
}

func (h *fakeHost) Fetches() []sdk.FetchRequest {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]sdk.FetchRequest(nil), h.fetches...)
}

func (h *fakeHost) LogCount() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.logs)
}

// syncBuffer is a log that tests read while plugins write to it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// start starts a Manager on dir and closes it when the test ends.
func start(t *testing.T, opts pluginhost.Options) *pluginhost.Manager {
	t.Helper()
	if opts.Host == nil {
		opts.Host = &fakeHost{}
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	m := pluginhost.New(opts)
	t.Cleanup(m.Close)
	require.NoError(t, m.Start(t.Context()))
	return m
}

func plugin(t *testing.T, m *pluginhost.Manager, name string) *pluginhost.Plugin {
	t.Helper()
	for _, p := range m.Plugins() {
		if p.Name() == name {
			return p
		}
	}
	t.Fatalf("no plugin %q running; failures: %v", name, m.Failures())
	return nil
}

func names(ps []*pluginhost.Plugin) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.Name())
	}
	return out
}

// pid asks the echo plugin for its process id.
func pid(t *testing.T, p *pluginhost.Plugin) int {
	t.Helper()
	patch, err := p.Callback(t.Context(), &sdk.CallbackRequest{ID: "pid"})
	require.NoError(t, err)
	require.Len(t, patch.Outputs, 1)
	return int(patch.Outputs[0].Value.Int())
}

// pluginError returns err as a *pluginhost.Error, failing if it is not one.
func pluginError(t *testing.T, err error) *pluginhost.Error {
	t.Helper()
	var e *pluginhost.Error
	require.True(t, errors.As(err, &e), "want a *pluginhost.Error, got %T: %v", err, err)
	return e
}
