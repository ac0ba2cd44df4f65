package fetch

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path"
	"strings"

	"github.com/openml-dash/openml-dash/host/route"
	"github.com/openml-dash/openml-dash/sdk"
)

// target is a Request resolved against the client's configuration.
type target struct {
	name    string   // how messages name the request: the API path or the URL
	shown   *url.URL // the URL without api_key
	key     bool     // whether the URL may carry api_key
	md5     string   // expected checksum, lower-case hex, or ""
	ext     string   // for API answers: ".xml" or ".json", see cachePath
	listing bool     // an answer that changes as people upload: see isListing
	base    string   // the API base of the server it belongs to
	mirror  string   // the file answering it in mirror mode
}

func (c *Client) resolve(req Request) (target, error) {
	switch {
	case req.Path != "" && req.URL != "":
		return target{}, fmt.Errorf("fetch: request sets both Path %q and URL %q; set one", req.Path, Redact(req.URL))
	case req.Path == "" && req.URL == "":
		return target{}, errors.New("fetch: empty request; set Path (an API path such as data/61) or URL")
	}
	base := c.server
	if req.Server != "" && req.Server != sdk.DefaultServer {
		base = route.APIBase(req.Server)
	}
	bu, err := parseHTTP(base)
	if err != nil {
		return target{}, fmt.Errorf("fetch: API base %q: %w", base, err)
	}
	var t target
	if req.Path != "" {
		p := strings.Trim(req.Path, "/")
		if strings.ContainsAny(p, "?#") {
			return target{}, fmt.Errorf("fetch: API path %q has a query or fragment; give the path only", req.Path)
		}
		p = path.Clean("/" + p)
		u := *bu
		u.Path = strings.TrimRight(bu.Path, "/") + p
		u.RawPath, u.RawQuery, u.Fragment = "", "", ""
		t = target{name: strings.TrimPrefix(p, "/"), shown: &u, key: base == c.server}
		t.ext = ".xml"
		if path.Base(bu.Path) == "json" {
			t.ext = ".json"
		}
		t.listing = isListing(t.name)
	} else {
		u, err := parseHTTP(req.URL)
		if err != nil {
			return target{}, fmt.Errorf("fetch: URL %q: %w", Redact(req.URL), err)
		}
		u.Fragment = ""
		stripKey(u)
		// The key is for the configured server; a file on another host,
		// even the origin of req.Server, does not get it.
		cu, err := url.Parse(c.server)
		t = target{name: u.String(), shown: u, key: err == nil && sameOrigin(u, cu)}
	}
	t.base = base
	if sum := strings.ToLower(strings.TrimSpace(req.MD5)); isMD5(sum) {
		t.md5 = sum
	}
	if c.mirror != "" {
		// Production and test ids are different namespaces: a mirror of
		// one server must not answer for another.
		held, err := c.held.mirror(c.mirror, base)
		if err != nil {
			return target{}, fmt.Errorf("%s: %w", t.name, err)
		}
		if base != held {
			err := fmt.Errorf("%s: the mirror %s holds answers from %s only, not from %s", t.name, c.mirror, held, base)
			if base == c.server {
				err = fmt.Errorf("%w; open its pages by their URL on that server, or pass --server %s", err, held)
			}
			return target{}, err
		}
		t.mirror = layoutPath(c.mirror, t)
		if isServerFile(c.mirror, t.mirror) {
			return target{}, &NotFoundError{Path: t.mirror, Request: t.name}
		}
	}
	return t, nil
}

// isMD5 tells whether s is an md5 checksum in lower-case hex. OpenML
// writes other things where a dataset has none, such as "NotApplicable".
func isMD5(s string) bool {
	b, err := hex.DecodeString(s)
	return err == nil && len(b) == md5.Size
}

// isListing tells whether an API path asks for a listing, whose answer
// changes as people upload: data/list/..., run/list/..., evaluation/...
func isListing(apiPath string) bool {
	segs := strings.Split(apiPath, "/")
	if segs[0] == "evaluation" {
		return true
	}
	for _, s := range segs {
		if s == "list" {
			return true
		}
	}
	return false
}

func parseHTTP(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, err
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errors.New("not an absolute http or https URL")
	}
	return u, nil
}

func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Host, b.Host)
}

func stripKey(u *url.URL) {
	if q := u.Query(); q.Has("api_key") {
		q.Del("api_key")
		u.RawQuery = q.Encode()
	}
}

// Redact cuts an api_key parameter, and all after it, out of s: for URLs
// that failed to parse, which may still hold a key, and for log lines
// that name a request as a plugin gave it.
func Redact(s string) string {
	if i := strings.Index(s, "api_key="); i >= 0 {
		return s[:i] + "api_key=REDACTED"
	}
	return s
}

// mirrorFile returns the size of t's mirror file, or a *NotFoundError.
func (t target) mirrorFile() (int64, error) {
	st, err := os.Stat(t.mirror)
	if err != nil || !st.Mode().IsRegular() {
		return 0, &NotFoundError{Path: t.mirror, Request: t.name}
	}
	return st.Size(), nil
}

// fileName is unique per URL but keeps the URL's base name, so a person
// browsing FileDir still recognises dataset_61_iris.arff.
func fileName(u *url.URL) string {
	sum := sha256.Sum256([]byte(u.String()))
	base := []byte(path.Base(u.Path))
	for i, b := range base {
		ok := b == '.' || b == '-' || b == '_' || (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')
		if !ok {
			base[i] = '_'
		}
	}
	name := string(base)
	if len(name) > 80 {
		name = name[len(name)-80:]
	}
	if strings.Trim(name, "./") == "" {
		name = "file"
	}
	return hex.EncodeToString(sum[:8]) + "-" + name
}
