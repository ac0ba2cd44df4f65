package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/openml-dash/openml-dash/host/dashboard"
	"github.com/openml-dash/openml-dash/host/pluginhost"
)

// version is the app's version, set when building a release with
// -ldflags "-X main.version=v1.2.3". Without it, appVersion reads the
// module's version from the build information.
var version string

func appVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// runVersion prints the versions of openml-dash, Go and each plugin found
// (starting them as the window does), and where the log file is. A plugin
// that does not start is listed with the reason; that is no error.
func runVersion(ctx context.Context, cfg *config, log io.Writer, stdout io.Writer) error {
	fmt.Fprintf(stdout, "openml-dash %s\n%s %s/%s\nlog file: %s\n", appVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH, logPathText())
	dash, err := dashboard.Start(ctx, cfg.dashboard(log))
	if err != nil {
		return err
	}
	defer dash.Close()
	writePlugins(stdout, dash)
	return nil
}

// writePlugins lists each plugin found, with its version, the kinds it
// shows and its path, then those that did not start and why.
func writePlugins(stdout io.Writer, dash *dashboard.App) {
	infos := dash.PluginInfo()
	fmt.Fprintln(stdout, "plugins:")
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	for _, p := range infos {
		if p.Err == nil {
			kinds := make([]string, len(p.Manifest.Kinds))
			for i, k := range p.Manifest.Kinds {
				kinds[i] = k.String()
			}
			name := p.Name
			if p.Manifest.Name != p.Name {
				name += fmt.Sprintf(" (calls itself %q)", p.Manifest.Name)
			}
			fmt.Fprintf(tw, "  %s\t%s\tshows %s\t%s\n", name, p.Manifest.Version, strings.Join(kinds, ", "), p.Path)
		}
	}
	tw.Flush()
	for _, p := range infos {
		if p.Err == nil {
			continue
		}
		where := ""
		if !strings.Contains(p.Err.Error(), p.Path) {
			where = " (" + p.Path + ")"
		}
		fmt.Fprintf(stdout, "  %s did not start%s: %v\n", p.Name, where, p.Err)
	}
	for _, err := range dash.Failures() {
		if !slices.ContainsFunc(infos, func(p pluginhost.Info) bool { return errors.Is(err, p.Err) }) {
			fmt.Fprintf(stdout, "  %v\n", err)
		}
	}
}

// logPathText is the log file's path, or why there is none.
func logPathText() string {
	p, err := logPath()
	if err != nil {
		return err.Error()
	}
	return p
}
