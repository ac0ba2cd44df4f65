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
)

var kindNames = [...]string{"unknown", "data", "task", "flow", "run"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// ParseKind reads a kind name ("data", "task", "flow", "run"), case-insensitively.
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

// String gives the short form a user can paste back, e.g. "d/61", with the
// server in front when it is not the default one; for a local file, its path.
func (r EntityRef) String() string {
	if p, ok := r.LocalFile(); ok {
		return p
	}
	short := fmt.Sprintf("%s/%d", r.Kind.shortPrefix(), r.ID)
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
	return fmt.Sprintf("%s/%s/%d", server, r.Kind.shortPrefix(), r.ID)
}

func (k Kind) shortPrefix() string {
	switch k {
	case KindData:
		return "d"
	case KindTask:
		return "t"
	case KindFlow:
		return "f"
	case KindRun:
		return "r"
	}
	return k.String()
}
