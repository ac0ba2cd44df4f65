package openml_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/internal/recordings"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

func writeFile(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "f.arff")
	require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
	return p
}

func TestReadPredictions_synthetic(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		text    string
		classes []string
		pred    []float64
		truth   []float64
		conf0   []float64
		sample  bool
		wantErr string
	}{
		"classification, truth after prediction": {
			text:    "@relation p\n@attribute repeat numeric\n@attribute fold numeric\n@attribute row_id numeric\n@attribute prediction {a,b}\n@attribute truth {a,b}\n@attribute confidence.a numeric\n@attribute confidence.b numeric\n@data\n0,0,3,a,b,0.7,0.3\n0,1,4,b,b,0.1,0.9\n",
			classes: []string{"a", "b"}, pred: []float64{0, 1}, truth: []float64{1, 1}, conf0: []float64{0.7, 0.1},
		},
		"correct in another level order, rowid, sample": {
			text:    "@relation p\n@attribute repeat integer\n@attribute fold integer\n@attribute sample integer\n@attribute rowid integer\n@attribute confidence.a numeric\n@attribute confidence.b numeric\n@attribute prediction {a,b}\n@attribute correct {b,a}\n@data\n0,0,0,3,1,0,a,a\n0,0,0,4,0,1,b,a\n",
			classes: []string{"a", "b"}, pred: []float64{0, 1}, truth: []float64{0, 0}, conf0: []float64{1, 0}, sample: true,
		},
		"regression": {
			text: "@relation p\n@attribute repeat numeric\n@attribute fold numeric\n@attribute row_id numeric\n@attribute prediction numeric\n@attribute truth numeric\n@data\n0,0,1,2.5,3\n0,0,2,1,1.5\n",
			pred: []float64{2.5, 1}, truth: []float64{3, 1.5},
		},
		"no fold":         {text: "@relation p\n@attribute repeat numeric\n@attribute row_id numeric\n@data\n0,1\n", wantErr: "needs a fold column"},
		"mixed kinds":     {text: "@relation p\n@attribute repeat numeric\n@attribute fold numeric\n@attribute row_id numeric\n@attribute prediction {a}\n@attribute truth numeric\n@data\n0,0,1,a,1\n", wantErr: "both must be nominal"},
		"fractional fold": {text: "@relation p\n@attribute repeat numeric\n@attribute fold numeric\n@attribute row_id numeric\n@attribute prediction numeric\n@attribute truth numeric\n@data\n0,0.5,1,1,1\n", wantErr: "not a whole number"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			p, err := openml.ReadPredictions(context.Background(), writeFile(t, tc.text))
			if tc.wantErr != "" {
				assert.ErrorContains(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.classes, p.Classes)
			assert.Equal(t, tc.classes != nil, p.Classification())
			assert.Equal(t, tc.pred, p.Predicted)
			assert.Equal(t, tc.truth, p.Truth)
			assert.Equal(t, tc.sample, p.Sample != nil)
			if tc.conf0 != nil {
				assert.Equal(t, tc.conf0, p.Confidence[0])
			}
		})
	}
}

func TestReadPredictions_recordings(t *testing.T) {
	t.Parallel()
	dir := recordings.Require(t)
	p, err := openml.ReadPredictions(context.Background(), filepath.Join(dir, "www/data/download/1840863/predictions1a3c3e1b7277.arff"))
	require.NoError(t, err)
	assert.Equal(t, 150, p.Len(), "iris, 10 folds of 15")
	assert.Equal(t, []string{"Iris-setosa", "Iris-versicolor", "Iris-virginica"}, p.Classes)
	assert.Equal(t, 9, p.Fold[p.Len()-1])
	p, err = openml.ReadPredictions(context.Background(), filepath.Join(dir, "odd-arff/predictions_67.arff"))
	require.NoError(t, err)
	assert.Equal(t, []string{"opel", "saab", "bus", "van"}, p.Classes)
}

func TestReadSplits(t *testing.T) {
	t.Parallel()
	s, err := openml.ReadSplits(context.Background(), writeFile(t, "@relation s\n@attribute type {TRAIN,TEST}\n@attribute rowid numeric\n@attribute repeat numeric\n@attribute fold numeric\n@data\nTRAIN,1,0,0\nTEST,2,0,0\nTEST,1,0,1\nTRAIN,2,1,1\n"))
	require.NoError(t, err)
	assert.Equal(t, []bool{true, false, false, true}, s.Train)
	assert.Equal(t, []int64{1, 2, 1, 2}, s.RowID)
	assert.Equal(t, 2, s.Folds())
	assert.Equal(t, 2, s.Repeats())
	assert.Nil(t, s.Sample)

	_, err = openml.ReadSplits(context.Background(), writeFile(t, "@relation s\n@attribute type {TRAIN,TEST}\n@attribute repeat numeric\n@attribute fold numeric\n@data\nTRAIN,0,0\n"))
	assert.ErrorContains(t, err, "needs a rowid column")

	dir := recordings.Require(t, "www")
	s, err = openml.ReadSplits(context.Background(), filepath.Join(dir, "api_splits/get/59/Task_59_splits.arff"))
	require.NoError(t, err)
	assert.Equal(t, 10, s.Folds(), "task 59 is 10-fold cross-validation")
	assert.Equal(t, 1, s.Repeats())
	test := 0
	for _, tr := range s.Train {
		if !tr {
			test++
		}
	}
	assert.Equal(t, 150, test, "each iris row is tested once")
}

// TestRecordings_predictionsAndSplitsParse reads every recorded
// predictions and splits file.
func TestRecordings_predictionsAndSplitsParse(t *testing.T) {
	t.Parallel()
	dir := recordings.Require(t)
	n := 0
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := d.Name()
		switch {
		case strings.HasPrefix(name, "predictions"):
			_, err = openml.ReadPredictions(context.Background(), p)
		case strings.HasSuffix(name, "_splits.arff"):
			_, err = openml.ReadSplits(context.Background(), p)
		default:
			return nil
		}
		n++
		assert.NoError(t, err, p)
		return nil
	})
	require.NoError(t, err)
	assert.GreaterOrEqual(t, n, 10, "the recordings hold predictions of several runs and the splits of several tasks")
}
