package wire

import (
	"reflect"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	"github.com/openml-dash/openml-dash/sdk"
	pb "github.com/openml-dash/openml-dash/sdk/proto"
)

// fuzzPage has every kind of component, nested, and callbacks.
func fuzzPage() *sdk.Page {
	ref := sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindRun, ID: 539275}
	table := &sdk.Table{ID: "t", Columns: []sdk.Column{{ID: "a", Title: "A"}, {ID: "n", Type: sdk.CellNumber}, {ID: "b", Type: sdk.CellBool}, {ID: "l", Type: sdk.CellLink}},
		Rows: []sdk.Row{
			{Cells: []sdk.Cell{sdk.TextCell("x"), sdk.NumberCell(1.5), sdk.BoolCell(true), sdk.LinkCell("run", ref)}, Emphasis: true},
			{Cells: []sdk.Cell{sdk.MissingCell(sdk.CellText), sdk.MissingCell(sdk.CellNumber).Styled(3), sdk.TextCell("extra"), sdk.TextCell("more"), sdk.NumberCell(2)}},
		},
		Selection: sdk.SelectMulti, SelectedRows: []int{1, -1, 99}, SortedRows: []int{1, 0}, Sortable: true, Filterable: true}
	chart := &sdk.Chart{ID: "c", Kind: sdk.ChartScatterMatrix, Title: "c", X: sdk.Axis{Title: "x", Log: true}, Y: sdk.Axis{Categories: []string{"a", "b"}, Time: true},
		Series:     []sdk.Series{{Name: "s", X: []float64{1, 2}, Y: []float64{3}, Labels: []string{"p"}, Links: []sdk.EntityRef{ref}, Z: []float64{1}, Color: []float64{0.5}, Dims: [][]float64{{1, 2}, {3}}}},
		Dimensions: []sdk.Axis{{Title: "d"}}, Legend: true, Horizontal: true, Barmode: sdk.BarModeOverlay, Height: 740}
	return &sdk.Page{
		Title: "run 539275",
		Tabs: []sdk.Tab{
			{ID: "one", Title: "One", Children: []sdk.Component{
				&sdk.Heading{ID: "h", Text: "Title", Level: 2},
				&sdk.Text{Markdown: "*md*"},
				&sdk.Notice{ID: "n", Level: sdk.Error, Summary: "s", Detail: "d"},
				table, chart,
				&sdk.Container{ID: "box", Direction: sdk.GridDirection, GridColumns: 3, Children: []sdk.Component{
					&sdk.Select{ID: "sel", Label: "L", Options: sdk.Options("a", "b"), Multi: true, Values: []string{"a"}, Disabled: true},
					&sdk.Radio{ID: "r", Options: sdk.Options("x"), Value: "x"},
					&sdk.Container{Direction: sdk.RowDirection, Children: []sdk.Component{
						&sdk.Checklist{ID: "cl", Options: sdk.Options("p", "q"), Values: []string{"q"}},
						&sdk.Button{ID: "go", Label: "Go"},
						&sdk.Link{ID: "ln", Text: "flow", Ref: sdk.EntityRef{Kind: sdk.KindFlow, ID: 5270}},
					}},
				}},
				&sdk.Slot{ID: "out", Children: []sdk.Component{&sdk.Text{ID: "dup"}, &sdk.Text{ID: "dup"}}},
			}},
			{ID: "two", Title: "Two"},
		},
		Callbacks: []sdk.Callback{
			{ID: "cb", Inputs: []sdk.PropRef{sdk.Input("sel", sdk.PropValue), sdk.Input("go", sdk.PropNClicks)}, State: []sdk.PropRef{sdk.State("r", sdk.PropValue)},
				Outputs: []sdk.PropRef{sdk.Output("out", sdk.PropChildren), sdk.Output("t", sdk.PropSelectedRows)}, PreventInitialCall: true},
			{ID: "", Inputs: []sdk.PropRef{sdk.Input("nowhere", "bogus")}},
		},
	}
}

// fuzzNested is a page whose one tab holds containers nested depth deep.
func fuzzNested(depth int) *sdk.Page {
	var c sdk.Component = &sdk.Text{ID: "leaf"}
	for range depth {
		c = &sdk.Container{Children: []sdk.Component{c}}
	}
	return &sdk.Page{Tabs: []sdk.Tab{{ID: "deep", Children: []sdk.Component{c}}}}
}

// fuzzMarshal encodes what toproto makes of v, as a plugin sends it.
func fuzzMarshal(tb testing.TB, v any) []byte {
	var m proto.Message
	var err error
	switch v := v.(type) {
	case *sdk.Page:
		m, err = toprotoPage(v)
	case *sdk.Patch:
		m, err = toprotoPatch(v)
	case *sdk.CallbackRequest:
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
func componentDepth(cs []sdk.Component) int {
	d := 0
	for _, c := range cs {
		d = max(d, 1+componentDepth(sdk.Children(c)))
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
	kids := sdk.ChildrenValue(&sdk.Slot{ID: "s", Children: []sdk.Component{&sdk.Button{ID: "b", NClicks: 3}}}, &sdk.Table{ID: "t2"})
	patch := sdk.NewPatch().Set(sdk.Output("out", sdk.PropChildren), kids).Set(sdk.Output("sel", sdk.PropValue), sdk.StrsValue([]string{"a", "b"})).
		Set(sdk.Output("r", sdk.PropValue), sdk.StrValue("x")).Set(sdk.Output("t", sdk.PropSelectedRows), sdk.IntsValue([]int64{0, 1 << 40})).
		Set(sdk.Output("go", sdk.PropNClicks), sdk.IntValue(-1)).Set(sdk.Output("x", "num"), sdk.NumValue(1.5)).Set(sdk.Output("x", sdk.PropDisabled), sdk.BoolValue(true)).
		Set(sdk.Output("y", "none"), sdk.None).Skip(sdk.Output("z", sdk.PropValue))
	req := &sdk.CallbackRequest{Ref: sdk.EntityRef{Server: "https://test.openml.org", Kind: sdk.KindData, ID: 1}, ID: "cb",
		Inputs: []sdk.Arg{{Ref: sdk.Input("sel", sdk.PropValue), Value: sdk.StrsValue([]string{"a"})}, {Ref: sdk.Input("out", sdk.PropChildren), Value: kids}},
		State:  []sdk.Arg{{Ref: sdk.State("r", sdk.PropValue), Value: sdk.None}}, Triggered: []sdk.PropRef{sdk.Input("sel", sdk.PropValue)}}
	for _, seed := range []struct {
		v    any
		kind byte
	}{
		{fuzzPage(), 0}, {fuzzNested(50), 0}, {&sdk.Page{}, 0},
		{&sdk.Page{Tabs: []sdk.Tab{{Children: []sdk.Component{&sdk.Table{Columns: []sdk.Column{{Type: sdk.CellLink}}, Rows: []sdk.Row{{Cells: []sdk.Cell{sdk.MissingCell(sdk.CellBool)}}}}}}}}, 0}, {patch, 1}, {sdk.PreventUpdate(), 1}, {req, 2},
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
			roundTrip(t, data, fromprotoPage, toprotoPage, func(p *sdk.Page) {
				for _, tab := range p.Tabs {
					checkComponents(t, tab.Children)
				}
			})
		case 1:
			roundTrip(t, data, fromprotoPatch, toprotoPatch, func(p *sdk.Patch) {
				for _, o := range p.Outputs {
					checkComponents(t, o.Value.Children())
					_ = o.Value.String()
				}
			})
		case 2:
			roundTrip(t, data, fromprotoCallbackRequest, toprotoCallbackRequest, func(r *sdk.CallbackRequest) {
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
func checkComponents(t *testing.T, cs []sdk.Component) {
	if d := componentDepth(cs); d > maxDepth {
		t.Fatalf("components nest %d deep, more than the %d the host takes", d, maxDepth)
	}
	sdk.Walk(cs, func(c sdk.Component) bool {
		if c == nil {
			t.Fatal("a nil component")
		}
		switch c := c.(type) {
		case *sdk.Table:
			for _, col := range c.Columns {
				_ = col.Type.String()
			}
			for _, r := range c.Rows {
				for _, cell := range r.Cells {
					_, _ = cell.Type.String(), cell.Link.String()
				}
			}
		case *sdk.Chart:
			_, _ = c.Kind.String(), c.Barmode.String()
			for _, s := range c.Series {
				for _, l := range s.Links {
					_ = l.String()
				}
			}
		case *sdk.Notice:
			_ = c.Level.String()
		case *sdk.Link:
			_ = c.Ref.String()
		}
		return true
	})
}

// A comparison's runs cross the wire in order; a ref of one entity has no
// more ids on the wire.
func TestRefWire_comparison(t *testing.T) {
	r, err := sdk.CompareRuns("https://test.openml.org", 219, 221, 220)
	if err != nil {
		t.Fatal(err)
	}
	if got := fromprotoRef(toprotoRef(r)); got != r {
		t.Fatalf("round trip: %+v, want %+v", got, r)
	}
	one := sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindRun, ID: 539275}
	if w := toprotoRef(one); len(w.MoreIds) != 0 {
		t.Fatalf("one run sent more ids: %v", w.MoreIds)
	}
}
