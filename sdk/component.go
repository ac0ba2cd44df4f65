package sdk

// Component is one element of a page. The host renders each kind natively,
// in the window and in headless render alike.
type Component interface {
	// ComponentID is the id callbacks use to name the component; "" if none.
	ComponentID() string
	isComponent()
}

// Heading is a section title; Level 1 is the largest.
type Heading struct {
	ID    string
	Text  string
	Level int
}

// Text is a block of markdown.
type Text struct {
	ID       string
	Markdown string
}

// NoticeLevel says how serious a Notice is.
type NoticeLevel uint8

// Notice levels, mildest first.
const (
	Info NoticeLevel = iota
	Warning
	Error
)

func (l NoticeLevel) String() string {
	switch l {
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "info"
}

// Notice tells the user something about the page, such as a part that could
// not be built. A failing part of a page returns a Notice; the rest still shows.
type Notice struct {
	ID      string
	Level   NoticeLevel
	Summary string
	Detail  string
}

// CellType is the type of a table column's values.
type CellType uint8

// Cell types.
const (
	CellText CellType = iota
	CellNumber
	CellBool
	CellLink
)

func (t CellType) String() string {
	// A plugin may send any number: a newer type, or garbage.
	names := [...]string{"text", "number", "bool", "link"}
	if int(t) < len(names) {
		return names[t]
	}
	return "unknown"
}

// Column describes one table column.
type Column struct {
	ID    string
	Title string
	Type  CellType
}

// Cell is one typed table value. Build cells with TextCell, NumberCell,
// BoolCell, LinkCell and MissingCell.
type Cell struct {
	Type    CellType
	Text    string // the text, or a link's label
	Number  float64
	Flag    bool
	Link    EntityRef
	Missing bool
	// StyleLevel shades the cell: 0 plain, 1 to 4 in rising intensity.
	StyleLevel int
}

// TextCell holds a string.
func TextCell(s string) Cell { return Cell{Type: CellText, Text: s} }

// NumberCell holds a number.
func NumberCell(f float64) Cell { return Cell{Type: CellNumber, Number: f} }

// BoolCell holds a yes/no value.
func BoolCell(b bool) Cell { return Cell{Type: CellBool, Flag: b} }

// LinkCell links to another entity; clicking it opens that entity's page.
func LinkCell(label string, ref EntityRef) Cell {
	return Cell{Type: CellLink, Text: label, Link: ref}
}

// MissingCell is an empty value of the given type.
func MissingCell(t CellType) Cell { return Cell{Type: t, Missing: true} }

// Styled returns the cell shaded at level (0 to 4).
func (c Cell) Styled(level int) Cell {
	c.StyleLevel = level
	return c
}

// Row is one table row; Emphasis highlights it (e.g. the target feature).
type Row struct {
	Cells    []Cell
	Emphasis bool
}

// Selection says how many rows a user may select in a table.
type Selection uint8

// Selection modes.
const (
	SelectNone Selection = iota
	SelectSingle
	SelectMulti
)

// Table is a data table. Its selected rows are the property
// PropSelectedRows, and the order a user sorted it in PropSortedRows;
// callbacks may take either as an input.
type Table struct {
	ID           string
	Columns      []Column
	Rows         []Row
	Selection    Selection
	SelectedRows []int
	// SortedRows are the rows (indices into Rows) in the order the table
	// shows them once a user sorted it by a column; empty while unsorted,
	// when they show in order. The host sets it; filtering leaves it be.
	SortedRows []int
	Sortable   bool
	Filterable bool
}

// Container lays out its children in a column, a row or a grid.
type Container struct {
	ID          string
	Direction   Direction
	GridColumns int
	Children    []Component
}

// Direction is how a Container places its children.
type Direction uint8

// Container directions.
const (
	ColumnDirection Direction = iota
	RowDirection
	GridDirection
)

// Option is one choice of a Select, Radio or Checklist.
type Option struct {
	Label string
	Value string
}

// Options makes options whose labels are their values.
func Options(values ...string) []Option {
	out := make([]Option, len(values))
	for i, v := range values {
		out[i] = Option{Label: v, Value: v}
	}
	return out
}

// Select is a drop-down. Its PropValue is a string, or a list when Multi.
type Select struct {
	ID      string
	Label   string
	Options []Option
	Multi   bool
	Values  []string
	// Disabled greys the control out: nothing to choose yet, or what it
	// drives could not be loaded. PropDisabled sets it from a callback.
	Disabled bool
}

// Radio is a set of exclusive choices; PropValue is the chosen value.
type Radio struct {
	ID       string
	Label    string
	Options  []Option
	Value    string
	Disabled bool // as Select.Disabled
}

// Checklist is a set of check boxes; PropValue is the list of checked values.
type Checklist struct {
	ID       string
	Label    string
	Options  []Option
	Values   []string
	Disabled bool // as Select.Disabled
}

// Button is a push button; PropNClicks counts its clicks.
type Button struct {
	ID       string
	Label    string
	NClicks  int64
	Disabled bool // as Select.Disabled
}

// Link opens another entity's page in the same window.
type Link struct {
	ID   string
	Text string
	Ref  EntityRef
}

// Slot is a placeholder whose children callbacks replace (PropChildren).
type Slot struct {
	ID       string
	Children []Component
}

func (c *Heading) ComponentID() string   { return c.ID }
func (c *Text) ComponentID() string      { return c.ID }
func (c *Notice) ComponentID() string    { return c.ID }
func (c *Table) ComponentID() string     { return c.ID }
func (c *Chart) ComponentID() string     { return c.ID }
func (c *Container) ComponentID() string { return c.ID }
func (c *Select) ComponentID() string    { return c.ID }
func (c *Radio) ComponentID() string     { return c.ID }
func (c *Checklist) ComponentID() string { return c.ID }
func (c *Button) ComponentID() string    { return c.ID }
func (c *Link) ComponentID() string      { return c.ID }
func (c *Slot) ComponentID() string      { return c.ID }

func (*Heading) isComponent()   {}
func (*Text) isComponent()      {}
func (*Notice) isComponent()    {}
func (*Table) isComponent()     {}
func (*Chart) isComponent()     {}
func (*Container) isComponent() {}
func (*Select) isComponent()    {}
func (*Radio) isComponent()     {}
func (*Checklist) isComponent() {}
func (*Button) isComponent()    {}
func (*Link) isComponent()      {}
func (*Slot) isComponent()      {}
