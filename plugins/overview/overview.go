// Package overview is the plugin for the overviews of every dataset,
// task, flow or run of a server: openml.org's search pages, which Dash's
// dashboard summarised in charts (dashboard/data, dashboard/task, ...).
//
// Each overview loads its listing page by page (PageSize entries a page),
// counts it in charts, and lists the entries in a table. Clicking a slice
// of a pie or a bar that counts entries lists those entries in the table;
// the bars and points that stand for one entity (a dataset, a task, a
// flow) open its page instead.
package overview

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/openml-dash/openml-dash/plugins/internal/show"
	"github.com/openml-dash/openml-dash/sdk"
)

// PageSize is how many entries one listing request asks for: the most a
// run listing gives at once (openml.MaxRuns).
const PageSize = 10_000

// MaxEntries caps the entries an overview loads, whatever the listing
// holds; an overview that reaches it says so.
const MaxEntries = 1_000_000

// TableRows is how many entries an overview's table lists, the highest
// ids first.
const TableRows = 1000

// TopBars is how many bars the charts of the most frequent tasks,
// datasets or flows draw.
const TopBars = 20

// Options tune the plugin; New uses the zero value.
type Options struct {
	// PageSize is the entries a listing request asks for; 0 is PageSize.
	PageSize int
	// TableRows is the entries a table lists; 0 is TableRows.
	TableRows int
}

type plugin struct {
	sdk.CallbackMux
	views map[sdk.Kind]overview
}

// overview is one of the four pages.
type overview interface {
	overviewKind() sdk.Kind
	layout(ctx context.Context, req *sdk.LayoutRequest) (*sdk.Page, error)
	register(m *sdk.CallbackMux)
}

// New returns the overview plugin.
func New() sdk.Plugin { return NewWith(Options{}) }

// NewWith returns the overview plugin tuned by o.
func NewWith(o Options) sdk.Plugin {
	if o.PageSize <= 0 {
		o.PageSize = PageSize
	}
	if o.TableRows <= 0 {
		o.TableRows = TableRows
	}
	p := &plugin{views: map[sdk.Kind]overview{}}
	for _, v := range []overview{datasetsView(o), tasksView(o), flowsView(o), runsView(o)} {
		p.views[v.overviewKind()] = v
		v.register(&p.CallbackMux)
	}
	return p
}

func (p *plugin) Manifest() sdk.Manifest {
	return sdk.Manifest{Name: "overview", Version: "0.1.0", Order: sdk.OrderCore,
		Kinds: []sdk.Kind{sdk.KindDataOverview, sdk.KindTaskOverview, sdk.KindFlowOverview, sdk.KindRunOverview}}
}

// Layout builds the page at once; its listing is loaded by the page's
// load callback, once the page shows.
func (p *plugin) Layout(ctx context.Context, req *sdk.LayoutRequest) (*sdk.Page, error) {
	v, ok := p.views[req.Ref.Kind]
	if !ok {
		return nil, fmt.Errorf("the overview plugin shows overviews, not a %s page (%s)", req.Ref.Kind, req.Ref)
	}
	return v.layout(ctx, req)
}

// hostName names the server in titles: "www.openml.org".
func hostName(server string) string {
	if server == "" {
		server = sdk.DefaultServer
	}
	if u, err := url.Parse(server); err == nil && u.Host != "" {
		return u.Host
	}
	return strings.TrimSuffix(server, "/")
}

// plural is "1 dataset" or "2 datasets".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return show.Count(n) + " " + many
}
