package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/openml-dash/openml-dash/sdk"
)

// options maps between the labels Fyne widgets show and the values the
// session sees.
type options struct {
	labels  []string
	value   map[string]string // label -> value
	labelOf map[string]string // value -> label
}

func newOptions(opts []sdk.Option) options {
	o := options{value: map[string]string{}, labelOf: map[string]string{}}
	for _, op := range opts {
		label := op.Label
		if label == "" {
			label = op.Value
		}
		if _, dup := o.value[label]; dup {
			continue // Fyne cannot tell two equal labels apart
		}
		o.labels = append(o.labels, label)
		o.value[label] = op.Value
		o.labelOf[op.Value] = label
	}
	return o
}

func (o options) values(labels []string) []string {
	out := make([]string, 0, len(labels))
	for _, l := range labels {
		if v, ok := o.value[l]; ok {
			out = append(out, v)
		}
	}
	return out
}

func (o options) labelsFor(values []string) []string {
	out := make([]string, 0, len(values))
	for _, v := range values {
		if l, ok := o.labelOf[v]; ok {
			out = append(out, l)
		}
	}
	return out
}

// labelled puts a component's label before or above its widget.
func labelled(label string, w fyne.CanvasObject, above bool) fyne.CanvasObject {
	if label == "" {
		return w
	}
	l := widget.NewLabelWithStyle(label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	if above {
		return container.NewVBox(l, w)
	}
	return container.NewBorder(nil, nil, l, nil, w)
}

// quiet guards a widget's change handler against programmatic updates:
// while set, a change comes from the session and must not go back to it.
type quiet bool

func (q *quiet) do(fn func()) {
	*q = true
	defer func() { *q = false }()
	fn()
}

// setDisabled greys a control out, or back in, as the component says.
func setDisabled(w fyne.Disableable, off bool) {
	if off == w.Disabled() {
		return
	}
	if off {
		w.Disable()
	} else {
		w.Enable()
	}
}
