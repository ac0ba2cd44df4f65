// Package data is the core plugin for OpenML datasets: an overview of the
// description and a table of the features.
package data

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// Component and callback ids of the data page.
const (
	FactsTable      = "facts"           // key facts on the overview tab
	FeaturesTable   = "features"        // the feature table
	SummarySlot     = "feature-summary" // filled by SummaryCallback
	SummaryCallback = "summary"         // lists the selected features
)

// initialSelection is how many feature rows start selected.
const initialSelection = 5

type plugin struct {
	sdk.CallbackMux
}

// New returns the data plugin.
func New() sdk.Plugin {
	p := &plugin{}
	p.HandleFunc(SummaryCallback, p.summary)
	return p
}

func (p *plugin) Manifest() sdk.Manifest {
	return sdk.Manifest{Name: "data", Version: "0.1.0", Kinds: []sdk.Kind{sdk.KindData}, Order: sdk.OrderCore}
}

// Layout builds the page from the dataset description, which it cannot do
// without, and the features, whose failure only costs the features tab.
func (p *plugin) Layout(ctx context.Context, req *sdk.LayoutRequest) (*sdk.Page, error) {
	ds, err := openml.GetDataset(ctx, req.Host, req.Ref)
	if err != nil {
		return nil, err
	}
	page := &sdk.Page{
		Title: fmt.Sprintf("%s (version %d)", ds.Name, ds.Version),
		Tabs:  []sdk.Tab{{ID: "overview", Title: "Overview", Children: overview(req.Ref, ds)}},
	}
	features := sdk.Tab{ID: "features", Title: "Features"}
	fs, err := openml.GetFeatures(ctx, req.Host, req.Ref)
	if err != nil {
		features.Children = []sdk.Component{&sdk.Notice{
			Level:   sdk.Warning,
			Summary: "The features of this dataset could not be loaded",
			Detail:  err.Error() + ". The overview still shows; reopen the page to try again.",
		}}
	} else {
		features.Children = featureTab(orderFeatures(fs))
		page.Callbacks = append(page.Callbacks, sdk.Callback{
			ID:      SummaryCallback,
			Inputs:  []sdk.PropRef{sdk.Input(FeaturesTable, sdk.PropSelectedRows)},
			Outputs: []sdk.PropRef{sdk.Output(SummarySlot, sdk.PropChildren)},
		})
	}
	page.Tabs = append(page.Tabs, features)
	return page, nil
}

func overview(ref sdk.EntityRef, ds *openml.Dataset) []sdk.Component {
	out := []sdk.Component{&sdk.Heading{Text: ds.Name, Level: 1}}
	if ds.Status != "" && ds.Status != "active" {
		out = append(out, &sdk.Notice{
			Level:   sdk.Info,
			Summary: fmt.Sprintf("This dataset is %s", strings.ReplaceAll(ds.Status, "_", " ")),
			Detail:  "OpenML does not list it as active: it may be incomplete or withdrawn.",
		})
	}
	if ds.Error != "" {
		out = append(out, &sdk.Notice{Level: sdk.Warning, Summary: "OpenML reports a problem with this dataset", Detail: ds.Error})
	}
	if ds.Description != "" {
		out = append(out, &sdk.Text{Markdown: ds.Description})
	}
	facts := [][2]string{
		{"Status", ds.Status},
		{"Format", ds.Format},
		{"Licence", ds.Licence},
		{"Upload date", ds.UploadDate},
		{"Default target", ds.DefaultTargetAttribute},
		{"Row id attribute", ds.RowIDAttribute},
		{"Ignored attributes", strings.Join(ds.IgnoreAttributes, ", ")},
		{"Creator", strings.Join(ds.Creators, "; ")},
		{"Contributor", strings.Join(ds.Contributors, "; ")},
		{"Collection date", ds.CollectionDate},
		{"Language", ds.Language},
		{"Citation", ds.Citation},
		{"Original data", ds.OriginalDataURL},
		{"Paper", ds.PaperURL},
		{"Tags", strings.Join(ds.Tags, ", ")},
		{"OpenML page", websiteURL(ref)},
	}
	table := &sdk.Table{ID: FactsTable, Columns: []sdk.Column{
		{ID: "field", Title: "Field", Type: sdk.CellText},
		{ID: "value", Title: "Value", Type: sdk.CellText},
	}}
	for _, f := range facts {
		if f[1] != "" {
			table.Rows = append(table.Rows, sdk.Row{Cells: []sdk.Cell{sdk.TextCell(f[0]), sdk.TextCell(f[1])}})
		}
	}
	return append(out, table)
}

// websiteURL is the entity's page on the OpenML website, or "" for a
// server that has no website (such as the built-in demo).
func websiteURL(ref sdk.EntityRef) string {
	if ref.Server != "" && !strings.HasPrefix(ref.Server, "http://") && !strings.HasPrefix(ref.Server, "https://") {
		return ""
	}
	return ref.URL()
}

// orderFeatures puts the targets first, keeping the server's order
// otherwise. Layout and the summary callback must agree on it, since
// selected rows are indices into the table.
func orderFeatures(fs []openml.Feature) []openml.Feature {
	out := slices.Clone(fs)
	slices.SortStableFunc(out, func(a, b openml.Feature) int {
		switch {
		case a.IsTarget == b.IsTarget:
			return 0
		case a.IsTarget:
			return -1
		}
		return 1
	})
	return out
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

func featureTab(fs []openml.Feature) []sdk.Component {
	table := &sdk.Table{
		ID: FeaturesTable,
		Columns: []sdk.Column{
			{ID: "name", Title: "Attribute", Type: sdk.CellText},
			{ID: "type", Title: "Data type", Type: sdk.CellText},
			{ID: "missing", Title: "Missing values", Type: sdk.CellNumber},
			{ID: "categories", Title: "# categories", Type: sdk.CellNumber},
			{ID: "target", Title: "Target", Type: sdk.CellBool},
		},
		Selection:  sdk.SelectMulti,
		Sortable:   true,
		Filterable: true,
	}
	for i, f := range fs {
		categories := sdk.MissingCell(sdk.CellNumber)
		if f.IsNominal() {
			categories = sdk.NumberCell(float64(len(f.NominalValues)))
		}
		table.Rows = append(table.Rows, sdk.Row{
			Emphasis: f.IsTarget,
			Cells: []sdk.Cell{
				sdk.TextCell(f.Name),
				sdk.TextCell(f.DataType),
				sdk.NumberCell(float64(f.NumberOfMissingValues)).Styled(missingLevel(f.NumberOfMissingValues)),
				categories,
				sdk.BoolCell(f.IsTarget),
			},
		})
		if i < initialSelection {
			table.SelectedRows = append(table.SelectedRows, i)
		}
	}
	return []sdk.Component{
		&sdk.Text{Markdown: featureCounts(fs)},
		table,
		&sdk.Slot{ID: SummarySlot},
	}
}

// featureCounts says how many features of each type there are, e.g.
// "5 features: 4 numeric, 1 nominal."
func featureCounts(fs []openml.Feature) string {
	if len(fs) == 0 {
		return "OpenML lists no features for this dataset."
	}
	counts := map[string]int{}
	var types []string
	for _, f := range fs {
		if counts[f.DataType] == 0 {
			types = append(types, f.DataType)
		}
		counts[f.DataType]++
	}
	parts := make([]string, len(types))
	for i, t := range types {
		parts[i] = fmt.Sprintf("%d %s", counts[t], escape(t))
	}
	noun := "features"
	if len(fs) == 1 {
		noun = "feature"
	}
	return fmt.Sprintf("%d %s: %s.", len(fs), noun, strings.Join(parts, ", "))
}

// summary lists the features selected in the table. It refetches the
// features answer, which the host has cached since Layout.
func (p *plugin) summary(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	rows := req.Value(sdk.Input(FeaturesTable, sdk.PropSelectedRows)).Ints()
	if len(rows) == 0 {
		return sdk.NewPatch().Fill(SummarySlot, &sdk.Text{Markdown: "No features selected: select rows in the table to list them here."}), nil
	}
	fs, err := openml.GetFeatures(ctx, req.Host, req.Ref)
	if err != nil {
		return sdk.NewPatch().Fill(SummarySlot, &sdk.Notice{
			Level: sdk.Warning, Summary: "The selected features could not be listed", Detail: err.Error(),
		}), nil
	}
	fs = orderFeatures(fs)
	var names []string
	outside := 0
	for _, r := range rows {
		if r < 0 || r >= int64(len(fs)) {
			outside++
			continue
		}
		names = append(names, fmt.Sprintf("%s (%s)", escape(fs[r].Name), escape(fs[r].DataType)))
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

// escape keeps names such as "petal_width" or "*id" literal in markdown.
var escaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`<`, `\<`, `>`, `\>`, `#`, `\#`, `|`, `\|`, `~`, `\~`,
)

func escape(s string) string { return escaper.Replace(s) }
