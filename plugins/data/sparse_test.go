package data_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/plugins/data"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

// sparseTwins writes the same mostly-zero data as sparse and as dense
// ARFF rows: rows x cols numeric features, a nominal one, and a class.
func sparseTwins(rows, cols int, seed uint64) (sparse, dense string) {
	rng := rand.New(rand.NewPCG(seed, 3))
	var header strings.Builder
	header.WriteString("@relation twins\n")
	for j := range cols {
		fmt.Fprintf(&header, "@attribute f%d numeric\n", j)
	}
	header.WriteString("@attribute colour {red,green}\n@attribute class {no,yes}\n@data\n")
	var s, d strings.Builder
	s.WriteString(header.String())
	d.WriteString(header.String())
	for range rows {
		class := rng.IntN(2)
		s.WriteString("{")
		for j := range cols {
			v := "0"
			if p := 0.05 + 0.3*float64(class)*float64(j%2); rng.Float64() < p {
				v = fmt.Sprint(rng.IntN(9) - 2)
				if rng.IntN(20) == 0 {
					v = "?"
				}
			}
			if v != "0" {
				fmt.Fprintf(&s, "%d %s,", j, v)
			}
			d.WriteString(v + ",")
		}
		colour := []string{"red", "green"}[rng.IntN(2)]
		fmt.Fprintf(&s, "%d %s,%d %s}\n", cols, colour, cols+1, []string{"no", "yes"}[class])
		fmt.Fprintf(&d, "%s,%s\n", colour, []string{"no", "yes"}[class])
	}
	return s.String(), d.String()
}

// TestSparseFile_sameAsDense: a sparse ARFF file, whose numeric columns
// the plugin keeps sparse, shows what its dense twin shows: the feature
// table, the distributions (by target and individual), the importance
// bars and a bar's click, the interactions and the scatter plot.
func TestSparseFile_sameAsDense(t *testing.T) {
	t.Parallel()
	sparse, dense := sparseTwins(120, 60, 1)
	hs, sref := localFile(t, "twins", sparse)
	hd, dref := localFile(t, "twins", dense)
	requests := func(r sdk.EntityRef) map[string]*sdk.CallbackRequest {
		return map[string]*sdk.CallbackRequest{
			"features":     featuresRequest(r, "class"),
			"by target":    distRequest(r, "class", data.ModeByTarget, data.BarsGrouped, 0, 1, 2, 61),
			"individual":   distRequest(r, "class", data.ModeIndividual, data.BarsGrouped, 1, 2, 3, 61),
			"importance":   targetRequest(r, data.ImportanceCallback, "class"),
			"click":        clickRequest(r, "class", sdk.IntsValue([]int64{0, 2})),
			"interactions": interactionsRequest(r, "class", data.KindsAll),
			"scatter":      scatterRequest(r, "f0", "f1", "class"),
		}
	}
	sparseRequests := requests(sref)
	for name, req := range requests(dref) {
		want, err := hd.Callback(req)
		require.NoError(t, err, name)
		got, err := hs.Callback(sparseRequests[name])
		require.NoError(t, err, name)
		if name == "interactions" { // its points hold NaN for missing values
			assert.Equal(t, fmt.Sprintf("%+v", charts(want.Outputs[0].Value.Children())[0]), fmt.Sprintf("%+v", charts(got.Outputs[0].Value.Children())[0]))
			continue
		}
		assert.Equal(t, want, got, name)
	}
	cs := filled(t, hs, targetRequest(sref, data.ImportanceCallback, "class"), data.ImportanceSlot)
	bars := sdktest.Find[*sdk.Chart](t, cs, data.ImportanceChart)
	assert.Equal(t, "Feature importance: the 30 most important of 61 features", bars.Title)
	assert.Len(t, bars.X.Categories, 30)
}

// TestSparseFile_allZero: a sparse file whose features are all 0 says why
// every importance is 0, as a dense one does.
func TestSparseFile_allZero(t *testing.T) {
	t.Parallel()
	h, ref := localFile(t, "zero", "@relation z\n@attribute x numeric\n@attribute y numeric\n@attribute class {p,q}\n@data\n{2 p}\n{2 q}\n{1 0,2 p}\n{2 q}\n")
	cs := filled(t, h, targetRequest(ref, data.ImportanceCallback, "class"), data.ImportanceSlot)
	notices := sdktest.All[*sdk.Notice](cs)
	require.Len(t, notices, 1)
	assert.Contains(t, notices[0].Detail, "Every feature the forest could use has a single value")
}
