package datafile_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk/datafile"
)

// TestRead_sparse: Options.Sparse keeps a sparse ARFF file's numeric
// columns sparse, and changes nothing for a CSV file.
func TestRead_sparse(t *testing.T) {
	t.Parallel()
	arffPath := writeFile(t, "d.arff", []byte("@relation d\n@attribute x numeric\n@attribute c {a,b}\n@data\n{0 2}\n{1 b}\n{}\n"))
	csvPath := writeFile(t, "d.csv", []byte("x,c\n2,a\n0,b\n0,a\n"))
	for path, sparse := range map[string]bool{arffPath: true, csvPath: false} {
		res, err := datafile.Read(context.Background(), path, datafile.Options{Sparse: true})
		require.NoError(t, err)
		x := res.Frame.Column("x")
		assert.Equal(t, sparse, x.Sparse != nil, path)
		assert.Equal(t, []float64{2, 0, 0}, x.DenseFloats(), path)
		assert.Nil(t, read(t, path).Frame.Column("x").Sparse, "not asked for")
	}
}
