// Package pluginhost runs the openml-dash plugins: it finds their binaries,
// starts each as a subprocess speaking gRPC through hashicorp/go-plugin,
// asks each for its manifest, and keeps them answering. A plugin that
// crashes is restarted on the next call, with exponential backoff and a
// limit, and so is one that dies while starting; one that hangs (a call
// over CallTimeout of its own time, its waits for the host left out) is
// killed and restarted. Either way only that plugin's tabs fail, with an
// *Error the UI can word, while the other plugins keep working.
//
// Plugins start with an allow-listed environment (the search path, home,
// temporary folders, user and locale): no API key or other secret the user
// keeps in the environment reaches them.
//
// The command must call Manager.Close before it exits, including on
// SIGINT and SIGTERM (Close is safe from a signal-handling goroutine). On
// Linux a plugin also dies with a host that is killed outright.
package pluginhost

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/openml-dash/openml-dash/sdk"
)

// Options configures a Manager. Zero fields take the defaults given.
type Options struct {
	// Dirs are the folders searched for plugin binaries, in priority
	// order; see DefaultDirs.
	Dirs []string
	// Host is served to every plugin: Fetch, Progress and Log. Without
	// one, plugins' fetches fail and their log lines go to Log.
	Host sdk.Host
	// Log receives pluginhost's warnings and every plugin's stderr, each
	// line prefixed with the plugin's name. Default os.Stderr. Logger
	// writes there too, for the host's own lines.
	Log io.Writer
	// Verbose logs debug lines as well: plugin starts and stops, the time
	// each Layout and Callback took, go-plugin's own debug lines, and
	// plugins' Host.Log lines at LogDebug (see LogPlugin).
	Verbose bool
	// CallTimeout bounds each Layout and Callback in the plugin's own
	// time: while the plugin waits for Host (a Fetch from a slow server),
	// its clock stands still. A plugin over it is taken as hung. Default
	// 60s.
	CallTimeout time.Duration
	// StartTimeout bounds a plugin's handshake, and then its Describe.
	// Default 10s.
	StartTimeout time.Duration
	// MaxRestarts is how many times a plugin that crashed (or hung) is
	// restarted within RestartWindow; one more failure and it is given up.
	// Default 3; negative means never restart.
	MaxRestarts int
	// RestartWindow is the period over which failures are counted.
	// Default 1 minute.
	RestartWindow time.Duration
	// Backoff is the delay before the first restart after a failure; it
	// doubles with each failure in the window, up to 5s (or Backoff, if
	// longer). Default 200ms.
	Backoff time.Duration
	// ManifestCache is a file that remembers each plugin's manifest
	// across runs. A plugin whose binary has not changed since is not run
	// by Start: it starts on its first call (or StartIdle), so a page
	// waits for its own plugins only. "" runs every plugin in Start.
	ManifestCache string
}

const (
	defaultCallTimeout   = 60 * time.Second
	defaultStartTimeout  = 10 * time.Second
	defaultMaxRestarts   = 3
	defaultRestartWindow = time.Minute
	defaultBackoff       = 200 * time.Millisecond
	maxBackoff           = 5 * time.Second

	// exitWait is how long a call whose connection broke waits for the
	// plugin process to be reaped, to report its exit status.
	exitWait = 2 * time.Second
	// killGrace is how long go-plugin's Kill (a graceful stop, then a kill
	// after 2s) may take before the whole process group is killed.
	killGrace = 3 * time.Second
)

func (o Options) withDefaults() Options {
	if o.Log == nil {
		o.Log = os.Stderr
	}
	if o.CallTimeout <= 0 {
		o.CallTimeout = defaultCallTimeout
	}
	if o.StartTimeout <= 0 {
		o.StartTimeout = defaultStartTimeout
	}
	switch {
	case o.MaxRestarts == 0:
		o.MaxRestarts = defaultMaxRestarts
	case o.MaxRestarts < 0:
		o.MaxRestarts = 0
	}
	if o.RestartWindow <= 0 {
		o.RestartWindow = defaultRestartWindow
	}
	if o.Backoff <= 0 {
		o.Backoff = defaultBackoff
	}
	return o
}

// Manager runs the plugins found in Options.Dirs. Its methods are safe for
// concurrent use.
type Manager struct {
	opts Options
	out  *lockedWriter
	log  hclog.Logger
	done chan struct{} // closed by Close: ends backoff waits

	closed    atomic.Bool // set under mu
	closeOnce sync.Once

	manifests *manifestCache

	mu       sync.Mutex
	started  bool
	all      []*Plugin // every plugin ever started, for Close
	running  []*Plugin
	failures []error
	// inflight counts process launches and background kills; Add only
	// through begin, so no Add races Close's Wait.
	inflight sync.WaitGroup
}

// New returns a Manager; Start starts its plugins.
func New(opts Options) *Manager {
	opts = opts.withDefaults()
	out := &lockedWriter{w: opts.Log}
	level := hclog.Warn
	if opts.Verbose {
		level = hclog.Debug
	}
	m := &Manager{
		opts: opts,
		out:  out,
		log:  hclog.New(&hclog.LoggerOptions{Name: "pluginhost", Output: out, Level: level}),
		done: make(chan struct{}),
	}
	if m.opts.Host == nil {
		m.opts.Host = logOnlyHost{m.log}
	}
	return m
}

// Start discovers the plugins and starts them all in parallel, asking each
// for its manifest. A plugin whose process ends while starting (it crashed,
// or was killed) is started again as after a crash, with the same backoff
// and limit. A plugin that fails to start is left out of Plugins and
// recorded in Failures. Start fails only when no folder could be read at
// all, or when called twice or after Close.
func (m *Manager) Start(ctx context.Context) error {
	bins, derr := Discover(m.opts.Dirs)
	if derr != nil && len(bins) == 0 {
		return derr
	}
	m.mu.Lock()
	if m.started || m.closed.Load() {
		m.mu.Unlock()
		return errors.New("pluginhost: Start called twice, or after Close")
	}
	m.started = true
	if derr != nil {
		m.failures = append(m.failures, derr)
	}
	if len(bins) == 0 {
		m.failures = append(m.failures, m.noPlugins())
	}
	m.manifests = loadManifests(m.opts.ManifestCache)
	plugins := make([]*Plugin, len(bins))
	for i, b := range bins {
		plugins[i] = &Plugin{m: m, bin: b}
	}
	m.all = plugins
	m.mu.Unlock()

	errs := make([]error, len(plugins))
	var wg sync.WaitGroup
	for i, p := range plugins {
		if manifest, ok := m.manifests.lookup(p.bin); ok {
			p.manifest = manifest // known: it starts when first needed
			m.log.Debug("plugin known, not started yet", "plugin", p.bin.Name, "kinds", manifest.Kinds)
			continue
		}
		wg.Go(func() { errs[i] = p.start(ctx) })
	}
	wg.Wait()
	m.saveManifests()

	m.mu.Lock()
	defer m.mu.Unlock()
	for i, p := range plugins {
		p.startErr = errs[i]
		if errs[i] != nil {
			m.log.Warn(errs[i].Error())
			m.failures = append(m.failures, errs[i])
			continue
		}
		m.running = append(m.running, p)
	}
	slices.SortFunc(m.running, func(a, b *Plugin) int { return strings.Compare(a.bin.Name, b.bin.Name) })
	return nil
}

// StartIdle starts, in the background, every plugin that Start left to
// its first call: a window calls it once its first page shows, so that
// the next pages find their plugins running.
func (m *Manager) StartIdle(ctx context.Context) {
	for _, p := range m.Plugins() {
		p.mu.Lock()
		idle := p.inst == nil && p.starting == nil && p.gaveUp == "" && len(p.failures) == 0
		p.mu.Unlock()
		if idle && m.begin() {
			go func() {
				defer m.inflight.Done()
				if _, err := p.current(ctx, "start"); err != nil && !errors.Is(err, ErrClosed) {
					m.log.Warn(err.Error())
				}
			}()
		}
	}
}

// saveManifests writes the manifest cache if a plugin's manifest is new.
func (m *Manager) saveManifests() {
	if err := m.manifests.save(); err != nil {
		m.log.Debug("the plugins' manifests could not be remembered; all start eagerly next time", "file", m.opts.ManifestCache, "error", err)
	}
}

func (m *Manager) noPlugins() error {
	where := "beside openml-dash"
	if dir, err := UserPluginDir(); err == nil {
		where += " or in " + dir
	}
	return &Error{Op: "start", Kind: Start, Err: ErrNoPlugins, msg: fmt.Sprintf(
		"no openml-dash plugins found in %s: install the plugins (programs named %s, or Python plugins named %[2]s%s) %s",
		strings.Join(m.opts.Dirs, ", "), BinaryPrefix+"<name>", pyzSuffix, where)}
}

// Plugins lists the plugins that started, by name. A plugin that crashed
// since stays listed: its calls restart it or report why they cannot.
func (m *Manager) Plugins() []*Plugin {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.running)
}

// Logger is where the Manager logs, on Options.Log at the level Options.Verbose
// sets: the host's own lines go through it too (with ResetNamed), so that
// one lock orders every line and one level filters them.
func (m *Manager) Logger() hclog.Logger { return m.log }

// Info is what `openml-dash --version` shows of a plugin binary found:
// what the plugin said about itself, or why it did not start.
type Info struct {
	Name string
	Path string
	// Manifest is zero when Err is set.
	Manifest sdk.Manifest
	// Err is why Start could not start the plugin.
	Err error
}

// Info lists every plugin binary Start found, running or not, by name.
// Failures not tied to one binary (a folder that could not be read, no
// plugin at all) are in Failures only.
func (m *Manager) Info() []Info {
	m.mu.Lock()
	all := slices.Clone(m.all)
	errs := make([]error, len(all))
	for i, p := range all {
		errs[i] = p.startErr
	}
	m.mu.Unlock()
	infos := make([]Info, len(all))
	for i, p := range all {
		infos[i] = Info{Name: p.bin.Name, Path: p.bin.Path, Err: errs[i]}
		if errs[i] == nil {
			infos[i].Manifest = p.Manifest()
		}
	}
	slices.SortFunc(infos, func(a, b Info) int { return strings.Compare(a.Name, b.Name) })
	return infos
}

// Failures lists why plugins (or plugin folders) could not be started,
// each an error written for the user, mostly *Error of kind Start.
func (m *Manager) Failures() []error {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.failures)
}

// ForKind lists the plugins whose manifest lists k: highest
// Manifest.Order first, then by name.
func (m *Manager) ForKind(k sdk.Kind) []*Plugin {
	var out []*Plugin
	for _, p := range m.Plugins() {
		if slices.Contains(p.Manifest().Kinds, k) {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b *Plugin) int {
		if oa, ob := a.Manifest().Order, b.Manifest().Order; oa != ob {
			return ob - oa
		}
		return strings.Compare(a.bin.Name, b.bin.Name)
	})
	return out
}

// Close kills every plugin process and waits until they are gone. Calls
// in flight or made later fail with ErrClosed. Close is idempotent and
// safe to call from any goroutine, such as a signal handler's.
func (m *Manager) Close() {
	m.closeOnce.Do(func() {
		m.mu.Lock()
		m.closed.Store(true)
		close(m.done)
		plugins := slices.Clone(m.all)
		m.mu.Unlock()

		var wg sync.WaitGroup
		for _, p := range plugins {
			if inst := p.detach(); inst != nil {
				wg.Go(func() { inst.teardown(false) })
			}
		}
		wg.Wait()
		m.inflight.Wait()
	})
}

// begin counts a launch or a kill in flight, unless the Manager is closed.
func (m *Manager) begin() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed.Load() {
		return false
	}
	m.inflight.Add(1)
	return true
}

// teardownAsync kills a failed instance without holding up the call that
// found it failed; Close waits for it.
func (m *Manager) teardownAsync(inst *instance, force bool) {
	if !m.begin() {
		inst.teardown(force)
		return
	}
	go func() {
		defer m.inflight.Done()
		inst.teardown(force)
	}()
}

// logOnlyHost stands in for a missing Options.Host: plugins still get a
// broker connection, their fetches fail plainly, their logs are kept.
type logOnlyHost struct{ log hclog.Logger }

func (h logOnlyHost) Fetch(context.Context, sdk.FetchRequest) (*sdk.FetchResponse, error) {
	return nil, &sdk.FetchError{Code: sdk.FetchUnavailable, Message: "openml-dash started this plugin without a fetch service"}
}

func (h logOnlyHost) Progress(context.Context, string, int64, int64) {}

func (h logOnlyHost) Log(ctx context.Context, level sdk.LogLevel, msg string) {
	LogPlugin(ctx, h.log, level, msg)
}
