package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/openml-dash/openml-dash/sdk"
)

// buttonView renders a Button; each tap counts a click (Dash's n_clicks).
type buttonView struct {
	button  *widget.Button
	nClicks int64
}

func newButton(e env, b *sdk.Button) fyne.CanvasObject {
	v := &buttonView{nClicks: b.NClicks}
	v.button = widget.NewButton(b.Label, func() {
		v.nClicks++
		e.emit(b.ID, sdk.PropNClicks, sdk.IntValue(v.nClicks))
	})
	setDisabled(v.button, b.Disabled)
	e.bind(b.ID, v)
	return v.button
}

func (v *buttonView) update(c sdk.Component) {
	if b, ok := c.(*sdk.Button); ok {
		v.nClicks = b.NClicks
		setDisabled(v.button, b.Disabled)
	}
}
