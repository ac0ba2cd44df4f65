// Package suitetest makes benchmark suites for the suite page's tests: a
// suite of tasks on datasets with qualities of their own, flows with a
// known best score on each task, and the OpenML answers for all of it,
// served by a fake host or written as a mirror folder that openml-dash
// --mirror reads. Production evaluation listings are not recorded, so
// the tests make their own.
package suitetest

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/plugins/internal/evalviewtest"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

const ns = `xmlns:oml="http://openml.org/openml"`

// Spec describes a suite.
type Spec struct {
	ID    int64
	Seed  uint64
	Tasks int // tasks that load, each on a dataset of its own
	Flows int
	// TypeID is the tasks' type: 1 (classification) unless set.
	TypeID int
	// Unknown are more task ids the suite lists that the server does not
	// have (task/<id> is not found); Broken, ids it answers with an
	// OpenML error.
	Unknown, Broken []int64
	// NoRun says flow f has no run on task t (indexes into Tasks and
	// Flows).
	NoRun func(t, f int) bool
	// Measures are the measures runs are evaluated with; each flow's
	// best run on a task has the same value in each (so a lower-better
	// measure ranks the flows the other way). Default predictive_accuracy.
	Measures []string
	// RunsPerPair is how many runs each flow has on each task (default
	// 3): one with the best score, the others worse.
	RunsPerPair int
	// NoQualities lists dataset indexes whose qualities are not served.
	NoQualities []int
}

// Task is one task of a suite that loads.
type Task struct {
	ID, DataID int64
	DataName   string
	Target     string
	Qualities  map[string]float64
}

// Suite is a generated suite with the answers that describe it.
type Suite struct {
	Spec
	Tasks []Task
	Flows []evalviewtest.Flow
	// Best[t][f] is flow f's best score on task t; NaN-free, ok in Has.
	Best [][]float64
	Has  [][]bool
	// Runs are the evaluations of every measure.
	Runs []openml.RunEvaluation
	// Answers holds every answer but the evaluation listings, by API path.
	Answers map[string][]byte
}

// TaskIDs are the ids the suite lists, in order: Tasks, then Unknown,
// then Broken.
func (s *Suite) TaskIDs() []int64 {
	var ids []int64
	for _, t := range s.Tasks {
		ids = append(ids, t.ID)
	}
	ids = append(ids, s.Unknown...)
	return append(ids, s.Broken...)
}

// Qualities each dataset has. Dataset i has NumberOfInstances
// 100(i+1)+i², NumberOfFeatures 4+3i, NumberOfClasses 2+i%5 and
// NumberOfMissingValues 25(i%4) (so some are 0), and every dataset but
// the second has MajorityClassSize.
func qualities(i int) map[string]float64 {
	q := map[string]float64{
		"NumberOfInstances":     float64(100*(i+1) + i*i),
		"NumberOfFeatures":      float64(4 + 3*i),
		"NumberOfClasses":       float64(2 + i%5),
		"NumberOfMissingValues": float64(25 * (i % 4)),
	}
	if i != 1 {
		q["MajorityClassSize"] = float64(50 + 7*i)
	}
	return q
}

// New makes the suite spec describes.
func New(spec Spec) *Suite {
	spec.ID = cmp.Or(spec.ID, 99)
	spec.TypeID = cmp.Or(spec.TypeID, 1)
	spec.RunsPerPair = cmp.Or(spec.RunsPerPair, 3)
	if len(spec.Measures) == 0 {
		spec.Measures = []string{"predictive_accuracy"}
	}
	s := &Suite{Spec: spec, Answers: map[string][]byte{}}
	rng := rand.New(rand.NewPCG(spec.Seed, 7))
	for i := range spec.Tasks {
		s.Tasks = append(s.Tasks, Task{
			ID: int64(1001 + i), DataID: int64(2001 + 2*i), DataName: fmt.Sprintf("data-%c%d", 'a'+i%26, i),
			Target: "class", Qualities: qualities(i),
		})
	}
	s.Flows = evalviewtest.SklearnFlows(spec.Flows, 7000)
	// Flow f is a little better than flow f-1 on average; tasks differ
	// in difficulty; noise lets neighbours swap places. Scores stay in
	// (0.5, 0.95).
	s.Best, s.Has = make([][]float64, spec.Tasks), make([][]bool, spec.Tasks)
	step := 0.1 / float64(max(spec.Flows, 1))
	for t := range s.Best {
		base := 0.5 + 0.3*rng.Float64()
		s.Best[t], s.Has[t] = make([]float64, spec.Flows), make([]bool, spec.Flows)
		for f := range s.Best[t] {
			s.Best[t][f] = base + step*float64(f) + 0.04*rng.Float64()
			s.Has[t][f] = spec.NoRun == nil || !spec.NoRun(t, f)
		}
	}
	run := int64(500_000)
	for _, m := range spec.Measures {
		sign := 1.0
		if evalview.LowerIsBetter(m) {
			sign = -1
		}
		for t, task := range s.Tasks {
			for f, flow := range s.Flows {
				if !s.Has[t][f] {
					continue
				}
				for k := range spec.RunsPerPair {
					// The best run comes second, so order alone does not
					// make it the best.
					v := s.Best[t][f]
					if k != 1 {
						v -= sign * 0.001 * float64(k+1) * (1 + rng.Float64())
					}
					run += 7
					s.Runs = append(s.Runs, openml.RunEvaluation{
						RunID: run, TaskID: task.ID, SetupID: flow.ID*100 + int64(k), FlowID: flow.ID, FlowName: flow.Name,
						DataID: task.DataID, DataName: task.DataName, Function: m, Uploader: 1, EvaluationEngineID: 1,
						UploadTime: fmt.Sprintf("2020-01-%02d 10:00:00", 1+k), Value: v, HasValue: true,
					})
				}
			}
		}
	}
	s.answers()
	return s
}

func (s *Suite) answers() {
	var b bytes.Buffer
	fmt.Fprintf(&b, "<oml:study %s>\n  <oml:id>%d</oml:id>\n  <oml:alias>GEN-%d</oml:alias>\n  <oml:main_entity_type>task</oml:main_entity_type>\n", ns, s.ID, s.ID)
	fmt.Fprintf(&b, "  <oml:name>Generated benchmark suite</oml:name>\n  <oml:description>A suite of **%d tasks** made for tests.</oml:description>\n", len(s.TaskIDs()))
	b.WriteString("  <oml:visibility>public</oml:visibility>\n  <oml:status>active</oml:status>\n  <oml:creation_date>2019-02-21T17:03:55</oml:creation_date>\n  <oml:creator>1</oml:creator>\n")
	if len(s.Tasks) > 0 {
		b.WriteString("  <oml:data>\n")
		for _, t := range s.Tasks {
			fmt.Fprintf(&b, "    <oml:data_id>%d</oml:data_id>\n", t.DataID)
		}
		b.WriteString("  </oml:data>\n")
	}
	if ids := s.TaskIDs(); len(ids) > 0 {
		b.WriteString("  <oml:tasks>\n")
		for _, id := range ids {
			fmt.Fprintf(&b, "    <oml:task_id>%d</oml:task_id>\n", id)
		}
		b.WriteString("  </oml:tasks>\n")
	}
	b.WriteString("</oml:study>\n")
	s.Answers[fmt.Sprintf("study/%d", s.ID)] = slices.Clone(b.Bytes())

	typeName := map[int]string{1: "Supervised Classification", 2: "Supervised Regression"}[s.TypeID]
	for i, t := range s.Tasks {
		s.Answers[fmt.Sprintf("task/%d", t.ID)] = fmt.Appendf(nil, `<oml:task %s>
  <oml:task_id>%d</oml:task_id>
  <oml:task_type_id>%d</oml:task_type_id>
  <oml:task_type>%s</oml:task_type>
  <oml:input name="source_data"><oml:data_set><oml:data_set_id>%d</oml:data_set_id><oml:target_feature>%s</oml:target_feature></oml:data_set></oml:input>
  <oml:input name="estimation_procedure"><oml:estimation_procedure><oml:id>1</oml:id><oml:type>crossvalidation</oml:type>
    <oml:parameter name="number_repeats">1</oml:parameter><oml:parameter name="number_folds">10</oml:parameter>
  </oml:estimation_procedure></oml:input>
</oml:task>
`, ns, t.ID, s.TypeID, typeName, t.DataID, t.Target)
		s.Answers[fmt.Sprintf("data/%d", t.DataID)] = fmt.Appendf(nil, "<oml:data_set_description %s><oml:id>%d</oml:id><oml:name>%s</oml:name><oml:version>1</oml:version></oml:data_set_description>\n", ns, t.DataID, t.DataName)
		if slices.Contains(s.NoQualities, i) {
			continue
		}
		var q bytes.Buffer
		fmt.Fprintf(&q, "<oml:data_qualities %s>\n", ns)
		names := make([]string, 0, len(t.Qualities))
		for n := range t.Qualities {
			names = append(names, n)
		}
		slices.Sort(names)
		for _, n := range names {
			fmt.Fprintf(&q, "  <oml:quality><oml:name>%s</oml:name><oml:value>%s</oml:value></oml:quality>\n", n, strconv.FormatFloat(t.Qualities[n], 'g', -1, 64))
		}
		q.WriteString("</oml:data_qualities>\n")
		s.Answers[fmt.Sprintf("data/qualities/%d", t.DataID)] = q.Bytes()
	}
	for _, id := range s.Broken {
		s.Answers[fmt.Sprintf("task/%d", id)] = evalviewtest.ErrorXML(151, "Unknown task")
	}
	s.Answers["estimationprocedure/list"] = fmt.Appendf(nil, "<oml:estimationprocedures %s>\n<oml:estimationprocedure><oml:id>1</oml:id><oml:ttid>1</oml:ttid><oml:name>10-fold Crossvalidation</oml:name><oml:type>crossvalidation</oml:type><oml:repeats>1</oml:repeats><oml:folds>10</oml:folds><oml:stratified_sampling>true</oml:stratified_sampling></oml:estimationprocedure>\n</oml:estimationprocedures>\n", ns)
	s.Answers["user/list/user_id/1"] = evalviewtest.UsersXML([]openml.User{{ID: 1, Username: "Suite Maker"}})
	s.Answers["evaluationmeasure/list"] = fmt.Appendf(nil, "<oml:evaluation_measures %s><oml:measures><oml:measure>area_under_roc_curve</oml:measure><oml:measure>predictive_accuracy</oml:measure><oml:measure>root_mean_squared_error</oml:measure></oml:measures></oml:evaluation_measures>\n", ns)
}

// Server is a fake host serving the suite: its answers, and evaluation
// listings filtered, sorted and paged as OpenML does.
func (s *Suite) Server() *evalviewtest.Server {
	return &evalviewtest.Server{Evals: s.Runs, Answers: maps.Clone(s.Answers)}
}

// Ref is the suite's page on server.
func (s *Suite) Ref(server string) sdk.EntityRef {
	return sdk.EntityRef{Server: server, Kind: sdk.KindStudy, ID: s.ID}
}

// writeListing writes the pages of listing q until the server answers
// "no results".
func writeListing(host sdk.Host, write func(string, []byte) error, q openml.EvaluationQuery) error {
	for page := 0; ; page++ {
		q.Limit, q.Offset = evalview.PageSize, page*evalview.PageSize
		path, err := q.Path()
		if err != nil {
			return err
		}
		resp, err := host.Fetch(context.Background(), sdk.FetchRequest{Path: path})
		var fe *sdk.FetchError
		if errors.As(err, &fe) && fe.OpenMLCode != 0 {
			return write(path, evalviewtest.ErrorXML(fe.OpenMLCode, "No results"))
		}
		if err != nil {
			return err
		}
		if err := write(path, resp.Body); err != nil {
			return err
		}
	}
}

// WriteMirror writes the suite's answers into dir, laid out by URL path
// as openml-dash --mirror reads them, for the server at API base api:
// every answer, and every page of each task's evaluation listings.
func (s *Suite) WriteMirror(dir, api string) error {
	write := func(path string, body []byte) error {
		p := filepath.Join(dir, "api", "v1", "xml", filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, body, 0o644)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, ".openml-dash-mirror"), fmt.Appendf(nil, "server=%s\n", api), 0o644); err != nil {
		return err
	}
	for p, body := range s.Answers {
		if err := write(p, body); err != nil {
			return err
		}
	}
	host := s.Server().Host()
	for _, m := range s.Measures {
		for _, task := range s.TaskIDs() {
			if err := writeListing(host, write, openml.EvaluationQuery{Function: m, Tasks: []int64{task}, SortOrder: evalview.SortOrder(m)}); err != nil {
				return err
			}
		}
	}
	return nil
}
