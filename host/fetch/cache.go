package fetch

import (
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// markerName is written at the cache root and in every host folder the
// cache creates. ClearCache removes only host folders holding one, so a
// cache root shared with other tools (say openml-python's cachedir) or set
// to a wrong folder by mistake loses nothing the cache did not write.
const markerName = ".openml-dash-cache"

const markerText = "This folder holds answers cached by openml-dash; `openml-dash cache` shows and clears them.\n"

// CacheDir returns the root of the on-disk cache, or "" when the cache is
// off (Options.NoCache or mirror mode).
func (c *Client) CacheDir() string { return c.cacheDir }

func (c *Client) viaCache(ctx context.Context, t target, asFile, refresh bool, progress Progress) (Answer, error) {
	mode := "cache"
	if refresh {
		mode = "refresh"
	}
	v, _, err := c.shared(ctx, t, mode, func(ctx context.Context) (any, error) {
		return c.cached(ctx, t, refresh, progress)
	})
	var we *cacheWriteError
	if errors.As(err, &we) {
		c.cacheUnwritable(we)
		return c.uncached(ctx, t, asFile, progress)
	}
	if err != nil {
		return Answer{}, err
	}
	a := v.(Answer)
	if !asFile {
		if a.Body, err = os.ReadFile(a.Path); err != nil {
			return Answer{}, fmt.Errorf("%s: reading the cache: %w", t.name, err)
		}
	}
	return a, nil
}

// cached returns the cached copy of t, downloading it first when it is
// missing, damaged, a listing past its time-to-live, or to be refreshed. A
// stale listing is still served when the server cannot give a fresh one.
// An answer that cannot be kept (see complete.go) is handed over from a
// file beside the entry's, which no later request reads.
func (c *Client) cached(ctx context.Context, t target, refresh bool, progress Progress) (Answer, error) {
	p := c.cachePath(t)
	now := c.now()
	st, err := os.Stat(p)
	have := err == nil && st.Mode().IsRegular()
	if have && refresh {
		c.warn(fmt.Sprintf("%s: the cached copy %s could not be read; fetching it again", t.name, p))
	}
	if have && !refresh && (!t.listing || now.Sub(st.ModTime()) < c.listingTTL) {
		damage, err := c.damaged(t, p, st)
		if err != nil {
			return Answer{}, fmt.Errorf("%s: reading the cache: %w", t.name, err)
		}
		if damage == nil {
			report(progress, st.Size(), st.Size())
			return Answer{Path: p, Cached: true, SavedAt: st.ModTime(), Verified: t.md5 != ""}, nil
		}
		if err := os.Remove(p); err != nil {
			return Answer{}, &cacheWriteError{fmt.Errorf("removing the damaged cached copy %s: %w", p, err)}
		}
		c.warn(fmt.Sprintf("%s: the cached copy %s was damaged (%v); fetching it again", t.name, p, damage))
		have = false
	}
	if c.noCacheWrites.Load() {
		return Answer{}, &cacheWriteError{}
	}
	if err := c.markHost(t); err != nil {
		return Answer{}, &cacheWriteError{err}
	}
	var a Answer
	err = c.download(ctx, t, func(ctx context.Context) error {
		f, err := createPartial(t.name, filepath.Dir(p))
		if err != nil {
			return &cacheWriteError{err}
		}
		defer f.Discard()
		keep, err := c.attempt(ctx, t, f.File, progress)
		if err != nil {
			return err
		}
		a = Answer{Path: p, SavedAt: now, Verified: t.md5 != ""}
		if !keep {
			a = Answer{Path: uncachedPath(p)}
		}
		if err := place(t.name, f, a.Path, a.SavedAt); err != nil {
			return &cacheWriteError{err}
		}
		return nil
	})
	switch {
	case err == nil:
		return a, nil
	case have && !refresh && retryable(err):
		if damage, derr := c.damaged(t, p, st); derr != nil || damage != nil {
			return Answer{}, err
		}
		report(progress, st.Size(), st.Size())
		return Answer{Path: p, Cached: true, Stale: true, SavedAt: st.ModTime()}, nil
	}
	var ne *netError
	if errors.As(err, &ne) && ne.unreachable {
		return Answer{}, &OfflineError{Request: t.name, CachePath: p, Host: t.shown.Host, URL: t.shown.String(),
			Attempts: max(ne.attempts, 1), Err: ne.err}
	}
	return Answer{}, err
}

// uncachedPrefix names, beside a cache entry, the last download of an
// answer that could not be kept (see complete.go). No request reads it:
// each one downloads the answer again.
const uncachedPrefix = ".uncached-"

func uncachedPath(p string) string {
	return filepath.Join(filepath.Dir(p), uncachedPrefix+filepath.Base(p))
}

// damaged tells what is wrong with the cached copy of t at p, if anything:
// a file whose md5 is not the one asked for, or an API answer that does
// not parse whole. The error is for a file that cannot be read. An API
// answer is parsed once per process while its size and time stay the same.
func (c *Client) damaged(t target, p string, st fs.FileInfo) (damage, err error) {
	ok, err := hasMD5(p, t.md5)
	switch {
	case err != nil:
		return nil, err
	case !ok:
		return errors.New("its md5 is not the one asked for"), nil
	case t.ext == "":
		return nil, nil
	}
	seen := parsedEntry{size: st.Size(), mod: st.ModTime()}
	if v, ok := c.parsed.Load(p); ok && v.(parsedEntry) == seen {
		return nil, nil
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	if damage := wellFormed(t.ext, b); damage != nil {
		c.parsed.Delete(p)
		return damage, nil
	}
	c.parsed.Store(p, seen)
	return nil, nil
}

// parsedEntry is what a cached API answer looked like when it parsed.
type parsedEntry struct {
	size int64
	mod  time.Time
}

// cacheWriteError is a failure to write into the cache folder, rather
// than of the download: the answer is then fetched without the cache.
type cacheWriteError struct{ err error }

func (e *cacheWriteError) Error() string {
	if e.err == nil {
		return "the cache folder cannot be written"
	}
	return e.err.Error()
}

func (e *cacheWriteError) Unwrap() error { return e.err }

// cacheUnwritable makes the client fetch what the cache does not hold
// without it from now on, and says so once.
func (c *Client) cacheUnwritable(e *cacheWriteError) {
	c.noCacheWrites.Store(true)
	if e.err == nil {
		return
	}
	c.cacheWarning.Do(func() {
		c.warn(fmt.Sprintf("the cache folder %s cannot be written (%v); answers it does not hold are fetched without it", c.cacheDir, e.err))
	})
}

// hasMD5 tells whether the file at p has the checksum want ("" matches all).
func hasMD5(p, want string) (bool, error) {
	if want == "" {
		return true, nil
	}
	got, err := fileMD5(p)
	return got == want, err
}

func fileMD5(p string) (string, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := md5.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// cachePath lays answers out by host and URL path, so a person can find
// them: <root>/www.openml.org/api/v1/xml/data/61.xml. API answers get the
// API's format as an extension because listing paths nest (data/list is
// a listing, and so is data/list/tag/study_14): without it one would need
// to be a file and a folder at once. A file URL's query, which OpenML's
// own URLs do not have, becomes a hash in the name.
func (c *Client) cachePath(t target) string {
	segs := strings.Split(strings.Trim(path.Clean("/"+t.shown.Path), "/"), "/")
	last := segs[len(segs)-1]
	if last == "" {
		last = "index"
	}
	last += t.ext
	if q := t.shown.RawQuery; q != "" {
		sum := sha256.Sum256([]byte(q))
		ext := path.Ext(last)
		last = strings.TrimSuffix(last, ext) + "@" + hex.EncodeToString(sum[:4]) + ext
	}
	segs[len(segs)-1] = last
	parts := []string{c.cacheDir, escapeName(strings.ToLower(t.shown.Host))}
	for _, s := range segs {
		parts = append(parts, escapeName(s))
	}
	return filepath.Join(parts...)
}

// escapeName makes one URL path segment a safe file name. It is
// reversible, so two URLs never share a file, and never starts with a
// dot, so no answer can pass for a marker or a partial download.
func escapeName(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		ch := s[i]
		safe := ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || strings.IndexByte("-_.,=+~@", ch) >= 0
		if !safe || (i == 0 && ch == '.') {
			fmt.Fprintf(&b, "%%%02X", ch)
			continue
		}
		b.WriteByte(ch)
	}
	return b.String()
}

// markHost writes the markers of the cache root and of t's host folder.
func (c *Client) markHost(t target) error {
	if err := mark(c.cacheDir); err != nil {
		return err
	}
	return mark(filepath.Join(c.cacheDir, escapeName(strings.ToLower(t.shown.Host))))
}

// MarkCacheRoot marks dir as the root of an openml-dash cache, as the
// cache does when it first writes there, for a folder that holds other
// things of openml-dash's first (its logs): CacheUsage and ClearCache then
// take it for a cache, and leave those things alone.
func MarkCacheRoot(dir string) error { return mark(dir) }

func mark(dir string) error {
	m := filepath.Join(dir, markerName)
	if _, err := os.Stat(m); err == nil {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(m, []byte(markerText), 0o644)
}

// CacheUsage counts the answers in the cache at dir and their bytes. A
// missing or empty dir is an empty cache; a dir that is not a cache is an
// error.
func CacheUsage(dir string) (files int, bytes int64, err error) {
	hosts, err := cacheHosts(dir)
	if err != nil {
		return 0, 0, err
	}
	for _, h := range hosts {
		err := filepath.WalkDir(h, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() || strings.HasPrefix(d.Name(), ".") {
				return err
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			files++
			bytes += info.Size()
			return nil
		})
		if err != nil {
			return 0, 0, fmt.Errorf("measuring the cache %s: %w", dir, err)
		}
	}
	return files, bytes, nil
}

// ClearCache removes what the cache at dir holds: the host folders it
// wrote, with their answers and any partial downloads. It leaves the
// root and its marker, and anything else in dir, in place.
func ClearCache(dir string) error {
	hosts, err := cacheHosts(dir)
	if err != nil {
		return err
	}
	var errs []error
	for _, h := range hosts {
		if err := os.RemoveAll(h); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("clearing the cache %s: %w", dir, err)
	}
	return nil
}

// cacheHosts returns the host folders of the cache at dir, after checking
// that dir is a cache (or missing, or empty: a cache not yet written).
func cacheHosts(dir string) ([]string, error) {
	if dir == "" {
		return nil, errors.New("no cache folder given")
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && len(entries) == 0) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the cache %s: %w", dir, err)
	}
	if _, err := os.Stat(filepath.Join(dir, markerName)); err != nil {
		return nil, fmt.Errorf("%s does not look like an openml-dash cache (it has no %s file); not touching it", dir, markerName)
	}
	var hosts []string
	for _, e := range entries {
		h := filepath.Join(dir, e.Name())
		if _, err := os.Stat(filepath.Join(h, markerName)); e.IsDir() && err == nil {
			hosts = append(hosts, h)
		}
	}
	return hosts, nil
}

func defaultCacheDir() string {
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "openml-dash")
	}
	return filepath.Join(os.TempDir(), "openml-dash-cache")
}
