// Package evalview holds what the task and flow pages share to show
// evaluation listings: OpenML's measures and the direction each is better
// in, task types, readable flow names, paged loading of listings, value
// ranges that stand in for a colour scale, upload dates and user names.
package evalview

import (
	"context"
	"slices"
	"strings"

	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// Measures is OpenML's list of evaluation measures (the answer of
// evaluationmeasure/list), for when the server cannot be asked.
var Measures = []string{
	"area_under_roc_curve", "average_cost", "binominal_test", "build_cpu_time", "build_memory",
	"c_index", "chi-squared", "class_complexity", "class_complexity_gain", "confusion_matrix",
	"correlation_coefficient", "cortana_quality", "coverage", "f_measure", "information_gain",
	"jaccard", "kappa", "kb_relative_information_score", "kohavi_wolpert_bias_squared",
	"kohavi_wolpert_error", "kohavi_wolpert_sigma_squared", "kohavi_wolpert_variance",
	"kononenko_bratko_information_score", "matthews_correlation_coefficient", "mean_absolute_error",
	"mean_class_complexity", "mean_class_complexity_gain", "mean_f_measure",
	"mean_kononenko_bratko_information_score", "mean_precision", "mean_prior_absolute_error",
	"mean_prior_class_complexity", "mean_recall", "mean_weighted_area_under_roc_curve",
	"mean_weighted_f_measure", "mean_weighted_precision", "weighted_recall", "number_of_instances",
	"os_information", "positives", "precision", "predictive_accuracy", "prior_class_complexity",
	"prior_entropy", "probability", "quality", "ram_hours", "recall", "relative_absolute_error",
	"root_mean_prior_squared_error", "root_mean_squared_error", "root_relative_squared_error",
	"run_cpu_time", "run_memory", "run_virtual_memory", "scimark_benchmark",
	"single_point_area_under_roc_curve", "total_cost", "unclassified_instance_count",
	"usercpu_time_millis", "usercpu_time_millis_testing", "usercpu_time_millis_training",
	"webb_bias", "webb_error", "webb_variance", "joint_entropy", "pattern_team_auroc10",
	"wall_clock_time_millis", "wall_clock_time_millis_training", "wall_clock_time_millis_testing",
	"unweighted_recall",
}

// lowerBetter lists the measures of Measures for which a lower value is
// better: errors, losses, costs, times, memory, and the bits a model needs
// to code the classes (class complexity). Every other measure in Measures
// is higher-better; for one OpenML adds later, the words in lowerWords
// decide.
var lowerBetter = map[string]bool{
	"average_cost":                    true,
	"build_cpu_time":                  true,
	"build_memory":                    true,
	"class_complexity":                true,
	"kohavi_wolpert_bias_squared":     true,
	"kohavi_wolpert_error":            true,
	"kohavi_wolpert_sigma_squared":    true,
	"kohavi_wolpert_variance":         true,
	"mean_absolute_error":             true,
	"mean_class_complexity":           true,
	"mean_prior_absolute_error":       true,
	"mean_prior_class_complexity":     true,
	"prior_class_complexity":          true,
	"ram_hours":                       true,
	"relative_absolute_error":         true,
	"root_mean_prior_squared_error":   true,
	"root_mean_squared_error":         true,
	"root_relative_squared_error":     true,
	"run_cpu_time":                    true,
	"run_memory":                      true,
	"run_virtual_memory":              true,
	"total_cost":                      true,
	"unclassified_instance_count":     true,
	"usercpu_time_millis":             true,
	"usercpu_time_millis_testing":     true,
	"usercpu_time_millis_training":    true,
	"wall_clock_time_millis":          true,
	"wall_clock_time_millis_testing":  true,
	"wall_clock_time_millis_training": true,
	"webb_bias":                       true,
	"webb_error":                      true,
	"webb_variance":                   true,
}

// lowerWords mark a measure unknown to Measures as lower-better, and so
// do the usual abbreviations of errors in lowerNames.
var (
	lowerWords = []string{"error", "loss", "time", "cost", "memory", "brier"}
	lowerNames = []string{"rmse", "mse", "mae", "rae", "rrse"}
)

// LowerIsBetter reports whether a lower value of measure is better.
func LowerIsBetter(measure string) bool {
	if slices.Contains(Measures, measure) {
		return lowerBetter[measure]
	}
	m := strings.ToLower(measure)
	if slices.Contains(lowerNames, m) {
		return true
	}
	return slices.ContainsFunc(lowerWords, func(w string) bool { return strings.Contains(m, w) })
}

// SortOrder is the evaluation listing's sort order that puts the best
// runs of measure first.
func SortOrder(measure string) string {
	if LowerIsBetter(measure) {
		return "asc"
	}
	return "desc"
}

// Better reports whether a is a better value of measure than b.
func Better(measure string, a, b float64) bool {
	if LowerIsBetter(measure) {
		return a < b
	}
	return a > b
}

// Direction says in words which way measure is better.
func Direction(measure string) string {
	if LowerIsBetter(measure) {
		return "lower is better"
	}
	return "higher is better"
}

// MeasureOptions are the choices of a measure selector: the server's
// measures, or Measures when it cannot be asked (err says why), with
// every one of extra (such as a task's own measure) added if missing.
func MeasureOptions(ctx context.Context, host sdk.Host, server string, extra ...string) ([]sdk.Option, error) {
	names, err := openml.ListEvaluationMeasures(ctx, host, server)
	if err != nil || len(names) == 0 {
		names = Measures
	}
	names = slices.Clone(names)
	for _, e := range extra {
		if e != "" && !slices.Contains(names, e) {
			names = append(names, e)
		}
	}
	return sdk.Options(names...), err
}
