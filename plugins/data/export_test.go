package data

import "github.com/openml-dash/openml-dash/sdk"

// NewWithLimits is New with the Tasks tab's listing sizes set: tasks per
// page of the task listing and most tasks listed, runs per page of the run
// listing and most runs counted, and the longest list of task ids one run
// listing carries (in bytes).
func NewWithLimits(taskPage, maxTasks, runPage, maxRuns, idBytes int) sdk.Plugin {
	return newPlugin(taskLimits{taskPage: taskPage, maxTasks: maxTasks, runPage: runPage, maxRuns: maxRuns, idBytes: idBytes})
}
