package datapage

import (
	"context"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/datafile"
	"github.com/openml-dash/openml-dash/sdk/frame"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// Loaded is a dataset's data as Load read it.
type Loaded struct {
	Frame *frame.Frame
	// Unverified says why the ARFF file read was not checked against a
	// checksum; "" when it was, and for parquet files, which OpenML gives
	// none for.
	Unverified string
}

// Load fetches a dataset's data through the host and reads it: the parquet
// file when the description names one (smaller, typed), else the ARFF file,
// checked against the description's md5 checksum. A parquet file that
// cannot be had or read falls back to the ARFF file. Reading reports its
// progress to the host, which shows it in the status line.
func Load(ctx context.Context, host sdk.Host, ref sdk.EntityRef, ds *openml.Dataset) (Loaded, error) {
	var parquetErr error
	if u := firstOf(ds.ParquetURL, ds.MinioURL); u != "" {
		f, _, err := loadFile(ctx, host, ref, u, "")
		if err == nil {
			return Loaded{Frame: f}, nil
		}
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return Loaded{}, err
		}
		parquetErr = err
		host.Log(ctx, sdk.LogWarn, fmt.Sprintf("dataset %d: parquet file unusable, reading the ARFF file instead: %v", ds.ID, err))
	}
	if ds.URL == "" {
		if parquetErr != nil {
			return Loaded{}, parquetErr
		}
		return Loaded{}, fmt.Errorf("dataset %d: its description names no data file", ds.ID)
	}
	f, verified, err := loadFile(ctx, host, ref, ds.URL, ds.MD5Checksum)
	if err != nil {
		if parquetErr != nil {
			return Loaded{}, fmt.Errorf("%w (and the parquet file: %v)", err, parquetErr)
		}
		return Loaded{}, err
	}
	l := Loaded{Frame: f}
	if _, local := ref.LocalFile(); !verified && !local {
		l.Unverified = unverified(ds.MD5Checksum)
	}
	return l, nil
}

// unverified says why a file with checksum md5 could not be checked.
func unverified(md5 string) string {
	if md5 = strings.TrimSpace(md5); md5 == "" {
		return "the dataset's description gives no md5 checksum"
	}
	return fmt.Sprintf("the dataset's description gives no md5 checksum (md5_checksum %q)", md5)
}

func loadFile(ctx context.Context, host sdk.Host, ref sdk.EntityRef, url, md5 string) (f *frame.Frame, verified bool, err error) {
	resp, err := host.Fetch(ctx, sdk.FetchRequest{Server: ref.Server, URL: url, AsFile: true, MD5: md5})
	if err != nil {
		return nil, false, err
	}
	label := "reading " + path.Base(url)
	f, err = readFile(ctx, resp.FilePath, func(done, total int64) { host.Progress(ctx, label, done, total) })
	return f, resp.Verified, err
}

// readFile reads a data file (ARFF, parquet or CSV, told by its content)
// into a frame. The numeric columns of a sparse ARFF file stay sparse:
// everything this package and the data plugin compute reads them as such.
func readFile(ctx context.Context, p string, progress func(done, total int64)) (*frame.Frame, error) {
	r, err := datafile.Read(ctx, p, datafile.Options{Progress: progress, Sparse: true})
	if err != nil {
		return nil, err
	}
	return r.Frame, nil
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
