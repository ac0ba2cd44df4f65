// Package evalviewtest makes OpenML listings for the task and flow pages'
// tests: runs at the sizes popular tasks and flows reach, written in the
// API's XML, and a fake host that answers evaluation, setup, task and
// user listings from them the way the server filters, sorts and pages.
// Production evaluation listings are not recorded, so tests make their own.
package evalviewtest

import (
	"bytes"
	"cmp"
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
	"github.com/openml-dash/openml-dash/sdk/openml"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

const ns = `xmlns:oml="http://openml.org/openml"`

// Flow is a flow runs are made with.
type Flow struct {
	ID   int64
	Name string // as listings write it, with the version: "weka.J48(1)"
}

// Task is a task runs are made on.
type Task struct {
	ID       int64
	TypeID   int
	DataID   int64
	DataName string
}

// Spec describes the runs Runs makes.
type Spec struct {
	N        int
	Seed     uint64
	Function string
	Flows    []Flow
	Tasks    []Task
	// Uploaders are picked with a skew: the first ones upload most.
	Uploaders int
	// Value gives run i's value; nil gives scores in (0.5, 1).
	Value func(rng *rand.Rand, i int) float64
	// FirstRun is the first run id; run ids then rise by 3.
	FirstRun int64
}

// Runs makes spec.N evaluations: each of a random flow on a random task,
// uploaded between 2014 and 2024, with setup id flow*100 + 0..49.
func Runs(spec Spec) []openml.RunEvaluation {
	rng := rand.New(rand.NewPCG(spec.Seed, uint64(spec.N)))
	first := cmp.Or(spec.FirstRun, 1_000_000)
	out := make([]openml.RunEvaluation, spec.N)
	for i := range out {
		f := spec.Flows[rng.IntN(len(spec.Flows))]
		t := spec.Tasks[rng.IntN(len(spec.Tasks))]
		v := 0.5 + rng.Float64()/2
		if spec.Value != nil {
			v = spec.Value(rng, i)
		}
		up := int64(1 + int(math.Floor(float64(max(1, spec.Uploaders))*math.Pow(rng.Float64(), 3))))
		day := rng.IntN(3650)
		out[i] = openml.RunEvaluation{
			RunID: first + int64(i)*3, TaskID: t.ID, SetupID: f.ID*100 + int64(rng.IntN(50)),
			FlowID: f.ID, FlowName: f.Name, DataID: t.DataID, DataName: t.DataName,
			Function: spec.Function, Uploader: up, EvaluationEngineID: 1,
			UploadTime: fmt.Sprintf("%s %02d:%02d:%02d", dateAfter2014(day), rng.IntN(24), rng.IntN(60), rng.IntN(60)),
			Value:      v, HasValue: true,
		}
	}
	return out
}

func dateAfter2014(day int) string {
	y, d := 2014, day
	for {
		n := 365
		if y%4 == 0 {
			n = 366
		}
		if d < n {
			break
		}
		d -= n
		y++
	}
	m, days := 1, []int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	if y%4 == 0 {
		days[1] = 29
	}
	for d >= days[m-1] {
		d -= days[m-1]
		m++
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d+1)
}

// SklearnFlows are n scikit-learn flows with the long names OpenML gives
// them. Flows 0 and 1 are two versions of one pipeline, so their names
// shorten alike.
func SklearnFlows(n int, firstID int64) []Flow {
	estimators := []string{
		"sklearn.ensemble._forest.RandomForestClassifier", "sklearn.svm._classes.SVC",
		"sklearn.linear_model._logistic.LogisticRegression", "sklearn.neighbors._classification.KNeighborsClassifier",
		"sklearn.tree._classes.DecisionTreeClassifier", "sklearn.ensemble._gb.GradientBoostingClassifier",
		"sklearn.naive_bayes.GaussianNB",
	}
	out := make([]Flow, n)
	for i := range out {
		est := estimators[(max(i, 1)-1)%len(estimators)]
		name := "sklearn.pipeline.Pipeline(imputer=sklearn.impute._base.SimpleImputer,estimator=" + est + ")"
		if i >= 2*len(estimators) {
			name = "sklearn.pipeline.Pipeline(columntransformer=sklearn.compose._column_transformer.ColumnTransformer(num=sklearn.preprocessing._data.StandardScaler,cat=sklearn.preprocessing._encoders.OneHotEncoder),estimator=" + est + ")"
		}
		if i >= 4*len(estimators) {
			name = est
		}
		version := 1
		if i == 1 {
			version = 2
		}
		out[i] = Flow{ID: firstID + int64(i), Name: fmt.Sprintf("%s(%d)", name, version)}
	}
	return out
}

// EvaluationsXML writes evals as an evaluation listing.
func EvaluationsXML(evals []openml.RunEvaluation) []byte {
	var b bytes.Buffer
	b.WriteString("<oml:evaluations " + ns + ">\n")
	for _, e := range evals {
		fmt.Fprintf(&b, "  <oml:evaluation>\n    <oml:run_id>%d</oml:run_id>\n    <oml:uploader>%d</oml:uploader>\n    <oml:task_id>%d</oml:task_id>\n    <oml:setup_id>%d</oml:setup_id>\n    <oml:flow_id>%d</oml:flow_id>\n    <oml:flow_name>%s</oml:flow_name>\n",
			e.RunID, e.Uploader, e.TaskID, e.SetupID, e.FlowID, esc(e.FlowName))
		if e.DataID != 0 {
			fmt.Fprintf(&b, "        <oml:data_id>%d</oml:data_id>    <oml:data_name>%s</oml:data_name>", e.DataID, esc(e.DataName))
		}
		fmt.Fprintf(&b, "    <oml:evaluation_engine_id>%d</oml:evaluation_engine_id>\n    <oml:function>%s</oml:function>\n    <oml:upload_time>%s</oml:upload_time>\n",
			e.EvaluationEngineID, esc(e.Function), e.UploadTime)
		if e.HasValue {
			fmt.Fprintf(&b, "    <oml:value>%s</oml:value>", strconv.FormatFloat(e.Value, 'g', -1, 64))
		}
		if e.ArrayData != "" {
			fmt.Fprintf(&b, "          <oml:array_data>%s</oml:array_data>", e.ArrayData)
		}
		b.WriteString("\n  </oml:evaluation>\n")
	}
	b.WriteString("</oml:evaluations>\n")
	return b.Bytes()
}

// TasksXML writes tasks as a task listing.
func TasksXML(tasks []Task) []byte {
	var b bytes.Buffer
	b.WriteString("<oml:tasks " + ns + ">\n")
	for _, t := range tasks {
		fmt.Fprintf(&b, "  <oml:task>\n    <oml:task_id>%d</oml:task_id>\n    <oml:task_type_id>%d</oml:task_type_id>\n    <oml:task_type>%s</oml:task_type>\n    <oml:did>%d</oml:did>\n    <oml:name>%s</oml:name>\n    <oml:status>active</oml:status>\n    <oml:format>ARFF</oml:format>\n        <oml:input name=\"source_data\">%d</oml:input>\n        <oml:quality name=\"NumberOfInstances\">150.0</oml:quality>\n  </oml:task>\n",
			t.ID, t.TypeID, typeName(t.TypeID), t.DataID, esc(t.DataName), t.DataID)
	}
	b.WriteString("</oml:tasks>\n")
	return b.Bytes()
}

func typeName(id int) string {
	names := []string{"", "Supervised Classification", "Supervised Regression", "Learning Curve",
		"Supervised Data Stream Classification", "Clustering", "Machine Learning Challenge",
		"Survival Analysis", "Subgroup Discovery", "Multitask Regression"}
	if id > 0 && id < len(names) {
		return names[id]
	}
	return ""
}

// SetupsXML writes setups as a setup listing.
func SetupsXML(setups []openml.Setup) []byte {
	var b bytes.Buffer
	b.WriteString("<oml:setups " + ns + ">\n")
	for _, s := range setups {
		fmt.Fprintf(&b, "<oml:setup>\n  <oml:setup_id>%d</oml:setup_id>\n  <oml:flow_id>%d</oml:flow_id>\n", s.ID, s.FlowID)
		for _, p := range s.Parameters {
			fmt.Fprintf(&b, "\t<oml:parameter>\n\t\t<oml:id>%d</oml:id>\n\t\t<oml:flow_id>%d</oml:flow_id>\n\t\t<oml:flow_name>%s</oml:flow_name>\n\t\t<oml:full_name>%s</oml:full_name>\n\t\t<oml:parameter_name>%s</oml:parameter_name>\n\t\t<oml:data_type>%s</oml:data_type>\n\t\t<oml:default_value>%s</oml:default_value>\n\t\t<oml:value>%s</oml:value>\n\t</oml:parameter>\n",
				p.ID, p.FlowID, esc(p.FlowName), esc(p.FullName), esc(p.Name), esc(p.DataType), esc(p.DefaultValue), esc(p.Value))
		}
		b.WriteString("</oml:setup>\n")
	}
	b.WriteString("</oml:setups>\n")
	return b.Bytes()
}

// UsersXML writes users as a user listing.
func UsersXML(users []openml.User) []byte {
	var b bytes.Buffer
	b.WriteString("<oml:users " + ns + ">\n")
	for _, u := range users {
		fmt.Fprintf(&b, "  <oml:user>\n    <oml:id>%d</oml:id>\n    <oml:username>%s</oml:username>\n  </oml:user>\n", u.ID, esc(u.Username))
	}
	b.WriteString("</oml:users>\n")
	return b.Bytes()
}

// ErrorXML is an <oml:error> answer.
func ErrorXML(code int, msg string) []byte {
	return fmt.Appendf(nil, "<oml:error %s>\n  <oml:code>%d</oml:code>\n  <oml:message>%s</oml:message>\n</oml:error>\n", ns, code, esc(msg))
}

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// Server answers listings from its runs, tasks, setups and users, and
// any other path from Answers. Fail makes a path fail, FailPrefix every
// path that starts with a key.
type Server struct {
	Evals      []openml.RunEvaluation
	Tasks      []Task
	Setups     []openml.Setup
	Users      []openml.User
	Answers    map[string][]byte
	Fail       map[string]error
	FailPrefix map[string]error

	mu    sync.Mutex
	paths []string
}

// Paths lists the API paths asked for so far, in order.
func (s *Server) Paths() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.paths)
}

// PathsWith lists the paths asked for that start with prefix.
func (s *Server) PathsWith(prefix string) []string {
	var out []string
	for _, p := range s.Paths() {
		if strings.HasPrefix(p, prefix) {
			out = append(out, p)
		}
	}
	return out
}

// Host is a fake host answering from s.
func (s *Server) Host() *sdktest.Host {
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

// noResults is how the host hands over OpenML's "no results" answer.
func noResults(code int) error {
	return &sdk.FetchError{Code: sdk.FetchFailed, Message: fmt.Sprintf("OpenML answered with error %d: No results", code), OpenMLCode: code}
}

func (s *Server) answer(path string) ([]byte, error) {
	if err, ok := s.Fail[path]; ok {
		return nil, err
	}
	for prefix, err := range s.FailPrefix {
		if strings.HasPrefix(path, prefix) {
			return nil, err
		}
	}
	if b, ok := s.Answers[path]; ok {
		return b, nil
	}
	switch {
	case strings.HasPrefix(path, "evaluation/list/"):
		return s.evaluations(filters(path, "evaluation/list/"))
	case strings.HasPrefix(path, "setup/list/"):
		return s.setups(filters(path, "setup/list/"))
	case strings.HasPrefix(path, "task/list/"):
		return s.tasks(filters(path, "task/list/"))
	case strings.HasPrefix(path, "user/list/"):
		return s.users(filters(path, "user/list/"))
	}
	return nil, &sdk.FetchError{Code: sdk.FetchNotFound, Message: "evalviewtest: no answer for " + path}
}

func filters(path, base string) map[string]string {
	parts := strings.Split(strings.TrimPrefix(path, base), "/")
	out := map[string]string{}
	for i := 0; i+1 < len(parts); i += 2 {
		out[parts[i]] = parts[i+1]
	}
	return out
}

func idSet(s string) map[int64]bool {
	if s == "" {
		return nil
	}
	out := map[int64]bool{}
	for _, f := range strings.Split(s, ",") {
		id, _ := strconv.ParseInt(f, 10, 64)
		out[id] = true
	}
	return out
}

func page[T any](xs []T, f map[string]string) []T {
	if l, ok := f["limit"]; ok {
		limit, _ := strconv.Atoi(l)
		offset, _ := strconv.Atoi(f["offset"])
		if offset >= len(xs) {
			return nil
		}
		xs = xs[offset:min(len(xs), offset+limit)]
	}
	return xs
}

func (s *Server) evaluations(f map[string]string) ([]byte, error) {
	tasks, flows, runs, setups, ups := idSet(f["task"]), idSet(f["flow"]), idSet(f["run"]), idSet(f["setup"]), idSet(f["uploader"])
	in := func(set map[int64]bool, id int64) bool { return set == nil || set[id] }
	var out []openml.RunEvaluation
	for _, e := range s.Evals {
		if (f["function"] == "" || e.Function == f["function"]) && in(tasks, e.TaskID) && in(flows, e.FlowID) &&
			in(runs, e.RunID) && in(setups, e.SetupID) && in(ups, e.Uploader) {
			out = append(out, e)
		}
	}
	switch f["sort_order"] {
	case "asc":
		slices.SortStableFunc(out, func(a, b openml.RunEvaluation) int { return cmp.Compare(a.Value, b.Value) })
	case "desc":
		slices.SortStableFunc(out, func(a, b openml.RunEvaluation) int { return cmp.Compare(b.Value, a.Value) })
	}
	out = page(out, f)
	if len(out) == 0 {
		return nil, noResults(542)
	}
	return EvaluationsXML(out), nil
}

func (s *Server) setups(f map[string]string) ([]byte, error) {
	flows, ids := idSet(f["flow"]), idSet(f["setup"])
	var out []openml.Setup
	for _, st := range s.Setups {
		if (flows == nil || flows[st.FlowID]) && (ids == nil || ids[st.ID]) {
			out = append(out, st)
		}
	}
	out = page(out, f)
	if len(out) == 0 {
		return nil, noResults(674)
	}
	return SetupsXML(out), nil
}

func (s *Server) tasks(f map[string]string) ([]byte, error) {
	typ, _ := strconv.Atoi(f["type"])
	var out []Task
	for _, t := range s.Tasks {
		if typ == 0 || t.TypeID == typ {
			out = append(out, t)
		}
	}
	out = page(out, f)
	if len(out) == 0 {
		return nil, noResults(482)
	}
	return TasksXML(out), nil
}

func (s *Server) users(f map[string]string) ([]byte, error) {
	ids := idSet(f["user_id"])
	var out []openml.User
	for _, u := range s.Users {
		if ids == nil || ids[u.ID] {
			out = append(out, u)
		}
	}
	return UsersXML(out), nil
}

// FlowIDs are the ids of flows.
func FlowIDs(flows []Flow) []int64 {
	out := make([]int64, len(flows))
	for i, f := range flows {
		out[i] = f.ID
	}
	return out
}
