package compare

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// loaded is what a comparison page is built from.
type loaded struct {
	ref sdk.EntityRef
	// runs could be loaded, in the ref's order; failed could not.
	runs   []*openml.Run
	failed []failure
	// tasks are the runs' tasks that could be loaded, by id.
	tasks map[int64]*openml.Task
	// flows are the runs' flows' short labels, distinct, by flow id.
	flows map[int64]string
}

type failure struct {
	id  int64
	err error
}

// load fetches the runs of ref, then their tasks, each set in parallel
// through the host (which caches them, so callbacks load them again
// cheaply). It fails when the ref is no comparison, the context ends or
// no run can be loaded.
func load(ctx context.Context, h sdk.Host, ref sdk.EntityRef) (*loaded, error) {
	if ref.Kind != sdk.KindRunComparison {
		return nil, fmt.Errorf("%s is a %s reference, not a run comparison", ref, ref.Kind)
	}
	ids := ref.IDs()
	runs := make([]*openml.Run, len(ids))
	errs := make([]error, len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Go(func() { runs[i], errs[i] = openml.GetRun(ctx, h, runRef(ref.Server, id)) })
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	l := &loaded{ref: ref, tasks: map[int64]*openml.Task{}, flows: map[int64]string{}}
	for i, r := range runs {
		if errs[i] != nil {
			l.failed = append(l.failed, failure{ids[i], errs[i]})
			continue
		}
		l.runs = append(l.runs, r)
	}
	if len(l.runs) == 0 {
		return nil, fmt.Errorf("none of runs %s could be loaded: %w", joinIDs(ids), errors.Join(errs...))
	}

	names := map[int64]string{}
	var taskIDs []int64
	for _, r := range l.runs {
		names[r.FlowID] = r.FlowName
		if r.FlowName == "" {
			names[r.FlowID] = fmt.Sprintf("flow %d", r.FlowID)
		}
		if !slices.Contains(taskIDs, r.TaskID) {
			taskIDs = append(taskIDs, r.TaskID)
		}
	}
	l.flows = evalview.FlowLabels(names)
	tasks := make([]*openml.Task, len(taskIDs))
	for i, id := range taskIDs {
		wg.Go(func() {
			// A task that cannot be loaded leaves its measure, type and
			// test share to the runs and their folds.
			tasks[i], _ = openml.GetTask(ctx, h, sdk.EntityRef{Server: ref.Server, Kind: sdk.KindTask, ID: id})
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i, t := range tasks {
		if t != nil {
			l.tasks[taskIDs[i]] = t
		}
	}
	return l, nil
}

func joinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = fmt.Sprint(id)
	}
	return strings.Join(s, ",")
}

// sameTask is the runs' task when they all share one.
func (l *loaded) sameTask() (int64, bool) {
	for _, r := range l.runs[1:] {
		if r.TaskID != l.runs[0].TaskID {
			return 0, false
		}
	}
	return l.runs[0].TaskID, true
}

type taskGroup struct {
	task int64
	runs []*openml.Run
}

// byTask groups the runs by task, in the order the tasks first occur.
func (l *loaded) byTask() []taskGroup {
	var gs []taskGroup
	for _, r := range l.runs {
		i := slices.IndexFunc(gs, func(g taskGroup) bool { return g.task == r.TaskID })
		if i < 0 {
			gs = append(gs, taskGroup{task: r.TaskID})
			i = len(gs) - 1
		}
		gs[i].runs = append(gs[i].runs, r)
	}
	return gs
}

// taskType is the first run's task type, from the run or its task; "" if
// neither says.
func (l *loaded) taskType() string {
	r := l.runs[0]
	if r.TaskType != "" {
		return r.TaskType
	}
	if t := l.tasks[r.TaskID]; t != nil {
		return t.Type
	}
	return ""
}

// taskMeasure is the first run's task's evaluation measure, from the run
// or its task; "" if neither says.
func (l *loaded) taskMeasure() string {
	r := l.runs[0]
	if r.TaskEvaluationMeasure != "" {
		return r.TaskEvaluationMeasure
	}
	if t := l.tasks[r.TaskID]; t != nil {
		for _, m := range t.EvaluationMeasures() {
			if m != "" {
				return m
			}
		}
	}
	return ""
}

// title is "Runs 539275 and 572944 on task 59", "3 runs on task 19" or
// "3 runs on tasks 19 and 20"; with one run left, the runs asked for.
func (l *loaded) title() string {
	if len(l.runs) < 2 {
		ids := l.ref.IDs()
		s := make([]string, len(ids))
		for i, id := range ids {
			s[i] = fmt.Sprint(id)
		}
		return "Runs " + joinAnd(s)
	}
	var tasks []string
	for _, g := range l.byTask() {
		tasks = append(tasks, fmt.Sprint(g.task))
	}
	where := "task " + tasks[0]
	if len(tasks) > 1 {
		where = "tasks " + joinAnd(tasks)
	}
	if len(l.runs) == 2 {
		return fmt.Sprintf("Runs %d and %d on %s", l.runs[0].ID, l.runs[1].ID, where)
	}
	return fmt.Sprintf("%d runs on %s", len(l.runs), where)
}

// label is "run 219" for text, tables and legends.
func label(r *openml.Run) string { return fmt.Sprintf("run %d", r.ID) }
