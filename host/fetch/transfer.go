package fetch

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// attempt makes one request for t and copies its body to w, checking the
// body's md5 when t has one. It reports whether the body may be cached
// (see complete.go): one not known to be whole, or an API answer that does
// not parse, is handed over but not kept. A stall (no headers within
// headerTimeout, no bytes within idleTimeout) ends the attempt as a
// *netError, so that it is retried, while ctx's own end is returned as
// ctx's error.
func (c *Client) attempt(ctx context.Context, t target, w io.Writer, progress Progress) (cacheable bool, err error) {
	actx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	watchdog := time.AfterFunc(c.headerTimeout, func() {
		cancel(&stallError{what: "did not answer within", after: c.headerTimeout})
	})
	resp, err := c.open(actx, t)
	watchdog.Stop()
	if err != nil {
		return false, err
	}
	defer resp.Body.Close()
	watchdog = time.AfterFunc(c.idleTimeout, func() {
		cancel(&stallError{what: "sent no data for", after: c.idleTimeout})
	})
	defer watchdog.Stop()

	total := resp.ContentLength
	body := &progressReader{r: resp.Body, total: total, progress: progress, watchdog: watchdog, idle: c.idleTimeout}
	sum := md5.New()
	dst := []io.Writer{w, sum}
	framed := delimited(resp)
	var answer *bytes.Buffer // an API answer, to parse
	if t.ext != "" {
		answer = new(bytes.Buffer)
		dst = append(dst, answer)
	}
	out := &writeTracker{w: io.MultiWriter(dst...)}
	report(progress, 0, total)
	_, err = io.Copy(out, body)
	if out.err != nil {
		return false, fmt.Errorf("%s: %w", t.name, out.err)
	}
	if err == nil && total >= 0 && body.done != total {
		err = io.ErrUnexpectedEOF
	}
	if err != nil {
		if e := interrupted(actx, t); e != nil {
			return false, e
		}
		return false, &netError{request: t.name, msg: fmt.Sprintf("the download from %s broke off after %d bytes", t.shown.Host, body.done), err: err}
	}
	report(progress, body.done, total)
	if got := hex.EncodeToString(sum.Sum(nil)); t.md5 != "" && got != t.md5 {
		return false, &ChecksumError{Request: t.name, Want: t.md5, Got: got}
	}
	if answer == nil {
		return framed || t.md5 != "", nil
	}
	err = wellFormed(t.ext, answer.Bytes())
	if err != nil && !framed && t.md5 == "" {
		// Only the connection closing ended the body, which is how a cut
		// looks too: worth another try.
		return false, &netError{request: t.name, msg: fmt.Sprintf("the answer from %s, sent without a Content-Length, is not whole after %d bytes", t.shown.Host, body.done), err: err}
	}
	// A whole answer that does not parse is the server's to fix: its
	// reader says what is wrong with it, but it is not kept.
	return err == nil, nil
}

// open sends one GET and returns a 200 response, or the error the answer
// stands for. It makes exactly one attempt; retries belong around it.
func (c *Client) open(ctx context.Context, t target) (*http.Response, error) {
	u := *t.shown
	if t.key && c.apiKey != "" {
		q := u.Query()
		q.Set("api_key", c.apiKey)
		u.RawQuery = q.Encode()
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", t.name, err)
	}
	hreq.Header.Set("User-Agent", userAgent)
	resp, err := c.http.Do(hreq)
	if err != nil {
		if e := interrupted(ctx, t); e != nil {
			return nil, e
		}
		// *url.Error prints the request URL, which holds the key.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, &netError{request: t.name, msg: fmt.Sprintf("the server %s could not be reached", t.shown.Host), err: err, unreachable: true}
	}
	if resp.StatusCode == http.StatusOK {
		return resp, nil
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if e := parseOpenMLError(body); e != nil {
		e.URL = t.shown.String()
		e.Request = t.name
		if c.apiKey != "" {
			e.Message = strings.ReplaceAll(e.Message, c.apiKey, "REDACTED")
			e.AdditionalInfo = strings.ReplaceAll(e.AdditionalInfo, c.apiKey, "REDACTED")
		}
		return nil, e
	}
	return nil, &HTTPError{StatusCode: resp.StatusCode, Status: resp.Status, URL: t.shown.String()}
}

// interrupted returns nil while ctx is live; else a retryable *netError
// when a watchdog ended it, or the caller's cancellation.
func interrupted(ctx context.Context, t target) error {
	if ctx.Err() == nil {
		return nil
	}
	var stall *stallError
	if errors.As(context.Cause(ctx), &stall) {
		return &netError{request: t.name, msg: fmt.Sprintf("the server %s stalled", t.shown.Host), err: stall}
	}
	return fmt.Errorf("%s: %w", t.name, ctx.Err())
}

// stallError is why a watchdog cancelled an attempt.
type stallError struct {
	what  string
	after time.Duration
}

func (e *stallError) Error() string { return fmt.Sprintf("%s %s", e.what, e.after) }

// writeTracker keeps the error of the destination apart from that of the
// network: a full disk is not worth a retry.
type writeTracker struct {
	w   io.Writer
	err error
}

func (t *writeTracker) Write(b []byte) (int, error) {
	n, err := t.w.Write(b)
	if err != nil {
		t.err = err
	}
	return n, err
}

func report(p Progress, done, total int64) {
	if p != nil {
		p(done, total)
	}
}

// progressReader reports at most every progressEvery, so a fast download
// does not flood the UI, and feeds the idle watchdog on every byte.
type progressReader struct {
	r        io.Reader
	done     int64
	total    int64
	progress Progress
	last     time.Time
	watchdog *time.Timer
	idle     time.Duration
}

const progressEvery = 100 * time.Millisecond

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if n > 0 {
		p.watchdog.Reset(p.idle)
	}
	p.done += int64(n)
	if p.progress != nil && n > 0 {
		if now := time.Now(); now.Sub(p.last) >= progressEvery {
			p.last = now
			p.progress(p.done, p.total)
		}
	}
	return n, err
}
