package data

import (
	"context"

	"github.com/openml-dash/openml-dash/plugins/data/datapage"
	"github.com/openml-dash/openml-dash/plugins/internal/keep"
	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/frame"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// keptFrames is how many loaded datasets the plugin keeps: the page open
// now and the one before it (back), so going back does not read the file
// again. A million-row dataset is a few hundred MB.
const keptFrames = 2

// frames loads each dataset's data once, however many callbacks ask for it.
type frames struct {
	keep.Latest[datapage.Loaded]
}

func newFrames() frames { return frames{keep.Latest[datapage.Loaded]{N: keptFrames}} }

// get is the dataset's data.
func (fs *frames) get(ctx context.Context, host sdk.Host, ref sdk.EntityRef, ds *openml.Dataset) (*frame.Frame, error) {
	l, err := fs.loaded(ctx, host, ref, ds)
	return l.Frame, err
}

// loaded is the dataset's data with what is known of its file.
func (fs *frames) loaded(ctx context.Context, host sdk.Host, ref sdk.EntityRef, ds *openml.Dataset) (datapage.Loaded, error) {
	return fs.Get(ctx, ref.Server+"|"+ref.String(), func(ctx context.Context) (datapage.Loaded, error) {
		return datapage.Load(ctx, host, ref, ds)
	})
}
