package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	hostconfig "github.com/openml-dash/openml-dash/host/config"
	"github.com/openml-dash/openml-dash/host/dashboard"
	"github.com/openml-dash/openml-dash/host/pluginhost"
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
	out        string
	width      int
	height     int
	args       []string
}

type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func parseConfig(name string, args []string, stderr io.Writer) (*config, error) {
	cfg := &config{}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	fs.StringVar(&cfg.server, "server", "", "OpenML API base URL, as openml-python's server setting (default: $"+hostconfig.EnvServer+", the openml-python config, then "+hostconfig.DefaultServer+")")
	fs.StringVar(&cfg.cacheDir, "cache-dir", "", "cache folder (default: $"+hostconfig.EnvCacheDir+", the openml-python config's cachedir, then the user cache folder)")
	fs.StringVar(&cfg.mirror, "mirror", "", "answer from this folder laid out by URL path (e.g. ../shared/openml/www) instead of the network")
	fs.StringVar(&cfg.targetAttr, "target", "", "the target attribute of a local data file (default: its last attribute)")
	fs.Var(&cfg.plugins, "plugins", "an extra folder of plugin binaries (repeatable)")
	fs.DurationVar(&cfg.timeout, "timeout", 2*time.Minute, "how long a page may take to build before its unfinished parts are reported")
	if name == "mirror" {
		fs.StringVar(&cfg.out, "out", "", "folder to write every answer the pages need into, laid out by URL path (required)")
	}
	if name == "render" {
		fs.StringVar(&cfg.out, "out", "", "folder to write page.json and the tab images into (required)")
		fs.IntVar(&cfg.width, "width", 1280, "image width in pixels")
		fs.IntVar(&cfg.height, "height", 900, "image height in pixels")
	}
	// Flags may come before or after the URL.
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, errors.New("help requested")
			}
			return nil, err
		}
		if fs.NArg() == 0 {
			break
		}
		cfg.args = append(cfg.args, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(cfg.args) > 1 && name != "mirror" {
		return nil, fmt.Errorf("one URL at a time, got %d: %s", len(cfg.args), strings.Join(cfg.args, " "))
	}
	in := hostconfig.Input{}
	in.Flags.Server, in.Flags.CacheDir = cfg.server, cfg.cacheDir
	settings, err := hostconfig.Resolve(in)
	if err != nil {
		return nil, err
	}
	for _, w := range settings.Warnings {
		fmt.Fprintln(stderr, "openml-dash:", w)
	}
	cfg.settings, cfg.server = settings, settings.Server
	if cfg.mirror != "" {
		abs, err := filepath.Abs(cfg.mirror)
		if err != nil {
			return nil, err
		}
		cfg.mirror = abs
	}
	return cfg, nil
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
	}
}

// target is the page to open: the URL given, else the built-in demo.
func (c *config) target() string {
	if len(c.args) == 0 {
		return "demo"
	}
	return c.args[0]
}
