package data

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/openml-dash/openml-dash/sdk/openml"
)

// TestIDChunks: the ids, sorted and each once, in lists of at most the
// bytes given (an id longer than that alone), none left out.
func TestIDChunks(t *testing.T) {
	t.Parallel()
	ids := []int64{361000, 59, 7, 59, 146821, 3, 10093, 1234567, 42}
	chunks := idChunks(ids, 14)
	assert.Equal(t, [][]int64{{3, 7, 42, 59}, {10093, 146821}, {361000, 1234567}}, chunks)
	for _, c := range chunks {
		s := make([]string, len(c))
		for i, id := range c {
			s[i] = strconv.FormatInt(id, 10)
		}
		assert.LessOrEqual(t, len(strings.Join(s, ",")), 14)
	}
	assert.Equal(t, [][]int64{{123456}}, idChunks([]int64{123456}, 3), "too long for the bound: alone")
	assert.Empty(t, idChunks(nil, 200))

	var many []int64
	for id := int64(1_000_000); id < 1_000_100; id++ {
		many = append(many, id)
	}
	n := 0
	for _, c := range idChunks(many, maxIDListBytes) {
		n += len(c)
		assert.LessOrEqual(t, len(c)*8-1, maxIDListBytes, "the path segment stays a file name the cache can write")
	}
	assert.Equal(t, 100, n)
}

func TestTasksIntro(t *testing.T) {
	t.Parallel()
	l := &taskListing{tasks: []openml.TaskSummary{
		{ID: 1, TypeID: 1, Type: "Supervised Classification"}, {ID: 2}, {ID: 3, TypeID: 1, Type: "Supervised Classification"},
		{ID: 4, TypeID: 9},
	}}
	assert.Equal(t, "**4 tasks** are defined on this dataset: 2 Supervised Classification, 1 of unknown type, 1 Multitask Regression.", tasksIntro(l, false))
	assert.Equal(t, "**1 task** is defined on this dataset. OpenML's list of estimation procedures could not be loaded, so they are shown by id.",
		tasksIntro(&taskListing{tasks: l.tasks[:1]}, true))
}
