package data

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/openml-dash/openml-dash/plugins/data/datapage"
	"github.com/openml-dash/openml-dash/plugins/internal/show"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/frame"
	"github.com/openml-dash/openml-dash/sdk/stats"
)

// Distribution modes and bar modes, the values of DistModeRadio and
// BarmodeRadio.
const (
	ModeByTarget   = "target"
	ModeIndividual = "individual"
	BarsStacked    = "stacked"
	BarsGrouped    = "grouped"
)

// MaxDistributions caps the charts the distributions section draws; more
// selected features are named in a notice.
const MaxDistributions = 20

func distributionControls() []sdk.Component {
	return []sdk.Component{
		&sdk.Heading{Text: "Distributions", Level: 2},
		&sdk.Container{Direction: sdk.RowDirection, Children: []sdk.Component{
			&sdk.Radio{ID: DistModeRadio, Label: "Show", Options: []sdk.Option{
				{Label: "by target", Value: ModeByTarget}, {Label: "individual", Value: ModeIndividual},
			}, Value: ModeByTarget},
			&sdk.Radio{ID: BarmodeRadio, Label: "Bars", Options: []sdk.Option{
				{Label: "stacked", Value: BarsStacked}, {Label: "grouped", Value: BarsGrouped},
			}, Value: BarsStacked},
		}},
		&sdk.Slot{ID: DistSlot},
	}
}

func distributionsCallback() sdk.Callback {
	return sdk.Callback{
		ID: DistCallback,
		Inputs: []sdk.PropRef{
			sdk.Input(FeaturesTable, sdk.PropSelectedRows),
			sdk.Input(DistModeRadio, sdk.PropValue),
			sdk.Input(BarmodeRadio, sdk.PropValue),
		},
		// The target is state, not an input: a new target refills the
		// feature table (its rows reorder), and the new table fires this
		// callback once, with the new target and the new rows.
		State:   []sdk.PropRef{sdk.State(TargetSelect, sdk.PropValue)},
		Outputs: []sdk.PropRef{sdk.Output(DistSlot, sdk.PropChildren)},
	}
}

func barMode(v string) sdk.BarMode {
	if v == BarsGrouped {
		return sdk.BarModeGroup
	}
	return sdk.BarModeStack
}

// distributions draws one chart per feature selected in the table (at most
// MaxDistributions): by target, a histogram (numeric) or level counts
// (nominal) split by the target's values, a numeric target cut into
// stats.DefaultSplits ranges; individually, a violin (numeric) or level
// counts (nominal).
func (p *plugin) distributions(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	rows := slices.Clone(req.Value(sdk.Input(FeaturesTable, sdk.PropSelectedRows)).Ints())
	target := targetOf(req, sdk.State(TargetSelect, sdk.PropValue))
	mode := req.Value(sdk.Input(DistModeRadio, sdk.PropValue)).Str()
	bars := barMode(req.Value(sdk.Input(BarmodeRadio, sdk.PropValue)).Str())
	fill := func(cs ...sdk.Component) (*sdk.Patch, error) { return sdk.NewPatch().Fill(DistSlot, cs...), nil }
	if len(rows) == 0 {
		return fill(&sdk.Text{Markdown: "No features selected: select rows in the feature table to see their distributions."})
	}
	f, notice, err := p.dataFor(ctx, req, "The distributions need")
	if err != nil {
		return nil, err
	}
	if notice != nil {
		return fill(notice)
	}
	names := tableNames(f, target)
	slices.Sort(rows)
	rows = slices.Compact(rows)
	var picked []string
	outside := 0
	for _, r := range rows {
		if r < 0 || r >= int64(len(names)) {
			outside++
			continue
		}
		picked = append(picked, names[r])
	}
	var out []sdk.Component
	if outside > 0 {
		out = append(out, &sdk.Notice{Level: sdk.Warning, Summary: fmt.Sprintf("%d selected rows are not in the table", outside),
			Detail: "The features may have changed; reopen the page."})
	}
	if len(picked) > MaxDistributions {
		out = append(out, &sdk.Notice{Level: sdk.Info,
			Summary: fmt.Sprintf("Showing the first %d of the %d selected features", MaxDistributions, len(picked)),
			Detail:  "Left out: " + strings.Join(picked[MaxDistributions:], ", ") + ". Select fewer rows to see them."})
		picked = picked[:MaxDistributions]
	}
	var charts []sdk.Component
	if mode == ModeIndividual {
		charts, err = individualCharts(ctx, f, picked)
	} else {
		var groups *stats.Groups
		var why *sdk.Notice
		groups, why, err = targetGroups(ctx, f, target)
		if err == nil {
			if why != nil {
				out = append(out, why)
			}
			charts, err = byTargetCharts(ctx, f, picked, groups, bars)
		}
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return fill(append(out, &sdk.Notice{Level: sdk.Error, Summary: "The distributions could not be computed", Detail: err.Error()})...)
	}
	return fill(append(out, grid(charts))...)
}

// targetGroups splits the rows by the target for colouring: its levels, or
// for a numeric target stats.DefaultSplits equal ranges. With no target, or
// one that cannot split (a string), the rows stay whole and why says so.
func targetGroups(ctx context.Context, f *frame.Frame, target string) (g *stats.Groups, why *sdk.Notice, err error) {
	t := f.Column(target)
	if t == nil {
		return nil, &sdk.Notice{Level: sdk.Info, Summary: "No target: the distributions are not split",
			Detail: "Pick a target above to colour them by its values."}, nil
	}
	if t.Kind == frame.String {
		return nil, &sdk.Notice{Level: sdk.Info, Summary: fmt.Sprintf("%s is a string attribute: the distributions are not split", target),
			Detail: "Pick a nominal or numeric target to colour them by its values."}, nil
	}
	g, err = stats.SplitBy(ctx, t, stats.DefaultSplits)
	return g, nil, err
}

func byTargetCharts(ctx context.Context, f *frame.Frame, names []string, groups *stats.Groups, bars sdk.BarMode) ([]sdk.Component, error) {
	ds, err := datapage.Distributions(ctx, f, names, groups)
	if err != nil {
		return nil, err
	}
	byName := map[string]datapage.Distribution{}
	for _, d := range ds {
		byName[d.Feature] = d
	}
	out := make([]sdk.Component, 0, len(names))
	for _, n := range names {
		d, ok := byName[n]
		switch {
		case !ok:
			out = append(out, &sdk.Text{Markdown: fmt.Sprintf("**%s** is a string attribute: it has no distribution to draw.", show.Escape(n))})
		case d.Histogram != nil:
			out = append(out, histogramChart(n, d.Histogram, groups != nil, bars))
		default:
			out = append(out, levelsChart(n, d.Levels, groups != nil, bars))
		}
	}
	return out, nil
}

// leftOut names the rows a chart does not count, for its title.
func leftOut(l stats.LeftOut) string {
	var parts []string
	if l.Missing > 0 {
		parts = append(parts, fmt.Sprintf("%d missing", l.Missing))
	}
	if l.Infinite > 0 {
		parts = append(parts, fmt.Sprintf("%d infinite", l.Infinite))
	}
	if l.TargetMissing > 0 {
		parts = append(parts, fmt.Sprintf("%d without target", l.TargetMissing))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + " left out)"
}

func histogramChart(name string, h *stats.Histogram, split bool, bars sdk.BarMode) *sdk.Chart {
	c := &sdk.Chart{Kind: sdk.ChartHistogram, Title: name + leftOut(h.LeftOut), X: sdk.Axis{Title: name}, Y: sdk.Axis{Title: "count"},
		Legend: split, Barmode: bars}
	if h.Edges == nil {
		return c
	}
	for g, label := range h.Groups {
		c.Series = append(c.Series, sdk.Series{Name: label, X: slices.Clone(h.Edges), Y: floats(h.Counts[g])})
	}
	return c
}

func levelsChart(name string, l *stats.LevelCounts, split bool, bars sdk.BarMode) *sdk.Chart {
	c := &sdk.Chart{Kind: sdk.ChartBar, Title: name + leftOut(l.LeftOut), X: sdk.Axis{Title: name, Categories: slices.Clone(l.Levels)},
		Y: sdk.Axis{Title: "count"}, Legend: split, Barmode: bars}
	for g, label := range l.Groups {
		if label == "" {
			label = "count"
		}
		c.Series = append(c.Series, sdk.Series{Name: label, Y: floats(l.Counts[g])})
	}
	return c
}

// individualCharts draws each feature on its own: a violin of a numeric
// feature's values (at most datapage.MaxPoints, at an even stride) titled
// with the mean of all of them, the level counts of a nominal one.
func individualCharts(ctx context.Context, f *frame.Frame, names []string) ([]sdk.Component, error) {
	out := make([]sdk.Component, 0, len(names))
	for _, n := range names {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		c := f.Column(n)
		switch c.Kind {
		case frame.Numeric, frame.Date:
			out = append(out, violinChart(c))
		case frame.Nominal:
			l, err := stats.CountLevels(ctx, c, nil)
			if err != nil {
				return nil, fmt.Errorf("distribution of %s: %w", n, err)
			}
			out = append(out, levelsChart(n, l, false, sdk.BarModeAuto))
		default:
			out = append(out, &sdk.Text{Markdown: fmt.Sprintf("**%s** is a string attribute: it has no distribution to draw.", show.Escape(n))})
		}
	}
	return out, nil
}

func violinChart(c *frame.Column) *sdk.Chart {
	n := c.Len()
	xs := c.DenseFloats()
	sum, count, missing := 0.0, 0, 0
	for i := 0; i < n; i++ {
		x := xs[i]
		if c.IsMissing(i) || math.IsNaN(x) {
			missing++
			continue
		}
		if !math.IsInf(x, 0) {
			sum += x
			count++
		}
	}
	mean := math.NaN()
	if count > 0 {
		mean = sum / float64(count)
	}
	step := max(1, (n+datapage.MaxPoints-1)/datapage.MaxPoints)
	var ys []float64
	for i := 0; i < n; i += step {
		if x := xs[i]; !c.IsMissing(i) && !math.IsNaN(x) && !math.IsInf(x, 0) {
			ys = append(ys, x)
		}
	}
	title := fmt.Sprintf("%s (mean %s)", c.Name, num(mean))
	if step > 1 {
		title += fmt.Sprintf(", 1 row in %d drawn", step)
	}
	if missing > 0 {
		title += fmt.Sprintf(", %d missing", missing)
	}
	return &sdk.Chart{Kind: sdk.ChartViolin, Title: title, Y: sdk.Axis{Title: c.Name}, Series: []sdk.Series{{Name: c.Name, Y: ys}}}
}
