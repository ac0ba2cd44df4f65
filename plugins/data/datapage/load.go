package datapage

import (
	"context"
	"errors"
	"fmt"
	"path"

	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/datafile"
	"github.com/openml-dash/openml-dash/sdk/frame"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// Load fetches a dataset's data through the host and reads it: the parquet
// file when the description names one (smaller, typed), else the ARFF file,
// checked against the description's md5 checksum. A parquet file that
// cannot be had or read falls back to the ARFF file. Reading reports its
// progress to the host, which shows it in the status line.
func Load(ctx context.Context, host sdk.Host, ref sdk.EntityRef, ds *openml.Dataset) (*frame.Frame, error) {
	var parquetErr error
	if u := firstOf(ds.ParquetURL, ds.MinioURL); u != "" {
		f, err := loadFile(ctx, host, ref, u, "")
		if err == nil {
			return f, nil
		}
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return nil, err
		}
		parquetErr = err
		host.Log(ctx, sdk.LogWarn, fmt.Sprintf("dataset %d: parquet file unusable, reading the ARFF file instead: %v", ds.ID, err))
	}
	if ds.URL == "" {
		if parquetErr != nil {
			return nil, parquetErr
		}
		return nil, fmt.Errorf("dataset %d: its description names no data file", ds.ID)
	}
	f, err := loadFile(ctx, host, ref, ds.URL, ds.MD5Checksum)
	if err != nil && parquetErr != nil {
		return nil, fmt.Errorf("%w (and the parquet file: %v)", err, parquetErr)
	}
	return f, err
}

func loadFile(ctx context.Context, host sdk.Host, ref sdk.EntityRef, url, md5 string) (*frame.Frame, error) {
	resp, err := host.Fetch(ctx, sdk.FetchRequest{Server: ref.Server, URL: url, AsFile: true, MD5: md5})
	if err != nil {
		return nil, err
	}
	label := "reading " + path.Base(url)
	return readFile(ctx, resp.FilePath, func(done, total int64) { host.Progress(ctx, label, done, total) })
}

// readFile reads a data file (ARFF, parquet or CSV, told by its content)
// into a frame.
func readFile(ctx context.Context, p string, progress func(done, total int64)) (*frame.Frame, error) {
	r, err := datafile.Read(ctx, p, datafile.Options{Progress: progress})
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
