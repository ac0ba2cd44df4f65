package compare

import (
	"context"
	"fmt"
	"slices"

	"github.com/openml-dash/openml-dash/plugins/internal/show"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// param is one parameter across the runs: set[i] says whether run i sets
// it, values[i] to what.
type param struct {
	name, component string
	values          []string
	set             []bool
	differs         bool
}

// diffParams matches the runs' parameter settings by name and component,
// in the order the runs first set them. A parameter differs when two runs
// give it different values or one run does not set it.
func diffParams(runs []*openml.Run) []param {
	type key struct{ name, component string }
	var order []key
	byKey := map[key]*param{}
	for i, r := range runs {
		for _, s := range r.ParameterSettings {
			k := key{s.Name, s.Component}
			p := byKey[k]
			if p == nil {
				p = &param{name: s.Name, component: s.Component, values: make([]string, len(runs)), set: make([]bool, len(runs))}
				byKey[k] = p
				order = append(order, k)
			}
			if !p.set[i] { // a setting given twice counts once
				p.values[i], p.set[i] = s.Value, true
			}
		}
	}
	out := make([]param, len(order))
	for i, k := range order {
		p := byKey[k]
		for j := range runs {
			if !p.set[j] || p.values[j] != p.values[0] {
				p.differs = true
			}
		}
		out[i] = *p
	}
	// Differing parameters first, each group in its first-set order.
	slices.SortStableFunc(out, func(a, b param) int {
		switch {
		case a.differs == b.differs:
			return 0
		case a.differs:
			return -1
		}
		return 1
	})
	return out
}

// parametersTab is a summary, the table of the parameters that differ and
// a checkbox that unfolds those set alike below them; when all differ, or
// none does, the table shows them all.
func parametersTab(l *loaded) ([]sdk.Component, []sdk.Callback) {
	ps := diffParams(l.runs)
	if len(ps) == 0 {
		return []sdk.Component{&sdk.Text{Markdown: "None of the runs sets a parameter: their flows' defaults apply."}}, nil
	}
	differ := 0
	for _, p := range ps {
		if p.differs {
			differ++
		}
	}
	same := len(ps) - differ
	var summary string
	switch {
	case differ == 0:
		summary = fmt.Sprintf("The runs set all %d parameters alike.", len(ps))
	case same == 0:
		summary = fmt.Sprintf("All %d parameters differ between the runs, or are set by some runs only.", len(ps))
	default:
		summary = fmt.Sprintf("%d of %d parameters differ between the runs, or are set by some runs only: they are listed in bold, and the %d set alike are folded below them.", differ, len(ps), same)
	}
	summary += " Parameters are matched by name and component."
	if flows := distinctFlows(l.runs); len(flows) > 1 {
		summary += fmt.Sprintf(" The runs use %d different flows, so a parameter one flow lacks shows as missing.", len(flows))
	}
	out := []sdk.Component{&sdk.Text{Markdown: summary}}
	if same == 0 || differ == 0 {
		return append(out, parametersTable(l.runs, ps, true)), nil
	}
	return append(out,
			&sdk.Slot{ID: ParametersSlot, Children: parametersView(l.runs, ps, false)},
			&sdk.Checklist{ID: SameChecklist, Options: []sdk.Option{{Label: fmt.Sprintf("Show the %d parameter%s every run sets alike", same, plural(same)), Value: ShowSame}}},
		), []sdk.Callback{{
			ID:      ParametersCallback,
			Inputs:  []sdk.PropRef{sdk.Input(SameChecklist, sdk.PropValue)},
			Outputs: []sdk.PropRef{sdk.Output(ParametersSlot, sdk.PropChildren)},
			// Layout has drawn the differing parameters.
			PreventInitialCall: true,
		}}
}

// parameters folds or unfolds the parameters set alike.
func (p *plugin) parameters(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	l, err := load(ctx, req.Host, req.Ref)
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		return notLoaded(ParametersSlot, err), nil
	}
	showSame := slices.Contains(req.Value(sdk.Input(SameChecklist, sdk.PropValue)).Strs(), ShowSame)
	return sdk.NewPatch().Fill(ParametersSlot, parametersView(l.runs, diffParams(l.runs), showSame)...), nil
}

// parametersView is the table, with the parameters set alike when
// showSame.
func parametersView(runs []*openml.Run, ps []param, showSame bool) []sdk.Component {
	return []sdk.Component{parametersTable(runs, ps, showSame)}
}

// parametersTable has one row per parameter and one column per run; the
// rows that differ come first, in bold, and those set alike only when
// showSame.
func parametersTable(runs []*openml.Run, ps []param, showSame bool) *sdk.Table {
	withComponent := slices.ContainsFunc(ps, func(p param) bool { return p.component != "" })
	cols := []sdk.Column{{ID: "name", Title: "Parameter", Type: sdk.CellText}}
	if withComponent {
		cols = append(cols, sdk.Column{ID: "component", Title: "Component", Type: sdk.CellText})
	}
	cols = append(cols, sdk.Column{ID: "differs", Title: "Differs", Type: sdk.CellText})
	for _, r := range runs {
		cols = append(cols, sdk.Column{ID: fmt.Sprintf("run-%d", r.ID), Title: fmt.Sprintf("Run %d", r.ID), Type: sdk.CellText})
	}
	t := &sdk.Table{ID: ParametersTable, Columns: cols, Sortable: true, Filterable: true}
	for _, p := range ps {
		if !p.differs && !showSame {
			continue
		}
		cells := []sdk.Cell{sdk.TextCell(p.name)}
		if withComponent {
			cells = append(cells, show.Optional(p.component))
		}
		differs := "same"
		if p.differs {
			differs = "differs"
		}
		cells = append(cells, sdk.TextCell(differs))
		for i := range runs {
			if p.set[i] {
				cells = append(cells, sdk.TextCell(p.values[i]))
			} else {
				cells = append(cells, sdk.MissingCell(sdk.CellText))
			}
		}
		t.Rows = append(t.Rows, sdk.Row{Cells: cells, Emphasis: p.differs})
	}
	return t
}

func distinctFlows(runs []*openml.Run) []int64 {
	var ids []int64
	for _, r := range runs {
		if !slices.Contains(ids, r.FlowID) {
			ids = append(ids, r.FlowID)
		}
	}
	return ids
}
