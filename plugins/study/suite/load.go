package suite

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/plugins/internal/fanout"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// taskInfo is one task of the suite, or why it could not be loaded.
type taskInfo struct {
	ID   int64
	Task *openml.Task
	Err  error
}

// dataID is the id of the task's dataset, or 0.
func (t taskInfo) dataID() int64 {
	if t.Task == nil {
		return 0
	}
	if d := t.Task.DataSet(); d != nil {
		return d.DataSetID
	}
	return 0
}

// dataInfo is one dataset of the suite: its name from its description and
// its dataset-wide qualities, each with why it could not be loaded.
type dataInfo struct {
	ID        int64
	Name      string
	Err       error
	Qualities map[string]float64
	QErr      error
}

// label names the dataset, by id when its description is missing.
func (d dataInfo) label() string {
	if d.Name != "" {
		return d.Name
	}
	return fmt.Sprintf("dataset %d", d.ID)
}

// loadTasks reads the description of each task, in the suite's order.
func loadTasks(ctx context.Context, host sdk.Host, server string, ids []int64) []taskInfo {
	out := make([]taskInfo, len(ids))
	fanout.Each(ctx, host, "Loading the suite's tasks", len(ids), func(i int) {
		out[i].ID = ids[i]
		out[i].Task, out[i].Err = openml.GetTask(ctx, host, evalview.Ref(server, sdk.KindTask, ids[i]))
	})
	return out
}

// dataIDs are the suite's datasets: those it lists, and those of its
// tasks, by id.
func dataIDs(s *openml.Study, tasks []taskInfo) []int64 {
	ids := slices.Clone(s.DataIDs)
	for _, t := range tasks {
		if id := t.dataID(); id != 0 {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// loadDatasets reads the description and the qualities of each dataset.
func loadDatasets(ctx context.Context, host sdk.Host, server string, ids []int64) []dataInfo {
	out := make([]dataInfo, len(ids))
	fanout.Each(ctx, host, "Loading the suite's datasets", len(ids), func(i int) {
		d := &out[i]
		d.ID = ids[i]
		r := evalview.Ref(server, sdk.KindData, ids[i])
		ds, err := openml.GetDataset(ctx, host, r)
		if err != nil {
			d.Err = err
		} else {
			d.Name = ds.Name
		}
		qs, err := openml.GetQualities(ctx, host, r)
		if err != nil {
			d.QErr = err
			return
		}
		d.Qualities = qs.Map()
	})
	return out
}

// suiteDatasets loads the datasets of suite s again for a callback: the
// host answers from its cache. The tasks are read only when the suite
// lists no datasets of its own.
func suiteDatasets(ctx context.Context, host sdk.Host, server string, s *openml.Study) []dataInfo {
	var tasks []taskInfo
	if len(s.DataIDs) == 0 {
		tasks = loadTasks(ctx, host, server, s.TaskIDs)
	}
	return loadDatasets(ctx, host, server, dataIDs(s, tasks))
}

// reason is why an entity could not be loaded, without the entity's name
// that the sdk's getters put first ("task 4: ...").
func reason(err error) string {
	if u := errors.Unwrap(err); u != nil {
		return u.Error()
	}
	return err.Error()
}
