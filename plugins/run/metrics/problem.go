package metrics

import "strings"

// Problem is what a task type asks its runs to predict, and so which
// curves and tables their predictions give.
type Problem uint8

const (
	UnknownProblem Problem = iota // the task type is not known: the file decides
	Classification
	Regression
	Unsupported // learning curves, clustering, ...: no curves here
)

// ProblemOf reads an OpenML task type ("Supervised Classification").
func ProblemOf(taskType string) Problem {
	t := strings.ToLower(taskType)
	switch {
	case t == "":
		return UnknownProblem
	case strings.Contains(t, "learning curve"):
		return Unsupported
	case strings.Contains(t, "classification"):
		return Classification
	case strings.Contains(t, "regression"):
		return Regression
	}
	return Unsupported
}
