package stats

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/openml-dash/openml-dash/sdk/frame"
)

// Summary describes one column: a row of a data page's feature table.
type Summary struct {
	Name string
	Kind frame.Kind
	Rows int
	// Missing counts the missing rows.
	Missing int
	// Distinct counts the different present values of Nominal and String
	// columns; it stays 0 for Numeric and Date columns, which are not
	// sorted.
	Distinct int
	// Nominal is set for Nominal columns.
	Nominal *NominalSummary
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

// Count summarises every column of f, in column order, as a feature table
// shows it: rows, missing values, and the counts and entropy of nominal
// columns. It spreads the columns over runtime.GOMAXPROCS workers and
// stops at the first failure or when ctx is cancelled.
func Count(ctx context.Context, f *frame.Frame) ([]Summary, error) {
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
			for {
				i := int(next.Add(1)) - 1
				if i >= len(f.Columns) {
					return
				}
				s, err := summarize(ctx, f.Columns[i])
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

// summarize summarises one column.
func summarize(ctx context.Context, c *frame.Column) (Summary, error) {
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
		err = countMissingFloats(ctx, c, &s)
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

// countMissingFloats counts the missing rows of a Numeric or Date column;
// of a sparse one it reads the stored values only, the others being 0.
func countMissingFloats(ctx context.Context, c *frame.Column, s *Summary) error {
	if c.Sparse != nil {
		return forChunks(ctx, len(c.Floats), func(lo, hi int) {
			for k := lo; k < hi; k++ {
				if storedMissing(c, k) {
					s.Missing++
				}
			}
		})
	}
	return forChunks(ctx, c.Len(), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			if floatMissing(c, i) {
				s.Missing++
			}
		}
	})
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
