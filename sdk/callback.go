package sdk

import (
	"context"
	"fmt"
	"sync"
)

// PropRef names one property of one component, as "id.property".
type PropRef struct {
	ComponentID string
	Property    string
}

func (r PropRef) String() string { return r.ComponentID + "." + r.Property }

// Input names a property whose change fires a callback.
func Input(id, prop string) PropRef { return PropRef{id, prop} }

// State names a property passed to a callback without firing it.
func State(id, prop string) PropRef { return PropRef{id, prop} }

// Output names a property a callback writes.
func Output(id, prop string) PropRef { return PropRef{id, prop} }

// Callback declares, Dash style, that the plugin's handler ID computes
// Outputs from Inputs (and State). The host calls it once when the page
// loads, unless PreventInitialCall, and again whenever an input changes,
// including when another callback's output changes it.
type Callback struct {
	ID                 string
	Inputs             []PropRef
	State              []PropRef
	Outputs            []PropRef
	PreventInitialCall bool
}

// Arg is a callback argument: a property with its current value.
type Arg struct {
	Ref   PropRef
	Value Value
}

// CallbackRequest is one call of a declared callback.
type CallbackRequest struct {
	Ref EntityRef
	ID  string
	// Inputs and State in the order the Callback declared them.
	Inputs []Arg
	State  []Arg
	// Triggered lists the inputs whose change fired this call; it is empty
	// for the initial call.
	Triggered []PropRef
	// Host fetches OpenML answers for the plugin.
	Host Host
}

// Value finds an input's or state's value by reference; None if absent.
func (r *CallbackRequest) Value(ref PropRef) Value {
	for _, list := range [][]Arg{r.Inputs, r.State} {
		for _, pv := range list {
			if pv.Ref == ref {
				return pv.Value
			}
		}
	}
	return None
}

// Patch is a callback's answer: new values for its outputs.
type Patch struct {
	// PreventUpdate leaves every output as it is and stops the chain.
	PreventUpdate bool
	Outputs       []OutputValue
}

// OutputValue is the new value of one output; NoUpdate leaves it as it is.
type OutputValue struct {
	Ref      PropRef
	Value    Value
	NoUpdate bool
}

// NewPatch starts an empty patch.
func NewPatch() *Patch { return &Patch{} }

// PreventUpdate is the patch that changes nothing (Dash's PreventUpdate).
func PreventUpdate() *Patch { return &Patch{PreventUpdate: true} }

// Set writes v to the output ref.
func (p *Patch) Set(ref PropRef, v Value) *Patch {
	p.Outputs = append(p.Outputs, OutputValue{Ref: ref, Value: v})
	return p
}

// Fill replaces a slot's children.
func (p *Patch) Fill(slotID string, children ...Component) *Patch {
	return p.Set(Output(slotID, PropChildren), ChildrenValue(children...))
}

// Skip leaves the output ref as it is (Dash's no_update).
func (p *Patch) Skip(ref PropRef) *Patch {
	p.Outputs = append(p.Outputs, OutputValue{Ref: ref, NoUpdate: true})
	return p
}

// CallbackHandler computes a callback's outputs.
type CallbackHandler interface {
	Callback(ctx context.Context, req *CallbackRequest) (*Patch, error)
}

// CallbackHandlerFunc adapts a function to CallbackHandler.
type CallbackHandlerFunc func(ctx context.Context, req *CallbackRequest) (*Patch, error)

// Callback calls f.
func (f CallbackHandlerFunc) Callback(ctx context.Context, req *CallbackRequest) (*Patch, error) {
	return f(ctx, req)
}

// CallbackMux routes callbacks to handlers by callback id.
type CallbackMux struct {
	mu       sync.RWMutex
	handlers map[string]CallbackHandler
}

// Handle registers h for callback id. It panics on a duplicate id, a wiring
// mistake that must not reach a user.
func (m *CallbackMux) Handle(id string, h CallbackHandler) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.handlers == nil {
		m.handlers = map[string]CallbackHandler{}
	}
	if _, dup := m.handlers[id]; dup {
		panic(fmt.Sprintf("sdk: callback %q registered twice", id))
	}
	m.handlers[id] = h
}

// HandleFunc registers f for callback id.
func (m *CallbackMux) HandleFunc(id string, f func(ctx context.Context, req *CallbackRequest) (*Patch, error)) {
	m.Handle(id, CallbackHandlerFunc(f))
}

// Callback dispatches req to the handler registered for req.ID.
func (m *CallbackMux) Callback(ctx context.Context, req *CallbackRequest) (*Patch, error) {
	m.mu.RLock()
	h, ok := m.handlers[req.ID]
	m.mu.RUnlock()
	if !ok {
		return nil, fmt.Errorf("no handler for callback %q", req.ID)
	}
	return h.Callback(ctx, req)
}
