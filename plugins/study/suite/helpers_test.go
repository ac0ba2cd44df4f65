package suite_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/plugins/internal/evalviewtest"
	"github.com/openml-dash/openml-dash/plugins/study"
	"github.com/openml-dash/openml-dash/plugins/study/suite"
	"github.com/openml-dash/openml-dash/plugins/study/suite/suitetest"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

const server = "https://test.openml.org"

// open serves s and lays out its page.
func open(t *testing.T, s *suitetest.Suite) (*sdktest.Harness, *evalviewtest.Server, *sdk.Page) {
	t.Helper()
	srv := s.Server()
	h := sdktest.Run(t, study.New(), srv.Host())
	page, err := h.Layout(s.Ref(server))
	require.NoError(t, err)
	return h, srv, page
}

func tab(t *testing.T, p *sdk.Page, id string) []sdk.Component {
	t.Helper()
	return sdktest.TabChildren(t, p, id)
}

// call runs callback id of the suite ref with the inputs, and returns
// what it put in slot.
func call(t *testing.T, h *sdktest.Harness, ref sdk.EntityRef, id, slot string, inputs ...sdk.Arg) []sdk.Component {
	t.Helper()
	p := patch(t, h, ref, id, inputs...)
	for _, o := range p.Outputs {
		if o.Ref == sdk.Output(slot, sdk.PropChildren) {
			return o.Value.Children()
		}
	}
	t.Fatalf("callback %s did not fill %s", id, slot)
	return nil
}

func patch(t *testing.T, h *sdktest.Harness, ref sdk.EntityRef, id string, inputs ...sdk.Arg) *sdk.Patch {
	t.Helper()
	p, err := h.Callback(&sdk.CallbackRequest{Ref: ref, ID: id, Inputs: inputs})
	require.NoError(t, err)
	return p
}

func arg(id, value string) sdk.Arg {
	return sdk.Arg{Ref: sdk.Input(id, sdk.PropValue), Value: sdk.StrValue(value)}
}

// scatter runs the scatter callback.
func scatter(t *testing.T, h *sdktest.Harness, ref sdk.EntityRef, x, xscale, y, yscale string) []sdk.Component {
	t.Helper()
	return call(t, h, ref, suite.ScatterCallback, suite.ScatterSlot,
		arg(suite.XSelect, x), arg(suite.XScale, xscale), arg(suite.YSelect, y), arg(suite.YScale, yscale))
}

// histogram runs the histogram callback.
func histogram(t *testing.T, h *sdktest.Harness, ref sdk.EntityRef, q, scale string) []sdk.Component {
	t.Helper()
	return call(t, h, ref, suite.HistogramCallback, suite.HistSlot, arg(suite.HistSelect, q), arg(suite.HistScale, scale))
}

// rank runs the ranking callback.
func rank(t *testing.T, h *sdktest.Harness, ref sdk.EntityRef, measure, count string, clicks int64) []sdk.Component {
	t.Helper()
	return call(t, h, ref, suite.FlowsCallback, suite.FlowsSlot, rankArgs(measure, count, clicks)...)
}

func rankArgs(measure, count string, clicks int64) []sdk.Arg {
	return []sdk.Arg{
		arg(suite.MeasureSelect, measure), arg(suite.CountSelect, count),
		{Ref: sdk.Input(suite.MoreButton, sdk.PropNClicks), Value: sdk.IntValue(clicks)},
	}
}

func notices(cs []sdk.Component) []*sdk.Notice { return sdktest.All[*sdk.Notice](cs) }

// texts joins the markdown of every Text in cs.
func texts(cs []sdk.Component) string {
	var parts []string
	for _, tx := range sdktest.All[*sdk.Text](cs) {
		parts = append(parts, tx.Markdown)
	}
	return strings.Join(parts, "\n")
}

// column returns the cells of a table's column by id.
func column(t *testing.T, tb *sdk.Table, id string) []sdk.Cell {
	t.Helper()
	for i, c := range tb.Columns {
		if c.ID == id {
			out := make([]sdk.Cell, len(tb.Rows))
			for r, row := range tb.Rows {
				out[r] = row.Cells[i]
			}
			return out
		}
	}
	t.Fatalf("table %s has no column %q", tb.ID, id)
	return nil
}

// series finds a chart's series by name.
func series(t *testing.T, c *sdk.Chart, name string) sdk.Series {
	t.Helper()
	for _, s := range c.Series {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("chart %s has no series %q", c.ID, name)
	return sdk.Series{}
}
