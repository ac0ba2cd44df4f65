package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

const (
	// searchableOptions is the length from which a drop-down filters its
	// options as the user types.
	searchableOptions = 13
	// pickerRows is how many options the picker's list shows at once.
	pickerRows = 10
	// maxSelectWidth caps a drop-down's width: longer labels are cut with
	// "…" and show whole in the list.
	maxSelectWidth = 360
)

var (
	_ fyne.Tappable    = (*picker)(nil)
	_ fyne.Disableable = (*picker)(nil)
)

// picker is a drop-down for a long list of options: tapping it opens a
// list under a filter field that has the focus, so typing part of a name
// narrows the list; Enter takes the first match, a tap any of them.
type picker struct {
	widget.BaseWidget
	labels    []string
	selected  string
	onChanged func(string)
	text      *widget.Label
	popUp     *widget.PopUp
	disabled  bool
}

// Disabled reports whether the picker is greyed out.
func (p *picker) Disabled() bool { return p.disabled }

// Disable greys the picker out: taps do nothing.
func (p *picker) Disable() {
	p.disabled = true
	p.text.Importance = widget.LowImportance
	p.text.Refresh()
}

// Enable makes the picker take taps again.
func (p *picker) Enable() {
	p.disabled = false
	p.text.Importance = widget.MediumImportance
	p.text.Refresh()
}

func newPicker(labels []string, onChanged func(string)) *picker {
	p := &picker{labels: labels, onChanged: onChanged, text: widget.NewLabel("")}
	p.text.Truncation = fyne.TextTruncateEllipsis
	p.ExtendBaseWidget(p)
	p.show()
	return p
}

func (p *picker) CreateRenderer() fyne.WidgetRenderer {
	bg := newTintRect(theme.ColorNameInputBackground, 0xff)
	icon := widget.NewIcon(theme.MenuDropDownIcon())
	return widget.NewSimpleRenderer(container.NewStack(bg, container.NewBorder(nil, nil, nil, icon, p.text)))
}

// Tapped opens the list, as a tap on the button does.
func (p *picker) Tapped(*fyne.PointEvent) { p.open() }

// SetSelected shows label as chosen and reports it, as a user's pick.
func (p *picker) SetSelected(label string) {
	p.selected = label
	p.show()
	if p.onChanged != nil {
		p.onChanged(label)
	}
}

// setQuietly shows label as chosen without reporting it.
func (p *picker) setQuietly(label string) {
	p.selected = label
	p.show()
}

func (p *picker) show() {
	text := p.selected
	if text == "" {
		text = "(choose one)"
	}
	p.text.SetText(text)
}

// filterLabels are the labels containing q, case-insensitively.
func filterLabels(labels []string, q string) []string {
	q = strings.ToLower(strings.TrimSpace(q))
	if q == "" {
		return labels
	}
	var out []string
	for _, l := range labels {
		if strings.Contains(strings.ToLower(l), q) {
			out = append(out, l)
		}
	}
	return out
}

// open shows the filter field and the list under the picker.
func (p *picker) open() {
	c := fyne.CurrentApp().Driver().CanvasForObject(p)
	if c == nil || p.disabled {
		return
	}
	shown := p.labels
	list := widget.NewList(
		func() int { return len(shown) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(shown[i]) },
	)
	pick := func(label string) {
		if p.popUp != nil {
			p.popUp.Hide()
			p.popUp = nil
		}
		p.SetSelected(label)
	}
	list.OnSelected = func(i widget.ListItemID) {
		if i >= 0 && i < len(shown) {
			pick(shown[i])
		}
	}
	filter := newEscEntry(func() {
		if p.popUp != nil {
			p.popUp.Hide()
			p.popUp = nil
		}
	})
	filter.SetPlaceHolder("Type to filter")
	filter.OnChanged = func(q string) {
		shown = filterLabels(p.labels, q)
		list.UnselectAll()
		list.Refresh()
		list.ScrollToTop()
	}
	filter.OnSubmitted = func(string) {
		if len(shown) > 0 {
			pick(shown[0])
		}
	}
	row := widget.NewLabel("Xg").MinSize().Height + theme.Padding()
	height := row * float32(min(len(p.labels), pickerRows))
	content := container.NewBorder(filter, nil, nil, nil, container.New(minHeight(height), list))
	p.popUp = widget.NewPopUp(content, c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(p)
	p.popUp.ShowAtPosition(pos.Add(fyne.NewPos(0, p.Size().Height)))
	p.popUp.Resize(fyne.NewSize(min(max(p.Size().Width, 260), 480), content.MinSize().Height))
	for i, l := range p.labels {
		if l == p.selected {
			list.ScrollTo(i)
		}
	}
	c.Focus(filter)
}

// selectWidth is how wide a drop-down must be for its longest label at
// the theme's text size, capped at maxSelectWidth.
func selectWidth(labels []string) float32 {
	size := theme.TextSize()
	w := fyne.MeasureText("(choose one)", size, fyne.TextStyle{}).Width
	for _, l := range labels {
		w = max(w, fyne.MeasureText(l, size, fyne.TextStyle{}).Width)
	}
	extra := 2*theme.InnerPadding() + theme.IconInlineSize() + 2*theme.Padding()
	return min(w+extra, maxSelectWidth)
}

// labelsWidth is a layout that stacks its objects and asks for the width
// of its longest label (selectWidth), so that a drop-down does not cut
// short labels. The width is measured again only when the text size
// changes (View > Larger text), as measuring thousands of labels at every
// layout would cost.
type labelsWidth struct {
	labels   []string
	textSize float32
	width    float32
}

func (l *labelsWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	if ts := theme.TextSize(); ts != l.textSize {
		l.textSize, l.width = ts, selectWidth(l.labels)
	}
	s := layout.NewStackLayout().MinSize(objs)
	return fyne.NewSize(max(s.Width, l.width), s.Height)
}

func (l *labelsWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	layout.NewStackLayout().Layout(objs, size)
}

// escEntry is an entry that calls onEscape when Escape is pressed in it,
// so a pop-up holding it closes from the keyboard.
type escEntry struct {
	widget.Entry
	onEscape func()
}

func newEscEntry(onEscape func()) *escEntry {
	e := &escEntry{onEscape: onEscape}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey is called by Fyne for a key pressed while the entry has focus.
func (e *escEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(ev)
}
