package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	hostconfig "github.com/openml-dash/openml-dash/host/config"
	"github.com/openml-dash/openml-dash/host/pluginhost"
)

const urlHelp = `
URL is any OpenML page or API address or short form: https://www.openml.org/d/61,
openml.org/search?type=data&id=61, d/61, t/59, f/5270, r/539275, api/v1/xml/data/61,
https://test.openml.org/d/1, or "demo" for the built-in demo (no network needed).
Studies and benchmark suites: s/99, openml.org/search?type=benchmark&id=99.
Overviews: openml.org/search?type=data (task, flow, run). Runs side by side:
r/539275,572944.
A path to a local ARFF, parquet or CSV file opens its data page with no server
(--target NAME picks the target; default: the last attribute).
`

// printHelp writes the help of cmd: its usage and every flag with its
// default. The window's help covers every command.
func printHelp(w io.Writer, cmd command) {
	if cmd.name != window {
		fmt.Fprintf(w, "usage: %s\n  %s\n\nflags:\n", cmd.synopsis, cmd.does)
		printFlags(w, cmd.flagSet(&config{}))
		printFooter(w)
		return
	}
	fmt.Fprint(w, "openml-dash: OpenML dashboards on the desktop\n\nusage:\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, c := range commands {
		fmt.Fprintf(tw, "  %s\t%s\n", c.synopsis, c.does)
	}
	tw.Flush()
	fmt.Fprint(w, urlHelp)
	fmt.Fprint(w, "\nflags of the window, render, mirror and version:\n")
	printFlags(w, flagsOf(pageFlags))
	for _, c := range commands {
		switch {
		case c.flags == nil:
		case c.name == "cache":
			fmt.Fprint(w, "\nflags of cache:\n")
			printFlags(w, flagsOf(c.flags))
		case c.name == window:
			fmt.Fprint(w, "\nthe window also takes:\n")
			printFlags(w, flagsOf(c.flags))
		default:
			fmt.Fprintf(w, "\n%s also takes:\n", c.name)
			printFlags(w, flagsOf(c.flags))
		}
	}
	printFooter(w)
}

func flagsOf(add func(*flag.FlagSet, *config)) *flag.FlagSet {
	fs := flag.NewFlagSet("", flag.ContinueOnError)
	add(fs, &config{})
	return fs
}

// printFlags prints every flag of fs with its default.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.SetOutput(w)
	fs.PrintDefaults()
}

func printFooter(w io.Writer) {
	fmt.Fprintf(w, `
environment:
  $%s, $%s, $%s
      the server, API key and cache folder: after the flags, before the
      openml-python config (%s)
  $%s=1  as --verbose
  $%s    the log file's folder
  $%s     the Python that runs .pyz plugins, a path or a command name
      (default: py.exe -3, else python.exe, on Windows; python3 elsewhere)
  A path in a flag or variable may start with ~/ (or ~\ on Windows): the home folder.

log file: %s
  warnings and errors, and debug lines with --verbose; the one before is kept as %s.1
`, hostconfig.EnvServer, hostconfig.EnvAPIKey, hostconfig.EnvCacheDir, hostconfig.PythonConfigPath(os.Getenv),
		verboseEnv, logDirEnv, pluginhost.PythonEnv, logPathText(), logName)
}
