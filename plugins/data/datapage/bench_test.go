package datapage_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/openml-dash/openml-dash/plugins/data/datapage"
	"github.com/openml-dash/openml-dash/sdk/arff"
	"github.com/openml-dash/openml-dash/sdk/frame"
)

// benchDir holds synthetic ARFF files made by ../shared/bench/gen_arff.py
// (syn10k.arff, syn100k.arff, syn1m.arff: 20 numeric + 5 nominal + class);
// scripts/bench-data.sh makes them and runs these benchmarks beside the
// Python pipeline.
const benchDirEnv = "OPENML_DASH_BENCH_DIR"

func benchFiles(b *testing.B) map[string]string {
	dir := os.Getenv(benchDirEnv)
	if dir == "" {
		b.Skip("set " + benchDirEnv + " to a folder of gen_arff.py files (scripts/bench-data.sh does)")
	}
	files := map[string]string{}
	for _, size := range []string{"10k", "100k", "1m"} {
		p := filepath.Join(dir, "syn"+size+".arff")
		if _, err := os.Stat(p); err == nil {
			files[size] = p
		}
	}
	if len(files) == 0 {
		b.Skip("no syn*.arff in " + dir)
	}
	return files
}

// BenchmarkParse reads each file.
func BenchmarkParse(b *testing.B) {
	for _, size := range []string{"10k", "100k", "1m"} {
		p, ok := benchFiles(b)[size]
		if !ok {
			continue
		}
		b.Run(size, func(b *testing.B) {
			st, _ := os.Stat(p)
			b.SetBytes(st.Size())
			for b.Loop() {
				if _, err := arff.ReadFile(context.Background(), p, arff.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDataPage is the whole data page: parse, then Compute. It
// reports each phase, and "table-ready" (parse + feature table: when the
// page's first table can show).
func BenchmarkDataPage(b *testing.B) {
	for _, size := range []string{"10k", "100k", "1m"} {
		p, ok := benchFiles(b)[size]
		if !ok {
			continue
		}
		b.Run(size, func(b *testing.B) {
			benchPage(b, func() (*frame.Frame, error) {
				return arff.ReadFile(context.Background(), p, arff.Options{})
			})
		})
	}
}

// benchPage times read and then Compute on what it read, and reports each
// phase, and "table-ready" (read + feature table: when the page's first
// table can show).
func benchPage(b *testing.B, read func() (*frame.Frame, error)) {
	phases := map[string]time.Duration{}
	for b.Loop() {
		start := time.Now()
		f, err := read()
		if err != nil {
			b.Fatal(err)
		}
		parse := time.Since(start)
		page, err := datapage.Compute(context.Background(), f, "class")
		if err != nil {
			b.Fatal(err)
		}
		phases["parse"] += parse
		for _, t := range page.Timings {
			phases[t.Phase] += t.Duration
		}
		phases["table-ready"] += parse + page.Timings[0].Duration
	}
	for phase, d := range phases {
		b.ReportMetric(d.Seconds()/float64(b.N), phase+"-s/op")
	}
}
