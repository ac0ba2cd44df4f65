package session

import (
	"fmt"
	"slices"
	"strings"

	"github.com/openml-dash/openml-dash/internal/component"
	"github.com/openml-dash/openml-dash/sdk"
)

// Problem is one thing wrong with a part's page, found when the session
// was built. A part with problems runs none of its callbacks.
type Problem struct {
	Part   int
	Plugin string
	// Msg names the callback ids and "id.prop" references involved.
	Msg string
}

func (p *Problem) Error() string { return fmt.Sprintf("plugin %q: %s", p.Plugin, p.Msg) }

// knownProps are the properties callbacks may name, to tell a plugin
// author which ones a component does have.
var knownProps = []string{sdk.PropValue, sdk.PropSelectedRows, sdk.PropSortedRows, sdk.PropNClicks, sdk.PropChildren, sdk.PropDisabled}

// walk is sdk.Walk that also steps over typed nil pointers.
func walk(cs []sdk.Component, fn func(sdk.Component)) {
	sdk.Walk(cs, func(c sdk.Component) bool {
		if component.IsNil(c) {
			return false
		}
		fn(c)
		return true
	})
}

// index maps the component ids of roots (slots' children included) to the
// components. Ids used more than once are returned too, first come first
// kept in the map.
func index(roots []sdk.Component) (map[string]sdk.Component, []string) {
	comps := map[string]sdk.Component{}
	var dups []string
	listed := map[string]bool{} // dups as a set: a plugin may repeat thousands of ids
	walk(roots, func(c sdk.Component) {
		id := c.ComponentID()
		if id == "" {
			return
		}
		if _, dup := comps[id]; dup {
			if !listed[id] {
				listed[id] = true
				dups = append(dups, id)
			}
			return
		}
		comps[id] = c
	})
	return comps, dups
}

// maxCallbacks bounds the callbacks of a part: ordering keeps a set of
// callbacks per callback, which a plugin must not make gigabytes.
const maxCallbacks = 10000

// validate checks a part's page the way Dash checks its callback map,
// returning messages for the plugin's author.
func validate(roots []sdk.Component, cbs []sdk.Callback) []string {
	if len(cbs) > maxCallbacks {
		return []string{fmt.Sprintf("the page declares %d callbacks, more than the %d a page may have", len(cbs), maxCallbacks)}
	}
	var msgs []string
	kinds := map[string][]string{}
	walk(roots, func(c sdk.Component) {
		if id := c.ComponentID(); id != "" {
			kinds[id] = append(kinds[id], component.TypeName(c))
		}
	})
	comps, dups := index(roots)
	for _, id := range dups {
		msgs = append(msgs, fmt.Sprintf("component id %q is used by %d components (%s); give each component its own id",
			id, len(kinds[id]), strings.Join(kinds[id], ", ")))
	}

	seenCallback := map[string]bool{}
	writer := map[sdk.PropRef]string{}
	for i, cb := range cbs {
		name := fmt.Sprintf("callback %q", cb.ID)
		if cb.ID == "" {
			name = fmt.Sprintf("callback #%d", i+1)
			msgs = append(msgs, name+" has no id; give every callback an id its plugin handles")
		} else if seenCallback[cb.ID] {
			msgs = append(msgs, fmt.Sprintf("callback id %q is declared twice; give each callback its own id", cb.ID))
		}
		seenCallback[cb.ID] = true
		if len(cb.Outputs) == 0 {
			msgs = append(msgs, name+" has no outputs; declare at least one Output it writes")
		}
		if len(cb.Inputs) == 0 {
			msgs = append(msgs, name+" has no inputs, so nothing would fire it after the first call; declare at least one Input")
		}
		check := func(role string, refs []sdk.PropRef) {
			for _, ref := range refs {
				if msg := checkRef(comps, ref); msg != "" {
					msgs = append(msgs, fmt.Sprintf("%s: %s %q %s", name, role, ref, msg))
				}
			}
		}
		check("input", cb.Inputs)
		check("state", cb.State)
		check("output", cb.Outputs)
		declared := map[sdk.PropRef]bool{}
		for _, out := range cb.Outputs {
			if declared[out] {
				msgs = append(msgs, fmt.Sprintf("%s declares output %q twice; list each output once", name, out))
				continue
			}
			declared[out] = true
			if other, taken := writer[out]; taken {
				msgs = append(msgs, fmt.Sprintf("%s: output %q is already set by callback %q; give each output one callback", name, out, other))
				continue
			}
			writer[out] = cb.ID
		}
	}
	return append(msgs, cycles(cbs)...)
}

// checkRef says what is wrong with a reference, or "".
func checkRef(comps map[string]sdk.Component, ref sdk.PropRef) string {
	c, ok := comps[ref.ComponentID]
	if !ok {
		return fmt.Sprintf("names no component: the page has no component with id %q", ref.ComponentID)
	}
	if _, err := component.Prop(c, ref.Property); err == nil {
		return ""
	}
	var has []string
	for _, p := range knownProps {
		if _, err := component.Prop(c, p); err == nil {
			has = append(has, fmt.Sprintf("%q", p))
		}
	}
	if len(has) == 0 {
		return fmt.Sprintf("names a %s, which has no properties callbacks can use", component.TypeName(c))
	}
	return fmt.Sprintf("names a property %s %q does not have; it has %s", component.TypeName(c), ref.ComponentID, strings.Join(has, ", "))
}

// edge is one way a callback's output feeds another's input.
type edge struct {
	to  int
	via sdk.PropRef
}

// inputEdges links each callback to those its outputs fire.
func inputEdges(cbs []sdk.Callback) [][]edge {
	readers := map[sdk.PropRef][]int{}
	for i, cb := range cbs {
		for _, in := range cb.Inputs {
			readers[in] = append(readers[in], i)
		}
	}
	out := make([][]edge, len(cbs))
	for i, cb := range cbs {
		for _, o := range cb.Outputs {
			for _, j := range readers[o] {
				if !slices.ContainsFunc(out[i], func(e edge) bool { return e.to == j }) {
					out[i] = append(out[i], edge{to: j, via: o})
				}
			}
		}
	}
	return out
}

// cycles describes each circular dependency once, naming its path.
func cycles(cbs []sdk.Callback) []string {
	edges := inputEdges(cbs)
	const (
		white = iota
		grey
		black
	)
	color := make([]int, len(cbs))
	var stack []int
	var via []sdk.PropRef // via[k] leads from stack[k] to stack[k+1]
	seen := map[string]bool{}
	var msgs []string
	var visit func(n int)
	visit = func(n int) {
		color[n] = grey
		stack = append(stack, n)
		for _, e := range edges[n] {
			switch color[e.to] {
			case grey:
				start := slices.Index(stack, e.to)
				path := slices.Clone(stack[start:])
				key := cycleKey(path)
				if seen[key] {
					continue
				}
				seen[key] = true
				var b strings.Builder
				b.WriteString("circular dependency: ")
				for k, node := range path {
					out := e.via
					if k+1 < len(path) {
						out = via[start+k]
					}
					if k == 0 {
						fmt.Fprintf(&b, "callback %q writes %q", cbs[node].ID, out)
					} else {
						fmt.Fprintf(&b, ", an input of callback %q, which writes %q", cbs[node].ID, out)
					}
				}
				fmt.Fprintf(&b, ", an input of callback %q; break the cycle so that no callback feeds its own inputs", cbs[e.to].ID)
				msgs = append(msgs, b.String())
			case white:
				via = append(via, e.via)
				visit(e.to)
				via = via[:len(via)-1]
			}
		}
		stack = stack[:len(stack)-1]
		color[n] = black
	}
	for n := range cbs {
		if color[n] == white {
			visit(n)
		}
	}
	return msgs
}

// cycleKey names a cycle whatever node it was entered from.
func cycleKey(path []int) string {
	first := slices.Index(path, slices.Min(path))
	rot := append(slices.Clone(path[first:]), path[:first]...)
	return fmt.Sprint(rot)
}

// bitset is a set of callback indices.
type bitset []uint64

func newBitset(n int) bitset { return make(bitset, (n+63)/64) }
func (b bitset) set(i int)   { b[i/64] |= 1 << (i % 64) }
func (b bitset) clear()      { clear(b) }
func (b bitset) or(o bitset) {
	for i := range b {
		b[i] |= o[i]
	}
}
func (b bitset) meets(o bitset) bool {
	for i := range b {
		if b[i]&o[i] != 0 {
			return true
		}
	}
	return false
}

// ordering returns the callbacks in an order where each comes after those
// that fire it, and for each callback the set of callbacks that must settle
// before it runs: those upstream of its inputs, and the writers of its
// state when that does not make a loop (Dash waits for pending state too,
// so a callback sees fresh values). cbs must have no input cycles.
func ordering(cbs []sdk.Callback) (order []int, before []bitset) {
	n := len(cbs)
	edges := inputEdges(cbs)
	indeg := make([]int, n)
	for _, es := range edges {
		for _, e := range es {
			indeg[e.to]++
		}
	}
	for i := range n {
		if indeg[i] == 0 {
			order = append(order, i)
		}
	}
	for k := 0; k < len(order); k++ {
		for _, e := range edges[order[k]] {
			if indeg[e.to]--; indeg[e.to] == 0 {
				order = append(order, e.to)
			}
		}
	}
	pos := make([]int, n)
	for k, i := range order {
		pos[i] = k
	}
	preds := make([][]int, n)
	for i, es := range edges {
		for _, e := range es {
			preds[e.to] = append(preds[e.to], i)
		}
	}
	writer := map[sdk.PropRef]int{}
	for i, cb := range cbs {
		for _, o := range cb.Outputs {
			writer[o] = i
		}
	}
	for i, cb := range cbs {
		for _, st := range cb.State {
			// Only writers earlier in the order, so waiting never loops.
			if w, ok := writer[st]; ok && pos[w] < pos[i] && !slices.Contains(preds[i], w) {
				preds[i] = append(preds[i], w)
			}
		}
	}
	before = make([]bitset, n)
	for _, i := range order {
		before[i] = newBitset(n)
		for _, p := range preds[i] {
			before[i].set(p)
			before[i].or(before[p])
		}
	}
	return order, before
}
