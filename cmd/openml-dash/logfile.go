package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/openml-dash/openml-dash/host/fetch"
	"github.com/openml-dash/openml-dash/internal/userpath"
)

// Environment variables of the log.
const (
	verboseEnv = "OPENML_DASH_VERBOSE" // 1 or true: as --verbose
	logDirEnv  = "OPENML_DASH_LOG_DIR" // the log file's folder
)

const (
	logName    = "openml-dash.log"
	maxLogSize = 5 << 20
	// logTime is hclog's time format, which the host's lines carry.
	logTime = "2006-01-02T15:04:05.000Z0700"
)

func verboseFromEnv() bool {
	v, err := strconv.ParseBool(os.Getenv(verboseEnv))
	return err == nil && v
}

// logPath is the log file: in $OPENML_DASH_LOG_DIR (~ is the home
// folder), else in os.UserCacheDir()/openml-dash/logs.
func logPath() (string, error) {
	if dir := os.Getenv(logDirEnv); dir != "" {
		return filepath.Join(userpath.Expand(dir), logName), nil
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no log file: %w (set %s)", err, logDirEnv)
	}
	return filepath.Join(dir, "openml-dash", "logs", logName), nil
}

// logFile appends what the host logs to the log file, so that a window
// started with no console (a Windows GUI build) still leaves a trail. It
// opens the file at the first line, so a run that logs nothing leaves no
// file, and moves a file over maxLogSize to <file>.1, replacing the one
// before. Writes never fail: a log that cannot be written is reported
// once on stderr and dropped, as a broken log must not stop the app.
type logFile struct {
	path    string // "" when there is no log file
	command string // for the line that starts each run's part
	stderr  io.Writer

	mu     sync.Mutex
	f      *os.File
	size   int64
	broken bool
}

func openLog(command string, stderr io.Writer) *logFile {
	path, err := logPath()
	if err != nil {
		fmt.Fprintln(stderr, "openml-dash:", err)
	}
	return &logFile{path: path, command: command, stderr: stderr}
}

func (l *logFile) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.path == "" || l.broken {
		return len(p), nil
	}
	if l.f == nil || l.size >= maxLogSize {
		if err := l.open(); err != nil {
			l.fail(err)
			return len(p), nil
		}
	}
	n, err := l.f.Write(p)
	l.size += int64(n)
	if err != nil {
		l.fail(err)
	}
	return len(p), nil
}

// open opens the log file for appending, after moving it to .1 if it is
// too big. l.mu must be held.
func (l *logFile) open() error {
	if l.f != nil {
		l.f.Close()
		l.f = nil
	}
	dir := filepath.Dir(l.path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if os.Getenv(logDirEnv) == "" {
		// The logs sit in the default cache folder: mark it as the cache
		// does, so `openml-dash cache` still takes it for one.
		_ = fetch.MarkCacheRoot(filepath.Dir(dir))
	}
	if st, err := os.Stat(l.path); err == nil && st.Size() >= maxLogSize {
		// Another openml-dash may hold the file open (on Windows, the
		// rename then fails): it is then appended to a while longer.
		_ = os.Rename(l.path, l.path+".1")
	}
	f, err := os.OpenFile(l.path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return err
	}
	l.f, l.size = f, st.Size()
	n, _ := fmt.Fprintf(f, "%s [INFO]  openml-dash: started: version=%s command=%s pid=%d\n",
		time.Now().Format(logTime), appVersion(), l.command, os.Getpid())
	l.size += int64(n)
	return nil
}

func (l *logFile) fail(err error) {
	l.broken = true
	fmt.Fprintf(l.stderr, "openml-dash: cannot write the log file %s: %v\n", l.path, err)
}

// logError records the error a run ends with, which main prints on
// stderr, in the log file alone.
func (l *logFile) logError(err error) {
	fmt.Fprintf(l, "%s [ERROR] openml-dash: %v\n", time.Now().Format(logTime), err)
}

// Close closes the file; a later line opens it again.
func (l *logFile) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	return err
}

// teeWriter writes each line to every writer, whatever each answers: a
// Windows GUI build has no stderr, and the log file must still get it.
type teeWriter []io.Writer

func (t teeWriter) Write(p []byte) (int, error) {
	for _, w := range t {
		_, _ = w.Write(p)
	}
	return len(p), nil
}
