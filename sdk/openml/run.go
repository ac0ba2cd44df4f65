package openml

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Run is a run (a flow applied to a task), the answer of run/<id>.
type Run struct {
	ID                    int64
	Uploader              int64
	UploaderName          string
	TaskID                int64
	TaskType              string
	TaskEvaluationMeasure string
	FlowID                int64
	FlowName              string
	SetupID               int64
	SetupString           string
	// Error is the server's message when the run failed to evaluate.
	Error string
	// ErrorMessage is what the uploader reported as going wrong during the
	// run; RunDetails is anything else they noted for reproducing it.
	ErrorMessage      string
	RunDetails        string
	ParameterSettings []ParameterSetting
	Tags              []string
	InputData         []RunDataset
	OutputFiles       []RunFile
	// Evaluations holds the whole-run values and, after them, the per-fold
	// ones, in the order the server lists them.
	Evaluations []Evaluation
}

// ParameterSetting is the value a run gave one hyperparameter; Component
// names the sub-flow it belongs to, when the server says.
type ParameterSetting struct {
	Name      string
	Value     string
	Component string
}

// RunDataset is a dataset a run used.
type RunDataset struct {
	ID   int64
	Name string
	URL  string
}

// RunFile is a file a run produced, such as its "predictions".
type RunFile struct {
	DID    int64 // deprecated by the server; often -1
	FileID int64
	Name   string
	URL    string
}

// Evaluation is one evaluation measure of a run. Repeat, Fold and Sample
// are -1 unless the value is for one repeat, fold or learning-curve sample.
type Evaluation struct {
	Name      string
	FlowID    int64  // the flow implementing the measure
	Flow      string // the same, named, when the server names it instead
	Label     string
	DataID    int64 // the dataset evaluated on, when the server says
	Value     float64
	HasValue  bool // false for measures given only as ArrayData
	StdDev    float64
	HasStdDev bool
	// ArrayData is per-class (or matrix) data as the server wrote it,
	// e.g. "[1,0.94,0.94]"; see Values and Matrix.
	ArrayData string
	Repeat    int
	Fold      int
	Sample    int
	// SampleSize is the number of training instances of a learning-curve
	// sample, when the server says.
	SampleSize int64
	// IntervalStart and IntervalEnd bound the instances of a data-stream
	// evaluation, when HasInterval.
	IntervalStart int64
	IntervalEnd   int64
	HasInterval   bool
}

// PerFold reports whether e is the value of one fold (or repeat or
// sample) rather than of the whole run.
func (e Evaluation) PerFold() bool { return e.Repeat >= 0 || e.Fold >= 0 || e.Sample >= 0 }

// Evaluation returns the whole-run evaluation called name.
func (r *Run) Evaluation(name string) (Evaluation, bool) {
	for _, e := range r.Evaluations {
		if e.Name == name && !e.PerFold() {
			return e, true
		}
	}
	return Evaluation{}, false
}

// FoldEvaluations returns the per-fold evaluations called name.
func (r *Run) FoldEvaluations(name string) []Evaluation {
	var out []Evaluation
	for _, e := range r.Evaluations {
		if e.Name == name && e.PerFold() {
			out = append(out, e)
		}
	}
	return out
}

// File returns the output file called name ("predictions", "description").
func (r *Run) File(name string) (RunFile, bool) {
	for _, f := range r.OutputFiles {
		if f.Name == name {
			return f, true
		}
	}
	return RunFile{}, false
}

// Values reads flat ArrayData ("[1,0.94,0.94]"). Entries that are not
// numbers (the server writes NaN in various ways) become NaN; an empty
// ArrayData gives nil.
func (e Evaluation) Values() ([]float64, error) {
	m, err := parseArray(e.ArrayData)
	if err != nil || m == nil {
		return nil, err
	}
	if m.nested {
		return nil, fmt.Errorf("evaluation %s: array data is a matrix, not a list", e.Name)
	}
	return m.rows[0], nil
}

// Matrix reads ArrayData that is a list of lists, such as a confusion
// matrix; a flat list becomes one row. Entries that are not numbers
// become NaN.
func (e Evaluation) Matrix() ([][]float64, error) {
	m, err := parseArray(e.ArrayData)
	if err != nil || m == nil {
		return nil, err
	}
	return m.rows, nil
}

type array struct {
	nested bool
	rows   [][]float64
}

func parseArray(s string) (*array, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	if !strings.HasPrefix(s, "[") || !strings.HasSuffix(s, "]") {
		return nil, fmt.Errorf("array data %q is not a [list]", shorten(s))
	}
	inner := strings.TrimSpace(s[1 : len(s)-1])
	if !strings.HasPrefix(inner, "[") {
		if strings.ContainsAny(inner, "[]") {
			return nil, fmt.Errorf("array data %q mixes numbers and lists", shorten(s))
		}
		return &array{rows: [][]float64{numbers(inner)}}, nil
	}
	a := &array{nested: true}
	for inner != "" {
		if !strings.HasPrefix(inner, "[") {
			return nil, fmt.Errorf("array data %q mixes numbers and lists", shorten(s))
		}
		end := strings.IndexByte(inner, ']')
		if end < 0 {
			return nil, fmt.Errorf("array data %q has an unclosed [", shorten(s))
		}
		row := inner[1:end]
		if strings.ContainsRune(row, '[') {
			return nil, fmt.Errorf("array data %q nests deeper than a matrix", shorten(s))
		}
		a.rows = append(a.rows, numbers(row))
		inner = strings.TrimSpace(inner[end+1:])
		inner = strings.TrimSpace(strings.TrimPrefix(inner, ","))
	}
	return a, nil
}

func numbers(s string) []float64 {
	if strings.TrimSpace(s) == "" {
		return []float64{}
	}
	parts := strings.Split(s, ",")
	out := make([]float64, len(parts))
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			v = math.NaN()
		}
		out[i] = v
	}
	return out
}

func shorten(s string) string {
	if len(s) > 40 {
		return s[:37] + "..."
	}
	return s
}

type runXML struct {
	ID                    string   `xml:"run_id"`
	Uploader              string   `xml:"uploader"`
	UploaderName          string   `xml:"uploader_name"`
	TaskID                string   `xml:"task_id"`
	TaskType              string   `xml:"task_type"`
	TaskEvaluationMeasure string   `xml:"task_evaluation_measure"`
	FlowID                string   `xml:"flow_id"`
	ImplementationID      string   `xml:"implementation_id"`
	FlowName              string   `xml:"flow_name"`
	SetupID               string   `xml:"setup_id"`
	SetupString           string   `xml:"setup_string"`
	Error                 string   `xml:"error"`
	ErrorMessage          string   `xml:"error_message"`
	RunDetails            string   `xml:"run_details"`
	Tags                  []string `xml:"tag"`
	Parameters            []struct {
		Name      string `xml:"name"`
		Value     string `xml:"value"`
		Component string `xml:"component"`
	} `xml:"parameter_setting"`
	InputData []struct {
		DID  string `xml:"did"`
		Name string `xml:"name"`
		URL  string `xml:"url"`
	} `xml:"input_data>dataset"`
	OutputFiles []struct {
		DID    string `xml:"did"`
		FileID string `xml:"file_id"`
		Name   string `xml:"name"`
		URL    string `xml:"url"`
	} `xml:"output_data>file"`
	Evaluations []evaluationXML `xml:"output_data>evaluation"`
}

type evaluationXML struct {
	Repeat         string `xml:"repeat,attr"`
	Fold           string `xml:"fold,attr"`
	Sample         string `xml:"sample,attr"`
	IntervalStart  string `xml:"interval_start,attr"`
	IntervalEnd    string `xml:"interval_end,attr"`
	DataID         string `xml:"did"`
	Name           string `xml:"name"`
	FlowID         string `xml:"flow_id"`
	Flow           string `xml:"flow"`
	Implementation string `xml:"implementation"`
	Label          string `xml:"label"`
	Value          string `xml:"value"`
	StdDev         string `xml:"stdev"`
	ArrayData      string `xml:"array_data"`
	SampleSize     string `xml:"sample_size"`
}

// ParseRun reads a run description (<oml:run>). An <oml:error> answer is
// returned as *APIError.
func ParseRun(b []byte) (*Run, error) {
	var x runXML
	if err := decode(b, "run description", &x, "run"); err != nil {
		return nil, err
	}
	f := &fields{what: "run description"}
	flowID := x.FlowID
	if text(flowID) == "" {
		flowID = x.ImplementationID
	}
	r := &Run{
		ID:                    f.required("run_id", x.ID),
		Uploader:              f.int64("uploader", x.Uploader),
		UploaderName:          text(x.UploaderName),
		TaskID:                f.required("task_id", x.TaskID),
		TaskType:              text(x.TaskType),
		TaskEvaluationMeasure: text(x.TaskEvaluationMeasure),
		FlowID:                f.required("flow_id", flowID),
		FlowName:              text(x.FlowName),
		SetupID:               f.int64("setup_id", x.SetupID),
		SetupString:           text(x.SetupString),
		Error:                 text(x.Error),
		ErrorMessage:          text(x.ErrorMessage),
		RunDetails:            text(x.RunDetails),
		Tags:                  texts(x.Tags),
	}
	for _, p := range x.Parameters {
		r.ParameterSettings = append(r.ParameterSettings, ParameterSetting{
			Name: text(p.Name), Value: text(p.Value), Component: text(p.Component),
		})
	}
	for i, d := range x.InputData {
		f.what = fmt.Sprintf("run description: input dataset %d", i+1)
		r.InputData = append(r.InputData, RunDataset{ID: f.int64("did", d.DID), Name: text(d.Name), URL: text(d.URL)})
	}
	for _, o := range x.OutputFiles {
		f.what = fmt.Sprintf("run description: output file %q", text(o.Name))
		r.OutputFiles = append(r.OutputFiles, RunFile{
			DID: f.int64("did", o.DID), FileID: f.int64("file_id", o.FileID), Name: text(o.Name), URL: text(o.URL),
		})
	}
	for _, ex := range x.Evaluations {
		f.what = fmt.Sprintf("run description: evaluation %q", text(ex.Name))
		flow := ex.FlowID
		if text(flow) == "" {
			flow = ex.Implementation
		}
		e := Evaluation{
			Name:       text(ex.Name),
			FlowID:     f.int64("flow_id", flow),
			Flow:       text(ex.Flow),
			Label:      text(ex.Label),
			DataID:     f.int64("did", ex.DataID),
			ArrayData:  text(ex.ArrayData),
			Repeat:     attrIndex(f, "repeat", ex.Repeat),
			Fold:       attrIndex(f, "fold", ex.Fold),
			Sample:     attrIndex(f, "sample", ex.Sample),
			SampleSize: f.int64("sample_size", ex.SampleSize),
		}
		if text(ex.IntervalStart) != "" || text(ex.IntervalEnd) != "" {
			e.IntervalStart = f.int64("interval_start", ex.IntervalStart)
			e.IntervalEnd = f.int64("interval_end", ex.IntervalEnd)
			e.HasInterval = true
		}
		if e.PerFold() {
			f.what += fmt.Sprintf(" repeat %d fold %d", e.Repeat, e.Fold)
		}
		e.Value, e.HasValue = f.float("value", ex.Value)
		e.StdDev, e.HasStdDev = f.float("stdev", ex.StdDev)
		r.Evaluations = append(r.Evaluations, e)
	}
	if f.err != nil {
		return nil, f.err
	}
	return r, nil
}

// attrIndex reads a repeat/fold/sample attribute: -1 when absent.
func attrIndex(f *fields, name, s string) int {
	if text(s) == "" {
		return -1
	}
	n, err := strconv.Atoi(text(s))
	if err != nil || n < 0 {
		f.failf("attribute %s=%q is not a whole number of 0 or more", name, text(s))
		return -1
	}
	return n
}
