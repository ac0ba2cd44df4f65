package pluginhost

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/openml-dash/openml-dash/internal/wire"
	"github.com/openml-dash/openml-dash/sdk"
)

// Plugin is one plugin binary and its running process, restarted as
// needed. Its methods are safe for concurrent use.
type Plugin struct {
	m   *Manager
	bin Binary
	// startErr is why Start could not start the plugin; guarded by
	// Manager.mu.
	startErr error

	mu        sync.Mutex
	inst      *instance // nil after a failure, until the next call restarts it
	manifest  sdk.Manifest
	failures  []failure     // within RestartWindow, oldest first
	notBefore time.Time     // no restart before this (backoff)
	gaveUp    string        // set once given up: the message
	starting  chan struct{} // closed when the restart in progress ends
}

type failure struct {
	at   time.Time
	hung bool
}

// instance is one process of a plugin.
type instance struct {
	client *plugin.Client
	cmd    *exec.Cmd
	rpc    *wire.Client
	clock  *pluginClock

	// Set once, under Plugin.mu, by the first call that finds the
	// instance failed; later calls that see the same failure reuse them.
	failed  bool
	kind    ErrorKind // Crash or Timeout
	reason  string    // "crashed (exit status 2)", "did not answer Layout within 60s"
	restart int       // the restart announced; 0 when given up
}

// Name is the plugin's name: its binary's name without the prefix.
func (p *Plugin) Name() string { return p.bin.Name }

// Path is the plugin binary's path.
func (p *Plugin) Path() string { return p.bin.Path }

// Manifest is what the plugin said about itself when it last started.
func (p *Plugin) Manifest() sdk.Manifest {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.manifest
}

// Layout asks the plugin for the page of ref. The plugin has
// Options.CallTimeout of its own time to answer: the time it waits for the
// host's Fetch (Progress, Log) does not count. Past that it is taken as
// hung: killed, and the call fails with an *Error of kind Timeout. ctx's
// deadline, if any, is the caller's own: when it passes, the call returns
// ctx's error and the plugin is not blamed. An error the plugin returned
// comes back with the plugin's own message; a crash, hang or refusal to
// restart comes back as an *Error.
func (p *Plugin) Layout(ctx context.Context, ref sdk.EntityRef) (*sdk.Page, error) {
	var page *sdk.Page
	err := p.call(ctx, "Layout", func(ctx context.Context, c *wire.Client) (err error) {
		page, err = c.Layout(ctx, ref)
		return err
	})
	return page, err
}

// Callback runs one of the plugin's callbacks, with the same timeout and
// errors as Layout.
func (p *Plugin) Callback(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	if req == nil {
		return nil, fmt.Errorf("plugin %q: no callback request", p.bin.Name)
	}
	var patch *sdk.Patch
	err := p.call(ctx, fmt.Sprintf("Callback %q", req.ID), func(ctx context.Context, c *wire.Client) (err error) {
		patch, err = c.Callback(ctx, req)
		return err
	})
	return patch, err
}

func (p *Plugin) call(ctx context.Context, op string, fn func(context.Context, *wire.Client) error) error {
	inst, err := p.current(ctx, op)
	if err != nil {
		return err
	}
	// Deadlines, ours and the caller's, are kept here, not sent with the
	// call: the plugin would pass them on to its Fetches, and the time they
	// wait for the server would count. The call is cancelled instead, so
	// that the host, not the plugin, sees first which deadline passed.
	cctx, cancel := context.WithCancelCause(context.WithoutCancel(ctx))
	defer cancel(nil)
	defer context.AfterFunc(ctx, func() { cancel(ctx.Err()) })()
	clock := inst.clock.start(p.m.opts.CallTimeout, func() { cancel(errCallTimeout) })
	start := time.Now()
	err = fn(cctx, inst.rpc)
	clock.end()
	if err == nil {
		p.m.log.Debug("plugin call", "plugin", p.bin.Name, "op", op, "took", since(start))
		return nil
	}
	p.m.log.Debug("plugin call failed", "plugin", p.bin.Name, "op", op, "took", since(start), "error", err)
	return p.failed(ctx, cctx, inst, op, err)
}

// errCallTimeout cancels a call whose plugin time ran out.
var errCallTimeout = errors.New("the plugin's time for the call ran out")

// failed sorts out why a call failed: the caller gave up (or its own
// deadline passed), the plugin hung, the plugin crashed, or the plugin
// answered with an error of its own.
func (p *Plugin) failed(ctx, cctx context.Context, inst *instance, op string, err error) error {
	code := status.Code(err)
	switch {
	case p.m.closed.Load():
		return ErrClosed
	case ctx.Err() != nil:
		return fmt.Errorf("plugin %q %s: %w", p.bin.Name, op, ctx.Err())
	case errors.Is(context.Cause(cctx), errCallTimeout):
		return p.hung(inst, op, context.DeadlineExceeded)
	}
	p.mu.Lock()
	already := inst.failed
	p.mu.Unlock()
	// A plugin's own error is any status it sent; a broken connection
	// shows as Unavailable, or Canceled once another call killed it.
	broken := code == codes.Unavailable || code == codes.Canceled
	if !already && !broken && !inst.client.Exited() {
		if st, ok := status.FromError(err); ok {
			return errors.New(st.Message())
		}
		return err
	}
	reason := "lost its connection"
	if !already {
		if exit, ok := inst.waitExit(exitWait); ok {
			reason = "crashed (" + exit + ")"
		}
	}
	return p.crashed(inst, op, reason, err)
}

// since is how long ago start was, rounded for the log.
func since(start time.Time) time.Duration {
	return time.Since(start).Round(100 * time.Microsecond)
}

func (p *Plugin) hung(inst *instance, op string, cause error) error {
	reason := fmt.Sprintf("did not answer %s within %s", op, seconds(p.m.opts.CallTimeout))
	p.mu.Lock()
	if p.m.closed.Load() { // Close took the instance away
		p.mu.Unlock()
		return ErrClosed
	}
	first := p.markFailed(inst, Timeout, reason)
	var e *Error
	if inst.restart == 0 {
		e = p.gaveUpError(op, cause)
	} else {
		e = &Error{Plugin: p.bin.Name, Op: op, Kind: Timeout, Err: cause,
			msg: fmt.Sprintf("%s %s; %s", p.named(), reason, p.restartNote(inst.restart))}
	}
	p.mu.Unlock()
	if first {
		p.m.log.Warn(e.Error())
		// A hung plugin would hold its goroutine forever: kill it.
		p.m.teardownAsync(inst, true)
	}
	return e
}

func (p *Plugin) crashed(inst *instance, op, reason string, cause error) error {
	p.mu.Lock()
	if p.m.closed.Load() {
		p.mu.Unlock()
		return ErrClosed
	}
	first := p.markFailed(inst, Crash, reason)
	var e *Error
	switch {
	case inst.restart == 0:
		e = p.gaveUpError(op, cause)
	case inst.kind == Timeout:
		e = &Error{Plugin: p.bin.Name, Op: op, Kind: Crash, Err: cause,
			msg: fmt.Sprintf("%s was stopped during %s because it %s; %s", p.named(), op, inst.reason, p.restartNote(inst.restart))}
	default:
		e = &Error{Plugin: p.bin.Name, Op: op, Kind: Crash, Err: cause,
			msg: fmt.Sprintf("%s %s during %s; %s", p.named(), inst.reason, op, p.restartNote(inst.restart))}
	}
	p.mu.Unlock()
	if first {
		p.m.log.Warn(e.Error())
		p.m.teardownAsync(inst, inst.reason == "lost its connection")
	}
	return e
}

// named is how a message names the plugin: by its name and, once it has
// said one, its version, which is what a user reports a fault with. p.mu
// must be held.
func (p *Plugin) named() string {
	if v := p.manifest.Version; v != "" {
		return fmt.Sprintf("plugin %q %s", p.bin.Name, v)
	}
	return fmt.Sprintf("plugin %q", p.bin.Name)
}

// markFailed records inst's failure once and reports whether this call
// was the first to see it. p.mu must be held.
func (p *Plugin) markFailed(inst *instance, kind ErrorKind, reason string) bool {
	if inst.failed {
		return false
	}
	inst.failed, inst.kind, inst.reason = true, kind, reason
	if p.inst == inst {
		p.inst = nil
	}
	inst.restart = p.countFailure(kind == Timeout)
	return true
}

// countFailure adds a failure to the window and returns the number of the
// restart it earns, or 0 when that was one failure too many. p.mu must be
// held.
func (p *Plugin) countFailure(hung bool) int {
	now := time.Now()
	cut := 0
	for cut < len(p.failures) && now.Sub(p.failures[cut].at) > p.m.opts.RestartWindow {
		cut++
	}
	p.failures = append(p.failures[cut:], failure{at: now, hung: hung})
	n := len(p.failures)
	if n > p.m.opts.MaxRestarts {
		what := "crashed"
		for _, f := range p.failures {
			if f.hung {
				what = "crashed or hung"
			}
		}
		p.gaveUp = fmt.Sprintf("%s %s %d times in %s; not restarting it. Restart openml-dash to try again.",
			p.named(), what, n, p.m.opts.RestartWindow)
		return 0
	}
	p.notBefore = now.Add(p.backoff(n))
	return n
}

// backoff is the wait before the restart after the n-th failure.
func (p *Plugin) backoff(n int) time.Duration {
	limit := max(maxBackoff, p.m.opts.Backoff)
	d := p.m.opts.Backoff
	for i := 1; i < n && d < limit; i++ {
		d *= 2
	}
	return min(d, limit)
}

func (p *Plugin) restartNote(n int) string {
	return restartNote(n, p.m.opts.MaxRestarts)
}

// gaveUpError is the error of every call once p is given up. p.mu must be
// held.
func (p *Plugin) gaveUpError(op string, cause error) *Error {
	return &Error{Plugin: p.bin.Name, Op: op, Kind: GaveUp, Err: cause, msg: p.gaveUp}
}

// current returns the running instance, restarting the plugin if it
// failed. Of several calls that find it failed, one restarts it (after the
// backoff) and the others wait for that.
func (p *Plugin) current(ctx context.Context, op string) (*instance, error) {
	for {
		if p.m.closed.Load() {
			return nil, ErrClosed
		}
		p.mu.Lock()
		if inst := p.inst; inst != nil {
			p.mu.Unlock()
			return inst, nil
		}
		if p.gaveUp != "" {
			e := p.gaveUpError(op, nil)
			p.mu.Unlock()
			return nil, e
		}
		if ch := p.starting; ch != nil {
			p.mu.Unlock()
			select {
			case <-ch:
				continue
			case <-ctx.Done():
				return nil, fmt.Errorf("plugin %q %s: %w", p.bin.Name, op, ctx.Err())
			}
		}
		ch := make(chan struct{})
		p.starting = ch
		wait := time.Until(p.notBefore)
		p.mu.Unlock()

		err := p.restart(ctx, op, wait)

		p.mu.Lock()
		p.starting = nil
		close(ch)
		p.mu.Unlock()
		if err != nil {
			return nil, err
		}
	}
}

func (p *Plugin) restart(ctx context.Context, op string, wait time.Duration) error {
	if err := p.sleep(ctx, op, wait); err != nil {
		return err
	}
	err := p.startInstance(ctx)
	var e *Error
	if err == nil || ctx.Err() != nil || !errors.As(err, &e) {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if n := p.countFailure(false); n > 0 {
		e.msg += fmt.Sprintf("; trying again on the next call (restart %d of %d)", n, p.m.opts.MaxRestarts)
		return e
	}
	return p.gaveUpError(op, e)
}

// start starts the plugin for Manager.Start. A process that ends while
// starting (it crashed, or was killed) is started again under the restart
// rule, as after a crash: after the backoff, within the limit.
func (p *Plugin) start(ctx context.Context) error {
	for {
		err := p.startInstance(ctx)
		var e *Error
		if err == nil || ctx.Err() != nil || !errors.As(err, &e) || !e.died {
			return err
		}
		p.mu.Lock()
		n := p.countFailure(false)
		tries, wait := len(p.failures), time.Until(p.notBefore)
		p.mu.Unlock()
		if n == 0 {
			e.msg += fmt.Sprintf(" (it ended while starting %d times in %s; not trying again)", tries, p.m.opts.RestartWindow)
			return e
		}
		p.m.log.Warn(fmt.Sprintf("%s; starting it again (restart %d of %d)", e.msg, n, p.m.opts.MaxRestarts))
		if err := p.sleep(ctx, "start", wait); err != nil {
			return err
		}
	}
}

// sleep waits out a restart's backoff, unless ctx ends or the Manager
// closes first.
func (p *Plugin) sleep(ctx context.Context, op string, wait time.Duration) error {
	if wait <= 0 {
		return nil
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("plugin %q %s: %w", p.bin.Name, op, ctx.Err())
	case <-p.m.done:
		return ErrClosed
	}
}

// detach takes the running instance away for Close.
func (p *Plugin) detach() *instance {
	p.mu.Lock()
	defer p.mu.Unlock()
	inst := p.inst
	p.inst = nil
	if inst != nil {
		inst.failed = true
	}
	return inst
}

// startInstance starts a process of the plugin and makes it the current
// one.
func (p *Plugin) startInstance(ctx context.Context) error {
	if !p.m.begin() {
		return ErrClosed
	}
	defer p.m.inflight.Done()
	start := time.Now()
	inst, manifest, err := p.launch(ctx)
	if err != nil {
		return err
	}
	p.m.log.Debug("plugin ready", "plugin", p.bin.Name, "version", manifest.Version, "kinds", manifest.Kinds,
		"path", p.bin.Path, "pid", inst.cmd.Process.Pid, "took", since(start))
	if manifest.Name != p.bin.Name {
		// Pages, errors and the plugin list go by the binary's name; a
		// copy renamed by hand is still told apart from the original.
		p.m.log.Warn("plugin calls itself by another name than its binary's; openml-dash uses the binary's",
			"plugin", p.bin.Name, "calls itself", manifest.Name, "path", p.bin.Path)
	}
	p.mu.Lock()
	if p.m.closed.Load() {
		p.mu.Unlock()
		inst.teardown(false)
		return ErrClosed
	}
	p.inst, p.manifest = inst, manifest
	p.mu.Unlock()
	if c := p.m.manifests; c != nil {
		c.record(p.bin, manifest)
		p.m.saveManifests() // writes only when the manifest is new
	}
	return nil
}

// launch starts the plugin process, completes the handshake, and asks the
// plugin for its manifest, which also connects it to the host service.
func (p *Plugin) launch(ctx context.Context) (*instance, sdk.Manifest, error) {
	opts := p.m.opts
	cmd, err := p.command()
	if err != nil {
		return nil, sdk.Manifest{}, err
	}
	cmd.Env = pluginEnv(os.Environ(), runtime.GOOS == "windows")
	setProcAttr(cmd)
	out := newLineWriter(p.m.out, p.bin.Name)
	clock := &pluginClock{}
	dashboard := &wire.GRPCPlugin{
		Host:        opts.Host,
		HostOptions: []grpc.ServerOption{grpc.ChainUnaryInterceptor(clock.hostCall, namedCalls(p.bin.Name))},
	}
	var config *plugin.ClientConfig
	dashboard.TLS = func() *tls.Config { return config.TLSConfig }
	config = &plugin.ClientConfig{
		HandshakeConfig:  wire.Handshake,
		Plugins:          plugin.PluginSet{wire.PluginName: dashboard},
		Cmd:              cmd,
		SkipHostEnv:      true, // cmd.Env holds what the plugin may see
		AllowedProtocols: []plugin.Protocol{plugin.ProtocolGRPC},
		AutoMTLS:         true,
		StartTimeout:     opts.StartTimeout,
		GRPCDialOptions: []grpc.DialOption{
			grpc.WithDefaultCallOptions(
				grpc.MaxCallRecvMsgSize(wire.MaxMessageSize),
				grpc.MaxCallSendMsgSize(wire.MaxMessageSize),
			),
		},
		Stderr:     out,
		SyncStderr: out,
		SyncStdout: out,
		Logger:     quietStderrLogger{p.m.log.Named(p.bin.Name), filepath.Base(cmd.Path)},
	}
	client := plugin.NewClient(config)
	inst := &instance{client: client, cmd: cmd, clock: clock}

	conn, err := client.Client()
	if err == nil {
		if perr := procStarted(cmd); perr != nil {
			p.m.log.Warn("plugin may outlive openml-dash", "plugin", p.bin.Name, "error", perr)
		}
	}
	if err != nil {
		if !client.Exited() {
			killGroup(cmd)
		}
		client.Kill() // reaps the process, so its exit status is known
		exit := ""
		if cmd.ProcessState != nil {
			exit = cmd.ProcessState.String()
		}
		return nil, sdk.Manifest{}, startError(p.bin, err, exit, opts.StartTimeout)
	}
	// died: the process ended (crashed, or was killed) on the way.
	fail := func(died bool, format string, args ...any) (*instance, sdk.Manifest, error) {
		inst.teardown(true)
		if ctx.Err() != nil {
			return nil, sdk.Manifest{}, fmt.Errorf("start plugin %q: %w", p.bin.Name, ctx.Err())
		}
		err := fmt.Errorf(format, args...)
		return nil, sdk.Manifest{}, &Error{Plugin: p.bin.Name, Op: "start", Kind: Start, Err: err, msg: err.Error(), died: died}
	}
	if msg := certTrouble(p.bin, config.TLSConfig); msg != "" {
		return fail(false, "%s", msg)
	}
	raw, err := conn.Dispense(wire.PluginName)
	if err != nil {
		if msg := tlsTrouble(p.bin, client, config.TLSConfig); msg != "" {
			return fail(false, "%s", msg)
		}
		return fail(false, "plugin %q (%s) started but offers no dashboard: %v", p.bin.Name, p.bin.Path, err)
	}
	rpc, ok := raw.(*wire.Client)
	if !ok {
		return fail(false, "plugin %q (%s): unexpected client %T", p.bin.Name, p.bin.Path, raw)
	}
	inst.rpc = rpc
	dctx, cancel := context.WithTimeout(ctx, opts.StartTimeout)
	defer cancel()
	manifest, err := rpc.Describe(dctx)
	if err != nil {
		if status.Code(err) == codes.Unavailable || client.Exited() {
			reason := "lost its connection"
			if exit, ok := inst.waitExit(exitWait); ok {
				reason = "ended with " + exit
			}
			return fail(true, "plugin %q (%s) %s before it described itself", p.bin.Name, p.bin.Path, reason)
		}
		msg := err.Error()
		if st, ok := status.FromError(err); ok {
			msg = st.Message()
		}
		return fail(false, "plugin %q (%s) started but did not describe itself: %s", p.bin.Name, p.bin.Path, msg)
	}
	return inst, manifest, nil
}

// waitExit waits up to d for the process to be reaped and returns its
// exit status ("exit status 2", "signal: killed").
func (i *instance) waitExit(d time.Duration) (string, bool) {
	deadline := time.Now().Add(d)
	for !i.client.Exited() {
		if time.Now().After(deadline) {
			return "", false
		}
		time.Sleep(10 * time.Millisecond)
	}
	// Exited is set under go-plugin's lock after cmd.Wait returned, so
	// ProcessState is safe to read.
	return i.cmd.ProcessState.String(), true
}

// teardown stops the instance's host service and kills its process. force
// kills the process group first, for a plugin that is hung or broken.
func (i *instance) teardown(force bool) {
	if force && !i.client.Exited() {
		killGroup(i.cmd)
	}
	if i.rpc != nil {
		i.rpc.Close()
	}
	done := make(chan struct{})
	go func() {
		i.client.Kill()
		close(done)
	}()
	t := time.NewTimer(killGrace)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
		// Something the plugin started still holds its stdout or stderr,
		// and go-plugin waits for those to close.
		killGroup(i.cmd)
		<-done
	}
}
