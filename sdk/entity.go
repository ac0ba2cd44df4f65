package sdk

import (
	"fmt"
	"strings"
)

// Kind is the type of OpenML entity a page shows.
type Kind uint8

// The entity kinds a plugin can declare in its Manifest.
const (
	KindUnknown Kind = iota
	KindData
	KindTask
	KindFlow
	KindRun
	// KindStudy is a study: a run study (its runs, compared per dataset)
	// or a benchmark suite (a study of tasks). Which one is in the study's
	// own description, so one kind names both.
	KindStudy
	// The overviews of every dataset, task, flow or run of a server
	// (openml.org's search pages, Dash's dashboard/data and so on). Their
	// refs have ID 0.
	KindDataOverview
	KindTaskOverview
	KindFlowOverview
	KindRunOverview
	// KindRunComparison is two to MaxCompared runs side by side: the first
	// is the ref's ID, the others its More.
	KindRunComparison
)

var kindNames = [...]string{"unknown", "data", "task", "flow", "run", "study",
	"data-overview", "task-overview", "flow-overview", "run-overview", "run-comparison"}

// MaxCompared is the most runs a comparison shows.
const MaxCompared = 10

// Overview is the kind of the overview of every entity of kind k (data,
// task, flow or run), and false for other kinds.
func (k Kind) Overview() (Kind, bool) {
	if k >= KindData && k <= KindRun {
		return KindDataOverview + (k - KindData), true
	}
	return KindUnknown, false
}

// Overviewed is the kind an overview kind lists (KindData for
// KindDataOverview), and false for other kinds.
func (k Kind) Overviewed() (Kind, bool) {
	if k >= KindDataOverview && k <= KindRunOverview {
		return KindData + (k - KindDataOverview), true
	}
	return KindUnknown, false
}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// ParseKind reads a kind name ("data", "task", "flow", "run", "study",
// "data-overview", ...), case-insensitively.
func ParseKind(s string) (Kind, bool) {
	s = strings.ToLower(s)
	for i, n := range kindNames[1:] {
		if n == s {
			return Kind(i + 1), true
		}
	}
	return KindUnknown, false
}

// DefaultServer is the public OpenML website, the Server of refs parsed from
// short forms such as "d/61".
const DefaultServer = "https://www.openml.org"

// EntityRef names one OpenML entity: which server, which kind, which id.
// Server is the website origin ("https://www.openml.org",
// "https://test.openml.org"), not the API base.
type EntityRef struct {
	Server string
	Kind   Kind
	ID     int64
	// More holds a comparison's runs after the first (KindRunComparison),
	// in order, then zeros. An array, not a slice, so that refs stay
	// comparable with ==.
	More [MaxCompared - 1]int64
}

// CompareRuns is the ref of runs ids side by side on server: two to
// MaxCompared distinct positive ids.
func CompareRuns(server string, ids ...int64) (EntityRef, error) {
	if len(ids) < 2 || len(ids) > MaxCompared {
		return EntityRef{}, fmt.Errorf("a comparison shows 2 to %d runs, not %d", MaxCompared, len(ids))
	}
	r := EntityRef{Server: server, Kind: KindRunComparison, ID: ids[0]}
	for i, id := range ids {
		if id < 1 {
			return EntityRef{}, fmt.Errorf("run id %d is not positive", id)
		}
		for _, prev := range ids[:i] {
			if prev == id {
				return EntityRef{}, fmt.Errorf("run %d is named twice", id)
			}
		}
		if i > 0 {
			r.More[i-1] = id
		}
	}
	return r, nil
}

// IDs is the ref's ID followed by the ids in More: every run of a
// comparison, or the one entity of another ref.
func (r EntityRef) IDs() []int64 {
	ids := []int64{r.ID}
	for _, id := range r.More {
		if id != 0 {
			ids = append(ids, id)
		}
	}
	return ids
}

// idList is "539275,572944": the ids of a comparison as its short form
// and URL give them.
func (r EntityRef) idList() string {
	var b strings.Builder
	for i, id := range r.IDs() {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprint(&b, id)
	}
	return b.String()
}

// FileServer prefixes the Server of a dataset read from a local file
// (ARFF, parquet or CSV) instead of an OpenML server: the host answers such
// a ref's description itself, and its data file is the file.
const FileServer = "file://"

// LocalFileRef is the ref of the dataset in the local file at the
// absolute path.
func LocalFileRef(path string) EntityRef {
	return EntityRef{Server: FileServer + path, Kind: KindData}
}

// LocalFile returns the path of a local-file ref.
func (r EntityRef) LocalFile() (string, bool) {
	return strings.CutPrefix(r.Server, FileServer)
}

// String gives the short form a user can paste back, e.g. "d/61" or
// "search?type=data" (an overview), with the server in front when it is
// not the default one; for a local file, its path.
func (r EntityRef) String() string {
	if p, ok := r.LocalFile(); ok {
		return p
	}
	short := fmt.Sprintf("%s/%s", r.Kind.shortPrefix(), r.idList())
	if of, ok := r.Kind.Overviewed(); ok {
		short = "search?type=" + of.String()
	}
	if r.Server == "" || r.Server == DefaultServer {
		return short
	}
	return r.Server + "/" + short
}

// URL is the entity's page on the OpenML website (for a local file, its
// path).
func (r EntityRef) URL() string {
	if p, ok := r.LocalFile(); ok {
		return p
	}
	server := r.Server
	if server == "" {
		server = DefaultServer
	}
	if of, ok := r.Kind.Overviewed(); ok {
		return server + "/search?type=" + of.String()
	}
	return fmt.Sprintf("%s/%s/%s", server, r.Kind.shortPrefix(), r.idList())
}

func (k Kind) shortPrefix() string {
	switch k {
	case KindData:
		return "d"
	case KindTask:
		return "t"
	case KindFlow:
		return "f"
	case KindRun, KindRunComparison:
		return "r"
	case KindStudy:
		return "s"
	}
	return k.String()
}
