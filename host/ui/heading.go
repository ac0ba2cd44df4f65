package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/openml-dash/openml-dash/sdk"
)

// newHeading renders a Heading: level 1 in the theme's heading size, level
// 2 as a sub-heading, deeper levels as bold body text.
func newHeading(h *sdk.Heading) fyne.CanvasObject {
	style := widget.RichTextStyleStrong
	switch {
	case h.Level <= 1:
		style = widget.RichTextStyleHeading
	case h.Level == 2:
		style = widget.RichTextStyleSubHeading
	}
	t := widget.NewRichText(&widget.TextSegment{Text: h.Text, Style: style})
	t.Wrapping = fyne.TextWrapWord
	return t
}
