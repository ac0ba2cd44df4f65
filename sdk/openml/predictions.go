package openml

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/openml-dash/openml-dash/sdk/arff"
	"github.com/openml-dash/openml-dash/sdk/frame"
)

// RunPredictions is a run's predictions file: one row per predicted instance
// and fold. Classification files carry a nominal prediction, the true
// class and one confidence column per class; regression files carry numbers.
type RunPredictions struct {
	Repeat, Fold, Sample []int // Sample is nil when the file has no sample column
	RowID                []int64
	// Classes are the class labels of a classification file, in the order
	// of the nominal attribute; nil for regression.
	Classes []string
	// Predicted and Truth are class indexes into Classes (-1 missing) for
	// classification, or the values themselves for regression.
	Predicted, Truth []float64
	// Confidence[c][i] is the confidence of class c for row i (NaN when the
	// file has no column for that class).
	Confidence [][]float64
}

// Classification reports whether the predictions are of classes.
func (p *RunPredictions) Classification() bool { return p.Classes != nil }

// Len is the number of rows.
func (p *RunPredictions) Len() int { return len(p.RowID) }

// ReadPredictions reads a predictions ARFF file.
func ReadPredictions(ctx context.Context, path string) (*RunPredictions, error) {
	f, err := arff.ReadFile(ctx, path, arff.Options{})
	if err != nil {
		return nil, err
	}
	p, err := PredictionsFromFrame(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return p, nil
}

// PredictionsFromFrame reads the columns of a predictions file. Writers
// differ in names (rowid or row_id, truth or correct) and column order, so
// columns are found by name.
func PredictionsFromFrame(f *frame.Frame) (*RunPredictions, error) {
	p := &RunPredictions{}
	var err error
	ints := func(names ...string) []int {
		c := findColumn(f, names...)
		if c == nil || err != nil {
			return nil
		}
		var v []int
		v, err = intColumn(c)
		return v
	}
	if p.Repeat = ints("repeat"); p.Repeat == nil && err == nil {
		err = fmt.Errorf("a predictions file needs a repeat column")
	}
	if p.Fold = ints("fold"); p.Fold == nil && err == nil {
		err = fmt.Errorf("a predictions file needs a fold column")
	}
	p.Sample = ints("sample")
	rows := ints("row_id", "rowid")
	if rows == nil && err == nil {
		err = fmt.Errorf("a predictions file needs a row_id column")
	}
	if err != nil {
		return nil, err
	}
	p.RowID = make([]int64, len(rows))
	for i, r := range rows {
		p.RowID[i] = int64(r)
	}
	pred, truth := findColumn(f, "prediction"), findColumn(f, "truth", "correct")
	if pred == nil || truth == nil {
		return nil, fmt.Errorf("a predictions file needs prediction and truth (or correct) columns")
	}
	switch {
	case pred.Kind == frame.Nominal && truth.Kind == frame.Nominal:
		p.Classes = slices.Clone(pred.Levels)
		p.Predicted = codesAs(pred, p.Classes)
		p.Truth = codesAs(truth, p.Classes)
		for _, class := range p.Classes {
			c := findColumn(f, "confidence."+class)
			conf := make([]float64, f.Rows())
			switch {
			case c == nil:
				for i := range conf {
					conf[i] = math.NaN()
				}
			case c.Kind != frame.Numeric:
				return nil, fmt.Errorf("column %s is %s, not numeric", c.Name, c.Kind)
			default:
				copy(conf, c.Floats)
			}
			p.Confidence = append(p.Confidence, conf)
		}
	case pred.Kind == frame.Numeric && truth.Kind == frame.Numeric:
		p.Predicted, p.Truth = slices.Clone(pred.Floats), slices.Clone(truth.Floats)
	default:
		return nil, fmt.Errorf("prediction is %s and %s is %s: both must be nominal (classification) or numeric (regression)", pred.Kind, truth.Name, truth.Kind)
	}
	return p, nil
}

// codesAs maps a nominal column's codes onto classes, which may list the
// same labels in another order (the truth column of some writers).
func codesAs(c *frame.Column, classes []string) []float64 {
	remap := make([]float64, len(c.Levels))
	for i, l := range c.Levels {
		remap[i] = float64(slices.Index(classes, l))
	}
	out := make([]float64, len(c.Codes))
	for i, code := range c.Codes {
		if code < 0 {
			out[i] = -1
			continue
		}
		out[i] = remap[code]
	}
	return out
}

// Splits is a task's train/test splits file.
type Splits struct {
	Train                []bool // true: the row is in the training set of that fold
	RowID                []int64
	Repeat, Fold, Sample []int // Sample is nil when the file has none
}

// Len is the number of rows.
func (s *Splits) Len() int { return len(s.RowID) }

// Folds is the number of folds (the largest fold index + 1).
func (s *Splits) Folds() int { return maxPlusOne(s.Fold) }

// Repeats is the number of repeats.
func (s *Splits) Repeats() int { return maxPlusOne(s.Repeat) }

// ReadSplits reads a task's splits ARFF file.
func ReadSplits(ctx context.Context, path string) (*Splits, error) {
	f, err := arff.ReadFile(ctx, path, arff.Options{})
	if err != nil {
		return nil, err
	}
	s, err := SplitsFromFrame(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// SplitsFromFrame reads the columns of a splits file.
func SplitsFromFrame(f *frame.Frame) (*Splits, error) {
	typ := findColumn(f, "type")
	if typ == nil || typ.Kind != frame.Nominal {
		return nil, fmt.Errorf("a splits file needs a nominal type column (TRAIN or TEST)")
	}
	s := &Splits{Train: make([]bool, len(typ.Codes))}
	train := slices.IndexFunc(typ.Levels, func(l string) bool { return strings.EqualFold(l, "TRAIN") })
	for i, c := range typ.Codes {
		s.Train[i] = c >= 0 && int(c) == train
	}
	var err error
	for _, col := range []struct {
		dst   *[]int
		names []string
		need  bool
	}{{&s.Repeat, []string{"repeat"}, true}, {&s.Fold, []string{"fold"}, true}, {&s.Sample, []string{"sample"}, false}} {
		c := findColumn(f, col.names...)
		if c == nil {
			if col.need {
				return nil, fmt.Errorf("a splits file needs a %s column", col.names[0])
			}
			continue
		}
		if *col.dst, err = intColumn(c); err != nil {
			return nil, err
		}
	}
	c := findColumn(f, "rowid", "row_id")
	if c == nil {
		return nil, fmt.Errorf("a splits file needs a rowid column")
	}
	rows, err := intColumn(c)
	if err != nil {
		return nil, err
	}
	s.RowID = make([]int64, len(rows))
	for i, r := range rows {
		s.RowID[i] = int64(r)
	}
	return s, nil
}

func findColumn(f *frame.Frame, names ...string) *frame.Column {
	for _, c := range f.Columns {
		for _, n := range names {
			if strings.EqualFold(c.Name, n) {
				return c
			}
		}
	}
	return nil
}

func intColumn(c *frame.Column) ([]int, error) {
	if c.Kind != frame.Numeric {
		return nil, fmt.Errorf("column %s is %s, not numeric", c.Name, c.Kind)
	}
	out := make([]int, len(c.Floats))
	for i, x := range c.Floats {
		if x != math.Trunc(x) || math.IsNaN(x) {
			return nil, fmt.Errorf("column %s, row %d: %v is not a whole number", c.Name, i+1, x)
		}
		out[i] = int(x)
	}
	return out, nil
}

func maxPlusOne(v []int) int {
	if len(v) == 0 {
		return 0
	}
	return slices.Max(v) + 1
}
