package wire

import (
	"fmt"

	"github.com/openml-dash/openml-dash/sdk"
	pb "github.com/openml-dash/openml-dash/sdk/proto"
)

func toprotoRef(r sdk.EntityRef) *pb.EntityRef {
	out := &pb.EntityRef{Server: r.Server, Kind: pb.Kind(r.Kind), Id: r.ID}
	if ids := r.IDs(); len(ids) > 1 {
		out.MoreIds = ids[1:]
	}
	return out
}

func toprotoManifest(m sdk.Manifest) *pb.Manifest {
	out := &pb.Manifest{Name: m.Name, Version: m.Version, Order: int32(m.Order)}
	for _, k := range m.Kinds {
		out.Kinds = append(out.Kinds, pb.Kind(k))
	}
	return out
}

func toprotoPage(p *sdk.Page) (*pb.Page, error) {
	if p == nil {
		return nil, fmt.Errorf("plugin returned no page")
	}
	out := &pb.Page{Title: p.Title}
	if n := p.Notice; n != nil {
		out.Notice = &pb.Notice{Level: pb.NoticeLevel(n.Level), Summary: n.Summary, Detail: n.Detail}
	}
	for _, t := range p.Tabs {
		children, err := toprotoComponents(t.Children)
		if err != nil {
			return nil, fmt.Errorf("tab %q: %w", t.ID, err)
		}
		out.Tabs = append(out.Tabs, &pb.Tab{Id: t.ID, Title: t.Title, Children: children})
	}
	for _, c := range p.Callbacks {
		out.Callbacks = append(out.Callbacks, &pb.CallbackSpec{
			Id:                 c.ID,
			Inputs:             toprotoPropRefs(c.Inputs),
			State:              toprotoPropRefs(c.State),
			Outputs:            toprotoPropRefs(c.Outputs),
			PreventInitialCall: c.PreventInitialCall,
		})
	}
	return out, nil
}

func toprotoPropRefs(rs []sdk.PropRef) []*pb.PropRef {
	out := make([]*pb.PropRef, len(rs))
	for i, r := range rs {
		out[i] = &pb.PropRef{ComponentId: r.ComponentID, Property: r.Property}
	}
	return out
}

func toprotoComponents(cs []sdk.Component) ([]*pb.Component, error) {
	out := make([]*pb.Component, 0, len(cs))
	for _, c := range cs {
		pc, err := toprotoComponent(c)
		if err != nil {
			return nil, err
		}
		out = append(out, pc)
	}
	return out, nil
}

func toprotoOptions(os []sdk.Option) []*pb.Option {
	out := make([]*pb.Option, len(os))
	for i, o := range os {
		out[i] = &pb.Option{Label: o.Label, Value: o.Value}
	}
	return out
}

func toprotoComponent(c sdk.Component) (*pb.Component, error) {
	if c == nil {
		return nil, fmt.Errorf("nil component")
	}
	out := &pb.Component{Id: c.ComponentID()}
	switch c := c.(type) {
	case *sdk.Heading:
		out.Kind = &pb.Component_Heading{Heading: &pb.Heading{Text: c.Text, Level: int32(c.Level)}}
	case *sdk.Text:
		out.Kind = &pb.Component_Text{Text: &pb.Text{Markdown: c.Markdown}}
	case *sdk.Notice:
		out.Kind = &pb.Component_Notice{Notice: &pb.Notice{Level: pb.NoticeLevel(c.Level), Summary: c.Summary, Detail: c.Detail}}
	case *sdk.Table:
		out.Kind = &pb.Component_Table{Table: toprotoTable(c)}
	case *sdk.Chart:
		out.Kind = &pb.Component_Chart{Chart: toprotoChart(c)}
	case *sdk.Container:
		children, err := toprotoComponents(c.Children)
		if err != nil {
			return nil, err
		}
		out.Kind = &pb.Component_Container{Container: &pb.Container{Direction: pb.Direction(c.Direction), GridColumns: int32(c.GridColumns), Children: children}}
	case *sdk.Select:
		out.Kind = &pb.Component_Select{Select: &pb.Select{Label: c.Label, Options: toprotoOptions(c.Options), Multi: c.Multi, Values: c.Values, Disabled: c.Disabled}}
	case *sdk.Radio:
		out.Kind = &pb.Component_Radio{Radio: &pb.Radio{Label: c.Label, Options: toprotoOptions(c.Options), Value: c.Value, Disabled: c.Disabled}}
	case *sdk.Checklist:
		out.Kind = &pb.Component_Checklist{Checklist: &pb.Checklist{Label: c.Label, Options: toprotoOptions(c.Options), Values: c.Values, Disabled: c.Disabled}}
	case *sdk.Button:
		out.Kind = &pb.Component_Button{Button: &pb.Button{Label: c.Label, Disabled: c.Disabled}}
	case *sdk.Link:
		out.Kind = &pb.Component_Link{Link: &pb.Link{Text: c.Text, Ref: toprotoRef(c.Ref)}}
	case *sdk.Slot:
		children, err := toprotoComponents(c.Children)
		if err != nil {
			return nil, err
		}
		out.Kind = &pb.Component_Slot{Slot: &pb.Slot{Children: children}}
	default:
		return nil, fmt.Errorf("unknown component type %T", c)
	}
	return out, nil
}

func toprotoTable(t *sdk.Table) *pb.Table {
	out := &pb.Table{Selection: pb.Selection(t.Selection), Sortable: t.Sortable, Filterable: t.Filterable}
	for _, c := range t.Columns {
		out.Columns = append(out.Columns, &pb.Column{Id: c.ID, Title: c.Title, Type: pb.CellType(c.Type)})
	}
	for _, r := range t.SortedRows {
		out.SortedRows = append(out.SortedRows, int32(r))
	}
	for _, r := range t.SelectedRows {
		out.SelectedRows = append(out.SelectedRows, int32(r))
	}
	out.Rows = make([]*pb.Row, len(t.Rows))
	for i, r := range t.Rows {
		pr := &pb.Row{Emphasis: r.Emphasis, Cells: make([]*pb.Cell, len(r.Cells))}
		for j, c := range r.Cells {
			pr.Cells[j] = toprotoCell(c)
		}
		out.Rows[i] = pr
	}
	return out
}

// A missing cell is sent with no value; its column gives the type.
func toprotoCell(c sdk.Cell) *pb.Cell {
	out := &pb.Cell{StyleLevel: int32(c.StyleLevel)}
	if c.Missing {
		return out
	}
	switch c.Type {
	case sdk.CellText:
		out.Value = &pb.Cell_Text{Text: c.Text}
	case sdk.CellNumber:
		out.Value = &pb.Cell_Number{Number: c.Number}
	case sdk.CellBool:
		out.Value = &pb.Cell_Flag{Flag: c.Flag}
	case sdk.CellLink:
		out.Value = &pb.Cell_Link{Link: toprotoRef(c.Link)}
		out.Label = c.Text
	}
	return out
}

func toprotoAxis(a sdk.Axis) *pb.Axis {
	return &pb.Axis{Title: a.Title, Log: a.Log, Categories: a.Categories, Time: a.Time}
}

func toprotoChart(c *sdk.Chart) *pb.Chart {
	out := &pb.Chart{Kind: pb.ChartKind(c.Kind), Title: c.Title, XAxis: toprotoAxis(c.X), YAxis: toprotoAxis(c.Y), Legend: c.Legend, Horizontal: c.Horizontal,
		BarMode: pb.BarMode(c.Barmode), Height: int32(c.Height)}
	if c.ColorAxis.Title != "" || c.ColorAxis.Log || len(c.ColorAxis.Categories) > 0 || c.ColorAxis.Time {
		out.ColorAxis = toprotoAxis(c.ColorAxis)
	}
	for _, d := range c.Dimensions {
		out.Dimensions = append(out.Dimensions, toprotoAxis(d))
	}
	for _, s := range c.Series {
		ps := &pb.Series{Name: s.Name, X: s.X, Y: s.Y, Labels: s.Labels, Z: s.Z, Color: s.Color}
		for _, l := range s.Links {
			ps.Links = append(ps.Links, toprotoRef(l))
		}
		for _, d := range s.Dims {
			ps.Dims = append(ps.Dims, &pb.Values{Values: d})
		}
		out.Series = append(out.Series, ps)
	}
	return out
}

func toprotoValue(v sdk.Value) (*pb.Value, error) {
	out := &pb.Value{}
	switch x := v.Raw().(type) {
	case nil:
	case string:
		out.Kind = &pb.Value_Str{Str: x}
	case []string:
		out.Kind = &pb.Value_Strs{Strs: &pb.StringList{Values: x}}
	case int64:
		out.Kind = &pb.Value_Int{Int: x}
	case []int64:
		out.Kind = &pb.Value_Ints{Ints: &pb.IntList{Values: x}}
	case float64:
		out.Kind = &pb.Value_Num{Num: x}
	case bool:
		out.Kind = &pb.Value_Flag{Flag: x}
	case []sdk.Component:
		cs, err := toprotoComponents(x)
		if err != nil {
			return nil, err
		}
		out.Kind = &pb.Value_Children{Children: &pb.ComponentList{Components: cs}}
	default:
		return nil, fmt.Errorf("value of unsupported type %T", x)
	}
	return out, nil
}

func toprotoArgs(args []sdk.Arg) ([]*pb.PropValue, error) {
	out := make([]*pb.PropValue, len(args))
	for i, a := range args {
		v, err := toprotoValue(a.Value)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", a.Ref, err)
		}
		out[i] = &pb.PropValue{Ref: &pb.PropRef{ComponentId: a.Ref.ComponentID, Property: a.Ref.Property}, Value: v}
	}
	return out, nil
}

func toprotoCallbackRequest(r *sdk.CallbackRequest) (*pb.CallbackRequest, error) {
	inputs, err := toprotoArgs(r.Inputs)
	if err != nil {
		return nil, err
	}
	state, err := toprotoArgs(r.State)
	if err != nil {
		return nil, err
	}
	return &pb.CallbackRequest{Ref: toprotoRef(r.Ref), CallbackId: r.ID, Inputs: inputs, State: state, Triggered: toprotoPropRefs(r.Triggered)}, nil
}

func toprotoPatch(p *sdk.Patch) (*pb.Patch, error) {
	if p == nil {
		return nil, fmt.Errorf("callback returned no patch")
	}
	out := &pb.Patch{PreventUpdate: p.PreventUpdate}
	for _, o := range p.Outputs {
		v, err := toprotoValue(o.Value)
		if err != nil {
			return nil, fmt.Errorf("output %s: %w", o.Ref, err)
		}
		out.Outputs = append(out.Outputs, &pb.Output{Ref: &pb.PropRef{ComponentId: o.Ref.ComponentID, Property: o.Ref.Property}, Value: v, NoUpdate: o.NoUpdate})
	}
	return out, nil
}
