package openml

import (
	"fmt"
	"strconv"
)

// TaskSummary is one entry of a task listing (task/list/…): the task and
// a few qualities of its dataset.
type TaskSummary struct {
	ID       int64
	TypeID   int
	Type     string // "Supervised Classification", ...
	DataID   int64
	DataName string
	Status   string
	Format   string // of the dataset, "ARFF", ...
	// Inputs are the task's inputs by name, with their values as text:
	// "source_data" = "61", "estimation_procedure" = "1",
	// "target_feature" = "class".
	Inputs    []Parameter
	Qualities Qualities
	Tags      []string
}

// Input returns the value of the input called name, or "".
func (t TaskSummary) Input(name string) string { return paramValue(t.Inputs, name) }

type taskListXML struct {
	Tasks []taskSummaryXML `xml:"task"`
}

type taskSummaryXML struct {
	ID        string          `xml:"task_id"`
	TypeID    string          `xml:"task_type_id"`
	Type      string          `xml:"task_type"`
	DataID    string          `xml:"did"`
	DataName  string          `xml:"name"`
	Status    string          `xml:"status"`
	Format    string          `xml:"format"`
	Inputs    []namedValueXML `xml:"input"`
	Qualities []namedValueXML `xml:"quality"`
	Tags      []string        `xml:"tag"`
}

// ParseTaskList reads a task listing (<oml:tasks>). OpenML's "no results"
// answer (error 482) is an empty listing; any other <oml:error> answer is
// returned as *APIError.
func ParseTaskList(b []byte) ([]TaskSummary, error) {
	var x taskListXML
	if empty, err := decodeListing(b, "task listing", &x, "tasks", noTaskResults); empty || err != nil {
		return nil, err
	}
	out := make([]TaskSummary, 0, len(x.Tasks))
	f := &fields{}
	for i, tx := range x.Tasks {
		f.what = fmt.Sprintf("task listing: entry %d", i+1)
		t := TaskSummary{
			ID:       f.required("task_id", tx.ID),
			TypeID:   f.int("task_type_id", tx.TypeID),
			Type:     text(tx.Type),
			DataID:   f.int64("did", tx.DataID),
			DataName: text(tx.DataName),
			Status:   text(tx.Status),
			Format:   text(tx.Format),
			Tags:     texts(tx.Tags),
		}
		for _, in := range tx.Inputs {
			t.Inputs = append(t.Inputs, Parameter{Name: in.name(), Value: in.value()})
		}
		t.Qualities = listedQualities(f, tx.Qualities)
		if f.err != nil {
			return nil, f.err
		}
		out = append(out, t)
	}
	return out, nil
}

// TaskQuery selects the entries of a task listing; its zero value lists
// every task.
type TaskQuery struct {
	Type    int    // task type id, 1 = Supervised Classification; 0 for any
	Tag     string // tasks with this tag
	DataTag string // tasks whose dataset has this tag
	Status  string // "active" (the server's default), "deactivated", "in_preparation", "all"
	// DataName and the ranges filter on the task's dataset.
	DataName            string
	DataID              Range
	NumberInstances     Range
	NumberFeatures      Range
	NumberClasses       Range
	NumberMissingValues Range
	// Limit caps the entries returned, starting after Offset ones. 0 is
	// no limit.
	Limit, Offset int
}

// Path is the API path of the listing, such as "task/list/type/1/limit/100/offset/0".
func (q TaskQuery) Path() (string, error) {
	p := &pathBuilder{what: "task query"}
	switch {
	case q.Type < 0:
		p.failf("Type is %d; task type ids are 1 or more", q.Type)
	case q.Type > 0:
		p.add("type", strconv.Itoa(q.Type))
	}
	p.page(q.Limit, q.Offset, 0)
	p.text("tag", "Tag", q.Tag)
	p.text("data_tag", "DataTag", q.DataTag)
	p.text("status", "Status", q.Status)
	p.text("data_name", "DataName", q.DataName)
	p.rangeFilter("data_id", "DataID", q.DataID)
	p.rangeFilter("number_instances", "NumberInstances", q.NumberInstances)
	p.rangeFilter("number_features", "NumberFeatures", q.NumberFeatures)
	p.rangeFilter("number_classes", "NumberClasses", q.NumberClasses)
	p.rangeFilter("number_missing_values", "NumberMissingValues", q.NumberMissingValues)
	return p.path("task/list")
}
