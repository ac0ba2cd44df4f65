package openml

import "fmt"

// Study is a collection of OpenML entities, the answer of study/<id>. A
// benchmark suite is a study of tasks (MainEntityType "task"); a study of
// runs (MainEntityType "run") may name the suite its runs were made on.
type Study struct {
	ID             int64
	Alias          string
	MainEntityType string // "task" or "run"
	BenchmarkSuite int64  // the suite a run study belongs to; 0 for none
	Name           string
	Description    string
	Visibility     string
	Status         string // "in_preparation", "active", "deactivated"
	CreationDate   string
	Creator        int64
	// Tags are those of legacy studies, which collected entities by tag.
	Tags     []StudyTag
	DataIDs  []int64
	TaskIDs  []int64
	FlowIDs  []int64
	SetupIDs []int64
	RunIDs   []int64
}

// IsSuite reports whether the study is a benchmark suite (a study of
// tasks).
func (s *Study) IsSuite() bool { return s.MainEntityType == "task" }

// StudyTag is a tag a legacy study collects entities by, optionally only
// those tagged within a window of time.
type StudyTag struct {
	Name        string
	WindowStart string
	WindowEnd   string
	WriteAccess string
}

type studyXML struct {
	ID             string        `xml:"id"`
	Alias          string        `xml:"alias"`
	MainEntityType string        `xml:"main_entity_type"`
	BenchmarkSuite string        `xml:"benchmark_suite"`
	Name           string        `xml:"name"`
	Description    string        `xml:"description"`
	Visibility     string        `xml:"visibility"`
	Status         string        `xml:"status"`
	CreationDate   string        `xml:"creation_date"`
	Creator        string        `xml:"creator"`
	Tags           []studyTagXML `xml:"tag"`
	DataIDs        []string      `xml:"data>data_id"`
	TaskIDs        []string      `xml:"tasks>task_id"`
	FlowIDs        []string      `xml:"flows>flow_id"`
	SetupIDs       []string      `xml:"setups>setup_id"`
	RunIDs         []string      `xml:"runs>run_id"`
}

type studyTagXML struct {
	Name        string `xml:"name"`
	WindowStart string `xml:"window_start"`
	WindowEnd   string `xml:"window_end"`
	WriteAccess string `xml:"write_access"`
}

// ParseStudy reads a study or benchmark suite (<oml:study>). An
// <oml:error> answer is returned as *APIError.
func ParseStudy(b []byte) (*Study, error) {
	var x studyXML
	if err := decode(b, "study", &x, "study"); err != nil {
		return nil, err
	}
	f := &fields{what: "study"}
	s := &Study{
		ID:             f.required("id", x.ID),
		Alias:          text(x.Alias),
		MainEntityType: text(x.MainEntityType),
		BenchmarkSuite: f.int64("benchmark_suite", x.BenchmarkSuite),
		Name:           text(x.Name),
		Description:    text(x.Description),
		Visibility:     text(x.Visibility),
		Status:         text(x.Status),
		CreationDate:   text(x.CreationDate),
		Creator:        f.int64("creator", x.Creator),
		DataIDs:        idList(f, "data_id", x.DataIDs),
		TaskIDs:        idList(f, "task_id", x.TaskIDs),
		FlowIDs:        idList(f, "flow_id", x.FlowIDs),
		SetupIDs:       idList(f, "setup_id", x.SetupIDs),
		RunIDs:         idList(f, "run_id", x.RunIDs),
	}
	for _, tx := range x.Tags {
		s.Tags = append(s.Tags, StudyTag{
			Name: text(tx.Name), WindowStart: text(tx.WindowStart), WindowEnd: text(tx.WindowEnd), WriteAccess: text(tx.WriteAccess),
		})
	}
	if f.err != nil {
		return nil, f.err
	}
	return s, nil
}

// idList reads repeated id elements, skipping blank ones.
func idList(f *fields, elem string, ss []string) []int64 {
	var out []int64
	for _, s := range ss {
		if text(s) != "" {
			out = append(out, f.int64(elem, s))
		}
	}
	return out
}

// StudySummary is one entry of a study listing (study/list/…).
type StudySummary struct {
	ID             int64
	Alias          string
	MainEntityType string
	BenchmarkSuite int64
	Name           string
	Status         string
	CreationDate   string
	Creator        int64
}

type studyListXML struct {
	Studies []studySummaryXML `xml:"study"`
}

type studySummaryXML struct {
	ID             string `xml:"id"`
	Alias          string `xml:"alias"`
	MainEntityType string `xml:"main_entity_type"`
	BenchmarkSuite string `xml:"benchmark_suite"`
	Name           string `xml:"name"`
	Status         string `xml:"status"`
	CreationDate   string `xml:"creation_date"`
	Creator        string `xml:"creator"`
}

// ParseStudyList reads a study listing (<oml:study_list>). OpenML's "no
// results" answer (error 599) is an empty listing; any other <oml:error>
// answer is returned as *APIError.
func ParseStudyList(b []byte) ([]StudySummary, error) {
	var x studyListXML
	if empty, err := decodeListing(b, "study listing", &x, "study_list", noStudyResults); empty || err != nil {
		return nil, err
	}
	out := make([]StudySummary, 0, len(x.Studies))
	f := &fields{}
	for i, sx := range x.Studies {
		f.what = fmt.Sprintf("study listing: entry %d", i+1)
		s := StudySummary{
			ID:             f.required("id", sx.ID),
			Alias:          text(sx.Alias),
			MainEntityType: text(sx.MainEntityType),
			BenchmarkSuite: f.int64("benchmark_suite", sx.BenchmarkSuite),
			Name:           text(sx.Name),
			Status:         text(sx.Status),
			CreationDate:   text(sx.CreationDate),
			Creator:        f.int64("creator", sx.Creator),
		}
		if f.err != nil {
			return nil, f.err
		}
		out = append(out, s)
	}
	return out, nil
}

// StudyQuery selects the entries of a study listing; its zero value lists
// the active studies.
type StudyQuery struct {
	MainEntityType string // "task" for benchmark suites, "run" for run studies
	Uploaders      []int64
	Status         string // "active" (the server's default), "in_preparation", "deactivated", "all"
	BenchmarkSuite int64  // run studies on this suite
	// Limit caps the entries returned, starting after Offset ones. 0 is
	// no limit.
	Limit, Offset int
}

// Path is the API path of the listing, such as "study/list/main_entity_type/task".
func (q StudyQuery) Path() (string, error) {
	p := &pathBuilder{what: "study query"}
	p.page(q.Limit, q.Offset, 0)
	p.text("main_entity_type", "MainEntityType", q.MainEntityType)
	p.ids("uploader", "Uploaders", q.Uploaders)
	p.text("status", "Status", q.Status)
	p.id("benchmark_suite", "BenchmarkSuite", q.BenchmarkSuite)
	return p.path("study/list")
}
