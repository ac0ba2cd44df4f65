package pluginhost

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/openml-dash/openml-dash/internal/wire"
)

// ErrorKind says why a plugin could not answer, so the UI can word the
// panel that replaces the plugin's tabs.
type ErrorKind uint8

// The kinds of *Error.
const (
	// Crash: the plugin process died or its connection broke during the
	// call. The next call restarts it.
	Crash ErrorKind = iota + 1
	// Timeout: the plugin did not answer in time. It was killed and the
	// next call restarts it.
	Timeout
	// GaveUp: the plugin crashed or hung MaxRestarts+1 times within
	// RestartWindow and is not restarted until openml-dash is.
	GaveUp
	// Start: the plugin binary could not be started or is not a working
	// openml-dash plugin.
	Start
)

func (k ErrorKind) String() string {
	switch k {
	case Crash:
		return "crash"
	case Timeout:
		return "timeout"
	case GaveUp:
		return "gave up"
	case Start:
		return "start"
	}
	return fmt.Sprintf("ErrorKind(%d)", uint8(k))
}

// Error is a failure of the plugin itself (it crashed, hung, or would not
// start), as opposed to an error the plugin returned, which Layout and
// Callback pass through unwrapped. Its message is written for the user.
type Error struct {
	// Plugin is the plugin's name (its binary's name without the prefix).
	Plugin string
	// Op is what was asked: "Layout", `Callback "dist"`, "start".
	Op   string
	Kind ErrorKind
	// Err is the cause: the exit status, context.DeadlineExceeded, or
	// go-plugin's own error.
	Err error

	msg string
	// died: the process ended (crashed, or was killed) while starting,
	// before it could be asked anything. Such a start is tried again under
	// the restart rule, as after a crash.
	died bool
}

func (e *Error) Error() string { return e.msg }

func (e *Error) Unwrap() error { return e.Err }

// ErrClosed is returned by calls made after Manager.Close.
var ErrClosed = errors.New("openml-dash is shutting down: its plugins are stopped")

// ErrNoPlugins is the cause of the Failures entry recorded when no plugin
// binary is found at all.
var ErrNoPlugins = errors.New("no openml-dash plugins found")

// seconds prints a timeout the way users say it ("60s", not "1m0s").
func seconds(d time.Duration) string {
	if d >= time.Second && d%time.Second == 0 {
		return fmt.Sprintf("%ds", d/time.Second)
	}
	return d.String()
}

func restartNote(n, max int) string {
	return fmt.Sprintf("restarting it (restart %d of %d)", n, max)
}

// These match go-plugin v1.8.0's start errors, which are not typed (see
// client.go Start and checkProtoVersion); the tests pin each of them, so
// a go-plugin upgrade that rewords one fails a test instead of a user.
var (
	reVersion      = regexp.MustCompile(`incompatible API version with plugin\. Plugin version: (\d+)`)
	reUnrecognized = regexp.MustCompile(`Unrecognized remote plugin message: ([^\n]*)`)
)

// startError explains why bin could not be started. exit is the process's
// exit status when it is known to have exited by itself.
func startError(bin Binary, err error, exit string, timeout time.Duration) *Error {
	e := &Error{Plugin: bin.Name, Op: "start", Kind: Start, Err: err}
	dir := filepath.Dir(bin.Path)
	notPlugin := func(why string) string {
		return fmt.Sprintf("%s is not an openml-dash plugin (%s): remove it from %s", bin.Path, why, dir)
	}
	msg := err.Error()
	switch {
	case reVersion.MatchString(msg):
		theirs, _ := strconv.Atoi(reVersion.FindStringSubmatch(msg)[1])
		fix := fmt.Sprintf("update openml-dash to use it, or install a version of the plugin built for protocol %d", wire.ProtocolVersion)
		if theirs < wire.ProtocolVersion {
			fix = "update the plugin (rebuild it with the current openml-dash SDK), or remove " + bin.Path
		}
		e.msg = fmt.Sprintf("plugin %q speaks protocol %d, this openml-dash speaks %d: %s", bin.Name, theirs, wire.ProtocolVersion, fix)
	case strings.Contains(msg, "timeout while waiting for plugin to start"):
		e.msg = notPlugin("no handshake within " + seconds(timeout))
	case reUnrecognized.MatchString(msg):
		line := strings.TrimSpace(reUnrecognized.FindStringSubmatch(msg)[1])
		// go-plugin adds this when stdout closed: the process ended.
		e.died = line == "" && strings.Contains(msg, "Failed to read any lines")
		switch {
		case line != "":
			e.msg = notPlugin(fmt.Sprintf("it printed %q instead of a handshake", truncate(line, 80)))
		case e.died:
			e.msg = diedStarting(bin, exit)
		default:
			e.msg = notPlugin("it printed no handshake")
		}
	case strings.Contains(msg, "plugin exited before we could connect"):
		e.died = true
		e.msg = diedStarting(bin, exit)
	case strings.Contains(msg, "unsupported plugin protocol"):
		e.msg = notPlugin("it speaks go-plugin net/rpc; openml-dash plugins speak gRPC")
	case strings.Contains(msg, "incompatible core API version"):
		e.msg = fmt.Sprintf("plugin %q was built with an incompatible go-plugin: rebuild it with the current openml-dash SDK, or remove %s", bin.Name, bin.Path)
	default:
		e.msg = fmt.Sprintf("cannot start plugin %q (%s): %v", bin.Name, bin.Path, err)
	}
	return e
}

// diedStarting words a process that ended before its handshake: a plugin
// that crashed or was killed while starting, or a program that is no
// plugin at all.
func diedStarting(bin Binary, exit string) string {
	if exit == "" {
		exit = "an error"
	}
	return fmt.Sprintf("plugin %q (%s) ended with %s before its handshake; its output is in the log. If it is not an openml-dash plugin, remove it from %s",
		bin.Name, bin.Path, exit, filepath.Dir(bin.Path))
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
