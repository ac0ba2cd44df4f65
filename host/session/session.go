// Package session holds one open page and runs its Dash-style callbacks:
// it validates each part's callback graph, fires the initial calls, fires
// the callbacks of inputs that change (chained through outputs), and
// applies the patches. The GUI and headless render share it; it has no
// Fyne in it.
//
// A page may be built by several plugins, one part each. Component ids are
// scoped to a part, and a part's callbacks go to its own Caller.
//
// The rules are Dash's:
//   - every callback fires once at Start unless PreventInitialCall, with an
//     empty Triggered, unless an upstream callback wrote one of its inputs
//     before it ran: then it fires once, after that, naming that input;
//   - a callback waits while any callback upstream of its inputs (or of its
//     state) is queued or running, so in a chain or a converging graph it
//     fires once, after its inputs settled;
//   - a patch's written outputs fire the callbacks that take them as inputs,
//     even when the value is the same; PreventUpdate and NoUpdate outputs
//     fire nothing;
//   - a callback asked to run again while it runs has its running call
//     cancelled and its result discarded;
//   - components a patch adds fire the callbacks that take them as inputs,
//     as if they were part of the first layout.
package session

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/openml-dash/openml-dash/internal/component"
	"github.com/openml-dash/openml-dash/sdk"
)

// DefaultCallTimeout bounds a callback call when Options.CallTimeout is 0.
const DefaultCallTimeout = 60 * time.Second

// ErrClosed is returned by Set and Wait once the session is closed.
var ErrClosed = errors.New("session: the page was closed")

// Caller runs a part's callbacks (in production an *sdk.Client wrapped by pluginhost).
type Caller interface {
	Callback(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error)
}

// CallerFunc adapts a function to Caller.
type CallerFunc func(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error)

// Callback calls f.
func (f CallerFunc) Callback(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	return f(ctx, req)
}

// Part is what one plugin contributes to a page.
type Part struct {
	Plugin string    // plugin name, for messages
	Page   *sdk.Page // the plugin's page (nil if Err)
	Caller Caller
	Err    error // the plugin failed to give a page: the part shows one tab with an error Notice
	// Pending keeps the part's place while its plugin still builds its
	// page: it has no tabs until Arrive brings them, and Wait waits for it.
	Pending bool
}

// Options tune a Session; the zero value is ready to use.
type Options struct {
	// CallTimeout bounds each callback call; 0 means DefaultCallTimeout. A
	// hung plugin becomes an error notice, never a hang. Negative means no
	// bound of the session's own, for Callers that bound their calls
	// themselves (pluginhost's plugins do, in the plugin's own time, which
	// a deadline on the call's ctx would not leave out). A Caller's error
	// that wraps context.DeadlineExceeded is shown as a timeout.
	CallTimeout time.Duration
	// OnChange is called from session goroutines, without the session's
	// lock, after each applied patch or failure; it must not block long.
	// Wait returns only after the OnChange calls of finished callbacks
	// have returned.
	OnChange func(Change)
}

// Change reports one finished callback call, or a pending part's
// arrival.
type Change struct {
	Part int
	// Arrived says part Part's page arrived (Arrive): its tabs are in
	// Tabs now, after those of the parts before it.
	Arrived  bool
	Callback string        // callback id
	Outputs  []sdk.PropRef // outputs written
	// Err says the callback failed (its children outputs were filled with
	// an error Notice), or that part of its patch could not be applied.
	Err error
}

// Tab is one tab of the page, from part Part. Tab.Children are the live
// components: read them inside Session.Read.
type Tab struct {
	Part   int
	Plugin string
	Tab    sdk.Tab
}

// Session is one open page. Its methods are safe for concurrent use.
type Session struct {
	ref     sdk.EntityRef
	title   string
	timeout time.Duration

	// shape guards what a pending part's arrival adds to: the tabs, the
	// page notices and the problems. Writers hold mu too, so readers
	// that hold mu need not take it.
	shape    sync.RWMutex
	notices  []*sdk.Notice // the parts' page notices, in part order
	tabs     []Tab
	problems []error
	onChange func(Change)

	base   context.Context // parent of every call; cancelled by Close
	cancel context.CancelFunc
	done   chan struct{} // closed by Close

	mu      sync.Mutex
	parts   []*part
	started bool
	closed  bool
	busy    int           // callbacks queued, running, or reporting their change
	idle    chan struct{} // closed when busy drops to 0
}

type part struct {
	idx     int
	plugin  string
	caller  Caller
	pending bool            // its page has not arrived (Part.Pending)
	notice  *sdk.Notice     // its page notice, if any
	roots   []sdk.Component // every tab's components, for the id index
	comps   map[string]sdk.Component
	run     bool // the graph is valid: callbacks may run

	cbs     []*callback // declaration order
	order   []*callback // each after the callbacks upstream of it
	readers map[sdk.PropRef][]*callback
	byID    map[string][]*callback // component id -> callbacks with an input on it
	active  bitset                 // scratch for pump
}

type callback struct {
	def    sdk.Callback
	idx    int
	before bitset // callbacks that must settle before this one runs

	queued bool
	trig   []sdk.PropRef
	cur    *call
}

type call struct {
	ctx    context.Context
	cancel context.CancelFunc
	stale  bool // superseded or closed: its result is discarded
	// released: Close already gave back the call's busy count. A call that
	// is only superseded keeps it until its goroutine ends, which invoke
	// makes prompt, so Wait covers the discarding too.
	released bool
}

// New builds the session of ref's page from its parts, validating each
// part's callbacks. It calls no plugin; Start does.
func New(ref sdk.EntityRef, parts []Part, opts Options) *Session {
	s := &Session{
		ref:      ref,
		timeout:  opts.CallTimeout,
		onChange: opts.OnChange,
		done:     make(chan struct{}),
	}
	if s.timeout == 0 {
		s.timeout = DefaultCallTimeout
	}
	s.base, s.cancel = context.WithCancel(context.Background())
	for i, in := range parts {
		p := &part{idx: i, plugin: in.Plugin, caller: in.Caller}
		s.parts = append(s.parts, p)
		if in.Pending {
			p.pending = true
			s.acquire() // Wait waits for its page
			continue
		}
		if i == 0 && in.Err == nil && in.Page != nil {
			s.title = in.Page.Title
		}
		s.tabs = append(s.tabs, s.build(p, in.Page, in.Err)...)
	}
	s.notices = s.partNotices()
	if s.title == "" {
		s.title = ref.String()
	}
	return s
}

// Arrive brings pending part i's page, or err when its plugin could not
// give one: its tabs go after those of the parts before it, its
// callbacks start if the session has, and OnChange hears of it with
// Change.Arrived. It does nothing once the session is closed.
func (s *Session) Arrive(i int, page *sdk.Page, err error) error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	if i < 0 || i >= len(s.parts) || !s.parts[i].pending {
		s.mu.Unlock()
		return fmt.Errorf("session: part %d is not pending", i)
	}
	s.arrive(s.parts[i], page, err)
	s.mu.Unlock()
	s.reportArrival(i)
	return nil
}

// arrive places p's page and starts its callbacks. Call with mu held;
// p's busy count stays until reportArrival.
func (s *Session) arrive(p *part, page *sdk.Page, err error) {
	p.pending = false
	tabs := s.build(p, page, err)
	at := 0
	for at < len(s.tabs) && s.tabs[at].Part < p.idx {
		at++
	}
	s.shape.Lock()
	s.tabs = slices.Insert(s.tabs, at, tabs...)
	s.notices = s.partNotices()
	s.shape.Unlock()
	if s.started && p.run {
		for _, cb := range p.cbs {
			if !cb.def.PreventInitialCall {
				s.request(cb, nil)
			}
		}
		s.pump()
	}
}

// reportArrival tells OnChange that part i arrived, then gives back the
// busy count it held while pending, so that Wait covers the report.
func (s *Session) reportArrival(i int) {
	if s.onChange != nil {
		s.onChange(Change{Part: i, Arrived: true})
	}
	s.mu.Lock()
	s.release()
	s.mu.Unlock()
}

// partNotices are the parts' page notices in part order.
func (s *Session) partNotices() []*sdk.Notice {
	var ns []*sdk.Notice
	for _, p := range s.parts {
		if p.notice != nil {
			ns = append(ns, p.notice)
		}
	}
	return ns
}

// build makes part p from its plugin's page, or from err when the plugin
// gave none, and returns its tabs.
func (s *Session) build(p *part, page *sdk.Page, err error) []Tab {
	if err != nil || page == nil {
		if err == nil {
			err = errors.New("it answered no page")
		}
		return []Tab{{Part: p.idx, Plugin: p.plugin, Tab: sdk.Tab{
			ID:    "error",
			Title: p.plugin,
			Children: []sdk.Component{&sdk.Notice{
				Level:   sdk.Error,
				Summary: fmt.Sprintf("Plugin %q could not build its part of this page", p.plugin),
				Detail:  err.Error() + "\nThe other tabs are unaffected. Reopen the page to try again; if it keeps failing, update or remove the plugin.",
			}},
		}}}
	}
	if n := page.Notice; n != nil {
		cp := *n
		p.notice = &cp
	}
	return s.addPart(p, page)
}

func (s *Session) addPart(p *part, page *sdk.Page) []Tab {
	for _, t := range page.Tabs {
		p.roots = append(p.roots, t.Children...)
	}
	p.comps, _ = index(p.roots)
	msgs := validate(p.roots, page.Callbacks)
	s.shape.Lock()
	for _, m := range msgs {
		s.problems = append(s.problems, &Problem{Part: p.idx, Plugin: p.plugin, Msg: m})
	}
	s.shape.Unlock()
	p.run = len(msgs) == 0

	tabs := slices.Clone(page.Tabs)
	if !p.run {
		if len(tabs) == 0 {
			tabs = []sdk.Tab{{ID: "problems", Title: p.plugin}}
		}
		var b strings.Builder
		for _, m := range msgs {
			b.WriteString("• " + m + "\n")
		}
		b.WriteString("This part of the page shows its first layout only. Report this to the plugin's author.")
		notice := func() sdk.Component {
			return &sdk.Notice{
				Level:   sdk.Error,
				Summary: fmt.Sprintf("Plugin %q declares callbacks that cannot run", p.plugin),
				Detail:  b.String(),
			}
		}
		for i, t := range tabs {
			t.Children = append([]sdk.Component{notice()}, t.Children...)
			tabs[i] = t
		}
	}
	out := make([]Tab, len(tabs))
	for i, t := range tabs {
		out[i] = Tab{Part: p.idx, Plugin: p.plugin, Tab: t}
	}
	if !p.run {
		return out
	}

	order, before := ordering(page.Callbacks)
	p.readers = map[sdk.PropRef][]*callback{}
	p.byID = map[string][]*callback{}
	for i, def := range page.Callbacks {
		cb := &callback{def: def, idx: i, before: before[i]}
		p.cbs = append(p.cbs, cb)
		for _, in := range def.Inputs {
			p.readers[in] = append(p.readers[in], cb)
			if !slices.Contains(p.byID[in.ComponentID], cb) {
				p.byID[in.ComponentID] = append(p.byID[in.ComponentID], cb)
			}
		}
	}
	for _, i := range order {
		p.order = append(p.order, p.cbs[i])
	}
	p.active = newBitset(len(p.cbs))
	return out
}

// Ref is the entity the page shows.
func (s *Session) Ref() sdk.EntityRef { return s.ref }

// Title is the first part's page title, or the entity's short form when
// that part has none.
func (s *Session) Title() string { return s.title }

// Notices are the page-level notices its parts gave (Page.Notice), in
// part order: problems of the whole page, shown once above the tabs.
func (s *Session) Notices() []*sdk.Notice {
	s.shape.RLock()
	defer s.shape.RUnlock()
	return slices.Clone(s.notices)
}

// Tabs are the page's tabs, parts in order. The list changes only when a
// pending part arrives; the components inside are live.
func (s *Session) Tabs() []Tab {
	s.shape.RLock()
	defer s.shape.RUnlock()
	return slices.Clone(s.tabs)
}

// Problems are the graph validation problems found in the parts' pages,
// each a *Problem. Each is also shown as an error Notice in its part's
// tabs.
func (s *Session) Problems() []error {
	s.shape.RLock()
	defer s.shape.RUnlock()
	return slices.Clone(s.problems)
}

// Pending is how many parts have not arrived yet.
func (s *Session) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, p := range s.parts {
		if p.pending {
			n++
		}
	}
	return n
}

// Start fires the initial callbacks in the background. ctx bounds the
// session's life: when it is done the session is closed, as by Close.
// Calls after the first, or after Close, do nothing.
func (s *Session) Start(ctx context.Context) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.started || s.closed {
		return
	}
	s.started = true
	stop := context.AfterFunc(ctx, s.Close)
	context.AfterFunc(s.base, func() { stop() })
	for _, p := range s.parts {
		if !p.run {
			continue
		}
		for _, cb := range p.cbs {
			if !cb.def.PreventInitialCall {
				s.request(cb, nil)
			}
		}
	}
	s.pump()
}

// Set applies a user's change of one input (a select's value, a table's
// selected_rows, a button's n_clicks ...) to part's component, and fires the
// callbacks that take it as an input. Setting a value equal to the current
// one fires nothing, so a widget echoing a patch does not loop. ctx is only
// checked here: the calls fired live until they end or the session closes.
func (s *Session) Set(ctx context.Context, part int, ref sdk.PropRef, v sdk.Value) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	if part < 0 || part >= len(s.parts) {
		return fmt.Errorf("session: set %q: no part %d (the page has %d)", ref, part, len(s.parts))
	}
	p := s.parts[part]
	c, ok := p.comps[ref.ComponentID]
	if !ok {
		return fmt.Errorf("session: set %q: plugin %q's page has no component %q", ref, p.plugin, ref.ComponentID)
	}
	old, err := component.Prop(c, ref.Property)
	if err != nil {
		return fmt.Errorf("session: set %q: %w", ref, err)
	}
	if old.Equal(v) {
		return nil
	}
	if err := component.SetProp(c, ref.Property, v); err != nil {
		return fmt.Errorf("session: set %q: %w", ref, err)
	}
	if ref.Property == sdk.PropChildren {
		if !p.run {
			p.comps, _ = index(p.roots)
			return nil
		}
		// Duplicate ids from the UI have no callback to blame; the first
		// component keeps the id.
		_ = s.added(p, nil, v.Children())
	}
	if !p.run {
		return nil
	}
	for _, cb := range p.readers[ref] {
		s.request(cb, &ref)
	}
	s.pump()
	return nil
}

// Wait blocks until no callback is queued or running and every OnChange
// of finished ones has returned. It returns ctx's error if ctx ends first,
// and ErrClosed if the session is or gets closed.
func (s *Session) Wait(ctx context.Context) error {
	for {
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			return ErrClosed
		}
		if s.busy == 0 {
			s.mu.Unlock()
			return nil
		}
		idle := s.idle
		s.mu.Unlock()
		select {
		case <-idle:
		case <-s.done:
			return ErrClosed
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Read runs fn with the session's state locked: read components only
// inside it. fn may call Ref, Title, Tabs and Problems, but no other method
// of the session, which would deadlock.
func (s *Session) Read(fn func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fn()
}

// Busy is how many callbacks are queued or running now, and parts still
// pending, for a status line.
func (s *Session) Busy() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.busy
}

// TabBusy reports whether a callback that writes into tab i (in Tabs
// order) is queued or running: while it is, the tab shows a part still
// loading. The window uses it to tell when the tab a user looks at is
// complete, before the page's other tabs are.
func (s *Session) TabBusy(i int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if i < 0 || i >= len(s.tabs) {
		return false
	}
	t := s.tabs[i]
	if t.Part >= len(s.parts) {
		return false
	}
	ids := t.componentIDs()
	for _, cb := range s.parts[t.Part].cbs {
		if !cb.queued && cb.cur == nil {
			continue
		}
		for _, o := range cb.def.Outputs {
			if ids[o.ComponentID] {
				return true
			}
		}
	}
	return false
}

// Settled reports whether tab i (in Tabs order) is final for now: no
// part is pending (a late part's tabs would move it), and no callback
// queued or running, nor any callback those could fire in turn, writes
// into it. A headless render draws a settled tab while the page's slow
// callbacks still run elsewhere. An input the user sets later can of
// course change it again.
func (s *Session) Settled(i int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if i < 0 || i >= len(s.tabs) {
		return false
	}
	for _, p := range s.parts {
		if p.pending {
			return false
		}
	}
	t := s.tabs[i]
	p := s.parts[t.Part]
	if !p.run {
		return true
	}
	in := t.componentIDs()
	for _, cb := range p.reachable() {
		for _, o := range cb.def.Outputs {
			if in[o.ComponentID] {
				return false
			}
		}
	}
	return true
}

// reachable lists p's callbacks queued or running and every callback
// their outputs could fire in turn. A children output may create any
// component, so it reaches the callbacks with an input on a component
// not there now or inside the slot it refills, unless PreventInitialCall:
// new components fire only the others (see added). Call with mu held.
func (p *part) reachable() []*callback {
	seen := map[*callback]bool{}
	var out []*callback
	add := func(cb *callback) {
		if !seen[cb] {
			seen[cb] = true
			out = append(out, cb)
		}
	}
	for _, cb := range p.cbs {
		if cb.queued || cb.cur != nil {
			add(cb)
		}
	}
	for k := 0; k < len(out); k++ {
		for _, o := range out[k].def.Outputs {
			for _, next := range p.byID[o.ComponentID] {
				add(next)
			}
			if o.Property != sdk.PropChildren {
				continue
			}
			inside := map[string]bool{}
			if c := p.comps[o.ComponentID]; c != nil {
				sdk.Walk(sdk.Children(c), func(c sdk.Component) bool {
					inside[c.ComponentID()] = true
					return true
				})
			}
			for _, cb := range p.cbs {
				if cb.def.PreventInitialCall {
					continue
				}
				for _, in := range cb.def.Inputs {
					if _, there := p.comps[in.ComponentID]; !there || inside[in.ComponentID] {
						add(cb)
						break
					}
				}
			}
		}
	}
	return out
}

// componentIDs are the ids of the tab's components, nested ones too.
func (t Tab) componentIDs() map[string]bool {
	ids := map[string]bool{}
	sdk.Walk(t.Tab.Children, func(c sdk.Component) bool {
		if id := c.ComponentID(); id != "" {
			ids[id] = true
		}
		return true
	})
	return ids
}

// Abandon gives up on the callbacks queued or running now, as if each had
// failed with err: their calls are cancelled and their results discarded,
// and their children outputs show err in an error notice, as a failed
// callback's do. A page saved when Wait ran out of time then says which
// parts are missing and why, instead of leaving their slots empty. An err
// that wraps context.DeadlineExceeded is worded as a timeout. A part still
// pending gets the error tab of a part whose plugin failed. OnChange
// hears of each callback and part abandoned. The session stays open:
// inputs set later fire their callbacks as usual.
func (s *Session) Abandon(err error) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	var changes []Change
	var arrived []int
	for _, p := range s.parts {
		if p.pending {
			s.arrive(p, nil, fmt.Errorf("its part was not ready: %w", err))
			arrived = append(arrived, p.idx)
			continue
		}
		for _, cb := range p.cbs {
			if !cb.queued && cb.cur == nil {
				continue
			}
			// Each keeps its busy count until OnChange has heard of it.
			if cb.queued {
				cb.queued, cb.trig = false, nil
			} else {
				cb.cur.released = true
				s.supersede(cb)
			}
			changes = append(changes, s.fail(p, cb, err))
		}
	}
	s.mu.Unlock()

	for _, i := range arrived {
		s.reportArrival(i)
	}
	for _, ch := range changes {
		if s.onChange != nil {
			s.onChange(ch)
		}
		s.mu.Lock()
		s.release()
		s.mu.Unlock()
	}
}

// Close cancels every call in flight and drops the queued ones; their
// results are discarded. Later calls do nothing.
func (s *Session) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	s.closed = true
	for _, p := range s.parts {
		if p.pending {
			p.pending = false
			s.release()
		}
		for _, cb := range p.cbs {
			if cb.queued {
				cb.queued, cb.trig = false, nil
				s.release()
			}
			if c := cb.cur; c != nil {
				s.supersede(cb)
				c.released = true
				s.release()
			}
		}
	}
	s.cancel()
	close(s.done)
}

func (s *Session) acquire() {
	if s.busy == 0 {
		s.idle = make(chan struct{})
	}
	s.busy++
}

func (s *Session) release() {
	s.busy--
	if s.busy == 0 {
		close(s.idle)
	}
}

// supersede cancels cb's running call, if any, and discards its result.
func (s *Session) supersede(cb *callback) {
	if c := cb.cur; c != nil {
		cb.cur = nil
		c.stale = true
		c.cancel()
	}
}

// request queues cb, noting trig (nil for an initial-style call) among the
// inputs that fired it. A running call of cb is stale from now on.
func (s *Session) request(cb *callback, trig *sdk.PropRef) {
	s.supersede(cb)
	if !cb.queued {
		cb.queued = true
		cb.trig = cb.trig[:0]
		s.acquire()
	}
	if trig != nil && !slices.Contains(cb.trig, *trig) {
		cb.trig = append(cb.trig, *trig)
	}
}

// pump starts every queued callback that waits for nothing upstream.
func (s *Session) pump() {
	if s.closed {
		return
	}
	for _, p := range s.parts {
		if !p.run {
			continue
		}
		p.active.clear()
		busy := false
		for _, cb := range p.cbs {
			if cb.queued || cb.cur != nil {
				p.active.set(cb.idx)
				busy = true
			}
		}
		if !busy {
			continue
		}
		for _, cb := range p.order {
			if cb.queued && !cb.before.meets(p.active) {
				s.startCall(p, cb)
			}
		}
	}
}

// startCall turns cb's queued request into a running call.
func (s *Session) startCall(p *part, cb *callback) {
	cb.queued = false
	def := cb.def
	var trig []sdk.PropRef
	for _, in := range def.Inputs {
		if slices.Contains(cb.trig, in) {
			trig = append(trig, in)
		}
	}
	cb.trig = cb.trig[:0]

	// Like Dash, a callback whose inputs or outputs left the page (a patch
	// replaced the slot holding them) does not fire.
	present := func(r sdk.PropRef) bool { _, ok := p.comps[r.ComponentID]; return ok }
	if !slices.ContainsFunc(def.Outputs, present) || !all(def.Inputs, present) {
		s.release()
		return
	}
	var readErr error
	args := func(refs []sdk.PropRef) []sdk.Arg {
		out := make([]sdk.Arg, 0, len(refs))
		for _, r := range refs {
			v := sdk.None
			if c, ok := p.comps[r.ComponentID]; ok {
				var err error
				if v, err = component.Prop(c, r.Property); err != nil {
					readErr = errors.Join(readErr, fmt.Errorf("read %q: %w", r, err))
				}
			}
			out = append(out, sdk.Arg{Ref: r, Value: snapshot(v)})
		}
		return out
	}
	req := &sdk.CallbackRequest{
		Ref:       s.ref,
		ID:        def.ID,
		Inputs:    args(def.Inputs),
		State:     args(def.State),
		Triggered: trig,
	}
	ctx, cancel := context.WithCancel(s.base)
	if s.timeout > 0 {
		ctx, cancel = context.WithTimeout(s.base, s.timeout)
	}
	c := &call{ctx: ctx, cancel: cancel}
	cb.cur = c
	caller := p.caller
	go func() {
		var patch *sdk.Patch
		err := readErr
		if err == nil {
			patch, err = invoke(ctx, caller, req)
		}
		s.finish(p, cb, c, patch, err)
	}()
}

func all[T any](xs []T, f func(T) bool) bool {
	for _, x := range xs {
		if !f(x) {
			return false
		}
	}
	return true
}

// invoke calls the plugin, returning when ctx ends even if the Caller does
// not, and turning a Caller's panic into an error.
func invoke(ctx context.Context, caller Caller, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	if caller == nil {
		return nil, errors.New("the plugin has no connection to run callbacks")
	}
	type result struct {
		patch *sdk.Patch
		err   error
	}
	ch := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				ch <- result{err: fmt.Errorf("the plugin's caller panicked: %v", r)}
			}
		}()
		p, err := caller.Callback(ctx, req)
		ch <- result{p, err}
	}()
	select {
	case r := <-ch:
		return r.patch, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// finish applies a call's outcome, reports it and fires what it changed.
func (s *Session) finish(p *part, cb *callback, c *call, patch *sdk.Patch, err error) {
	s.mu.Lock()
	if c.stale {
		if !c.released {
			s.release()
		}
		s.mu.Unlock()
		c.cancel()
		return
	}
	timedOut := errors.Is(c.ctx.Err(), context.DeadlineExceeded)
	c.cancel()
	cb.cur = nil
	ch := Change{Part: p.idx, Callback: cb.def.ID}
	func() {
		// A bug here must cost one callback, not the app.
		defer func() {
			if r := recover(); r != nil {
				ch.Err = errors.Join(ch.Err, fmt.Errorf("callback %q of plugin %q: applying its patch failed: %v", cb.def.ID, p.plugin, r))
			}
		}()
		if err != nil {
			if timedOut {
				err = fmt.Errorf("plugin %q did not answer within %g s: %w", p.plugin, s.timeout.Seconds(), context.DeadlineExceeded)
			}
			ch = s.fail(p, cb, err)
			return
		}
		ch.Outputs, ch.Err = s.apply(p, cb, patch)
	}()
	s.pump()
	s.mu.Unlock()

	if s.onChange != nil {
		s.onChange(ch)
	}
	s.mu.Lock()
	s.release()
	s.mu.Unlock()
}

// fail shows err in cb's children outputs and returns the Change that
// reports it.
func (s *Session) fail(p *part, cb *callback, err error) Change {
	return Change{
		Part:     p.idx,
		Callback: cb.def.ID,
		Outputs:  s.fillError(p, cb, err),
		Err:      fmt.Errorf("callback %q of plugin %q failed: %w", cb.def.ID, p.plugin, err),
	}
}

// fillError shows err in each children output of cb; other outputs keep
// their values and nothing downstream fires.
func (s *Session) fillError(p *part, cb *callback, err error) []sdk.PropRef {
	detail := err.Error()
	if errors.Is(err, context.DeadlineExceeded) {
		detail += ". It may be stuck or working on too much data; change an input to try again, or reopen the page."
	}
	var written []sdk.PropRef
	for _, out := range cb.def.Outputs {
		if out.Property != sdk.PropChildren {
			continue
		}
		c, ok := p.comps[out.ComponentID]
		if !ok {
			continue
		}
		n := &sdk.Notice{Level: sdk.Error, Summary: fmt.Sprintf("Callback %q failed", cb.def.ID), Detail: detail}
		if component.SetProp(c, sdk.PropChildren, sdk.ChildrenValue(n)) == nil {
			written = append(written, out)
		}
	}
	if len(written) > 0 {
		p.comps, _ = index(p.roots)
	}
	return written
}

// apply writes patch's outputs and queues what they fire.
func (s *Session) apply(p *part, cb *callback, patch *sdk.Patch) ([]sdk.PropRef, error) {
	if patch == nil || patch.PreventUpdate {
		return nil, nil
	}
	name := fmt.Sprintf("callback %q of plugin %q", cb.def.ID, p.plugin)
	var errs []error
	var written []sdk.PropRef
	var newKids []sdk.Component
	for _, o := range patch.Outputs {
		if o.NoUpdate {
			continue
		}
		if !slices.Contains(cb.def.Outputs, o.Ref) {
			errs = append(errs, fmt.Errorf("%s set %q, which it does not declare as an output; the value was ignored (declare it in the callback's Outputs)", name, o.Ref))
			continue
		}
		c, ok := p.comps[o.Ref.ComponentID]
		if !ok {
			errs = append(errs, fmt.Errorf("%s set %q, but no component %q is on the page now", name, o.Ref, o.Ref.ComponentID))
			continue
		}
		if o.Ref.Property != sdk.PropChildren {
			// A value set again as it is changes nothing, so the callbacks
			// reading it are not run again (as a user's Set of the same
			// value). New children are always new components.
			if old, err := component.Prop(c, o.Ref.Property); err == nil && old.Equal(o.Value) {
				continue
			}
		}
		if err := component.SetProp(c, o.Ref.Property, o.Value); err != nil {
			errs = append(errs, fmt.Errorf("%s set %q: %w", name, o.Ref, err))
			continue
		}
		if !slices.Contains(written, o.Ref) {
			written = append(written, o.Ref)
		}
		if o.Ref.Property == sdk.PropChildren {
			newKids = append(newKids, o.Value.Children()...)
		}
	}
	if written == nil {
		return nil, errors.Join(errs...)
	}
	if slices.ContainsFunc(written, func(r sdk.PropRef) bool { return r.Property == sdk.PropChildren }) {
		if err := s.added(p, cb, newKids); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
		}
	}
	for i := range written {
		for _, r := range p.readers[written[i]] {
			s.request(r, &written[i])
		}
	}
	return written, errors.Join(errs...)
}

// added re-indexes p after new children arrived and queues, as initial
// calls, the callbacks with an input among them (Dash fires the callbacks
// of components added to the layout). by, the callback whose patch added
// them, is not fired again, which would loop.
func (s *Session) added(p *part, by *callback, cs []sdk.Component) error {
	var dups []string
	p.comps, dups = index(p.roots)
	walk(cs, func(c sdk.Component) {
		for _, cb := range p.byID[c.ComponentID()] {
			if cb != by && !cb.def.PreventInitialCall && p.comps[c.ComponentID()] == c {
				s.request(cb, nil)
			}
		}
	})
	if len(dups) > 0 {
		return fmt.Errorf("component ids %q are now used more than once; the first of each keeps its callbacks", dups)
	}
	return nil
}
