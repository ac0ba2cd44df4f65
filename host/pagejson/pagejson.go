// Package pagejson writes an open page as JSON: every component with its
// final contents (table cells, chart series, notices), so scripts, CI and
// golden tests can check a page without pixels.
package pagejson

import (
	"encoding/json"
	"math"

	"github.com/openml-dash/openml-dash/host/session"
	comp "github.com/openml-dash/openml-dash/internal/component"
	"github.com/openml-dash/openml-dash/sdk"
)

// Page is the JSON form of a session's page.
type Page struct {
	Ref      Ref      `json:"ref"`
	Title    string   `json:"title"`
	Tabs     []Tab    `json:"tabs"`
	Problems []string `json:"problems,omitempty"`
	// Notices are the page's own notices, shown above its tabs.
	Notices []Component `json:"notices,omitempty"`
}

// Ref is the entity shown.
type Ref struct {
	Server string `json:"server"`
	Kind   string `json:"kind"`
	ID     int64  `json:"id"`
	URL    string `json:"url"`
}

// Tab is one tab with its components; Image names its PNG when rendered.
type Tab struct {
	Plugin   string      `json:"plugin"`
	ID       string      `json:"id"`
	Title    string      `json:"title"`
	Image    string      `json:"image,omitempty"`
	Children []Component `json:"children"`
}

// Component is any component: Type says which, and the fields of that kind
// are set.
type Component struct {
	Type string `json:"type"`
	ID   string `json:"id,omitempty"`

	Text    string `json:"text,omitempty"`
	Level   int    `json:"level,omitempty"`
	Summary string `json:"summary,omitempty"`
	Detail  string `json:"detail,omitempty"`

	Label   string       `json:"label,omitempty"`
	Options []sdk.Option `json:"options,omitempty"`
	Value   any          `json:"value,omitempty"`
	Link    *Ref         `json:"link,omitempty"`
	// Disabled is set for a control that is greyed out.
	Disabled bool `json:"disabled,omitempty"`

	Columns      []Column `json:"columns,omitempty"`
	Rows         [][]any  `json:"rows,omitempty"`
	RowStyles    [][]int  `json:"row_styles,omitempty"`
	Emphasis     []int    `json:"emphasis,omitempty"`
	SelectedRows []int    `json:"selected_rows,omitempty"`

	Chart *Chart `json:"chart,omitempty"`

	Children []Component `json:"children,omitempty"`
}

// Column is a table column.
type Column struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Type  string `json:"type"`
}

// Chart is a chart's data.
type Chart struct {
	Kind       string   `json:"kind"`
	Title      string   `json:"title,omitempty"`
	XTitle     string   `json:"x_title,omitempty"`
	YTitle     string   `json:"y_title,omitempty"`
	XLog       bool     `json:"x_log,omitempty"`
	YLog       bool     `json:"y_log,omitempty"`
	XCats      []string `json:"x_categories,omitempty"`
	YCats      []string `json:"y_categories,omitempty"`
	Series     []Series `json:"series"`
	Horizontal bool     `json:"horizontal,omitempty"`
	// Barmode is set when the chart chooses one ("stack", "group",
	// "overlay").
	Barmode    string      `json:"barmode,omitempty"`
	Dimensions []Dimension `json:"dimensions,omitempty"`
	ColorTitle string      `json:"color_title,omitempty"`
	ColorLog   bool        `json:"color_log,omitempty"`
}

// Dimension is one dimension of a scatter matrix or parallel categories
// chart.
type Dimension struct {
	Title      string   `json:"title"`
	Log        bool     `json:"log,omitempty"`
	Categories []string `json:"categories,omitempty"`
}

// Series is one chart series; NaN and infinities become null.
type Series struct {
	Name   string     `json:"name"`
	X      []*float64 `json:"x,omitempty"`
	Y      []*float64 `json:"y,omitempty"`
	Z      []*float64 `json:"z,omitempty"`
	Labels []string   `json:"labels,omitempty"`
	Links  []Ref      `json:"links,omitempty"`
	// Color holds the points' values on the colour scale; Dims[d] their
	// values on dimension d.
	Color []*float64   `json:"color,omitempty"`
	Dims  [][]*float64 `json:"dims,omitempty"`
}

// FromSession captures the session's page as it is now.
func FromSession(s *session.Session) *Page {
	p := &Page{Ref: ref(s.Ref()), Title: s.Title()}
	for _, err := range s.Problems() {
		p.Problems = append(p.Problems, err.Error())
	}
	for _, n := range s.Notices() {
		p.Notices = append(p.Notices, component(n))
	}
	s.Read(func() {
		for _, t := range s.Tabs() {
			p.Tabs = append(p.Tabs, Tab{Plugin: t.Plugin, ID: t.Tab.ID, Title: t.Tab.Title, Children: components(t.Tab.Children)})
		}
	})
	return p
}

// Marshal is the indented JSON of p, an array of numbers or strings (a
// series, a table's row) on one line.
func (p *Page) Marshal() ([]byte, error) {
	b, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	return layout(b), nil
}

func ref(r sdk.EntityRef) Ref {
	return Ref{Server: r.Server, Kind: r.Kind.String(), ID: r.ID, URL: r.URL()}
}

func components(cs []sdk.Component) []Component {
	out := make([]Component, 0, len(cs))
	for _, c := range cs {
		if c != nil {
			out = append(out, component(c))
		}
	}
	return out
}

func component(c sdk.Component) Component {
	out := Component{ID: c.ComponentID()}
	switch c := c.(type) {
	case *sdk.Heading:
		out.Type, out.Text, out.Level = "heading", c.Text, c.Level
	case *sdk.Text:
		out.Type, out.Text = "text", c.Markdown
	case *sdk.Notice:
		out.Type, out.Level, out.Summary, out.Detail = "notice", int(c.Level), c.Summary, c.Detail
		out.Label = c.Level.String()
	case *sdk.Table:
		out.Type = "table"
		table(&out, c)
	case *sdk.Chart:
		out.Type, out.Chart = "chart", chart(c)
	case *sdk.Container:
		out.Type, out.Children = "container", components(c.Children)
	case *sdk.Slot:
		out.Type, out.Children = "slot", components(c.Children)
	case *sdk.Select:
		out.Type, out.Label, out.Options = "select", c.Label, c.Options
		out.Value = c.Values
	case *sdk.Radio:
		out.Type, out.Label, out.Options, out.Value = "radio", c.Label, c.Options, c.Value
	case *sdk.Checklist:
		out.Type, out.Label, out.Options, out.Value = "checklist", c.Label, c.Options, c.Values
	case *sdk.Button:
		out.Type, out.Label, out.Value = "button", c.Label, c.NClicks
	case *sdk.Link:
		r := ref(c.Ref)
		out.Type, out.Text, out.Link = "link", c.Text, &r
	default:
		out.Type = "unknown"
	}
	if v, err := comp.Prop(c, sdk.PropDisabled); err == nil {
		out.Disabled = v.Bool()
	}
	return out
}

func table(out *Component, t *sdk.Table) {
	for _, c := range t.Columns {
		out.Columns = append(out.Columns, Column{ID: c.ID, Title: c.Title, Type: c.Type.String()})
	}
	out.Rows = make([][]any, len(t.Rows))
	styled := false
	styles := make([][]int, len(t.Rows))
	for i, r := range t.Rows {
		row := make([]any, len(r.Cells))
		styles[i] = make([]int, len(r.Cells))
		for j, c := range r.Cells {
			row[j] = cell(c)
			styles[i][j] = c.StyleLevel
			styled = styled || c.StyleLevel != 0
		}
		out.Rows[i] = row
		if r.Emphasis {
			out.Emphasis = append(out.Emphasis, i)
		}
	}
	if styled {
		out.RowStyles = styles
	}
	out.SelectedRows = t.SelectedRows
}

func cell(c sdk.Cell) any {
	if c.Missing {
		return nil
	}
	switch c.Type {
	case sdk.CellNumber:
		return num(c.Number)
	case sdk.CellBool:
		return c.Flag
	case sdk.CellLink:
		return map[string]any{"text": c.Text, "link": ref(c.Link)}
	}
	return c.Text
}

func num(f float64) *float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	return &f
}

func nums(fs []float64) []*float64 {
	if len(fs) == 0 {
		return nil
	}
	out := make([]*float64, len(fs))
	for i, f := range fs {
		out[i] = num(f)
	}
	return out
}

func chart(c *sdk.Chart) *Chart {
	out := &Chart{Kind: c.Kind.String(), Title: c.Title, XTitle: c.X.Title, YTitle: c.Y.Title, XLog: c.X.Log, YLog: c.Y.Log,
		XCats: c.X.Categories, YCats: c.Y.Categories, Horizontal: c.Horizontal, Series: []Series{},
		ColorTitle: c.ColorAxis.Title, ColorLog: c.ColorAxis.Log}
	if c.Barmode != sdk.BarModeAuto {
		out.Barmode = c.Barmode.String()
	}
	for _, d := range c.Dimensions {
		out.Dimensions = append(out.Dimensions, Dimension{Title: d.Title, Log: d.Log, Categories: d.Categories})
	}
	for _, s := range c.Series {
		js := Series{Name: s.Name, X: nums(s.X), Y: nums(s.Y), Z: nums(s.Z), Labels: s.Labels, Color: nums(s.Color)}
		for _, l := range s.Links {
			js.Links = append(js.Links, ref(l))
		}
		for _, d := range s.Dims {
			v := nums(d)
			if v == nil {
				v = []*float64{}
			}
			js.Dims = append(js.Dims, v)
		}
		out.Series = append(out.Series, js)
	}
	return out
}
