package data_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/internal/recordings"
	"github.com/openml-dash/openml-dash/plugins/data"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

// fakeTask is a task the fake server lists.
type fakeTask struct {
	id               int64
	typeID           int
	typ              string // "" leaves <oml:task_type> empty
	did              int64
	status           string
	target, estimate string // "" leaves the input out
}

// fakeRun is a run the fake server lists.
type fakeRun struct{ id, task int64 }

// fakeServer answers task and run listings the way OpenML does: filtered,
// ordered by id, paged by limit and offset, and "no results" (an
// <oml:error> with code 482 or 512) past the end.
type fakeServer struct {
	tasks []fakeTask
	runs  []fakeRun // by id
	other map[string][]byte
	// fail, when it returns an error for a path, makes the fetch fail
	// with it.
	fail func(path string, offset int) error
	// noResultsInBody hands "no results" over as the answer's body, not
	// as the host's *sdk.FetchError.
	noResultsInBody bool
}

func (f *fakeServer) host() *sdktest.Host {
	return &sdktest.Host{FetchFunc: func(_ context.Context, req sdk.FetchRequest) (*sdk.FetchResponse, error) {
		return f.fetch(req.Path)
	}}
}

// filters reads "base/list/name/value/…" into its filters.
func filters(path, base string) map[string]string {
	parts := strings.Split(strings.TrimPrefix(path, base+"/"), "/")
	out := map[string]string{}
	for i := 0; i+1 < len(parts); i += 2 {
		out[parts[i]] = parts[i+1]
	}
	return out
}

func (f *fakeServer) fetch(path string) (*sdk.FetchResponse, error) {
	body, ok := f.other[path]
	if ok {
		return &sdk.FetchResponse{Body: body}, nil
	}
	var q map[string]string
	switch {
	case strings.HasPrefix(path, "task/list/"):
		q = filters(path, "task/list")
	case strings.HasPrefix(path, "run/list/"):
		q = filters(path, "run/list")
	default:
		return nil, &sdk.FetchError{Code: sdk.FetchNotFound, Message: "fake server: no answer for " + path}
	}
	limit, _ := strconv.Atoi(q["limit"])
	offset, _ := strconv.Atoi(q["offset"])
	if f.fail != nil {
		if err := f.fail(path, offset); err != nil {
			return nil, err
		}
	}
	if strings.HasPrefix(path, "task/list/") {
		did, _ := strconv.ParseInt(q["data_id"], 10, 64)
		var ts []fakeTask
		for _, t := range f.tasks {
			if t.did == did && (q["status"] == "all" || t.status == "active") {
				ts = append(ts, t)
			}
		}
		ts = page(ts, limit, offset)
		if len(ts) == 0 {
			return f.noResults(482, "No results")
		}
		return &sdk.FetchResponse{Body: taskListXML(ts)}, nil
	}
	if limit > 10000 {
		return nil, &sdk.FetchError{Code: sdk.FetchFailed, Message: "fake server: limit too large", OpenMLCode: 510}
	}
	want := map[int64]bool{}
	for _, s := range strings.Split(q["task"], ",") {
		id, _ := strconv.ParseInt(s, 10, 64)
		want[id] = true
	}
	var rs []fakeRun
	for _, r := range f.runs {
		if want[r.task] {
			rs = append(rs, r)
		}
	}
	rs = page(rs, limit, offset)
	if len(rs) == 0 {
		return f.noResults(512, "No results")
	}
	return &sdk.FetchResponse{Body: runListXML(rs)}, nil
}

func (f *fakeServer) noResults(code int, msg string) (*sdk.FetchResponse, error) {
	body := fmt.Sprintf(`<oml:error %s><oml:code>%d</oml:code><oml:message>%s</oml:message></oml:error>`, ns, code, msg)
	if f.noResultsInBody {
		return &sdk.FetchResponse{Body: []byte(body)}, nil
	}
	return nil, &sdk.FetchError{Code: sdk.FetchNotFound, Message: "OpenML: " + msg, OpenMLCode: code}
}

func page[T any](xs []T, limit, offset int) []T {
	if offset >= len(xs) {
		return nil
	}
	xs = xs[offset:]
	if limit > 0 && limit < len(xs) {
		xs = xs[:limit]
	}
	return xs
}

func taskListXML(ts []fakeTask) []byte {
	var b strings.Builder
	b.WriteString("<oml:tasks " + ns + ">\n")
	for _, t := range ts {
		fmt.Fprintf(&b, "<oml:task><oml:task_id>%d</oml:task_id><oml:task_type_id>%d</oml:task_type_id><oml:task_type>%s</oml:task_type><oml:did>%d</oml:did><oml:name>weather</oml:name><oml:status>%s</oml:status><oml:format>ARFF</oml:format>\n",
			t.id, t.typeID, t.typ, t.did, t.status)
		if t.estimate != "" {
			fmt.Fprintf(&b, `<oml:input name="estimation_procedure">%s</oml:input>`, t.estimate)
		}
		fmt.Fprintf(&b, `<oml:input name="source_data">%d</oml:input>`, t.did)
		if t.target != "" {
			fmt.Fprintf(&b, `<oml:input name="target_feature">%s</oml:input>`, t.target)
		}
		b.WriteString("\n<oml:quality name=\"NumberOfInstances\">14.0</oml:quality></oml:task>\n")
	}
	b.WriteString("</oml:tasks>")
	return []byte(b.String())
}

func runListXML(rs []fakeRun) []byte {
	var b strings.Builder
	b.WriteString("<oml:runs " + ns + ">\n")
	for _, r := range rs {
		fmt.Fprintf(&b, "<oml:run><oml:run_id>%d</oml:run_id><oml:task_id>%d</oml:task_id><oml:setup_id>7</oml:setup_id><oml:flow_id>8</oml:flow_id><oml:uploader>1</oml:uploader><oml:upload_time>2020-01-02 03:04:05</oml:upload_time><oml:error_message></oml:error_message><oml:run_details></oml:run_details></oml:run>\n", r.id, r.task)
	}
	b.WriteString("</oml:runs>")
	return []byte(b.String())
}

// procedures is an estimation procedure list with 1, 5 and 17 (not 13).
var procedures = []byte(`<oml:estimationprocedures ` + ns + `>
<oml:estimationprocedure><oml:id>1</oml:id><oml:ttid>1</oml:ttid><oml:name>10-fold Crossvalidation</oml:name><oml:type>crossvalidation</oml:type><oml:repeats>1</oml:repeats><oml:folds>10</oml:folds><oml:stratified_sampling>true</oml:stratified_sampling></oml:estimationprocedure>
<oml:estimationprocedure><oml:id>5</oml:id><oml:ttid>2</oml:ttid><oml:name>33% Holdout set</oml:name><oml:type>holdout</oml:type><oml:repeats>1</oml:repeats><oml:percentage>33</oml:percentage><oml:stratified_sampling>false</oml:stratified_sampling></oml:estimationprocedure>
<oml:estimationprocedure><oml:id>17</oml:id><oml:ttid>5</oml:ttid><oml:name>50 times Clustering</oml:name><oml:type>testontrainingdata</oml:type><oml:repeats>50</oml:repeats><oml:stratified_sampling>false</oml:stratified_sampling></oml:estimationprocedure>
</oml:estimationprocedures>`)

// weatherTasks are six tasks of five types on dataset 9, of every status,
// and one on dataset 10, which is not listed for 9.
var weatherTasks = []fakeTask{
	{id: 2001, typeID: 1, typ: "Supervised Classification", did: 9, status: "active", target: "play", estimate: "1"},
	{id: 2002, typeID: 2, typ: "Supervised Regression", did: 9, status: "active", target: "temperature", estimate: "5"},
	{id: 2003, typeID: 3, typ: "Learning Curve", did: 9, status: "active", target: "play", estimate: "13"},
	{id: 2004, typeID: 5, typ: "Clustering", did: 9, status: "deactivated", estimate: "17"},
	{id: 2005, typeID: 1, typ: "Supervised Classification", did: 9, status: "in_preparation", target: "outlook", estimate: "1"},
	{id: 2010, typeID: 4, typ: "", did: 9, status: "active", target: "play", estimate: "1"},
	{id: 2006, typeID: 1, typ: "Supervised Classification", did: 10, status: "active", target: "class", estimate: "1"},
}

// randomRuns gives the tasks n runs, by increasing id with gaps, to tasks
// drawn with the weights given, and returns them with each task's count.
func randomRuns(seed uint64, n int, tasks []int64, weights []int) ([]fakeRun, map[int64]int) {
	rng := rand.New(rand.NewPCG(seed, seed))
	total := 0
	for _, w := range weights {
		total += w
	}
	counts := map[int64]int{}
	runs := make([]fakeRun, 0, n)
	id := int64(100)
	for range n {
		id += 1 + rng.Int64N(3)
		x := rng.IntN(total)
		i := 0
		for x >= weights[i] {
			x -= weights[i]
			i++
		}
		runs = append(runs, fakeRun{id: id, task: tasks[i]})
		counts[tasks[i]]++
	}
	return runs, counts
}

func weatherServer() *fakeServer {
	return &fakeServer{tasks: weatherTasks, other: map[string][]byte{
		"data/9": description(9, "active"), "data/features/9": weather, "estimationprocedure/list": procedures,
	}}
}

func tasksRequest(ref sdk.EntityRef, clicks int64) *sdk.CallbackRequest {
	return &sdk.CallbackRequest{Ref: ref, ID: data.TasksCallback, Inputs: []sdk.Arg{
		{Ref: sdk.Input(data.TasksReloadButton, sdk.PropNClicks), Value: sdk.IntValue(clicks)},
	}}
}

// listTasks runs TasksCallback and returns what it put in TasksSlot.
func listTasks(t *testing.T, h *sdktest.Harness, ref sdk.EntityRef) []sdk.Component {
	t.Helper()
	patch, err := h.Callback(tasksRequest(ref, 0))
	require.NoError(t, err)
	require.Len(t, patch.Outputs, 1)
	return output(t, patch, data.TasksSlot)
}

// countRuns runs TaskRunsCallback on what TasksCallback put in TasksSlot,
// as the host does when that changes, and returns what it put in
// TaskRunsSlot.
func countRuns(t *testing.T, h *sdktest.Harness, ref sdk.EntityRef, listed []sdk.Component) []sdk.Component {
	t.Helper()
	in := sdk.Input(data.TasksSlot, sdk.PropChildren)
	patch, err := h.Callback(&sdk.CallbackRequest{Ref: ref, ID: data.TaskRunsCallback,
		Inputs: []sdk.Arg{{Ref: in, Value: sdk.ChildrenValue(listed...)}}, Triggered: []sdk.PropRef{in}})
	require.NoError(t, err)
	require.False(t, patch.PreventUpdate)
	require.Len(t, patch.Outputs, 1)
	return output(t, patch, data.TaskRunsSlot)
}

func texts(cs []sdk.Component) []string {
	var out []string
	for _, c := range sdktest.All[*sdk.Text](cs) {
		out = append(out, c.Markdown)
	}
	return out
}

func cellTexts(tb *sdk.Table, id string) []string {
	var out []string
	for _, c := range column(tb, id) {
		if c.Missing {
			out = append(out, "—")
			continue
		}
		out = append(out, c.Text)
	}
	return out
}

func fetchedPaths(h *sdktest.Host, prefix string) []string {
	var out []string
	for _, f := range h.Fetches {
		if strings.HasPrefix(f.Path, prefix) {
			out = append(out, f.Path)
		}
	}
	return out
}

// TestTasks_synthetic: six tasks of five types, 25,000 runs counted in
// three pages of 10,000, with the plugin's own limits.
func TestTasks_synthetic(t *testing.T) {
	t.Parallel()
	srv := weatherServer()
	ids := []int64{2001, 2002, 2003, 2004, 2005, 2010}
	var want map[int64]int
	// Runs of task 2006 (another dataset's) are never asked for.
	srv.runs, want = randomRuns(1, 25_000, append(ids, 2006), []int{50, 20, 15, 0, 5, 4, 6})
	host := srv.host()
	h := sdktest.Run(t, data.New(), host)

	page, err := h.Layout(dataRef)
	require.NoError(t, err)
	assert.Empty(t, fetchedPaths(host, "task/"), "the page does not wait for the task listing")
	assert.Empty(t, fetchedPaths(host, "run/"))
	last := page.Tabs[len(page.Tabs)-1]
	assert.Equal(t, "tasks", last.ID, "the Tasks tab comes last")
	assert.Equal(t, "Tasks", last.Title)
	initial := sdktest.Find[*sdk.Slot](t, last.Children, data.TasksSlot)
	assert.Equal(t, []string{"Loading the tasks…"}, texts(initial.Children))
	sdktest.Find[*sdk.Slot](t, initial.Children, data.TaskRunsSlot)
	sdktest.Find[*sdk.Button](t, last.Children, data.TasksReloadButton)
	cbs := map[string]sdk.Callback{}
	for _, cb := range page.Callbacks {
		cbs[cb.ID] = cb
	}
	assert.Equal(t, sdk.Callback{
		ID:      data.TasksCallback,
		Inputs:  []sdk.PropRef{sdk.Input(data.TasksReloadButton, sdk.PropNClicks)},
		Outputs: []sdk.PropRef{sdk.Output(data.TasksSlot, sdk.PropChildren)},
	}, cbs[data.TasksCallback])
	assert.Equal(t, sdk.Callback{
		ID:                 data.TaskRunsCallback,
		Inputs:             []sdk.PropRef{sdk.Input(data.TasksSlot, sdk.PropChildren)},
		Outputs:            []sdk.PropRef{sdk.Output(data.TaskRunsSlot, sdk.PropChildren)},
		PreventInitialCall: true,
	}, cbs[data.TaskRunsCallback])

	listed := listTasks(t, h, dataRef)
	assert.Equal(t, []string{"task/list/limit/1000/offset/0/status/all/data_id/9"}, fetchedPaths(host, "task/list"))
	intro := texts(listed)[0]
	assert.Equal(t, "**6 tasks** are defined on this dataset: 2 Supervised Classification, 1 Clustering, 1 Learning Curve, 1 Supervised Data Stream Classification, 1 Supervised Regression.", intro)
	assert.Empty(t, sdktest.All[*sdk.Notice](listed))
	tb := sdktest.Find[*sdk.Table](t, listed, data.TasksTable)
	assert.True(t, tb.Sortable)
	var links []sdk.EntityRef
	for _, c := range column(tb, "task") {
		assert.Equal(t, sdk.CellLink, c.Type)
		assert.Equal(t, strconv.FormatInt(c.Link.ID, 10), c.Text)
		links = append(links, c.Link)
	}
	var wantLinks []sdk.EntityRef
	for _, id := range ids {
		wantLinks = append(wantLinks, sdk.EntityRef{Server: dataRef.Server, Kind: sdk.KindTask, ID: id})
	}
	assert.Equal(t, wantLinks, links, "by id; dataset 10's task 2006 left out")
	assert.Equal(t, []string{"Supervised Classification", "Supervised Regression", "Learning Curve", "Clustering", "Supervised Classification", "Supervised Data Stream Classification"},
		cellTexts(tb, "type"), "a type without a name is named from its id")
	assert.Equal(t, []string{"play", "temperature", "play", "—", "outlook", "play"}, cellTexts(tb, "target"), "clustering has no target")
	assert.Equal(t, []string{"10-fold Crossvalidation", "33% Holdout set", "procedure 13", "50 times Clustering", "10-fold Crossvalidation", "10-fold Crossvalidation"},
		cellTexts(tb, "procedure"), "named from OpenML's list; an id it lacks stays an id")
	assert.Equal(t, []string{"active", "active", "active", "deactivated", "in preparation", "active"}, cellTexts(tb, "status"))
	for _, c := range column(tb, "runs") {
		assert.True(t, c.Missing, "counted by the next callback")
	}
	assert.Contains(t, texts(sdktest.Find[*sdk.Slot](t, listed, data.TaskRunsSlot).Children), "Counting the runs of these 6 tasks…")

	counted := countRuns(t, h, dataRef, listed)
	paths := fetchedPaths(host, "run/list")
	assert.Equal(t, []string{
		"run/list/limit/10000/offset/0/task/2001,2002,2003,2004,2005,2010",
		"run/list/limit/10000/offset/10000/task/2001,2002,2003,2004,2005,2010",
		"run/list/limit/10000/offset/20000/task/2001,2002,2003,2004,2005,2010",
	}, paths, "pages of 10,000 until a short one")
	tb = sdktest.Find[*sdk.Table](t, counted, data.TasksTable)
	var got []float64
	var wantCounts []float64
	total := 0
	for _, id := range ids {
		wantCounts = append(wantCounts, float64(want[id]))
		total += want[id]
	}
	for _, c := range column(tb, "runs") {
		require.Equal(t, sdk.CellNumber, c.Type)
		require.False(t, c.Missing)
		got = append(got, c.Number)
	}
	assert.Equal(t, wantCounts, got)
	assert.Zero(t, want[2004], "a task without runs counts 0")
	assert.Len(t, tb.Columns, 6, "exact counts need no second column")
	assert.Equal(t, fmt.Sprintf("**%s runs** on these tasks.", commas(total)), texts(counted)[0])
	assert.Empty(t, sdktest.All[*sdk.Notice](counted))
	assert.Equal(t, []string{"Counting the runs of 6 tasks 0/100000", "Counting the runs of 6 tasks 10000/100000", "Counting the runs of 6 tasks 20000/100000", "Counting the runs of 6 tasks 1/1"},
		slices.DeleteFunc(slices.Clone(host.Progresses), func(s string) bool { return !strings.HasPrefix(s, "Counting") }), "a report a page, then the end")
	assert.Equal(t, "Counting the runs of 6 tasks 1/1", host.Progresses[len(host.Progresses)-1], "the progress ends")
	assert.Contains(t, host.Progresses, "Loading the tasks of dataset 9 5/5")
}

func commas(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// TestTasks_pagesAndCap: small limits: tasks listed two a page, task ids
// asked for two at a time, runs counted 1,000 a page up to 5,000, beyond
// which the counts are lower bounds.
func TestTasks_pagesAndCap(t *testing.T) {
	t.Parallel()
	srv := &fakeServer{other: map[string][]byte{"estimationprocedure/list": procedures}}
	for _, id := range []int64{101, 102, 103, 104, 105} {
		srv.tasks = append(srv.tasks, fakeTask{id: id, typeID: 1, typ: "Supervised Classification", did: 9, status: "active", target: "play", estimate: "1"})
	}
	// 101 and 102 (asked together) have 1,500 runs, interleaved; 104's 50
	// runs come before 103's 4,000; 105 has 700.
	add := func(task int64, n int, from int64) {
		for i := range n {
			srv.runs = append(srv.runs, fakeRun{id: from + int64(i)*2, task: task})
		}
	}
	add(101, 1200, 1)
	add(102, 300, 2)
	add(104, 50, 10_000)
	add(103, 4000, 20_000)
	add(105, 700, 30_000)
	slices.SortFunc(srv.runs, func(a, b fakeRun) int { return int(a.id - b.id) })
	host := srv.host()
	h := sdktest.Run(t, data.NewWithLimits(2, 100, 1000, 5000, len("101,102")), host)

	listed := listTasks(t, h, dataRef)
	assert.Equal(t, []string{
		"task/list/limit/2/offset/0/status/all/data_id/9",
		"task/list/limit/2/offset/2/status/all/data_id/9",
		"task/list/limit/2/offset/4/status/all/data_id/9",
	}, fetchedPaths(host, "task/list"))
	tb := sdktest.Find[*sdk.Table](t, listed, data.TasksTable)
	assert.Equal(t, []string{"101", "102", "103", "104", "105"}, cellTexts(tb, "task"))

	counted := countRuns(t, h, dataRef, listed)
	assert.Equal(t, []string{
		"run/list/limit/1000/offset/0/task/101,102",
		"run/list/limit/1000/offset/1000/task/101,102",
		"run/list/limit/1000/offset/0/task/103,104",
		"run/list/limit/1000/offset/1000/task/103,104",
		"run/list/limit/1000/offset/2000/task/103,104",
		"run/list/limit/500/offset/3000/task/103,104",
	}, fetchedPaths(host, "run/list"), "the last page asks only for what the limit leaves")
	tb = sdktest.Find[*sdk.Table](t, counted, data.TasksTable)
	// 101 and 102 were counted to the end; of 103 and 104, the first
	// 5,000 - 1,500 = 3,500 runs: 104's 50, then 3,450 of 103.
	assert.Equal(t, []string{"1200", "300", "≥ 3450", "≥ 50", "not counted"}, cellTexts(tb, "runs"))
	var nums []string
	for _, c := range column(tb, "runs_counted") {
		if c.Missing {
			nums = append(nums, "—")
			continue
		}
		require.Equal(t, sdk.CellNumber, c.Type)
		nums = append(nums, strconv.FormatFloat(c.Number, 'f', -1, 64))
	}
	assert.Equal(t, []string{"1200", "300", "3450", "50", "—"}, nums, "a number column keeps the table sortable by count")
	assert.Equal(t, "At least **5,000 runs** on these tasks.", texts(counted)[0])
	notices := sdktest.All[*sdk.Notice](counted)
	require.Len(t, notices, 1)
	assert.Equal(t, sdk.Info, notices[0].Level)
	assert.Equal(t, "Counting stopped at 5,000 runs", notices[0].Summary)
	assert.Contains(t, notices[0].Detail, "A count shown as ≥ N is a lower bound")
	assert.Contains(t, notices[0].Detail, "not counted were not reached")
}

// TestTasks_noResults: OpenML's "no results" answer, as the host's error
// or as the answer itself, is a notice saying the dataset has no tasks,
// and nothing to count.
func TestTasks_noResults(t *testing.T) {
	t.Parallel()
	for _, inBody := range []bool{false, true} {
		t.Run(fmt.Sprintf("in body %t", inBody), func(t *testing.T) {
			t.Parallel()
			srv := &fakeServer{noResultsInBody: inBody}
			h := sdktest.Run(t, data.New(), srv.host())
			listed := listTasks(t, h, dataRef)
			require.Len(t, listed, 1)
			n, ok := listed[0].(*sdk.Notice)
			require.True(t, ok, "got %T", listed[0])
			assert.Equal(t, sdk.Info, n.Level)
			assert.Equal(t, "No tasks are defined on this dataset", n.Summary)
			assert.Contains(t, n.Detail, "OpenML lists no task on dataset 9")

			patch, err := h.Callback(&sdk.CallbackRequest{Ref: dataRef, ID: data.TaskRunsCallback,
				Inputs: []sdk.Arg{{Ref: sdk.Input(data.TasksSlot, sdk.PropChildren), Value: sdk.ChildrenValue(listed...)}}})
			require.NoError(t, err)
			assert.True(t, patch.PreventUpdate, "no table, no counts")
		})
	}
}

// TestTasks_listingFails: a task listing that cannot be read is a
// warning, with the cause and how to retry; one cut off after its first
// page says how many tasks it shows.
func TestTasks_listingFails(t *testing.T) {
	t.Parallel()
	t.Run("first page", func(t *testing.T) {
		t.Parallel()
		srv := weatherServer()
		srv.fail = func(path string, _ int) error {
			if strings.HasPrefix(path, "task/list") {
				return &sdk.FetchError{Code: sdk.FetchUnavailable, Message: "api.openml.org could not be reached"}
			}
			return nil
		}
		h := sdktest.Run(t, data.New(), srv.host())
		listed := listTasks(t, h, dataRef)
		require.Len(t, listed, 1)
		n := listed[0].(*sdk.Notice)
		assert.Equal(t, sdk.Warning, n.Level)
		assert.Equal(t, "The tasks of this dataset could not be loaded", n.Summary)
		assert.Equal(t, "task listing: api.openml.org could not be reached. Click “Reload the tasks” to try again.", n.Detail)
	})
	t.Run("later page", func(t *testing.T) {
		t.Parallel()
		srv := weatherServer()
		srv.fail = func(path string, offset int) error {
			if strings.HasPrefix(path, "task/list") && offset > 0 {
				return &sdk.FetchError{Code: sdk.FetchFailed, Message: "server error 500"}
			}
			return nil
		}
		h := sdktest.Run(t, data.NewWithLimits(2, 100, 1000, 5000, 200), srv.host())
		listed := listTasks(t, h, dataRef)
		assert.True(t, strings.HasPrefix(texts(listed)[0], "At least **2 tasks** are defined"))
		notices := sdktest.All[*sdk.Notice](listed)
		require.Len(t, notices, 1)
		assert.Equal(t, sdk.Warning, notices[0].Level)
		assert.Equal(t, "Only the first 2 tasks could be loaded", notices[0].Summary)
		assert.Equal(t, "tasks 3 to 4: task listing: server error 500. Click “Reload the tasks” to try again.", notices[0].Detail)
		assert.Len(t, sdktest.Find[*sdk.Table](t, listed, data.TasksTable).Rows, 2)
	})
	t.Run("cut off", func(t *testing.T) {
		t.Parallel()
		h := sdktest.Run(t, data.NewWithLimits(2, 4, 1000, 5000, 200), weatherServer().host())
		listed := listTasks(t, h, dataRef)
		assert.True(t, strings.HasPrefix(texts(listed)[0], "At least **4 tasks** are defined"))
		notices := sdktest.All[*sdk.Notice](listed)
		require.Len(t, notices, 1)
		assert.Equal(t, sdk.Info, notices[0].Level)
		assert.Equal(t, "Only the first 4 tasks are listed", notices[0].Summary)
		assert.Len(t, sdktest.Find[*sdk.Table](t, listed, data.TasksTable).Rows, 4)
	})
}

// TestTaskRuns_fails: a run listing that cannot be read leaves the table
// without counts under a warning; one failing after some pages keeps the
// counts made, as lower bounds where a task's runs were not all read.
func TestTaskRuns_fails(t *testing.T) {
	t.Parallel()
	t.Run("first page", func(t *testing.T) {
		t.Parallel()
		srv := weatherServer()
		srv.fail = func(path string, _ int) error {
			if strings.HasPrefix(path, "run/list") {
				return &sdk.FetchError{Code: sdk.FetchFailed, Message: "run/list/…: server error 500"}
			}
			return nil
		}
		h := sdktest.Run(t, data.New(), srv.host())
		counted := countRuns(t, h, dataRef, listTasks(t, h, dataRef))
		notices := sdktest.All[*sdk.Notice](counted)
		require.Len(t, notices, 1)
		assert.Equal(t, sdk.Warning, notices[0].Level)
		assert.Equal(t, "The runs of these tasks could not be counted", notices[0].Summary)
		assert.Contains(t, notices[0].Detail, "run listing: run/list/…: server error 500. Click “Reload the tasks” to try again")
		tb := sdktest.Find[*sdk.Table](t, counted, data.TasksTable)
		assert.Len(t, tb.Rows, 6, "the tasks are still listed")
		for _, c := range column(tb, "runs") {
			assert.True(t, c.Missing)
		}
	})
	t.Run("later page", func(t *testing.T) {
		t.Parallel()
		srv := weatherServer()
		ids := []int64{2001, 2002, 2003, 2004, 2005, 2010}
		var want map[int64]int
		srv.runs, want = randomRuns(2, 2500, ids, []int{5, 4, 3, 0, 2, 1})
		srv.fail = func(path string, offset int) error {
			if strings.HasPrefix(path, "run/list") && strings.HasSuffix(path, "/task/2005,2010") {
				return &sdk.FetchError{Code: sdk.FetchFailed, Message: "server error 500"}
			}
			return nil
		}
		// Ids two at a time: 2001 to 2004 are counted, 2005 and 2010 fail.
		h := sdktest.Run(t, data.NewWithLimits(1000, 5000, 1000, 100_000, len("2001,2002")), srv.host())
		counted := countRuns(t, h, dataRef, listTasks(t, h, dataRef))
		tb := sdktest.Find[*sdk.Table](t, counted, data.TasksTable)
		assert.Equal(t, []string{strconv.Itoa(want[2001]), strconv.Itoa(want[2002]), strconv.Itoa(want[2003]), "0", "not counted", "not counted"}, cellTexts(tb, "runs"))
		notices := sdktest.All[*sdk.Notice](counted)
		require.Len(t, notices, 1)
		assert.Equal(t, sdk.Warning, notices[0].Level)
		loaded := want[2001] + want[2002] + want[2003]
		assert.Equal(t, fmt.Sprintf("Counting stopped after %s runs: the next ones could not be loaded", commas(loaded)), notices[0].Summary)
		assert.Contains(t, notices[0].Detail, "server error 500")
	})
}

// TestTasks_proceduresUnavailable: without OpenML's list of estimation
// procedures, they are shown by id, and the tab says why.
func TestTasks_proceduresUnavailable(t *testing.T) {
	t.Parallel()
	srv := weatherServer()
	delete(srv.other, "estimationprocedure/list")
	host := srv.host()
	h := sdktest.Run(t, data.New(), host)
	listed := listTasks(t, h, dataRef)
	tb := sdktest.Find[*sdk.Table](t, listed, data.TasksTable)
	assert.Equal(t, []string{"procedure 1", "procedure 5", "procedure 13", "procedure 17", "procedure 1", "procedure 1"}, cellTexts(tb, "procedure"))
	assert.Contains(t, texts(listed)[0], "OpenML's list of estimation procedures could not be loaded, so they are shown by id.")
	require.NotEmpty(t, host.Logs)
	assert.Contains(t, host.Logs[0], "estimation procedures could not be read")
}

// TestTasks_localFile: a local file is on no server: no Tasks tab, and no
// callback asks for tasks.
func TestTasks_localFile(t *testing.T) {
	t.Parallel()
	h, ref := localFile(t, "weather", weatherARFF)
	page, err := h.Layout(ref)
	require.NoError(t, err)
	for _, tb := range page.Tabs {
		assert.NotEqual(t, "tasks", tb.ID)
	}
	for _, cb := range page.Callbacks {
		assert.NotContains(t, []string{data.TasksCallback, data.TaskRunsCallback}, cb.ID)
	}
	// Asked anyway, the callback says so instead of asking a server.
	listed := listTasks(t, h, ref)
	require.Len(t, listed, 1)
	assert.Equal(t, "A local file has no tasks", listed[0].(*sdk.Notice).Summary)
}

// recordedTaskListings are the task listings by dataset recorded under
// root (task/list/…/data_id/<id>), by dataset id.
func recordedTaskListings(t *testing.T, root string) map[int64]string {
	t.Helper()
	out := map[int64]string{}
	base := filepath.Join(root, "api", "v1", "xml", "task", "list")
	_ = filepath.WalkDir(base, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Base(filepath.Dir(p)) != "data_id" {
			return nil
		}
		if id, err := strconv.ParseInt(d.Name(), 10, 64); err == nil {
			out[id] = p
		}
		return nil
	})
	return out
}

// TestTasks_recordedListingByDataID runs the Tasks tab on every recorded
// task listing by dataset whose dataset description is recorded too. No
// such listing is recorded today: the test then says so and skips.
func TestTasks_recordedListingByDataID(t *testing.T) {
	t.Parallel()
	dir := recordings.Require(t)
	found := 0
	for _, root := range []string{"www", "test"} {
		for id, p := range recordedTaskListings(t, filepath.Join(dir, root)) {
			if _, err := os.Stat(filepath.Join(dir, root, "api", "v1", "xml", "data", strconv.FormatInt(id, 10))); err != nil {
				continue
			}
			found++
			t.Run(fmt.Sprintf("%s d/%d", root, id), func(t *testing.T) {
				body, err := os.ReadFile(p)
				require.NoError(t, err)
				want := strings.Count(string(body), "<oml:task>")
				rel, _ := filepath.Rel(filepath.Join(dir, root, "api", "v1", "xml"), p)
				recorded := sdktest.Recorded(filepath.Join(dir, root))
				host := &sdktest.Host{FetchFunc: func(ctx context.Context, req sdk.FetchRequest) (*sdk.FetchResponse, error) {
					if strings.HasPrefix(req.Path, "task/list/") {
						req.Path = filepath.ToSlash(rel) // whatever paging the recording was made with
					}
					return recorded.FetchFunc(ctx, req)
				}}
				ref := sdk.EntityRef{Server: "https://" + root + ".openml.org", Kind: sdk.KindData, ID: id}
				h := sdktest.Run(t, data.New(), host)
				listed := listTasks(t, h, ref)
				tb := sdktest.Find[*sdk.Table](t, listed, data.TasksTable)
				assert.Len(t, tb.Rows, want)
				for _, c := range column(tb, "task") {
					assert.Equal(t, sdk.KindTask, c.Link.Kind)
				}
			})
		}
	}
	if found == 0 {
		t.Skipf("no task listing by dataset (task/list/…/data_id/<id>) with its dataset is recorded under %s/{www,test}; the Tasks tab is tested on synthetic listings and on TestTasks_recordedEntries", dir)
	}
}

// TestTasks_recordedEntries: the test server's recorded learning-curve
// listing (task/list/type/3) holds two tasks on anneal, dataset 1, whose
// description and estimation procedures are recorded too. Served as the
// answer for dataset 1, the tab keeps those two, names their procedures
// from the recorded list, and, with no run listing recorded, says the
// runs could not be counted.
func TestTasks_recordedEntries(t *testing.T) {
	t.Parallel()
	root := recordings.Require(t, "test")
	recorded := sdktest.Recorded(root)
	var mu sync.Mutex
	var asked []string
	host := &sdktest.Host{FetchFunc: func(ctx context.Context, req sdk.FetchRequest) (*sdk.FetchResponse, error) {
		mu.Lock()
		asked = append(asked, req.Path)
		mu.Unlock()
		if strings.HasPrefix(req.Path, "task/list/") && strings.HasSuffix(req.Path, "/data_id/1") {
			req.Path = "task/list/type/3"
		}
		return recorded.FetchFunc(ctx, req)
	}}
	ref := sdk.EntityRef{Server: "https://test.openml.org", Kind: sdk.KindData, ID: 1}
	h := sdktest.Run(t, data.New(), host)
	page, err := h.Layout(ref)
	require.NoError(t, err)
	assert.Equal(t, "tasks", page.Tabs[len(page.Tabs)-1].ID)

	listed := listTasks(t, h, ref)
	assert.Equal(t, "**2 tasks** are defined on this dataset: 2 Learning Curve.", texts(listed)[0])
	tb := sdktest.Find[*sdk.Table](t, listed, data.TasksTable)
	assert.Equal(t, []string{"763", "764"}, cellTexts(tb, "task"), "the other datasets' 206 tasks left out")
	assert.Equal(t, []sdk.EntityRef{{Server: "https://test.openml.org", Kind: sdk.KindTask, ID: 763}, {Server: "https://test.openml.org", Kind: sdk.KindTask, ID: 764}},
		[]sdk.EntityRef{tb.Rows[0].Cells[0].Link, tb.Rows[1].Cells[0].Link})
	assert.Equal(t, []string{"Learning Curve", "Learning Curve"}, cellTexts(tb, "type"))
	assert.Equal(t, []string{"class", "class"}, cellTexts(tb, "target"))
	assert.Equal(t, []string{"10-fold Learning Curve", "10 times 10-fold Learning Curve"}, cellTexts(tb, "procedure"))
	assert.Equal(t, []string{"active", "active"}, cellTexts(tb, "status"))

	counted := countRuns(t, h, ref, listed)
	notices := sdktest.All[*sdk.Notice](counted)
	require.Len(t, notices, 1)
	assert.Equal(t, "The runs of these tasks could not be counted", notices[0].Summary)
	assert.Contains(t, notices[0].Detail, "run/list/limit/10000/offset/0/task/763,764")
	assert.Len(t, sdktest.Find[*sdk.Table](t, counted, data.TasksTable).Rows, 2)
	mu.Lock()
	defer mu.Unlock()
	assert.Contains(t, asked, "estimationprocedure/list")
}
