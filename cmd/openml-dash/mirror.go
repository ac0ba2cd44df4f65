package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/openml-dash/openml-dash/host/dashboard"
	"github.com/openml-dash/openml-dash/host/route"
	"github.com/openml-dash/openml-dash/sdk"
)

// runMirror opens each page headless, as render does, while the fetcher
// copies every answer into cfg.out. The folder then serves the same pages
// with --mirror, with no network: for a class or an air-gapped cluster.
// What a page fetches only on a later click (another target, the next
// 1000 runs) is not in it.
func runMirror(ctx context.Context, cfg *config, stdout, stderr io.Writer) error {
	if len(cfg.args) == 0 {
		return errors.New("mirror needs at least one URL, e.g. openml-dash mirror d/61 t/59 --out class-mirror")
	}
	if cfg.out == "" {
		return errors.New("mirror needs --out DIR, the folder to save the answers into")
	}
	refs := make([]sdk.EntityRef, 0, len(cfg.args))
	for _, a := range cfg.args {
		ref, err := route.Parse(a)
		if err != nil {
			return err
		}
		refs = append(refs, ref)
	}
	// The folder is laid out by URL path, host dropped, and production and
	// test ids are different namespaces: one server per folder.
	for _, ref := range refs[1:] {
		if serverOf(ref) != serverOf(refs[0]) {
			return fmt.Errorf("mirror saves the pages of one server per folder, and %s and %s are on %s and %s: save them into two folders",
				refs[0], ref, serverOf(refs[0]), serverOf(ref))
		}
	}
	out, err := filepath.Abs(cfg.out)
	if err != nil {
		return err
	}
	cfg.record = out
	dash, err := dashboard.Start(ctx, cfg.dashboard(cfg.log))
	if err != nil {
		return err
	}
	defer dash.Close()
	dash.OnProgress(progressPrinter(stderr))
	failed := 0
	for _, ref := range refs {
		if err := mirrorPage(ctx, dash, ref, cfg); err != nil {
			fmt.Fprintf(stderr, "openml-dash: %s: %v\n", ref, err)
			failed++
			continue
		}
		fmt.Fprintf(stdout, "%s: saved into %s\n", ref, out)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d pages could not be saved; the others are in %s", failed, len(refs), out)
	}
	open := "openml-dash --mirror " + out
	if s := cfg.mirrorServer(); s != "" {
		open += " --server " + s
	}
	fmt.Fprintf(stdout, "open them offline with: %s %s (or another of its URLs)\n", open, refs[0])
	return nil
}

// serverOf is the website origin of ref's server.
func serverOf(ref sdk.EntityRef) string {
	if ref.Server == "" {
		return sdk.DefaultServer
	}
	return ref.Server
}

func mirrorPage(ctx context.Context, dash *dashboard.App, ref sdk.EntityRef, cfg *config) error {
	sess, err := openPage(ctx, dash, ref, cfg.timeout)
	if sess != nil {
		defer sess.Close()
	}
	if err != nil {
		return err
	}
	// A part that failed (a missing file, a plugin error) fetched less than
	// the page needs: say so, or the mirror would look complete.
	if probs := sess.Problems(); len(probs) > 0 {
		return fmt.Errorf("saved with %d problem(s), the first: %w", len(probs), probs[0])
	}
	return nil
}
