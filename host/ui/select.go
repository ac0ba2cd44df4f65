package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/openml-dash/openml-dash/sdk"
)

// maxInlineChecks is how many check boxes a multi-select or checklist shows
// before scrolling.
const maxInlineChecks = 8

// selectView renders a Select: a drop-down, or check boxes when Multi.
type selectView struct {
	opts   options
	multi  bool
	drop   *widget.Select
	pick   *picker // instead of drop for a long list
	checks *widget.CheckGroup
	quiet  quiet
}

func newSelect(e env, s *sdk.Select) fyne.CanvasObject {
	v := &selectView{opts: newOptions(s.Options), multi: s.Multi}
	var w fyne.CanvasObject
	if s.Multi {
		v.checks = widget.NewCheckGroup(v.opts.labels, func(labels []string) {
			if !v.quiet {
				e.emit(s.ID, sdk.PropValue, sdk.StrsValue(v.opts.values(labels)))
			}
		})
		w = scrollChecks(e, v.checks, len(v.opts.labels))
	} else {
		changed := func(label string) {
			if !v.quiet {
				e.emit(s.ID, sdk.PropValue, sdk.StrValue(v.opts.value[label]))
			}
		}
		if len(v.opts.labels) >= searchableOptions {
			v.pick = newPicker(v.opts.labels, changed)
			w = v.pick
		} else {
			v.drop = widget.NewSelect(v.opts.labels, changed)
			v.drop.PlaceHolder = "(choose one)"
			w = v.drop
		}
		// As wide as the longest label, so that short names are not cut.
		w = container.New(&labelsWidth{labels: v.opts.labels}, w)
	}
	v.update(s)
	e.bind(s.ID, v)
	return labelled(s.Label, w, s.Multi)
}

func (v *selectView) update(c sdk.Component) {
	s, ok := c.(*sdk.Select)
	if !ok {
		return
	}
	v.quiet.do(func() {
		if v.multi {
			v.checks.SetSelected(v.opts.labelsFor(s.Values))
			setDisabled(v.checks, s.Disabled)
			return
		}
		label := ""
		if labels := v.opts.labelsFor(s.Values); len(labels) > 0 {
			label = labels[0]
		}
		switch {
		case v.pick != nil:
			v.pick.setQuietly(label)
		case label == "":
			v.drop.ClearSelected()
		default:
			v.drop.SetSelected(label)
		}
		switch {
		case v.pick != nil:
			setDisabled(v.pick, s.Disabled)
		case v.drop != nil:
			setDisabled(v.drop, s.Disabled)
		}
	})
}

// scrollChecks keeps a long list of check boxes from taking the whole page.
func scrollChecks(e env, g *widget.CheckGroup, n int) fyne.CanvasObject {
	if n <= maxInlineChecks {
		return g
	}
	row := widget.NewCheck("Xg", nil).MinSize().Height
	s := container.NewVScroll(g)
	return container.New(minHeight(row*maxInlineChecks), s, newWheelRelay(e, func() *container.Scroll { return s }))
}

// minHeight is a layout that stacks its objects and asks for at least h of
// height, for scrolling widgets whose own minimum is tiny.
type minHeight float32

func (h minHeight) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := layout.NewStackLayout().MinSize(objs)
	return fyne.NewSize(s.Width, max(s.Height, float32(h)))
}

func (h minHeight) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	layout.NewStackLayout().Layout(objs, size)
}
