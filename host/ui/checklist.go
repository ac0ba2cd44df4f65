package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/openml-dash/openml-dash/sdk"
)

// checklistView renders a Checklist as a CheckGroup.
type checklistView struct {
	opts  options
	group *widget.CheckGroup
	quiet quiet
}

func newChecklist(e env, c *sdk.Checklist) fyne.CanvasObject {
	v := &checklistView{opts: newOptions(c.Options)}
	v.group = widget.NewCheckGroup(v.opts.labels, func(labels []string) {
		if !v.quiet {
			e.emit(c.ID, sdk.PropValue, sdk.StrsValue(v.opts.values(labels)))
		}
	})
	v.update(c)
	e.bind(c.ID, v)
	return labelled(c.Label, scrollChecks(e, v.group, len(v.opts.labels)), true)
}

func (v *checklistView) update(c sdk.Component) {
	cl, ok := c.(*sdk.Checklist)
	if !ok {
		return
	}
	v.quiet.do(func() { v.group.SetSelected(v.opts.labelsFor(cl.Values)) })
	setDisabled(v.group, cl.Disabled)
}
