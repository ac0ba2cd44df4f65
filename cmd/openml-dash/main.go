// Command openml-dash opens OpenML datasets, tasks, flows and runs from
// their URL as interactive dashboards, in a window or headless.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "openml-dash:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "render":
			cfg, err := parseConfig("render", args[1:], stderr)
			if err != nil {
				return err
			}
			return runRender(ctx, cfg, stdout, stderr)
		case "mirror":
			cfg, err := parseConfig("mirror", args[1:], stderr)
			if err != nil {
				return err
			}
			return runMirror(ctx, cfg, stdout, stderr)
		case "cache":
			return runCache(args[1:], stdout, stderr)
		case "help", "-h", "-help", "--help":
			fmt.Fprint(stdout, usage)
			return nil
		}
	}
	cfg, err := parseConfig("openml-dash", args, stderr)
	if err != nil {
		return err
	}
	return runWindow(ctx, cfg, stderr)
}

const usage = `openml-dash: OpenML dashboards on the desktop

usage:
  openml-dash [flags] [URL]               open a window on URL (default: the built-in demo)
  openml-dash render [flags] URL --out DIR write DIR/page.json and one PNG per tab, no window
  openml-dash mirror [flags] URL... --out DIR   save what the pages need into DIR, to open later with --mirror DIR
  openml-dash cache [--cache-dir DIR] [clear]  show the cache's folder and size, or empty it

URL is any OpenML page or API address or short form: https://www.openml.org/d/61,
openml.org/search?type=data&id=61, d/61, t/59, f/5270, r/539275, api/v1/xml/data/61,
https://test.openml.org/d/1, or "demo" for the built-in demo (no network needed).
A path to a local ARFF, parquet or CSV file opens its data page with no server
(--target NAME picks the target; default: the last attribute).

flags:
`
