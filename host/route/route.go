// Package route turns what a user pastes (a website URL, an API URL, an old
// Dash path or a short form such as d/61) into an sdk.EntityRef.
package route

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/openml-dash/openml-dash/host/demo"
	"github.com/openml-dash/openml-dash/internal/userpath"
	"github.com/openml-dash/openml-dash/sdk"
)

const testServer = "https://test.openml.org"

// hint ends every error, so a user always sees a form that works.
const hint = "use a URL like https://www.openml.org/d/61 or a short form like d/61 (data), t/59 (task), f/5270 (flow), r/539275 (run), s/99 (study or benchmark suite)"

// Error says why an input is not a reference to an OpenML entity.
type Error struct {
	Input  string // the input, trimmed
	Reason string // what was wrong, e.g. `unknown entity type "x"`
}

func (e *Error) Error() string {
	if e.Input == "" {
		return e.Reason + "; " + hint
	}
	return fmt.Sprintf("%q: %s; %s", clip(e.Input), e.Reason, hint)
}

func errorf(in, format string, args ...any) error {
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = clip(s)
		}
	}
	return &Error{Input: in, Reason: fmt.Sprintf(format, args...)}
}

// clip shortens what a message quotes: a whole pasted document would
// drown the reason.
func clip(s string) string {
	if r := []rune(s); len(r) > 100 {
		return string(r[:97]) + "..."
	}
	return s
}

var (
	schemeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*://`)
	hostRE   = regexp.MustCompile(`^[a-z0-9_.-]+$`)
	ipv6RE   = regexp.MustCompile(`^[0-9a-f:.]+$`)
)

// kindWords are the kind names accepted as the first path segment.
var kindWords = map[string]sdk.Kind{
	"d": sdk.KindData, "data": sdk.KindData,
	"t": sdk.KindTask, "task": sdk.KindTask,
	"f": sdk.KindFlow, "flow": sdk.KindFlow,
	"r": sdk.KindRun, "run": sdk.KindRun,
	"s": sdk.KindStudy, "study": sdk.KindStudy,
}

// Parse reads an OpenML entity reference. It accepts website URLs
// (https://www.openml.org/d/61, openml.org/search?type=data&id=61, and
// openml.org/search?type=data for the overview of every dataset), API URLs
// (https://www.openml.org/api/v1/xml/data/61), old Dash paths
// (/dashboard/data/61, /dashboard/study/run/157) and short forms (d/61,
// data/61, /t/59, s/99, and r/539275,572944 for runs side by side), on
// www.openml.org, test.openml.org or any other OpenML server. Errors are
// *Error.
func Parse(s string) (sdk.EntityRef, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return sdk.EntityRef{}, &Error{Reason: "empty input"}
	}
	if ref, ok, err := parseDemo(in); ok {
		return ref, err
	}
	if ref, ok, err := parseLocalFile(in); ok {
		return ref, err
	}
	u, err := toURL(in)
	if err != nil {
		return sdk.EntityRef{}, err
	}
	server, err := origin(in, u)
	if err != nil {
		return sdk.EntityRef{}, err
	}
	kind, id, err := entity(in, u)
	if errors.Is(err, errComparison) {
		return comparison(in, server, u)
	}
	if err != nil {
		return sdk.EntityRef{}, err
	}
	return sdk.EntityRef{Server: server, Kind: kind, ID: id}, nil
}

// parseDemo reads "demo" (the built-in demo dataset) and "demo/t/1"-style
// forms, which keep links between demo pages inside the demo.
func parseDemo(in string) (sdk.EntityRef, bool, error) {
	lower := strings.ToLower(in)
	if lower == demo.Server {
		return sdk.EntityRef{Server: demo.Server, Kind: sdk.KindData, ID: 1}, true, nil
	}
	rest, ok := strings.CutPrefix(lower, demo.Server+"/")
	if !ok {
		return sdk.EntityRef{}, false, nil
	}
	ref, err := Parse(rest)
	if err != nil || ref.Server != sdk.DefaultServer {
		return sdk.EntityRef{}, true, errorf(in, "not a demo page (the demo has d/1, t/1, f/1 and r/1)")
	}
	ref.Server = demo.Server
	return ref, true, nil
}

// parseLocalFile reads a path to a data file on this machine (or a
// file:// URL): a dataset with no OpenML server. A path that names nothing
// falls through to the OpenML forms, unless it plainly meant a file. A
// leading ~ is the home folder: no shell expands what is typed in the URL
// bar.
func parseLocalFile(in string) (sdk.EntityRef, bool, error) {
	p, isURL := strings.CutPrefix(in, "file://")
	if !isURL {
		p = userpath.Expand(p)
	}
	st, err := os.Stat(p)
	switch {
	case err == nil && st.Mode().IsRegular():
	case err == nil:
		return sdk.EntityRef{}, true, errorf(in, "is a folder, not a data file; give an ARFF, parquet or CSV file")
	case isURL || dataFileName.MatchString(p):
		return sdk.EntityRef{}, true, errorf(in, "no such file")
	default:
		return sdk.EntityRef{}, false, nil
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return sdk.EntityRef{}, true, errorf(in, "%v", err)
	}
	return sdk.LocalFileRef(abs), true, nil
}

// dataFileName matches names that can only mean a local file.
var dataFileName = regexp.MustCompile(`(?i)\.(arff|parquet|pq|csv|tsv)(\.gz)?$`)

// APIBase is the XML API base of a website origin as Parse returns it:
// "https://test.openml.org" gives "https://test.openml.org/api/v1/xml", and ""
// means sdk.DefaultServer.
func APIBase(server string) string {
	if server == "" {
		server = sdk.DefaultServer
	}
	return strings.TrimRight(server, "/") + "/api/v1/xml"
}

// toURL parses in, giving hostless short forms the default server.
func toURL(in string) (*url.URL, error) {
	raw := in
	switch {
	case schemeRE.MatchString(in):
	case strings.HasPrefix(in, "//"):
		raw = defaultScheme(in[2:]) + ":" + in
	case hostLike(in):
		raw = defaultScheme(in) + "://" + in
	default:
		raw = sdk.DefaultServer + "/" + strings.TrimPrefix(in, "/")
	}
	u, err := url.Parse(raw)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, errorf(in, "not a valid URL (%v)", err)
	}
	if s := strings.ToLower(u.Scheme); s != "http" && s != "https" {
		return nil, errorf(in, "unsupported scheme %q (only http and https)", u.Scheme)
	}
	if u.User != nil {
		return nil, errorf(in, "user names and passwords in the URL are not supported")
	}
	return u, nil
}

func firstSegment(s string) string {
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		return s[:i]
	}
	return s
}

// hostLike tells a host ("openml.org", "localhost:8080") from the first
// segment of a short form ("d", "data", "api"), none of which has a dot.
func hostLike(s string) bool {
	seg := firstSegment(s)
	return strings.ContainsAny(seg, ".:[@") || strings.EqualFold(seg, "localhost")
}

// defaultScheme is https, except for a server on this machine, which
// rarely has a certificate.
func defaultScheme(s string) string {
	seg := strings.ToLower(firstSegment(s))
	if i := strings.LastIndex(seg, "@"); i >= 0 {
		seg = seg[i+1:]
	}
	for _, h := range []string{"localhost", "127.0.0.1", "[::1]"} {
		if seg == h || strings.HasPrefix(seg, h+":") {
			return "http"
		}
	}
	return "https"
}

// origin is the website origin in a canonical form, so that equal servers
// give equal refs.
func origin(in string, u *url.URL) (string, error) {
	scheme := strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Hostname())
	if host == "" {
		return "", errorf(in, "missing host name")
	}
	port := u.Port()
	if port != "" {
		n, err := strconv.Atoi(port)
		if err != nil || n < 1 || n > 65535 {
			return "", errorf(in, "invalid port %q", port)
		}
		port = strconv.Itoa(n)
	}
	if (scheme == "https" && port == "443") || (scheme == "http" && port == "80") {
		port = ""
	}
	if port == "" {
		switch host {
		case "www.openml.org", "openml.org", "api.openml.org":
			return sdk.DefaultServer, nil
		case "test.openml.org":
			return testServer, nil
		}
	}
	if strings.Contains(host, ":") {
		if !ipv6RE.MatchString(host) {
			return "", errorf(in, "invalid host name %q", host)
		}
		host = "[" + host + "]"
	} else if !hostRE.MatchString(host) {
		return "", errorf(in, "invalid host name %q", host)
	}
	if port != "" {
		host += ":" + port
	}
	return scheme + "://" + host, nil
}

// entity reads the kind and id from the path (or, for search URLs, the query).
func entity(in string, u *url.URL) (sdk.Kind, int64, error) {
	var segs []string
	for _, s := range strings.Split(u.Path, "/") {
		if s != "" {
			segs = append(segs, s)
		}
	}
	if len(segs) == 0 {
		return 0, 0, errorf(in, "no entity type and id in the URL")
	}
	switch strings.ToLower(segs[0]) {
	case "search":
		return search(in, u, segs[1:])
	case "dashboard":
		return longKindID(in, segs[1:], "dashboard")
	case "api":
		if len(segs) < 3 || strings.ToLower(segs[1]) != "v1" ||
			(strings.ToLower(segs[2]) != "xml" && strings.ToLower(segs[2]) != "json") {
			return 0, 0, errorf(in, "unsupported API path; expected api/v1/xml/<type>/<id>")
		}
		return longKindID(in, segs[3:], strings.Join(segs[:3], "/"))
	}
	kind, ok := kindWords[strings.ToLower(segs[0])]
	if !ok {
		if isDigits(segs[0]) {
			return 0, 0, errorf(in, "missing entity type before id %s", segs[0])
		}
		return 0, 0, errorf(in, "unknown entity type %q", segs[0])
	}
	if kind == sdk.KindRun && len(segs) > 1 && strings.Contains(segs[1], ",") {
		return 0, 0, errComparison
	}
	id, err := idAt(in, segs[0], segs[1:])
	return kind, id, err
}

// errComparison tells Parse that the path names several runs
// (r/539275,572944): a comparison, which needs more than a kind and an id.
var errComparison = errors.New("a comparison of runs")

// comparison reads "r/539275,572944" (or run/...): two to
// sdk.MaxCompared runs side by side.
func comparison(in, server string, u *url.URL) (sdk.EntityRef, error) {
	var segs []string
	for _, s := range strings.Split(u.Path, "/") {
		if s != "" {
			segs = append(segs, s)
		}
	}
	if len(segs) > 2 {
		return sdk.EntityRef{}, errorf(in, "unexpected %q after the run ids", "/"+strings.Join(segs[2:], "/"))
	}
	var ids []int64
	for _, s := range strings.Split(segs[1], ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue // "r/1,2," or "r/1,,2": a stray comma
		}
		id, err := parseID(in, s)
		if err != nil {
			return sdk.EntityRef{}, err
		}
		ids = append(ids, id)
	}
	if len(ids) == 1 {
		return sdk.EntityRef{Server: server, Kind: sdk.KindRun, ID: ids[0]}, nil
	}
	ref, err := sdk.CompareRuns(server, ids...)
	if err != nil {
		return sdk.EntityRef{}, errorf(in, "%v", err)
	}
	return ref, nil
}

// longKindID reads "<type>/<id>" where type is a full name, as in API and
// Dash paths. A Dash path with a type and no id (dashboard/data) is that
// type's overview.
func longKindID(in string, segs []string, after string) (sdk.Kind, int64, error) {
	if len(segs) == 0 {
		return 0, 0, errorf(in, "missing entity type after %s", after)
	}
	kind, ok := sdk.ParseKind(segs[0])
	if _, overview := kind.Overviewed(); !ok || overview {
		return 0, 0, errorf(in, "unknown entity type %q (expected data, task, flow, run or study)", segs[0])
	}
	rest := segs[1:]
	if kind == sdk.KindStudy && len(rest) > 0 && !isDigits(rest[0]) {
		// Dash's dashboard/study/run/157 and dashboard/study/task/99 name
		// the study's type, which the study's description says anyway.
		if err := studyType(in, rest[0]); err != nil {
			return 0, 0, err
		}
		rest = rest[1:]
	}
	if ov, ok := kind.Overview(); ok && len(rest) == 0 && after == "dashboard" {
		return ov, 0, nil
	}
	id, err := idAt(in, segs[0], rest)
	return kind, id, err
}

// studyType checks the type a study URL gives: run (a run study) or task
// (a benchmark suite).
func studyType(in, t string) error {
	switch strings.ToLower(t) {
	case "run", "task":
		return nil
	}
	return errorf(in, "unknown study type %q (expected run or task)", t)
}

// idAt reads the id from segs, which must hold nothing after it.
func idAt(in, kind string, segs []string) (int64, error) {
	if len(segs) == 0 {
		return 0, errorf(in, "missing id after %q", kind)
	}
	id, err := parseID(in, segs[0])
	if err != nil {
		return 0, err
	}
	if len(segs) > 1 {
		return 0, errorf(in, "unexpected %q after the id", "/"+strings.Join(segs[1:], "/"))
	}
	return id, nil
}

func search(in string, u *url.URL, rest []string) (sdk.Kind, int64, error) {
	if len(rest) > 0 {
		return 0, 0, errorf(in, "unexpected %q after search", "/"+strings.Join(rest, "/"))
	}
	q := u.Query()
	t, hasType := q.Get("type"), q.Has("type")
	id, hasID := q.Get("id"), q.Has("id")
	switch {
	case !hasType && !hasID:
		return 0, 0, errorf(in, "search URL has neither type= nor id=")
	case !hasType:
		return 0, 0, errorf(in, "search URL has no type= (data, task, flow, run, study or benchmark)")
	}
	kind, ok := sdk.ParseKind(t)
	if _, overview := kind.Overviewed(); overview {
		ok = false
	}
	if strings.EqualFold(t, "benchmark") {
		kind, ok = sdk.KindStudy, true // openml.org's benchmark suites
	}
	if !ok {
		return 0, 0, errorf(in, "unknown entity type %q in type= (expected data, task, flow, run, study or benchmark)", t)
	}
	if st := q.Get("study_type"); kind == sdk.KindStudy && st != "" {
		if err := studyType(in, st); err != nil {
			return 0, 0, err
		}
	}
	if !hasID {
		// openml.org's search page of a type lists them all: its overview.
		if ov, ok := kind.Overview(); ok {
			return ov, 0, nil
		}
		return 0, 0, errorf(in, "search URL has no id=, so it is a list of studies; give one study's id")
	}
	if id == "" {
		return 0, 0, errorf(in, "missing id in id=")
	}
	n, err := parseID(in, id)
	return kind, n, err
}

func parseID(in, s string) (int64, error) {
	neg := strings.HasPrefix(s, "-")
	if !isDigits(strings.TrimPrefix(s, "-")) {
		return 0, errorf(in, "id %q is not a number", s)
	}
	if neg || strings.Trim(s, "0") == "" {
		return 0, errorf(in, "id %s is not positive (OpenML ids start at 1)", s)
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, errorf(in, "id %s is too large", s)
	}
	return n, nil
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
