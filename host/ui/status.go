package ui

import (
	"fmt"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Progress is long work the status line shows, such as a download.
type Progress struct {
	Label string
	// Done of Total; Total -1 when unknown. Done == Total means finished.
	Done, Total int64
}

// statusLine is the bottom line of the window: what is loading, a progress
// bar, how many callbacks run, and the last error.
type statusLine struct {
	activity *widget.Label
	progress *widget.ProgressBar
	bar      *fyne.Container
	busy     *widget.Label
	err      *widget.Label
	box      fyne.CanvasObject

	shownBusy atomic.Int64 // the count busy shows, for the poller

	last   Progress // the last report shown, and when
	lastAt time.Time
}

// staleWindow is how soon after a report one of the same work that is
// less far along counts as overtaken: a plugin's parallel workers report
// as they finish, and their reports may arrive out of order, so "2 of 3"
// can come after "3 of 3" and would leave the bar up.
const staleWindow = 500 * time.Millisecond

func newStatusLine() *statusLine {
	s := &statusLine{
		activity: widget.NewLabel(""),
		progress: widget.NewProgressBar(),
		busy:     widget.NewLabel(""),
		err:      widget.NewLabel(""),
	}
	s.activity.Truncation = fyne.TextTruncateEllipsis
	s.err.Importance = widget.DangerImportance
	s.err.Truncation = fyne.TextTruncateEllipsis
	s.bar = container.NewGridWrap(fyne.NewSize(160, s.progress.MinSize().Height), s.progress)
	s.bar.Hide()
	s.busy.Hide()
	s.box = container.NewBorder(nil, nil, nil, container.NewHBox(s.bar, s.busy),
		container.NewGridWithColumns(2, s.activity, s.err))
	return s
}

func (s *statusLine) setActivity(text string) { s.activity.SetText(text) }

// setError shows the last error; "" clears it.
func (s *statusLine) setError(text string) { s.err.SetText(text) }

func (s *statusLine) setBusy(n int) {
	s.shownBusy.Store(int64(n))
	switch n {
	case 0:
		s.busy.Hide()
		return
	case 1: // a callback, or a plugin still building its part (session.Busy)
		s.busy.SetText("1 part still loading")
	default:
		s.busy.SetText(fmt.Sprintf("%d parts still loading", n))
	}
	s.busy.Show()
}

func (s *statusLine) setProgress(p Progress) {
	if p.Label == s.last.Label && p.Total == s.last.Total && p.Done < s.last.Done && time.Since(s.lastAt) < staleWindow {
		return
	}
	s.last, s.lastAt = p, time.Now()
	running := p.Done != p.Total
	if running && p.Total > 0 {
		s.progress.SetValue(float64(p.Done) / float64(p.Total))
		s.bar.Show()
	} else {
		s.bar.Hide()
	}
	switch {
	case !running:
		s.activity.SetText("")
	case p.Total > 0:
		s.activity.SetText(p.Label)
	default:
		s.activity.SetText(p.Label + "…")
	}
}
