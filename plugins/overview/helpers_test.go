package overview_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/plugins/overview"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

const www = "https://www.openml.org"

// viewIDs names an overview's ids.
type viewIDs struct {
	kind    sdk.Kind
	control string
	value   string // the control's default value
	content string
	table   string
	all     string
	load    string
	click   string
}

var (
	dataIDs = viewIDs{sdk.KindDataOverview, overview.DataStatusRadio, overview.StatusActive, overview.DataContentSlot, overview.DataTableSlot, overview.DataAllButton, overview.DataLoad, overview.DataClick}
	taskIDs = viewIDs{sdk.KindTaskOverview, overview.TaskTypeSelect, overview.AllTaskTypes, overview.TaskContentSlot, overview.TaskTableSlot, overview.TaskAllButton, overview.TaskLoad, overview.TaskClick}
	flowIDs = viewIDs{sdk.KindFlowOverview, overview.FlowTopRadio, "25", overview.FlowContentSlot, overview.FlowTableSlot, overview.FlowAllButton, overview.FlowLoad, overview.FlowClick}
	runIDs  = viewIDs{sdk.KindRunOverview, overview.RunCountRadio, "10000", overview.RunContentSlot, overview.RunTableSlot, overview.RunAllButton, overview.RunLoad, overview.RunClick}
)

func overviewRef(server string, kind sdk.Kind) sdk.EntityRef {
	return sdk.EntityRef{Server: server, Kind: kind}
}

// load runs the view's load callback with the control at value and
// returns what it put in the content slot.
func load(t *testing.T, h *sdktest.Harness, v viewIDs, server, value string) []sdk.Component {
	t.Helper()
	p, err := h.Callback(&sdk.CallbackRequest{
		Ref: overviewRef(server, v.kind), ID: v.load,
		Inputs: []sdk.Arg{{Ref: sdk.Input(v.control, sdk.PropValue), Value: sdk.StrValue(value)}},
	})
	require.NoError(t, err)
	require.False(t, p.PreventUpdate)
	require.Len(t, p.Outputs, 1)
	require.Equal(t, sdk.Output(v.content, sdk.PropChildren), p.Outputs[0].Ref)
	return p.Outputs[0].Value.Children()
}

// click runs the view's click callback as if the chart (or, with chart
// "", the button) was clicked at category cat; nil means it changed
// nothing.
func click(t *testing.T, h *sdktest.Harness, v viewIDs, server, value string, charts []string, chart string, cat int64, nClicks int64) []sdk.Component {
	t.Helper()
	req := &sdk.CallbackRequest{Ref: overviewRef(server, v.kind), ID: v.click,
		State: []sdk.Arg{{Ref: sdk.State(v.control, sdk.PropValue), Value: sdk.StrValue(value)}}}
	for _, c := range charts {
		in := sdk.Input(c, sdk.PropClickData)
		val := sdk.None
		if c == chart {
			val = sdk.IntsValue([]int64{0, cat})
			req.Triggered = append(req.Triggered, in)
		}
		req.Inputs = append(req.Inputs, sdk.Arg{Ref: in, Value: val})
	}
	button := sdk.Input(v.all, sdk.PropNClicks)
	req.Inputs = append(req.Inputs, sdk.Arg{Ref: button, Value: sdk.IntValue(nClicks)})
	if chart == "" {
		req.Triggered = append(req.Triggered, button)
	}
	p, err := h.Callback(req)
	require.NoError(t, err)
	if p.PreventUpdate {
		return nil
	}
	require.Len(t, p.Outputs, 1)
	require.Equal(t, sdk.Output(v.table, sdk.PropChildren), p.Outputs[0].Ref)
	return p.Outputs[0].Value.Children()
}

// counts reads a chart of one series as category label -> value.
func counts(t *testing.T, c *sdk.Chart) map[string]int {
	t.Helper()
	require.Len(t, c.Series, 1, "chart %q", c.ID)
	s := c.Series[0]
	require.Len(t, s.X, len(s.Y))
	out := map[string]int{}
	for i, x := range s.X {
		label := c.X.Categories[int(x)]
		require.NotContains(t, out, label, "chart %q draws %q twice", c.ID, label)
		out[label] = int(s.Y[i])
	}
	return out
}

// nonZero drops the zero counts.
func nonZero(m map[string]int) map[string]int {
	out := map[string]int{}
	for k, v := range m {
		if v != 0 {
			out[k] = v
		}
	}
	return out
}

func texts(cs []sdk.Component) string {
	var parts []string
	for _, x := range sdktest.All[*sdk.Text](cs) {
		parts = append(parts, x.Markdown)
	}
	return strings.Join(parts, "\n")
}

func notices(cs []sdk.Component) []*sdk.Notice { return sdktest.All[*sdk.Notice](cs) }

// table finds the entries table in cs.
func table(t *testing.T, cs []sdk.Component) *sdk.Table {
	t.Helper()
	tables := sdktest.All[*sdk.Table](cs)
	require.Len(t, tables, 1)
	return tables[0]
}

// column returns the cells of the table's column id.
func column(t *testing.T, tb *sdk.Table, id string) []sdk.Cell {
	t.Helper()
	at := -1
	for i, c := range tb.Columns {
		if c.ID == id {
			at = i
		}
	}
	require.GreaterOrEqual(t, at, 0, "no column %q", id)
	out := make([]sdk.Cell, len(tb.Rows))
	for i, r := range tb.Rows {
		require.Len(t, r.Cells, len(tb.Columns))
		out[i] = r.Cells[at]
	}
	return out
}
