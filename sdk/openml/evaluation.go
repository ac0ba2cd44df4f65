package openml

import "fmt"

// RunEvaluation is one entry of an evaluation listing
// (evaluation/list/…): the value of one evaluation measure (Function) for
// one run, with what the run was made of.
type RunEvaluation struct {
	RunID              int64
	TaskID             int64
	SetupID            int64
	FlowID             int64
	FlowName           string
	DataID             int64 // 0 when the server leaves it out
	DataName           string
	Function           string // the measure, e.g. "predictive_accuracy"
	UploadTime         string // as the server wrote it
	Uploader           int64
	EvaluationEngineID int64
	// Value is meaningful only when HasValue: per-fold listings and
	// measures given only per class have none.
	Value    float64
	HasValue bool
	// ArrayData is the per-class value as the server wrote it, e.g.
	// "[0.98,0.91,0.94]"; see ClassValues.
	ArrayData string
	// FoldData is <oml:values>, the value of each fold as the server
	// wrote it, present when the listing asked for per_fold/true; see
	// FoldValues.
	FoldData string
}

// ClassValues reads ArrayData: one value per class, in the order of the
// target's nominal values. Entries that are not numbers become NaN; an
// empty ArrayData gives nil.
func (e RunEvaluation) ClassValues() ([]float64, error) {
	return Evaluation{Name: e.Function, ArrayData: e.ArrayData}.Values()
}

// FoldValues reads FoldData: the value of each fold, repeats one after
// the other. Entries that are not numbers become NaN; an empty FoldData
// gives nil.
func (e RunEvaluation) FoldValues() ([]float64, error) {
	m, err := Evaluation{Name: e.Function, ArrayData: e.FoldData}.Matrix()
	if err != nil || m == nil {
		return nil, err
	}
	var out []float64
	for _, row := range m {
		out = append(out, row...)
	}
	return out, nil
}

type evaluationsXML struct {
	Evaluations []evaluationListXML `xml:"evaluation"`
}

type evaluationListXML struct {
	RunID              string `xml:"run_id"`
	TaskID             string `xml:"task_id"`
	SetupID            string `xml:"setup_id"`
	FlowID             string `xml:"flow_id"`
	FlowName           string `xml:"flow_name"`
	DataID             string `xml:"data_id"`
	DataName           string `xml:"data_name"`
	Function           string `xml:"function"`
	UploadTime         string `xml:"upload_time"`
	Uploader           string `xml:"uploader"`
	EvaluationEngineID string `xml:"evaluation_engine_id"`
	Value              string `xml:"value"`
	ArrayData          string `xml:"array_data"`
	Values             string `xml:"values"`
}

// ParseEvaluations reads an evaluation listing (<oml:evaluations>), in
// the server's order (by value when the listing asked for a sort order).
// OpenML's "no results" answer (error 542) is an empty listing; any other
// <oml:error> answer is returned as *APIError.
func ParseEvaluations(b []byte) ([]RunEvaluation, error) {
	var x evaluationsXML
	if empty, err := decodeListing(b, "evaluation listing", &x, "evaluations", noEvaluationResults); empty || err != nil {
		return nil, err
	}
	out := make([]RunEvaluation, 0, len(x.Evaluations))
	f := &fields{}
	for i, ex := range x.Evaluations {
		f.what = fmt.Sprintf("evaluation listing: entry %d", i+1)
		e := RunEvaluation{
			RunID:              f.required("run_id", ex.RunID),
			TaskID:             f.int64("task_id", ex.TaskID),
			SetupID:            f.int64("setup_id", ex.SetupID),
			FlowID:             f.int64("flow_id", ex.FlowID),
			FlowName:           text(ex.FlowName),
			DataID:             f.int64("data_id", ex.DataID),
			DataName:           text(ex.DataName),
			Function:           text(ex.Function),
			UploadTime:         text(ex.UploadTime),
			Uploader:           f.int64("uploader", ex.Uploader),
			EvaluationEngineID: f.int64("evaluation_engine_id", ex.EvaluationEngineID),
			ArrayData:          text(ex.ArrayData),
			FoldData:           text(ex.Values),
		}
		e.Value, e.HasValue = f.float("value", ex.Value)
		if f.err != nil {
			return nil, f.err
		}
		out = append(out, e)
	}
	return out, nil
}

// EvaluationQuery selects the entries of an evaluation listing. The zero
// value of a field filters nothing; OpenML refuses a query with no filter
// at all.
type EvaluationQuery struct {
	Function  string // the measure, e.g. "predictive_accuracy"
	Tasks     []int64
	Flows     []int64
	Runs      []int64
	Setups    []int64
	Uploaders []int64
	Tag       string // runs with this tag
	Study     int64  // runs of this study
	// PerFold asks for the value of each fold (RunEvaluation.FoldData)
	// instead of the whole-run value. OpenML allows it only on a narrow
	// query.
	PerFold bool
	// Limit caps the entries returned (at most MaxEvaluations), starting
	// after Offset ones. 0 is no limit.
	Limit, Offset int
	// SortOrder sorts by value: "asc", "desc", or "" for the server's order.
	SortOrder string
}

// MaxEvaluations is the most entries one evaluation listing returns
// (Api_evaluation.php: $result_limit); a larger Limit is refused.
const MaxEvaluations = 10000

// Path is the API path of the listing, such as
// "evaluation/list/function/predictive_accuracy/limit/1000/offset/0/task/59/sort_order/desc".
// The filters come in a fixed order so equal queries share a cache entry;
// it is the order openml-python writes them in, so its recorded answers
// match.
func (q EvaluationQuery) Path() (string, error) {
	p := &pathBuilder{what: "evaluation query"}
	p.text("function", "Function", q.Function)
	p.page(q.Limit, q.Offset, MaxEvaluations)
	p.text("tag", "Tag", q.Tag)
	p.id("study", "Study", q.Study)
	if q.PerFold {
		p.option("per_fold", "true")
	}
	p.ids("run", "Runs", q.Runs)
	p.ids("task", "Tasks", q.Tasks)
	p.ids("setup", "Setups", q.Setups)
	p.ids("flow", "Flows", q.Flows)
	p.ids("uploader", "Uploaders", q.Uploaders)
	switch q.SortOrder {
	case "":
	case "asc", "desc":
		p.option("sort_order", q.SortOrder)
	default:
		p.failf(`SortOrder is %q; use "asc", "desc" or ""`, q.SortOrder)
	}
	p.require("give at least a Function, a Limit or an id filter: OpenML refuses to list every evaluation")
	return p.path("evaluation/list")
}

type evaluationMeasuresXML struct {
	Measures []string `xml:"measures>measure"`
}

// ParseEvaluationMeasures reads the list of evaluation measure names
// (<oml:evaluation_measures>, the answer of evaluationmeasure/list).
func ParseEvaluationMeasures(b []byte) ([]string, error) {
	var x evaluationMeasuresXML
	if err := decode(b, "evaluation measures", &x, "evaluation_measures"); err != nil {
		return nil, err
	}
	return texts(x.Measures), nil
}
