package data

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/openml-dash/openml-dash/plugins/data/datapage"
	"github.com/openml-dash/openml-dash/plugins/internal/show"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/frame"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// featureRow is one row of the feature table, from the data or from
// OpenML's feature list.
type featureRow struct {
	name, typ  string
	missing    int64
	categories int     // -1: not nominal
	entropy    float64 // NaN: not nominal, or not known (feature list)
	target     bool
}

// targetFirst moves the target's row to the top, keeping the others in
// file order. The table and the summary callback must agree on this order,
// since selected rows are indices into the table.
func targetFirst(rows []featureRow) []featureRow {
	out := make([]featureRow, 0, len(rows))
	for _, r := range rows {
		if r.target {
			out = append(out, r)
		}
	}
	for _, r := range rows {
		if !r.target {
			out = append(out, r)
		}
	}
	return out
}

func listRows(fs []openml.Feature, target string) []featureRow {
	rows := make([]featureRow, len(fs))
	for i, f := range fs {
		rows[i] = featureRow{name: f.Name, typ: f.DataType, missing: f.NumberOfMissingValues, categories: -1, entropy: math.NaN(), target: f.Name == target}
		if f.IsNominal() {
			rows[i].categories = len(f.NominalValues)
		}
	}
	return targetFirst(rows)
}

func frameRows(ctx context.Context, f *frame.Frame, target string) ([]featureRow, error) {
	fs, err := datapage.Features(ctx, f, target)
	if err != nil {
		return nil, err
	}
	rows := make([]featureRow, len(fs))
	for i, ft := range fs {
		rows[i] = featureRow{name: ft.Name, typ: ft.Type(), missing: int64(ft.Missing), categories: ft.Categories(), entropy: ft.Entropy(), target: ft.Target}
	}
	return rows, nil
}

// listTable is the feature table from OpenML's feature list, shown until
// the data is read.
func listTable(fs []openml.Feature, target string) []sdk.Component {
	return tableOf(listRows(fs, target), "From OpenML's feature list; reading the data for exact statistics…")
}

// frameTable is the feature table computed on every row of the data.
func frameTable(ctx context.Context, f *frame.Frame, target string) ([]sdk.Component, error) {
	rows, err := frameRows(ctx, f, target)
	if err != nil {
		return nil, err
	}
	return tableOf(rows, fmt.Sprintf("Computed on all %d rows.", f.Rows())), nil
}

// missingLevel shades a missing-value count: the more, the darker.
func missingLevel(n int64) int {
	switch {
	case n > 100:
		return 4
	case n > 50:
		return 3
	case n > 10:
		return 2
	case n > 0:
		return 1
	}
	return 0
}

func tableOf(rows []featureRow, source string) []sdk.Component {
	table := &sdk.Table{
		ID: FeaturesTable,
		Columns: []sdk.Column{
			{ID: "name", Title: "Attribute", Type: sdk.CellText},
			{ID: "type", Title: "Data type", Type: sdk.CellText},
			{ID: "missing", Title: "Missing values", Type: sdk.CellNumber},
			{ID: "categories", Title: "# categories", Type: sdk.CellNumber},
			{ID: "target", Title: "Target", Type: sdk.CellBool},
			{ID: "entropy", Title: "Entropy", Type: sdk.CellNumber},
		},
		Selection:  sdk.SelectMulti,
		Sortable:   true,
		Filterable: true,
	}
	for i, r := range rows {
		categories, entropy := sdk.MissingCell(sdk.CellNumber), sdk.MissingCell(sdk.CellNumber)
		if r.categories >= 0 {
			categories = sdk.NumberCell(float64(r.categories))
		}
		if !math.IsNaN(r.entropy) {
			entropy = sdk.NumberCell(math.Round(r.entropy*100) / 100) // 2 decimals, as the Python page
		}
		table.Rows = append(table.Rows, sdk.Row{
			Emphasis: r.target,
			Cells: []sdk.Cell{
				sdk.TextCell(r.name),
				sdk.TextCell(r.typ),
				sdk.NumberCell(float64(r.missing)).Styled(missingLevel(r.missing)),
				categories,
				sdk.BoolCell(r.target),
				entropy,
			},
		})
		if i < initialSelection {
			table.SelectedRows = append(table.SelectedRows, i)
		}
	}
	return []sdk.Component{&sdk.Text{Markdown: featureCounts(rows) + " " + source}, table}
}

// featureCounts says how many features of each type there are, e.g.
// "5 features: 4 numeric, 1 nominal."
func featureCounts(rows []featureRow) string {
	if len(rows) == 0 {
		return "The dataset has no features."
	}
	counts := map[string]int{}
	var types []string
	for _, r := range rows {
		if counts[r.typ] == 0 {
			types = append(types, r.typ)
		}
		counts[r.typ]++
	}
	parts := make([]string, len(types))
	for i, t := range types {
		parts[i] = fmt.Sprintf("%d %s", counts[t], show.Escape(t))
	}
	noun := "features"
	if len(rows) == 1 {
		noun = "feature"
	}
	return fmt.Sprintf("%d %s: %s.", len(rows), noun, strings.Join(parts, ", "))
}

// featureTable computes the feature table from the data for the chosen
// target. When the data cannot be read it keeps OpenML's feature list and
// says why once, on the overview (DataStatusSlot): the page stays useful
// without the file.
func (p *plugin) featureTable(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	target := targetOf(req, sdk.Input(TargetSelect, sdk.PropValue))
	ds, err := openml.GetDataset(ctx, req.Host, req.Ref)
	if err != nil {
		return nil, err
	}
	loaded, loadErr := p.frames.loaded(ctx, req.Host, req.Ref, ds)
	if loadErr == nil {
		cs, err := frameTable(ctx, loaded.Frame, target)
		if err != nil {
			return nil, err
		}
		var status []sdk.Component
		if loaded.Unverified != "" {
			status = append(status, &sdk.Notice{Level: sdk.Info, Summary: "The data file was not verified",
				Detail: "It could not be checked: " + loaded.Unverified + ". The page shows the file as it was downloaded."})
		}
		return sdk.NewPatch().Fill(FeatureTableSlot, cs...).Fill(DataStatusSlot, status...), nil
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	const needs = "the distributions, feature importance, interactions and scatter plot need the data"
	problem := func(detail string) *sdk.Patch {
		return sdk.NewPatch().Fill(DataStatusSlot, &sdk.Notice{Level: sdk.Warning, Summary: "The data file could not be read", Detail: detail})
	}
	fs, err := openml.GetFeatures(ctx, req.Host, req.Ref)
	if err != nil {
		return problem(fmt.Sprintf("%v. Nor could OpenML's feature list be loaded (%v), so there is no feature table; %s.", loadErr, err, needs)).
			Fill(FeatureTableSlot, seeOverview("The feature table needs the data file")), nil
	}
	return problem(fmt.Sprintf("%v. The Features tab shows OpenML's feature list instead; %s.", loadErr, needs)).
		Fill(FeatureTableSlot, tableOf(listRows(fs, target), "From OpenML's feature list, as the data file could not be read (see the Overview tab): no entropy, and missing values as OpenML counted them.")...), nil
}

// summary lists the features selected in the table, by name, in the
// table's order (target first).
func (p *plugin) summary(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	rows := req.Value(sdk.Input(FeaturesTable, sdk.PropSelectedRows)).Ints()
	if len(rows) == 0 {
		return sdk.NewPatch().Fill(SummarySlot, &sdk.Text{Markdown: "No features selected: select rows in the table to list them here."}), nil
	}
	table, err := p.rowsNow(ctx, req, targetOf(req, sdk.State(TargetSelect, sdk.PropValue)))
	if err != nil {
		return sdk.NewPatch().Fill(SummarySlot, &sdk.Notice{
			Level: sdk.Warning, Summary: "The selected features could not be listed", Detail: err.Error(),
		}), nil
	}
	var names []string
	outside := 0
	for _, r := range rows {
		if r < 0 || r >= int64(len(table)) {
			outside++
			continue
		}
		names = append(names, fmt.Sprintf("%s (%s)", show.Escape(table[r].name), show.Escape(table[r].typ)))
	}
	md := "Selected: " + strings.Join(names, ", ")
	if len(names) == 0 {
		md = "No features selected."
	}
	if outside > 0 {
		md += fmt.Sprintf(" (%d selected rows are not in the table; the features may have changed: reopen the page.)", outside)
	}
	return sdk.NewPatch().Fill(SummarySlot, &sdk.Text{Markdown: md}), nil
}

// rowsNow gives the feature table's rows as they are shown: from the
// feature list (the host has it cached) or, for a local file, the data.
func (p *plugin) rowsNow(ctx context.Context, req *sdk.CallbackRequest, target string) ([]featureRow, error) {
	if _, local := req.Ref.LocalFile(); !local {
		fs, err := openml.GetFeatures(ctx, req.Host, req.Ref)
		if err == nil {
			return listRows(fs, target), nil
		}
	}
	ds, err := openml.GetDataset(ctx, req.Host, req.Ref)
	if err != nil {
		return nil, err
	}
	f, err := p.frames.get(ctx, req.Host, req.Ref, ds)
	if err != nil {
		return nil, err
	}
	rows := make([]featureRow, len(f.Columns))
	for i, c := range f.Columns {
		rows[i] = featureRow{name: c.Name, typ: c.Kind.String(), target: c.Name == target}
	}
	return targetFirst(rows), nil
}
