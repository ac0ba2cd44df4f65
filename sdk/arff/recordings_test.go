package arff_test

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/internal/recordings"
	"github.com/openml-dash/openml-dash/sdk/arff"
	"github.com/openml-dash/openml-dash/sdk/frame"
)

// isARFF reports whether a file's first declaration is @relation: OpenML
// serves ARFF under names without an extension (phpFsFYVN, dexter.zip).
func isARFF(t testing.TB, path string) bool {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		ln := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\xef\xbb\xbf"))
		if ln == "" || strings.HasPrefix(ln, "%") {
			continue
		}
		return strings.HasPrefix(strings.ToLower(ln), "@relation")
	}
	return false
}

// recordedARFF lists the ARFF files among the recordings, except the
// openml-java invalid-* cases.
func recordedARFF(t *testing.T) []string {
	dir := recordings.Require(t)
	var paths []string
	for _, root := range []string{"www", "test", "odd-arff"} {
		err := filepath.WalkDir(filepath.Join(dir, root), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), "invalid-") {
				return err
			}
			if isARFF(t, path) {
				paths = append(paths, path)
			}
			return nil
		})
		require.NoError(t, err)
	}
	// 33 when written: iris, anneal, splits, predictions, traces, sparse.
	require.GreaterOrEqual(t, len(paths), 30, "the recordings should hold many ARFF files")
	return paths
}

func TestReadFile_recordings(t *testing.T) {
	t.Parallel()
	dir := recordings.Require(t)
	for _, path := range recordedARFF(t) {
		rel, _ := filepath.Rel(dir, path)
		t.Run(rel, func(t *testing.T) {
			t.Parallel()
			f, err := arff.ReadFile(t.Context(), path, arff.Options{})
			require.NoError(t, err)
			assert.NotEmpty(t, f.Name)
			assert.NotEmpty(t, f.Columns)
			assert.Positive(t, f.Rows())
			columns(t, f) // checks the frame's conventions

			h, err := readHeaderFile(t, path)
			require.NoError(t, err)
			assert.Equal(t, f.Name, h.Relation)
			require.Len(t, h.Attributes, len(f.Columns))
			for i, a := range h.Attributes {
				assert.Equal(t, a.Name, f.Columns[i].Name)
				assert.Equal(t, a.Kind, f.Columns[i].Kind)
			}
		})
	}
}

func readHeaderFile(t testing.TB, path string) (*arff.Header, error) {
	t.Helper()
	file, err := os.Open(path)
	require.NoError(t, err)
	defer file.Close()
	return arff.ReadHeader(file)
}

// TestReadFile_openmlJavaCases runs openml-java's ARFF validity cases. The
// invalid ones break OpenML's upload rules; two of them (a wrong count, an
// undeclared value) are wrong for any reader, the others (a comment after a
// declaration or row, dense and sparse rows mixed) only under Strict, since
// Weka reads them.
func TestReadFile_openmlJavaCases(t *testing.T) {
	t.Parallel()
	dir := recordings.Require(t, "odd-arff")
	cases := map[string]struct {
		line         int
		lenientFails bool
		msg          string
		lastNumber   float64
	}{
		"valid-1.arff":   {lastNumber: -1.23456789},
		"valid-2.arff":   {lastNumber: 0}, // sparse, the number left out
		"invalid-1.arff": {line: 5, msg: "comment must be on a line of its own"},
		"invalid-2.arff": {line: 3, msg: "comment must be on a line of its own"},
		"invalid-4.arff": {line: 10, lenientFails: true, msg: "the row has 2 values, but the header declares 3 attributes"},
		"invalid-5.arff": {line: 11, lenientFails: true, msg: `value "excellent" is not declared`},
		"invalid-7.arff": {line: 10, msg: "comment must be on a line of its own"},
		"invalid-8.arff": {line: 10, msg: "this row is sparse but the rows before it are dense"},
	}
	matches, err := filepath.Glob(filepath.Join(dir, "*valid-*.arff"))
	require.NoError(t, err)
	require.Len(t, matches, len(cases), "every openml-java case has an expectation")
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(dir, name)
			_, strictErr := arff.ReadFile(t.Context(), path, arff.Options{Strict: true})
			f, lenientErr := arff.ReadFile(t.Context(), path, arff.Options{})
			if tc.line == 0 {
				require.NoError(t, strictErr)
				require.NoError(t, lenientErr)
				assert.Equal(t, []col{
					num("number", 3.14, 42.0, tc.lastNumber),
					nom("animal", []string{"cat", "dog"}, "cat", "cat", "dog"),
					nom("class", []string{"good", "bad"}, "good", "bad", "good"),
				}, columns(t, f))
				return
			}
			var aerr *arff.Error
			require.ErrorAs(t, strictErr, &aerr)
			assert.Equal(t, tc.line, aerr.Line)
			assert.Contains(t, aerr.Msg, tc.msg)
			assert.True(t, strings.HasPrefix(strictErr.Error(), path+": line "), "ReadFile names the file: %v", strictErr)
			if tc.lenientFails {
				require.ErrorAs(t, lenientErr, &aerr)
				assert.Equal(t, tc.line, aerr.Line)
			} else {
				require.NoError(t, lenientErr)
				assert.Equal(t, 3, f.Rows())
			}
		})
	}
}

func TestReadFile_iris(t *testing.T) {
	t.Parallel()
	path := filepath.Join(recordings.Require(t, "www"), "data", "download", "61", "dataset_61_iris.arff")
	f, err := arff.ReadFile(t.Context(), path, arff.Options{Strict: true})
	require.NoError(t, err)
	assert.Equal(t, "iris", f.Name)
	require.Equal(t, 150, f.Rows())
	require.Len(t, f.Columns, 5)
	for i, name := range []string{"sepallength", "sepalwidth", "petallength", "petalwidth"} {
		assert.Equal(t, name, f.Columns[i].Name)
		assert.Equal(t, frame.Numeric, f.Columns[i].Kind)
		assert.Zero(t, f.Columns[i].MissingCount())
	}
	assert.Equal(t, []float64{5.1, 3.5, 1.4, 0.2}, []float64{f.Columns[0].Floats[0], f.Columns[1].Floats[0], f.Columns[2].Floats[0], f.Columns[3].Floats[0]})
	class := f.Column("class")
	require.NotNil(t, class)
	assert.Equal(t, []string{"Iris-setosa", "Iris-versicolor", "Iris-virginica"}, class.Levels)
	counts := make([]int, len(class.Levels))
	for _, c := range class.Codes {
		counts[c]++
	}
	assert.Equal(t, []int{50, 50, 50}, counts)
}

// TestReadFile_anneal contrasts two recordings of anneal: production quotes
// '?' and declares it as a value, the test server writes ? for missing.
func TestReadFile_anneal(t *testing.T) {
	t.Parallel()
	dir := recordings.Require(t)
	www, err := arff.ReadFile(t.Context(), filepath.Join(dir, "www", "data", "download", "1", "dataset_1_anneal.arff"), arff.Options{})
	require.NoError(t, err)
	test, err := arff.ReadFile(t.Context(), filepath.Join(dir, "test", "data", "download", "1666876", "phpFsFYVN"), arff.Options{})
	require.NoError(t, err)
	for _, f := range []*frame.Frame{www, test} {
		require.Equal(t, 898, f.Rows())
		require.Len(t, f.Columns, 39)
	}
	family := www.Column("family")
	assert.Zero(t, family.MissingCount())
	assert.Equal(t, "?", family.Levels[0])
	assert.Equal(t, 772, count(family.Codes, 0))
	assert.Equal(t, 772, test.Column("family").MissingCount())
	assert.NotContains(t, test.Column("family").Levels, "?")
}

func count(codes []int32, code int32) int {
	n := 0
	for _, c := range codes {
		if c == code {
			n++
		}
	}
	return n
}

// features is the part of an OpenML data/features answer the test needs.
type features struct {
	Features []struct {
		Index         int      `xml:"index"`
		Name          string   `xml:"name"`
		DataType      string   `xml:"data_type"`
		NominalValues []string `xml:"nominal_value"`
		Missing       int      `xml:"number_of_missing_values"`
	} `xml:"feature"`
}

// TestReadFile_dataset395 checks the ARFF of dataset 395 (re1.wc) against
// the features OpenML lists for it.
func TestReadFile_dataset395(t *testing.T) {
	t.Parallel()
	dir := recordings.Require(t, "www")
	raw, err := os.ReadFile(filepath.Join(dir, "api", "v1", "xml", "data", "features", "395"))
	require.NoError(t, err)
	var want features
	require.NoError(t, xml.Unmarshal(raw, &want))
	require.Len(t, want.Features, 3759)

	path := filepath.Join(dir, "data", "v1", "download", "52507", "re1.wc.sparse_arff")
	f, err := arff.ReadFile(t.Context(), path, arff.Options{})
	require.NoError(t, err)
	require.Len(t, f.Columns, len(want.Features))
	for _, feat := range want.Features {
		c := f.Columns[feat.Index]
		assert.Equal(t, feat.Name, c.Name)
		assert.Equal(t, feat.DataType, c.Kind.String(), "feature %q", feat.Name)
		assert.Equal(t, feat.NominalValues, c.Levels, "feature %q", feat.Name)
		assert.Equal(t, feat.Missing, c.MissingCount(), "feature %q", feat.Name)
	}
	assert.Equal(t, dataLines(t, path), f.Rows())
}

// dataLines counts the rows of an ARFF file the simple way.
func dataLines(t testing.TB, path string) int {
	t.Helper()
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	rows, inData := 0, false
	for ln := range bytes.Lines(raw) {
		ln = bytes.TrimSpace(ln)
		switch {
		case len(ln) == 0 || ln[0] == '%':
		case inData:
			rows++
		case bytes.EqualFold(ln, []byte("@data")):
			inData = true
		}
	}
	return rows
}

// TestReadFile_sparseDexter reads the truly sparse recording (dataset -1
// on the test server, a dexter subset).
func TestReadFile_sparseDexter(t *testing.T) {
	t.Parallel()
	path := filepath.Join(recordings.Require(t, "test"), "labs", "beta", "Projects", "autoweka", "datasets", "dexter.zip")
	f, err := arff.ReadFile(t.Context(), path, arff.Options{Strict: true})
	require.NoError(t, err)
	require.Len(t, f.Columns, 20001)
	require.Equal(t, 2, f.Rows())
	assert.Equal(t, []float64{105, 0}, f.Column("a_9").Floats)
	assert.Equal(t, []float64{0, 74}, f.Column("a_256").Floats)
	assert.Equal(t, []float64{0, 0}, f.Column("a_0").Floats)
	class := f.Column("class")
	assert.Equal(t, []string{"-1", "1"}, class.Levels)
	assert.Equal(t, []int32{1, 0}, class.Codes)
}
