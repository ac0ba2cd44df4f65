package datapage_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/plugins/data/datapage"
	"github.com/openml-dash/openml-dash/sdk/forest"
	"github.com/openml-dash/openml-dash/sdk/frame"
)

// sparseShape is a synthetic text-like dataset: Rows rows of Cols numeric
// features, about Density of them non-zero (whole numbers 1..999, as
// Dexter's word counts), and a class {-1, 1} that a few features predict.
type sparseShape struct {
	Rows, Cols int
	Density    float64
	Seed       uint64
	// Missing is the share of stored values written as '?'.
	Missing float64
}

// dexter is the shape of OpenML's Dexter (d/4136): 2,000 x 20,000, 0.5%
// non-zero.
var dexter = sparseShape{Rows: 2000, Cols: 20000, Density: 0.005, Seed: 1}

// rows draws the dataset: per row, its class and its non-zero cells by
// increasing column. The first Cols/100 columns are informative: they are
// non-zero five times as often in class 1.
func (s sparseShape) rows(fn func(class int, cols []int, vals []string)) {
	rng := rand.New(rand.NewPCG(s.Seed, 7))
	informative := max(1, s.Cols/100)
	var cols []int
	var vals []string
	for range s.Rows {
		class := rng.IntN(2)
		cols, vals = cols[:0], vals[:0]
		for j := range s.Cols {
			p := s.Density
			if j < informative {
				p = s.Density * (1 + 4*float64(class)) * 2 / 3
			}
			if rng.Float64() >= p {
				continue
			}
			cols = append(cols, j)
			v := strconv.Itoa(1 + rng.IntN(999))
			if rng.Float64() < s.Missing {
				v = "?"
			}
			vals = append(vals, v)
		}
		fn(class, cols, vals)
	}
}

// write writes the dataset as ARFF, sparse rows or dense rows.
func (s sparseShape) write(w io.Writer, sparse bool) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "@relation sparse_%dx%d\n", s.Rows, s.Cols)
	for j := range s.Cols {
		fmt.Fprintf(bw, "@attribute f%d numeric\n", j)
	}
	bw.WriteString("@attribute class {-1,1}\n@data\n")
	labels := []string{"-1", "1"}
	dense := make([]string, s.Cols)
	s.rows(func(class int, cols []int, vals []string) {
		if sparse {
			bw.WriteByte('{')
			for k, j := range cols {
				fmt.Fprintf(bw, "%d %s,", j, vals[k])
			}
			fmt.Fprintf(bw, "%d %s}\n", s.Cols, labels[class])
			return
		}
		for j := range dense {
			dense[j] = "0"
		}
		for k, j := range cols {
			dense[j] = vals[k]
		}
		for _, v := range dense {
			bw.WriteString(v)
			bw.WriteByte(',')
		}
		bw.WriteString(labels[class])
		bw.WriteByte('\n')
	})
	return bw.Flush()
}

// file writes the dataset to dir and returns its path.
func (s sparseShape) file(tb testing.TB, dir string, sparse bool) string {
	tb.Helper()
	form := "dense"
	if sparse {
		form = "sparse"
	}
	p := filepath.Join(dir, fmt.Sprintf("sparse%dx%d-%s.arff", s.Rows, s.Cols, form))
	f, err := os.Create(p)
	if err != nil {
		tb.Fatal(err)
	}
	if err := s.write(f, sparse); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return p
}

// TestCompute_sparseAsDense: a sparse ARFF file and its dense twin give
// the same page: feature table, distributions, importances (to the last
// bit), interactions and scatter plot, though the sparse file's numeric
// columns stay sparse.
func TestCompute_sparseAsDense(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	shape := sparseShape{Rows: 300, Cols: 400, Density: 0.02, Seed: 5, Missing: 0.05}
	dense, err := datapage.ReadFile(t.Context(), shape.file(t, dir, false))
	require.NoError(t, err)
	sparse, err := datapage.ReadFile(t.Context(), shape.file(t, dir, true))
	require.NoError(t, err)
	for i, c := range sparse.Columns[:shape.Cols] {
		require.NotNil(t, c.Sparse, c.Name)
		require.Nil(t, dense.Columns[i].Sparse, c.Name)
	}
	want, err := datapage.Compute(t.Context(), dense, "class")
	require.NoError(t, err)
	got, err := datapage.Compute(t.Context(), sparse, "class")
	require.NoError(t, err)
	want.Timings, got.Timings = nil, nil
	same := func(what string, a, b any) {
		t.Helper()
		// Printed, so that NaN equals NaN; not diffed, as the pages are long.
		assert.True(t, printed(a) == printed(b), "%s differ", what)
	}
	table := func(fs []datapage.Feature) (rows []string) {
		for _, f := range fs {
			rows = append(rows, fmt.Sprintf("%s %s %d %d %v %v", f.Name, f.Type(), f.Missing, f.Categories(), f.Entropy(), f.Target))
		}
		return rows
	}
	same("feature tables", table(want.Features), table(got.Features))
	same("groups", want.Groups, got.Groups)
	same("distributions", want.Distributions, got.Distributions)
	same("importances", want.Importance, got.Importance)
	same("interactions", want.Interactions, got.Interactions)
	same("scatter plots", want.Scatter, got.Scatter)
	require.Len(t, got.Importance.Features, shape.Cols, "every feature ranked")
	best := slices.IndexFunc(got.Importance.Features, func(r forest.Ranked) bool { return r.Index < shape.Cols/100 })
	assert.Less(t, best, 10, "an informative feature among the first")
	missing := 0
	for _, f := range got.Features {
		missing += f.Missing
	}
	assert.Positive(t, missing)
}

// printed is v as %+v prints it, pointers followed one level down.
func printed(v any) string {
	switch v := v.(type) {
	case []datapage.Distribution:
		var out string
		for _, d := range v {
			out += fmt.Sprintf("%s %+v %+v\n", d.Feature, d.Histogram, d.Levels)
		}
		return out
	}
	return fmt.Sprintf("%+v", v)
}

// BenchmarkDataPage_sparse is the whole data page (read as the plugin
// reads it, then Compute) on a Dexter-shaped sparse file. Run it alone
// under /usr/bin/time -v for the peak memory:
//
//	go test -c -o /tmp/datapage.test ./plugins/data/datapage
//	/usr/bin/time -v /tmp/datapage.test -test.run '^$' -test.bench DataPage_sparse -test.benchtime 1x
//
// With OPENML_DASH_BENCH_DIR set, the file is kept there (for timing
// scikit-learn on the same data).
func BenchmarkDataPage_sparse(b *testing.B) {
	dir := os.Getenv(benchDirEnv)
	if dir == "" {
		dir = b.TempDir()
	}
	p := dexter.file(b, dir, true)
	runtime.GC()
	benchPage(b, func() (*frame.Frame, error) { return datapage.ReadFile(context.Background(), p) })
}
