package wire

import (
	"github.com/openml-dash/openml-dash/sdk"
	pb "github.com/openml-dash/openml-dash/sdk/proto"
)

func fromprotoRef(r *pb.EntityRef) sdk.EntityRef {
	if r == nil {
		return sdk.EntityRef{}
	}
	out := sdk.EntityRef{Server: r.GetServer(), Kind: sdk.Kind(r.GetKind()), ID: r.GetId()}
	// More ids than a ref holds are dropped: MaxCompared bounds what any
	// page compares, and the plugin answers for the runs it was given.
	copy(out.More[:], r.GetMoreIds())
	return out
}

func fromprotoManifest(m *pb.Manifest) sdk.Manifest {
	out := sdk.Manifest{Name: m.GetName(), Version: m.GetVersion(), Order: int(m.GetOrder())}
	for _, k := range m.GetKinds() {
		out.Kinds = append(out.Kinds, sdk.Kind(k))
	}
	return out
}

func fromprotoPage(p *pb.Page) *sdk.Page {
	out := &sdk.Page{Title: p.GetTitle()}
	if n := p.GetNotice(); n != nil {
		out.Notice = &sdk.Notice{Level: sdk.NoticeLevel(n.GetLevel()), Summary: n.GetSummary(), Detail: n.GetDetail()}
	}
	for _, t := range p.GetTabs() {
		out.Tabs = append(out.Tabs, sdk.Tab{ID: t.GetId(), Title: t.GetTitle(), Children: fromprotoComponents(t.GetChildren())})
	}
	for _, c := range p.GetCallbacks() {
		out.Callbacks = append(out.Callbacks, sdk.Callback{
			ID:                 c.GetId(),
			Inputs:             fromprotoPropRefs(c.GetInputs()),
			State:              fromprotoPropRefs(c.GetState()),
			Outputs:            fromprotoPropRefs(c.GetOutputs()),
			PreventInitialCall: c.GetPreventInitialCall(),
		})
	}
	return out
}

func fromprotoPropRef(r *pb.PropRef) sdk.PropRef {
	return sdk.PropRef{ComponentID: r.GetComponentId(), Property: r.GetProperty()}
}

func fromprotoPropRefs(rs []*pb.PropRef) []sdk.PropRef {
	if len(rs) == 0 {
		return nil
	}
	out := make([]sdk.PropRef, len(rs))
	for i, r := range rs {
		out[i] = fromprotoPropRef(r)
	}
	return out
}

func fromprotoComponents(cs []*pb.Component) []sdk.Component {
	out := make([]sdk.Component, 0, len(cs))
	for _, c := range cs {
		if pc := fromprotoComponent(c); pc != nil {
			out = append(out, pc)
		}
	}
	return out
}

func fromprotoOptions(os []*pb.Option) []sdk.Option {
	out := make([]sdk.Option, len(os))
	for i, o := range os {
		out[i] = sdk.Option{Label: o.GetLabel(), Value: o.GetValue()}
	}
	return out
}

// An unknown component kind (from a newer plugin) becomes a notice rather
// than failing the page.
func fromprotoComponent(c *pb.Component) sdk.Component {
	id := c.GetId()
	switch k := c.GetKind().(type) {
	case *pb.Component_Heading:
		return &sdk.Heading{ID: id, Text: k.Heading.GetText(), Level: int(k.Heading.GetLevel())}
	case *pb.Component_Text:
		return &sdk.Text{ID: id, Markdown: k.Text.GetMarkdown()}
	case *pb.Component_Notice:
		return &sdk.Notice{ID: id, Level: sdk.NoticeLevel(k.Notice.GetLevel()), Summary: k.Notice.GetSummary(), Detail: k.Notice.GetDetail()}
	case *pb.Component_Table:
		return fromprotoTable(id, k.Table)
	case *pb.Component_Chart:
		return fromprotoChart(id, k.Chart)
	case *pb.Component_Container:
		return &sdk.Container{ID: id, Direction: sdk.Direction(k.Container.GetDirection()), GridColumns: int(k.Container.GetGridColumns()), Children: fromprotoComponents(k.Container.GetChildren())}
	case *pb.Component_Select:
		return &sdk.Select{ID: id, Label: k.Select.GetLabel(), Options: fromprotoOptions(k.Select.GetOptions()), Multi: k.Select.GetMulti(), Values: k.Select.GetValues(), Disabled: k.Select.GetDisabled()}
	case *pb.Component_Radio:
		return &sdk.Radio{ID: id, Label: k.Radio.GetLabel(), Options: fromprotoOptions(k.Radio.GetOptions()), Value: k.Radio.GetValue(), Disabled: k.Radio.GetDisabled()}
	case *pb.Component_Checklist:
		return &sdk.Checklist{ID: id, Label: k.Checklist.GetLabel(), Options: fromprotoOptions(k.Checklist.GetOptions()), Values: k.Checklist.GetValues(), Disabled: k.Checklist.GetDisabled()}
	case *pb.Component_Button:
		return &sdk.Button{ID: id, Label: k.Button.GetLabel(), Disabled: k.Button.GetDisabled()}
	case *pb.Component_Link:
		return &sdk.Link{ID: id, Text: k.Link.GetText(), Ref: fromprotoRef(k.Link.GetRef())}
	case *pb.Component_Slot:
		return &sdk.Slot{ID: id, Children: fromprotoComponents(k.Slot.GetChildren())}
	}
	return &sdk.Notice{ID: id, Level: sdk.Warning, Summary: "Unsupported component", Detail: "The plugin sent a component this version of openml-dash cannot show; update openml-dash."}
}

func fromprotoTable(id string, t *pb.Table) *sdk.Table {
	out := &sdk.Table{ID: id, Selection: sdk.Selection(t.GetSelection()), Sortable: t.GetSortable(), Filterable: t.GetFilterable()}
	for _, c := range t.GetColumns() {
		out.Columns = append(out.Columns, sdk.Column{ID: c.GetId(), Title: c.GetTitle(), Type: sdk.CellType(c.GetType())})
	}
	for _, r := range t.GetSortedRows() {
		out.SortedRows = append(out.SortedRows, int(r))
	}
	for _, r := range t.GetSelectedRows() {
		out.SelectedRows = append(out.SelectedRows, int(r))
	}
	out.Rows = make([]sdk.Row, len(t.GetRows()))
	for i, r := range t.GetRows() {
		row := sdk.Row{Emphasis: r.GetEmphasis(), Cells: make([]sdk.Cell, len(r.GetCells()))}
		for j, c := range r.GetCells() {
			typ := sdk.CellText
			if j < len(out.Columns) {
				typ = out.Columns[j].Type
			}
			row.Cells[j] = fromprotoCell(c, typ)
		}
		out.Rows[i] = row
	}
	return out
}

func fromprotoCell(c *pb.Cell, colType sdk.CellType) sdk.Cell {
	out := sdk.Cell{StyleLevel: int(c.GetStyleLevel())}
	switch v := c.GetValue().(type) {
	case *pb.Cell_Text:
		out.Type, out.Text = sdk.CellText, v.Text
	case *pb.Cell_Number:
		out.Type, out.Number = sdk.CellNumber, v.Number
	case *pb.Cell_Flag:
		out.Type, out.Flag = sdk.CellBool, v.Flag
	case *pb.Cell_Link:
		out.Type, out.Link, out.Text = sdk.CellLink, fromprotoRef(v.Link), c.GetLabel()
	default:
		out.Type, out.Missing = colType, true
	}
	return out
}

func fromprotoAxis(a *pb.Axis) sdk.Axis {
	return sdk.Axis{Title: a.GetTitle(), Log: a.GetLog(), Categories: a.GetCategories(), Time: a.GetTime()}
}

func fromprotoChart(id string, c *pb.Chart) *sdk.Chart {
	out := &sdk.Chart{ID: id, Kind: sdk.ChartKind(c.GetKind()), Title: c.GetTitle(), X: fromprotoAxis(c.GetXAxis()), Y: fromprotoAxis(c.GetYAxis()), Legend: c.GetLegend(), Horizontal: c.GetHorizontal(),
		Barmode: sdk.BarMode(c.GetBarMode()), ColorAxis: fromprotoAxis(c.GetColorAxis()), Height: int(c.GetHeight())}
	for _, d := range c.GetDimensions() {
		out.Dimensions = append(out.Dimensions, fromprotoAxis(d))
	}
	for _, s := range c.GetSeries() {
		series := sdk.Series{Name: s.GetName(), X: s.GetX(), Y: s.GetY(), Labels: s.GetLabels(), Z: s.GetZ(), Color: s.GetColor()}
		for _, l := range s.GetLinks() {
			series.Links = append(series.Links, fromprotoRef(l))
		}
		for _, d := range s.GetDims() {
			series.Dims = append(series.Dims, d.GetValues())
		}
		out.Series = append(out.Series, series)
	}
	return out
}

func fromprotoValue(v *pb.Value) sdk.Value {
	switch k := v.GetKind().(type) {
	case *pb.Value_Str:
		return sdk.StrValue(k.Str)
	case *pb.Value_Strs:
		return sdk.StrsValue(k.Strs.GetValues())
	case *pb.Value_Int:
		return sdk.IntValue(k.Int)
	case *pb.Value_Ints:
		return sdk.IntsValue(k.Ints.GetValues())
	case *pb.Value_Num:
		return sdk.NumValue(k.Num)
	case *pb.Value_Flag:
		return sdk.BoolValue(k.Flag)
	case *pb.Value_Children:
		return sdk.ChildrenValue(fromprotoComponents(k.Children.GetComponents())...)
	}
	return sdk.None
}

func fromprotoArgs(pvs []*pb.PropValue) []sdk.Arg {
	out := make([]sdk.Arg, len(pvs))
	for i, pv := range pvs {
		out[i] = sdk.Arg{Ref: fromprotoPropRef(pv.GetRef()), Value: fromprotoValue(pv.GetValue())}
	}
	return out
}

func fromprotoCallbackRequest(r *pb.CallbackRequest) *sdk.CallbackRequest {
	return &sdk.CallbackRequest{
		Ref:       fromprotoRef(r.GetRef()),
		ID:        r.GetCallbackId(),
		Inputs:    fromprotoArgs(r.GetInputs()),
		State:     fromprotoArgs(r.GetState()),
		Triggered: fromprotoPropRefs(r.GetTriggered()),
	}
}

func fromprotoPatch(p *pb.Patch) *sdk.Patch {
	out := &sdk.Patch{PreventUpdate: p.GetPreventUpdate()}
	for _, o := range p.GetOutputs() {
		out.Outputs = append(out.Outputs, sdk.OutputValue{Ref: fromprotoPropRef(o.GetRef()), Value: fromprotoValue(o.GetValue()), NoUpdate: o.GetNoUpdate()})
	}
	return out
}
