package sdk_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

// ---- (a) A chart tab ----

// bars is a whole plugin: one tab with a bar chart on every data page.
// Its binary's main is plugin.Serve(bars{}).
type bars struct{}

func (bars) Manifest() sdk.Manifest {
	return sdk.Manifest{Name: "bars", Version: "0.1.0", Kinds: []sdk.Kind{sdk.KindData}}
}

func (bars) Layout(ctx context.Context, req *sdk.LayoutRequest) (*sdk.Page, error) {
	chart := &sdk.Chart{
		ID:    "per-class",
		Kind:  sdk.ChartBar,
		Title: "Rows per class",
		// A categorical axis names its categories; the series gives one
		// Y per category, in order.
		X:      sdk.Axis{Title: "class", Categories: []string{"setosa", "versicolor", "virginica"}},
		Y:      sdk.Axis{Title: "rows"},
		Series: []sdk.Series{{Name: "rows", Y: []float64{50, 50, 50}}},
	}
	return &sdk.Page{Tabs: []sdk.Tab{{
		ID:    "bars",
		Title: "Bars",
		Children: []sdk.Component{
			&sdk.Heading{Text: "Class balance of " + req.Ref.String(), Level: 2},
			chart,
		},
	}}}, nil
}

// A plugin that adds a tab with a bar chart to data pages, run in-process
// through sdktest, over the same gRPC code the app uses. In a test, pass
// the test's t to sdktest.Run.
func ExamplePlugin() {
	t := exampleT()
	defer t.cleanup()

	h := sdktest.Run(t, bars{}, &sdktest.Host{})
	fmt.Println(h.Manifest.Name, h.Manifest.Version, h.Manifest.Kinds)

	page, err := h.Layout(sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindData, ID: 61})
	if err != nil {
		fmt.Println("layout failed:", err)
		return
	}
	for _, tab := range page.Tabs {
		fmt.Printf("tab %q %q\n", tab.ID, tab.Title)
	}
	chart := sdktest.All[*sdk.Chart](page.Tabs[0].Children)[0]
	fmt.Println(chart.Kind, chart.Title, chart.X.Categories, chart.Series[0].Y)
	// Output:
	// bars 0.1.0 [data]
	// tab "bars" "Bars"
	// bar Rows per class [setosa versicolor virginica] [50 50 50]
}

// ---- (b) A callback ----

// Component and callback ids of the measure plugin.
const (
	measureSelect = "measure"      // which measure to plot
	logRadio      = "scale"        // linear or log y axis
	plotSlot      = "plot"         // filled by showMeasure
	showMeasure   = "show-measure" // the callback
)

// measures shows a select and a slot that a callback fills with a chart of
// the chosen measure. Embedding CallbackMux makes it a CallbackHandler.
type measures struct{ sdk.CallbackMux }

func newMeasures() *measures {
	p := &measures{}
	p.HandleFunc(showMeasure, p.show)
	return p
}

func (*measures) Manifest() sdk.Manifest {
	return sdk.Manifest{Name: "measures", Version: "0.1.0", Kinds: []sdk.Kind{sdk.KindData}}
}

func (*measures) Layout(ctx context.Context, req *sdk.LayoutRequest) (*sdk.Page, error) {
	return &sdk.Page{
		Tabs: []sdk.Tab{{ID: "measures", Title: "Measures", Children: []sdk.Component{
			&sdk.Select{ID: measureSelect, Label: "Measure", Options: sdk.Options("petal", "sepal"), Values: []string{"petal"}},
			&sdk.Radio{ID: logRadio, Label: "Scale", Options: sdk.Options("linear", "log"), Value: "linear"},
			&sdk.Slot{ID: plotSlot}, // empty until the initial call fills it
		}}},
		// The app calls show-measure once when the page opens, and again
		// whenever the select changes. The radio is state: its value comes
		// along, but changing it fires nothing.
		Callbacks: []sdk.Callback{{
			ID:      showMeasure,
			Inputs:  []sdk.PropRef{sdk.Input(measureSelect, sdk.PropValue)},
			State:   []sdk.PropRef{sdk.State(logRadio, sdk.PropValue)},
			Outputs: []sdk.PropRef{sdk.Output(plotSlot, sdk.PropChildren)},
		}},
	}, nil
}

func (*measures) show(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	measure := req.Value(sdk.Input(measureSelect, sdk.PropValue)).Str()
	if measure == "" {
		return sdk.PreventUpdate(), nil // nothing chosen: leave the plot as it is
	}
	log := req.Value(sdk.State(logRadio, sdk.PropValue)).Str() == "log"
	return sdk.NewPatch().Fill(plotSlot, &sdk.Chart{
		ID: "lengths", Kind: sdk.ChartHistogram, Title: measure + " length",
		X: sdk.Axis{Title: "cm"}, Y: sdk.Axis{Title: "rows", Log: log},
		Series: []sdk.Series{{Name: measure, X: []float64{1.4, 1.5, 4.7, 5.1}}},
	}), nil
}

// A select driving a slot's children through a CallbackMux: the layout
// declares the callback, and the test calls it as the app would when the
// user picks "sepal".
func ExampleCallbackMux() {
	t := exampleT()
	defer t.cleanup()

	h := sdktest.Run(t, newMeasures(), &sdktest.Host{})
	ref := sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindData, ID: 61}
	page, err := h.Layout(ref)
	if err != nil {
		fmt.Println("layout failed:", err)
		return
	}
	for _, cb := range page.Callbacks {
		fmt.Println("callback", cb.ID, "inputs", cb.Inputs, "state", cb.State, "outputs", cb.Outputs)
	}

	patch, err := h.Callback(&sdk.CallbackRequest{
		Ref:       ref,
		ID:        showMeasure,
		Inputs:    []sdk.Arg{{Ref: sdk.Input(measureSelect, sdk.PropValue), Value: sdk.StrValue("sepal")}},
		State:     []sdk.Arg{{Ref: sdk.State(logRadio, sdk.PropValue), Value: sdk.StrValue("log")}},
		Triggered: []sdk.PropRef{sdk.Input(measureSelect, sdk.PropValue)},
	})
	if err != nil {
		fmt.Println("callback failed:", err)
		return
	}
	for _, out := range patch.Outputs {
		chart := out.Value.Children()[0].(*sdk.Chart)
		fmt.Println("set", out.Ref, "to", out.Value, "-", chart.Kind, chart.Title, "log y:", chart.Y.Log)
	}
	// Output:
	// callback show-measure inputs [measure.value] state [scale.value] outputs [plot.children]
	// set plot.children to [1 components] - histogram sepal length log y: true
}

// ---- (c) A fetch ----

// named fetches the dataset's description through the host and titles the
// page with the dataset's name. It never opens a connection itself.
type named struct{}

func (named) Manifest() sdk.Manifest {
	return sdk.Manifest{Name: "named", Version: "0.1.0", Kinds: []sdk.Kind{sdk.KindData}}
}

func (named) Layout(ctx context.Context, req *sdk.LayoutRequest) (*sdk.Page, error) {
	req.Host.Progress(ctx, "reading the description", 0, 1)
	body, err := sdk.FetchAPI(ctx, req.Host, req.Ref, fmt.Sprintf("data/%d", req.Ref.ID))
	req.Host.Progress(ctx, "reading the description", 1, 1)
	if err != nil {
		// A part that fails becomes a Notice; the rest of the page shows.
		return &sdk.Page{Tabs: []sdk.Tab{{ID: "named", Title: "Name", Children: []sdk.Component{
			&sdk.Notice{Level: sdk.Error, Summary: "The description could not be read", Detail: err.Error()},
		}}}}, nil
	}
	ds, err := openml.ParseDataset(body) // or openml.GetDataset, which fetches too
	if err != nil {
		return nil, err
	}
	req.Host.Log(ctx, sdk.LogDebug, "named: read "+ds.Name)
	return &sdk.Page{
		Title: ds.Name,
		Tabs: []sdk.Tab{{ID: "named", Title: "Name", Children: []sdk.Component{
			&sdk.Text{Markdown: fmt.Sprintf("**%s**, version %d", ds.Name, ds.Version)},
		}}},
	}, nil
}

// A layout that fetches the dataset's description through the host. The
// test host answers data/61 with a synthetic description and records what
// the plugin asked for, reported and logged; a path it has no answer for
// fails as not found.
func ExampleFetchAPI() {
	t := exampleT()
	defer t.cleanup()

	host := sdktest.Answers(map[string][]byte{
		"data/61": []byte(`<oml:data_set_description xmlns:oml="http://openml.org/openml">
  <oml:id>61</oml:id><oml:name>iris</oml:name><oml:version>1</oml:version>
</oml:data_set_description>`),
	})
	h := sdktest.Run(t, named{}, host)

	page, err := h.Layout(sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindData, ID: 61})
	if err != nil {
		fmt.Println("layout failed:", err)
		return
	}
	fmt.Println("title:", page.Title)
	fmt.Println("fetched:", host.Fetches[0].Server, host.Fetches[0].Path)
	fmt.Println("progress:", host.Progresses)
	fmt.Println("log:", host.Logs)

	page, _ = h.Layout(sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindData, ID: 62})
	notice := page.Tabs[0].Children[0].(*sdk.Notice)
	fmt.Println(notice.Level, notice.Summary, "-", notice.Detail)
	// Output:
	// title: iris
	// fetched: https://www.openml.org data/61
	// progress: [reading the description 0/1 reading the description 1/1]
	// log: [named: read iris]
	// error The description could not be read - sdktest: no answer for data/62
}

// exampleT stands in for the *testing.T that sdktest.Run takes, which an
// Example function does not have: it panics where a test would fail, and
// runs the cleanups sdktest registers when cleanup is called.
func exampleT() *fakeT { return &fakeT{} }

type fakeT struct {
	testing.TB // nil: only the methods below are called
	cleanups   []func()
}

func (*fakeT) Helper()                        {}
func (*fakeT) Fatal(args ...any)              { panic(fmt.Sprint(args...)) }
func (*fakeT) Fatalf(format string, a ...any) { panic(fmt.Sprintf(format, a...)) }
func (t *fakeT) Cleanup(f func())             { t.cleanups = append(t.cleanups, f) }

func (t *fakeT) cleanup() {
	for i := len(t.cleanups) - 1; i >= 0; i-- {
		t.cleanups[i]()
	}
}
