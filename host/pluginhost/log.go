package pluginhost

import (
	"bytes"
	"context"
	"io"
	"sync"

	"github.com/hashicorp/go-hclog"

	"github.com/openml-dash/openml-dash/sdk"
)

// lockedWriter serialises the host's log lines and every plugin's output,
// which arrive from many goroutines, onto the one Options.Log.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// maxLine flushes a line that never ends, so a plugin printing without
// newlines cannot grow the buffer without bound.
const maxLine = 64 << 10

// lineWriter prefixes each line a plugin writes with the plugin's name.
// go-plugin hands over stderr a line at a time, then its newline, and the
// synced stdio streams in arbitrary chunks; whole lines are written at once
// so that concurrent plugins do not interleave mid-line.
type lineWriter struct {
	out    io.Writer
	prefix string

	mu  sync.Mutex
	buf []byte
}

func newLineWriter(out io.Writer, name string) *lineWriter {
	return &lineWriter{out: out, prefix: "plugin " + name + ": "}
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, p...)
	for {
		i := bytes.IndexByte(w.buf, '\n')
		if i < 0 {
			break
		}
		w.emit(w.buf[:i])
		w.buf = w.buf[i+1:]
	}
	if len(w.buf) > maxLine {
		w.emit(w.buf)
		w.buf = nil
	}
	if len(w.buf) == 0 {
		w.buf = nil // let the backing array go
	}
	return len(p), nil
}

func (w *lineWriter) emit(line []byte) {
	line = bytes.TrimRight(line, "\r")
	out := make([]byte, 0, len(w.prefix)+len(line)+1)
	out = append(out, w.prefix...)
	out = append(out, line...)
	out = append(out, '\n')
	_, _ = w.out.Write(out)
}

// quietStderrLogger is the logger handed to go-plugin. go-plugin writes each
// line of a plugin's stderr to ClientConfig.Stderr and logs it again through
// a sub-logger named after the program it ran (the plugin binary, or the
// Python interpreter of a .pyz plugin); the plugin's output already reaches
// the log once, prefixed, through Stderr, so that sub-logger is silenced.
// go-plugin's own messages (a plugin exited, failed to stop) still pass.
type quietStderrLogger struct {
	hclog.Logger
	program string // the base name of the program go-plugin runs
}

func (l quietStderrLogger) Named(name string) hclog.Logger {
	if name == l.program {
		return hclog.NewNullLogger()
	}
	return quietStderrLogger{l.Logger.Named(name), l.program}
}

// LogPlugin writes a line a plugin sent through Host.Log to l at the
// line's level, named after the plugin (PluginName(ctx)). An sdk.Host
// implementation's Log can be just this call.
func LogPlugin(ctx context.Context, l hclog.Logger, level sdk.LogLevel, msg string) {
	name := "plugin"
	if p := PluginName(ctx); p != "" {
		name += " " + p
	}
	l.ResetNamed(name).Log(hclogLevel(level), msg)
}

func hclogLevel(level sdk.LogLevel) hclog.Level {
	switch level {
	case sdk.LogDebug:
		return hclog.Debug
	case sdk.LogWarn:
		return hclog.Warn
	case sdk.LogError:
		return hclog.Error
	}
	return hclog.Info
}
