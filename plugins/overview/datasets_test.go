package overview_test

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/plugins/overview"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

var dataCharts = []string{overview.DataTypesChart, overview.DataClassChart, overview.DataRowsChart, overview.DataColsChart}

// wantBins counts values into bins that hold their upper bounds, the last
// unbounded; NaN is left out.
func wantBins(values []float64, upper []float64, labels []string) map[string]int {
	out := map[string]int{}
	for _, v := range values {
		if math.IsNaN(v) {
			continue
		}
		out[labels[sort.SearchFloat64s(upper, v)]]++
	}
	return out
}

// wantType is Dash's attribute type of a dataset, "" when unknown.
func wantType(d fakeDataset) string {
	switch {
	case d.WithoutQualities || d.WithoutTypeQuality:
		return ""
	case d.Numeric == 0:
		return "all nominal"
	case d.Symbolic <= 1:
		return "all numeric"
	}
	return "mixed"
}

func selectStatus(ds []fakeDataset, status string) []fakeDataset {
	var out []fakeDataset
	for _, d := range ds {
		if status == "all" || d.Status == "active" {
			out = append(out, d)
		}
	}
	return out
}

// TestDatasets_chartsCountEveryPage loads 3,500 datasets a thousand a
// page and checks every chart against counts made here.
func TestDatasets_chartsCountEveryPage(t *testing.T) {
	t.Parallel()
	all := makeDatasets(3500, 1)
	srv := &server{Datasets: all}
	host := srv.Host()
	h := sdktest.Run(t, overview.NewWith(overview.Options{PageSize: 1000}), host)

	for _, status := range []string{"active", "all"} {
		t.Run(status, func(t *testing.T) {
			ds := selectStatus(all, status)
			before := len(srv.Paths("data/list"))
			out := load(t, h, dataIDs, www, status)
			require.Empty(t, notices(out))

			var pages []string
			for off := 0; off <= len(ds); off += 1000 {
				pages = append(pages, fmt.Sprintf("data/list/limit/1000/offset/%d/status/%s", off, status))
			}
			assert.Equal(t, pages, srv.Paths("data/list")[before:], "each page once, until a short one")
			assert.Contains(t, texts(out), fmt.Sprintf("**%s**", thousands(len(ds))))
			assert.Contains(t, texts(out), "all loaded")

			var types []string
			var classes, instances, features []float64
			for _, d := range ds {
				if wt := wantType(d); wt != "" {
					types = append(types, wt)
				}
				if d.WithoutQualities {
					classes, instances, features = append(classes, math.NaN()), append(instances, math.NaN()), append(features, math.NaN())
					continue
				}
				classes, instances, features = append(classes, d.Classes), append(instances, d.Instances), append(features, d.Features)
			}
			wantTypes := map[string]int{}
			for _, ty := range types {
				wantTypes[ty]++
			}
			pie := sdktest.Find[*sdk.Chart](t, out, overview.DataTypesChart)
			assert.Equal(t, sdk.ChartPie, pie.Kind)
			assert.Equal(t, wantTypes, nonZero(counts(t, pie)))
			assert.Contains(t, pie.Title, fmt.Sprintf("(%s datasets without feature counts left out)", thousands(len(ds)-len(types))))

			cls := sdktest.Find[*sdk.Chart](t, out, overview.DataClassChart)
			assert.Equal(t, wantBins(classes, []float64{1, 2, 5, 10, 25, 100}, []string{"0–1", "2", "3–5", "6–10", "11–25", "26–100", "over 100"}), nonZero(counts(t, cls)))
			rows := sdktest.Find[*sdk.Chart](t, out, overview.DataRowsChart)
			assert.Equal(t, wantBins(instances, []float64{500, 1000, 5000, 10000, 50000, 100000, 500000},
				[]string{"0–500", "500–1k", "1k–5k", "5k–10k", "10k–50k", "50k–100k", "100k–500k", "over 500k"}), nonZero(counts(t, rows)))
			assert.Len(t, rows.X.Categories, 8, "Dash's eight bins, empty ones too")
			cols := sdktest.Find[*sdk.Chart](t, out, overview.DataColsChart)
			assert.Equal(t, wantBins(features, []float64{10, 50, 100, 500, 1000, 5000, 10000, 50000, 100000},
				[]string{"0–10", "10–50", "50–100", "100–500", "500–1k", "1k–5k", "5k–10k", "10k–50k", "50k–100k", "over 100k"}), nonZero(counts(t, cols)))

			// Every dataset with both counts is a point that opens it.
			sizes := sdktest.Find[*sdk.Chart](t, out, overview.DataSizesChart)
			assert.True(t, sizes.X.Log && sizes.Y.Log)
			var linked []int64
			for _, s := range sizes.Series {
				require.Len(t, s.Links, len(s.X))
				require.Len(t, s.Labels, len(s.X))
				for i, l := range s.Links {
					assert.Equal(t, sdk.KindData, l.Kind)
					assert.Equal(t, www, l.Server)
					assert.Contains(t, s.Labels[i], fmt.Sprintf("(dataset %d)", l.ID))
					linked = append(linked, l.ID)
				}
			}
			var want []int64
			for _, d := range ds {
				if !d.WithoutQualities {
					want = append(want, d.ID)
				}
			}
			slices.Sort(linked)
			assert.Equal(t, want, linked)

			// The table lists every dataset, the newest first, each id a link.
			tb := table(t, out)
			require.Len(t, tb.Rows, min(len(ds), overview.TableRows))
			ids := column(t, tb, "id")
			for i, c := range ids {
				d := ds[len(ds)-1-i]
				assert.Equal(t, sdk.LinkCell(fmt.Sprint(d.ID), sdk.EntityRef{Server: www, Kind: sdk.KindData, ID: d.ID}), c)
			}
			assert.True(t, tb.Sortable)
		})
	}
	// The host is told how far loading got, with no total known.
	assert.Contains(t, host.Progresses, "Loading datasets: 0 so far 0/-1")
	assert.Contains(t, host.Progresses, "Loading datasets: 2,000 so far 2000/-1")
	assert.Equal(t, "Loading datasets 1/1", host.Progresses[len(host.Progresses)-1], "and when it is done")
}

// TestDatasets_clickListsCategory: a click on a slice or a bar lists its
// datasets; the button lists every one again; other calls change nothing.
func TestDatasets_clickListsCategory(t *testing.T) {
	t.Parallel()
	all := makeDatasets(3500, 2)
	srv := &server{Datasets: all}
	h := sdktest.Run(t, overview.NewWith(overview.Options{PageSize: 1000, TableRows: 100}), srv.Host())
	out := load(t, h, dataIDs, www, "all")
	loaded := len(srv.Paths("data/list"))

	pie := sdktest.Find[*sdk.Chart](t, out, overview.DataTypesChart)
	nominal := slices.Index(pie.X.Categories, "all nominal")
	require.GreaterOrEqual(t, nominal, 0)
	var want []int64
	for _, d := range all {
		if wantType(d) == "all nominal" {
			want = append(want, d.ID)
		}
	}
	got := click(t, h, dataIDs, www, "all", dataCharts, overview.DataTypesChart, int64(nominal), 0)
	require.NotNil(t, got)
	assert.Contains(t, texts(got), fmt.Sprintf("Datasets with all nominal features: %s datasets.", thousands(len(want))))
	assert.Contains(t, texts(got), "The 100 with the highest ids are listed.")
	tb := table(t, got)
	require.Len(t, tb.Rows, 100)
	for i, c := range column(t, tb, "id") {
		assert.Equal(t, fmt.Sprint(want[len(want)-1-i]), c.Text)
	}
	for _, c := range column(t, tb, "types") {
		assert.Equal(t, "all nominal", c.Text)
	}

	// A bar of the instances: 500 to 1,000.
	bar := sdktest.Find[*sdk.Chart](t, out, overview.DataRowsChart)
	got = click(t, h, dataIDs, www, "all", dataCharts, overview.DataRowsChart, 1, 0)
	require.NotNil(t, got)
	n := 0
	for _, d := range all {
		if !d.WithoutQualities && d.Instances > 500 && d.Instances <= 1000 {
			n++
		}
	}
	assert.Equal(t, n, counts(t, bar)["500–1k"])
	assert.Contains(t, texts(got), fmt.Sprintf("Datasets with 500–1k instances: %s datasets.", thousands(n)))
	for _, c := range column(t, table(t, got), "instances") {
		assert.True(t, c.Number > 500 && c.Number <= 1000, "%v", c.Number)
	}

	got = click(t, h, dataIDs, www, "all", dataCharts, "", 0, 1)
	require.NotNil(t, got, "the button lists every dataset")
	assert.Contains(t, texts(got), "Every dataset loaded: 3,500.")
	assert.Len(t, table(t, got).Rows, 100)

	assert.Nil(t, click(t, h, dataIDs, www, "all", dataCharts, "", 0, 0), "the button arriving with the charts is no click")
	assert.Nil(t, click(t, h, dataIDs, www, "all", dataCharts, overview.DataTypesChart, 7, 0), "no such slice")
	p, err := h.Callback(&sdk.CallbackRequest{Ref: overviewRef(www, sdk.KindDataOverview), ID: dataIDs.click})
	require.NoError(t, err)
	assert.True(t, p.PreventUpdate, "the initial call changes nothing")
	assert.Len(t, srv.Paths("data/list"), loaded, "clicks filter the listing loaded, without asking again")
}

// TestDatasets_cutOff: a page after the first that fails ends the listing
// with a warning saying how many were loaded; the listing is kept for the
// clicks until the page is opened again, which asks for it anew.
func TestDatasets_cutOff(t *testing.T) {
	t.Parallel()
	srv := &server{Datasets: makeDatasets(3500, 3), FailFrom: map[string]int{"data": 2000}}
	p := overview.NewWith(overview.Options{PageSize: 1000})
	h := sdktest.Run(t, p, srv.Host())
	ref := overviewRef(www, sdk.KindDataOverview)
	_, err := h.Layout(ref)
	require.NoError(t, err)

	out := load(t, h, dataIDs, www, "all")
	ns := notices(out)
	require.Len(t, ns, 1)
	assert.Equal(t, sdk.Warning, ns[0].Level)
	assert.Equal(t, "Only 2,000 datasets could be loaded", ns[0].Summary)
	assert.Contains(t, ns[0].Detail, "entries 2,001 to 3,000")
	assert.Contains(t, ns[0].Detail, "503 Service Unavailable")
	assert.NotContains(t, texts(out), "all loaded")
	total := 0
	for _, v := range counts(t, sdktest.Find[*sdk.Chart](t, out, overview.DataRowsChart)) {
		total += v
	}
	assert.Equal(t, 2000-2000/40, total, "the charts count the datasets loaded")
	assert.Len(t, srv.Paths("data/list"), 3)

	load(t, h, dataIDs, www, "all")
	assert.Len(t, srv.Paths("data/list"), 3, "kept while the page is open")
	_, err = h.Layout(ref)
	require.NoError(t, err)
	load(t, h, dataIDs, www, "all")
	assert.Len(t, srv.Paths("data/list"), 6, "opened again, the listing is asked for anew")
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}
