package ui

import (
	"fmt"
	"image/color"
	"net/url"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openml-dash/openml-dash/sdk"
)

const (
	// tableVisibleRows is how many rows a table shows at most before it
	// scrolls; a shorter table is as tall as its rows.
	tableVisibleRows = 15
	// widthSampleRows is how many rows size a column: enough to see typical
	// values without measuring 10,000 rows.
	widthSampleRows = 200
	minColumnWidth  = 48
	maxColumnWidth  = 360
)

var _ fyne.Widget = (*tableView)(nil)

// tableView renders a Table with widget.Table, which builds only the
// visible cells. Sorting and filtering change view, a list of original row
// indices; selection is kept by original index, so it survives both.
type tableView struct {
	widget.BaseWidget

	e     env
	spec  *sdk.Table
	table *widget.Table // menu's
	menu  *menuTable
	count *widget.Label
	box   fyne.CanvasObject

	view     []int        // display row -> original row
	selected map[int]bool // original rows
	sortCol  int          // data column, -1 when unsorted
	sortDesc bool
	query    string   // lower case
	search   []string // lower-case text of each row, built on first filter
	lead     int      // 1 when a selection column comes first
}

func newTable(e env, t *sdk.Table) fyne.CanvasObject {
	if isKeyValue(t) {
		return newKeyValueTable(e, t)
	}
	v := &tableView{e: e, spec: t, sortCol: -1, selected: map[int]bool{}}
	if t.Selection != sdk.SelectNone {
		v.lead = 1
	}
	v.setSelected(t.SelectedRows)
	v.menu = &menuTable{Table: widget.Table{
		Length:       v.length,
		CreateCell:   newTableCell,
		UpdateCell:   v.updateCell,
		OnSelected:   v.tapped,
		CreateHeader: v.createHeader,
		UpdateHeader: v.updateHeader,
	}, menu: v.showMenu}
	v.table = &v.menu.Table
	v.table.ShowHeaderRow = true
	v.menu.ExtendBaseWidget(v.menu)
	v.sizeColumns()

	v.count = widget.NewLabel("")
	var top fyne.CanvasObject
	if t.Filterable {
		filter := widget.NewEntry()
		filter.SetPlaceHolder("Filter rows (Ctrl+F)")
		if e.tab != nil {
			e.tab.filters = append(e.tab.filters, filter)
		}
		filter.OnChanged = func(q string) {
			v.query = strings.ToLower(strings.TrimSpace(q))
			v.refreshView()
		}
		top = container.NewBorder(nil, nil, nil, v.count, filter)
	}
	v.refreshView()
	body := container.New(minHeight(v.minHeight()), v.menu, newWheelRelay(e, v.scroller))
	if e.tab != nil {
		e.tab.tables = append(e.tab.tables, v)
	}
	v.box = container.NewBorder(top, nil, nil, nil, body)
	v.ExtendBaseWidget(v)
	e.bind(t.ID, v)
	return v
}

func (v *tableView) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(v.box)
}

// update follows a callback's change of the selected rows.
func (v *tableView) update(c sdk.Component) {
	t, ok := c.(*sdk.Table)
	if !ok {
		return
	}
	v.setSelected(t.SelectedRows)
	v.table.Refresh()
}

func (v *tableView) setSelected(rows []int) {
	clear(v.selected)
	for _, r := range rows {
		if r >= 0 && r < len(v.spec.Rows) {
			v.selected[r] = true
		}
	}
}

func (v *tableView) length() (int, int) {
	return len(v.view), len(v.spec.Columns) + v.lead
}

// refreshView recomputes which rows show, in which order.
func (v *tableView) refreshView() {
	n := len(v.spec.Rows)
	view := make([]int, 0, n)
	if v.query != "" && v.search == nil {
		v.search = make([]string, n)
		for i, row := range v.spec.Rows {
			texts := make([]string, len(row.Cells))
			for j, c := range row.Cells {
				texts[j] = formatCell(c)
			}
			v.search[i] = strings.ToLower(strings.Join(texts, "\x00"))
		}
	}
	for i := range n {
		if v.query == "" || strings.Contains(v.search[i], v.query) {
			view = append(view, i)
		}
	}
	v.order(view)
	v.view = view
	if len(view) == n {
		v.count.SetText(fmt.Sprintf("%d rows", n))
	} else {
		v.count.SetText(fmt.Sprintf("%d of %d rows", len(view), n))
	}
	v.table.Refresh()
}

func (v *tableView) cell(row, col int) sdk.Cell {
	cells := v.spec.Rows[row].Cells
	if col < len(cells) {
		return cells[col]
	}
	t := sdk.CellText
	if col < len(v.spec.Columns) {
		t = v.spec.Columns[col].Type
	}
	return sdk.MissingCell(t)
}

// order sorts rows (indices into the spec's rows) as the table shows
// them: by the sort column, missing values last; as they are, unsorted.
func (v *tableView) order(rows []int) {
	if v.sortCol < 0 {
		return
	}
	col := v.sortCol
	slices.SortStableFunc(rows, func(a, b int) int {
		ca, cb := v.cell(a, col), v.cell(b, col)
		switch {
		case ca.Missing && cb.Missing:
			return 0
		case ca.Missing:
			return 1
		case cb.Missing:
			return -1
		}
		c := compareCells(ca, cb)
		if v.sortDesc {
			c = -c
		}
		return c
	})
}

// sortBy sorts by a data column, ascending first, then flipping, and
// tells the session the rows' new order (PropSortedRows), so that a
// callback can order a chart as the table.
func (v *tableView) sortBy(col int) {
	if v.sortCol == col {
		v.sortDesc = !v.sortDesc
	} else {
		v.sortCol, v.sortDesc = col, false
	}
	v.refreshView()
	rows := make([]int, len(v.spec.Rows))
	for i := range rows {
		rows[i] = i
	}
	v.order(rows)
	sorted := make([]int64, len(rows))
	for i, r := range rows {
		sorted[i] = int64(r)
	}
	v.e.emit(v.spec.ID, sdk.PropSortedRows, sdk.IntsValue(sorted))
}

// tapped toggles the tapped row's selection and tells the session.
func (v *tableView) tapped(id widget.TableCellID) {
	// Fyne keeps one selected cell and ignores a second tap on it; selection
	// is ours, so forget Fyne's at once.
	v.table.Unselect(id)
	if v.spec.Selection == sdk.SelectNone || id.Row < 0 || id.Row >= len(v.view) {
		return
	}
	row := v.view[id.Row]
	if v.e.tab != nil {
		v.e.tab.lastTable = v
	}
	switch v.spec.Selection {
	case sdk.SelectSingle:
		if v.selected[row] && len(v.selected) == 1 {
			return
		}
		clear(v.selected)
		v.selected[row] = true
	case sdk.SelectMulti:
		if v.selected[row] {
			delete(v.selected, row)
		} else {
			v.selected[row] = true
		}
	}
	v.table.Refresh()
	v.e.emit(v.spec.ID, sdk.PropSelectedRows, sdk.IntsValue(v.selectedRows()))
}

func (v *tableView) selectedRows() []int64 {
	rows := make([]int64, 0, len(v.selected))
	for r := range v.selected {
		rows = append(rows, int64(r))
	}
	slices.Sort(rows)
	return rows
}

// tableCell is the reusable template of one cell: a shading background,
// a label, a link and a selection mark, one of which shows.
type tableCell struct {
	widget.BaseWidget
	bg    *canvas.Rectangle
	label *widget.Label
	link  *widget.Hyperlink
	mark  *widget.Icon
}

func newTableCell() fyne.CanvasObject {
	c := &tableCell{
		bg:    canvas.NewRectangle(color.Transparent),
		label: widget.NewLabel(""),
		link:  widget.NewHyperlink("", nil),
		mark:  widget.NewIcon(nil),
	}
	c.label.Truncation = fyne.TextTruncateEllipsis
	c.link.Truncation = fyne.TextTruncateEllipsis
	c.ExtendBaseWidget(c)
	return c
}

func (c *tableCell) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(c.bg, c.label, c.link, c.mark))
}

func (v *tableView) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c, ok := o.(*tableCell)
	if !ok || id.Row < 0 || id.Row >= len(v.view) {
		return
	}
	orig := v.view[id.Row]
	row := v.spec.Rows[orig]
	selected := v.selected[orig]

	var bg color.Color = color.Transparent
	selection := themeColor(v.table, theme.ColorNameSelection)
	if selected {
		bg = selection
	} else if row.Emphasis {
		bg = withAlpha(themeColor(v.table, theme.ColorNamePrimary), 0x24)
	}

	if id.Col < v.lead {
		c.label.Hide()
		c.link.Hide()
		c.mark.SetResource(selectionMark(v.spec.Selection, selected))
		c.mark.Show()
		setFill(c.bg, bg)
		return
	}
	c.mark.Hide()
	cell := v.cell(orig, id.Col-v.lead)
	if cell.StyleLevel > 0 {
		bg = shade(themeColor(v.table, theme.ColorNameError), cell.StyleLevel)
		if selected {
			// A selected row keeps its shading, drawn over the selection.
			bg = over(bg, selection)
		}
	}
	setFill(c.bg, bg)

	text := formatCell(cell)
	style := fyne.TextStyle{Bold: row.Emphasis}
	trunc := fitTruncation(text, style, c.Size().Width)
	if tapped, web := cellLink(v.e, cell); tapped != nil || web != nil {
		c.label.Hide()
		c.link.Text = text
		c.link.TextStyle = style
		c.link.Truncation = trunc
		c.link.OnTapped = tapped
		c.link.URL = web
		c.link.Show()
		c.link.Refresh()
		return
	}
	c.link.Hide()
	align := fyne.TextAlignLeading
	if cell.Type == sdk.CellNumber && !cell.Missing {
		align = fyne.TextAlignTrailing
	}
	if c.label.Text != text || c.label.Alignment != align || c.label.TextStyle != style || c.label.Truncation != trunc {
		c.label.Text = text
		c.label.Alignment = align
		c.label.TextStyle = style
		c.label.Truncation = trunc
		c.label.Refresh()
	}
	c.label.Show()
}

// fitTruncation is how a cell width wide shows text: whole when it fits,
// else cut with an ellipsis. Fyne cuts a label's text with a text shaper
// it sets up anew for each label at each layout, even when nothing is
// cut; in a table of a few hundred cells that was most of the drawing.
// Fyne caches what it measures.
func fitTruncation(text string, style fyne.TextStyle, width float32) fyne.TextTruncation {
	inset := 2 * theme.InnerPadding() // a label's text inset, both sides
	if fyne.MeasureText(text, theme.TextSize(), style).Width+inset+1 <= width {
		return fyne.TextTruncateOff
	}
	return fyne.TextTruncateEllipsis
}

func setFill(r *canvas.Rectangle, c color.Color) {
	if r.FillColor != c {
		r.FillColor = c
		r.Refresh()
	}
}

// shade is the background of a cell at StyleLevel level (1-4), the theme's
// colour at rising opacity so it reads on light and dark themes alike.
func shade(c color.Color, level int) color.Color {
	level = min(max(level, 1), 4)
	return withAlpha(c, uint8(0x20*level))
}

// over composites the translucent colour fg over an opaque bg.
func over(fg, bg color.Color) color.Color {
	f := color.NRGBAModel.Convert(fg).(color.NRGBA)
	b := color.NRGBAModel.Convert(bg).(color.NRGBA)
	mix := func(x, y uint8) uint8 { return uint8((int(x)*int(f.A) + int(y)*(255-int(f.A))) / 255) }
	return color.NRGBA{R: mix(f.R, b.R), G: mix(f.G, b.G), B: mix(f.B, b.B), A: max(b.A, f.A)}
}

// cellLink is what tapping a cell does: open the entity a link cell names,
// or show in the browser a text cell that is a web address. Both are nil
// for other cells, and entity links are inert without an opener.
func cellLink(e env, c sdk.Cell) (tapped func(), web *url.URL) {
	if c.Missing {
		return nil, nil
	}
	switch c.Type {
	case sdk.CellLink:
		if e.open != nil {
			ref := c.Link
			return func() { e.open(ref) }, nil
		}
	case sdk.CellText:
		if strings.HasPrefix(c.Text, "https://") || strings.HasPrefix(c.Text, "http://") {
			if u, err := url.Parse(c.Text); err == nil && u.Host != "" && !strings.ContainsAny(c.Text, " \t\n") {
				return nil, u
			}
		}
	}
	return nil, nil
}

func selectionMark(mode sdk.Selection, on bool) fyne.Resource {
	if mode == sdk.SelectSingle {
		if on {
			return theme.RadioButtonCheckedIcon()
		}
		return theme.RadioButtonIcon()
	}
	if on {
		return theme.CheckButtonCheckedIcon()
	}
	return theme.CheckButtonIcon()
}

// createHeader makes a header cell: a button when the table sorts, so a
// tap sorts by its column, else a bold label.
func (v *tableView) createHeader() fyne.CanvasObject {
	if v.spec.Sortable {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.IconPlacement = widget.ButtonIconTrailingText
		return b
	}
	l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

func (v *tableView) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	col := id.Col - v.lead
	title := ""
	if id.Col >= v.lead && col < len(v.spec.Columns) {
		title = v.spec.Columns[col].Title
	}
	switch h := o.(type) {
	case *widget.Label:
		h.SetText(title)
	case *widget.Button:
		h.Text = title
		h.Icon = nil
		h.OnTapped = nil
		if col >= 0 {
			if col == v.sortCol {
				h.Icon = theme.MoveUpIcon()
				if v.sortDesc {
					h.Icon = theme.MoveDownIcon()
				}
			}
			h.OnTapped = func() { v.sortBy(col) }
		}
		h.Refresh()
	}
}

// sizeColumns fits each column to its title and a sample of its values.
func (v *tableView) sizeColumns() {
	pad := theme.Padding()
	inset := 2 * theme.InnerPadding() // a label's text inset, both sides
	size := theme.TextSize()
	if v.lead == 1 {
		v.table.SetColumnWidth(0, theme.IconInlineSize()+2*pad)
	}
	extra := inset + pad
	if v.spec.Sortable {
		extra += theme.IconInlineSize() + pad // room for the sort arrow
	}
	sample := min(len(v.spec.Rows), widthSampleRows)
	for col, c := range v.spec.Columns {
		w := fyne.MeasureText(c.Title, size, fyne.TextStyle{Bold: true}).Width + extra
		for r := range sample {
			cell := v.cell(r, col)
			style := fyne.TextStyle{Bold: v.spec.Rows[r].Emphasis}
			w = max(w, fyne.MeasureText(formatCell(cell), size, style).Width+inset+pad)
		}
		v.table.SetColumnWidth(col+v.lead, min(max(w, minColumnWidth), maxColumnWidth))
	}
}

// minHeight is the room the table asks for: its header and every row, up
// to tableVisibleRows, measured as widget.Table sizes them (each row as
// tall as the larger of a cell and a header, plus padding), so that a
// short table never scrolls inside itself.
func (v *tableView) minHeight() float32 {
	pad := theme.Padding()
	head := v.createHeader().MinSize().Height
	row := max(newTableCell().MinSize().Height, head)
	n := min(max(len(v.spec.Rows), 1), tableVisibleRows)
	return head + pad + float32(n)*(row+pad) + pad
}

// scroller is widget.Table's own scroll container, which its renderer
// holds; nil before the table is drawn.
func (v *tableView) scroller() *container.Scroll {
	for _, o := range test.WidgetRenderer(v.menu).Objects() {
		if s, ok := o.(*container.Scroll); ok {
			return s
		}
	}
	return nil
}

// menuTable is a widget.Table whose secondary button (right click) opens
// the table's menu. It is the table itself, not something over it, so
// that clicks on its cells and header still reach them.
type menuTable struct {
	widget.Table
	menu func(*fyne.PointEvent)
}

func (t *menuTable) TappedSecondary(ev *fyne.PointEvent) { t.menu(ev) }
