package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/openml-dash/openml-dash/sdk"
)

// radioView renders a Radio as a RadioGroup, horizontal when short.
type radioView struct {
	opts  options
	group *widget.RadioGroup
	quiet quiet
}

func newRadio(e env, r *sdk.Radio) fyne.CanvasObject {
	v := &radioView{opts: newOptions(r.Options)}
	v.group = widget.NewRadioGroup(v.opts.labels, func(label string) {
		if v.quiet {
			return
		}
		val := sdk.None
		if label != "" {
			val = sdk.StrValue(v.opts.value[label])
		}
		e.emit(r.ID, sdk.PropValue, val)
	})
	v.group.Horizontal = len(v.opts.labels) <= 4
	v.update(r)
	e.bind(r.ID, v)
	return labelled(r.Label, v.group, true)
}

func (v *radioView) update(c sdk.Component) {
	r, ok := c.(*sdk.Radio)
	if !ok {
		return
	}
	v.quiet.do(func() { v.group.SetSelected(v.opts.labelOf[r.Value]) })
	setDisabled(v.group, r.Disabled)
}
