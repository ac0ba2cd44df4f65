package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/openml-dash/openml-dash/host/session"
	"github.com/openml-dash/openml-dash/internal/component"
	"github.com/openml-dash/openml-dash/sdk"
)

// pageView is the rendered page of one session: its tabs and the
// registry that routes the session's changes to the widgets showing them.
// It is used on the UI goroutine only.
type pageView struct {
	gen uint64 // the UI's open generation this page belongs to
	// askedAt is when the page was asked for, until OnShown reported it.
	askedAt time.Time
	sess    *session.Session
	reg     *registry
	tabs    *container.AppTabs
	// states holds, per tab, what the window's shortcuts act on.
	states []*tabState
	set    func(part int, ref sdk.PropRef, v sdk.Value) // nil: read-only
	open   func(sdk.EntityRef)
}

// tabState is what the window's keyboard shortcuts act on in one tab:
// its table filters (Ctrl+F) and its tables (Ctrl+C copies from the one
// used last).
type tabState struct {
	part      int // the session part the tab belongs to
	filters   []*widget.Entry
	tables    []*tableView
	lastTable *tableView
	charts    []*ChartView
}

// scrolled hides the tab's chart tooltips: the wheel moves a chart under
// a pointer that did not move, and no hover event says so, so a tooltip
// would stay on a point the pointer has left. Charts a callback replaced
// are forgotten here.
func (st *tabState) scrolled() {
	kept := st.charts[:0]
	for _, c := range st.charts {
		if fyne.CurrentApp().Driver().CanvasForObject(c) == nil {
			continue
		}
		c.showTip("", fyne.Position{})
		kept = append(kept, c)
	}
	clear(st.charts[len(kept):])
	st.charts = kept
}

// newPageView renders every tab of sess. set and open are given to the
// renderers (nil for a read-only page).
func newPageView(sess *session.Session, set func(part int, ref sdk.PropRef, v sdk.Value), open func(sdk.EntityRef)) *pageView {
	v := &pageView{sess: sess, reg: newRegistry(), set: set, open: open}
	tabs := readTabs(sess, nil)
	items := make([]*container.TabItem, len(tabs))
	v.states = make([]*tabState, len(tabs))
	for i, t := range tabs {
		items[i], v.states[i] = v.newTab(t, i)
	}
	v.tabs = container.NewAppTabs(items...)
	return v
}

// newTab renders tab t, the i-th of the page.
func (v *pageView) newTab(t session.Tab, i int) (*container.TabItem, *tabState) {
	st := &tabState{part: t.Part}
	e := env{part: t.Part, open: v.open, reg: v.reg, tab: st}
	if v.set != nil {
		part, set := t.Part, v.set
		e.set = func(ref sdk.PropRef, val sdk.Value) { set(part, ref, val) }
	}
	return container.NewTabItem(tabTitle(t, i), tabContent(e, t.Tab.Children)), st
}

// arrived adds the tabs of a part that came after the page opened
// (session.Change.Arrived), after the tabs of the parts before it, and
// keeps the tab the user is on. A part shown already (it arrived before
// the page was drawn) is left as it is.
func (v *pageView) arrived(part int) {
	at := 0
	for _, st := range v.states {
		if st.part == part {
			return
		}
		if st.part < part {
			at++
		}
	}
	var items []*container.TabItem
	var states []*tabState
	ofPart := func(_ int, t session.Tab) bool { return t.Part == part }
	for i, t := range readTabs(v.sess, ofPart) {
		if ofPart(i, t) {
			item, st := v.newTab(t, i)
			items, states = append(items, item), append(states, st)
		}
	}
	if len(items) == 0 {
		return
	}
	shown := v.tabs.Selected()
	v.states = slices.Insert(v.states, at, states...)
	v.tabs.SetItems(slices.Insert(slices.Clone(v.tabs.Items), at, items...))
	if shown != nil && v.tabs.Selected() != shown {
		v.tabs.Select(shown)
	}
}

// readTabs copies the session's tabs with snapshots of their components;
// with keep, only the tabs it keeps are copied, the others left as they
// are (their components live: do not read them). A tab that opens with a
// heading saying the page's title drops it: the window shows the title
// above the tabs already.
func readTabs(sess *session.Session, keep func(i int, t session.Tab) bool) []session.Tab {
	var tabs []session.Tab
	sess.Read(func() {
		tabs = sess.Tabs()
		title := strings.TrimSpace(sess.Title())
		for i := range tabs {
			if keep != nil && !keep(i, tabs[i]) {
				continue
			}
			cs := tabs[i].Tab.Children
			if h, ok := first(cs).(*sdk.Heading); ok && repeatsTitle(h.Text, title) {
				cs = cs[1:]
			}
			tabs[i].Tab.Children = component.CloneAll(cs)
		}
	})
	return tabs
}

func first(cs []sdk.Component) sdk.Component {
	if len(cs) == 0 {
		return nil
	}
	return cs[0]
}

func tabTitle(t session.Tab, i int) string {
	switch {
	case t.Tab.Title != "":
		return t.Tab.Title
	case t.Plugin != "":
		return t.Plugin
	}
	return fmt.Sprintf("Tab %d", i+1)
}

// tabContent lays out a tab's components in a scrolling column. It
// scrolls sideways too: a row wider than the window (a plugin's row of
// controls) scrolls within the tab instead of making the whole window,
// URL bar included, wider than the screen.
func tabContent(e env, children []sdk.Component) fyne.CanvasObject {
	if len(children) == 0 {
		return container.NewCenter(widget.NewLabel("This tab is empty."))
	}
	page := container.NewScroll(nil)
	e.page = page
	if st := e.tab; st != nil {
		page.OnScrolled = func(fyne.Position) { st.scrolled() }
	}
	page.Content = container.NewPadded(container.NewVBox(e.buildAll(children)...))
	return page
}

// apply re-renders what a change wrote: it reads the components named by
// its outputs under the session lock, then updates their widgets.
func (v *pageView) apply(c session.Change) {
	if c.Arrived {
		v.arrived(c.Part)
		return
	}
	var outs []sdk.PropRef
	for _, o := range c.Outputs {
		if !slices.ContainsFunc(outs, func(r sdk.PropRef) bool { return r.ComponentID == o.ComponentID }) {
			outs = append(outs, o)
		}
	}
	snaps := make([]sdk.Component, len(outs))
	v.sess.Read(func() {
		tabs := v.sess.Tabs()
		for i, o := range outs {
			if comp := find(tabs, c.Part, o.ComponentID); comp != nil {
				snaps[i] = component.Clone(comp)
			}
		}
	})
	for i, o := range outs {
		// Look the binding up only now: an earlier output may have rebuilt
		// the slot holding this one.
		if b := v.reg.lookup(c.Part, o.ComponentID); b != nil && snaps[i] != nil {
			b.update(snaps[i])
		}
	}
}

// find returns the first component of part with id, depth first, as the
// session's own index does.
func find(tabs []session.Tab, part int, id string) sdk.Component {
	var found sdk.Component
	for _, t := range tabs {
		if t.Part != part || found != nil {
			continue
		}
		sdk.Walk(t.Tab.Children, func(c sdk.Component) bool {
			if found == nil && c.ComponentID() == id {
				found = c
			}
			return found == nil
		})
	}
	return found
}

// setter sends user input to sess, reporting failures through report.
func setter(ctx context.Context, sess *session.Session, report func(error)) func(int, sdk.PropRef, sdk.Value) {
	return func(part int, ref sdk.PropRef, v sdk.Value) {
		if err := sess.Set(ctx, part, ref, v); err != nil {
			report(err)
		}
	}
}

// repeatsTitle reports whether a heading says the page's title again,
// whole or as its start ("anneal" under "anneal (version 1)").
func repeatsTitle(heading, title string) bool {
	heading = strings.TrimSpace(heading)
	return heading != "" && strings.HasPrefix(title, heading)
}

// withPageNotices puts the page's own notices (sdk.Page.Notice), if any,
// once above o, the tabs or one tab's content.
func withPageNotices(sess *session.Session, o fyne.CanvasObject) fyne.CanvasObject {
	ns := sess.Notices()
	if len(ns) == 0 {
		return o
	}
	top := container.NewVBox()
	for _, n := range ns {
		top.Add(container.NewPadded(newNotice(n)))
	}
	return container.NewBorder(top, nil, nil, nil, o)
}
