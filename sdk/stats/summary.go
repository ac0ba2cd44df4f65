package stats

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
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
