package pluginhost_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"

	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/pluginhost"
	"github.com/openml-dash/openml-dash/internal/proctest"
	"github.com/openml-dash/openml-dash/sdk"
)

// Entity ids whose Layout misbehaves in the echo plugin.
const (
	hangID = 999
	exitID = 998
)

// TestManager_roundTrip starts two real plugin processes and exercises
// the manifest, ordering by kind, Layout with a Fetch back to the host
// over the broker, Callback, a plugin's own error and a recovered panic.
func TestManager_roundTrip(t *testing.T) {
	t.Parallel()
	host := &fakeHost{}
	log := &syncBuffer{}
	m := start(t, pluginhost.Options{Dirs: []string{pluginDir(t, "echo", "extra")}, Host: host, Log: log})

	require.Empty(t, m.Failures())
	assert.Equal(t, []string{"echo", "extra"}, names(m.Plugins()))
	assert.Equal(t, []string{"echo", "extra"}, names(m.ForKind(sdk.KindData)), "Order 100 before 10")
	assert.Equal(t, []string{"echo"}, names(m.ForKind(sdk.KindTask)))
	assert.Empty(t, m.ForKind(sdk.KindRun))

	echo := plugin(t, m, "echo")
	assert.Equal(t, sdk.Manifest{Name: "echo", Version: "1.0", Kinds: []sdk.Kind{sdk.KindData, sdk.KindTask}, Order: sdk.OrderCore}, echo.Manifest())

	ref := sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindData, ID: 61}
	page, err := echo.Layout(t.Context(), ref)
	require.NoError(t, err)
	assert.Equal(t, "echo: iris", page.Title, "the body fetched from the host")
	assert.Equal(t, []sdk.FetchRequest{{Server: sdk.DefaultServer, Path: "data/61"}}, host.Fetches())

	_, err = echo.Layout(t.Context(), sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindData, ID: 62})
	require.EqualError(t, err, "fetch the description of d/62: OpenML has no data/62", "the plugin's own message, unwrapped")
	var perr *pluginhost.Error
	assert.False(t, errors.As(err, &perr), "a plugin's own error is not a plugin failure")

	patch, err := echo.Callback(t.Context(), &sdk.CallbackRequest{ID: "echo", Inputs: []sdk.Arg{{Ref: sdk.Input("in", "value"), Value: sdk.StrValue("hi")}}})
	require.NoError(t, err)
	assert.Equal(t, []sdk.OutputValue{{Ref: sdk.Output("out", "value"), Value: sdk.StrValue("hi")}}, patch.Outputs)

	before := pid(t, echo)
	_, err = echo.Callback(t.Context(), &sdk.CallbackRequest{ID: "panic"})
	require.ErrorContains(t, err, "boom")
	assert.False(t, errors.As(err, &perr), "a recovered panic is the plugin's own error")
	assert.Equal(t, before, pid(t, echo), "the plugin survives its panic")
	assert.Eventually(t, func() bool { return strings.Contains(log.String(), "plugin echo: panic in") },
		5*time.Second, 10*time.Millisecond, "plugin stderr reaches the log with its name; log:\n%s", log)
}

// TestManager_startFailures: plugins that cannot start are reported with a
// message saying what to do, do not hang Start, and leave the rest working.
func TestManager_startFailures(t *testing.T) {
	t.Parallel()
	skipOnWindows(t)
	dir := pluginDir(t, "echo", "v2", "plain", "strangertls", "garbage", "sleepy")
	m := start(t, pluginhost.Options{Dirs: []string{dir}, StartTimeout: 2 * time.Second})

	assert.Equal(t, []string{"echo"}, names(m.Plugins()))
	want := map[string]string{
		"garbage": dir + `/openml-dash-plugin-garbage is not an openml-dash plugin (it printed "hello" instead of a handshake): remove it from ` + dir,
		"sleepy":  dir + `/openml-dash-plugin-sleepy is not an openml-dash plugin (no handshake within 2s): remove it from ` + dir,
		"v2":      `plugin "v2" speaks protocol 2, this openml-dash speaks 1: update openml-dash to use it, or install a version of the plugin built for protocol 1`,
		// A plugin written by hand that serves plain gRPC, or gets mutual
		// TLS wrong, is told so rather than "broker closed".
		"plain": `plugin "plain" (` + dir + `/openml-dash-plugin-plain) gave no TLS certificate in its handshake line: openml-dash plugins serve gRPC over mutual TLS, ` +
			`with the host's certificate from PLUGIN_CLIENT_CERT and their own one in the handshake (see sdk/PROTOCOL.md)`,
	}
	got := map[string]string{}
	for _, err := range m.Failures() {
		e := pluginError(t, err)
		assert.Equal(t, pluginhost.Start, e.Kind)
		got[e.Plugin] = e.Error()
	}
	// The TLS alert's wording is the plugin's TLS library's.
	assert.Regexp(t, `^the TLS handshake with plugin "strangertls" \(`+regexp.QuoteMeta(dir)+`/openml-dash-plugin-strangertls\) failed \(remote error: tls: [a-z ]+\): `+
		`it must present the certificate of its handshake line and trust the host's certificate from PLUGIN_CLIENT_CERT`, got["strangertls"])
	delete(got, "strangertls")
	assert.Equal(t, want, got)

	_, err := plugin(t, m, "echo").Layout(t.Context(), sdk.EntityRef{Kind: sdk.KindData, ID: 61})
	require.NoError(t, err)
}

func TestManager_noPlugins(t *testing.T) {
	t.Parallel()
	m := start(t, pluginhost.Options{Dirs: []string{t.TempDir()}})
	assert.Empty(t, m.Plugins())
	require.Len(t, m.Failures(), 1)
	assert.ErrorIs(t, m.Failures()[0], pluginhost.ErrNoPlugins)
	assert.ErrorContains(t, m.Failures()[0], "no openml-dash plugins found in ")
	assert.ErrorContains(t, m.Failures()[0], "(programs named openml-dash-plugin-<name>, or Python plugins named openml-dash-plugin-<name>.pyz)")
}

// TestPlugin_crashRestarts: a crash fails the calls in flight with one
// Crash error (counted once however many calls saw it), and the next call
// restarts the plugin.
func TestPlugin_crashRestarts(t *testing.T) {
	t.Parallel()
	skipOnWindows(t)
	host := &fakeHost{}
	m := start(t, pluginhost.Options{Dirs: []string{pluginDir(t, "echo")}, Host: host, Backoff: 10 * time.Millisecond})
	echo := plugin(t, m, "echo")
	first := pid(t, echo)

	blocked := make(chan error, 2)
	for range 2 {
		go func() {
			_, err := echo.Callback(context.Background(), &sdk.CallbackRequest{ID: "block"})
			blocked <- err
		}()
	}
	require.Eventually(t, func() bool { return host.LogCount() == 2 }, 10*time.Second, 10*time.Millisecond)

	_, err := echo.Callback(t.Context(), &sdk.CallbackRequest{ID: "exit"})
	e := pluginError(t, err)
	assert.Equal(t, pluginhost.Crash, e.Kind)
	assert.Equal(t, "echo", e.Plugin)
	assert.EqualError(t, e, `plugin "echo" 1.0 crashed (exit status 2) during Callback "exit"; restarting it (restart 1 of 3)`)
	for range 2 {
		err := <-blocked
		assert.Equal(t, pluginhost.Crash, pluginError(t, err).Kind)
		assert.EqualError(t, err, `plugin "echo" 1.0 crashed (exit status 2) during Callback "block"; restarting it (restart 1 of 3)`)
	}

	// Calls arriving together after the crash restart the plugin once.
	pids := make(chan int, 3)
	for range 3 {
		go func() {
			patch, err := echo.Callback(context.Background(), &sdk.CallbackRequest{ID: "pid"})
			if err != nil || len(patch.Outputs) != 1 {
				t.Errorf("pid after the crash: %v", err)
				pids <- 0
				return
			}
			pids <- int(patch.Outputs[0].Value.Int())
		}()
	}
	second := <-pids
	assert.Equal(t, second, <-pids, "one restart")
	assert.Equal(t, second, <-pids, "one restart")
	assert.NotEqual(t, first, second, "restarted")
	assert.False(t, proctest.Alive(first))
	assert.Equal(t, "echo", echo.Manifest().Name, "described again")

	_, err = echo.Layout(t.Context(), sdk.EntityRef{Kind: sdk.KindData, ID: exitID})
	assert.EqualError(t, err, `plugin "echo" 1.0 crashed (exit status 2) during Layout; restarting it (restart 2 of 3)`)
}

// TestPlugin_givesUp: after MaxRestarts restarts within the window the
// plugin stays down and every call says so.
func TestPlugin_givesUp(t *testing.T) {
	t.Parallel()
	skipOnWindows(t)
	m := start(t, pluginhost.Options{Dirs: []string{pluginDir(t, "echo")}, MaxRestarts: 2, Backoff: time.Millisecond})
	echo := plugin(t, m, "echo")
	exit := &sdk.CallbackRequest{ID: "exit"}

	gaveUp := `plugin "echo" 1.0 crashed 3 times in 1m0s; not restarting it. Restart openml-dash to try again.`
	want := []struct {
		kind pluginhost.ErrorKind
		msg  string
	}{
		{pluginhost.Crash, `plugin "echo" 1.0 crashed (exit status 2) during Callback "exit"; restarting it (restart 1 of 2)`},
		{pluginhost.Crash, `plugin "echo" 1.0 crashed (exit status 2) during Callback "exit"; restarting it (restart 2 of 2)`},
		{pluginhost.GaveUp, gaveUp},
	}
	for _, w := range want {
		_, err := echo.Callback(t.Context(), exit)
		assert.Equal(t, w.kind, pluginError(t, err).Kind)
		assert.EqualError(t, err, w.msg)
	}
	_, err := echo.Layout(t.Context(), sdk.EntityRef{Kind: sdk.KindData, ID: 61})
	assert.Equal(t, pluginhost.GaveUp, pluginError(t, err).Kind)
	assert.EqualError(t, err, gaveUp)
}

// TestPlugin_restartFails: a plugin that cannot be started again says why
// and is tried again on the next call, within the same limit.
func TestPlugin_restartFails(t *testing.T) {
	t.Parallel()
	skipOnWindows(t)
	dir := pluginDir(t, "echo")
	m := start(t, pluginhost.Options{Dirs: []string{dir}, StartTimeout: 5 * time.Second, Backoff: time.Millisecond})
	echo := plugin(t, m, "echo")
	require.NoError(t, os.Remove(echo.Path()))
	require.NoError(t, os.Link(filepath.Join(built, "garbage"), echo.Path()))

	_, err := echo.Callback(t.Context(), &sdk.CallbackRequest{ID: "exit"})
	require.Equal(t, pluginhost.Crash, pluginError(t, err).Kind)
	_, err = echo.Callback(t.Context(), &sdk.CallbackRequest{ID: "pid"})
	assert.Equal(t, pluginhost.Start, pluginError(t, err).Kind)
	assert.EqualError(t, err, echo.Path()+` is not an openml-dash plugin (it printed "hello" instead of a handshake): remove it from `+dir+
		`; trying again on the next call (restart 2 of 3)`)
}

// TestPlugin_restartWaitsForBackoff: the restart after a crash waits for
// the backoff, but no longer than the caller's ctx.
func TestPlugin_restartWaitsForBackoff(t *testing.T) {
	t.Parallel()
	skipOnWindows(t)
	m := start(t, pluginhost.Options{Dirs: []string{pluginDir(t, "echo")}, Backoff: time.Hour})
	echo := plugin(t, m, "echo")
	_, err := echo.Callback(t.Context(), &sdk.CallbackRequest{ID: "exit"})
	require.Equal(t, pluginhost.Crash, pluginError(t, err).Kind)

	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	_, err = echo.Callback(ctx, &sdk.CallbackRequest{ID: "pid"})
	require.ErrorIs(t, err, context.DeadlineExceeded)
	var e *pluginhost.Error
	assert.False(t, errors.As(err, &e), "waiting is not a failure of the plugin: %v", err)
}

// TestPlugin_hangTimesOut: a plugin that does not answer within
// CallTimeout is reported, killed, and restarted for the next call.
func TestPlugin_hangTimesOut(t *testing.T) {
	t.Parallel()
	skipOnWindows(t)
	m := start(t, pluginhost.Options{Dirs: []string{pluginDir(t, "echo")}, CallTimeout: 500 * time.Millisecond, Backoff: time.Millisecond})
	echo := plugin(t, m, "echo")
	first := pid(t, echo)

	_, err := echo.Layout(t.Context(), sdk.EntityRef{Kind: sdk.KindData, ID: hangID})
	e := pluginError(t, err)
	assert.Equal(t, pluginhost.Timeout, e.Kind)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.EqualError(t, err, `plugin "echo" 1.0 did not answer Layout within 500ms; restarting it (restart 1 of 3)`)

	assert.NotEqual(t, first, pid(t, echo))
	assert.Eventually(t, func() bool { return !proctest.Alive(first) }, 10*time.Second, 10*time.Millisecond, "the hung process is killed")
}

// TestPlugin_waitingForHostDoesNotCount: a plugin's clock stands still
// while it waits for the host, so a slow server does not make it look hung;
// it runs again once the answer is in, so a plugin that hangs after a slow
// fetch is still caught.
func TestPlugin_waitingForHostDoesNotCount(t *testing.T) {
	t.Parallel()
	skipOnWindows(t)
	host := &fakeHost{delay: 700 * time.Millisecond}
	m := start(t, pluginhost.Options{Dirs: []string{pluginDir(t, "echo")}, Host: host, CallTimeout: 500 * time.Millisecond, Backoff: time.Millisecond})
	echo := plugin(t, m, "echo")

	page, err := echo.Layout(t.Context(), sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindData, ID: 61})
	require.NoError(t, err, "a 700ms fetch inside a 500ms call")
	assert.Equal(t, "echo: iris", page.Title)

	began := time.Now()
	_, err = echo.Callback(t.Context(), &sdk.CallbackRequest{ID: "fetch-block", Ref: sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindData, ID: 61}})
	took := time.Since(began)
	assert.Equal(t, pluginhost.Timeout, pluginError(t, err).Kind)
	assert.EqualError(t, err, `plugin "echo" 1.0 did not answer Callback "fetch-block" within 500ms; restarting it (restart 1 of 3)`)
	assert.GreaterOrEqual(t, took, 1200*time.Millisecond, "the fetch's 700ms, then 500ms of the plugin's own time")
}

// TestPlugin_callerDeadlineIsNotAHang: when the caller's own deadline
// passes, the call returns its error and the plugin, which may only have
// been waiting for the host, is neither blamed nor killed.
func TestPlugin_callerDeadlineIsNotAHang(t *testing.T) {
	t.Parallel()
	skipOnWindows(t)
	host := &fakeHost{}
	m := start(t, pluginhost.Options{Dirs: []string{pluginDir(t, "echo")}, Host: host})
	echo := plugin(t, m, "echo")
	before := pid(t, echo)

	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	_, err := echo.Callback(ctx, &sdk.CallbackRequest{ID: "block"})
	require.ErrorIs(t, err, context.DeadlineExceeded)
	var e *pluginhost.Error
	assert.False(t, errors.As(err, &e), "not a failure of the plugin: %v", err)
	assert.Equal(t, before, pid(t, echo), "not restarted")
}

// TestPlugin_environmentHoldsNoSecret: plugins, a dropped-in one included,
// start with an allow-listed environment: the API key and whatever other
// secret the user keeps in the environment stay in the host. Not parallel:
// it sets the host's environment.
func TestPlugin_environmentHoldsNoSecret(t *testing.T) {
	const key, awsSecret = "0123456789abcdef0123456789abcdef", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	t.Setenv("OPENML_DASH_APIKEY", key)
	t.Setenv("AWS_SECRET_ACCESS_KEY", awsSecret)
	t.Setenv("LC_TIME", "C")
	m := start(t, pluginhost.Options{Dirs: []string{pluginDir(t, "extra")}})
	patch, err := plugin(t, m, "extra").Callback(t.Context(), &sdk.CallbackRequest{ID: "env"})
	require.NoError(t, err)
	require.Len(t, patch.Outputs, 1)
	env := patch.Outputs[0].Value.Str()

	vars := map[string]string{}
	for _, kv := range strings.Split(env, "\n") {
		name, value, _ := strings.Cut(kv, "=")
		vars[name] = value
	}
	assert.NotContains(t, vars, "OPENML_DASH_APIKEY")
	assert.NotContains(t, vars, "AWS_SECRET_ACCESS_KEY")
	assert.NotContains(t, env, key)
	assert.NotContains(t, env, awsSecret)
	assert.Equal(t, os.Getenv("PATH"), vars["PATH"])
	assert.Equal(t, "C", vars["LC_TIME"])
	assert.Contains(t, vars, "PLUGIN_PROTOCOL_VERSIONS", "go-plugin's own variables are added")
}

// TestManager_startRetriesPluginKilledWhileStarting: a plugin killed before
// its handshake is started again, as after a crash, and serves the page.
func TestManager_startRetriesPluginKilledWhileStarting(t *testing.T) {
	t.Parallel()
	skipOnWindows(t)
	log := &syncBuffer{}
	dir := pluginDir(t, "flaky")
	m := start(t, pluginhost.Options{Dirs: []string{dir}, Log: log, Backoff: 10 * time.Millisecond})

	require.Empty(t, m.Failures())
	assert.Equal(t, []string{"flaky"}, names(m.ForKind(sdk.KindData)))
	page, err := plugin(t, m, "flaky").Layout(t.Context(), sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindData, ID: 61})
	require.NoError(t, err)
	assert.Equal(t, "flaky: iris", page.Title)
	assert.Contains(t, log.String(), `plugin "flaky" (`+dir+`/openml-dash-plugin-flaky) ended with signal: killed before its handshake`)
	assert.Contains(t, log.String(), "starting it again (restart 1 of 3)")
}

// TestManager_startGivesUpOnPluginThatKeepsDying: a binary that ends at
// every start is tried MaxRestarts more times, then reported.
func TestManager_startGivesUpOnPluginThatKeepsDying(t *testing.T) {
	t.Parallel()
	skipOnWindows(t)
	dir := pluginDir(t, "dies", "echo")
	m := start(t, pluginhost.Options{Dirs: []string{dir}, MaxRestarts: 2, Backoff: time.Millisecond})

	assert.Equal(t, []string{"echo"}, names(m.Plugins()))
	require.Len(t, m.Failures(), 1)
	e := pluginError(t, m.Failures()[0])
	assert.Equal(t, pluginhost.Start, e.Kind)
	assert.EqualError(t, e, `plugin "dies" (`+dir+`/openml-dash-plugin-dies) ended with exit status 3 before its handshake; its output is in the log. `+
		`If it is not an openml-dash plugin, remove it from `+dir+` (it ended while starting 3 times in 1m0s; not trying again)`)
}

// TestManager_closeKillsPlugins: Close leaves no plugin process behind, may
// be called again from any goroutine, and later calls fail plainly.
func TestManager_closeKillsPlugins(t *testing.T) {
	t.Parallel()
	skipOnWindows(t)
	m := start(t, pluginhost.Options{Dirs: []string{pluginDir(t, "echo", "extra")}})
	var pids []int
	for _, p := range m.Plugins() {
		pids = append(pids, pid(t, p))
	}
	require.Len(t, pids, 2)

	var wg sync.WaitGroup
	for range 2 {
		wg.Go(m.Close)
	}
	wg.Wait()
	for _, pid := range pids {
		assert.False(t, proctest.Alive(pid), "plugin process %d still running after Close", pid)
	}
	_, err := m.Plugins()[0].Callback(t.Context(), &sdk.CallbackRequest{ID: "pid"})
	assert.ErrorIs(t, err, pluginhost.ErrClosed)
}

// TestPlugin_diesWithKilledHost: on Linux a plugin dies with a host that
// is SIGKILLed and so never calls Close. The host is this test binary,
// run again as TestHelperHost.
func TestPlugin_diesWithKilledHost(t *testing.T) {
	t.Parallel()
	if runtime.GOOS != "linux" {
		t.Skip("Pdeathsig is Linux only")
	}
	host, pluginPid := proctest.StartHost(t, "TestHelperHost", helperEnv+"="+pluginDir(t, "echo"))
	require.True(t, proctest.Alive(pluginPid))

	require.NoError(t, host.Process.Kill())
	_ = host.Wait()
	assert.Eventually(t, func() bool { return !proctest.Alive(pluginPid) }, 10*time.Second, 10*time.Millisecond)
}

// TestHelperHost is the host killed by TestPlugin_diesWithKilledHost.
func TestHelperHost(t *testing.T) {
	dir := os.Getenv(helperEnv)
	if dir == "" {
		t.Skip("run by TestPlugin_diesWithKilledHost")
	}
	m := start(t, pluginhost.Options{Dirs: []string{dir}})
	fmt.Printf("plugin pid %d\n", pid(t, plugin(t, m, "echo")))
	time.Sleep(time.Minute)
}
