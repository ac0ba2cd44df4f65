package urlfolder_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/openml-dash/openml-dash/internal/urlfolder"
)

func TestPaths(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "api/v1/xml/data/61", urlfolder.API("data/61"))
	assert.Equal(t, "api/v1/xml/data/list/limit/10", urlfolder.API("/data//list/limit/10/"))
	assert.Equal(t, "data/v1/download/61/iris.arff", urlfolder.URL("https://www.openml.org/data/v1/download/61/iris.arff"))
	assert.Equal(t, "data/v1/download/61/iris.arff", urlfolder.URL("https://test.openml.org//data/v1/download/61/iris.arff"))
	assert.Equal(t, "datasets/0000/0061/dataset_61.pq", urlfolder.URL("http://openml1.win.tue.nl/datasets/0000/0061/dataset_61.pq?x=1"))
	// Nothing reaches outside the folder.
	assert.Equal(t, "etc/passwd", urlfolder.URL("https://evil.example/../../etc/passwd"))
	assert.Equal(t, "api/v1/xml/etc/passwd", urlfolder.API("../../../../etc/passwd"))
	assert.Equal(t, "api/v1/xml/etc", urlfolder.API("../etc"), "an API request stays among the API answers")
	assert.Equal(t, filepath.Join("root", "a", "b"), urlfolder.File("root", "../a/b"))
}
