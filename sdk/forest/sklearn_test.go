package forest_test

import (
	"bufio"
	"context"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/internal/recordings"
	"github.com/openml-dash/openml-dash/sdk/forest"
)

// The expected importances below were computed with scikit-learn 1.2.1,
// pandas 1.5.3 and liac-arff 2.5 by the dashboard's pipeline
// (/work/shared/bench/dash_reference.py):
//
//	raw = arff.load(open(path)); df = pd.DataFrame(raw["data"], columns=names)
//	for n in nominal: df[n] = df[n].astype("category")
//	x = df.drop(columns=[target]); x = x.loc[:, x.isnull().mean() < 0.8]
//	x = x.fillna(x.mode().iloc[0]); nominal columns -> x[n].cat.codes
//	y = pd.Categorical(df[target]).codes
//	RandomForestClassifier(n_estimators=N, random_state=0).fit(x, y).feature_importances_
//
// and RandomForestRegressor for the numeric target.

// sklearnIris10 is N=10, sorted as the dashboard shows it.
var sklearnIris10 = []string{"petalwidth", "petallength", "sepallength", "sepalwidth"}

// sklearnAnneal10 is N=10, sorted; the last 8 have importance 0 and tie.
var sklearnAnneal10 = map[string]float64{
	"surface-quality": 0.235105, "family": 0.132544, "hardness": 0.114700,
	"thick": 0.074977, "steel": 0.064589, "formability": 0.057253,
	"strength": 0.044232, "width": 0.041850, "condition": 0.034940,
	"len": 0.023273, "shape": 0.020671, "temper_rolling": 0.019457,
	"non-ageing": 0.018958, "chrom": 0.018264, "ferro": 0.017552,
	"carbon": 0.016566, "enamelability": 0.009145, "surface-finish": 0.009104,
	"bf": 0.008865, "bt": 0.007159, "cbond": 0.005399,
	"blue%2Fbright%2Fvarn%2Fclean": 0.004604, "bw%2Fme": 0.004318, "oil": 0.004079,
	"exptl": 0.003340, "bore": 0.002897, "lustre": 0.001981,
	"phos": 0.001945, "bl": 0.001885, "packing": 0.000348,
	"marvi": 0, "corr": 0, "product-type": 0, "jurofm": 0, "s": 0, "p": 0, "bc": 0, "m": 0,
}

// With many trees the importances approach the forest's expectation. The
// references are scikit-learn's with N=10000 trees; over ten other seeds,
// scikit-learn's own forests of the size tested here (2000 trees for iris,
// 300 for anneal, small enough for the race detector) stray from them by
// at most 0.015 (iris), 0.017 (iris regression) and 0.008 (anneal). The
// tolerances are 1.5 times that.
var converged = map[string]struct {
	file, target string
	numeric      bool
	trees        int
	tolerance    float64
	want         map[string]float64
}{
	"iris": {
		file: "61/dataset_61_iris.arff", target: "class", trees: 2000, tolerance: 0.025,
		want: map[string]float64{"sepallength": 0.0980, "sepalwidth": 0.0233, "petallength": 0.4399, "petalwidth": 0.4388},
	},
	"anneal": {
		file: "1/dataset_1_anneal.arff", target: "class", trees: 300, tolerance: 0.012,
		want: map[string]float64{
			"family": 0.0869, "product-type": 0, "steel": 0.0629, "carbon": 0.0349, "hardness": 0.1192,
			"temper_rolling": 0.0169, "condition": 0.0531, "formability": 0.0487, "strength": 0.0445,
			"non-ageing": 0.0223, "surface-finish": 0.0112, "surface-quality": 0.2284, "enamelability": 0.0128,
			"bc": 0, "bf": 0.0065, "bt": 0.0088, "bw%2Fme": 0.0071, "bl": 0.0023, "m": 0, "chrom": 0.0295,
			"phos": 0.0039, "cbond": 0.0046, "marvi": 0, "exptl": 0.0025, "ferro": 0.0371, "corr": 0,
			"blue%2Fbright%2Fvarn%2Fclean": 0.0028, "lustre": 0.0019, "jurofm": 0, "s": 0, "p": 0,
			"shape": 0.0142, "thick": 0.0734, "width": 0.0359, "len": 0.0199, "oil": 0.0059, "bore": 0.0019,
			"packing": 0.0002,
		},
	},
	"iris regression": {
		file: "61/dataset_61_iris.arff", target: "petalwidth", numeric: true, trees: 2000, tolerance: 0.025,
		want: map[string]float64{"sepallength": 0.0191, "sepalwidth": 0.0264, "petallength": 0.4868, "class": 0.4678},
	},
}

// TestImportance_matchesScikitLearn: with the dashboard's 10 trees the
// ranking agrees where scikit-learn's own ranking is stable across seeds,
// and with many trees the importances agree within sampling noise.
func TestImportance_matchesScikitLearn(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(recordings.Require(t, "www"), "data", "download")

	t.Run("iris 10 trees", func(t *testing.T) {
		t.Parallel()
		in := loadARFF(t, filepath.Join(dir, "61/dataset_61_iris.arff"), "class", false)
		got := names(importance(t, in, 10))
		// Which petal feature comes first flips with scikit-learn's seed
		// (26 of 50 seeds agree with seed 0), so only the pair is stable.
		assert.ElementsMatch(t, sklearnIris10[:2], got[:2], "petal features first")
		assert.ElementsMatch(t, sklearnIris10[:3], got[:3])
	})

	t.Run("anneal 10 trees", func(t *testing.T) {
		t.Parallel()
		in := loadARFF(t, filepath.Join(dir, "1/dataset_1_anneal.arff"), "class", false)
		res := importance(t, in, 10)
		want := rankByImportance(sklearnAnneal10)
		got := names(res)
		t.Logf("scikit-learn: %v\nforest:       %v", want, got)
		assert.Equal(t, want[0], got[0])
		// scikit-learn's own top 3 agrees with seed 0 for 26 of 50 seeds;
		// two of three is what is stable.
		assert.GreaterOrEqual(t, overlap(want[:3], got[:3]), 2)
		gotImp := map[string]float64{}
		for _, f := range res.Features {
			gotImp[f.Name] = f.Importance
		}
		rho := spearman(sklearnAnneal10, gotImp)
		t.Logf("Spearman rank correlation: %.3f", rho)
		assert.Greater(t, rho, 0.8)
	})

	for name, c := range converged {
		t.Run(name+" converged", func(t *testing.T) {
			t.Parallel()
			in := loadARFF(t, filepath.Join(dir, c.file), c.target, c.numeric)
			res := importance(t, in, c.trees)
			require.Len(t, res.Features, len(c.want))
			var worst float64
			for _, f := range res.Features {
				assert.InDelta(t, c.want[f.Name], f.Importance, c.tolerance, f.Name)
				worst = max(worst, math.Abs(c.want[f.Name]-f.Importance))
			}
			t.Logf("%s: largest difference from scikit-learn: %.4f", name, worst)
		})
	}
}

func importance(t *testing.T, in forest.Input, trees int) forest.Result {
	t.Helper()
	res, err := forest.Importance(context.Background(), in, forest.Options{Trees: trees})
	require.NoError(t, err)
	assert.False(t, res.Binned)
	assert.Zero(t, res.DroppedRows)
	return res
}

func names(res forest.Result) []string {
	out := make([]string, len(res.Features))
	for i, f := range res.Features {
		out[i] = f.Name
	}
	return out
}

func rankByImportance(imp map[string]float64) []string {
	out := make([]string, 0, len(imp))
	for n := range imp {
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool {
		if imp[out[i]] != imp[out[j]] {
			return imp[out[i]] > imp[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

func overlap(a, b []string) int {
	n := 0
	for _, s := range a {
		if slices.Contains(b, s) {
			n++
		}
	}
	return n
}

// spearman is the rank correlation of two importance maps over the keys
// of a, with tied values given their average rank (as scipy's spearmanr).
func spearman(a, b map[string]float64) float64 {
	keys := rankByImportance(a)
	ra, rb := ranks(keys, a), ranks(keys, b)
	var ma, mb float64
	for i := range keys {
		ma += ra[i] / float64(len(keys))
		mb += rb[i] / float64(len(keys))
	}
	var cov, va, vb float64
	for i := range keys {
		cov += (ra[i] - ma) * (rb[i] - mb)
		va += (ra[i] - ma) * (ra[i] - ma)
		vb += (rb[i] - mb) * (rb[i] - mb)
	}
	return cov / math.Sqrt(va*vb)
}

func ranks(keys []string, v map[string]float64) []float64 {
	idx := make([]int, len(keys))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(i, j int) bool { return v[keys[idx[i]]] < v[keys[idx[j]]] })
	out := make([]float64, len(keys))
	for i := 0; i < len(idx); {
		j := i
		for j < len(idx) && v[keys[idx[j]]] == v[keys[idx[i]]] {
			j++
		}
		for _, k := range idx[i:j] {
			out[k] = float64(i+j-1)/2 + 1
		}
		i = j
	}
	return out
}

// loadARFF is a minimal reader for the dense iris and anneal files, made to
// feed the forest what the Python page feeds scikit-learn: numeric columns
// as numbers, nominal columns as pandas category codes, which number the
// values present by sorted order (not the declared order). An unquoted ?
// is missing; a quoted '?' is a category like any other, as in liac-arff.
func loadARFF(t *testing.T, path, target string, numericTarget bool) forest.Input {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()

	type attr struct {
		name    string
		nominal bool
		raw     []string
	}
	var attrs []attr
	sc := bufio.NewScanner(f)
	inData := false
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "%") {
			continue
		}
		lower := strings.ToLower(line)
		switch {
		case strings.HasPrefix(lower, "@attribute"):
			rest := strings.TrimSpace(line[len("@attribute"):])
			name, typ := splitName(rest)
			attrs = append(attrs, attr{name: name, nominal: strings.HasPrefix(typ, "{")})
		case strings.HasPrefix(lower, "@data"):
			inData = true
		case inData:
			fields := splitFields(line)
			require.Len(t, fields, len(attrs), line)
			for i := range attrs {
				attrs[i].raw = append(attrs[i].raw, fields[i])
			}
		}
	}
	require.NoError(t, sc.Err())

	column := func(a attr) ([]float64, int) {
		vals := make([]float64, len(a.raw))
		if !a.nominal {
			for i, s := range a.raw {
				if s == missingField {
					vals[i] = math.NaN()
					continue
				}
				v, err := strconv.ParseFloat(s, 64)
				require.NoError(t, err)
				vals[i] = v
			}
			return vals, 0
		}
		var levels []string
		for _, s := range a.raw {
			if s != missingField && !slices.Contains(levels, s) {
				levels = append(levels, s)
			}
		}
		slices.Sort(levels)
		for i, s := range a.raw {
			vals[i] = float64(slices.Index(levels, s))
			if s == missingField {
				vals[i] = math.NaN()
			}
		}
		return vals, len(levels)
	}
	var in forest.Input
	for _, a := range attrs {
		vals, levels := column(a)
		if a.name == target {
			in.Target = vals
			if !numericTarget {
				in.Classes = levels
			}
			continue
		}
		in.Features = append(in.Features, forest.Feature{Name: a.name, Values: vals, Categorical: a.nominal})
	}
	require.NotNil(t, in.Target, "target %q", target)
	return in
}

// splitName splits "'name' type" or "name type".
func splitName(s string) (name, typ string) {
	if q := s[0]; q == '\'' || q == '"' {
		end := strings.IndexByte(s[1:], q) + 1
		return s[1:end], strings.TrimSpace(s[end+1:])
	}
	name, typ, _ = strings.Cut(strings.Join(strings.Fields(s), " "), " ")
	return name, typ
}

// missingField marks an unquoted ? in splitFields' output.
const missingField = "\x00missing"

// splitFields splits a data line on commas, unquoting single-quoted values.
func splitFields(line string) []string {
	var out []string
	for {
		line = strings.TrimLeft(line, " \t")
		var field string
		if strings.HasPrefix(line, "'") {
			end := strings.IndexByte(line[1:], '\'') + 1
			field, line = line[1:end], line[end+1:]
		} else {
			end := strings.IndexByte(line, ',')
			if end < 0 {
				end = len(line)
			}
			field, line = strings.TrimSpace(line[:end]), line[end:]
			if field == "?" {
				field = missingField
			}
		}
		out = append(out, field)
		line = strings.TrimLeft(line, " \t")
		if !strings.HasPrefix(line, ",") {
			return out
		}
		line = line[1:]
	}
}
