package openml

import "fmt"

// FlowSummary is one entry of a flow listing (flow/list/…).
type FlowSummary struct {
	ID              int64
	FullName        string // name and version, "weka.J48(1)"
	Name            string
	Version         string
	ExternalVersion string
	Uploader        int64
	Tags            []string
}

type flowListXML struct {
	Flows []flowSummaryXML `xml:"flow"`
}

type flowSummaryXML struct {
	ID              string   `xml:"id"`
	FullName        string   `xml:"full_name"`
	Name            string   `xml:"name"`
	Version         string   `xml:"version"`
	ExternalVersion string   `xml:"external_version"`
	Uploader        string   `xml:"uploader"`
	Tags            []string `xml:"tag"`
}

// ParseFlowList reads a flow listing (<oml:flows>). OpenML's "no results"
// answer (error 500) is an empty listing; any other <oml:error> answer is
// returned as *APIError.
func ParseFlowList(b []byte) ([]FlowSummary, error) {
	var x flowListXML
	if empty, err := decodeListing(b, "flow listing", &x, "flows", noFlowResults); empty || err != nil {
		return nil, err
	}
	out := make([]FlowSummary, 0, len(x.Flows))
	f := &fields{}
	for i, fx := range x.Flows {
		f.what = fmt.Sprintf("flow listing: entry %d", i+1)
		fl := FlowSummary{
			ID:              f.required("id", fx.ID),
			FullName:        text(fx.FullName),
			Name:            text(fx.Name),
			Version:         text(fx.Version),
			ExternalVersion: text(fx.ExternalVersion),
			Uploader:        f.int64("uploader", fx.Uploader),
			Tags:            texts(fx.Tags),
		}
		if f.err != nil {
			return nil, f.err
		}
		out = append(out, fl)
	}
	return out, nil
}

// FlowQuery selects the entries of a flow listing; its zero value lists
// every flow.
type FlowQuery struct {
	Tag      string
	Uploader int64
	// Limit caps the entries returned, starting after Offset ones. 0 is
	// no limit.
	Limit, Offset int
}

// Path is the API path of the listing, such as "flow/list/tag/weka".
func (q FlowQuery) Path() (string, error) {
	p := &pathBuilder{what: "flow query"}
	p.page(q.Limit, q.Offset, 0)
	p.text("tag", "Tag", q.Tag)
	p.id("uploader", "Uploader", q.Uploader)
	return p.path("flow/list")
}
