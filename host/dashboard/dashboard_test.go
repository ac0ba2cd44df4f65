package dashboard_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/dashboard"
	"github.com/openml-dash/openml-dash/host/fetch/fetchtest"
	"github.com/openml-dash/openml-dash/host/session"
	"github.com/openml-dash/openml-dash/sdk"
)

// pluginDir holds the slow test plugin, built once by TestMain;
// lateDir holds it twice, as "slow" and as the drop-in "late".
var pluginDir, lateDir string

func TestMain(m *testing.M) {
	os.Exit(func() int {
		dir, err := os.MkdirTemp("", "dashboard-test")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(dir)
		build := exec.Command("go", "build", "-buildvcs=false", "-o", filepath.Join(dir, "openml-dash-plugin-slow"), "./testdata/slow")
		if b, err := build.CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "build the test plugin: %v\n%s", err, b)
			return 1
		}
		pluginDir = dir
		lateDir = filepath.Join(dir, "late")
		if err := os.Mkdir(lateDir, 0o755); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		for _, name := range []string{"openml-dash-plugin-slow", "openml-dash-plugin-late"} {
			if err := os.Link(filepath.Join(dir, "openml-dash-plugin-slow"), filepath.Join(lateDir, name)); err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 1
			}
		}
		return m.Run()
	}())
}

// The pages of the slow plugin, by entity id (testdata/slow).
const (
	fetchingID   = 1
	hangLayoutID = 2
	hangCallID   = 3
	lateID       = 4
)

// TestApp_callTimeoutCountsPluginTimeOnly: Config.CallTimeout bounds
// Layout and callbacks alike in the plugin's own time. A server slow
// enough that a page's fetches take longer than the timeout is not a hung
// plugin; a Layout that hangs fails the page within about the timeout; a
// callback that hangs says so in the slot it would have filled.
func TestApp_callTimeoutCountsPluginTimeOnly(t *testing.T) {
	t.Parallel()
	const timeout, delay = time.Second, 600 * time.Millisecond
	srv := fetchtest.NewServer(t, fetchtest.Options{})
	for _, p := range []string{"data/1", "data/features/1", "data/qualities/1", "task/1", "flow/1"} {
		path := "/api/v1/xml/" + p
		srv.Handle(path, `<oml:answer xmlns:oml="http://openml.org/openml"><oml:path>`+p+`</oml:path></oml:answer>`)
		srv.Fault(path, fetchtest.Fault{Delay: delay})
	}
	app, err := dashboard.Start(t.Context(), dashboard.Config{
		Server: srv.APIBase(), CacheDir: t.TempDir(), PluginDirs: []string{pluginDir},
		CallTimeout: timeout, Log: io.Discard,
	})
	require.NoError(t, err)
	t.Cleanup(app.Close)
	open := func(id int64) (*session.Session, error) {
		return app.Open(t.Context(), sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindData, ID: id}, nil)
	}
	wait := func(s *session.Session) {
		ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
		defer cancel()
		require.NoError(t, s.Wait(ctx))
	}
	slot := func(s *session.Session) (kids []sdk.Component) {
		s.Read(func() {
			sdk.Walk(s.Tabs()[0].Tab.Children, func(c sdk.Component) bool {
				if c.ComponentID() == "out" {
					kids = sdk.Children(c)
				}
				return true
			})
		})
		return kids
	}

	// Three answers of 600ms for Layout, two for the callback: each call
	// waits longer than its 1s for the server.
	s, err := open(fetchingID)
	require.NoError(t, err)
	t.Cleanup(s.Close)
	s.Start(t.Context())
	wait(s)
	kids := slot(s)
	require.Len(t, kids, 1)
	text, ok := kids[0].(*sdk.Text)
	require.True(t, ok, "the slot holds %T: %v", kids[0], kids[0])
	assert.Regexp(t, `^fetched \d+ bytes$`, text.Markdown)

	began := time.Now()
	_, err = open(hangLayoutID)
	assert.EqualError(t, err, `cannot open d/2: plugin "slow" 0.1 did not answer Layout within 1s; restarting it (restart 1 of 3)`)
	assert.Less(t, time.Since(began), timeout+5*time.Second, "the timeout governs Layout")

	s, err = open(hangCallID)
	require.NoError(t, err)
	t.Cleanup(s.Close)
	began = time.Now()
	s.Start(t.Context())
	wait(s)
	assert.Less(t, time.Since(began), timeout+5*time.Second, "the timeout governs callbacks")
	kids = slot(s)
	require.Len(t, kids, 1)
	n, ok := kids[0].(*sdk.Notice)
	require.True(t, ok, "the slot holds %T, want a Notice", kids[0])
	assert.Equal(t, `Callback "hang" failed`, n.Summary)
	assert.Contains(t, n.Detail, `plugin "slow" 0.1 did not answer Callback "hang" within 1s`)
	assert.Contains(t, n.Detail, "It may be stuck")
}

// TestApp_openDoesNotWaitForSlowParts: the page opens once the core
// plugin's part is there; a drop-in plugin still building its part (here
// waiting for a slow server) arrives in the session later, after the core
// tabs, and Wait waits for it.
func TestApp_openDoesNotWaitForSlowParts(t *testing.T) {
	t.Parallel()
	const delay = 1500 * time.Millisecond
	srv := fetchtest.NewServer(t, fetchtest.Options{})
	srv.Handle("/api/v1/xml/data/4", `<oml:answer xmlns:oml="http://openml.org/openml"><oml:path>data/4</oml:path></oml:answer>`)
	srv.Fault("/api/v1/xml/data/4", fetchtest.Fault{Delay: delay})
	app, err := dashboard.Start(t.Context(), dashboard.Config{
		Server: srv.APIBase(), CacheDir: t.TempDir(), PluginDirs: []string{lateDir}, Log: io.Discard,
	})
	require.NoError(t, err)
	t.Cleanup(app.Close)

	var arrived atomic.Int32
	began := time.Now()
	s, err := app.Open(t.Context(), sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindData, ID: lateID}, func(c session.Change) {
		if c.Arrived && c.Part == 1 {
			arrived.Add(1)
		}
	})
	require.NoError(t, err)
	t.Cleanup(s.Close)
	opened := time.Since(began)
	assert.Less(t, opened, delay, "Open did not wait for the late part")
	assert.Equal(t, 1, s.Pending())
	require.Len(t, s.Tabs(), 1)
	assert.Equal(t, "slow", s.Tabs()[0].Plugin)

	s.Start(t.Context())
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	require.NoError(t, s.Wait(ctx))
	assert.GreaterOrEqual(t, time.Since(began), delay, "Wait waited for the late part")
	assert.Zero(t, s.Pending())
	tabs := s.Tabs()
	require.Len(t, tabs, 2)
	assert.Equal(t, []string{"slow", "late"}, []string{tabs[0].Plugin, tabs[1].Plugin})
	assert.Equal(t, "late", tabs[1].Tab.ID)
	assert.Equal(t, int32(1), arrived.Load(), "OnChange heard of the arrival once")
}
