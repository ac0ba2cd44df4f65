package evalview

import (
	"cmp"
	"slices"

	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// Group is the runs sharing a key (a flow, a dataset, an uploader).
type Group struct {
	Key  int64
	Best openml.RunEvaluation // the group's best run
	Runs int
}

// Rank groups runs by key and ranks the groups by their best run's value
// of measure, best first, in the measure's own direction. Ties go to the
// group whose best run came first (upload time, then run id), then to
// the smaller key. Runs without a value are ignored.
func Rank(runs []openml.RunEvaluation, measure string, key func(openml.RunEvaluation) int64) []Group {
	idx := map[int64]int{}
	var out []Group
	for _, e := range runs {
		if !e.HasValue {
			continue
		}
		k := key(e)
		i, ok := idx[k]
		if !ok {
			idx[k] = len(out)
			out = append(out, Group{Key: k, Best: e, Runs: 1})
			continue
		}
		g := &out[i]
		g.Runs++
		if before(measure, e, g.Best) {
			g.Best = e
		}
	}
	slices.SortStableFunc(out, func(a, b Group) int {
		switch {
		case before(measure, a.Best, b.Best):
			return -1
		case before(measure, b.Best, a.Best):
			return 1
		}
		return cmp.Compare(a.Key, b.Key)
	})
	return out
}

// before reports whether run a ranks before run b: a better value, or an
// equal one uploaded earlier.
func before(measure string, a, b openml.RunEvaluation) bool {
	if a.Value != b.Value {
		return Better(measure, a.Value, b.Value)
	}
	if a.UploadTime != b.UploadTime {
		return a.UploadTime < b.UploadTime
	}
	return a.RunID < b.RunID
}

// SortBest sorts runs best first in measure's direction (ties as Rank).
func SortBest(runs []openml.RunEvaluation, measure string) {
	slices.SortStableFunc(runs, func(a, b openml.RunEvaluation) int {
		switch {
		case before(measure, a, b):
			return -1
		case before(measure, b, a):
			return 1
		}
		return 0
	})
}

// Ref is the reference of entity id of kind on server.
func Ref(server string, kind sdk.Kind, id int64) sdk.EntityRef {
	return sdk.EntityRef{Server: server, Kind: kind, ID: id}
}
