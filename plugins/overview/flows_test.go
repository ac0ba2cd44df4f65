package overview_test

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/plugins/overview"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

// TestFlows_mostFrequentNames loads 3,000 flows a thousand a page: the
// bars count the most frequent short names, each opening the newest flow
// of its name; the radio draws more bars from the same listing.
func TestFlows_mostFrequentNames(t *testing.T) {
	t.Parallel()
	srv := &server{Flows: makeFlows(3000, 9), Answers: map[string][]byte{"user/list/user_id/1,2,3,4,5,6,7": usersXML(5)}}
	h := sdktest.Run(t, overview.NewWith(overview.Options{PageSize: 1000}), srv.Host())
	out := load(t, h, flowIDs, www, "25")
	assert.Equal(t, []string{"flow/list/limit/1000/offset/0", "flow/list/limit/1000/offset/1000", "flow/list/limit/1000/offset/2000", "flow/list/limit/1000/offset/3000"},
		srv.Paths("flow/list"), "a full last page is followed by one more, which answers no results")

	byName, newest := map[string]int{}, map[string]int64{}
	for _, f := range srv.Flows {
		short := evalview.ShortFlowName(f.Name)
		byName[short]++
		newest[short] = max(newest[short], f.ID)
	}
	assert.Contains(t, texts(out), fmt.Sprintf("**3,000** flows on www.openml.org, under **%d** names, all loaded.", len(byName)))
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	slices.SortFunc(names, func(a, b string) int { return cmp.Or(cmp.Compare(byName[b], byName[a]), cmp.Compare(a, b)) })

	bars := sdktest.Find[*sdk.Chart](t, out, overview.FlowNamesChart)
	assert.True(t, bars.Horizontal)
	require.Equal(t, names[:25], bars.X.Categories, "the 25 most frequent, the most frequent at the top")
	assert.Equal(t, "Pipeline(SimpleImputer,RandomForestClassifier)", bars.X.Categories[0])
	for i, n := range bars.X.Categories {
		assert.Equal(t, float64(byName[n]), bars.Series[0].Y[i], n)
		assert.Equal(t, sdk.EntityRef{Server: www, Kind: sdk.KindFlow, ID: newest[n]}, bars.Series[0].Links[i], n)
		assert.Contains(t, bars.Series[0].Labels[i], fmt.Sprintf("flow %d", newest[n]))
	}

	more := load(t, h, flowIDs, www, "50")
	assert.Len(t, srv.Paths("flow/list"), 4, "the radio redraws the listing loaded")
	assert.Equal(t, names[:50], sdktest.Find[*sdk.Chart](t, more, overview.FlowNamesChart).X.Categories)

	// Libraries: the first eight by count, the rest together.
	libs := map[string]int{}
	for _, f := range srv.Flows {
		lib, _, ok := strings.Cut(f.Name, ".")
		if !ok {
			lib = "no library prefix"
		}
		libs[lib]++
	}
	pie := counts(t, sdktest.Find[*sdk.Chart](t, out, overview.FlowLibraryChart))
	require.Len(t, pie, 9)
	other := pie["other libraries"]
	delete(pie, "other libraries")
	for lib, n := range pie {
		assert.Equal(t, libs[lib], n, lib)
		delete(libs, lib)
	}
	rest := 0
	for _, n := range libs {
		rest += n
	}
	assert.Equal(t, rest, other)

	// Uploaders: the server names five of the seven.
	ups := map[string]int{}
	for _, f := range srv.Flows {
		up := 1 + f.ID%7
		name := fmt.Sprintf("Person %d", up)
		if up > 5 {
			name = fmt.Sprintf("user %d", up)
		}
		ups[name]++
	}
	assert.Equal(t, ups, counts(t, sdktest.Find[*sdk.Chart](t, out, overview.FlowUploadChart)))
	assert.Equal(t, "Person 1", column(t, table(t, out), "uploader")[len(srv.Flows)%7].Text)

	flowCharts := []string{overview.FlowLibraryChart, overview.FlowUploadChart}
	got := click(t, h, flowIDs, www, "25", flowCharts, overview.FlowLibraryChart, 1, 0)
	require.NotNil(t, got)
	pieChart := sdktest.Find[*sdk.Chart](t, out, overview.FlowLibraryChart)
	lib := pieChart.X.Categories[1]
	assert.Contains(t, texts(got), "Flows of "+lib+": ")
	for _, c := range column(t, table(t, got), "full") {
		assert.True(t, strings.HasPrefix(c.Text, lib+"."), c.Text)
	}
}
