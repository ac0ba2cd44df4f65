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

func TestIris_count(t *testing.T) {
	t.Parallel()
	got, err := stats.Count(t.Context(), loadIris(t))
	require.NoError(t, err)
	// Expected values: pandas 1.5 on pd.read_csv of the data section:
	// isna().sum(), and for the class nunique() and
	// scipy.stats.entropy(df['class'].value_counts()).
	want := []stats.Summary{
		{Name: "sepallength", Kind: frame.Numeric, Rows: 150},
		{Name: "sepalwidth", Kind: frame.Numeric, Rows: 150},
		{Name: "petallength", Kind: frame.Numeric, Rows: 150},
		{Name: "petalwidth", Kind: frame.Numeric, Rows: 150},
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
