// Package sdk is what an openml-dash plugin is written with. A plugin is
// a program of its own. The app starts it, shows the pages it builds, and
// runs the callbacks it declares. Its main is one line:
//
//	func main() { plugin.Serve(myPlugin{}) } // package sdk/plugin
//
// The guide, from an empty folder to a tab on data pages, is README.md
// beside this package. The wire protocol, for plugins in other languages,
// is PROTOCOL.md.
//
// # Pages
//
// A plugin implements [Plugin]. [Plugin.Manifest] says who it is and which
// entity kinds it shows ([KindData], [KindTask], [KindRun], ...). The app
// asks for it when it starts the plugin, and remembers it until the binary
// changes, so it must depend on the binary only.
//
// [LayoutHandler.Layout] builds the [Page] of one entity. It gets an
// [EntityRef] (server, kind and id) and a [Host], and is called each time
// a page is opened. A Page is a list of tabs ([Tab]) of components, plus
// the callbacks ([Callback]) that update them. There are twelve
// components: [Heading], [Text] (markdown), [Notice], [Table], [Chart],
// [Container], [Select], [Radio], [Checklist], [Button], [Link] and
// [Slot]. A Chart carries data, not pixels: the app draws it and maps
// clicks back to points.
//
// # Several plugins, one page
//
// Every plugin whose Manifest lists a kind builds its own part of that
// kind's pages. The parts are laid out by [Manifest.Order], highest first;
// ties go by binary name. The built-in plugins use [OrderCore], so a
// drop-in with the default Order 0 adds its tabs after theirs. The first
// part's Title is the page's title. Component ids and callbacks belong to
// a part: two plugins may use the same ids.
//
// # Callbacks
//
// A [Callback] declares, as in Dash, that its handler computes Outputs
// from Inputs and State. Each is a [PropRef], "id.property", made with
// [Input], [State] and [Output] from the Prop constants ([PropValue],
// [PropChildren], [PropClickData], ...). The app calls the callback once
// when the page opens (its Triggered is empty), unless PreventInitialCall.
// It calls it again whenever an input changes, whether the user changed it
// or another callback's output did. Components that a [Patch.Fill] adds
// fire the callbacks that read them, as new components do in Dash, except
// those with PreventInitialCall: give it to a callback that only answers
// a click, so that a chart drawn anew does not call it, and the tabs it
// writes to need not wait for the chart. State is passed along but fires
// nothing.
//
// A plugin with callbacks also implements [CallbackHandler]. Embedding a
// [CallbackMux] and registering one handler per callback id does that. The
// handler reads its arguments with [CallbackRequest.Value] and returns a
// [Patch]: [Patch.Set] writes an output, [Patch.Fill] replaces a Slot's
// children, and [Patch.Skip] leaves one output as it is (Dash's
// no_update). [PreventUpdate] changes nothing and fires nothing. Never
// return a nil Patch. To change a Text or a Chart, put it in a Slot and
// fill the Slot.
//
// The app checks a part's callbacks when the page opens. Every id they
// name must be in the first layout, each output has one callback, and the
// graph has no cycles. A part that breaks a rule shows its first layout
// with an error Notice saying which, and its callbacks do not run. A call
// whose input changes again before it returns has its ctx cancelled and
// its answer dropped.
//
// # The host
//
// Plugins never open network connections and never see the user's API
// key. Every OpenML answer comes through the [Host]: [FetchAPI] gets an
// API answer by path ("data/features/61"), [FetchFile] gets a data file
// as a local read-only path. The host caches, works offline from a
// mirror, and reports downloads. Package sdk/openml fetches and parses
// the common answers. A failed fetch is a [*FetchError], written for the
// user; [IsNotFound] tells a missing entity from a failure.
//
// [Host.Progress] reports long work on the app's status line.
// [Host.Log] writes to the app's log (stderr and the log file); info and
// debug lines show only with --verbose. A plugin must not write to
// stdout, where the app reads the handshake. Its stderr goes to the log.
// Honour ctx: it ends when the page closes, or when a callback's call is
// superseded.
//
// # Errors
//
// A part of a page that cannot be built should become a [Notice] (Info,
// Warning or Error), so that the rest of the page shows; [Page.Notice]
// is for a problem of the whole page. An error returned from Layout means
// the plugin's whole part failed. Its tabs become one error Notice; when
// the plugin is the first part (usually the built-in one), the page does
// not open at all. A callback's error replaces that callback's children
// outputs with an error Notice, and nothing downstream of it fires. A
// panic fails only the call it happened in. A plugin that crashes or
// hangs is restarted.
//
// # Size
//
// A page, or a patch, travels as one message of at most 256 MiB. Over
// that the call fails, saying so. Send what a person can see: sample, bin
// or page the data (a histogram, not a million values; the top rows of a
// listing, not all of them).
//
// # Testing
//
// Package sdk/sdktest runs a plugin in-process, through the same gRPC code
// the app and a plugin binary use. sdktest.Run gives a Harness whose
// Layout and Callback call the plugin as the app does. The Host it is given
// answers fetches: sdktest.Answers from a map, sdktest.Recorded from a
// folder laid out by URL path, or any FetchFunc. It records the fetches,
// progress and log lines. sdktest.Find, All and TabChildren pick components
// out of a page. The package's examples are small plugins tested this way.
package sdk
