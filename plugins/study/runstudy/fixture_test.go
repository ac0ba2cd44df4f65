package runstudy_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/plugins/internal/evalviewtest"
	"github.com/openml-dash/openml-dash/plugins/study/runstudy"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

const ns = `xmlns:oml="http://openml.org/openml"`

const server = "https://test.openml.org"

// fixture is a synthetic run study served the way OpenML serves it:
// study/<id>, its run listing and its evaluation listings (whole-run and
// per-fold) paged by limit/offset, and each dataset's description and
// qualities. The whole-run evaluation listings are evalviewtest.Server's;
// the rest are written here as the answers of the exact paths the page
// asks for.
type fixture struct {
	study    int64
	pageSize int
	tasks    []evalviewtest.Task // one per dataset
	flows    []evalviewtest.Flow
	// evals are the evaluations by measure; each run's fold scores (of
	// the first measure) are in folds.
	evals map[string][]openml.RunEvaluation
	folds map[int64][]float64
	// runs is the run listing: every evaluated run and unevaluated ones.
	runs []openml.RunSummary
	// listed are the datasets the study's description names.
	listed []int64
	// qualities by dataset; a dataset missing here has none recorded.
	qualities map[int64]map[string]float64
	names     map[int64]string // every dataset's name
	srv       *evalviewtest.Server
}

// Quality names, as the table shows them.
var qualityNames = []string{"NumberOfInstances", "NumberOfFeatures", "NumberOfClasses", "NumberOfMissingValues", "NumberOfNumericFeatures", "NumberOfSymbolicFeatures"}

// bigStudy is study 7: 3,000 evaluated runs of 12 flows on 40 datasets
// (one classification task each), and 25 runs without evaluations, in
// pages of 1,000. Runs 0..1999 also have an area under the ROC curve.
// Every tenth dataset has no qualities recorded; the description also
// names dataset 999, which has no runs.
func bigStudy(t testing.TB) *fixture { return newStudy(t, 3000, 1000) }

// smallStudy is bigStudy with 600 evaluated runs in pages of 200, for
// the tests of what goes wrong.
func smallStudy(t testing.TB) *fixture { return newStudy(t, 600, 200) }

// newStudy is bigStudy with n evaluated runs, listed pageSize at a time.
func newStudy(t testing.TB, n, pageSize int) *fixture {
	t.Helper()
	var tasks []evalviewtest.Task
	for i := range 40 {
		// A permutation of d00..d39, so that the order by name is not
		// the order by id.
		name := fmt.Sprintf("d%02d", (i*17)%40)
		tasks = append(tasks, evalviewtest.Task{ID: 1000 + int64(i), TypeID: 1, DataID: 100 + int64(i), DataName: name})
	}
	f := &fixture{study: 7, pageSize: pageSize, tasks: tasks, flows: evalviewtest.SklearnFlows(12, 5000)}
	acc := evalviewtest.Runs(evalviewtest.Spec{N: n, Seed: 7, Function: "predictive_accuracy", Uploaders: 20, Flows: f.flows, Tasks: tasks})
	// Scores that tell flows and datasets apart, as real ones do: a
	// difficulty per dataset and a skill per flow, around the random part.
	for i := range acc {
		e := &acc[i]
		difficulty := float64((e.DataID*37)%40) / 40
		skill := float64((e.FlowID*7)%12) / 12
		e.Value = 0.45 + 0.35*difficulty + 0.12*skill + (e.Value-0.75)*0.16
	}
	var auc []openml.RunEvaluation
	for _, e := range acc[:n*2/3] {
		e.Function, e.Value = "area_under_roc_curve", 1-(1-e.Value)*0.8
		auc = append(auc, e)
	}
	f.evals = map[string][]openml.RunEvaluation{"predictive_accuracy": acc, "area_under_roc_curve": auc}
	f.folds = map[int64][]float64{}
	for _, e := range acc {
		var fs []float64
		for k := range 10 {
			fs = append(fs, e.Value+float64(k)*0.002-0.009)
		}
		f.folds[e.RunID] = fs
	}
	f.runs = runsOf(acc, tasks)
	for i := range 25 {
		f.runs = append(f.runs, openml.RunSummary{ID: 2_000_000 + int64(i), TaskID: tasks[i].ID, TaskTypeID: 1, FlowID: f.flows[0].ID, SetupID: 1, Uploader: 1, ErrorMessage: "Out of memory"})
	}
	f.qualities = map[int64]map[string]float64{}
	f.names = map[int64]string{999: "lonely"}
	for i, tk := range tasks {
		f.names[tk.DataID] = tk.DataName
		f.listed = append(f.listed, tk.DataID)
		if i%10 == 9 {
			continue
		}
		f.qualities[tk.DataID] = qualitiesOf(i)
	}
	f.listed = append(f.listed, 999)
	f.qualities[999] = qualitiesOf(99)
	f.serve(t)
	return f
}

// qualitiesOf are made-up qualities of the i-th dataset.
func qualitiesOf(i int) map[string]float64 {
	return map[string]float64{
		"NumberOfInstances": float64(100 * (i + 1)), "NumberOfFeatures": float64(i + 3), "NumberOfClasses": float64(2 + i%5),
		"NumberOfMissingValues": float64(11 * i), "NumberOfNumericFeatures": float64((i + 3) / 2), "NumberOfSymbolicFeatures": float64(i + 3 - (i+3)/2),
	}
}

// runsOf is the run listing of evals.
func runsOf(evals []openml.RunEvaluation, tasks []evalviewtest.Task) []openml.RunSummary {
	types := map[int64]int{}
	for _, tk := range tasks {
		types[tk.ID] = tk.TypeID
	}
	out := make([]openml.RunSummary, len(evals))
	for i, e := range evals {
		out[i] = openml.RunSummary{ID: e.RunID, TaskID: e.TaskID, TaskTypeID: types[e.TaskID], SetupID: e.SetupID, FlowID: e.FlowID, Uploader: e.Uploader, UploadTime: e.UploadTime}
	}
	return out
}

// serve (re)builds the fake server from the fixture.
func (f *fixture) serve(t testing.TB) {
	t.Helper()
	var all []openml.RunEvaluation
	for _, m := range slices.Sorted(maps.Keys(f.evals)) {
		all = append(all, f.evals[m]...)
	}
	answers := map[string][]byte{
		fmt.Sprintf("study/%d", f.study): f.studyXML(),
		"evaluationmeasure/list":         measuresXML("predictive_accuracy", "area_under_roc_curve", "root_mean_squared_error"),
	}
	pages(answers, len(f.runs), f.pageSize, func(limit, offset int) string {
		return path(t, openml.RunQuery{Study: f.study, Limit: limit, Offset: offset})
	}, func(lo, hi int) []byte { return runsXML(f.runs[lo:hi]) }, evalviewtest.ErrorXML(512, "No results"))
	for m := range maps.Keys(f.evals) {
		evals := f.evals[m]
		pages(answers, len(evals), f.pageSize, func(limit, offset int) string {
			return path(t, openml.EvaluationQuery{Function: m, Study: f.study, PerFold: true, Limit: limit, Offset: offset})
		}, func(lo, hi int) []byte { return f.foldsXML(evals[lo:hi]) }, evalviewtest.ErrorXML(542, "No results"))
	}
	for id, qs := range f.qualities {
		answers[fmt.Sprintf("data/qualities/%d", id)] = qualitiesXML(qs)
	}
	for id, name := range f.names {
		answers[fmt.Sprintf("data/%d", id)] = fmt.Appendf(nil, `<oml:data_set_description %s><oml:id>%d</oml:id><oml:name>%s</oml:name><oml:version>1</oml:version></oml:data_set_description>`, ns, id, name)
	}
	f.srv = &evalviewtest.Server{Evals: all, Answers: answers, Users: []openml.User{{ID: 1, Username: "Ada"}}}
}

// pages adds the answers of a listing of n entries read pageSize at a
// time, up to the page after the last full one, which is empty (OpenML's
// "no results" answer, body none).
func pages(answers map[string][]byte, n, pageSize int, pathOf func(limit, offset int) string, page func(lo, hi int) []byte, none []byte) {
	for offset := 0; ; offset += pageSize {
		if offset >= n {
			answers[pathOf(pageSize, offset)] = none
			return
		}
		answers[pathOf(pageSize, offset)] = page(offset, min(n, offset+pageSize))
		if offset+pageSize > n {
			return
		}
	}
}

func path(t testing.TB, q interface{ Path() (string, error) }) string {
	t.Helper()
	p, err := q.Path()
	require.NoError(t, err)
	return p
}

func (f *fixture) studyXML() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "<oml:study %s>\n  <oml:id>%d</oml:id>\n  <oml:alias>big-one</oml:alias>\n  <oml:main_entity_type>run</oml:main_entity_type>\n  <oml:benchmark_suite>99</oml:benchmark_suite>\n", ns, f.study)
	fmt.Fprintf(&b, "  <oml:name>A big study</oml:name>\n  <oml:description>Runs of **many** flows.</oml:description>\n  <oml:visibility>public</oml:visibility>\n  <oml:status>active</oml:status>\n  <oml:creation_date>2019-02-21T16:51:49</oml:creation_date>\n  <oml:creator>1</oml:creator>\n")
	list := func(outer, inner string, ids []int64) {
		if len(ids) == 0 {
			return
		}
		fmt.Fprintf(&b, "  <oml:%s>\n", outer)
		for _, id := range ids {
			fmt.Fprintf(&b, "    <oml:%s>%d</oml:%s>\n", inner, id, inner)
		}
		fmt.Fprintf(&b, "  </oml:%s>\n", outer)
	}
	var tasks, flows, runs []int64
	for _, tk := range f.tasks {
		tasks = append(tasks, tk.ID)
	}
	for _, fl := range f.flows {
		flows = append(flows, fl.ID)
	}
	for _, r := range f.runs {
		runs = append(runs, r.ID)
	}
	list("data", "data_id", f.listed)
	list("tasks", "task_id", tasks)
	list("flows", "flow_id", flows)
	list("runs", "run_id", runs)
	b.WriteString("</oml:study>\n")
	return b.Bytes()
}

func runsXML(runs []openml.RunSummary) []byte {
	var b bytes.Buffer
	b.WriteString("<oml:runs " + ns + ">\n")
	for _, r := range runs {
		fmt.Fprintf(&b, "  <oml:run>\n    <oml:run_id>%d</oml:run_id>\n    <oml:task_id>%d</oml:task_id>\n    <oml:task_type_id>%d</oml:task_type_id>\n    <oml:setup_id>%d</oml:setup_id>\n    <oml:flow_id>%d</oml:flow_id>\n    <oml:uploader>%d</oml:uploader>\n    <oml:upload_time>%s</oml:upload_time>\n    <oml:error_message>%s</oml:error_message>\n    <oml:run_details></oml:run_details>\n  </oml:run>\n",
			r.ID, r.TaskID, r.TaskTypeID, r.SetupID, r.FlowID, r.Uploader, r.UploadTime, esc(r.ErrorMessage))
	}
	b.WriteString("</oml:runs>\n")
	return b.Bytes()
}

// foldsXML writes a per-fold evaluation listing as the server does: no
// value, the fold scores in <oml:values>.
func (f *fixture) foldsXML(evals []openml.RunEvaluation) []byte {
	var b bytes.Buffer
	b.WriteString("<oml:evaluations " + ns + ">\n")
	for _, e := range evals {
		var vs []string
		for _, v := range f.folds[e.RunID] {
			vs = append(vs, strconv.FormatFloat(v, 'g', -1, 64))
		}
		fmt.Fprintf(&b, "  <oml:evaluation>\n    <oml:run_id>%d</oml:run_id>\n    <oml:uploader>%d</oml:uploader>\n    <oml:task_id>%d</oml:task_id>\n    <oml:setup_id>%d</oml:setup_id>\n    <oml:flow_id>%d</oml:flow_id>\n    <oml:flow_name>%s</oml:flow_name>\n    <oml:data_id>%d</oml:data_id>\n    <oml:data_name>%s</oml:data_name>\n    <oml:evaluation_engine_id>1</oml:evaluation_engine_id>\n    <oml:function>%s</oml:function>\n    <oml:upload_time>%s</oml:upload_time>\n    <oml:values>[%s]</oml:values>\n  </oml:evaluation>\n",
			e.RunID, e.Uploader, e.TaskID, e.SetupID, e.FlowID, esc(e.FlowName), e.DataID, esc(e.DataName), e.Function, e.UploadTime, strings.Join(vs, ","))
	}
	b.WriteString("</oml:evaluations>\n")
	return b.Bytes()
}

func qualitiesXML(qs map[string]float64) []byte {
	var b bytes.Buffer
	b.WriteString("<oml:data_qualities " + ns + ">\n")
	for _, name := range slices.Sorted(maps.Keys(qs)) {
		fmt.Fprintf(&b, "  <oml:quality>\n    <oml:name>%s</oml:name>\n    <oml:value>%s</oml:value>\n  </oml:quality>\n", name, strconv.FormatFloat(qs[name], 'f', 1, 64))
	}
	// A quality the table does not show, with no value.
	b.WriteString("  <oml:quality>\n    <oml:name>ClassEntropy</oml:name>\n    <oml:value></oml:value>\n  </oml:quality>\n</oml:data_qualities>\n")
	return b.Bytes()
}

func measuresXML(ms ...string) []byte {
	var b bytes.Buffer
	b.WriteString("<oml:evaluation_measures " + ns + "><oml:measures>")
	for _, m := range ms {
		fmt.Fprintf(&b, "<oml:measure>%s</oml:measure>", m)
	}
	b.WriteString("</oml:measures></oml:evaluation_measures>")
	return b.Bytes()
}

func esc(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// ref is the study's page.
func (f *fixture) ref() sdk.EntityRef {
	return sdk.EntityRef{Server: server, Kind: sdk.KindStudy, ID: f.study}
}

// open runs the page's plugin against the fixture and lays the page out.
func (f *fixture) open(t *testing.T) (*sdktest.Harness, *sdktest.Host, *sdk.Page) {
	t.Helper()
	host := f.srv.Host()
	h := sdktest.Run(t, runstudy.NewPlugin(f.pageSize), host)
	page, err := h.Layout(f.ref())
	require.NoError(t, err)
	return h, host, page
}

// shuffled is a few indexes of n, picked at random with seed.
func shuffled(n, k int, seed uint64) []int64 {
	rng := rand.New(rand.NewPCG(seed, 1))
	var out []int64
	for _, i := range rng.Perm(n)[:k] {
		out = append(out, int64(i))
	}
	slices.Sort(out)
	return out
}
