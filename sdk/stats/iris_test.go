package stats_test

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/internal/recordings"
	"github.com/openml-dash/openml-dash/sdk/frame"
	"github.com/openml-dash/openml-dash/sdk/stats"
)

// loadIris reads the data section of OpenML dataset 61 with a few lines of
// its own, so this package does not depend on the ARFF reader.
func loadIris(t *testing.T) *frame.Frame {
	t.Helper()
	// OpenML dataset 61, as recorded from the production server.
	irisPath := filepath.Join(recordings.Require(t, "www"), "data", "download", "61", "dataset_61_iris.arff")
	raw, err := os.ReadFile(irisPath)
	require.NoError(t, err)
	names := []string{"sepallength", "sepalwidth", "petallength", "petalwidth"}
	levels := []string{"Iris-setosa", "Iris-versicolor", "Iris-virginica"}
	f := &frame.Frame{Name: "iris"}
	for _, n := range names {
		f.Columns = append(f.Columns, &frame.Column{Name: n, Kind: frame.Numeric})
	}
	class := &frame.Column{Name: "class", Kind: frame.Nominal, Levels: levels}
	f.Columns = append(f.Columns, class)
	inData := false
	for line := range strings.Lines(string(raw)) {
		line = strings.TrimSpace(line)
		switch {
		case strings.EqualFold(line, "@data"):
			inData = true
			continue
		case !inData || line == "" || strings.HasPrefix(line, "%"):
			continue
		}
		fields := strings.Split(line, ",")
		require.Len(t, fields, 5, line)
		for i := range names {
			x, err := strconv.ParseFloat(fields[i], 64)
			require.NoError(t, err, line)
			f.Columns[i].Floats = append(f.Columns[i].Floats, x)
		}
		code := slices.Index(levels, fields[4])
		require.GreaterOrEqual(t, code, 0, line)
		class.Codes = append(class.Codes, int32(code))
	}
	require.Equal(t, 150, f.Rows())
	return f
}

func TestIris_describe(t *testing.T) {
	t.Parallel()
	got, err := stats.Describe(t.Context(), loadIris(t))
	require.NoError(t, err)
	// Expected values: pandas 1.5 on pd.read_csv of the data section:
	// mean(), std(), quantile([.25, .5, .75]), nunique(), min(), max(), and
	// scipy.stats.entropy(df['class'].value_counts()).
	want := []stats.Summary{
		{Name: "sepallength", Kind: frame.Numeric, Rows: 150, Distinct: 35, Numeric: &stats.NumericSummary{Min: 4.3, Max: 7.9, Mean: 5.843333333333334, Std: 0.828066127977863, Q1: 5.1, Median: 5.8, Q3: 6.4}},
		{Name: "sepalwidth", Kind: frame.Numeric, Rows: 150, Distinct: 23, Numeric: &stats.NumericSummary{Min: 2.0, Max: 4.4, Mean: 3.0540000000000003, Std: 0.4335943113621737, Q1: 2.8, Median: 3.0, Q3: 3.3}},
		{Name: "petallength", Kind: frame.Numeric, Rows: 150, Distinct: 43, Numeric: &stats.NumericSummary{Min: 1.0, Max: 6.9, Mean: 3.758666666666666, Std: 1.7644204199522626, Q1: 1.6, Median: 4.35, Q3: 5.1}},
		{Name: "petalwidth", Kind: frame.Numeric, Rows: 150, Distinct: 22, Numeric: &stats.NumericSummary{Min: 0.1, Max: 2.5, Mean: 1.1986666666666668, Std: 0.7631607417008411, Q1: 0.3, Median: 1.3, Q3: 1.8}},
		{Name: "class", Kind: frame.Nominal, Rows: 150, Distinct: 3, Nominal: &stats.NominalSummary{Categories: 3, Counts: []int{50, 50, 50}, Entropy: 1.0986122886681096}},
	}
	require.Len(t, got, len(want))
	for i := range want {
		assertSummary(t, want[i], got[i])
	}
	assertClose(t, math.Log(3), got[4].Nominal.Entropy, "class entropy")
}

func TestIris_byClass(t *testing.T) {
	t.Parallel()
	f := loadIris(t)
	class, err := stats.SplitBy(t.Context(), f.Column("class"), 0)
	require.NoError(t, err)

	// np.histogram(sepallength, 'scott'), then each class with those edges.
	h, err := stats.Bin(t.Context(), f.Column("sepallength"), class, stats.Binning{})
	require.NoError(t, err)
	assertAllClose(t, []float64{4.3, 4.814285714285714, 5.328571428571428, 5.842857142857143, 6.357142857142858, 6.871428571428572, 7.385714285714286, 7.9}, h.Edges, "edges")
	assert.Equal(t, [][]int{{16, 24, 10, 0, 0, 0, 0}, {0, 5, 19, 15, 9, 2, 0}, {0, 1, 5, 13, 16, 8, 7}}, h.Counts)

	// Box per class of sepalwidth, numpy quantiles and 1.5 IQR whiskers.
	bp, err := stats.Boxes(t.Context(), f.Column("sepalwidth"), class)
	require.NoError(t, err)
	want := [][]float64{
		{3.125, 3.4, 3.6750000000000003, 2.3, 4.4, 3.418},
		{2.525, 2.8, 3.0, 2.0, 3.4, 2.7700000000000005},
		{2.8, 3.0, 3.1750000000000003, 2.5, 3.6, 2.974},
	}
	for i, b := range bp.Boxes {
		assertAllClose(t, want[i], []float64{b.Q1, b.Median, b.Q3, b.LowerWhisker, b.UpperWhisker, b.Mean}, b.Group)
	}
	assert.Empty(t, bp.Boxes[0].Outliers)
	assert.Equal(t, []float64{2.2, 3.8, 3.8}, bp.Boxes[2].Outliers)

	// pd.cut(petalwidth, 5, right=False).value_counts(sort=False).
	width, err := stats.SplitBy(t.Context(), f.Column("petalwidth"), 5)
	require.NoError(t, err)
	assert.Equal(t, []string{"[0.1, 0.58)", "[0.58, 1.06)", "[1.06, 1.54)", "[1.54, 2.02)", "[2.02, 2.502)"}, width.Labels)
	sizes := make([]int, len(width.Labels))
	for _, g := range width.Of {
		sizes[g]++
	}
	assert.Equal(t, []int{49, 8, 41, 29, 23}, sizes)
}
