package suite_test

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/plugins/study/suite"
	"github.com/openml-dash/openml-dash/plugins/study/suite/suitetest"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

// TestDatasets_selectors: the quality choices are those the datasets
// have, each saying how many have it when not all do; the axes start as
// openml.org's page started them, linear.
func TestDatasets_selectors(t *testing.T) {
	t.Parallel()
	_, _, page := open(t, suitetest.New(suitetest.Spec{Tasks: 6, Flows: 3}))
	cs := tab(t, page, "suite-datasets")
	x := sdktest.Find[*sdk.Select](t, cs, suite.XSelect)
	assert.Equal(t, []sdk.Option{
		{Label: "MajorityClassSize (5 of 6 datasets)", Value: "MajorityClassSize"},
		{Label: "NumberOfClasses", Value: "NumberOfClasses"},
		{Label: "NumberOfFeatures", Value: "NumberOfFeatures"},
		{Label: "NumberOfInstances", Value: "NumberOfInstances"},
		{Label: "NumberOfMissingValues", Value: "NumberOfMissingValues"},
	}, x.Options)
	assert.Equal(t, []string{"NumberOfInstances"}, x.Values)
	assert.Equal(t, []string{"NumberOfFeatures"}, sdktest.Find[*sdk.Select](t, cs, suite.YSelect).Values)
	assert.Equal(t, []string{"NumberOfInstances"}, sdktest.Find[*sdk.Select](t, cs, suite.HistSelect).Values)
	for _, id := range []string{suite.XScale, suite.YScale, suite.HistScale} {
		r := sdktest.Find[*sdk.Radio](t, cs, id)
		assert.Equal(t, suite.Linear, r.Value, id)
		assert.Equal(t, []string{suite.Linear, suite.Log}, []string{r.Options[0].Value, r.Options[1].Value}, id)
	}
	assert.Empty(t, notices(cs))
}

// TestScatter_eachDatasetsOwnQualities: each point is one dataset at its
// own values (openml.org's page used dataset 1's for all), named and
// linked to the dataset's page.
func TestScatter_eachDatasetsOwnQualities(t *testing.T) {
	t.Parallel()
	s := suitetest.New(suitetest.Spec{Tasks: 12, Flows: 3})
	h, _, _ := open(t, s)
	cs := scatter(t, h, s.Ref(server), "NumberOfInstances", suite.Linear, "NumberOfFeatures", suite.Linear)
	assert.Empty(t, notices(cs))
	chart := sdktest.Find[*sdk.Chart](t, cs, suite.ScatterChart)
	assert.Equal(t, sdk.ChartScatter, chart.Kind)
	assert.Equal(t, sdk.Axis{Title: "NumberOfInstances"}, chart.X)
	assert.Equal(t, sdk.Axis{Title: "NumberOfFeatures"}, chart.Y)
	assert.Equal(t, "NumberOfFeatures against NumberOfInstances, 12 datasets", chart.Title)
	require.Len(t, chart.Series, 1)
	pts := chart.Series[0]
	require.Len(t, pts.X, 12)
	require.Len(t, pts.Labels, 12)
	require.Len(t, pts.Links, 12)
	seen := map[float64]bool{}
	for i, task := range s.Tasks {
		assert.Equal(t, task.Qualities["NumberOfInstances"], pts.X[i], task.DataName)
		assert.Equal(t, task.Qualities["NumberOfFeatures"], pts.Y[i], task.DataName)
		assert.Equal(t, sdk.EntityRef{Server: server, Kind: sdk.KindData, ID: task.DataID}, pts.Links[i])
		assert.Contains(t, pts.Labels[i], fmt.Sprintf("%s (dataset %d)", task.DataName, task.DataID))
		seen[pts.X[i]] = true
	}
	assert.Len(t, seen, 12, "no two datasets share a value")
}

// TestScatter_logAxes: a log axis is asked of the chart, and datasets it
// cannot show (0 or less) or without the quality are named in a Notice.
func TestScatter_logAxes(t *testing.T) {
	t.Parallel()
	s := suitetest.New(suitetest.Spec{Tasks: 8, Flows: 3})
	h, _, _ := open(t, s)
	cs := scatter(t, h, s.Ref(server), "NumberOfMissingValues", suite.Log, "MajorityClassSize", suite.Log)
	chart := sdktest.Find[*sdk.Chart](t, cs, suite.ScatterChart)
	assert.True(t, chart.X.Log)
	assert.True(t, chart.Y.Log)
	var want []float64
	for i, task := range s.Tasks {
		// Datasets 0 and 4 have no missing values; dataset 1 no majority class size.
		if i%4 != 0 && i != 1 {
			want = append(want, task.Qualities["NumberOfMissingValues"])
		}
	}
	assert.Equal(t, want, chart.Series[0].X)
	ns := notices(cs)
	require.Len(t, ns, 1)
	assert.Equal(t, "3 datasets are not drawn", ns[0].Summary)
	assert.Equal(t, "1 has no value of NumberOfMissingValues or MajorityClassSize (data-b1); 2 have a value of 0 or less, which a log axis cannot show (data-a0; data-e4).", ns[0].Detail)

	linear := scatter(t, h, s.Ref(server), "NumberOfMissingValues", suite.Linear, "NumberOfFeatures", suite.Linear)
	chart = sdktest.Find[*sdk.Chart](t, linear, suite.ScatterChart)
	assert.False(t, chart.X.Log)
	assert.Len(t, chart.Series[0].X, 8, "a linear axis shows 0")
}

// TestHistogram_counts: the bins count every dataset with the quality
// once, by its own value; log bins are spaced evenly in log10 and leave
// out what a log axis cannot show.
func TestHistogram_counts(t *testing.T) {
	t.Parallel()
	s := suitetest.New(suitetest.Spec{Tasks: 30, Flows: 3})
	h, _, _ := open(t, s)
	cases := map[string]struct {
		quality, scale string
		drawn          int
	}{
		"linear":           {"NumberOfInstances", suite.Linear, 30},
		"log":              {"NumberOfInstances", suite.Log, 30},
		"log leaves 0 out": {"NumberOfMissingValues", suite.Log, 22},
		"some lack it":     {"MajorityClassSize", suite.Linear, 29},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cs := histogram(t, h, s.Ref(server), c.quality, c.scale)
			chart := sdktest.Find[*sdk.Chart](t, cs, suite.HistChart)
			assert.Equal(t, sdk.ChartHistogram, chart.Kind)
			assert.Equal(t, c.scale == suite.Log, chart.X.Log)
			require.Len(t, chart.Series, 1)
			edges, counts := chart.Series[0].X, chart.Series[0].Y
			require.Len(t, edges, len(counts)+1)
			assert.True(t, slices.IsSorted(edges))
			// Count the datasets' own values into the chart's bins.
			want := make([]float64, len(counts))
			drawn := 0
			for _, task := range s.Tasks {
				v, ok := task.Qualities[c.quality]
				if !ok || (c.scale == suite.Log && v <= 0) {
					continue
				}
				drawn++
				for b := range counts {
					last := b == len(counts)-1
					if v >= edges[b]*(1-1e-12) && (v < edges[b+1] || last) {
						want[b]++
						break
					}
				}
			}
			assert.Equal(t, c.drawn, drawn)
			assert.Equal(t, want, counts)
			total := 0.0
			for _, n := range counts {
				total += n
			}
			assert.Equal(t, float64(c.drawn), total, "every dataset counted once")
			assert.Equal(t, fmt.Sprintf("%s of %d datasets", c.quality, c.drawn), chart.Title)
			if c.scale == suite.Log {
				ratio := edges[1] / edges[0]
				for b := 1; b < len(counts); b++ {
					assert.InDelta(t, ratio, edges[b+1]/edges[b], 1e-9, "even in log10")
				}
			}
			if c.drawn < 30 {
				require.Len(t, notices(cs), 1)
				want := fmt.Sprintf("%d datasets are not drawn", 30-c.drawn)
				if c.drawn == 29 {
					want = "1 dataset is not drawn"
				}
				assert.Equal(t, want, notices(cs)[0].Summary)
			} else {
				assert.Empty(t, notices(cs))
			}
		})
	}
}

// TestDatasets_qualitiesMissing: a dataset whose qualities cannot be read
// is named in the tab's Notice and left out of the charts.
func TestDatasets_qualitiesMissing(t *testing.T) {
	t.Parallel()
	s := suitetest.New(suitetest.Spec{Tasks: 5, Flows: 3, NoQualities: []int{2}})
	h, _, page := open(t, s)
	ns := notices(tab(t, page, "suite-datasets"))
	require.Len(t, ns, 1)
	assert.Equal(t, "The qualities of 1 of 5 datasets could not be loaded", ns[0].Summary)
	assert.Contains(t, ns[0].Detail, fmt.Sprintf("dataset %d (evalviewtest: no answer for data/qualities/%d)", s.Tasks[2].DataID, s.Tasks[2].DataID))
	cs := scatter(t, h, s.Ref(server), "NumberOfInstances", suite.Linear, "NumberOfFeatures", suite.Linear)
	assert.Empty(t, notices(cs), "said once, on the tab")
	chart := sdktest.Find[*sdk.Chart](t, cs, suite.ScatterChart)
	assert.Len(t, chart.Series[0].X, 4)
	tasks := sdktest.Find[*sdk.Table](t, tab(t, page, "suite-overview"), suite.TasksTable)
	assert.True(t, column(t, tasks, "NumberOfInstances")[2].Missing)
	assert.False(t, math.IsNaN(column(t, tasks, "NumberOfInstances")[1].Number))
}
