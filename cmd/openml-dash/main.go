// Command openml-dash opens OpenML datasets, tasks, flows and runs from
// their URL as interactive dashboards, in a window or headless.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/openml-dash/openml-dash/internal/hugeheap"
)

func main() {
	hugeheap.Enable()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "openml-dash:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	cmd, _ := findCommand(window)
	if len(args) > 0 {
		switch args[0] {
		case "help", "-h", "-help", "--help":
			if len(args) > 1 {
				if c, ok := findCommand(args[1]); ok {
					cmd = c
				}
			}
			printHelp(stdout, cmd)
			return nil
		}
		if c, ok := findCommand(args[0]); ok && c.name != window {
			cmd, args = c, args[1:]
		}
	}
	cfg, err := parseConfig(cmd, args)
	if errors.Is(err, flag.ErrHelp) {
		printHelp(stdout, cmd)
		return nil
	}
	if err != nil {
		return err
	}
	if cfg.version {
		cmd, _ = findCommand("version")
	}

	logs := openLog(cmd.name, stderr)
	defer logs.Close()
	defer func() {
		if err != nil {
			logs.logError(err)
		}
	}()
	cfg.log = teeWriter{logs, stderr}
	if err := cfg.resolve(cfg.log); err != nil {
		return err
	}
	switch cmd.name {
	case "render":
		return runRender(ctx, cfg, stdout, stderr)
	case "mirror":
		return runMirror(ctx, cfg, stdout, stderr)
	case "cache":
		return runCache(cfg, stdout)
	case "version":
		// Plugins that do not start are listed on stdout: the log alone
		// keeps the warnings.
		return runVersion(ctx, cfg, logs, stdout)
	}
	return runWindow(ctx, cfg, cfg.log)
}
