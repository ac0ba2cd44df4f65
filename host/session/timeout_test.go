package session_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/session"
	"github.com/openml-dash/openml-dash/sdk"
)

// notice returns the one Notice in slot id, failing if there is not one.
func notice(t *testing.T, s *session.Session, id string) *sdk.Notice {
	t.Helper()
	kids := children(t, s, 0, id)
	require.Len(t, kids, 1)
	n, ok := kids[0].(*sdk.Notice)
	require.True(t, ok, "%s holds %T, want a Notice", id, kids[0])
	return n
}

// TestSession_callerBoundsItsCalls: with a negative CallTimeout the session
// puts no deadline on its calls, which a plugin would pass on to its
// fetches (pluginhost bounds them in the plugin's own time instead), and a
// Caller's own timeout still reads as a timeout in the slot it would have
// filled.
func TestSession_callerBoundsItsCalls(t *testing.T) {
	t.Parallel()
	deadline := make(chan bool, 1)
	f := newFake().on("dist", func(ctx context.Context, _ *sdk.CallbackRequest) (*sdk.Patch, error) {
		_, ok := ctx.Deadline()
		deadline <- ok
		return nil, fmt.Errorf(`plugin "data" did not answer Callback "dist" within 10s: %w`, context.DeadlineExceeded)
	})
	var ch changes
	s := open(t, f, page([]sdk.Component{sel("feature", "a"), slot("plot")},
		cb("dist", []string{"feature.value"}, []string{"plot.children"}),
	), session.Options{CallTimeout: -1, OnChange: ch.add})

	assert.False(t, recv(t, deadline), "no deadline on the call's ctx")
	n := notice(t, s, "plot")
	assert.Equal(t, sdk.Error, n.Level)
	assert.Equal(t, `Callback "dist" failed`, n.Summary)
	assert.Contains(t, n.Detail, `plugin "data" did not answer Callback "dist" within 10s`)
	assert.Contains(t, n.Detail, "It may be stuck", "worded as a timeout")
	got := ch.of("dist")
	require.Len(t, got, 1)
	assert.ErrorIs(t, got[0].Err, context.DeadlineExceeded)
}

// TestSession_abandonFillsUnfinishedSlots: Abandon gives up on the
// callbacks running or queued, filling the slots they would have filled
// with a notice saying why, discards their late results, and leaves the
// page working.
func TestSession_abandonFillsUnfinishedSlots(t *testing.T) {
	t.Parallel()
	started := make(chan struct{}, 1)
	cancelled := make(chan error, 1)
	f := newFake().on("slow", func(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
		if req.Inputs[0].Value.Str() == "a" {
			started <- struct{}{}
			<-ctx.Done()
			cancelled <- ctx.Err()
			return sdk.NewPatch().Fill("out", &sdk.Text{Markdown: "late"}), nil
		}
		return sdk.NewPatch().Fill("out", &sdk.Text{Markdown: "done"}), nil
	})
	var ch changes
	s := session.New(testRef, []session.Part{{Plugin: "data", Caller: f, Page: page(
		[]sdk.Component{sel("x", "a"), slot("out"), slot("below"), slot("idle", &sdk.Text{Markdown: "kept"})},
		cb("slow", []string{"x.value"}, []string{"out.children"}),
		cb("next", []string{"out.children"}, []string{"below.children"}), // queued behind slow
	)}}, session.Options{OnChange: ch.add})
	t.Cleanup(s.Close)
	s.Start(t.Context())
	recv(t, started)

	s.Abandon(fmt.Errorf("the page did not finish within 10s: %w", context.DeadlineExceeded))
	wait(t, s)
	assert.Zero(t, s.Busy())
	assert.ErrorIs(t, recv(t, cancelled), context.Canceled, "the running call is cancelled")
	for slot, id := range map[string]string{"out": "slow", "below": "next"} {
		n := notice(t, s, slot)
		assert.Equal(t, fmt.Sprintf("Callback %q failed", id), n.Summary)
		assert.Contains(t, n.Detail, "the page did not finish within 10s")
		assert.Contains(t, n.Detail, "It may be stuck")
		got := ch.of(id)
		require.Len(t, got, 1, "OnChange hears of %q once", id)
		assert.Equal(t, refs(slot+".children"), got[0].Outputs)
		assert.True(t, errors.Is(got[0].Err, context.DeadlineExceeded))
	}
	assert.Equal(t, 0, f.count("next"), "a queued callback is not called")
	assert.Equal(t, "kept", children(t, s, 0, "idle")[0].(*sdk.Text).Markdown)

	set(t, s, 0, "x.value", sdk.StrValue("b"))
	wait(t, s)
	assert.Equal(t, "done", children(t, s, 0, "out")[0].(*sdk.Text).Markdown, "the late result was discarded; the page works")
	assert.Equal(t, 1, f.count("next"))
}
