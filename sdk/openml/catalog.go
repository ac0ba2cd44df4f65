package openml

import "fmt"

// This file reads the server's catalogues: what tasks, estimation
// procedures and users there are, as opposed to the entities themselves.

type estimationProceduresXML struct {
	Procedures []estimationProcedureXML `xml:"estimationprocedure"`
}

type estimationProcedureXML struct {
	ID         string `xml:"id"`
	TaskTypeID string `xml:"ttid"`
	Name       string `xml:"name"`
	Type       string `xml:"type"`
	Repeats    string `xml:"repeats"`
	Folds      string `xml:"folds"`
	Percentage string `xml:"percentage"`
	Stratified string `xml:"stratified_sampling"`
}

// ParseEstimationProcedures reads the list of estimation procedures
// (<oml:estimationprocedures>, the answer of estimationprocedure/list).
// Each comes with its Name and TaskTypeID, and without Parameters or
// DataSplitsURL, which belong to a task.
func ParseEstimationProcedures(b []byte) ([]EstimationProcedure, error) {
	var x estimationProceduresXML
	if empty, err := decodeListing(b, "estimation procedures", &x, "estimationprocedures", noEstimationProcedureResults); empty || err != nil {
		return nil, err
	}
	out := make([]EstimationProcedure, 0, len(x.Procedures))
	f := &fields{}
	for i, px := range x.Procedures {
		f.what = fmt.Sprintf("estimation procedures: entry %d", i+1)
		e := EstimationProcedure{
			ID:         f.required("id", px.ID),
			TaskTypeID: f.int("ttid", px.TaskTypeID),
			Name:       text(px.Name),
			Type:       text(px.Type),
			Repeats:    f.int("repeats", px.Repeats),
			Folds:      f.int("folds", px.Folds),
			Stratified: f.bool("stratified_sampling", px.Stratified),
		}
		e.Percentage, _ = f.float("percentage", px.Percentage)
		if f.err != nil {
			return nil, f.err
		}
		out = append(out, e)
	}
	return out, nil
}

// TaskType is a kind of task, such as Supervised Classification: the
// answer of tasktype/<id>, or an entry of tasktype/list (which gives only
// ID, Name, Description and Creators).
type TaskType struct {
	ID           int
	Name         string
	Description  string
	Creators     []string
	Contributors []string
	CreationDate string
	Inputs       []TaskTypeIO
	Outputs      []TaskTypeIO
}

// TaskTypeIO is an input a task of the type takes, or an output its runs
// produce.
type TaskTypeIO struct {
	Name        string
	Requirement string // "required", or "" when optional
	DataType    string
}

type taskTypeXML struct {
	ID           string          `xml:"id"`
	Name         string          `xml:"name"`
	Description  string          `xml:"description"`
	Creators     []string        `xml:"creator"`
	Contributors []string        `xml:"contributor"`
	CreationDate string          `xml:"creation_date"`
	Inputs       []taskTypeIOXML `xml:"input"`
	Outputs      []taskTypeIOXML `xml:"output"`
}

type taskTypeIOXML struct {
	Name        string `xml:"name,attr"`
	Requirement string `xml:"requirement"`
	DataType    string `xml:"data_type"`
}

type taskTypesXML struct {
	TaskTypes []taskTypeXML `xml:"task_type"`
}

// ParseTaskType reads a task type (<oml:task_type>, the answer of
// tasktype/<id>). An <oml:error> answer is returned as *APIError.
func ParseTaskType(b []byte) (*TaskType, error) {
	var x taskTypeXML
	if err := decode(b, "task type", &x, "task_type"); err != nil {
		return nil, err
	}
	return convertTaskType(&x, "task type")
}

// ParseTaskTypes reads the list of task types (<oml:task_types>, the
// answer of tasktype/list).
func ParseTaskTypes(b []byte) ([]TaskType, error) {
	var x taskTypesXML
	if err := decode(b, "task types", &x, "task_types"); err != nil {
		return nil, err
	}
	out := make([]TaskType, 0, len(x.TaskTypes))
	for i := range x.TaskTypes {
		tt, err := convertTaskType(&x.TaskTypes[i], fmt.Sprintf("task types: entry %d", i+1))
		if err != nil {
			return nil, err
		}
		out = append(out, *tt)
	}
	return out, nil
}

func convertTaskType(x *taskTypeXML, what string) (*TaskType, error) {
	f := &fields{what: what}
	tt := &TaskType{
		ID:           f.int("id", x.ID),
		Name:         text(x.Name),
		Description:  text(x.Description),
		Creators:     texts(x.Creators),
		Contributors: texts(x.Contributors),
		CreationDate: text(x.CreationDate),
	}
	io := func(xs []taskTypeIOXML) []TaskTypeIO {
		var out []TaskTypeIO
		for _, x := range xs {
			out = append(out, TaskTypeIO{Name: text(x.Name), Requirement: text(x.Requirement), DataType: text(x.DataType)})
		}
		return out
	}
	tt.Inputs, tt.Outputs = io(x.Inputs), io(x.Outputs)
	if text(x.ID) == "" {
		f.failf("<oml:id> is missing or empty")
	}
	if f.err != nil {
		return nil, f.err
	}
	return tt, nil
}

// User is an OpenML account as user/list names it.
type User struct {
	ID       int64
	Username string
}

type usersXML struct {
	Users []struct {
		ID       string `xml:"id"`
		Username string `xml:"username"`
	} `xml:"user"`
}

// ParseUsers reads a user listing (<oml:users>, the answer of
// user/list/…), which turns the uploader ids of runs into names.
func ParseUsers(b []byte) ([]User, error) {
	var x usersXML
	if err := decode(b, "user listing", &x, "users"); err != nil {
		return nil, err
	}
	out := make([]User, 0, len(x.Users))
	f := &fields{}
	for i, ux := range x.Users {
		f.what = fmt.Sprintf("user listing: entry %d", i+1)
		out = append(out, User{ID: f.required("id", ux.ID), Username: text(ux.Username)})
	}
	if f.err != nil {
		return nil, f.err
	}
	return out, nil
}
