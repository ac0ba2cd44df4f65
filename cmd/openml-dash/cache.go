package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/openml-dash/openml-dash/host/fetch"
)

// runCache shows where the cache is and how big, or clears it. cfg.args
// holds the action, if any.
func runCache(cfg *config, stdout io.Writer) error {
	action := ""
	switch len(cfg.args) {
	case 0:
	case 1:
		action = cfg.args[0]
	default:
		return fmt.Errorf("cache: one action at a time, got %s", strings.Join(cfg.args, " "))
	}
	s := cfg.settings
	switch action {
	case "":
		files, bytes, err := fetch.CacheUsage(s.CacheDir)
		if err != nil {
			return fmt.Errorf("cache %s: %w", s.CacheDir, err)
		}
		fmt.Fprintf(stdout, "cache: %s (%s)\n%d files, %s\n", s.CacheDir, s.Sources["cachedir"], files, humanBytes(bytes))
	case "clear":
		_, bytes, _ := fetch.CacheUsage(s.CacheDir)
		if err := fetch.ClearCache(s.CacheDir); err != nil {
			return fmt.Errorf("clear the cache %s: %w", s.CacheDir, err)
		}
		fmt.Fprintf(stdout, "cleared %s from %s\n", humanBytes(bytes), s.CacheDir)
	default:
		return fmt.Errorf("cache: unknown action %q; use `openml-dash cache` to show it or `openml-dash cache clear` to empty it", action)
	}
	return nil
}

func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
