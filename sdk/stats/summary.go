package stats

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/stat"

	"github.com/openml-dash/openml-dash/sdk/frame"
)

// Summary describes one column: a row of a data page's feature table.
type Summary struct {
	Name string
	Kind frame.Kind
	Rows int
	// Missing counts the missing rows.
	Missing int
	// Distinct counts the different present values; -0 and 0 are one value.
	Distinct int
	// Numeric is set for Numeric and Date columns (Date in Unix seconds).
	Numeric *NumericSummary
	// Nominal is set for Nominal columns.
	Nominal *NominalSummary
}

// NumericSummary holds what pandas' describe() shows. Every field is NaN
// when no value is present.
type NumericSummary struct {
	Min, Max float64
	Mean     float64
	// Std is the sample standard deviation (ddof=1, as pandas), NaN for a
	// single value.
	Std float64
	// Q1, Median and Q3 are the 0.25, 0.5 and 0.75 quantiles (see Quantile).
	Q1, Median, Q3 float64
}

// NominalSummary holds the category counts of a Nominal column.
type NominalSummary struct {
	// Categories is the number of levels, used or not, as pandas'
	// len(series.cat.categories).
	Categories int
	// Counts holds the rows of each level, in level order.
	Counts []int
	// Entropy is in nats, as scipy.stats.entropy(series.value_counts()).
	Entropy float64
}

// Describe summarises every column of f, in column order, spreading the
// columns over runtime.GOMAXPROCS workers. It stops at the first failure or
// when ctx is cancelled.
func Describe(ctx context.Context, f *frame.Frame) ([]Summary, error) {
	return describe(ctx, f, true)
}

// Count is Describe without the numeric statistics: rows, missing values,
// and the counts and entropy of nominal columns, what a feature table
// shows. Summary.Numeric and Distinct stay unset for numeric columns, which
// are not sorted, so it is several times faster on big data.
func Count(ctx context.Context, f *frame.Frame) ([]Summary, error) {
	return describe(ctx, f, false)
}

func describe(ctx context.Context, f *frame.Frame, numeric bool) ([]Summary, error) {
	if f == nil {
		return nil, errors.New("nil frame")
	}
	out := make([]Summary, len(f.Columns))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		next     atomic.Int64
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	for range min(runtime.GOMAXPROCS(0), len(f.Columns)) {
		wg.Go(func() {
			w := worker{numeric: numeric} // one per goroutine, so its buffers are reused across columns
			for {
				i := int(next.Add(1)) - 1
				if i >= len(f.Columns) {
					return
				}
				s, err := w.summarize(ctx, f.Columns[i])
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					cancel()
					return
				}
				out[i] = s
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	return out, nil
}

// Summarize summarises one column.
func Summarize(ctx context.Context, c *frame.Column) (Summary, error) {
	w := worker{numeric: true}
	return w.summarize(ctx, c)
}

// worker holds the buffers one goroutine reuses from column to column.
type worker struct {
	sorter
	numeric bool // compute NumericSummary and Distinct
}

func (w *worker) summarize(ctx context.Context, c *frame.Column) (Summary, error) {
	if err := ctx.Err(); err != nil {
		return Summary{}, err
	}
	if c == nil {
		return Summary{}, errors.New("nil column")
	}
	s := Summary{Name: c.Name, Kind: c.Kind, Rows: c.Len()}
	var err error
	switch c.Kind {
	case frame.Numeric, frame.Date:
		err = w.summarizeFloats(ctx, c, &s)
	case frame.Nominal:
		err = summarizeNominal(ctx, c, &s)
	case frame.String:
		err = summarizeStrings(ctx, c, &s)
	default:
		err = fmt.Errorf("column %q: unknown kind %s", c.Name, c.Kind)
	}
	if err != nil {
		return Summary{}, err
	}
	return s, nil
}

// summarizeFloats sorts a copy of the present values once and reads the
// order statistics and the distinct count off it.
func (w *worker) summarizeFloats(ctx context.Context, c *frame.Column, s *Summary) error {
	if c.Sparse != nil {
		return w.summarizeSparse(ctx, c, s)
	}
	if !w.numeric {
		return forChunks(ctx, c.Len(), func(lo, hi int) {
			for i := lo; i < hi; i++ {
				if floatMissing(c, i) {
					s.Missing++
				}
			}
		})
	}
	vals, err := w.sortedPresent(ctx, c)
	if err != nil {
		return err
	}
	s.Missing = s.Rows - len(vals)
	nan := math.NaN()
	num := &NumericSummary{Min: nan, Max: nan, Mean: nan, Std: nan, Q1: nan, Median: nan, Q3: nan}
	s.Numeric = num
	if len(vals) == 0 {
		return nil
	}
	num.Min, num.Max = vals[0], vals[len(vals)-1]
	num.Mean, num.Std = stat.MeanStdDev(vals, nil)
	num.Q1 = Quantile(vals, 0.25)
	num.Median = Quantile(vals, 0.5)
	num.Q3 = Quantile(vals, 0.75)
	s.Distinct = 1
	for i := 1; i < len(vals); i++ {
		if vals[i] != vals[i-1] {
			s.Distinct++
		}
	}
	return nil
}

// summarizeSparse is summarizeFloats on a sparse column's stored values
// and its count of zeros: the ascending values are the stored negative
// ones, the zeros, then the stored positive ones. The mean and standard
// deviation may differ from the dense column's in the last digits, since
// the sums are taken in another order.
func (w *worker) summarizeSparse(ctx context.Context, c *frame.Column, s *Summary) error {
	if !w.numeric {
		return forChunks(ctx, len(c.Floats), func(lo, hi int) {
			for k := lo; k < hi; k++ {
				if storedMissing(c, k) {
					s.Missing++
				}
			}
		})
	}
	vals := w.vals[:0]
	err := forChunks(ctx, len(c.Floats), func(lo, hi int) {
		for k := lo; k < hi; k++ {
			if !storedMissing(c, k) {
				vals = append(vals, c.Floats[k])
			}
		}
	})
	w.vals = vals
	if err != nil {
		return err
	}
	if err := w.sortFloats(ctx, vals); err != nil {
		return err
	}
	zeros := c.Sparse.Zeros()
	s.Missing = len(c.Floats) - len(vals)
	nan := math.NaN()
	num := &NumericSummary{Min: nan, Max: nan, Mean: nan, Std: nan, Q1: nan, Median: nan, Q3: nan}
	s.Numeric = num
	n := len(vals) + zeros
	if n == 0 {
		return nil
	}
	// The zeros go after the stored values that sort before +0 (-0 does).
	split := sort.Search(len(vals), func(i int) bool { return sortKey(vals[i]) >= sortKey(0) })
	at := func(i int) float64 {
		switch {
		case i < split:
			return vals[i]
		case i < split+zeros:
			return 0
		}
		return vals[i-zeros]
	}
	num.Min, num.Max = at(0), at(n-1)
	// gonum's corrected two-pass algorithm, each zero adding (0-mean)².
	var sum float64
	for _, v := range vals {
		sum += v
	}
	mean := sum / float64(n)
	var ss, comp float64
	for _, v := range vals {
		d := v - mean
		ss += d * d
		comp += d
	}
	ss += float64(zeros) * mean * mean
	comp -= float64(zeros) * mean
	num.Mean = mean
	num.Std = math.Sqrt((ss - comp*comp/float64(n)) / float64(n-1))
	num.Q1 = quantileOf(n, at, 0.25)
	num.Median = quantileOf(n, at, 0.5)
	num.Q3 = quantileOf(n, at, 0.75)
	storedZero := false
	for i, v := range vals {
		if i == 0 || v != vals[i-1] {
			s.Distinct++
		}
		storedZero = storedZero || v == 0
	}
	if zeros > 0 && !storedZero {
		s.Distinct++
	}
	return nil
}

func summarizeNominal(ctx context.Context, c *frame.Column, s *Summary) error {
	counts := make([]int, len(c.Levels))
	bad := -1
	err := forChunks(ctx, len(c.Codes), func(lo, hi int) {
		for i := lo; i < hi && bad < 0; i++ {
			switch l := levelAt(c, i); l {
			case levelMissing:
				s.Missing++
			case levelInvalid:
				bad = i
			default:
				counts[l]++
			}
		}
	})
	if bad >= 0 {
		return invalidCode(c, bad)
	}
	if err != nil {
		return err
	}
	for _, n := range counts {
		if n > 0 {
			s.Distinct++
		}
	}
	s.Nominal = &NominalSummary{Categories: len(c.Levels), Counts: counts, Entropy: Entropy(counts)}
	return nil
}

func summarizeStrings(ctx context.Context, c *frame.Column, s *Summary) error {
	seen := make(map[string]struct{})
	err := forChunks(ctx, len(c.Strings), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			if c.IsMissing(i) {
				s.Missing++
				continue
			}
			seen[c.Strings[i]] = struct{}{}
		}
	})
	s.Distinct = len(seen)
	return err
}
