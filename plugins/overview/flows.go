package overview

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/openml-dash/openml-dash/plugins/internal/evalview"
	"github.com/openml-dash/openml-dash/plugins/internal/show"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// Component ids of the flows overview.
const (
	FlowTopRadio     = "flows-top"       // how many names the bars show
	FlowLibraryChart = "flows-libraries" // pie: flows by library
	FlowUploadChart  = "flows-uploaders" // bars: flows by uploader
	FlowNamesChart   = "flows-names"     // bars: the most frequent names
	FlowContentSlot  = "flows-content"
	FlowTableSlot    = "flows-table"
	FlowAllButton    = "flows-all"
	FlowLoad         = "flows-load"
	FlowClick        = "flows-click"
)

// flowTops are the choices of FlowTopRadio; the first is the default.
var flowTops = []int{25, 50, 100}

// TopLibraries is how many libraries get a slice of their own; the
// others share one.
const TopLibraries = 8

// TopUploaders is how many uploaders get a bar of their own; the others
// share one.
const TopUploaders = 10

// flow is what the overview keeps of a flow listing's entry.
type flow struct {
	id                int64
	name, full        string
	version, external string
	uploader          int64
	uploaderName      string // the user's name, or "user <id>"
	short, library    string
}

func newFlow(f openml.FlowSummary) flow {
	name := f.Name
	if name == "" {
		name = f.FullName
	}
	return flow{id: f.ID, name: name, full: f.FullName, version: f.Version, external: f.ExternalVersion, uploader: f.Uploader,
		short: evalview.ShortFlowName(name), library: library(name)}
}

// library is the part of a flow's name before its first dot, lower case:
// "sklearn", "weka", "mlr", "moa". A name without one has none.
func library(name string) string {
	head, _, _ := strings.Cut(name, "(")
	lib, _, ok := strings.Cut(head, ".")
	lib = strings.ToLower(strings.TrimSpace(lib))
	if !ok || lib == "" {
		return "no library prefix"
	}
	return lib
}

func flowsView(o Options) *view[flow] {
	options := make([]sdk.Option, len(flowTops))
	for i, n := range flowTops {
		options[i] = sdk.Option{Label: fmt.Sprintf("Top %d names", n), Value: strconv.Itoa(n)}
	}
	v := &view[flow]{
		kind: sdk.KindFlowOverview, name: "flows", noun: "flows", one: "flow", opts: o,
		intro: "Every flow the server lists, by the name it is known by (class paths shortened to class names, " +
			"as openml.org's dashboard did) and by library. Click a bar of the names to open the newest flow of that name, " +
			"and a slice of the libraries or a bar of the uploaders to list its flows in the table below.",
		controls: func(context.Context, *sdk.LayoutRequest) []sdk.Component {
			return []sdk.Component{&sdk.Radio{ID: FlowTopRadio, Label: "Most frequent", Options: options, Value: options[0].Value}}
		},
		inputs: []sdk.PropRef{sdk.Input(FlowTopRadio, sdk.PropValue)},
		key:    func([]string) string { return "" },
		load:   loadFlows(o.PageSize),
		summary: func(l *listing[flow], server string, _ []string) string {
			names := map[string]bool{}
			for _, f := range l.Items {
				names[f.short] = true
			}
			s := fmt.Sprintf("**%s** flows on %s, under **%s** names", show.Count(len(l.Items)), hostName(server), show.Count(len(names)))
			if l.Complete {
				s += ", all loaded"
			}
			return s + "."
		},
		empty: func(server string, _ []string) *sdk.Notice {
			return &sdk.Notice{Level: sdk.Info, Summary: fmt.Sprintf("%s lists no flows", hostName(server)),
				Detail: "The server answered that no flow matches (OpenML's \"no results\")."}
		},
		facets: []facet[flow]{
			{
				id: FlowLibraryChart, title: "Flows by library", kind: sdk.ChartPie,
				split: func(fs []flow) ([]string, []int) {
					return byCount(fs, func(f flow) string { return f.library }, TopLibraries, "other libraries")
				},
				describe: func(l string) string { return "Flows of " + l },
			},
			{
				id: FlowUploadChart, title: "Flows by uploader", kind: sdk.ChartBar, horizontal: true, axis: "Uploader", missing: "without an uploader",
				split: func(fs []flow) ([]string, []int) {
					return byCount(fs, func(f flow) string { return f.uploaderName }, TopUploaders, "other uploaders")
				},
				describe: func(l string) string { return "Flows uploaded by " + l },
			},
		},
		linked: func(fs []flow, server string, c []string) []sdk.Component {
			return []sdk.Component{flowNames(fs, server, flowTop(c))}
		},
		id: func(f flow) int64 { return f.id },
		columns: []sdk.Column{
			{ID: "id", Title: "ID", Type: sdk.CellLink},
			{ID: "short", Title: "Name", Type: sdk.CellText},
			{ID: "full", Title: "Full name", Type: sdk.CellText},
			{ID: "version", Title: "Version", Type: sdk.CellText},
			{ID: "external", Title: "External version", Type: sdk.CellText},
			{ID: "uploader", Title: "Uploader", Type: sdk.CellText},
		},
		row: func(f flow, server string) []sdk.Cell {
			return []sdk.Cell{idCell(server, sdk.KindFlow, f.id), textCell(f.short), textCell(f.full), textCell(f.version), textCell(f.external), textCell(f.uploaderName)}
		},
	}
	v.store.latest.N = 1 // the only listing
	return v
}

// flowTop is the number of names chosen.
func flowTop(choice []string) int {
	if len(choice) > 0 {
		if n, err := strconv.Atoi(choice[0]); err == nil && n > 0 {
			return min(n, flowTops[len(flowTops)-1])
		}
	}
	return flowTops[0]
}

// loadFlows reads every flow, size a page, and names the uploaders of
// most of them.
func loadFlows(size int) func(ctx context.Context, host sdk.Host, server string, _ []string) (*listing[flow], error) {
	return func(ctx context.Context, host sdk.Host, server string, _ []string) (*listing[flow], error) {
		l, err := loadPages(ctx, host, "Loading flows", size, 0, func(ctx context.Context, limit, offset int) ([]flow, error) {
			fs, err := openml.ListFlows(ctx, host, server, openml.FlowQuery{Limit: limit, Offset: offset})
			out := make([]flow, len(fs))
			for i, f := range fs {
				out[i] = newFlow(f)
			}
			return out, err
		})
		if err != nil {
			return nil, err
		}
		counts := map[int64]int{}
		for _, f := range l.Items {
			if f.uploader > 0 {
				counts[f.uploader]++
			}
		}
		names, nerr := evalview.UserNames(ctx, host, server, topCounts(counts, TopUploaders))
		if nerr != nil {
			if ctx.Err() != nil {
				return nil, nerr
			}
			host.Log(ctx, sdk.LogWarn, fmt.Sprintf("flows overview: uploaders are shown by id: %v", nerr))
		}
		for i := range l.Items {
			if id := l.Items[i].uploader; id > 0 {
				l.Items[i].uploaderName = evalview.UserLabel(names, id)
			}
		}
		return l, nil
	}
}

// flowNames draws the top most frequent short names, each bar opening
// the newest flow (the highest id) of its name.
func flowNames(fs []flow, server string, top int) *sdk.Chart {
	counts := map[string]int{}
	newest := map[string]int64{}
	for _, f := range fs {
		counts[f.short]++
		newest[f.short] = max(newest[f.short], f.id)
	}
	names := sortedKeys(counts)
	names = names[:min(top, len(names))]
	rs := make([]ranked, len(names))
	for i, n := range names {
		rs[i] = ranked{label: n, count: counts[n], link: evalview.Ref(server, sdk.KindFlow, newest[n])}
	}
	c := rankedBars(FlowNamesChart, fmt.Sprintf("The %d most frequent flow names", len(rs)), "Flow name", "flow", "flows", rs)
	for i, n := range names {
		c.Series[0].Labels[i] = fmt.Sprintf("%s: %s; click to open the newest, flow %d", n, plural(counts[n], "flow", "flows"), newest[n])
	}
	return c
}
