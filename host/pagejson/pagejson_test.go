package pagejson_test

import (
	"context"
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/pagejson"
	"github.com/openml-dash/openml-dash/host/session"
	"github.com/openml-dash/openml-dash/sdk"
)

func TestFromSession_afterInitialCallbacks(t *testing.T) {
	t.Parallel()
	ref := sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindData, ID: 61}
	page := &sdk.Page{
		Title: "iris",
		Tabs: []sdk.Tab{{ID: "features", Title: "Features", Children: []sdk.Component{
			&sdk.Table{ID: "t", Columns: []sdk.Column{{ID: "name", Title: "Attribute"}, {ID: "missing", Title: "Missing", Type: sdk.CellNumber}},
				Rows: []sdk.Row{
					{Cells: []sdk.Cell{sdk.TextCell("class"), sdk.NumberCell(0)}, Emphasis: true},
					{Cells: []sdk.Cell{sdk.TextCell("petal"), sdk.NumberCell(12).Styled(2)}},
					{Cells: []sdk.Cell{sdk.LinkCell("task 59", sdk.EntityRef{Kind: sdk.KindTask, ID: 59}), sdk.MissingCell(sdk.CellNumber)}},
				},
				Selection: sdk.SelectMulti, SelectedRows: []int{1}},
			&sdk.Slot{ID: "out"},
		}}},
		Callbacks: []sdk.Callback{{ID: "fill", Inputs: []sdk.PropRef{sdk.Input("t", sdk.PropSelectedRows)}, Outputs: []sdk.PropRef{sdk.Output("out", sdk.PropChildren)}}},
	}
	caller := session.CallerFunc(func(_ context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
		return sdk.NewPatch().Fill("out", &sdk.Chart{Kind: sdk.ChartBar, Series: []sdk.Series{{Name: "n", X: []float64{0, 1}, Y: []float64{3, math.NaN()}}}}), nil
	})
	s := session.New(ref, []session.Part{{Plugin: "data", Page: page, Caller: caller}}, session.Options{})
	defer s.Close()
	s.Start(context.Background())
	require.NoError(t, s.Wait(context.Background()))

	got := pagejson.FromSession(s)
	assert.Equal(t, pagejson.Ref{Server: sdk.DefaultServer, Kind: "data", ID: 61, URL: "https://www.openml.org/d/61"}, got.Ref)
	require.Len(t, got.Tabs, 1)
	tab := got.Tabs[0]
	assert.Equal(t, "data", tab.Plugin)
	table := tab.Children[0]
	assert.Equal(t, "table", table.Type)
	assert.Equal(t, []int{0}, table.Emphasis)
	assert.Equal(t, []int{1}, table.SelectedRows)
	assert.Equal(t, 2, table.RowStyles[1][1])
	assert.Nil(t, table.Rows[2][1], "a missing cell is null")
	slot := tab.Children[1]
	require.Len(t, slot.Children, 1, "the callback's output is in the page")
	assert.Equal(t, "chart", slot.Children[0].Type)

	b, err := got.Marshal()
	require.NoError(t, err, "NaN must not break the JSON")
	var back map[string]any
	require.NoError(t, json.Unmarshal(b, &back))
	series := back["tabs"].([]any)[0].(map[string]any)["children"].([]any)[1].(map[string]any)["children"].([]any)[0].(map[string]any)["chart"].(map[string]any)["series"].([]any)[0].(map[string]any)
	assert.Equal(t, []any{3.0, nil}, series["y"])
}

func TestFromSession_problemsListed(t *testing.T) {
	t.Parallel()
	page := &sdk.Page{Tabs: []sdk.Tab{{ID: "a", Children: []sdk.Component{&sdk.Slot{ID: "x"}}}},
		Callbacks: []sdk.Callback{{ID: "bad", Inputs: []sdk.PropRef{sdk.Input("nope", sdk.PropValue)}, Outputs: []sdk.PropRef{sdk.Output("x", sdk.PropChildren)}}}}
	s := session.New(sdk.EntityRef{Kind: sdk.KindData, ID: 1}, []session.Part{{Plugin: "p", Page: page}}, session.Options{})
	defer s.Close()
	got := pagejson.FromSession(s)
	require.NotEmpty(t, got.Problems)
	assert.Contains(t, got.Problems[0], `"nope"`)
}
