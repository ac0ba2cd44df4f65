package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"github.com/openml-dash/openml-dash/sdk"
)

// newContainer renders a Container: a column as a VBox, a row as an HBox,
// a grid with GridColumns columns (2 when unset). A Container's children
// can be a callback output like a Slot's, so it rebuilds the same way.
func newContainer(e env, c *sdk.Container) fyne.CanvasObject {
	box := layoutFor(c.Direction, c.GridColumns)
	if c.ID == "" {
		box.Objects = buildIn(e, c.Direction, c.Children)
		return box
	}
	// Rebuilding children must drop their bindings, as a Slot does.
	v := &slotView{box: box, dir: c.Direction, parent: e.slot}
	inner := e
	inner.slot = v
	v.env = inner
	box.Objects = buildIn(inner, c.Direction, c.Children)
	e.bind(c.ID, v)
	return box
}

// buildIn renders children for a box of direction d. In a row each child
// keeps its own height, top-aligned, instead of stretching to the
// tallest.
func buildIn(e env, d sdk.Direction, children []sdk.Component) []fyne.CanvasObject {
	objs := e.buildAll(children)
	if d == sdk.RowDirection {
		for i, o := range objs {
			objs[i] = container.NewVBox(o)
		}
	}
	return objs
}

func layoutFor(d sdk.Direction, cols int) *fyne.Container {
	switch d {
	case sdk.RowDirection:
		return container.NewHBox()
	case sdk.GridDirection:
		if cols <= 0 {
			cols = 2
		}
		return container.NewGridWithColumns(cols)
	}
	return container.NewVBox()
}
