package ui

import (
	"image"
	"sync"
	"time"

	"fyne.io/fyne/v2/canvas"
)

// paintProbe tells when the window has drawn a change: an invisible
// raster that the driver asks for its pixels only when it paints a frame
// after the raster was refreshed. Arm it, in the same UI turn as the
// change, with what to call once that frame is painted.
type paintProbe struct {
	r  *canvas.Raster
	mu sync.Mutex
	fn func()
}

func newPaintProbe() *paintProbe {
	p := &paintProbe{}
	p.r = canvas.NewRaster(func(w, h int) image.Image {
		p.mu.Lock()
		fn := p.fn
		p.fn = nil
		p.mu.Unlock()
		if fn != nil {
			fn()
		}
		return image.NewNRGBA(image.Rect(0, 0, 1, 1)) // transparent; stretched, still transparent
	})
	return p
}

// arm calls fn (on the painting goroutine) once the next frame is drawn.
// UI goroutine only.
func (p *paintProbe) arm(fn func()) {
	p.mu.Lock()
	p.fn = fn
	p.mu.Unlock()
	p.r.Refresh()
}

// checkShown arms the paint probe once the first tab (the one a page
// opens on) has no callback left to run: the frame that then shows it is
// what the user waited for. The other tabs may still be loading. Called
// when a page is shown and after each change. UI goroutine only.
func (u *UI) checkShown(v *pageView) {
	if u.opts.OnShown == nil || v.askedAt.IsZero() || v.sess.TabBusy(0) {
		return
	}
	ref, asked := v.sess.Ref(), v.askedAt
	v.askedAt = time.Time{}
	u.probe.arm(func() { u.opts.OnShown(ref, time.Since(asked)) })
}
