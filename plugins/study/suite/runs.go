package suite

import (
	"context"
	"fmt"
	"strings"

	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/plugins/internal/fanout"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// loadedRuns is what the evaluation listings of the suite's tasks gave.
type loadedRuns struct {
	runs    []openml.RunEvaluation // with a value, task by task
	noValue int                    // runs with a value only per class or fold
	more    int                    // tasks whose last page read was full
	failed  int                    // tasks whose first page could not be read
	partial int                    // tasks of which a later page could not be read
	errs    []string               // why, task by task
}

// failures says which tasks' runs could not be read and why.
func (l *loadedRuns) failures() string {
	return listSome(l.errs, 3)
}

// loadRuns reads up to pages pages of each task's evaluation listing of
// measure, best runs first, fanout.Parallel tasks at a time.
func loadRuns(ctx context.Context, host sdk.Host, server, measure string, tasks []int64, pages int) *loadedRuns {
	got := make([]*evalview.Pages, len(tasks))
	errs := make([]error, len(tasks))
	fanout.Each(ctx, host, "Loading the runs of the suite's tasks", len(tasks), func(i int) {
		q := openml.EvaluationQuery{Function: measure, Tasks: tasks[i : i+1], SortOrder: evalview.SortOrder(measure)}
		got[i], errs[i] = evalview.LoadPages(ctx, host, server, q, pages, nil, 0)
	})
	l := &loadedRuns{}
	for i, p := range got {
		switch {
		case errs[i] != nil:
			l.failed++
			l.errs = append(l.errs, fmt.Sprintf("task %d: %s", tasks[i], strings.TrimPrefix(errs[i].Error(), "evaluation listing: ")))
			continue
		case p == nil:
			continue // ctx ended first
		case p.Err != nil:
			l.partial++
			l.errs = append(l.errs, fmt.Sprintf("task %d: %v", tasks[i], p.Err))
		}
		l.runs = append(l.runs, p.Runs...)
		l.noValue += p.NoValue
		if p.More {
			l.more++
		}
	}
	return l
}
