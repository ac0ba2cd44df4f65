package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// sizeSaveDelay is how long the window keeps a new size before it is
// remembered: a drag resizes it many times a second.
const sizeSaveDelay = 500 * time.Millisecond

// resizeWatch is a layout that reports each new size of the container it
// lays out, then lays it out as its inner layout does. On the window's
// root it tells the window's size as the user changes it, which Fyne has
// no event for.
type resizeWatch struct {
	inner    fyne.Layout
	onResize func(fyne.Size)
	last     fyne.Size
}

func (w *resizeWatch) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if size != w.last {
		w.last = size
		w.onResize(size)
	}
	w.inner.Layout(objs, size)
}

func (w *resizeWatch) MinSize(objs []fyne.CanvasObject) fyne.Size { return w.inner.MinSize(objs) }

// sizeSaver remembers the window's size a moment after it last changed,
// so that a size is kept even if the app is then killed or its
// preferences are not written on the way out.
type sizeSaver struct {
	save  func() // on the UI goroutine
	mu    sync.Mutex
	timer *time.Timer
}

func (s *sizeSaver) changed(fyne.Size) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.timer != nil {
		s.timer.Stop()
	}
	s.timer = time.AfterFunc(sizeSaveDelay, func() { fyne.Do(s.save) })
}
