// Package datafile opens a dataset file of any format openml-dash reads
// (ARFF, parquet or CSV, gzipped or not) as a *frame.Frame.
//
// The format is told by the file's first bytes, not its name, because the
// host's cache stores OpenML's files under names such as phpFsFYVN; the
// name only breaks ties and improves error messages.
package datafile

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/openml-dash/openml-dash/sdk/arff"
	"github.com/openml-dash/openml-dash/sdk/frame"
)

// Format is the kind of a dataset file.
type Format uint8

// Formats Detect tells apart. Unknown is only returned with an error.
const (
	Unknown Format = iota
	ARFF
	Parquet
	CSV
)

func (f Format) String() string {
	switch f {
	case Unknown:
		return "unknown"
	case ARFF:
		return "ARFF"
	case Parquet:
		return "parquet"
	case CSV:
		return "CSV"
	}
	return fmt.Sprintf("Format(%d)", uint8(f))
}

// Options tune Read. The zero value is ready to use.
type Options struct {
	// Progress, when set, is called from the goroutine that called Read as
	// the file is read. read counts the bytes taken from the file so far
	// (compressed bytes for gzip input); total is the file's size.
	Progress func(read, total int64)
	// Sparse keeps the numeric columns of a sparse ARFF file sparse (see
	// arff.Options.Sparse); other formats are read as without it.
	Sparse bool
}

// Result is a file read by Read.
type Result struct {
	Frame  *frame.Frame
	Format Format
	// Notes tell the user what the reader changed or left out, such as a
	// renamed duplicate column; they are not errors.
	Notes []string
}

// Read detects the format of the file at path and reads it. Every error
// starts with the path and says what was wrong with the file. It stops
// early, returning an error wrapping ctx.Err(), when ctx is cancelled.
//
// An ARFF frame is named after its @relation; a CSV or parquet frame after
// the file, without its extensions.
func Read(ctx context.Context, path string, opts Options) (*Result, error) {
	format, err := Detect(path)
	if err != nil {
		return nil, err
	}
	switch format {
	case ARFF:
		f, err := arff.ReadFile(ctx, path, arff.Options{Progress: opts.Progress, Sparse: opts.Sparse})
		if err != nil {
			return nil, err
		}
		return &Result{Frame: f, Format: ARFF}, nil
	case Parquet:
		return readParquet(ctx, path, opts)
	default:
		return readCSV(ctx, path, opts)
	}
}

// knownExtensions are stripped from a file name to name its frame.
var knownExtensions = []string{".gz", ".csv", ".tsv", ".txt", ".arff", ".parquet", ".pq"}

// frameName is the file's base name without the extensions Read knows, so
// "iris.csv.gz" gives "iris".
func frameName(path string) string {
	name := filepath.Base(path)
	for stripped := true; stripped; {
		stripped = false
		for _, ext := range knownExtensions {
			if len(name) > len(ext) && strings.EqualFold(name[len(name)-len(ext):], ext) {
				name = name[:len(name)-len(ext)]
				stripped = true
			}
		}
	}
	return name
}
