package runstudy

import (
	"context"
	"errors"
	"fmt"

	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// PageSize is how many entries one page of the run and evaluation
// listings asks for: openml-python's batch size, the most OpenML returns
// at once, so that the listings' paths are openml-python's and a mirror
// recorded with it answers them.
const PageSize = openml.MaxRuns

// options tune the page; tests page in fewer entries.
type options struct {
	pageSize int
}

var defaultOptions = options{pageSize: PageSize}

// listing is what a paged listing read.
type listing[T any] struct {
	Items []T
	// Err says why a page after the first could not be read: the listing
	// was cut off, and Items holds the pages before it. nil when the
	// listing ended.
	Err error
}

// readPages reads a listing pageSize entries at a time, each page asked
// for with page(limit, offset), until a page comes back short (OpenML's
// "no results" answer is an empty page), reporting progress under label
// against expected entries (0 when unknown). Entries are kept once by
// their run id; a full page of runs listed before stops the reading, so a
// server that ignores the offset cannot keep it going. An error on the
// first page is returned: nothing was read. An error on a later page cuts
// the listing off; the pages before are kept.
func readPages[T any](ctx context.Context, host sdk.Host, label string, expected, pageSize int, runID func(T) int64, page func(limit, offset int) ([]T, error)) (*listing[T], error) {
	out := &listing[T]{}
	seen := map[int64]bool{}
	progress := func(done int) {
		total := int64(-1)
		if expected >= done && expected > 0 {
			total = int64(expected)
		}
		host.Progress(ctx, label, int64(done), total)
	}
	for offset := 0; ; offset += pageSize {
		progress(offset)
		items, err := page(pageSize, offset)
		if err != nil {
			if offset == 0 || ctx.Err() != nil {
				return nil, err
			}
			out.Err = fmt.Errorf("runs %d to %d: %w", offset+1, offset+pageSize, err)
			break
		}
		fresh := 0
		for _, it := range items {
			if id := runID(it); !seen[id] {
				seen[id] = true
				out.Items = append(out.Items, it)
				fresh++
			}
		}
		if len(items) < pageSize {
			break
		}
		if fresh == 0 {
			out.Err = fmt.Errorf("runs %d to %d: the server listed the same runs as before, so the listing stops there", offset+1, offset+pageSize)
			break
		}
	}
	host.Progress(ctx, label, int64(len(out.Items)), int64(len(out.Items)))
	return out, nil
}

// runSet is the study's run listing, each run once.
type runSet struct {
	Runs []openml.RunSummary
	Err  error // the listing was cut off: why
}

// loadRuns reads every run of study (run/list/limit/…/offset/…/study/<id>).
func loadRuns(ctx context.Context, host sdk.Host, server string, study int64, o options) (*runSet, error) {
	label := fmt.Sprintf("Loading the runs of study %d", study)
	l, err := readPages(ctx, host, label, 0, o.pageSize, func(r openml.RunSummary) int64 { return r.ID }, func(limit, offset int) ([]openml.RunSummary, error) {
		return openml.ListRuns(ctx, host, server, openml.RunQuery{Study: study, Limit: limit, Offset: offset})
	})
	if err != nil {
		return nil, err
	}
	return &runSet{Runs: l.Items, Err: l.Err}, nil
}

// flows and tasks count the distinct flows and tasks of the runs.
func (rs *runSet) counts() (flows, tasks int) {
	f, t := map[int64]bool{}, map[int64]bool{}
	for _, r := range rs.Runs {
		f[r.FlowID], t[r.TaskID] = true, true
	}
	return len(f), len(t)
}

// evalSet is an evaluation listing of the study for one measure, each run
// once.
type evalSet struct {
	Measure string
	PerFold bool
	// Evals are the runs with a value (with fold values when PerFold), in
	// the listing's order.
	Evals []openml.RunEvaluation
	// NoValue counts the runs listed without a value: measures OpenML
	// gives only per class, or, per fold, runs without fold values.
	NoValue int
	// ByTask says the per-fold listing was read one task at a time,
	// because OpenML refuses per-fold listings of too many runs at once.
	ByTask bool
	Err    error // the listing was cut off: why
	// listed holds every run the listing named, with a value or not.
	listed map[int64]bool
}

// tooManyForFolds is OpenML's answer to a per-fold evaluation listing
// whose filters leave more than 10,000 runs to inspect (Api_evaluation.php).
const tooManyForFolds = 548

// loadEvals reads every evaluation of measure for the runs of study
// (evaluation/list/function/<measure>/limit/…/offset/…/study/<id>, with
// per_fold/true for fold values). A per-fold listing OpenML refuses for
// its size is read again task by task (tasks, from the run listing),
// each still filtered by the study. expected is the number of runs the
// study has, for the progress report (0 when unknown).
func loadEvals(ctx context.Context, host sdk.Host, server string, study int64, measure string, perFold bool, tasks []int64, expected int, o options) (*evalSet, error) {
	label := fmt.Sprintf("Loading %s of the runs of study %d", measure, study)
	if perFold {
		label = fmt.Sprintf("Loading each fold's %s of the runs of study %d", measure, study)
	}
	read := func(q openml.EvaluationQuery, expected int) (*listing[openml.RunEvaluation], error) {
		return readPages(ctx, host, label, expected, o.pageSize, func(e openml.RunEvaluation) int64 { return e.RunID }, func(limit, offset int) ([]openml.RunEvaluation, error) {
			q.Limit, q.Offset = limit, offset
			return openml.ListEvaluations(ctx, host, server, q)
		})
	}
	q := openml.EvaluationQuery{Function: measure, Study: study, PerFold: perFold}
	out := &evalSet{Measure: measure, PerFold: perFold}
	l, err := read(q, expected)
	if err != nil && perFold && len(tasks) > 0 && ctx.Err() == nil && openMLCode(err) == tooManyForFolds {
		out.ByTask = true
		l, err = readByTask(ctx, q, tasks, read)
	}
	if err != nil {
		return nil, err
	}
	out.Err = l.Err
	out.listed = make(map[int64]bool, len(l.Items))
	for _, e := range l.Items {
		if out.listed[e.RunID] {
			continue
		}
		out.listed[e.RunID] = true
		if !hasScore(e, perFold) {
			out.NoValue++
			continue
		}
		out.Evals = append(out.Evals, e)
	}
	return out, nil
}

// readByTask reads the listing q once per task. A task that fails after
// others were read cuts the listing off there.
func readByTask(ctx context.Context, q openml.EvaluationQuery, tasks []int64, read func(openml.EvaluationQuery, int) (*listing[openml.RunEvaluation], error)) (*listing[openml.RunEvaluation], error) {
	out := &listing[openml.RunEvaluation]{}
	for i, t := range tasks {
		q.Tasks = []int64{t}
		l, err := read(q, 0)
		if err != nil {
			if i == 0 || ctx.Err() != nil {
				return nil, err
			}
			out.Err = fmt.Errorf("task %d (%d of %d tasks read): %w", t, i, len(tasks), err)
			return out, nil
		}
		out.Items = append(out.Items, l.Items...)
		if l.Err != nil {
			out.Err = fmt.Errorf("task %d: %w", t, l.Err)
			return out, nil
		}
	}
	return out, nil
}

// hasScore reports whether e has what the chart draws: its value, or
// with perFold its fold values.
func hasScore(e openml.RunEvaluation, perFold bool) bool {
	if !perFold {
		return e.HasValue
	}
	folds, err := e.FoldValues()
	return err == nil && len(folds) > 0
}

// openMLCode is the code of the OpenML error answer err carries, or 0.
func openMLCode(err error) int {
	var apiErr *openml.APIError
	if errors.As(err, &apiErr) {
		return apiErr.Code
	}
	var fe *sdk.FetchError
	if errors.As(err, &fe) {
		return fe.OpenMLCode
	}
	return 0
}

// retry says what to do about a failed fetch.
func retry(err error) string {
	var fe *sdk.FetchError
	if errors.As(err, &fe) {
		switch fe.Code {
		case sdk.FetchUnavailable:
			return "OpenML could not be reached: check the connection, then reload the page (Ctrl+R)."
		case sdk.FetchNotFound:
			return "It is not on the server (or not in the mirror the app reads from); reload the page (Ctrl+R) once it is, or open the page from openml.org directly."
		}
	}
	return "Reload the page (Ctrl+R) to try again; what was read already comes from the cache."
}
