package session_test

import (
	"context"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/session"
	"github.com/openml-dash/openml-dash/internal/component"
	"github.com/openml-dash/openml-dash/sdk"
)

// guard bounds how long a test waits for something that should happen;
// it only stops a broken session from hanging the test run.
const guard = 10 * time.Second

var testRef = sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindData, ID: 61}

type handler = func(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error)

// fake is a Caller that records every request and answers with the
// handler registered for the callback id (an empty patch if none).
type fake struct {
	mu    sync.Mutex
	fns   map[string]handler
	reqs  []*sdk.CallbackRequest
	order []string
}

func newFake() *fake { return &fake{fns: map[string]handler{}} }

func (f *fake) on(id string, h handler) *fake {
	f.fns[id] = h
	return f
}

func (f *fake) Callback(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	f.mu.Lock()
	f.reqs = append(f.reqs, req)
	f.order = append(f.order, req.ID)
	h := f.fns[req.ID]
	f.mu.Unlock()
	if h == nil {
		return sdk.NewPatch(), nil
	}
	return h(ctx, req)
}

func (f *fake) count(id string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, o := range f.order {
		if o == id {
			n++
		}
	}
	return n
}

func (f *fake) calls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.order...)
}

// requests returns the requests made of callback id, oldest first.
func (f *fake) requests(id string) []*sdk.CallbackRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []*sdk.CallbackRequest
	for _, r := range f.reqs {
		if r.ID == id {
			out = append(out, r)
		}
	}
	return out
}

// changes collects OnChange reports.
type changes struct {
	mu   sync.Mutex
	list []session.Change
}

func (c *changes) add(ch session.Change) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.list = append(c.list, ch)
}

func (c *changes) of(id string) []session.Change {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []session.Change
	for _, ch := range c.list {
		if ch.Callback == id {
			out = append(out, ch)
		}
	}
	return out
}

// ref parses "id.prop".
func ref(s string) sdk.PropRef {
	id, prop, _ := strings.Cut(s, ".")
	return sdk.PropRef{ComponentID: id, Property: prop}
}

func refs(ss ...string) []sdk.PropRef {
	var out []sdk.PropRef
	for _, s := range ss {
		out = append(out, ref(s))
	}
	return out
}

// cb declares callback id from inputs to outputs.
func cb(id string, inputs, outputs []string) sdk.Callback {
	return sdk.Callback{ID: id, Inputs: refs(inputs...), Outputs: refs(outputs...)}
}

func sel(id string, v ...string) *sdk.Select {
	return &sdk.Select{ID: id, Options: sdk.Options("a", "b", "c"), Values: v}
}

func slot(id string, children ...sdk.Component) *sdk.Slot {
	return &sdk.Slot{ID: id, Children: children}
}

func page(comps []sdk.Component, cbs ...sdk.Callback) *sdk.Page {
	return &sdk.Page{
		Title:     "Dataset 61",
		Tabs:      []sdk.Tab{{ID: "main", Title: "Main", Children: comps}},
		Callbacks: cbs,
	}
}

// setTo answers by writing v to out.
func setTo(out string, v sdk.Value) handler {
	return func(context.Context, *sdk.CallbackRequest) (*sdk.Patch, error) {
		return sdk.NewPatch().Set(ref(out), v), nil
	}
}

// relay answers by writing its first input's value, suffixed with tag, to
// each of outs, so a test can see what a callback read.
func relay(tag string, outs ...string) handler {
	return func(_ context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
		v := tag
		if len(req.Inputs) > 0 {
			v = req.Inputs[0].Value.Str() + tag
		}
		p := sdk.NewPatch()
		for _, o := range outs {
			p.Set(ref(o), sdk.StrValue(v))
		}
		return p, nil
	}
}

// open builds a one-part session on f, starts it and waits for the
// initial calls.
func open(t *testing.T, f session.Caller, pg *sdk.Page, opts session.Options) *session.Session {
	t.Helper()
	s := session.New(testRef, []session.Part{{Plugin: "data", Page: pg, Caller: f}}, opts)
	t.Cleanup(s.Close)
	s.Start(t.Context())
	wait(t, s)
	return s
}

func wait(t *testing.T, s *session.Session) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), guard)
	defer cancel()
	require.NoError(t, s.Wait(ctx))
}

func set(t *testing.T, s *session.Session, part int, r string, v sdk.Value) {
	t.Helper()
	require.NoError(t, s.Set(t.Context(), part, ref(r), v))
}

// value reads a property under the session's lock.
func value(t *testing.T, s *session.Session, part int, r string) sdk.Value {
	t.Helper()
	var v sdk.Value
	var err error
	s.Read(func() {
		c := find(s, part, ref(r).ComponentID)
		require.NotNil(t, c, "no component %q", ref(r).ComponentID)
		v, err = component.Prop(c, ref(r).Property)
	})
	require.NoError(t, err)
	return v
}

// find looks a component up in part's tabs; call it inside Read.
func find(s *session.Session, part int, id string) sdk.Component {
	var found sdk.Component
	for _, tab := range s.Tabs() {
		if tab.Part != part {
			continue
		}
		sdk.Walk(tab.Tab.Children, func(c sdk.Component) bool {
			if v := reflect.ValueOf(c); v.Kind() == reflect.Pointer && v.IsNil() {
				return false
			}
			if found == nil && c.ComponentID() == id {
				found = c
			}
			return true
		})
	}
	return found
}

// recv takes one value from ch, failing the test if none comes.
func recv[T any](t *testing.T, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(guard):
		t.Fatal("timed out waiting for the session")
		panic("unreachable")
	}
}

// children returns the components in slot r's children.
func children(t *testing.T, s *session.Session, part int, id string) []sdk.Component {
	t.Helper()
	var out []sdk.Component
	s.Read(func() {
		c := find(s, part, id)
		require.NotNil(t, c, "no component %q", id)
		out = append(out, sdk.Children(c)...)
	})
	return out
}
