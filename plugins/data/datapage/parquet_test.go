package datapage_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/plugins/data/datapage"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/frame"
	"github.com/openml-dash/openml-dash/sdk/openml"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

type parquetRow struct {
	A     float64 `parquet:"a,optional"`
	Class string  `parquet:"class,dict"`
}

// TestLoad_parquetFirst reads the parquet file a description names, and
// falls back to the ARFF file when the parquet file is corrupt.
func TestLoad_parquetFirst(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pq := filepath.Join(dir, "d.pq")
	f, err := os.Create(pq)
	require.NoError(t, err)
	w := parquet.NewGenericWriter[parquetRow](f)
	_, err = w.Write([]parquetRow{{1.5, "x"}, {2.5, "y"}, {3.5, "x"}})
	require.NoError(t, err)
	require.NoError(t, w.Close())
	require.NoError(t, f.Close())
	broken := filepath.Join(dir, "broken.pq")
	require.NoError(t, os.WriteFile(broken, []byte("PAR1 this is not a parquet file"), 0o644))
	arffFile := filepath.Join(dir, "d.arff")
	require.NoError(t, os.WriteFile(arffFile, []byte("@relation d\n@attribute a numeric\n@data\n1\n"), 0o644))

	files := map[string]string{"https://x/d.pq": pq, "https://x/broken.pq": broken, "https://x/d.arff": arffFile}
	h := &sdktest.Host{FetchFunc: func(_ context.Context, req sdk.FetchRequest) (*sdk.FetchResponse, error) {
		return &sdk.FetchResponse{FilePath: files[req.URL]}, nil
	}}
	ref := sdk.EntityRef{Server: "https://x", Kind: sdk.KindData, ID: 1}

	l, err := datapage.Load(context.Background(), h, ref, &openml.Dataset{ID: 1, ParquetURL: "https://x/d.pq", URL: "https://x/d.arff"})
	require.NoError(t, err)
	assert.Empty(t, l.Unverified, "parquet files have no checksum to say is missing")
	fr := l.Frame
	assert.Equal(t, 3, fr.Rows(), "the parquet file, not the 1-row ARFF")
	assert.Equal(t, []float64{1.5, 2.5, 3.5}, fr.Column("a").Floats)
	assert.Equal(t, frame.Nominal, fr.Column("class").Kind)

	l, err = datapage.Load(context.Background(), h, ref, &openml.Dataset{ID: 1, ParquetURL: "https://x/broken.pq", URL: "https://x/d.arff"})
	fr = l.Frame
	require.NoError(t, err)
	assert.Equal(t, 1, fr.Rows(), "a corrupt parquet file falls back to ARFF")
}
