package overview_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/internal/component"
	"github.com/openml-dash/openml-dash/internal/recordings"
	"github.com/openml-dash/openml-dash/plugins/overview"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

var allViews = map[string]viewIDs{"datasets": dataIDs, "tasks": taskIDs, "flows": flowIDs, "runs": runIDs}

func TestManifest(t *testing.T) {
	t.Parallel()
	h := sdktest.Run(t, overview.New(), &sdktest.Host{})
	assert.Equal(t, []sdk.Kind{sdk.KindDataOverview, sdk.KindTaskOverview, sdk.KindFlowOverview, sdk.KindRunOverview}, h.Manifest.Kinds)
	_, err := h.Layout(sdk.EntityRef{Server: www, Kind: sdk.KindData, ID: 61})
	assert.ErrorContains(t, err, "the overview plugin shows overviews, not a data page")
}

// TestLayout_titlesAndCallbacks: each overview is titled with the
// server's host, holds its control with its default value, and every
// component its callbacks name is on the page from the start, as the
// host requires.
func TestLayout_titlesAndCallbacks(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		server, title string
	}{
		"datasets": {www, "All datasets on www.openml.org"},
		"tasks":    {"https://test.openml.org", "All tasks on test.openml.org"},
		"flows":    {"http://localhost:8080", "All flows on localhost:8080"},
		"runs":     {"", "All runs on www.openml.org"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			v := allViews[name]
			h := sdktest.Run(t, overview.New(), &sdktest.Host{})
			page, err := h.Layout(overviewRef(c.server, v.kind))
			require.NoError(t, err)
			assert.Equal(t, c.title, page.Title)
			require.Len(t, page.Tabs, 1)
			cs := page.Tabs[0].Children
			assert.Equal(t, c.title, sdktest.All[*sdk.Heading](cs)[0].Text)

			ids := map[string]sdk.Component{}
			sdk.Walk(cs, func(x sdk.Component) bool {
				if id := x.ComponentID(); id != "" {
					require.NotContains(t, ids, id, "id %q twice", id)
					ids[id] = x
				}
				return true
			})
			value, err := component.Prop(ids[v.control], sdk.PropValue)
			require.NoError(t, err)
			assert.Equal(t, v.value, value.Str())

			require.Len(t, page.Callbacks, 2)
			assert.Equal(t, v.load, page.Callbacks[0].ID)
			assert.Equal(t, []sdk.PropRef{sdk.Input(v.control, sdk.PropValue)}, page.Callbacks[0].Inputs)
			assert.Equal(t, []sdk.PropRef{sdk.Output(v.content, sdk.PropChildren)}, page.Callbacks[0].Outputs)
			assert.Equal(t, v.click, page.Callbacks[1].ID)
			assert.Equal(t, []sdk.PropRef{sdk.Output(v.table, sdk.PropChildren)}, page.Callbacks[1].Outputs)
			assert.Equal(t, sdk.Input(v.all, sdk.PropNClicks), page.Callbacks[1].Inputs[len(page.Callbacks[1].Inputs)-1])
			for _, cb := range page.Callbacks {
				for _, r := range append(append(append([]sdk.PropRef{}, cb.Inputs...), cb.State...), cb.Outputs...) {
					c, ok := ids[r.ComponentID]
					require.True(t, ok, "callback %s names %s, which is not on the page", cb.ID, r)
					_, err := component.Prop(c, r.Property)
					assert.NoError(t, err, "%s", r)
				}
			}
		})
	}
}

// TestOverviews_emptyListing: a server that lists nothing answers OpenML's
// "no results", as a failed fetch or as the answer's body: each overview
// says so in a notice, with no chart or table.
func TestOverviews_emptyListing(t *testing.T) {
	t.Parallel()
	want := map[string]string{
		"datasets": "www.openml.org lists no active datasets",
		"tasks":    "www.openml.org lists no active tasks",
		"flows":    "www.openml.org lists no flows",
		"runs":     "www.openml.org lists no runs",
	}
	for name, v := range allViews {
		for _, body := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s body=%v", name, body), func(t *testing.T) {
				t.Parallel()
				h := sdktest.Run(t, overview.New(), (&server{NoResultsBody: body}).Host())
				out := load(t, h, v, www, v.value)
				require.Len(t, out, 1)
				n, ok := out[0].(*sdk.Notice)
				require.True(t, ok, "%T", out[0])
				assert.Equal(t, sdk.Info, n.Level)
				assert.Equal(t, want[name], n.Summary)
				assert.Contains(t, n.Detail, `"no results"`)
			})
		}
	}
}

// TestOverviews_serverError: a listing whose first page fails is an error
// notice naming the request, never an empty page.
func TestOverviews_serverError(t *testing.T) {
	t.Parallel()
	for name, v := range allViews {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := &server{FailFrom: map[string]int{"data": 0, "task": 0, "flow": 0, "run": 0}}
			h := sdktest.Run(t, overview.New(), srv.Host())
			out := load(t, h, v, www, v.value)
			require.Len(t, out, 1)
			n, ok := out[0].(*sdk.Notice)
			require.True(t, ok, "%T", out[0])
			assert.Equal(t, sdk.Error, n.Level)
			assert.Equal(t, fmt.Sprintf("The %s of www.openml.org could not be loaded", name), n.Summary)
			assert.Regexp(t, regexp.MustCompile(`fake server: \w+/list/limit/10000/offset/0.*503 Service Unavailable\. Reload the page \(F5\) to try again\.`), n.Detail)
			assert.Nil(t, click(t, h, v, www, v.value, nil, "", 0, 1), "no listing, nothing to list")
		})
	}
}

// recorded answers a task listing of one type from the recording of the
// whole listing: its first page (the recording holds fewer tasks than a
// page) is the recording, and any later page is OpenML's "no results".
// Other paths are answered as recorded.
func recorded(dir string) *sdktest.Host {
	rec := sdktest.Recorded(dir)
	page := regexp.MustCompile(`^(task/list/type/\d+)/limit/\d+/offset/(\d+)$`)
	inner := rec.FetchFunc
	rec.FetchFunc = func(ctx context.Context, req sdk.FetchRequest) (*sdk.FetchResponse, error) {
		if m := page.FindStringSubmatch(req.Path); m != nil {
			if m[2] != "0" {
				return &sdk.FetchResponse{Body: errorXML(482, "No results")}, nil
			}
			req.Path = m[1]
		}
		return inner(ctx, req)
	}
	return rec
}

// TestRecorded_taskListings reads the test server's recorded task
// listings of the learning-curve (type 3, 208 tasks) and clustering
// (type 5, 2 tasks) types, with its recorded estimation procedures.
func TestRecorded_taskListings(t *testing.T) {
	t.Parallel()
	host := recorded(recordings.Require(t, "test"))
	h := sdktest.Run(t, overview.New(), host)
	const server = "https://test.openml.org"

	out := load(t, h, taskIDs, server, "3")
	assert.Empty(t, notices(out))
	assert.Contains(t, texts(out), "**208** active tasks of type Learning Curve on test.openml.org, all loaded.")
	assert.Equal(t, map[string]int{"Learning Curve": 208}, counts(t, sdktest.Find[*sdk.Chart](t, out, overview.TaskTypesChart)))
	assert.Equal(t, map[string]int{"10-fold Learning Curve": 105, "10 times 10-fold Learning Curve": 103},
		counts(t, sdktest.Find[*sdk.Chart](t, out, overview.TaskProceduresChart)), "procedures 13 and 14, named by the recorded list")
	assert.Len(t, table(t, out).Rows, 208)

	out = load(t, h, taskIDs, server, "5")
	tb := table(t, out)
	require.Len(t, tb.Rows, 2)
	assert.Equal(t, sdk.LinkCell("1618", sdk.EntityRef{Server: server, Kind: sdk.KindTask, ID: 1618}), column(t, tb, "id")[0])
	assert.Equal(t, sdk.LinkCell("kr-vs-kp (389)", sdk.EntityRef{Server: server, Kind: sdk.KindData, ID: 389}), column(t, tb, "dataset")[0])
	assert.Equal(t, "50 times Clustering", column(t, tb, "procedure")[0].Text)

	var fetched []string
	for _, f := range host.Fetches {
		fetched = append(fetched, f.Path)
	}
	assert.Contains(t, fetched, "estimationprocedure/list")
	assert.Contains(t, fetched, "task/list/type/3/limit/10000/offset/0")
	assert.Contains(t, fetched, "task/list/type/5/limit/10000/offset/0")
}

// TestRecorded_runListing reads the recorded first page of the test
// server's run listing, 20 runs (run/list/limit/20/offset/0), with pages
// of 20: the second page is not recorded, so the listing is cut off there.
func TestRecorded_runListing(t *testing.T) {
	t.Parallel()
	host := sdktest.Recorded(recordings.Require(t, "test"))
	h := sdktest.Run(t, overview.NewWith(overview.Options{PageSize: 20}), host)
	const server = "https://test.openml.org"
	out := load(t, h, runIDs, server, "10000")
	ns := notices(out)
	require.Len(t, ns, 1)
	assert.Equal(t, "Only 20 runs could be loaded", ns[0].Summary)
	assert.Contains(t, ns[0].Detail, "entries 21 to 40")
	assert.Contains(t, ns[0].Detail, "run/list/limit/20/offset/20")
	assert.Equal(t, map[string]int{"Supervised Classification": 18, "Supervised Regression": 2},
		counts(t, sdktest.Find[*sdk.Chart](t, out, overview.RunTypesChart)))
	assert.Equal(t, map[string]int{"2026": 20}, counts(t, sdktest.Find[*sdk.Chart](t, out, overview.RunYearsChart)))
	tb := table(t, out)
	require.Len(t, tb.Rows, 20)
	assert.Equal(t, sdk.EntityRef{Server: server, Kind: sdk.KindRun, ID: 104}, column(t, tb, "id")[0].Link, "the highest id first")
	assert.True(t, strings.HasPrefix(column(t, tb, "uploaded")[0].Text, "2026-01-"))
}
