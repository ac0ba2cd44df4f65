package openml

import "fmt"

// DatasetSummary is one entry of a dataset listing (data/list/…): the
// dataset and its most used qualities.
type DatasetSummary struct {
	ID          int64
	Name        string
	Version     int
	Status      string
	Format      string
	FileID      int64  // 0 when the server leaves it out
	MD5Checksum string // JSON listings only
	Qualities   Qualities
	Tags        []string
}

type dataListXML struct {
	Datasets []datasetSummaryXML `xml:"dataset"`
}

type datasetSummaryXML struct {
	ID          string          `xml:"did"`
	Name        string          `xml:"name"`
	Version     string          `xml:"version"`
	Status      string          `xml:"status"`
	Format      string          `xml:"format"`
	FileID      string          `xml:"file_id"`
	MD5Checksum string          `xml:"md5_checksum"`
	Qualities   []namedValueXML `xml:"quality"`
	Tags        []string        `xml:"tag"`
}

// ParseDataList reads a dataset listing (<oml:data>). OpenML's "no
// results" answer (error 372) is an empty listing; any other <oml:error>
// answer is returned as *APIError.
func ParseDataList(b []byte) ([]DatasetSummary, error) {
	var x dataListXML
	if empty, err := decodeListing(b, "dataset listing", &x, "data", noDataResults); empty || err != nil {
		return nil, err
	}
	out := make([]DatasetSummary, 0, len(x.Datasets))
	f := &fields{}
	for i, dx := range x.Datasets {
		f.what = fmt.Sprintf("dataset listing: entry %d", i+1)
		d := DatasetSummary{
			ID:          f.required("did", dx.ID),
			Name:        text(dx.Name),
			Version:     f.int("version", dx.Version),
			Status:      text(dx.Status),
			Format:      text(dx.Format),
			FileID:      f.int64("file_id", dx.FileID),
			MD5Checksum: text(dx.MD5Checksum),
			Tags:        texts(dx.Tags),
		}
		d.Qualities = listedQualities(f, dx.Qualities)
		if f.err != nil {
			return nil, f.err
		}
		out = append(out, d)
	}
	return out, nil
}

// ParseDataListJSON reads a dataset listing from the JSON API
// (api/v1/json/data/list/…).
func ParseDataListJSON(b []byte) ([]DatasetSummary, error) {
	x, err := fromJSON(b, "dataset listing")
	if err != nil {
		return nil, err
	}
	return ParseDataList(x)
}

// DataQuery selects the entries of a dataset listing; its zero value lists
// every active dataset.
type DataQuery struct {
	Name    string // data_name
	Version int    // 0 for any
	Tag     string
	Status  string // "active" (the server's default), "deactivated", "in_preparation", "all"
	// The ranges filter on the dataset's qualities.
	NumberInstances     Range
	NumberFeatures      Range
	NumberClasses       Range
	NumberMissingValues Range
	// Limit caps the entries returned, starting after Offset ones. 0 is
	// no limit.
	Limit, Offset int
}

// Path is the API path of the listing, such as
// "data/list/data_name/iris/limit/10/offset/0/status/active".
func (q DataQuery) Path() (string, error) {
	p := &pathBuilder{what: "dataset query"}
	p.text("data_name", "Name", q.Name)
	p.id("data_version", "Version", int64(q.Version))
	p.page(q.Limit, q.Offset, 0)
	p.text("tag", "Tag", q.Tag)
	p.text("status", "Status", q.Status)
	p.rangeFilter("number_instances", "NumberInstances", q.NumberInstances)
	p.rangeFilter("number_features", "NumberFeatures", q.NumberFeatures)
	p.rangeFilter("number_classes", "NumberClasses", q.NumberClasses)
	p.rangeFilter("number_missing_values", "NumberMissingValues", q.NumberMissingValues)
	return p.path("data/list")
}
