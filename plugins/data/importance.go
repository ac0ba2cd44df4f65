package data

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/openml-dash/openml-dash/plugins/data/datapage"
	"github.com/openml-dash/openml-dash/plugins/internal/keep"
	"github.com/openml-dash/openml-dash/plugins/internal/show"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/forest"
	"github.com/openml-dash/openml-dash/sdk/frame"
)

// keptImportances is how many (dataset, target) rankings the plugin keeps:
// the importance tab, its bar clicks and the interactions tab all read the
// same one, and switching the target back should not grow the forest again.
const keptImportances = 4

// importances computes each (dataset, target) ranking once. It keys
// rankings by entity, not by frame, so that it keeps no frame alive after
// the frame cache let it go.
type importances struct {
	keep.Latest[forest.Result]
}

func newImportances() importances {
	return importances{keep.Latest[forest.Result]{N: keptImportances}}
}

func (is *importances) get(ctx context.Context, host sdk.Host, ref sdk.EntityRef, f *frame.Frame, target string) (forest.Result, error) {
	return is.Get(ctx, ref.Server+"|"+ref.String()+"|"+target, func(ctx context.Context) (forest.Result, error) {
		label := fmt.Sprintf("feature importance for %s: growing 10 trees on %d rows", target, f.Rows())
		host.Progress(ctx, label, 0, 1)
		defer host.Progress(ctx, label, 1, 1)
		return datapage.Importance(ctx, f, target)
	})
}

// kept are the ranked features the forest used, most important first: the
// bars of the importance chart, in order, so a click's index names one.
func kept(res forest.Result) []forest.Ranked {
	var out []forest.Ranked
	for _, r := range res.Features {
		if r.Dropped == forest.NotDropped {
			out = append(out, r)
		}
	}
	return out
}

func importanceControls() []sdk.Component {
	return []sdk.Component{
		&sdk.Text{Markdown: "Random-forest feature importance (mean decrease in impurity, 10 trees) for the target chosen on the Features tab. Click a bar to see that feature's distribution and add it to the features selected in the feature table."},
		// The chart and the detail slot are here from the start so that
		// the click callback can name them; the importance callback
		// replaces both, so a new target also clears the clicked feature.
		&sdk.Slot{ID: ImportanceSlot, Children: []sdk.Component{
			barsAndDetail(&sdk.Chart{ID: ImportanceChart, Kind: sdk.ChartBar, Horizontal: true, Title: "Feature importance (computing…)"}),
		}},
	}
}

// barsAndDetail puts the importance bars, full width, above the slot
// showing the clicked feature (empty until a click: beside the bars it
// would take half the width for nothing).
func barsAndDetail(bars *sdk.Chart) *sdk.Container {
	return &sdk.Container{Direction: sdk.ColumnDirection, Children: []sdk.Component{bars, &sdk.Slot{ID: ImportanceDetailSlot}}}
}

func importanceCallbacks() []sdk.Callback {
	return []sdk.Callback{{
		ID:      ImportanceCallback,
		Inputs:  []sdk.PropRef{sdk.Input(TargetSelect, sdk.PropValue)},
		Outputs: []sdk.PropRef{sdk.Output(ImportanceSlot, sdk.PropChildren)},
	}, {
		ID:      ImportanceClickCallback,
		Inputs:  []sdk.PropRef{sdk.Input(ImportanceChart, sdk.PropClickData)},
		State:   []sdk.PropRef{sdk.State(TargetSelect, sdk.PropValue), sdk.State(FeaturesTable, sdk.PropSelectedRows)},
		Outputs: []sdk.PropRef{sdk.Output(FeaturesTable, sdk.PropSelectedRows), sdk.Output(ImportanceDetailSlot, sdk.PropChildren)},
		// Only a click does anything. Fired by each new bar chart, it
		// would also keep the Features tab (its selection) unsettled, and
		// so undrawn, until the forest is grown.
		PreventInitialCall: true,
	}}
}

// importance ranks the features by random-forest importance for the
// current target, as sorted horizontal bars, and says how the forest was
// grown when it was not scikit-learn's exactly.
func (p *plugin) importance(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	target := targetOf(req, sdk.Input(TargetSelect, sdk.PropValue))
	fill := func(cs ...sdk.Component) (*sdk.Patch, error) { return sdk.NewPatch().Fill(ImportanceSlot, cs...), nil }
	if target == "" {
		return fill(&sdk.Notice{Level: sdk.Info, Summary: "No target",
			Detail: "Feature importance ranks the features by how well they predict the target: pick one on the Features tab."})
	}
	f, res, notice, err := p.ranked(ctx, req, target, "Feature importance needs", "Feature importance could not be computed")
	if err != nil {
		return nil, err
	}
	if notice != nil {
		return fill(notice)
	}
	out := importanceView(res)
	if why := noSplit(f, target, res); why != "" {
		// The bars are all of length 0: say why before the empty chart.
		out = append([]sdk.Component{&sdk.Notice{Level: sdk.Info, Summary: "Every feature's importance is 0", Detail: why}}, out...)
	}
	return fill(out...)
}

// noSplit says why no tree could split the rows when every feature the
// forest used has importance 0: a target or features with a single value.
// It is "" when some feature has an importance.
func noSplit(f *frame.Frame, target string, res forest.Result) string {
	ks := kept(res)
	if len(ks) == 0 {
		return "" // importanceView says that no feature was ranked
	}
	for _, r := range ks {
		if r.Importance != 0 {
			return ""
		}
	}
	if t := f.Column(target); t != nil && singleValue(t) {
		return fmt.Sprintf("The target %s has a single value, so there is nothing to tell apart and no tree could split the rows.", target)
	}
	constant := true
	byName := columnsByName(f)
	for _, r := range ks {
		if c := byName[r.Name]; c != nil && !singleValue(c) {
			constant = false
		}
	}
	if constant {
		return "Every feature the forest could use has a single value, so no tree could split the rows: none of them tells the target's values apart."
	}
	return fmt.Sprintf("No tree found a split of the %d rows that tells the target's values apart.", res.Rows)
}

// singleValue reports whether a column has at most one distinct value
// besides missing ones.
func singleValue(c *frame.Column) bool {
	switch c.Kind {
	case frame.Nominal:
		first := frame.MissingCode
		for _, code := range c.Codes {
			if code == frame.MissingCode {
				continue
			}
			if first == frame.MissingCode {
				first = code
			} else if code != first {
				return false
			}
		}
	case frame.Numeric, frame.Date:
		first, seen := 0.0, false
		if c.Sparse != nil && c.Sparse.Zeros() > 0 {
			seen = true // the rows it does not store hold 0
		}
		for _, x := range c.Floats {
			if math.IsNaN(x) {
				continue
			}
			if !seen {
				first, seen = x, true
			} else if x != first {
				return false
			}
		}
	default:
		return false
	}
	return true
}

// ranked reads the data and ranks its features for target, for the
// importance and interactions tabs. What the user should be told (no data
// file, a forest that failed) comes back as a notice: needs starts the
// missing-data one, failed sums up a failed ranking.
func (p *plugin) ranked(ctx context.Context, req *sdk.CallbackRequest, target, needs, failed string) (*frame.Frame, forest.Result, *sdk.Notice, error) {
	f, notice, err := p.dataFor(ctx, req, needs)
	if err != nil || notice != nil {
		return nil, forest.Result{}, notice, err
	}
	res, err := p.importances.get(ctx, req.Host, req.Ref, f, target)
	if err != nil {
		if ctx.Err() != nil {
			return nil, forest.Result{}, nil, ctx.Err()
		}
		return nil, forest.Result{}, &sdk.Notice{Level: sdk.Warning, Summary: failed, Detail: err.Error()}, nil
	}
	return f, res, nil, nil
}

// maxBars is how many features the importance chart shows: past a few
// dozen bars their labels cannot be read (a text dataset has thousands of
// features); the ranking of the rest is not drawn, and the page says so.
const maxBars = 30

// maxNamed is how many left-out features the notes name.
const maxNamed = 20

func importanceView(res forest.Result) []sdk.Component {
	ks := kept(res)
	shown := ks[:min(len(ks), maxBars)]
	c := &sdk.Chart{ID: ImportanceChart, Kind: sdk.ChartBar, Horizontal: true, Title: "Feature importance",
		Y: sdk.Axis{Title: "importance"}, X: sdk.Axis{Title: "feature"}}
	s := sdk.Series{Name: "importance"}
	for _, r := range shown {
		c.X.Categories = append(c.X.Categories, r.Name)
		s.Y = append(s.Y, r.Importance)
	}
	c.Series = []sdk.Series{s}
	// Room for every bar's label: about 22 units a bar plus the axes.
	c.Height = 120 + 22*len(shown)
	var notes []string
	if len(shown) < len(ks) {
		c.Title = fmt.Sprintf("Feature importance: the %d most important of %d features", len(shown), len(ks))
	}
	if res.DroppedRows > 0 {
		notes = append(notes, fmt.Sprintf("%d rows without a target value were left out.", res.DroppedRows))
	}
	switch {
	case res.Binned && res.Rows > forest.DefaultBinSample:
		notes = append(notes, fmt.Sprintf("The data is big, so the trees split between 255 bins of each feature, cut at the quantiles of a sample of %s rows as LightGBM does, instead of between every two values.", show.Count(forest.DefaultBinSample)))
	case res.Binned:
		notes = append(notes, "The data is big, so the trees split between 255 quantile bins of each feature instead of between every two values.")
	}
	if res.Draws < res.Rows {
		notes = append(notes, fmt.Sprintf("Each tree drew %s of the %s rows (a bootstrap of 30%%), so the trees were quick to grow.", show.Count(res.Draws), show.Count(res.Rows)))
	}
	var reasons []forest.DropReason
	dropped := map[forest.DropReason][]string{}
	for _, r := range res.Features {
		if r.Dropped != forest.NotDropped {
			if dropped[r.Dropped] == nil {
				reasons = append(reasons, r.Dropped)
			}
			dropped[r.Dropped] = append(dropped[r.Dropped], show.Escape(r.Name))
		}
	}
	for _, why := range reasons {
		names := dropped[why]
		list := strings.Join(names[:min(len(names), maxNamed)], ", ")
		if len(names) > maxNamed {
			list += fmt.Sprintf(" and %d more", len(names)-maxNamed)
		}
		notes = append(notes, fmt.Sprintf("Left out of the forest (%s): %s.", why, list))
	}
	out := []sdk.Component{barsAndDetail(c)}
	if len(notes) > 0 {
		out = append(out, &sdk.Text{Markdown: strings.Join(notes, " ")})
	}
	if len(shown) < len(ks) {
		out = append(out, rankingTable(ks))
	}
	if len(ks) == 0 {
		out = append(out, &sdk.Notice{Level: sdk.Info, Summary: "No feature to rank", Detail: "Every feature other than the target was left out."})
	}
	return out
}

// importanceClick adds the clicked bar's feature to the features selected
// in the feature table, which redraws the distributions, and shows its
// distribution by target beside the bars. The selection grows rather than
// being replaced: a user who picked features to compare keeps them.
func (p *plugin) importanceClick(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	click := req.Value(sdk.Input(ImportanceChart, sdk.PropClickData)).Ints()
	if len(click) != 2 {
		return sdk.PreventUpdate(), nil
	}
	target := targetOf(req, sdk.State(TargetSelect, sdk.PropValue))
	if target == "" {
		return sdk.PreventUpdate(), nil
	}
	selection := sdk.Output(FeaturesTable, sdk.PropSelectedRows)
	f, notice, err := p.dataFor(ctx, req, "The feature's distribution needs")
	if err != nil {
		return nil, err
	}
	if notice != nil {
		return sdk.NewPatch().Skip(selection).Fill(ImportanceDetailSlot, notice), nil
	}
	res, err := p.importances.get(ctx, req.Host, req.Ref, f, target)
	if err != nil {
		return nil, err
	}
	ks := kept(res)
	if click[1] < 0 || click[1] >= int64(len(ks)) {
		return sdk.PreventUpdate(), nil
	}
	name := ks[click[1]].Name
	row := int64(slices.Index(tableNames(f, target), name))
	groups, _, err := targetGroups(ctx, f, target)
	if err != nil {
		return nil, err
	}
	charts, err := byTargetCharts(ctx, f, []string{name}, groups, sdk.BarModeStack)
	if err != nil {
		return nil, err
	}
	selected := req.Value(sdk.State(FeaturesTable, sdk.PropSelectedRows)).Ints()
	what := fmt.Sprintf("**%s** (importance %s)", show.Escape(name), num(ks[click[1]].Importance))
	patch := sdk.NewPatch()
	switch {
	case row < 0:
		patch.Skip(selection)
		what += " is not in the feature table."
	case slices.Contains(selected, row):
		patch.Skip(selection)
		what += " is already selected in the feature table; the Features tab shows its distribution."
	default:
		rows := append(slices.Clone(selected), row)
		patch.Set(selection, sdk.IntsValue(rows))
		what += fmt.Sprintf(" is added to the features selected in the feature table (%d now); the Features tab shows its distribution.", len(rows))
	}
	return patch.Fill(ImportanceDetailSlot, append(charts, &sdk.Text{Markdown: what})...), nil
}

// rankingTable lists every ranked feature, most important first, when
// there are more than the chart's bars: on a text dataset the one a user
// looks for is rarely among the first thirty.
func rankingTable(ks []forest.Ranked) sdk.Component {
	t := &sdk.Table{
		ID: ImportanceTable,
		Columns: []sdk.Column{
			{ID: "rank", Title: "Rank", Type: sdk.CellNumber},
			{ID: "feature", Title: "Feature", Type: sdk.CellText},
			{ID: "importance", Title: "Importance", Type: sdk.CellNumber},
		},
		Sortable:   true,
		Filterable: true,
	}
	t.Rows = make([]sdk.Row, len(ks))
	for i, r := range ks {
		t.Rows[i] = sdk.Row{Cells: []sdk.Cell{sdk.NumberCell(float64(i + 1)), sdk.TextCell(r.Name), sdk.NumberCell(r.Importance)}}
	}
	return &sdk.Container{Children: []sdk.Component{
		&sdk.Heading{Text: fmt.Sprintf("All %d features, ranked", len(ks)), Level: 3},
		t,
	}}
}
