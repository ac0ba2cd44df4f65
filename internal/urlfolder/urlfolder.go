// Package urlfolder names the files of a folder laid out by URL path, as
// ../shared/openml/www, a --mirror or recording folder and the built-in
// demo are: an API request's answer sits at its URL's path (api/v1/xml/
// and the request), a file at its URL's path, the host dropped. Paths are
// cleaned, so no request names a file outside the folder.
package urlfolder

import (
	"net/url"
	"path"
	"path/filepath"
	"strings"
)

// APIBase is where the API's answers sit in the folder.
const APIBase = "api/v1/xml"

// Clean is p as a relative slash path that stays inside the folder.
func Clean(p string) string {
	return strings.TrimPrefix(path.Clean("/"+p), "/")
}

// API is the path of the answer to the API request p ("data/61").
func API(p string) string { return path.Join(APIBase, Clean(p)) }

// URL is the path of the file at the URL raw, whatever its host.
func URL(raw string) string {
	p := raw
	if u, err := url.Parse(raw); err == nil {
		p = u.Path
	}
	return Clean(p)
}

// File is the file at the slash path rel in the folder root.
func File(root, rel string) string {
	return filepath.Join(root, filepath.FromSlash(Clean(rel)))
}
