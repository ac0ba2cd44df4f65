package openml

import (
	"fmt"
	"strings"
)

// Task is a task description, the answer of task/<id>. What a task holds
// depends on its type, so its inputs are kept as a list; DataSet,
// Estimation, EvaluationMeasures and CostMatrix find the usual ones.
type Task struct {
	ID         int64
	Name       string // task_name, when the server sends one
	TypeID     int    // 0 when the server does not send it
	Type       string // "Supervised Classification", ...
	Inputs     []TaskInput
	Outputs    []TaskOutput
	Parameters []Parameter
	Tags       []string
}

// TaskInput is one <oml:input name="...">: exactly one of DataSet,
// EstimationProcedure, EvaluationMeasures or CostMatrix is set for the
// known kinds; any other input keeps its text in Value.
type TaskInput struct {
	Name                string
	DataSet             *TaskDataSet
	EstimationProcedure *EstimationProcedure
	EvaluationMeasures  []string
	CostMatrix          string
	Value               string
}

// TaskDataSet is the data a task is defined on.
type TaskDataSet struct {
	DataSetID      int64
	TargetFeatures []string
}

// EstimationProcedure says how a task's models are evaluated. Folds,
// Repeats, Percentage and Stratified are read from the parameters of the
// same names; they are zero when not given. Name and TaskTypeID are set
// only in the list of procedures (estimationprocedure/list).
type EstimationProcedure struct {
	ID            int64
	Name          string // "10-fold Crossvalidation"
	TaskTypeID    int
	Type          string // "crossvalidation", "holdout", ...
	DataSplitsURL string
	Parameters    []Parameter
	Folds         int
	Repeats       int
	Percentage    float64
	Stratified    bool
}

// Parameter is a named value, such as number_folds = "10".
type Parameter struct {
	Name  string
	Value string
}

// TaskOutput is what runs on the task must produce: predictions, or
// (rarely) a dataset.
type TaskOutput struct {
	Name        string
	Predictions *Predictions
	DataSet     *TaskDataSet
}

// Predictions describes the predictions file a run must upload.
type Predictions struct {
	Format   string
	Features []PredictionFeature
}

// PredictionFeature is one column of a predictions file; a name such as
// "confidence.classname" stands for one column per class.
type PredictionFeature struct {
	Name     string
	Type     string
	Required bool
}

// DataSet is the task's source data, or nil if it has none.
func (t *Task) DataSet() *TaskDataSet {
	for _, in := range t.Inputs {
		if in.DataSet != nil {
			return in.DataSet
		}
	}
	return nil
}

// Estimation is the task's estimation procedure, or nil if it has none.
func (t *Task) Estimation() *EstimationProcedure {
	for _, in := range t.Inputs {
		if in.EstimationProcedure != nil {
			return in.EstimationProcedure
		}
	}
	return nil
}

// EvaluationMeasures are the measures the task optimises, if any.
func (t *Task) EvaluationMeasures() []string {
	var out []string
	for _, in := range t.Inputs {
		out = append(out, in.EvaluationMeasures...)
	}
	return out
}

// CostMatrix is the task's cost matrix as the server wrote it, or "".
func (t *Task) CostMatrix() string {
	for _, in := range t.Inputs {
		if in.CostMatrix != "" {
			return in.CostMatrix
		}
	}
	return ""
}

// Param returns the value of the parameter called name, or "".
func (e *EstimationProcedure) Param(name string) string {
	return paramValue(e.Parameters, name)
}

func paramValue(ps []Parameter, name string) string {
	for _, p := range ps {
		if p.Name == name {
			return p.Value
		}
	}
	return ""
}

type taskXML struct {
	ID         string          `xml:"task_id"`
	Name       string          `xml:"task_name"`
	TypeID     string          `xml:"task_type_id"`
	Type       string          `xml:"task_type"`
	Inputs     []taskInputXML  `xml:"input"`
	Outputs    []taskOutputXML `xml:"output"`
	Parameters []parameterXML  `xml:"parameter"`
	Tags       []string        `xml:"tag"`
}

type taskInputXML struct {
	Name       string      `xml:"name,attr"`
	DataSet    *dataSetXML `xml:"data_set"`
	Estimation *struct {
		ID            string         `xml:"id"`
		Type          string         `xml:"type"`
		DataSplitsURL string         `xml:"data_splits_url"`
		Parameters    []parameterXML `xml:"parameter"`
	} `xml:"estimation_procedure"`
	Measures *struct {
		Measures []string `xml:"evaluation_measure"`
	} `xml:"evaluation_measures"`
	CostMatrix *string `xml:"cost_matrix"`
	Value      string  `xml:",chardata"`
}

type dataSetXML struct {
	ID      string   `xml:"data_set_id"`
	Targets []string `xml:"target_feature"`
}

type parameterXML struct {
	Name  string `xml:"name,attr"`
	Value string `xml:",chardata"`
}

type taskOutputXML struct {
	Name        string      `xml:"name,attr"`
	DataSet     *dataSetXML `xml:"data_set"`
	Predictions *struct {
		Format   string `xml:"format"`
		Features []struct {
			Name     string `xml:"name,attr"`
			Type     string `xml:"type,attr"`
			Required string `xml:"required,attr"`
		} `xml:"feature"`
	} `xml:"predictions"`
}

func parameters(ps []parameterXML) []Parameter {
	var out []Parameter
	for _, p := range ps {
		out = append(out, Parameter{Name: text(p.Name), Value: text(p.Value)})
	}
	return out
}

// ParseTask reads a task description (<oml:task>). An <oml:error> answer
// is returned as *APIError.
func ParseTask(b []byte) (*Task, error) {
	var x taskXML
	if err := decode(b, "task description", &x, "task"); err != nil {
		return nil, err
	}
	f := &fields{what: "task description"}
	t := &Task{
		ID:         f.required("task_id", x.ID),
		Name:       text(x.Name),
		TypeID:     f.int("task_type_id", x.TypeID),
		Type:       text(x.Type),
		Parameters: parameters(x.Parameters),
		Tags:       texts(x.Tags),
	}
	for _, ix := range x.Inputs {
		in := TaskInput{Name: text(ix.Name)}
		f.what = fmt.Sprintf("task description: input %q", in.Name)
		switch {
		case ix.DataSet != nil:
			in.DataSet = &TaskDataSet{
				DataSetID:      f.required("data_set_id", ix.DataSet.ID),
				TargetFeatures: texts(ix.DataSet.Targets),
			}
		case ix.Estimation != nil:
			e := &EstimationProcedure{
				ID:            f.int64("id", ix.Estimation.ID),
				Type:          text(ix.Estimation.Type),
				DataSplitsURL: text(ix.Estimation.DataSplitsURL),
				Parameters:    parameters(ix.Estimation.Parameters),
			}
			e.Folds = f.int(`parameter name="number_folds"`, e.Param("number_folds"))
			e.Repeats = f.int(`parameter name="number_repeats"`, e.Param("number_repeats"))
			e.Percentage, _ = f.float(`parameter name="percentage"`, e.Param("percentage"))
			e.Stratified = f.bool(`parameter name="stratified_sampling"`, e.Param("stratified_sampling"))
			in.EstimationProcedure = e
		case ix.Measures != nil:
			in.EvaluationMeasures = texts(ix.Measures.Measures)
		case ix.CostMatrix != nil:
			in.CostMatrix = text(*ix.CostMatrix)
		default:
			in.Value = strings.TrimSpace(ix.Value)
		}
		t.Inputs = append(t.Inputs, in)
	}
	for _, ox := range x.Outputs {
		out := TaskOutput{Name: text(ox.Name)}
		f.what = fmt.Sprintf("task description: output %q", out.Name)
		if d := ox.DataSet; d != nil {
			out.DataSet = &TaskDataSet{DataSetID: f.required("data_set_id", d.ID), TargetFeatures: texts(d.Targets)}
		}
		if p := ox.Predictions; p != nil {
			out.Predictions = &Predictions{Format: text(p.Format)}
			for _, fx := range p.Features {
				out.Predictions.Features = append(out.Predictions.Features, PredictionFeature{
					Name:     text(fx.Name),
					Type:     text(fx.Type),
					Required: f.bool(fmt.Sprintf("feature name=%q required", text(fx.Name)), fx.Required),
				})
			}
		}
		t.Outputs = append(t.Outputs, out)
	}
	if f.err != nil {
		return nil, f.err
	}
	return t, nil
}
