package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/openml-dash/openml-dash/host/chart"
	"github.com/openml-dash/openml-dash/sdk"
)

// env is what a renderer needs from the page its component belongs to.
// Renderers get snapshots (copies taken under the session lock), never
// the session's live components, so they can build widgets unlocked.
type env struct {
	part int
	// set reports a user's input to the session; nil when the page is
	// read-only (headless render).
	set func(ref sdk.PropRef, v sdk.Value)
	// open opens a linked entity's page; nil leaves links inert.
	open func(sdk.EntityRef)
	reg  *registry
	// slot is the innermost Slot being built, so a slot's rebuild can drop
	// the bindings of what it replaced.
	slot *slotView
	// page is the tab's scroll container, which wheelRelays hand the wheel
	// to once what they lie over cannot scroll further; nil outside a tab.
	page *container.Scroll
	// tab collects the tab's tables and filters for the window's
	// shortcuts; nil outside a window's tab.
	tab *tabState
}

func (e env) pageScroll() *container.Scroll { return e.page }

// pageHeight is the height of the tab's visible area, 0 outside a tab.
func (e env) pageHeight() float32 {
	if e.page == nil {
		return 0
	}
	return e.page.Size().Height
}

// binding is a rendered component that follows later changes to its
// component: update receives a fresh snapshot and must not fire
// session.Set, since the change came from the session.
type binding interface {
	update(c sdk.Component)
}

type compKey struct {
	part int
	id   string
}

type regEntry struct {
	b    binding
	slot *slotView // innermost slot the component sits in, nil at tab level
}

// registry finds the rendered component a Change names, by part and id.
type registry struct {
	m map[compKey]regEntry
}

func newRegistry() *registry { return &registry{m: map[compKey]regEntry{}} }

func (e env) bind(id string, b binding) {
	if id == "" || e.reg == nil {
		return
	}
	e.reg.m[compKey{e.part, id}] = regEntry{b: b, slot: e.slot}
}

func (r *registry) lookup(part int, id string) binding {
	if r == nil {
		return nil
	}
	return r.m[compKey{part, id}].b
}

// dropInside forgets every binding inside slot s, at any depth.
func (r *registry) dropInside(s *slotView) {
	for k, e := range r.m {
		for p := e.slot; p != nil; p = p.parent {
			if p == s {
				delete(r.m, k)
				break
			}
		}
	}
}

// emit sends a user's input for the component id, if it has one and the
// page takes input.
func (e env) emit(id, prop string, v sdk.Value) {
	if id == "" || e.set == nil {
		return
	}
	e.set(sdk.PropRef{ComponentID: id, Property: prop}, v)
}

// build renders one component snapshot.
func (e env) build(c sdk.Component) fyne.CanvasObject {
	switch c := c.(type) {
	case *sdk.Heading:
		return newHeading(c)
	case *sdk.Text:
		return newText(c)
	case *sdk.Notice:
		return newNotice(c)
	case *sdk.Link:
		return newLink(e, c)
	case *sdk.Container:
		return newContainer(e, c)
	case *sdk.Slot:
		return newSlot(e, c)
	case *sdk.Select:
		return newSelect(e, c)
	case *sdk.Radio:
		return newRadio(e, c)
	case *sdk.Checklist:
		return newChecklist(e, c)
	case *sdk.Button:
		return newButton(e, c)
	case *sdk.Table:
		return newTable(e, c)
	case *sdk.Chart:
		v := NewChartView(c)
		v.open = e.open
		v.fitHeight = e.pageHeight
		if e.tab != nil {
			e.tab.charts = append(e.tab.charts, v)
		}
		v.onClick = func(h chart.Hit) {
			e.emit(c.ID, sdk.PropClickData, sdk.IntsValue([]int64{int64(h.Series), int64(h.Index)}))
		}
		v.onSelect = func(hs []chart.Hit) {
			pairs := make([]int64, 0, 2*len(hs))
			for _, h := range hs {
				pairs = append(pairs, int64(h.Series), int64(h.Index))
			}
			e.emit(c.ID, sdk.PropSelectedData, sdk.IntsValue(pairs))
		}
		return v
	case nil:
		return widget.NewLabel("")
	}
	// A component kind newer than this host: say so rather than fail.
	return newNotice(&sdk.Notice{
		Level:   sdk.Warning,
		Summary: "This part of the page cannot be shown",
		Detail:  fmt.Sprintf("The plugin sent a %T, which this version of openml-dash does not know; update openml-dash.", c),
	})
}

func (e env) buildAll(cs []sdk.Component) []fyne.CanvasObject {
	out := make([]fyne.CanvasObject, 0, len(cs))
	for _, c := range cs {
		out = append(out, e.build(c))
	}
	return out
}
