// Package flow is the core plugin for OpenML flows: the flow's
// description, its hyperparameters and its components.
package flow

import (
	"context"
	"fmt"
	"strings"

	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// Ids of the flow page's tables.
const (
	DescriptionTable = "description"
	ParametersTable  = "parameters"
	ComponentsTable  = "components"
)

type plugin struct {
	sdk.NoCallbacks
}

// New returns the flow plugin.
func New() sdk.Plugin { return &plugin{} }

func (p *plugin) Manifest() sdk.Manifest {
	return sdk.Manifest{Name: "flow", Version: "0.1.0", Kinds: []sdk.Kind{sdk.KindFlow}, Order: sdk.OrderCore}
}

// Layout needs only the flow answer: components come nested in it.
func (p *plugin) Layout(ctx context.Context, req *sdk.LayoutRequest) (*sdk.Page, error) {
	f, err := openml.GetFlow(ctx, req.Host, req.Ref)
	if err != nil {
		return nil, err
	}
	children := []sdk.Component{
		&sdk.Heading{Text: f.Name, Level: 1},
		descriptionTable(req.Ref, f),
		&sdk.Heading{Text: "Parameters", Level: 2},
	}
	if len(f.Parameters) == 0 {
		children = append(children, &sdk.Text{Markdown: "This flow declares no parameters."})
	} else {
		children = append(children, parametersTable(f))
	}
	children = append(children, &sdk.Heading{Text: "Components", Level: 2})
	if len(f.Components) == 0 {
		children = append(children, &sdk.Text{Markdown: "This flow has no components."})
	} else {
		children = append(children, componentsTable(req.Ref, f))
	}
	return &sdk.Page{
		Title: f.Name,
		Tabs:  []sdk.Tab{{ID: "overview", Title: "Overview", Children: children}},
	}, nil
}

func descriptionTable(ref sdk.EntityRef, f *openml.Flow) *sdk.Table {
	uploader := ""
	if f.Uploader != 0 {
		uploader = fmt.Sprintf("user %d", f.Uploader)
	}
	refs := make([]string, 0, len(f.References))
	for _, r := range f.References {
		refs = append(refs, strings.TrimSpace(r.Citation+" "+r.URL))
	}
	rows := [][2]string{
		{"Name", f.Name},
		{"Custom name", f.CustomName},
		{"Class name", f.ClassName},
		{"Version", f.Version},
		{"External version", f.ExternalVersion},
		{"Uploader", uploader},
		{"Upload date", f.UploadDate},
		{"Language", f.Language},
		{"Licence", f.Licence},
		{"Dependencies", f.Dependencies},
		{"Description", f.Description},
		{"Full description", f.FullDescription},
		{"Creator", strings.Join(f.Creators, "; ")},
		{"Contributor", strings.Join(f.Contributors, "; ")},
		{"Installation notes", f.InstallationNotes},
		{"Implements", f.Implements},
		{"References", strings.Join(refs, "; ")},
		{"Source", f.SourceURL},
		{"Binary", f.BinaryURL},
		{"Tags", strings.Join(f.Tags, ", ")},
		{"OpenML page", websiteURL(ref)},
	}
	table := &sdk.Table{ID: DescriptionTable, Columns: []sdk.Column{
		{ID: "field", Title: "Field", Type: sdk.CellText},
		{ID: "value", Title: "Value", Type: sdk.CellText},
	}}
	for _, r := range rows {
		if r[1] != "" {
			table.Rows = append(table.Rows, sdk.Row{Cells: []sdk.Cell{sdk.TextCell(r[0]), sdk.TextCell(r[1])}})
		}
	}
	return table
}

func parametersTable(f *openml.Flow) *sdk.Table {
	table := &sdk.Table{
		ID: ParametersTable,
		Columns: []sdk.Column{
			{ID: "name", Title: "Name", Type: sdk.CellText},
			{ID: "type", Title: "Type", Type: sdk.CellText},
			{ID: "default", Title: "Default", Type: sdk.CellText},
			{ID: "description", Title: "Description", Type: sdk.CellText},
		},
		Sortable:   true,
		Filterable: true,
	}
	for _, p := range f.Parameters {
		table.Rows = append(table.Rows, sdk.Row{Cells: []sdk.Cell{
			sdk.TextCell(p.Name), optional(p.DataType), optional(p.DefaultValue), optional(p.Description),
		}})
	}
	return table
}

// componentsTable lists every component at any depth, by its path of
// identifiers, each linked to its own flow page.
func componentsTable(ref sdk.EntityRef, f *openml.Flow) *sdk.Table {
	table := &sdk.Table{
		ID: ComponentsTable,
		Columns: []sdk.Column{
			{ID: "component", Title: "Component", Type: sdk.CellText},
			{ID: "flow", Title: "Flow", Type: sdk.CellLink},
			{ID: "version", Title: "Version", Type: sdk.CellText},
		},
		Sortable:   true,
		Filterable: true,
	}
	f.Walk(func(path string, c openml.Component) {
		link := sdk.LinkCell(c.Flow.Name, sdk.EntityRef{Server: ref.Server, Kind: sdk.KindFlow, ID: c.Flow.ID})
		table.Rows = append(table.Rows, sdk.Row{Cells: []sdk.Cell{sdk.TextCell(path), link, optional(c.Flow.Version)}})
	})
	return table
}

func optional(s string) sdk.Cell {
	if s == "" {
		return sdk.MissingCell(sdk.CellText)
	}
	return sdk.TextCell(s)
}

// websiteURL is the entity's page on the OpenML website, or "" for a
// server that has no website (such as the built-in demo).
func websiteURL(ref sdk.EntityRef) string {
	if ref.Server != "" && !strings.HasPrefix(ref.Server, "http://") && !strings.HasPrefix(ref.Server, "https://") {
		return ""
	}
	return ref.URL()
}
