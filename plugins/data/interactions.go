package data

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/openml-dash/openml-dash/plugins/data/datapage"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/forest"
	"github.com/openml-dash/openml-dash/sdk/frame"
	"github.com/openml-dash/openml-dash/sdk/stats"
)

// Feature kinds the interactions radio offers.
const (
	KindsAll     = "all"
	KindsNumeric = "numeric"
	KindsNominal = "nominal"
)

// topInteractions is how many of the most important features the
// interactions plot shows.
const topInteractions = 4

func interactionControls() []sdk.Component {
	return []sdk.Component{
		&sdk.Text{Markdown: fmt.Sprintf("The %d most important features (see Feature importance), coloured by the target.", topInteractions)},
		&sdk.Radio{ID: InteractionsRadio, Label: "Features", Options: []sdk.Option{
			{Label: "all", Value: KindsAll}, {Label: "numeric only", Value: KindsNumeric}, {Label: "nominal only", Value: KindsNominal},
		}, Value: KindsAll},
		&sdk.Slot{ID: InteractionsSlot},
	}
}

func interactionsCallback() sdk.Callback {
	return sdk.Callback{
		ID:      InteractionsCallback,
		Inputs:  []sdk.PropRef{sdk.Input(TargetSelect, sdk.PropValue), sdk.Input(InteractionsRadio, sdk.PropValue)},
		Outputs: []sdk.PropRef{sdk.Output(InteractionsSlot, sdk.PropChildren)},
	}
}

// interactions plots the top features by importance against each other,
// coloured by the target: a scatter-plot matrix, or parallel categories
// when none of them is numeric.
func (p *plugin) interactions(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	target := targetOf(req, sdk.Input(TargetSelect, sdk.PropValue))
	kinds := req.Value(sdk.Input(InteractionsRadio, sdk.PropValue)).Str()
	fill := func(cs ...sdk.Component) (*sdk.Patch, error) {
		return sdk.NewPatch().Fill(InteractionsSlot, cs...), nil
	}
	if target == "" {
		return fill(&sdk.Notice{Level: sdk.Info, Summary: "No target",
			Detail: "The interactions show the features most important for predicting the target: pick one on the Features tab."})
	}
	f, res, notice, err := p.ranked(ctx, req, target, "The feature interactions need", "The features could not be ranked")
	if err != nil {
		return nil, err
	}
	if notice != nil {
		return fill(notice)
	}
	top, numeric := topFeatures(f, res, kinds)
	switch {
	case kinds == KindsNumeric && len(top) == 0:
		return fill(&sdk.Notice{Level: sdk.Info, Summary: "No numeric features", Detail: "The forest used no numeric feature; pick \"all\" or \"nominal only\"."})
	case kinds == KindsNominal && len(top) == 0:
		return fill(&sdk.Notice{Level: sdk.Info, Summary: "No nominal features", Detail: "The forest used no nominal feature; pick \"all\" or \"numeric only\"."})
	case len(top) == 0:
		return fill(&sdk.Notice{Level: sdk.Info, Summary: "No feature to plot", Detail: "Every feature other than the target was left out of the forest."})
	}
	groups, why, err := targetGroups(ctx, f, target)
	if err != nil {
		return nil, err
	}
	pts, err := datapage.Sample(f, top, groups)
	if err != nil {
		return nil, err
	}
	var out []sdk.Component
	if why != nil {
		out = append(out, why)
	}
	if pts.Sampled() {
		out = append(out, &sdk.Text{Markdown: fmt.Sprintf("Showing %d of the %d rows, taken at an even stride.", len(pts.Rows), pts.Total)})
	}
	kind := sdk.ChartScatterMatrix
	if !numeric {
		kind = sdk.ChartParallelCategories
		if len(top) == 1 {
			// Parallel categories need two dimensions: the target is the second.
			top = append(top, target)
			if pts, err = datapage.Sample(f, top, groups); err != nil {
				return nil, err
			}
		}
	}
	chart := pointsChart(f, kind, pts, groups)
	if kind == sdk.ChartScatterMatrix {
		// Each panel of the matrix needs about the height of a small chart.
		chart.Height = 80 + 170*len(chart.Dimensions)
	}
	return fill(append(out, chart)...)
}

// topFeatures are the most important features the forest used, of the
// kinds asked for; numeric reports whether any of them is numeric.
func topFeatures(f *frame.Frame, res forest.Result, kinds string) (top []string, numeric bool) {
	byName := columnsByName(f)
	for _, r := range kept(res) {
		if len(top) == topInteractions {
			break
		}
		c := byName[r.Name]
		if c == nil {
			continue
		}
		isNum := c.Kind == frame.Numeric || c.Kind == frame.Date
		switch {
		case kinds == KindsNumeric && !isNum, kinds == KindsNominal && c.Kind != frame.Nominal:
			continue
		}
		top = append(top, r.Name)
		numeric = numeric || isNum
	}
	return top, numeric
}

// pointsChart draws sampled points as a scatter matrix or parallel
// categories chart: one series per target group (and one for rows without
// a target), nominal dimensions over their levels.
func pointsChart(f *frame.Frame, kind sdk.ChartKind, pts *datapage.Points, groups *stats.Groups) *sdk.Chart {
	c := &sdk.Chart{Kind: kind, Legend: groups != nil}
	for _, n := range pts.Features {
		d := sdk.Axis{Title: n}
		if col := f.Column(n); col.Kind == frame.Nominal {
			d.Categories = slices.Clone(col.Levels)
		}
		c.Dimensions = append(c.Dimensions, d)
	}
	labels := []string{"all rows"}
	if groups != nil {
		labels = append(slices.Clone(groups.Labels), "target missing")
	}
	series := make([]sdk.Series, len(labels))
	for g := range series {
		series[g] = sdk.Series{Name: labels[g], Dims: make([][]float64, len(pts.Features))}
	}
	for i := range pts.Rows {
		g := 0
		if groups != nil {
			g = int(pts.Group[i])
			if g < 0 {
				g = len(labels) - 1
			}
		}
		for d := range pts.Features {
			series[g].Dims[d] = append(series[g].Dims[d], pts.Values[d][i])
		}
	}
	for _, s := range series {
		if len(s.Dims) > 0 && len(s.Dims[0]) > 0 {
			c.Series = append(c.Series, s)
		}
	}
	return c
}

// scatterControls are the scatter tab's selects, starting on the first two
// numeric features, as the Python page, coloured by the target when it is
// nominal (else by the first nominal feature); ok is false, with a notice
// instead, when the data has too few of them.
func scatterControls(cols []column, target string) (cs []sdk.Component, ok bool) {
	var nums, noms []string
	for _, c := range cols {
		switch c.kind {
		case "numeric":
			nums = append(nums, c.name)
		case "nominal":
			noms = append(noms, c.name)
		}
	}
	if len(nums) < 2 || len(noms) == 0 {
		return []sdk.Component{&sdk.Notice{Level: sdk.Info, Summary: "No scatter plot for this dataset",
			Detail: fmt.Sprintf("A scatter plot needs at least 2 numeric features and 1 nominal one to colour by; this dataset has %d numeric and %d nominal.", len(nums), len(noms))}}, false
	}
	colour := noms[0]
	if slices.Contains(noms, target) {
		colour = target
	}
	return []sdk.Component{
		&sdk.Container{Direction: sdk.RowDirection, Children: []sdk.Component{
			&sdk.Select{ID: ScatterX, Label: "X", Options: sdk.Options(nums...), Values: []string{nums[0]}},
			&sdk.Select{ID: ScatterY, Label: "Y", Options: sdk.Options(nums...), Values: []string{nums[1]}},
			&sdk.Select{ID: ScatterColour, Label: "Colour", Options: sdk.Options(noms...), Values: []string{colour}},
		}},
		&sdk.Slot{ID: ScatterSlot},
	}, true
}

func scatterCallback() sdk.Callback {
	return sdk.Callback{
		ID:     ScatterCallback,
		Inputs: []sdk.PropRef{sdk.Input(ScatterX, sdk.PropValue), sdk.Input(ScatterY, sdk.PropValue), sdk.Input(ScatterColour, sdk.PropValue)},
		// The selects are greyed out while there is no data to plot.
		Outputs: []sdk.PropRef{sdk.Output(ScatterSlot, sdk.PropChildren),
			sdk.Output(ScatterX, sdk.PropDisabled), sdk.Output(ScatterY, sdk.PropDisabled), sdk.Output(ScatterColour, sdk.PropDisabled)},
	}
}

// scatterSelects sets whether the scatter plot's selects can be used.
func scatterSelects(p *sdk.Patch, usable bool) *sdk.Patch {
	for _, id := range []string{ScatterX, ScatterY, ScatterColour} {
		p.Set(sdk.Output(id, sdk.PropDisabled), sdk.BoolValue(!usable))
	}
	return p
}

// scatter plots two numeric features, one series per level of a nominal one.
func (p *plugin) scatter(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	x := req.Value(sdk.Input(ScatterX, sdk.PropValue)).Str()
	y := req.Value(sdk.Input(ScatterY, sdk.PropValue)).Str()
	colour := req.Value(sdk.Input(ScatterColour, sdk.PropValue)).Str()
	fill := func(cs ...sdk.Component) (*sdk.Patch, error) {
		return scatterSelects(sdk.NewPatch().Fill(ScatterSlot, cs...), true), nil
	}
	f, notice, err := p.dataFor(ctx, req, "The scatter plot needs")
	if err != nil {
		return nil, err
	}
	if notice != nil {
		return scatterSelects(sdk.NewPatch().Fill(ScatterSlot, notice), false), nil
	}
	for _, n := range []string{x, y, colour} {
		if f.Column(n) == nil {
			return fill(&sdk.Notice{Level: sdk.Warning, Summary: fmt.Sprintf("No feature %q in the data", n), Detail: "Pick another feature."})
		}
	}
	cc := f.Column(colour)
	if cc.Kind != frame.Nominal {
		return fill(&sdk.Notice{Level: sdk.Warning, Summary: fmt.Sprintf("%s is not nominal in the data", colour), Detail: "Pick another feature to colour by."})
	}
	groups, err := stats.SplitBy(ctx, cc, 0)
	if err != nil {
		return nil, err
	}
	pts, err := datapage.Sample(f, []string{x, y}, groups)
	if err != nil {
		return nil, err
	}
	c := &sdk.Chart{Kind: sdk.ChartScatter, Title: fmt.Sprintf("%s against %s, by %s", y, x, colour),
		X: sdk.Axis{Title: x}, Y: sdk.Axis{Title: y}, Legend: true}
	series := make([]sdk.Series, len(groups.Labels)+1)
	for g, l := range groups.Labels {
		series[g].Name = l
	}
	series[len(groups.Labels)].Name = colour + " missing"
	for i := range pts.Rows {
		g := int(pts.Group[i])
		if g < 0 {
			g = len(groups.Labels)
		}
		xv, yv := pts.Values[0][i], pts.Values[1][i]
		if math.IsNaN(xv) || math.IsNaN(yv) {
			continue
		}
		series[g].X = append(series[g].X, xv)
		series[g].Y = append(series[g].Y, yv)
	}
	for _, s := range series {
		if len(s.X) > 0 {
			c.Series = append(c.Series, s)
		}
	}
	var out []sdk.Component
	if pts.Sampled() {
		out = append(out, &sdk.Text{Markdown: fmt.Sprintf("Showing %d of the %d rows, taken at an even stride.", len(pts.Rows), pts.Total)})
	}
	return fill(append(out, c)...)
}
