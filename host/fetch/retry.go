package fetch

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"time"
)

// maxBackoff caps the doubling (unless Backoff itself is longer), so a
// generous Retries does not mean waiting for minutes between tries.
const maxBackoff = 30 * time.Second

// download runs try, with retries for passing failures, and once more
// after a checksum mismatch: a download can be damaged on the way, but a
// second mismatch means the file really differs.
func (c *Client) download(ctx context.Context, t target, try func(context.Context) error) error {
	err := c.retry(ctx, t, try)
	var ce *ChecksumError
	if errors.As(err, &ce) {
		err = c.retry(ctx, t, try)
	}
	return err
}

// retry calls try until it succeeds, fails for good, or has been repeated
// c.retries times, waiting with exponential backoff and jitter in between.
func (c *Client) retry(ctx context.Context, t target, try func(context.Context) error) error {
	for n := 1; ; n++ {
		err := try(ctx)
		if err == nil || !retryable(err) {
			return err
		}
		if n > c.retries {
			setAttempts(err, n)
			return err
		}
		d := c.delay(n)
		if c.backoffHook != nil {
			c.backoffHook(d)
		}
		if err := sleep(ctx, d); err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
	}
}

// retryable tells passing failures (the network, an overloaded server)
// from answers that will not change: 4xx and OpenML error documents.
func retryable(err error) bool {
	var ne *netError
	if errors.As(err, &ne) {
		return true
	}
	var he *HTTPError
	if errors.As(err, &he) {
		return he.StatusCode >= 500 || he.StatusCode == http.StatusTooManyRequests
	}
	return false
}

func setAttempts(err error, n int) {
	var ne *netError
	if errors.As(err, &ne) {
		ne.attempts = n
	}
	var he *HTTPError
	if errors.As(err, &he) {
		he.Attempts = n
	}
}

// delay is the wait after the n-th failed attempt: half of backoff·2ⁿ⁻¹
// plus a random part of the other half, so that clients failing together
// do not come back together.
func (c *Client) delay(n int) time.Duration {
	limit := max(maxBackoff, c.backoff)
	d := c.backoff
	for i := 1; i < n && d < limit; i++ {
		d *= 2
	}
	d = min(d, limit)
	return d/2 + rand.N(d/2+1)
}

// sleep waits for d, or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
