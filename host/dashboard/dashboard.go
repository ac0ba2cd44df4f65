// Package dashboard opens pages: it starts the plugins, serves them the
// host's fetcher, asks every plugin for the entity's kind for its part of
// the page, and hands the parts to a session. The window and headless
// render both go through it; it holds no Fyne.
package dashboard

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/openml-dash/openml-dash/host/fetch"
	"github.com/openml-dash/openml-dash/host/pluginhost"
	"github.com/openml-dash/openml-dash/host/session"
	"github.com/openml-dash/openml-dash/sdk"
)

// Config says where pages come from.
type Config struct {
	// Server is the OpenML API base, e.g. "https://www.openml.org/api/v1/xml".
	Server string
	// Mirror, if set, answers every request from a folder laid out by URL
	// path, with no network.
	Mirror string
	APIKey string
	// MirrorServer is the API base a Mirror folder that does not name its
	// server holds (--server given with --mirror); "" means the server of
	// the first page opened. See fetch.Options.MirrorServer.
	MirrorServer string
	// CacheDir is the root of the on-disk cache; "" means fetch's default.
	CacheDir string
	// Record, if set, receives a copy of every answer, laid out by URL path
	// (a folder Mirror can later serve).
	Record string
	// Target is the default target attribute of a local data file; ""
	// means the plugin's choice (the last attribute).
	Target string
	// PluginDirs are searched for plugin binaries in order.
	PluginDirs []string
	// CallTimeout bounds each plugin call, Layout and every callback alike,
	// in the plugin's own time: the time a plugin waits for the host's
	// fetches (a slow server) does not count. A plugin past it is stopped,
	// and the part of the page it would have filled (its tabs for Layout,
	// a slot for a callback) says so. 0 means the pluginhost default.
	CallTimeout time.Duration
	// Log receives plugin and host log lines; default stderr. Without
	// Verbose, only warnings and errors (and whatever plugins print to
	// their stderr).
	Log io.Writer
	// Verbose logs debug lines too: every fetch (from the cache, the
	// server or the mirror, and how long it took), plugin starts and call
	// timings, and plugins' debug lines.
	Verbose bool
	// ManifestCache remembers the plugins' manifests across runs, so that
	// a page waits only for its own plugins to start; see
	// pluginhost.Options.ManifestCache. "" starts them all in Start.
	ManifestCache string
}

// Progress is reported while data downloads or plugins work.
type Progress struct {
	Label       string
	Done, Total int64 // Total -1 when unknown
}

// App is the running host: plugins started, fetcher ready.
type App struct {
	plugins *pluginhost.Manager
	host    *host
}

// Start starts the plugins found in cfg.PluginDirs: every one, or with a
// ManifestCache, those it does not know yet (the others start when a page
// needs them).
func Start(ctx context.Context, cfg Config) (*App, error) {
	if cfg.Log == nil {
		cfg.Log = os.Stderr
	}
	h := &host{mirror: cfg.Mirror != "", target: cfg.Target}
	h.fetch = fetch.New(fetch.Options{Server: cfg.Server, Mirror: cfg.Mirror, MirrorServer: cfg.MirrorServer, APIKey: cfg.APIKey,
		CacheDir: cfg.CacheDir, Record: cfg.Record, Warn: h.warn})
	m := pluginhost.New(pluginhost.Options{Dirs: cfg.PluginDirs, Host: h, Log: cfg.Log, Verbose: cfg.Verbose, CallTimeout: cfg.CallTimeout,
		ManifestCache: cfg.ManifestCache})
	// Set before Start: plugins call the host only once started.
	h.log = m.Logger().ResetNamed("host")
	h.log.Debug("starting", "server", fetch.Redact(cfg.Server), "mirror", cfg.Mirror, "cache", h.fetch.CacheDir(),
		"api-key", cfg.APIKey != "", "plugin-dirs", cfg.PluginDirs)
	if err := m.Start(ctx); err != nil {
		m.Close()
		return nil, err
	}
	return &App{plugins: m, host: h}, nil
}

// OnProgress sets where progress reports go (the status line, a terminal).
func (a *App) OnProgress(fn func(Progress)) { a.host.setProgress(fn) }

// OnWarning sets where the host's warnings also go (the window's status
// line); they are logged in any case.
func (a *App) OnWarning(fn func(string)) { a.host.setWarning(fn) }

// Plugins lists the running plugins.
func (a *App) Plugins() []*pluginhost.Plugin { return a.plugins.Plugins() }

// PluginInfo lists every plugin binary found, with its manifest or why it
// did not start (for --version).
func (a *App) PluginInfo() []pluginhost.Info { return a.plugins.Info() }

// Failures lists plugins that could not be started.
func (a *App) Failures() []error { return a.plugins.Failures() }

// StartIdle starts, in the background, the plugins not yet running (see
// Config.ManifestCache), so that later pages find them ready.
func (a *App) StartIdle(ctx context.Context) { a.plugins.StartIdle(ctx) }

// Logger is the host's logger, for a front end's own lines: they go where
// the host's go (Config.Log, debug lines only with Verbose).
func (a *App) Logger() hclog.Logger { return a.host.log }

// Close stops every plugin.
func (a *App) Close() { a.plugins.Close() }

// Open asks each plugin that shows ref's kind for its part of the page at
// once and returns the session as soon as the first (core) plugin's part
// is there: a part still being built (a plugin starting, such as a Python
// one, or a slow one) is Pending and arrives in the session when its
// plugin answers, so that the page shows without waiting for the slowest
// plugin. Wait covers the pending parts. Callbacks start with Start. Open
// fails when no plugin shows the kind or when the core plugin cannot
// build its part; a drop-in plugin's failure becomes an error notice on
// its tab.
func (a *App) Open(ctx context.Context, ref sdk.EntityRef, onChange func(session.Change)) (*session.Session, error) {
	plugins := a.plugins.ForKind(ref.Kind)
	if len(plugins) == 0 {
		return nil, a.noPluginError(ref)
	}
	type answer struct {
		i    int
		page *sdk.Page
		err  error
	}
	answers := make(chan answer, len(plugins))
	parts := make([]session.Part, len(plugins))
	for i, p := range plugins {
		parts[i] = session.Part{Plugin: p.Name(), Caller: p, Pending: true}
		go func() {
			page, err := p.Layout(ctx, ref)
			answers <- answer{i, page, err}
		}()
	}
	got := 0
	take := func(ans answer) {
		parts[ans.i].Page, parts[ans.i].Err, parts[ans.i].Pending = ans.page, ans.err, false
		got++
	}
	for parts[0].Pending {
		take(<-answers)
	}
	for more := true; more && got < len(parts); { // and what else is there by now
		select {
		case ans := <-answers:
			take(ans)
		default:
			more = false
		}
	}
	if err := parts[0].Err; err != nil {
		return nil, fmt.Errorf("cannot open %s: %w", ref, err)
	}
	// No session timeout: the plugins bound their calls, and a deadline
	// on the call would reach their fetches and count the server's time.
	sess := session.New(ref, parts, session.Options{OnChange: onChange, CallTimeout: -1})
	if got < len(parts) {
		go func() {
			for ; got < len(parts); got++ {
				ans := <-answers
				// An error means the session was given up on or closed.
				_ = sess.Arrive(ans.i, ans.page, ans.err)
			}
		}()
	}
	return sess, nil
}

func (a *App) noPluginError(ref sdk.EntityRef) error {
	var names []string
	for _, p := range a.plugins.Plugins() {
		names = append(names, p.Name())
	}
	msg := fmt.Sprintf("cannot open %s: no plugin shows %s pages", ref, ref.Kind)
	if len(names) > 0 {
		msg += " (running plugins: " + strings.Join(names, ", ") + ")"
	} else {
		msg += " (no plugins found: build them with make build, or pass --plugins DIR)"
	}
	if f := a.plugins.Failures(); len(f) > 0 {
		msg += "; plugins that failed to start: " + errors.Join(f...).Error()
	}
	return errors.New(msg)
}
