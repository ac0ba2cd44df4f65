package openml

import "fmt"

// RunSummary is one entry of a run listing (run/list/…).
type RunSummary struct {
	ID           int64
	TaskID       int64
	TaskTypeID   int
	SetupID      int64
	FlowID       int64
	Uploader     int64
	UploadTime   string
	ErrorMessage string // what the uploader reported as going wrong, if anything
	RunDetails   string
	Tags         []string
}

type runListXML struct {
	Runs []runSummaryXML `xml:"run"`
}

type runSummaryXML struct {
	ID           string   `xml:"run_id"`
	TaskID       string   `xml:"task_id"`
	TaskTypeID   string   `xml:"task_type_id"`
	SetupID      string   `xml:"setup_id"`
	FlowID       string   `xml:"flow_id"`
	Uploader     string   `xml:"uploader"`
	UploadTime   string   `xml:"upload_time"`
	ErrorMessage string   `xml:"error_message"`
	RunDetails   string   `xml:"run_details"`
	Tags         []string `xml:"tag"`
}

// ParseRunList reads a run listing (<oml:runs>). OpenML's "no results"
// answer (error 512) is an empty listing; any other <oml:error> answer is
// returned as *APIError.
func ParseRunList(b []byte) ([]RunSummary, error) {
	var x runListXML
	if empty, err := decodeListing(b, "run listing", &x, "runs", noRunResults); empty || err != nil {
		return nil, err
	}
	out := make([]RunSummary, 0, len(x.Runs))
	f := &fields{}
	for i, rx := range x.Runs {
		f.what = fmt.Sprintf("run listing: entry %d", i+1)
		r := RunSummary{
			ID:           f.required("run_id", rx.ID),
			TaskID:       f.int64("task_id", rx.TaskID),
			TaskTypeID:   f.int("task_type_id", rx.TaskTypeID),
			SetupID:      f.int64("setup_id", rx.SetupID),
			FlowID:       f.int64("flow_id", rx.FlowID),
			Uploader:     f.int64("uploader", rx.Uploader),
			UploadTime:   text(rx.UploadTime),
			ErrorMessage: text(rx.ErrorMessage),
			RunDetails:   text(rx.RunDetails),
			Tags:         texts(rx.Tags),
		}
		if f.err != nil {
			return nil, f.err
		}
		out = append(out, r)
	}
	return out, nil
}

// RunQuery selects the entries of a run listing. OpenML refuses a query
// with no filter at all.
type RunQuery struct {
	Tasks     []int64
	Flows     []int64
	Setups    []int64
	Runs      []int64
	Uploaders []int64
	Tag       string
	Study     int64
	// Limit caps the entries returned (at most MaxRuns), starting after
	// Offset ones. 0 is no limit.
	Limit, Offset int
}

// MaxRuns is the most entries one run listing returns (Api_run.php); a
// larger Limit is refused.
const MaxRuns = 10000

// Path is the API path of the listing, such as
// "run/list/limit/100/offset/0/task/59". The filters come in the order
// openml-python writes them in, so its recorded answers match.
func (q RunQuery) Path() (string, error) {
	p := &pathBuilder{what: "run query"}
	p.page(q.Limit, q.Offset, MaxRuns)
	p.text("tag", "Tag", q.Tag)
	p.id("study", "Study", q.Study)
	p.ids("run", "Runs", q.Runs)
	p.ids("task", "Tasks", q.Tasks)
	p.ids("setup", "Setups", q.Setups)
	p.ids("flow", "Flows", q.Flows)
	p.ids("uploader", "Uploaders", q.Uploaders)
	p.require("give at least a Limit or an id filter: OpenML refuses to list every run")
	return p.path("run/list")
}
