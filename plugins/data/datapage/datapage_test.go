package datapage_test

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/internal/recordings"
	"github.com/openml-dash/openml-dash/plugins/data/datapage"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/arff"
	"github.com/openml-dash/openml-dash/sdk/frame"
	"github.com/openml-dash/openml-dash/sdk/openml"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
	"github.com/openml-dash/openml-dash/sdk/stats"
)

// small is a frame where x decides the class and noise does not.
func small(n int) *frame.Frame {
	x := &frame.Column{Name: "x", Kind: frame.Numeric}
	noise := &frame.Column{Name: "noise", Kind: frame.Numeric}
	colour := &frame.Column{Name: "colour", Kind: frame.Nominal, Levels: []string{"red", "blue", "green"}}
	class := &frame.Column{Name: "class", Kind: frame.Nominal, Levels: []string{"yes", "no"}}
	for i := range n {
		x.Floats = append(x.Floats, float64(i))
		noise.Floats = append(noise.Floats, float64((i*7919)%13))
		colour.Codes = append(colour.Codes, int32(i%3))
		c := int32(0)
		if i >= n/2 {
			c = 1
		}
		class.Codes = append(class.Codes, c)
	}
	return &frame.Frame{Name: "small", Columns: []*frame.Column{x, noise, colour, class}}
}

func TestFeatures_targetFirst(t *testing.T) {
	t.Parallel()
	fs, err := datapage.Features(context.Background(), small(100), "class")
	require.NoError(t, err)
	require.Len(t, fs, 4)
	assert.Equal(t, []string{"class", "x", "noise", "colour"}, []string{fs[0].Name, fs[1].Name, fs[2].Name, fs[3].Name})
	assert.True(t, fs[0].Target)
	assert.Equal(t, 3, fs[0].Column)
	assert.Equal(t, 2, fs[0].Categories())
	assert.InDelta(t, math.Ln2, fs[0].Entropy(), 1e-12, "50/50 classes")
	assert.Equal(t, -1, fs[1].Categories())
	assert.True(t, math.IsNaN(fs[1].Entropy()), "numeric features have no entropy")
	assert.Equal(t, "numeric", fs[1].Type())
}

func TestImportance_signalFirst(t *testing.T) {
	t.Parallel()
	imp, err := datapage.Importance(context.Background(), small(400), "class")
	require.NoError(t, err)
	require.Len(t, imp.Features, 3, "every feature but the target")
	assert.Equal(t, "x", imp.Features[0].Name)
	assert.Greater(t, imp.Features[0].Importance, 0.5)

	_, err = datapage.Importance(context.Background(), small(10), "nope")
	assert.ErrorContains(t, err, `no target feature "nope"`)
}

func TestSample_strideAndGroups(t *testing.T) {
	t.Parallel()
	f := small(3 * datapage.MaxPoints)
	p, err := datapage.Sample(f, []string{"x", "colour"}, nil)
	require.NoError(t, err)
	assert.Len(t, p.Rows, datapage.MaxPoints)
	assert.True(t, p.Sampled())
	assert.Equal(t, 3.0, p.Values[0][1], "every third row")
	assert.Equal(t, 0.0, p.Values[1][1], "nominal values are level codes")
	assert.Nil(t, p.Group)

	p, err = datapage.Sample(small(10), []string{"x"}, nil)
	require.NoError(t, err)
	assert.False(t, p.Sampled())
	_, err = datapage.Sample(f, []string{"nope"}, nil)
	assert.Error(t, err)
}

func TestCompute_wholePage(t *testing.T) {
	t.Parallel()
	p, err := datapage.Compute(context.Background(), small(300), "class")
	require.NoError(t, err)
	assert.Len(t, p.Features, 4)
	require.Len(t, p.Distributions, 4, "the first 5 features, of which there are 4")
	assert.Equal(t, "class", p.Distributions[0].Feature)
	require.NotNil(t, p.Distributions[1].Histogram)
	assert.Len(t, p.Distributions[1].Histogram.Counts, 2, "one histogram per class")
	assert.Len(t, p.Distributions[1].Histogram.Edges, datapage.DefaultBins+1)
	require.NotNil(t, p.Importance)
	assert.Equal(t, []string{"x", "noise", "colour"}, p.Interactions.Features, "all 3 features, by importance")
	require.NotNil(t, p.Scatter)
	assert.Equal(t, []string{"x", "noise"}, p.Scatter.Features)
	var phases []string
	for _, tm := range p.Timings {
		phases = append(phases, tm.Phase)
	}
	assert.Equal(t, []string{"table", "distributions", "importance", "interactions"}, phases)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = datapage.Compute(ctx, small(300), "class")
	assert.ErrorIs(t, err, context.Canceled)
}

func TestCompute_withoutTarget(t *testing.T) {
	t.Parallel()
	p, err := datapage.Compute(context.Background(), small(50), "")
	require.NoError(t, err)
	assert.Nil(t, p.Importance)
	assert.Nil(t, p.Groups)
	assert.Nil(t, p.Interactions)
	require.NotEmpty(t, p.Distributions)
	assert.Len(t, p.Distributions[0].Histogram.Counts, 1, "one unsplit histogram")
}

// TestIris_matchesPandas checks the feature table of iris against pandas
// and scipy on the same file: entropy as
// round(scipy.stats.entropy(df[n].value_counts()), 2), missing as
// df[n].isna().sum(), categories as len(df[n].cat.categories).
func TestIris_matchesPandas(t *testing.T) {
	t.Parallel()
	path := filepath.Join(recordings.Require(t, "www"), "data/download/61/dataset_61_iris.arff")
	f, err := arff.ReadFile(context.Background(), path, arff.Options{})
	require.NoError(t, err)
	fs, err := datapage.Features(context.Background(), f, "class")
	require.NoError(t, err)
	assert.Equal(t, "class", fs[0].Name)
	assert.Equal(t, 3, fs[0].Categories())
	assert.InDelta(t, 1.0986122886681096, fs[0].Entropy(), 1e-12) // ln 3
	for _, ft := range fs[1:] {
		assert.Zero(t, ft.Missing, ft.Name)
		assert.Equal(t, 150, ft.Rows, ft.Name)
		assert.Equal(t, "numeric", ft.Type(), ft.Name)
	}
	// numpy.histogram(df.petallength, 20) per class, the page's first
	// numeric distribution split by class.
	groups, err := stats.SplitBy(context.Background(), f.Column("class"), 0)
	require.NoError(t, err)
	ds, err := datapage.Distributions(context.Background(), f, []string{"petallength"}, groups)
	require.NoError(t, err)
	h := ds[0].Histogram
	total := make([]int, datapage.DefaultBins)
	for _, g := range h.Counts {
		for b, n := range g {
			total[b] += n
		}
	}
	assert.Equal(t, []int{4, 33, 11, 2, 0, 0, 1, 2, 3, 5, 12, 14, 12, 17, 6, 12, 7, 4, 2, 3}, total)
	assert.InDelta(t, 1.0, h.Edges[0], 1e-12)
	assert.InDelta(t, 6.9, h.Edges[datapage.DefaultBins], 1e-12)
}

func TestLoad(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := filepath.Join(dir, "d.arff")
	require.NoError(t, os.WriteFile(good, []byte("@relation d\n@attribute a numeric\n@attribute c {x,y}\n@data\n1,x\n2,y\n"), 0o644))
	ref := sdk.EntityRef{Server: "https://test.example", Kind: sdk.KindData, ID: 9}

	host := func(files map[string]string, failing map[string]error) *sdktest.Host {
		return &sdktest.Host{FetchFunc: func(_ context.Context, req sdk.FetchRequest) (*sdk.FetchResponse, error) {
			if err := failing[req.URL]; err != nil {
				return nil, err
			}
			// As the host: a 32-digit md5 is checked (the file is trusted here).
			return &sdk.FetchResponse{FilePath: files[req.URL], Verified: len(req.MD5) == 32}, nil
		}}
	}
	ds := &openml.Dataset{ID: 9, URL: "https://test.example/d.arff", MD5Checksum: "0123456789abcdef0123456789abcdef"}

	h := host(map[string]string{ds.URL: good}, nil)
	l, err := datapage.Load(context.Background(), h, ref, ds)
	require.NoError(t, err)
	assert.Equal(t, 2, l.Frame.Rows())
	assert.Empty(t, l.Unverified, "the host checked the md5")
	require.Len(t, h.Fetches, 1)
	assert.Equal(t, sdk.FetchRequest{Server: ref.Server, URL: ds.URL, AsFile: true, MD5: ds.MD5Checksum}, h.Fetches[0], "the ARFF file is checked against the description's md5")
	assert.NotEmpty(t, h.Progresses, "reading reports progress")

	withParquet := *ds
	withParquet.ParquetURL = "https://test.example/d.pq"
	h = host(map[string]string{ds.URL: good}, map[string]error{withParquet.ParquetURL: &sdk.FetchError{Code: sdk.FetchNotFound, Message: "no parquet"}})
	l, err = datapage.Load(context.Background(), h, ref, &withParquet)
	require.NoError(t, err, "a missing parquet file falls back to ARFF")
	assert.Equal(t, 2, l.Frame.Rows())
	assert.Equal(t, withParquet.ParquetURL, h.Fetches[0].URL, "parquet first")
	assert.Empty(t, h.Fetches[0].MD5, "the md5 is the ARFF file's")
	assert.True(t, strings.Contains(strings.Join(h.Logs, "\n"), "parquet file unusable"))

	noSum := *ds
	noSum.MD5Checksum = "NotApplicable" // test-server d/4
	l, err = datapage.Load(context.Background(), host(map[string]string{ds.URL: good}, nil), ref, &noSum)
	require.NoError(t, err, "a dataset without a checksum still loads")
	assert.Equal(t, `the dataset's description gives no md5 checksum (md5_checksum "NotApplicable")`, l.Unverified)

	h = host(nil, map[string]error{ds.URL: errors.New("offline")})
	_, err = datapage.Load(context.Background(), h, ref, ds)
	assert.ErrorContains(t, err, "offline")

	_, err = datapage.Load(context.Background(), host(nil, nil), ref, &openml.Dataset{ID: 9})
	assert.ErrorContains(t, err, "names no data file")
}

// TestImportance_bigDataDrawsFewer: above 50,000 rows each tree draws 30%
// of the rows (binned splits), and the signal still ranks first.
func TestImportance_bigDataDrawsFewer(t *testing.T) {
	t.Parallel()
	imp, err := datapage.Importance(context.Background(), small(60000), "class")
	require.NoError(t, err)
	assert.Equal(t, 60000, imp.Rows)
	assert.Equal(t, 18000, imp.Draws)
	assert.Equal(t, "x", imp.Features[0].Name)

	imp, err = datapage.Importance(context.Background(), small(400), "class")
	require.NoError(t, err)
	assert.Equal(t, 400, imp.Draws, "small data: scikit-learn's bootstrap")
	assert.False(t, imp.Binned)
}
