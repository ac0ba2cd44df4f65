package ui

import (
	"slices"

	"fyne.io/fyne/v2"

	"github.com/openml-dash/openml-dash/host/route"
	"github.com/openml-dash/openml-dash/sdk"
)

// Preference keys.
const (
	prefBack     = "history.back"
	prefRecent   = "history.recent"
	prefLast     = "history.last"
	prefWidth    = "window.width"
	prefHeight   = "window.height"
	prefVariant  = "theme.variant"
	prefTextSize = "theme.textScale"
)

const (
	// maxBack is how many pages Back can return to.
	maxBack = 50
	// maxRecent is how many pages the History menu lists.
	maxRecent = 15
)

// history is the window's navigation: the pages Back and Forward return
// to, and the pages opened lately, kept in prefs (when not nil) so that
// they survive a restart. Pages are kept as their URLs, which route.Parse
// reads back. UI goroutine only.
type history struct {
	prefs    fyne.Preferences
	back     []sdk.EntityRef // oldest first
	forward  []sdk.EntityRef // nearest last
	recent   []string        // newest first
	lastPage string
}

func newHistory(prefs fyne.Preferences) *history {
	h := &history{prefs: prefs}
	if prefs == nil {
		return h
	}
	for _, s := range prefs.StringList(prefBack) {
		if ref, err := route.Parse(s); err == nil {
			h.back = append(h.back, ref)
		}
	}
	h.recent = prefs.StringList(prefRecent)
	h.lastPage = prefs.String(prefLast)
	return h
}

// visit records cur as the page left for a new one: Back returns to it,
// and what Forward held is dropped, as in a browser.
func (h *history) visit(cur sdk.EntityRef) {
	h.back = append(h.back, cur)
	if len(h.back) > maxBack {
		h.back = slices.Delete(h.back, 0, len(h.back)-maxBack)
	}
	h.forward = nil
	h.saveBack()
}

// goBack returns the page before cur, which Forward will return to.
func (h *history) goBack(cur sdk.EntityRef) (sdk.EntityRef, bool) {
	return h.move(&h.back, &h.forward, cur)
}

// goForward returns the page Back left, putting cur back on Back.
func (h *history) goForward(cur sdk.EntityRef) (sdk.EntityRef, bool) {
	return h.move(&h.forward, &h.back, cur)
}

// move takes the nearest page off from and puts cur on to.
func (h *history) move(from, to *[]sdk.EntityRef, cur sdk.EntityRef) (sdk.EntityRef, bool) {
	n := len(*from)
	if n == 0 {
		return sdk.EntityRef{}, false
	}
	ref := (*from)[n-1]
	*from = (*from)[:n-1]
	*to = append(*to, cur)
	h.saveBack()
	return ref, true
}

func (h *history) canBack() bool    { return len(h.back) > 0 }
func (h *history) canForward() bool { return len(h.forward) > 0 }

// opened records a page that opened: it becomes the page the app reopens
// and the first of the recent ones.
func (h *history) opened(ref sdk.EntityRef) {
	u := ref.URL()
	h.lastPage = u
	h.recent = slices.DeleteFunc(h.recent, func(s string) bool { return s == u })
	h.recent = slices.Insert(h.recent, 0, u)
	if len(h.recent) > maxRecent {
		h.recent = h.recent[:maxRecent]
	}
	if h.prefs != nil {
		h.prefs.SetString(prefLast, u)
		h.prefs.SetStringList(prefRecent, h.recent)
	}
}

// last is the page open when the app last closed, "" for none.
func (h *history) last() string { return h.lastPage }

func (h *history) saveBack() {
	if h.prefs == nil {
		return
	}
	urls := make([]string, len(h.back))
	for i, r := range h.back {
		urls[i] = r.URL()
	}
	h.prefs.SetStringList(prefBack, urls)
}

// windowSize is the size the window had when the app last closed.
func (h *history) windowSize() (fyne.Size, bool) {
	if h.prefs == nil {
		return fyne.Size{}, false
	}
	w, ht := h.prefs.Float(prefWidth), h.prefs.Float(prefHeight)
	if w < 200 || ht < 150 {
		return fyne.Size{}, false
	}
	return fyne.NewSize(float32(w), float32(ht)), true
}

func (h *history) setWindowSize(s fyne.Size) {
	if h.prefs != nil && s.Width >= 200 && s.Height >= 150 {
		h.prefs.SetFloat(prefWidth, float64(s.Width))
		h.prefs.SetFloat(prefHeight, float64(s.Height))
	}
}
