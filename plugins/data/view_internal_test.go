package data

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/forest"
	"github.com/openml-dash/openml-dash/sdk/frame"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

// TestImportanceView_bigData: a forest grown on bins or on bootstraps
// smaller than the data says so under the bars.
func TestImportanceView_bigData(t *testing.T) {
	t.Parallel()
	res := forest.Result{Rows: 100_000, Draws: 30_000, Binned: true, DroppedRows: 7, Trees: 10, Features: []forest.Ranked{
		{Name: "a", Importance: 0.7}, {Name: "b", Importance: 0.3}, {Name: "c", Dropped: forest.MostlyMissing},
	}}
	cs := importanceView(res)
	require.Len(t, cs, 2)
	bars := cs[0].(*sdk.Container).Children[0].(*sdk.Chart)
	assert.Equal(t, []string{"a", "b"}, bars.X.Categories)
	assert.Equal(t, []float64{0.7, 0.3}, bars.Series[0].Y)
	md := cs[1].(*sdk.Text).Markdown
	assert.Contains(t, md, "7 rows without a target value were left out.")
	assert.Contains(t, md, "255 quantile bins")
	assert.Contains(t, md, "Each tree drew 30,000 of the 100,000 rows")
	assert.Contains(t, md, "Left out of the forest (80% or more missing): c.")

	res.Rows, res.Draws = 1_000_000, 300_000
	md = importanceView(res)[1].(*sdk.Text).Markdown
	assert.Contains(t, md, "cut at the quantiles of a sample of 200,000 rows", "above DefaultBinSample the edges come from a sample")

	cs = importanceView(forest.Result{Rows: 150, Draws: 150, Features: []forest.Ranked{{Name: "a", Importance: 1}}})
	assert.Len(t, cs, 1, "scikit-learn's forest exactly: nothing to state")
}

// TestViolinChart_sampled: a long column is drawn from every k-th row,
// its mean from all of them.
func TestViolinChart_sampled(t *testing.T) {
	t.Parallel()
	c := &frame.Column{Name: "x", Kind: frame.Numeric, Floats: make([]float64, 50_000), Missing: &frame.Bitmap{}}
	for i := range c.Floats {
		c.Floats[i] = float64(i % 10)
	}
	c.Missing.Set(3)
	ch := violinChart(c)
	// mean of i % 10 over 50,000 rows without row 3 (value 3):
	// (225000 - 3) / 49999
	assert.Equal(t, "x (mean 4.5), 1 row in 3 drawn, 1 missing", ch.Title)
	assert.Len(t, ch.Series[0].Y, 16667-1, "rows 0, 3, 6, …, 49998, without the missing row 3")
}

// TestImportanceView_manyFeatures: thousands of features draw the top
// maxBars bars and name a few of those left out.
func TestImportanceView_manyFeatures(t *testing.T) {
	t.Parallel()
	res := forest.Result{Rows: 10, Draws: 10}
	for i := range 100 {
		res.Features = append(res.Features, forest.Ranked{Name: fmt.Sprintf("f%d", i), Importance: float64(100 - i)})
	}
	for i := range 50 {
		res.Features = append(res.Features, forest.Ranked{Name: fmt.Sprintf("m%d", i), Dropped: forest.MostlyMissing})
	}
	cs := importanceView(res)
	chart := sdktest.Find[*sdk.Chart](t, cs, ImportanceChart)
	require.Len(t, chart.X.Categories, maxBars)
	assert.Equal(t, "f0", chart.X.Categories[0])
	assert.Contains(t, chart.Title, "the 30 most important of 100 features")
	text := sdktest.All[*sdk.Text](cs)
	require.NotEmpty(t, text)
	assert.Contains(t, text[len(text)-1].Markdown, "and 30 more")

	// Every ranked feature is in the table, most important first; those
	// left out of the forest are not ranked.
	table := sdktest.Find[*sdk.Table](t, cs, ImportanceTable)
	require.Len(t, table.Rows, 100)
	for i, row := range table.Rows {
		assert.Equal(t, float64(i+1), row.Cells[0].Number)
		assert.Equal(t, fmt.Sprintf("f%d", i), row.Cells[1].Text)
		assert.Equal(t, float64(100-i), row.Cells[2].Number)
	}

	few := importanceView(forest.Result{Rows: 10, Draws: 10, Features: res.Features[:5]})
	assert.Empty(t, sdktest.All[*sdk.Table](few), "the bars show every feature: no table")
}
