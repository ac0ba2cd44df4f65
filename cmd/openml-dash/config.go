package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	hostconfig "github.com/openml-dash/openml-dash/host/config"
	"github.com/openml-dash/openml-dash/host/dashboard"
	"github.com/openml-dash/openml-dash/host/pluginhost"
	"github.com/openml-dash/openml-dash/internal/userpath"
)

// config is everything the command line says, with the server, API key
// and cache folder resolved against the environment and the openml-python
// config file (host/config).
type config struct {
	server     string
	cacheDir   string
	settings   *hostconfig.Settings
	mirror     string
	record     string // the mirror command's --out
	targetAttr string
	plugins    stringList
	timeout    time.Duration
	verbose    bool
	version    bool // the window's --version
	out        string
	width      int
	height     int
	cpuProfile string // render's --cpuprofile
	charts     bool   // render's --charts
	args       []string
	// log receives the host's and the plugins' log lines: stderr and the
	// log file (see openLog). Set by run.
	log io.Writer
}

type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// A command is the window or a subcommand, for parsing and for --help.
type command struct {
	name     string // as typed; "openml-dash" is the window
	synopsis string
	does     string
	// flags adds the command's own flags; every command but cache also
	// takes pageFlags.
	flags func(*flag.FlagSet, *config)
}

const window = "openml-dash"

var commands = []command{
	{window, "openml-dash [flags] [URL]", "open a window on URL (default: the last page open, first the demo)", windowFlags},
	{"render", "openml-dash render [flags] URL --out DIR", "write DIR/page.json and one PNG per tab, no window", renderFlags},
	{"mirror", "openml-dash mirror [flags] URL... --out DIR", "save what the pages need into DIR, to open later with --mirror DIR", mirrorFlags},
	{"cache", "openml-dash cache [--cache-dir DIR] [clear]", "show the cache's folder and size, or empty it", cacheFlags},
	{"version", "openml-dash version [flags]", "print the versions of openml-dash, Go and each plugin", nil},
}

func findCommand(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// pageFlags are the flags of every command that opens pages or starts
// the plugins: the window, render, mirror and version.
func pageFlags(fs *flag.FlagSet, cfg *config) {
	fs.StringVar(&cfg.server, "server", "", "OpenML API base `URL`, as openml-python's server setting (default: $"+hostconfig.EnvServer+", the openml-python config, then "+hostconfig.DefaultServer+")")
	cacheFlags(fs, cfg)
	fs.StringVar(&cfg.mirror, "mirror", "", "answer from `DIR`, a folder laid out by URL path (e.g. ../shared/openml/www), instead of the network (default: none, use the server)")
	fs.StringVar(&cfg.targetAttr, "target", "", "the target attribute `NAME` of a local data file (default: its last attribute)")
	fs.Var(&cfg.plugins, "plugins", "an extra plugins folder `DIR`, repeatable (default: none; the folder openml-dash is in and "+userPluginDir()+" are always searched)")
	fs.DurationVar(&cfg.timeout, "timeout", 2*time.Minute, "how long a page may take to build before its unfinished parts are reported, and how long each plugin call may take of the plugin's own time (waits for downloads do not count) before the plugin is taken as hung and restarted")
	fs.BoolVar(&cfg.verbose, "verbose", verboseFromEnv(), "log debug lines (fetches, cache hits, plugin starts and call timings, plugins' debug lines) to stderr and the log file (default: $"+verboseEnv+"; without it, only warnings and errors are logged)")
}

func windowFlags(fs *flag.FlagSet, cfg *config) {
	fs.BoolVar(&cfg.version, "version", false, "print the versions of openml-dash, Go and each plugin, and exit (as openml-dash version)")
}

func renderFlags(fs *flag.FlagSet, cfg *config) {
	fs.StringVar(&cfg.out, "out", "", "write page.json and the tab images into `DIR` (required)")
	fs.IntVar(&cfg.width, "width", 1280, "image width in pixels")
	fs.IntVar(&cfg.height, "height", 900, "image height in pixels")
	fs.BoolVar(&cfg.charts, "charts", false, "also write each chart alone as PNG and SVG into DIR/charts (default: off; it draws every chart a second time)")
	fs.StringVar(&cfg.cpuProfile, "cpuprofile", "", "write the host's CPU profile of the whole render to `FILE`, for go tool pprof (default: none)")
}

func mirrorFlags(fs *flag.FlagSet, cfg *config) {
	fs.StringVar(&cfg.out, "out", "", "write every answer the pages need into `DIR`, laid out by URL path (required)")
}

func cacheFlags(fs *flag.FlagSet, cfg *config) {
	fs.StringVar(&cfg.cacheDir, "cache-dir", "", "cache folder `DIR` (default: $"+hostconfig.EnvCacheDir+", the openml-python config's cachedir, then the user cache folder)")
}

// flagSet holds the flags of cmd, which set cfg. It prints nothing: run
// prints the help, and main the error.
func (cmd command) flagSet(cfg *config) *flag.FlagSet {
	fs := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	if cmd.name != "cache" {
		pageFlags(fs, cfg)
	}
	if cmd.flags != nil {
		cmd.flags(fs, cfg)
	}
	return fs
}

// helpCommand is what to type for cmd's help.
func (cmd command) helpCommand() string {
	if cmd.name == window {
		return "openml-dash --help"
	}
	return "openml-dash " + cmd.name + " --help"
}

func userPluginDir() string {
	dir, err := pluginhost.UserPluginDir()
	if err != nil {
		return "the per-user plugins folder"
	}
	return dir
}

// parseConfig reads the flags and URLs of cmd. -h and --help come back
// as flag.ErrHelp.
func parseConfig(cmd command, args []string) (*config, error) {
	cfg := &config{}
	fs := cmd.flagSet(cfg)
	// Flags may come before or after the URL.
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, fmt.Errorf("%w (%s lists the flags)", err, cmd.helpCommand())
		}
		if fs.NArg() == 0 {
			break
		}
		cfg.args = append(cfg.args, fs.Arg(0))
		args = fs.Args()[1:]
	}
	switch {
	case len(cfg.args) > 0 && (cmd.name == "version" || cfg.version):
		return nil, fmt.Errorf("version takes no URL, got %s", strings.Join(cfg.args, " "))
	case len(cfg.args) > 1 && cmd.name != "mirror" && cmd.name != "cache":
		return nil, fmt.Errorf("one URL at a time, got %d: %s", len(cfg.args), strings.Join(cfg.args, " "))
	}
	return cfg, nil
}

// resolve settles the server, API key and cache folder, and makes
// --mirror absolute. Lines of the openml-python config that were skipped
// are logged.
func (cfg *config) resolve(stderr io.Writer) error {
	in := hostconfig.Input{}
	in.Flags.Server, in.Flags.CacheDir = cfg.server, cfg.cacheDir
	settings, err := hostconfig.Resolve(in)
	if err != nil {
		return err
	}
	for _, w := range settings.Warnings {
		fmt.Fprintln(stderr, "openml-dash:", w)
	}
	cfg.settings, cfg.server = settings, settings.Server
	cfg.expandHome()
	if cfg.mirror != "" {
		abs, err := filepath.Abs(cfg.mirror)
		if err != nil {
			return err
		}
		cfg.mirror = abs
	}
	return nil
}

// expandHome reads a leading ~ in the folders and files the flags name,
// as a shell does not in --out=~/x or a quoted path. The cache folder is
// host/config's to resolve.
func (cfg *config) expandHome() {
	for _, p := range []*string{&cfg.mirror, &cfg.out, &cfg.cpuProfile} {
		*p = userpath.Expand(*p)
	}
	for i, dir := range cfg.plugins {
		cfg.plugins[i] = userpath.Expand(dir)
	}
}

func (c *config) dashboard(log io.Writer) dashboard.Config {
	return dashboard.Config{
		Server:     c.server,
		APIKey:     c.settings.APIKey,
		CacheDir:   c.settings.CacheDir,
		Record:     c.record,
		Target:     c.targetAttr,
		Mirror:     c.mirror,
		PluginDirs: pluginhost.DefaultDirs(c.plugins...),
		Log:        log,
		Verbose:    c.verbose,
		// A mirror folder that names no server holds the answers of the
		// server --server names; without it, those of the first page's.
		MirrorServer: c.mirrorServer(),
		// --timeout bounds each plugin call, Layout and callbacks alike,
		// counting the plugin's own time, not its waits for the server.
		CallTimeout:   c.timeout,
		ManifestCache: manifestCachePath(),
	}
}

// manifestCachePath is where the plugins' manifests are remembered: in
// the user's cache folder, whatever folder OpenML answers are kept in
// (it may be openml-python's). "" when there is no user cache folder.
func manifestCachePath() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "openml-dash", "plugins.json")
}

// mirrorServer is the server --server names, or "" when it was not given.
func (c *config) mirrorServer() string {
	if c.settings == nil || c.settings.Sources["server"] != hostconfig.FromFlag {
		return ""
	}
	return c.server
}

// target is the page to open: the URL given, else "" (the window reopens
// the last page, or the built-in demo on first start).
func (c *config) target() string {
	if len(c.args) == 0 {
		return ""
	}
	return c.args[0]
}
