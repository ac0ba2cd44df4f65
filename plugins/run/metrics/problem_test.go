package metrics_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/openml-dash/openml-dash/plugins/run/metrics"
)

func TestProblemOf(t *testing.T) {
	for typ, want := range map[string]metrics.Problem{
		"":                                      metrics.UnknownProblem,
		"Supervised Classification":             metrics.Classification,
		"Supervised Regression":                 metrics.Regression,
		"Learning Curve":                        metrics.Unsupported,
		"Clustering":                            metrics.Unsupported,
		"Survival Analysis":                     metrics.Unsupported,
		"Supervised Data Stream Classification": metrics.Classification,
	} {
		assert.Equal(t, want, metrics.ProblemOf(typ), typ)
	}
}
