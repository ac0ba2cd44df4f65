package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/openml-dash/openml-dash/host/dashboard"
	"github.com/openml-dash/openml-dash/host/session"
	"github.com/openml-dash/openml-dash/plugins/data"
	"github.com/openml-dash/openml-dash/sdk"
)

// BenchmarkClick times what a user waits for after a click on the data
// page: an input set in the session, the callbacks it fires run in the
// real plugin processes, and their patches applied (drawing is the
// window's and is not in it). The page is the local ARFF file named by
// $OPENML_DASH_CLICK_FILE (scripts/bench-clicks.sh makes a 1M-row one);
// it reports, once, the peak memory of the host and of every plugin
// process.
//
//	OPENML_DASH_CLICK_FILE=out/bench/syn1m.arff go test ./cmd/openml-dash -run '^$' -bench Click -benchtime 5x
func BenchmarkClick(b *testing.B) {
	file := os.Getenv("OPENML_DASH_CLICK_FILE")
	if file == "" {
		b.Skip("set OPENML_DASH_CLICK_FILE to a data file (scripts/bench-clicks.sh makes one); there is no default file to time, not even under CI")
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	dash, err := dashboard.Start(ctx, dashboard.Config{PluginDirs: []string{coreDir}, CacheDir: b.TempDir(), CallTimeout: 5 * time.Minute})
	if err != nil {
		b.Fatal(err)
	}
	defer dash.Close()
	ref := sdk.LocalFileRef(abs)
	start := time.Now()
	sess, err := dash.Open(ctx, ref, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer sess.Close()
	sess.Start(ctx)
	if err := sess.Wait(ctx); err != nil {
		b.Fatal(err)
	}
	b.Logf("page ready (layout and every initial callback) in %s", time.Since(start).Round(time.Millisecond))

	numeric, nominal := features(b, sess)
	if len(numeric) < 3 || len(nominal) < 2 {
		b.Fatalf("the file needs 3 numeric and 2 nominal features, has %d and %d", len(numeric), len(nominal))
	}
	clicks := []struct {
		name string
		ref  sdk.PropRef
		vals []sdk.Value
	}{
		{"scatter-axis", sdk.Input(data.ScatterX, sdk.PropValue), []sdk.Value{sdk.StrValue(numeric[2]), sdk.StrValue(numeric[0])}},
		{"distribution-mode", sdk.Input(data.DistModeRadio, sdk.PropValue), []sdk.Value{sdk.StrValue(data.ModeIndividual), sdk.StrValue(data.ModeByTarget)}},
		{"feature-selection", sdk.Input(data.FeaturesTable, sdk.PropSelectedRows), []sdk.Value{sdk.IntsValue([]int64{0, 2, 4}), sdk.IntsValue([]int64{0, 1, 2, 3, 4})}},
		{"target", sdk.Input(data.TargetSelect, sdk.PropValue), []sdk.Value{sdk.StrValue(nominal[0]), sdk.StrValue(nominal[1])}},
	}
	for _, c := range clicks {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				if err := sess.Set(ctx, 0, c.ref, c.vals[i%len(c.vals)]); err != nil {
					b.Fatal(err)
				}
				if err := sess.Wait(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	host, plugins := peakMemory()
	b.Logf("peak memory: host %d MB, plugins %d MB, together %d MB", host>>10, plugins>>10, (host+plugins)>>10)
}

// features lists the data's numeric and nominal features, from the
// feature table's rows.
func features(b *testing.B, sess *session.Session) (numeric, nominal []string) {
	b.Helper()
	sess.Read(func() {
		for _, t := range sess.Tabs() {
			sdk.Walk(t.Tab.Children, func(c sdk.Component) bool {
				tb, ok := c.(*sdk.Table)
				if !ok || tb.ID != data.FeaturesTable {
					return true
				}
				for _, r := range tb.Rows {
					if len(r.Cells) < 2 {
						continue
					}
					switch r.Cells[1].Text {
					case "numeric":
						numeric = append(numeric, r.Cells[0].Text)
					case "nominal":
						nominal = append(nominal, r.Cells[0].Text)
					}
				}
				return false
			})
		}
	})
	return numeric, nominal
}

// peakMemory is the peak resident memory (VmHWM, KiB) of this process and
// the sum of its child processes' (the plugins), read from /proc; zeros
// where there is no /proc.
func peakMemory() (self, children int64) {
	self = vmHWM("self")
	pid := strconv.Itoa(os.Getpid())
	tasks, _ := filepath.Glob(filepath.Join("/proc", pid, "task", "*", "children"))
	for _, t := range tasks {
		b, _ := os.ReadFile(t)
		for _, child := range strings.Fields(string(b)) {
			children += vmHWM(child)
		}
	}
	return self, children
}

func vmHWM(pid string) int64 {
	b, err := os.ReadFile(filepath.Join("/proc", pid, "status"))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int64
			fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(v), " kB"), &kb)
			return kb
		}
	}
	return 0
}
