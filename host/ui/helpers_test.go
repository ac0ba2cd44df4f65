package ui_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/session"
	"github.com/openml-dash/openml-dash/host/ui"
	"github.com/openml-dash/openml-dash/sdk"
)

var update = flag.Bool("update", false, "rewrite the markup goldens in testdata/")

// assertMarkup compares the canvas with testdata/name, rewriting it first
// with -update.
func assertMarkup(t *testing.T, name string, c fyne.Canvas) {
	t.Helper()
	if *update {
		path := filepath.Join("testdata", name)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(test.RenderToMarkup(c)), 0o644))
	}
	test.AssertRendersToMarkup(t, name, c)
}

// show puts o in a test window of the given size and returns the window.
func show(t *testing.T, o fyne.CanvasObject, w, h float32) fyne.Window {
	t.Helper()
	win := test.NewTempWindow(t, o)
	win.Resize(fyne.NewSize(w, h))
	win.Canvas().Capture() // paint: charts are drawn when painted
	return win
}

// all lists the objects of type T drawn under o, through widget renderers.
func all[T fyne.CanvasObject](o fyne.CanvasObject) []T {
	var out []T
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		if x, ok := o.(T); ok {
			out = append(out, x)
		}
		switch c := o.(type) {
		case *fyne.Container:
			for _, child := range c.Objects {
				walk(child)
			}
		case fyne.Widget:
			for _, child := range test.WidgetRenderer(c).Objects() {
				walk(child)
			}
		}
	}
	walk(o)
	return out
}

// one is the single object of type T under o.
func one[T fyne.CanvasObject](t *testing.T, o fyne.CanvasObject) T {
	t.Helper()
	found := all[T](o)
	require.Len(t, found, 1, "want exactly one %T", *new(T))
	return found[0]
}

// texts lists the text of every label, rich text and hyperlink under o,
// in drawing order.
func texts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch c := o.(type) {
		case *widget.Label:
			out = append(out, c.Text)
		case *widget.Hyperlink:
			out = append(out, c.Text)
		case *widget.RichText:
			out = append(out, c.String())
		case *fyne.Container:
			for _, child := range c.Objects {
				walk(child)
			}
		case fyne.Widget:
			for _, child := range test.WidgetRenderer(c).Objects() {
				walk(child)
			}
		}
	}
	walk(o)
	return out
}

// recorder records what renderers send to the session.
type recorder struct {
	mu   sync.Mutex
	sets []set
}

type set struct {
	Ref   sdk.PropRef
	Value sdk.Value
}

func (r *recorder) set(ref sdk.PropRef, v sdk.Value) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sets = append(r.sets, set{ref, v})
}

func (r *recorder) all() []set {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]set(nil), r.sets...)
}

// of is what was set of property prop, in order.
func (r *recorder) of(prop string) []set {
	var out []set
	for _, s := range r.all() {
		if s.Ref.Property == prop {
			out = append(out, s)
		}
	}
	return out
}

// fakeOpener makes sessions from pages in memory.
type fakeOpener struct {
	mu     sync.Mutex
	opened []sdk.EntityRef
	// open builds the parts of ref's page; an error fails the open.
	open func(ref sdk.EntityRef) ([]session.Part, error)
}

func (o *fakeOpener) Open(_ context.Context, ref sdk.EntityRef, onChange func(session.Change)) (*session.Session, error) {
	o.mu.Lock()
	o.opened = append(o.opened, ref)
	o.mu.Unlock()
	parts, err := o.open(ref)
	if err != nil {
		return nil, err
	}
	return session.New(ref, parts, session.Options{OnChange: onChange}), nil
}

func (o *fakeOpener) refs() []sdk.EntityRef {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]sdk.EntityRef(nil), o.opened...)
}

// page is a one-part page served by caller.
func page(p *sdk.Page, caller session.CallerFunc) []session.Part {
	return []session.Part{{Plugin: "fake", Page: p, Caller: caller}}
}

// newUI opens a window with the UI over opener.
func newUI(t *testing.T, opener ui.Opener) (*ui.UI, fyne.Window) {
	t.Helper()
	w := test.NewTempWindow(t, widget.NewLabel(""))
	u := ui.New(w, opener, ui.Options{})
	w.Resize(fyne.NewSize(900, 700))
	return u, w
}

// wait waits for the UI's page and its callbacks.
func wait(t *testing.T, u *ui.UI) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := u.Wait(ctx)
	require.NoError(t, err)
}

func ref(kind sdk.Kind, id int64) sdk.EntityRef {
	return sdk.EntityRef{Server: sdk.DefaultServer, Kind: kind, ID: id}
}
