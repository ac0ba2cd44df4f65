package evalview

import (
	"context"
	"fmt"

	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// PageSize is how many runs one page of an evaluation listing holds.
const PageSize = 1000

// Pages is what LoadPages read.
type Pages struct {
	// Runs are the entries kept, with a value, in the listing's order,
	// each run once.
	Runs []openml.RunEvaluation
	// Read counts the entries of the pages read.
	Read int
	// PagesRead counts the pages read, the last one included even if
	// it was short.
	PagesRead int
	// More is true when the last page read was full, so more entries may
	// follow; false when the listing ended.
	More bool
	// NoValue counts the entries kept but left out for having no single
	// value (measures OpenML gives only per class).
	NoValue int
	// Err is why a page after the first could not be read; Runs holds
	// the pages before it.
	Err error
}

// LoadPages reads up to pages pages of PageSize entries of the listing q
// (its Limit and Offset are set here), stopping at the first short page,
// or once want entries are kept (0 for no such stop; Runs is then cut to
// want). keep, if not nil, says which entries to keep. An error means the
// first page could not be read.
func LoadPages(ctx context.Context, host sdk.Host, server string, q openml.EvaluationQuery, pages int, keep func(openml.RunEvaluation) bool, want int) (*Pages, error) {
	out := &Pages{}
	seen := map[int64]bool{}
	progress := func(done, total int) {
		if host != nil {
			host.Progress(ctx, "Loading runs", int64(done), int64(total))
		}
	}
	defer progress(1, 1)
	for page := 0; page < max(1, pages); page++ {
		progress(page, max(1, pages))
		q.Limit, q.Offset = PageSize, page*PageSize
		evals, err := openml.ListEvaluations(ctx, host, server, q)
		if err != nil {
			if page == 0 || ctx.Err() != nil {
				return nil, err
			}
			out.Err = fmt.Errorf("runs %d to %d: %w", q.Offset+1, q.Offset+PageSize, err)
			out.More = true
			return out, nil
		}
		out.PagesRead++
		out.Read += len(evals)
		out.More = len(evals) >= PageSize
		for _, e := range evals {
			if seen[e.RunID] || (keep != nil && !keep(e)) {
				continue
			}
			seen[e.RunID] = true
			if !e.HasValue {
				out.NoValue++
				continue
			}
			out.Runs = append(out.Runs, e)
		}
		if want > 0 && len(out.Runs) >= want {
			out.Runs = out.Runs[:want]
			break
		}
		if !out.More {
			break
		}
	}
	return out, nil
}
