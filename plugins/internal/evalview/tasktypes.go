package evalview

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// TaskType is a kind of OpenML task, by its id on the server.
type TaskType struct {
	ID   int
	Name string
}

// TaskTypes are OpenML's task types (tasktype/list), for when the server
// cannot be asked.
var TaskTypes = []TaskType{
	{1, "Supervised Classification"},
	{2, "Supervised Regression"},
	{3, "Learning Curve"},
	{4, "Supervised Data Stream Classification"},
	{5, "Clustering"},
	{6, "Machine Learning Challenge"},
	{7, "Survival Analysis"},
	{8, "Subgroup Discovery"},
	{9, "Multitask Regression"},
}

// TaskTypeID finds a task type's id by its name, ignoring case; 0 if the
// name is not one of TaskTypes.
func TaskTypeID(name string) int {
	for _, t := range TaskTypes {
		if strings.EqualFold(t.Name, strings.TrimSpace(name)) {
			return t.ID
		}
	}
	return 0
}

// TaskTypeName is the name of task type id, or "task type <id>".
func TaskTypeName(types []TaskType, id int) string {
	for _, t := range types {
		if t.ID == id {
			return t.Name
		}
	}
	return "task type " + strconv.Itoa(id)
}

// ListTaskTypes asks the server for its task types, sorted by id, and
// falls back on TaskTypes when it cannot (err says why).
func ListTaskTypes(ctx context.Context, host sdk.Host, server string) ([]TaskType, error) {
	tts, err := openml.ListTaskTypes(ctx, host, server)
	if err != nil || len(tts) == 0 {
		return slices.Clone(TaskTypes), err
	}
	out := make([]TaskType, 0, len(tts))
	for _, t := range tts {
		out = append(out, TaskType{ID: t.ID, Name: t.Name})
	}
	slices.SortFunc(out, func(a, b TaskType) int { return a.ID - b.ID })
	return out, nil
}

// DefaultMeasure is the measure a page shows first for a task of type
// typeID that names none itself: the root mean squared error for
// regression, the predictive accuracy for anything else.
func DefaultMeasure(typeID int) string {
	switch typeID {
	case 2, 9:
		return "root_mean_squared_error"
	}
	return "predictive_accuracy"
}
