package flow

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/plugins/internal/evalviewtest"
)

// TestTaskCache_expires checks that a type's tasks are listed once while
// fresh and again once stale.
func TestTaskCache_expires(t *testing.T) {
	t.Parallel()
	srv := &evalviewtest.Server{Tasks: []evalviewtest.Task{{ID: 1, TypeID: 1}, {ID: 2, TypeID: 2}, {ID: 3, TypeID: 1}}}
	host := srv.Host()
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	c := taskCache{ttl: time.Minute, now: func() time.Time { return now }}
	ctx := context.Background()

	ids, err := c.ofType(ctx, host, "", 1)
	require.NoError(t, err)
	assert.Equal(t, map[int64]bool{1: true, 3: true}, ids)
	now = now.Add(59 * time.Second)
	_, err = c.ofType(ctx, host, "", 1)
	require.NoError(t, err)
	assert.Len(t, srv.PathsWith("task/list/"), 1, "fresh: from the cache")

	ids, err = c.ofType(ctx, host, "other", 1)
	require.NoError(t, err)
	assert.Len(t, ids, 2)
	assert.Len(t, srv.PathsWith("task/list/"), 2, "each server its own")

	now = now.Add(2 * time.Second)
	_, err = c.ofType(ctx, host, "", 1)
	require.NoError(t, err)
	assert.Len(t, srv.PathsWith("task/list/"), 3, "stale: listed again")

	ids, err = c.ofType(ctx, host, "", 7)
	require.NoError(t, err, "no tasks of a type is an answer")
	assert.Empty(t, ids)

	srv.Fail = map[string]error{"task/list/type/2": context.DeadlineExceeded}
	_, err = c.ofType(ctx, host, "", 2)
	assert.Error(t, err)
	srv.Fail = nil
	ids, err = c.ofType(ctx, host, "", 2)
	require.NoError(t, err, "a failure is not kept")
	assert.Equal(t, map[int64]bool{2: true}, ids)
}
