package ui

import (
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/openml-dash/openml-dash/sdk"
)

// newLink renders a Link as a hyperlink that opens the linked entity's
// page in the same window instead of a browser.
func newLink(e env, l *sdk.Link) fyne.CanvasObject {
	return newEntityLink(e, l.Text, l.Ref)
}

func newEntityLink(e env, text string, ref sdk.EntityRef) *widget.Hyperlink {
	if text == "" {
		text = ref.String()
	}
	u, _ := url.Parse(ref.URL()) // shown on hover; nil is fine
	h := widget.NewHyperlink(text, u)
	h.OnTapped = func() {
		if e.open != nil {
			e.open(ref)
		}
	}
	return h
}
