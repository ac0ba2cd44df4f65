package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/openml-dash/openml-dash/sdk"
)

// newText renders a Text's markdown, wrapping at word boundaries.
func newText(t *sdk.Text) fyne.CanvasObject {
	rt := widget.NewRichTextFromMarkdown(t.Markdown)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}
