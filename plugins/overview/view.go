package overview

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/plugins/internal/show"
	"github.com/openml-dash/openml-dash/sdk"
)

// view is one overview page, generic over the entries of its listing.
// Its component and callback ids start with its name ("datasets"):
//
//	<name>-content  the slot the load callback fills: counts, charts, table
//	<name>-table    the slot the click callback fills: the table's entries
//	<name>-all      the button that lists every entry again
//	<name>-load     the callback loading the listing (inputs: the controls)
//	<name>-click    the callback listing a clicked category's entries
type view[T any] struct {
	kind  sdk.Kind
	name  string // "datasets"
	noun  string // "datasets"
	one   string // "dataset"
	intro string // markdown under the title
	opts  Options

	// controls are the page's own inputs, such as a Radio; inputs names
	// their values, which the load callback takes as inputs and the click
	// callback as state, in this order.
	controls func(ctx context.Context, req *sdk.LayoutRequest) []sdk.Component
	inputs   []sdk.PropRef
	// key says which listing the controls' values ask for, so that
	// values asking for the same one share it.
	key func(choice []string) string
	// load reads the listing the controls' values ask for.
	load func(ctx context.Context, host sdk.Host, server string, choice []string) (*listing[T], error)
	// summary says in markdown what was loaded, from the count on.
	summary func(l *listing[T], server string, choice []string) string
	// empty is the notice for a listing with no entries.
	empty func(server string, choice []string) *sdk.Notice

	// facets count the entries by category, each in a chart whose slices
	// or bars list their entries when clicked.
	facets []facet[T]
	// linked makes the charts whose marks stand for one entity each and
	// open its page.
	linked func(items []T, server string, choice []string) []sdk.Component

	id      func(T) int64
	columns []sdk.Column
	row     func(e T, server string) []sdk.Cell

	store store[T]
}

func (v *view[T]) overviewKind() sdk.Kind { return v.kind }
func (v *view[T]) contentSlot() string    { return v.name + "-content" }
func (v *view[T]) tableSlot() string      { return v.name + "-table" }
func (v *view[T]) allButton() string      { return v.name + "-all" }
func (v *view[T]) loadID() string         { return v.name + "-load" }
func (v *view[T]) clickID() string        { return v.name + "-click" }

func (v *view[T]) register(m *sdk.CallbackMux) {
	m.HandleFunc(v.loadID(), v.loadCallback)
	m.HandleFunc(v.clickID(), v.clickCallback)
}

func (v *view[T]) layout(ctx context.Context, req *sdk.LayoutRequest) (*sdk.Page, error) {
	v.store.renew()
	title := fmt.Sprintf("All %s on %s", v.noun, hostName(req.Ref.Server))
	children := []sdk.Component{
		&sdk.Heading{Text: title, Level: 1},
		&sdk.Text{Markdown: v.intro},
	}
	children = append(children, v.controls(ctx, req)...)
	// The charts the click callback takes as inputs must be on the page
	// from the start: empty until the listing is loaded.
	placeholders := []sdk.Component{&sdk.Text{Markdown: fmt.Sprintf("Loading the %s…", v.noun)}}
	placeholders = append(placeholders, v.chartGrid(v.placeholderCharts()), v.tableHeading(), &sdk.Slot{ID: v.tableSlot()})
	children = append(children, &sdk.Slot{ID: v.contentSlot(), Children: placeholders})

	click := make([]sdk.PropRef, 0, len(v.facets)+1)
	for _, f := range v.facets {
		click = append(click, sdk.Input(f.id, sdk.PropClickData))
	}
	click = append(click, sdk.Input(v.allButton(), sdk.PropNClicks))
	return &sdk.Page{
		Title: title,
		Tabs:  []sdk.Tab{{ID: v.name, Title: strings.ToUpper(v.noun[:1]) + v.noun[1:], Children: children}},
		Callbacks: []sdk.Callback{
			{ID: v.loadID(), Inputs: v.inputs, Outputs: []sdk.PropRef{sdk.Output(v.contentSlot(), sdk.PropChildren)}},
			{ID: v.clickID(), Inputs: click, State: v.inputs, Outputs: []sdk.PropRef{sdk.Output(v.tableSlot(), sdk.PropChildren)}},
		},
	}, nil
}

func (v *view[T]) placeholderCharts() []sdk.Component {
	out := make([]sdk.Component, len(v.facets))
	for i, f := range v.facets {
		out[i] = &sdk.Chart{ID: f.id, Kind: f.kind, Title: f.title + " (loading…)", Horizontal: f.horizontal, Height: chartHeight}
	}
	return out
}

// chartGrid lays the facets' charts two by two.
func (v *view[T]) chartGrid(charts []sdk.Component) *sdk.Container {
	return &sdk.Container{Direction: sdk.GridDirection, GridColumns: 2, Children: charts}
}

// tableHeading heads the table, with the button that lists every entry.
func (v *view[T]) tableHeading() *sdk.Container {
	return &sdk.Container{Direction: sdk.ColumnDirection, Children: []sdk.Component{
		&sdk.Heading{Text: strings.ToUpper(v.noun[:1]) + v.noun[1:], Level: 2},
		&sdk.Container{Direction: sdk.RowDirection, Children: []sdk.Component{&sdk.Button{ID: v.allButton(), Label: "List every " + v.one}}},
	}}
}

func (v *view[T]) choice(req *sdk.CallbackRequest) []string {
	out := make([]string, len(v.inputs))
	for i, in := range v.inputs {
		out[i] = req.Value(in).Str()
	}
	return out
}

func (v *view[T]) listing(ctx context.Context, req *sdk.CallbackRequest, choice []string) (*listing[T], error) {
	key := req.Ref.Server + "|" + v.key(choice)
	return v.store.get(ctx, key, func(ctx context.Context) (*listing[T], error) {
		return v.load(ctx, req.Host, req.Ref.Server, choice)
	})
}

// loadCallback loads the listing the controls ask for and fills the page:
// what was loaded, the charts, and the table of every entry.
func (v *view[T]) loadCallback(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	choice := v.choice(req)
	fill := func(cs ...sdk.Component) (*sdk.Patch, error) {
		return sdk.NewPatch().Fill(v.contentSlot(), cs...), nil
	}
	l, err := v.listing(ctx, req, choice)
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		return fill(&sdk.Notice{
			Level:   sdk.Error,
			Summary: fmt.Sprintf("The %s of %s could not be loaded", v.noun, hostName(req.Ref.Server)),
			Detail:  err.Error() + ". Reload the page (F5) to try again.",
		})
	}
	if len(l.Items) == 0 {
		return fill(v.empty(req.Ref.Server, choice))
	}
	server := req.Ref.Server
	out := []sdk.Component{&sdk.Text{Markdown: v.summary(l, server, choice)}}
	if l.Cut != nil {
		out = append(out, &sdk.Notice{
			Level:   sdk.Warning,
			Summary: fmt.Sprintf("Only %s could be loaded", plural(len(l.Items), v.one, v.noun)),
			Detail: fmt.Sprintf("The server did not answer the next page (%s). The charts and the table show the %s loaded; reload the page (F5) to try again.",
				l.Cut.Error(), plural(len(l.Items), v.one, v.noun)),
		})
	}
	if l.Capped && len(l.Items) >= MaxEntries {
		out = append(out, &sdk.Notice{
			Level:   sdk.Info,
			Summary: fmt.Sprintf("The first %s %s are shown", show.Count(MaxEntries), v.noun),
			Detail:  fmt.Sprintf("The overview loads at most %s %s; the server lists more.", show.Count(MaxEntries), v.noun),
		})
	}
	for _, n := range l.Notes {
		out = append(out, n)
	}
	charts := make([]sdk.Component, len(v.facets))
	for i, f := range v.facets {
		charts[i] = f.chart(l.Items, v.one, v.noun)
	}
	out = append(out, v.chartGrid(charts))
	if v.linked != nil {
		out = append(out, v.linked(l.Items, server, choice)...)
	}
	out = append(out, v.tableHeading(), &sdk.Slot{ID: v.tableSlot(), Children: v.tableOf(l.Items, server, "")})
	return fill(out...)
}

// clickCallback lists the entries of the slice or bar clicked last, or
// every entry when the button is clicked. Anything else, such as the
// charts arriving with the listing, leaves the table as it is.
func (v *view[T]) clickCallback(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	fi, cat, all := -1, -1, false
	for _, t := range req.Triggered {
		if t == sdk.Input(v.allButton(), sdk.PropNClicks) && req.Value(t).Int() > 0 {
			all = true
			continue
		}
		if t.Property != sdk.PropClickData || fi >= 0 {
			continue
		}
		clicked := req.Value(t).Ints()
		if len(clicked) != 2 {
			continue
		}
		for i, f := range v.facets {
			if f.id == t.ComponentID {
				fi, cat = i, int(clicked[1])
			}
		}
	}
	if fi < 0 && !all {
		return sdk.PreventUpdate(), nil
	}
	choice := v.choice(req)
	l, err := v.listing(ctx, req, choice)
	if err != nil || len(l.Items) == 0 {
		if err != nil && ctx.Err() != nil {
			return nil, err
		}
		return sdk.PreventUpdate(), nil // the load callback tells what went wrong
	}
	items, what := l.Items, ""
	if fi >= 0 {
		f := v.facets[fi]
		labels, of := f.split(l.Items)
		if cat < 0 || cat >= len(labels) {
			return sdk.PreventUpdate(), nil
		}
		items = nil
		for i, c := range of {
			if c == cat {
				items = append(items, l.Items[i])
			}
		}
		what = f.describeCat(labels[cat])
	}
	return sdk.NewPatch().Fill(v.tableSlot(), v.tableOf(items, req.Ref.Server, what)...), nil
}

// tableOf lists items, the highest ids first, cut to the table's rows,
// under a line saying which they are (what: the category clicked, "" for
// every entry).
func (v *view[T]) tableOf(items []T, server, what string) []sdk.Component {
	sorted := slices.Clone(items)
	slices.SortFunc(sorted, func(a, b T) int { return cmp.Compare(v.id(b), v.id(a)) })
	shown := sorted[:min(len(sorted), v.opts.TableRows)]
	var line string
	switch {
	case what == "":
		line = fmt.Sprintf("Every %s loaded: %s.", v.one, show.Count(len(items)))
	default:
		line = fmt.Sprintf("%s: %s.", show.Escape(what), plural(len(items), v.one, v.noun))
	}
	if len(shown) < len(items) {
		line += fmt.Sprintf(" The %s with the highest ids are listed.", show.Count(len(shown)))
	}
	if what == "" {
		line += " Click a slice or a bar above to list its " + v.noun + " only."
	} else {
		line += " Click *List every " + v.one + "* to list them all again."
	}
	t := &sdk.Table{ID: v.name + "-entries", Columns: v.columns, Sortable: true, Filterable: true}
	for _, e := range shown {
		t.Rows = append(t.Rows, sdk.Row{Cells: v.row(e, server)})
	}
	return []sdk.Component{&sdk.Text{Markdown: line}, t}
}

// idCell links an entity by its id.
func idCell(server string, kind sdk.Kind, id int64) sdk.Cell {
	return sdk.LinkCell(fmt.Sprint(id), evalview.Ref(server, kind, id))
}

// numberCell holds v, or nothing when v is NaN.
func numberCell(v float64) sdk.Cell {
	if v != v {
		return sdk.MissingCell(sdk.CellNumber)
	}
	return sdk.NumberCell(v)
}

// textCell holds s, or nothing when s is "".
func textCell(s string) sdk.Cell {
	if s == "" {
		return sdk.MissingCell(sdk.CellText)
	}
	return sdk.TextCell(s)
}
