package sdk

import (
	"context"
)

// Page is what a plugin shows for one entity: its tabs and the callbacks
// that fill them. When several plugins serve one kind, their tabs are shown
// side by side and their callbacks run independently.
type Page struct {
	Title     string
	Tabs      []Tab
	Callbacks []Callback
	// Notice, when set, is shown once above the tabs: a problem that
	// concerns the whole page rather than one part. At Error level it
	// says the page's subject could not be read at all (a local file
	// that is not data): the page still shows what it can, and render
	// writes it but exits non-zero with the notice as the reason.
	// Since: openml-dash 0.2.
	Notice *Notice
}

// Tab is one tab of a page.
type Tab struct {
	ID       string
	Title    string
	Children []Component
}

// Manifest says who a plugin is and which entity kinds it shows.
type Manifest struct {
	Name    string
	Version string
	Kinds   []Kind
	// Order sorts plugins of one kind, highest first; the core plugins use
	// OrderCore so that drop-ins add tabs after theirs.
	Order int
}

// OrderCore is the Manifest.Order of the built-in plugins.
const OrderCore = 100

// LayoutRequest asks for the page of one entity.
type LayoutRequest struct {
	Ref  EntityRef
	Host Host
}

// LayoutHandler builds pages.
type LayoutHandler interface {
	// Layout is called each time a page for req.Ref is opened. Parts that
	// cannot be built should become Notices, so the rest of the page shows;
	// an error means the whole page failed.
	Layout(ctx context.Context, req *LayoutRequest) (*Page, error)
}

// Plugin is what a plugin binary serves: plugin.Serve(impl) (package
// sdk/plugin) is its whole main. A plugin whose pages declare callbacks
// also implements CallbackHandler.
type Plugin interface {
	// Manifest is called once, when the host starts the plugin.
	Manifest() Manifest
	LayoutHandler
}
