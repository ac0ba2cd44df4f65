package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"github.com/openml-dash/openml-dash/sdk"
)

// slotView is a rendered Slot (or Container with an id): a box whose
// content is rebuilt when a callback replaces its children.
type slotView struct {
	box    *fyne.Container
	dir    sdk.Direction // of the box (column for a Slot)
	env    env           // env for the children, with slot set to this view
	parent *slotView
}

func newSlot(e env, s *sdk.Slot) fyne.CanvasObject {
	v := &slotView{box: container.NewVBox(), parent: e.slot}
	inner := e
	inner.slot = v
	v.env = inner
	v.box.Objects = inner.buildAll(s.Children)
	e.bind(s.ID, v)
	return v.box
}

// update replaces the content with the snapshot's children.
func (v *slotView) update(c sdk.Component) {
	if v.env.reg != nil {
		v.env.reg.dropInside(v)
	}
	v.box.Objects = buildIn(v.env, v.dir, sdk.Children(c))
	v.box.Refresh()
}
