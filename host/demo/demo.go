// Package demo is the built-in demo: a small, made-up OpenML dataset
// (demo-flowers) with a task, flows and a run on it, embedded in the
// binary so that a page opens with no network and nothing downloaded.
//
// FS is laid out like a mirror of the OpenML server: API answers under
// api/v1/xml/ (data/1, data/features/1, data/qualities/1, task/1, flow/1
// to flow/3, run/1) and files at the path of their URLs
// (data/download/1/demo.arff, the run's predictions at
// data/download/2/predictions.arff, the task's splits at
// api_splits/get/1/Task_1_splits.arff). File URLs in the answers use the
// host demo.invalid, which never resolves: only their path matters.
package demo

import (
	"embed"
	"io/fs"
)

// Server is the EntityRef.Server of demo pages: fetches for it are
// answered from FS.
const Server = "demo"

//go:embed files
var files embed.FS

// FS holds the demo's answers and files, rooted at the mirror's top.
var FS fs.FS = mustSub(files, "files")

func mustSub(f fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		// fs.Sub fails only on an invalid path, a constant here.
		panic(err)
	}
	return sub
}
