package ui

import (
	"context"
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/openml-dash/openml-dash/host/chart"
	"github.com/openml-dash/openml-dash/internal/component"
	"github.com/openml-dash/openml-dash/sdk"
)

// Rendered is one component rendered outside a session, for tests.
type Rendered struct {
	Object fyne.CanvasObject
	reg    *registry
}

// Render renders c as part 0 of a page whose input goes to set and whose
// links go to open (either may be nil).
func Render(c sdk.Component, set func(sdk.PropRef, sdk.Value), open func(sdk.EntityRef)) *Rendered {
	e := env{reg: newRegistry(), set: set, open: open}
	return &Rendered{Object: e.build(component.Clone(c)), reg: e.reg}
}

// Update applies c's current state to the widget rendering the component
// with c's id, as a session change does; it reports whether one did.
func (r *Rendered) Update(c sdk.Component) bool {
	b := r.reg.lookup(0, c.ComponentID())
	if b != nil {
		b.update(component.Clone(c))
	}
	return b != nil
}

// TableView exposes the table renderer to tests.
type TableView = tableView

// Table is the Fyne table inside.
func (v *tableView) Table() *widget.Table { return v.table }

// DisplayRows lists the original row index shown at each display row.
func (v *tableView) DisplayRows() []int { return append([]int(nil), v.view...) }

// SortBy taps the header of data column col.
func (v *tableView) SortBy(col int) { v.sortBy(col) }

// Lead is 1 when a selection column comes first.
func (v *tableView) Lead() int { return v.lead }

// Selected lists the selected original rows.
func (v *tableView) Selected() []int64 { return v.selectedRows() }

// TableCell exposes a table cell template to tests.
type TableCell = tableCell

// Text is what the cell shows, label or link.
func (c *tableCell) Text() string {
	if c.link.Visible() {
		return c.link.Text
	}
	return c.label.Text
}

// Link is the cell's link widget.
func (c *tableCell) Link() *widget.Hyperlink { return c.link }

// Label is the cell's label widget.
func (c *tableCell) Label() *widget.Label { return c.label }

// Background is the cell's shading.
func (c *tableCell) Background() (r, g, b, a uint32) { return c.bg.FillColor.RGBA() }

// Widgets of the window, for tests.
func (u *UI) URLError() *widget.Label    { return u.urlErr }
func (u *UI) Entry() *widget.Entry       { return u.entry }
func (u *UI) BackButton() *widget.Button { return u.back }
func (u *UI) TitleText() string          { return u.title.Text }
func (u *UI) StatusError() string        { return u.status.err.Text }
func (u *UI) StatusActivity() string     { return u.status.activity.Text }
func (u *UI) BusyText() string {
	if !u.status.busy.Visible() {
		return ""
	}
	return u.status.busy.Text
}
func (u *UI) ProgressShown() (bool, float64) {
	return u.status.bar.Visible(), u.status.progress.Value
}

// PageArea is what the page area shows.
func (u *UI) PageArea() fyne.CanvasObject { return u.page.Objects[0] }

// FormatNumber is the table's number format.
var FormatNumber = formatNumber

// Drawn is how the chart's image was last drawn.
func (v *ChartView) Drawn() chart.Options { return v.drawnOpts() }

// TipText is the tooltip's text, "" when it is hidden.
func (v *ChartView) TipText() string {
	if v.tip == nil || !v.tip.box.Visible() {
		return ""
	}
	return v.tip.text.Text
}

// ExportName is the file name the save dialog proposes.
var ExportName = exportName

// ForwardButton is the Forward button of the URL bar.
func (u *UI) ForwardButton() *widget.Button { return u.forward }

// MenuItem finds the main menu's item labelled label in menu top.
func (u *UI) MenuItem(top, label string) *fyne.MenuItem {
	for _, m := range u.menu.Items {
		if m.Label != top {
			continue
		}
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
			if it.ChildMenu != nil {
				for _, c := range it.ChildMenu.Items {
					if c.Label == label {
						return c
					}
				}
			}
		}
	}
	return nil
}

// RecentMenu lists the labels of Go > Recent pages.
func (u *UI) RecentMenu() []string {
	var out []string
	for _, it := range u.historyMenu.Items {
		out = append(out, it.Label)
	}
	return out
}

// Focused is what has the keyboard focus.
func (u *UI) Focused() fyne.Focusable { return u.w.Canvas().Focused() }

// InnerScroll is the table's own scroll container.
func (v *tableView) InnerScroll() *container.Scroll { return v.scroller() }

// WheelRelay is the relay over a scrolling widget under o.
type WheelRelay = wheelRelay

// Picker is the drop-down for long option lists.
type Picker = picker

// Open opens the picker's list, as a tap does; it returns the filter
// field and the list.
func (p *picker) Open() (*escEntry, *widget.List) {
	p.open()
	if p.popUp == nil {
		return nil, nil
	}
	return one[*escEntry](p.popUp.Content), one[*widget.List](p.popUp.Content)
}

// IsOpen reports whether the picker's list shows.
func (p *picker) IsOpen() bool { return p.popUp != nil && p.popUp.Visible() }

// Text is what the picker shows.
func (p *picker) Text() string { return p.text.Text }

func one[T fyne.CanvasObject](o fyne.CanvasObject) T {
	var found T
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if x, ok := o.(T); ok {
			found = x
			return
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, child := range c.Objects {
				walk(child)
			}
		}
	}
	walk(o)
	return found
}

// DescribeHit is the tooltip text of a hit.
var DescribeHit = describeHit

// KeyValueText is what "Copy table" copies from a field/value table.
var KeyValueText = keyValueText

// CompareCells is compareCells, for the sorting test.
var CompareCells = compareCells

// WaitOpened waits until the page being opened is shown, or its error.
func (u *UI) WaitOpened(ctx context.Context) error { return u.waitOpened(ctx) }
