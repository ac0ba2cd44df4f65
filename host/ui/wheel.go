package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

var _ fyne.Scrollable = (*wheelRelay)(nil)

// wheelRelay lies over a widget that scrolls inside the page (a table, a
// long list of check boxes) and shares the mouse wheel between the two:
// the inner one scrolls while it can, then the page does. Fyne gives a
// wheel event only to the innermost scroller under the pointer, so without
// it the page cannot be scrolled past a table with the wheel. The relay
// must take no clicks, hovers or drags, so that they reach the widget
// under it: Fyne gives a click to the topmost object that takes any kind
// of tap, so a relay that took right clicks ate every left click on the
// table it covered (in the real window; the test driver taps widgets
// directly).
type wheelRelay struct {
	widget.BaseWidget
	inner func() *container.Scroll
	page  func() *container.Scroll
}

func newWheelRelay(e env, inner func() *container.Scroll) *wheelRelay {
	r := &wheelRelay{inner: inner, page: e.pageScroll}
	r.ExtendBaseWidget(r)
	return r
}

func (r *wheelRelay) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(&fyne.Container{})
}

// MinSize is zero: the relay takes the size of what it lies over.
func (r *wheelRelay) MinSize() fyne.Size { return fyne.Size{} }

// Scrolled is called by Fyne for a wheel or touchpad scroll over the relay.
func (r *wheelRelay) Scrolled(ev *fyne.ScrollEvent) {
	var inner, page *container.Scroll
	if r.inner != nil {
		inner = r.inner()
	}
	if r.page != nil {
		page = r.page()
	}
	if inner != nil && (page == nil || ev.Scrolled.DY == 0 || canScroll(inner, ev.Scrolled.DY)) {
		inner.Scrolled(ev)
		return
	}
	if page != nil {
		page.Scrolled(ev)
	}
}

// canScroll reports whether s can move its content by dy (negative: the
// content moves up, showing what is below).
func canScroll(s *container.Scroll, dy float32) bool {
	if s.Direction == container.ScrollNone || s.Direction == container.ScrollHorizontalOnly {
		return false
	}
	over := s.Content.Size().Height - s.Size().Height
	if over <= 0.5 {
		return false
	}
	if dy < 0 {
		return s.Offset.Y < over-0.5
	}
	return s.Offset.Y > 0.5
}
