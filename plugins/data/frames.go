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
	keep.Latest[*frame.Frame]
}

func newFrames() frames { return frames{keep.Latest[*frame.Frame]{N: keptFrames}} }

func (fs *frames) get(ctx context.Context, host sdk.Host, ref sdk.EntityRef, ds *openml.Dataset) (*frame.Frame, error) {
	return fs.Get(ctx, ref.Server+"|"+ref.String(), func(ctx context.Context) (*frame.Frame, error) {
		return datapage.Load(ctx, host, ref, ds)
	})
}
