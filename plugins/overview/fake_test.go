package overview_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

// This file makes OpenML listings in the API's XML, at the sizes the
// production server reaches, and a fake host that answers them the way
// the server filters and pages them.

const ns = `xmlns:oml="http://openml.org/openml"`

// fakeDataset is a dataset of a synthetic listing; NaN is a quality the
// server has not computed (it then lists none).
type fakeDataset struct {
	ID                                   int64
	Name, Status                         string
	Instances, Features, Classes         float64
	Numeric, Symbolic, MissingValues     float64
	WithoutQualities, WithoutTypeQuality bool
}

// makeDatasets makes n datasets: about two thirds active, the rest in
// preparation or deactivated; sizes spread over every bin; every 40th
// without qualities and every 97th without its feature types.
func makeDatasets(n int, seed uint64) []fakeDataset {
	rng := rand.New(rand.NewPCG(seed, 1))
	classes := []float64{0, 0, 2, 2, 2, 2, 3, 4, 5, 6, 8, 10, 11, 24, 26, 99, 101, 300}
	out := make([]fakeDataset, n)
	for i := range out {
		d := fakeDataset{ID: int64(i + 1), Name: fmt.Sprintf("set-%d", i+1), Status: "active"}
		switch i % 6 {
		case 4:
			d.Status = "in_preparation"
		case 5:
			d.Status = "deactivated"
		}
		d.Instances = math.Round(math.Pow(10, 1+rng.Float64()*5.6))
		d.Features = math.Round(math.Pow(10, 0.3+rng.Float64()*5.2))
		d.Classes = classes[rng.IntN(len(classes))]
		d.MissingValues = float64(rng.IntN(3) * rng.IntN(1000))
		switch rng.IntN(5) {
		case 0: // nominal only
			d.Numeric, d.Symbolic = 0, d.Features
		case 1, 2: // numeric, the target nominal
			d.Numeric, d.Symbolic = d.Features-1, 1
		case 3: // numeric only
			d.Numeric, d.Symbolic = d.Features, 0
		default:
			d.Symbolic = math.Max(2, math.Floor(d.Features/3))
			d.Numeric = d.Features - d.Symbolic
		}
		d.WithoutQualities = i%40 == 39
		d.WithoutTypeQuality = i%97 == 96
		out[i] = d
	}
	return out
}

func dataListXML(ds []fakeDataset) []byte {
	var b bytes.Buffer
	b.WriteString("<oml:data " + ns + ">\n")
	for _, d := range ds {
		fmt.Fprintf(&b, "  <oml:dataset>\n    <oml:did>%d</oml:did>\n    <oml:name>%s</oml:name>\n    <oml:version>1</oml:version>\n    <oml:status>%s</oml:status>\n    <oml:format>ARFF</oml:format>\n    <oml:file_id>%d</oml:file_id>\n",
			d.ID, esc(d.Name), d.Status, 1000+d.ID)
		if !d.WithoutQualities {
			q := func(name string, v float64) {
				fmt.Fprintf(&b, "    <oml:quality name=%q>%s</oml:quality>\n", name, strconv.FormatFloat(v, 'f', 1, 64))
			}
			q("MajorityClassSize", math.Floor(d.Instances/2))
			q("NumberOfClasses", d.Classes)
			q("NumberOfFeatures", d.Features)
			q("NumberOfInstances", d.Instances)
			q("NumberOfMissingValues", d.MissingValues)
			if !d.WithoutTypeQuality {
				q("NumberOfNumericFeatures", d.Numeric)
				q("NumberOfSymbolicFeatures", d.Symbolic)
			}
		}
		b.WriteString("  </oml:dataset>\n")
	}
	b.WriteString("</oml:data>\n")
	return b.Bytes()
}

// fakeTask is a task of a synthetic listing; Procedure 0 gives it none.
type fakeTask struct {
	ID, DataID int64
	TypeID     int
	DataName   string
	Procedure  int
}

var typeNames = map[int]string{1: "Supervised Classification", 2: "Supervised Regression", 3: "Learning Curve", 5: "Clustering"}

// procedures are the estimation procedures the fake server names, by id.
var procedures = map[int]string{1: "10-fold Crossvalidation", 2: "5 times 2-fold Crossvalidation", 5: "10% Holdout set", 6: "33% Holdout set", 7: "10-fold Crossvalidation", 13: "10-fold Learning Curve", 17: "50 times Clustering"}

// makeTasks makes n tasks of types 1, 2, 3 and 5 on 300 datasets (the
// first datasets have the most tasks), every 50th without a procedure and
// every 333rd with procedure 99, which the server does not name.
func makeTasks(n int, seed uint64) []fakeTask {
	rng := rand.New(rand.NewPCG(seed, 2))
	types := []int{1, 1, 1, 1, 2, 2, 3, 5}
	byType := map[int][]int{1: {1, 1, 2, 5, 6}, 2: {7, 7, 6}, 3: {13}, 5: {17}}
	out := make([]fakeTask, n)
	for i := range out {
		typ := types[rng.IntN(len(types))]
		data := int64(1 + int(300*math.Pow(rng.Float64(), 2)))
		p := byType[typ][rng.IntN(len(byType[typ]))]
		switch {
		case i%50 == 49:
			p = 0
		case i%333 == 332:
			p = 99
		}
		out[i] = fakeTask{ID: int64(2*i + 1), DataID: data, TypeID: typ, DataName: fmt.Sprintf("data-%d", data%250), Procedure: p}
	}
	return out
}

func taskListXML(ts []fakeTask) []byte {
	var b bytes.Buffer
	b.WriteString("<oml:tasks " + ns + ">\n")
	for _, t := range ts {
		fmt.Fprintf(&b, "<oml:task>\n<oml:task_id>%d</oml:task_id>\n<oml:task_type_id>%d</oml:task_type_id>\n<oml:task_type>%s</oml:task_type>\n<oml:did>%d</oml:did>\n<oml:name>%s</oml:name>\n<oml:status>active</oml:status>\n<oml:format>ARFF</oml:format>\n",
			t.ID, t.TypeID, typeNames[t.TypeID], t.DataID, esc(t.DataName))
		if t.Procedure > 0 {
			fmt.Fprintf(&b, "<oml:input name=\"estimation_procedure\">%d</oml:input>\n", t.Procedure)
		}
		fmt.Fprintf(&b, "<oml:input name=\"source_data\">%d</oml:input>\n<oml:input name=\"target_feature\">class</oml:input>\n<oml:quality name=\"NumberOfClasses\">2.0</oml:quality>\n<oml:quality name=\"NumberOfInstances\">%d.0</oml:quality>\n</oml:task>\n", t.DataID, 100+t.DataID)
	}
	b.WriteString("</oml:tasks>\n")
	return b.Bytes()
}

func proceduresXML() []byte {
	var b bytes.Buffer
	b.WriteString("<oml:estimationprocedures " + ns + ">\n")
	ids := make([]int, 0, len(procedures))
	for id := range procedures {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		fmt.Fprintf(&b, "<oml:estimationprocedure>\n<oml:id>%d</oml:id>\n<oml:ttid>1</oml:ttid>\n<oml:name>%s</oml:name>\n<oml:type>crossvalidation</oml:type>\n</oml:estimationprocedure>\n", id, esc(procedures[id]))
	}
	b.WriteString("</oml:estimationprocedures>\n")
	return b.Bytes()
}

func taskTypesXML() []byte {
	var b bytes.Buffer
	b.WriteString("<oml:task_types " + ns + ">\n")
	for _, id := range []int{1, 2, 3, 5} {
		fmt.Fprintf(&b, "<oml:task_type>\n<oml:id>%d</oml:id>\n<oml:name>%s</oml:name>\n<oml:description>x</oml:description>\n<oml:creator>Someone</oml:creator>\n</oml:task_type>\n", id, typeNames[id])
	}
	b.WriteString("</oml:task_types>\n")
	return b.Bytes()
}

// fakeFlow is a flow of a synthetic listing.
type fakeFlow struct {
	ID   int64
	Name string // without the version
}

// flowNames are the names flows are made with, the first most often.
var flowNames = []string{
	"sklearn.pipeline.Pipeline(imputer=sklearn.impute._base.SimpleImputer,estimator=sklearn.ensemble._forest.RandomForestClassifier)",
	"weka.J48",
	"mlr.classif.rpart",
	"sklearn.ensemble._forest.RandomForestClassifier",
	"sklearn.pipeline.Pipeline(imputer=sklearn.impute._base.SimpleImputer,estimator=sklearn.svm._classes.SVC)",
	"weka.RandomForest",
	"moa.HoeffdingTree",
	"mlr.classif.ranger",
	"sklearn.tree._classes.DecisionTreeClassifier",
	"weka.NaiveBayes",
	"openml.evaluation.EuclideanDistance",
	"classif.xgboost",
	"h2o.GBM",
	"keras.Sequential",
	"caret.rf",
	"shogun.SVM",
	"rapidminer.Tree",
	"ZeroR",
}

// makeFlows makes n flows, their names drawn with a skew (the first
// names most often) plus one name of its own every 25th flow.
func makeFlows(n int, seed uint64) []fakeFlow {
	rng := rand.New(rand.NewPCG(seed, 3))
	out := make([]fakeFlow, n)
	for i := range out {
		name := flowNames[int(float64(len(flowNames))*math.Pow(rng.Float64(), 2))]
		if i%25 == 24 {
			name = fmt.Sprintf("weka.Custom%d", i)
		}
		out[i] = fakeFlow{ID: int64(i + 1), Name: name}
	}
	return out
}

func flowListXML(fs []fakeFlow) []byte {
	var b bytes.Buffer
	b.WriteString("<oml:flows " + ns + ">\n")
	for _, f := range fs {
		fmt.Fprintf(&b, "  <oml:flow>\n    <oml:id>%d</oml:id>\n    <oml:full_name>%s(%d)</oml:full_name>\n    <oml:name>%s</oml:name>\n    <oml:version>%d</oml:version>\n    <oml:external_version>v1</oml:external_version>\n    <oml:uploader>%d</oml:uploader>\n  </oml:flow>\n",
			f.ID, esc(f.Name), 1+f.ID%3, esc(f.Name), 1+f.ID%3, 1+f.ID%7)
	}
	b.WriteString("</oml:flows>\n")
	return b.Bytes()
}

// fakeRun is a run of a synthetic listing.
type fakeRun struct {
	ID, Task, Flow int64
	TypeID         int
	Year           int // 0: no upload date
}

// makeRuns makes n runs: task types 1, 2, 3 and 5 (and 0, unknown, every
// 1000th), on 500 tasks and 80 flows with a skew, uploaded 2014 to 2024
// (every 500th without a date).
func makeRuns(n int, seed uint64) []fakeRun {
	rng := rand.New(rand.NewPCG(seed, 4))
	types := []int{1, 1, 1, 1, 1, 2, 2, 3, 5}
	out := make([]fakeRun, n)
	for i := range out {
		r := fakeRun{ID: int64(i + 1), TypeID: types[rng.IntN(len(types))],
			Task: int64(1 + int(500*math.Pow(rng.Float64(), 3))), Flow: int64(100 + int(80*math.Pow(rng.Float64(), 2))),
			Year: 2014 + rng.IntN(11)}
		if i%1000 == 999 {
			r.TypeID = 0
		}
		if i%500 == 0 {
			r.Year = 0
		}
		out[i] = r
	}
	return out
}

func runListXML(rs []fakeRun) []byte {
	var b bytes.Buffer
	b.WriteString("<oml:runs " + ns + ">\n")
	for _, r := range rs {
		fmt.Fprintf(&b, "  <oml:run>\n    <oml:run_id>%d</oml:run_id>\n    <oml:task_id>%d</oml:task_id>\n", r.ID, r.Task)
		if r.TypeID > 0 {
			fmt.Fprintf(&b, "    <oml:task_type_id>%d</oml:task_type_id>\n", r.TypeID)
		}
		fmt.Fprintf(&b, "    <oml:setup_id>%d</oml:setup_id>\n    <oml:flow_id>%d</oml:flow_id>\n    <oml:uploader>%d</oml:uploader>\n", 10*r.Flow+r.ID%10, r.Flow, 1+r.ID%13)
		if r.Year > 0 {
			fmt.Fprintf(&b, "    <oml:upload_time>%d-%02d-%02d 12:00:00</oml:upload_time>\n", r.Year, 1+r.ID%12, 1+r.ID%28)
		}
		b.WriteString("    <oml:error_message></oml:error_message>\n    <oml:run_details></oml:run_details>\n  </oml:run>\n")
	}
	b.WriteString("</oml:runs>\n")
	return b.Bytes()
}

// usersXML names users 1 to n "Person <id>".
func usersXML(n int) []byte {
	var b bytes.Buffer
	b.WriteString("<oml:users " + ns + ">\n")
	for id := 1; id <= n; id++ {
		fmt.Fprintf(&b, "  <oml:user>\n    <oml:id>%d</oml:id>\n    <oml:username>Person %d</oml:username>\n  </oml:user>\n", id, id)
	}
	b.WriteString("</oml:users>\n")
	return b.Bytes()
}

func errorXML(code int, msg string) []byte {
	return fmt.Appendf(nil, "<oml:error %s>\n  <oml:code>%d</oml:code>\n  <oml:message>%s</oml:message>\n</oml:error>\n", ns, code, esc(msg))
}

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// server answers the listings of its entities, filtered and paged as
// OpenML does, and any other path from Answers. A listing path at or
// past an offset in FailFrom (keyed by "data", "task", "flow", "run")
// fails, as a server that stops answering; NoResultsBody hands OpenML's
// "no results" over as the answer's body rather than as a failed fetch.
type server struct {
	Datasets      []fakeDataset
	Tasks         []fakeTask
	Flows         []fakeFlow
	Runs          []fakeRun
	Answers       map[string][]byte
	FailFrom      map[string]int
	NoResultsBody bool

	mu    sync.Mutex
	paths []string
}

// Paths lists the API paths asked for that start with prefix, in order.
func (s *server) Paths(prefix string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, p := range s.paths {
		if strings.HasPrefix(p, prefix) {
			out = append(out, p)
		}
	}
	return out
}

// Host is a fake host answering from s.
func (s *server) Host() *sdktest.Host {
	return &sdktest.Host{FetchFunc: func(_ context.Context, req sdk.FetchRequest) (*sdk.FetchResponse, error) {
		s.mu.Lock()
		s.paths = append(s.paths, req.Path)
		s.mu.Unlock()
		body, err := s.answer(req.Path)
		if err != nil {
			return nil, err
		}
		return &sdk.FetchResponse{Body: body}, nil
	}}
}

func (s *server) answer(path string) ([]byte, error) {
	if b, ok := s.Answers[path]; ok {
		return b, nil
	}
	base, rest, _ := strings.Cut(path, "/list")
	f := map[string]string{}
	parts := strings.Split(strings.Trim(rest, "/"), "/")
	for i := 0; i+1 < len(parts); i += 2 {
		f[parts[i]] = parts[i+1]
	}
	limit, _ := strconv.Atoi(f["limit"])
	offset, _ := strconv.Atoi(f["offset"])
	if from, ok := s.FailFrom[base]; ok && offset >= from {
		return nil, &sdk.FetchError{Code: sdk.FetchUnavailable, Message: "fake server: " + path + ": 503 Service Unavailable"}
	}
	page := func(n int) (int, int, bool) {
		if limit == 0 {
			return 0, n, n > 0
		}
		if offset >= n {
			return 0, 0, false
		}
		return offset, min(n, offset+limit), true
	}
	var body []byte
	code := 0
	switch base {
	case "data":
		var ds []fakeDataset
		for _, d := range s.Datasets {
			if f["status"] == "all" || d.Status == "active" {
				ds = append(ds, d)
			}
		}
		code = 372
		if lo, hi, ok := page(len(ds)); ok {
			body = dataListXML(ds[lo:hi])
		}
	case "task":
		var ts []fakeTask
		typ, _ := strconv.Atoi(f["type"])
		for _, t := range s.Tasks {
			if typ == 0 || t.TypeID == typ {
				ts = append(ts, t)
			}
		}
		code = 482
		if lo, hi, ok := page(len(ts)); ok {
			body = taskListXML(ts[lo:hi])
		}
	case "flow":
		code = 500
		if lo, hi, ok := page(len(s.Flows)); ok {
			body = flowListXML(s.Flows[lo:hi])
		}
	case "run":
		if limit > 10000 {
			return errorXML(516, "Requested result limit too high."), nil
		}
		code = 512
		if lo, hi, ok := page(len(s.Runs)); ok {
			body = runListXML(s.Runs[lo:hi])
		}
	default:
		return nil, &sdk.FetchError{Code: sdk.FetchNotFound, Message: "fake server: no answer for " + path}
	}
	if body != nil {
		return body, nil
	}
	if s.NoResultsBody {
		return errorXML(code, "No results"), nil
	}
	return nil, &sdk.FetchError{Code: sdk.FetchFailed, Message: fmt.Sprintf("OpenML answered with error %d: No results", code), OpenMLCode: code}
}
