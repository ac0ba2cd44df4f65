package sdk

import (
	"reflect"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	pb "github.com/openml-dash/openml-dash/sdk/proto"
)

// fuzzPage has every kind of component, nested, and callbacks.
func fuzzPage() *Page {
	ref := EntityRef{Server: DefaultServer, Kind: KindRun, ID: 539275}
	table := &Table{ID: "t", Columns: []Column{{ID: "a", Title: "A"}, {ID: "n", Type: CellNumber}, {ID: "b", Type: CellBool}, {ID: "l", Type: CellLink}},
		Rows: []Row{
			{Cells: []Cell{TextCell("x"), NumberCell(1.5), BoolCell(true), LinkCell("run", ref)}, Emphasis: true},
			{Cells: []Cell{MissingCell(CellText), MissingCell(CellNumber).Styled(3), TextCell("extra"), TextCell("more"), NumberCell(2)}},
		},
		Selection: SelectMulti, SelectedRows: []int{1, -1, 99}, SortedRows: []int{1, 0}, Sortable: true, Filterable: true}
	chart := &Chart{ID: "c", Kind: ChartScatterMatrix, Title: "c", X: Axis{Title: "x", Log: true}, Y: Axis{Categories: []string{"a", "b"}, Time: true},
		Series:     []Series{{Name: "s", X: []float64{1, 2}, Y: []float64{3}, Labels: []string{"p"}, Links: []EntityRef{ref}, Z: []float64{1}, Color: []float64{0.5}, Dims: [][]float64{{1, 2}, {3}}}},
		Dimensions: []Axis{{Title: "d"}}, Legend: true, Horizontal: true, Barmode: BarModeOverlay, Height: 740}
	return &Page{
		Title: "run 539275",
		Tabs: []Tab{
			{ID: "one", Title: "One", Children: []Component{
				&Heading{ID: "h", Text: "Title", Level: 2},
				&Text{Markdown: "*md*"},
				&Notice{ID: "n", Level: Error, Summary: "s", Detail: "d"},
				table, chart,
				&Container{ID: "box", Direction: GridDirection, GridColumns: 3, Children: []Component{
					&Select{ID: "sel", Label: "L", Options: Options("a", "b"), Multi: true, Values: []string{"a"}, Disabled: true},
					&Radio{ID: "r", Options: Options("x"), Value: "x"},
					&Container{Direction: RowDirection, Children: []Component{
						&Checklist{ID: "cl", Options: Options("p", "q"), Values: []string{"q"}},
						&Button{ID: "go", Label: "Go"},
						&Link{ID: "ln", Text: "flow", Ref: EntityRef{Kind: KindFlow, ID: 5270}},
					}},
				}},
				&Slot{ID: "out", Children: []Component{&Text{ID: "dup"}, &Text{ID: "dup"}}},
			}},
			{ID: "two", Title: "Two"},
		},
		Callbacks: []Callback{
			{ID: "cb", Inputs: []PropRef{Input("sel", PropValue), Input("go", PropNClicks)}, State: []PropRef{State("r", PropValue)},
				Outputs: []PropRef{Output("out", PropChildren), Output("t", PropSelectedRows)}, PreventInitialCall: true},
			{ID: "", Inputs: []PropRef{Input("nowhere", "bogus")}},
		},
	}
}

// fuzzNested is a page whose one tab holds containers nested depth deep.
func fuzzNested(depth int) *Page {
	var c Component = &Text{ID: "leaf"}
	for range depth {
		c = &Container{Children: []Component{c}}
	}
	return &Page{Tabs: []Tab{{ID: "deep", Children: []Component{c}}}}
}

// fuzzMarshal encodes what toproto makes of v, as a plugin sends it.
func fuzzMarshal(tb testing.TB, v any) []byte {
	var m proto.Message
	var err error
	switch v := v.(type) {
	case *Page:
		m, err = toprotoPage(v)
	case *Patch:
		m, err = toprotoPatch(v)
	case *CallbackRequest:
		m, err = toprotoCallbackRequest(v)
	}
	if err != nil {
		tb.Fatal(err)
	}
	b, err := proto.Marshal(m)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// componentDepth is how deep components nest in cs (1 for a flat list).
func componentDepth(cs []Component) int {
	d := 0
	for _, c := range cs {
		d = max(d, 1+componentDepth(Children(c)))
	}
	return d
}

// maxDepth bounds how deep components can nest in a message the host
// accepts: proto.Unmarshal, as gRPC's codec calls it, refuses messages
// nested deeper than protowire.DefaultRecursionLimit, and each level of
// components is two messages (Component, then Container or Slot).
const maxDepth = protowire.DefaultRecursionLimit / 2

// FuzzFromProto decodes arbitrary bytes as a plugin's Page, a Patch (a
// callback's answer) or a CallbackRequest, as gRPC does, and converts them:
// that must not panic, the result must nest no deeper than maxDepth, its
// enums must print, and converting it back and again must change nothing.
func FuzzFromProto(f *testing.F) {
	kids := ChildrenValue(&Slot{ID: "s", Children: []Component{&Button{ID: "b", NClicks: 3}}}, &Table{ID: "t2"})
	patch := NewPatch().Set(Output("out", PropChildren), kids).Set(Output("sel", PropValue), StrsValue([]string{"a", "b"})).
		Set(Output("r", PropValue), StrValue("x")).Set(Output("t", PropSelectedRows), IntsValue([]int64{0, 1 << 40})).
		Set(Output("go", PropNClicks), IntValue(-1)).Set(Output("x", "num"), NumValue(1.5)).Set(Output("x", PropDisabled), BoolValue(true)).
		Set(Output("y", "none"), None).Skip(Output("z", PropValue))
	req := &CallbackRequest{Ref: EntityRef{Server: "https://test.openml.org", Kind: KindData, ID: 1}, ID: "cb",
		Inputs: []Arg{{Ref: Input("sel", PropValue), Value: StrsValue([]string{"a"})}, {Ref: Input("out", PropChildren), Value: kids}},
		State:  []Arg{{Ref: State("r", PropValue), Value: None}}, Triggered: []PropRef{Input("sel", PropValue)}}
	for _, seed := range []struct {
		v    any
		kind byte
	}{
		{fuzzPage(), 0}, {fuzzNested(50), 0}, {&Page{}, 0},
		{&Page{Tabs: []Tab{{Children: []Component{&Table{Columns: []Column{{Type: CellLink}}, Rows: []Row{{Cells: []Cell{MissingCell(CellBool)}}}}}}}}, 0}, {patch, 1}, {PreventUpdate(), 1}, {req, 2},
	} {
		f.Add(fuzzMarshal(f, seed.v), seed.kind)
	}
	f.Add([]byte{0x12, 0x02, 0x1a, 0x00}, byte(0))             // a tab with an empty component
	f.Add([]byte{0x12, 0x04, 0x1a, 0x02, 0x08, 0x09}, byte(0)) // an unknown field
	// The host refuses a page nested deeper than maxDepth: what it
	// accepts, it walks recursively.
	if err := proto.Unmarshal(fuzzMarshal(f, fuzzNested(maxDepth+1)), new(pb.Page)); err == nil {
		f.Fatalf("a page nested %d deep was accepted", maxDepth+1)
	}
	f.Fuzz(func(t *testing.T, data []byte, kind byte) {
		switch kind % 3 {
		case 0:
			roundTrip(t, data, fromprotoPage, toprotoPage, func(p *Page) {
				for _, tab := range p.Tabs {
					checkComponents(t, tab.Children)
				}
			})
		case 1:
			roundTrip(t, data, fromprotoPatch, toprotoPatch, func(p *Patch) {
				for _, o := range p.Outputs {
					checkComponents(t, o.Value.Children())
					_ = o.Value.String()
				}
			})
		case 2:
			roundTrip(t, data, fromprotoCallbackRequest, toprotoCallbackRequest, func(r *CallbackRequest) {
				_ = r.Ref.String()
				for _, a := range append(r.Inputs, r.State...) {
					checkComponents(t, a.Value.Children())
				}
			})
		}
	})
}

// roundTrip decodes data as gRPC does and converts it with from: when
// proto accepts it, check must pass on the result, and converting it back
// with to and again with from must give the same value.
func roundTrip[M any, PM interface {
	*M
	proto.Message
}, V any](t *testing.T, data []byte, from func(PM) V, to func(V) (PM, error), check func(V)) {
	m := PM(new(M))
	if proto.Unmarshal(data, m) != nil {
		return
	}
	v := from(m)
	check(v)
	back, err := to(v)
	if err != nil {
		t.Fatalf("converting %T back: %v", v, err)
	}
	if again := from(back); !reflect.DeepEqual(v, again) {
		t.Fatalf("%T changed on its way back:\n%#v\n%#v", v, v, again)
	}
}

// checkComponents checks the nesting of cs and that the enums and refs
// in it print, as the host's UI and render print them.
func checkComponents(t *testing.T, cs []Component) {
	if d := componentDepth(cs); d > maxDepth {
		t.Fatalf("components nest %d deep, more than the %d the host takes", d, maxDepth)
	}
	Walk(cs, func(c Component) bool {
		if c == nil {
			t.Fatal("a nil component")
		}
		switch c := c.(type) {
		case *Table:
			for _, col := range c.Columns {
				_ = col.Type.String()
			}
			for _, r := range c.Rows {
				for _, cell := range r.Cells {
					_, _ = cell.Type.String(), cell.Link.String()
				}
			}
		case *Chart:
			_, _ = c.Kind.String(), c.Barmode.String()
			for _, s := range c.Series {
				for _, l := range s.Links {
					_ = l.String()
				}
			}
		case *Notice:
			_ = c.Level.String()
		case *Link:
			_ = c.Ref.String()
		}
		return true
	})
}

// A comparison's runs cross the wire in order; a ref of one entity has no
// more ids on the wire.
func TestRefWire_comparison(t *testing.T) {
	r, err := CompareRuns("https://test.openml.org", 219, 221, 220)
	if err != nil {
		t.Fatal(err)
	}
	if got := fromprotoRef(toprotoRef(r)); got != r {
		t.Fatalf("round trip: %+v, want %+v", got, r)
	}
	one := EntityRef{Server: DefaultServer, Kind: KindRun, ID: 539275}
	if w := toprotoRef(one); len(w.MoreIds) != 0 {
		t.Fatalf("one run sent more ids: %v", w.MoreIds)
	}
}
