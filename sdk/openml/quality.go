package openml

import "fmt"

// Quality is one data quality (meta-feature) of a dataset, such as
// NumberOfInstances or ClassEntropy.
type Quality struct {
	Name string
	// Value is meaningful only when HasValue: the server lists qualities it
	// could not compute with no value.
	Value    float64
	HasValue bool
	// FeatureIndex is the feature the quality describes, or -1 when it
	// describes the whole dataset.
	FeatureIndex int
	// IntervalStart and IntervalEnd bound the instances a quality of a
	// data stream was computed on, when HasInterval.
	IntervalStart int64
	IntervalEnd   int64
	HasInterval   bool
}

// Qualities are the qualities of one dataset, in the server's order.
type Qualities []Quality

// Value returns the value of the quality called name; ok is false when the
// dataset has no such quality or no value for it.
func (qs Qualities) Value(name string) (v float64, ok bool) {
	for _, q := range qs {
		if q.Name == name && q.FeatureIndex < 0 && !q.HasInterval {
			return q.Value, q.HasValue
		}
	}
	return 0, false
}

// Map returns the dataset-wide qualities that have a value, by name.
func (qs Qualities) Map() map[string]float64 {
	m := make(map[string]float64, len(qs))
	for _, q := range qs {
		if q.HasValue && q.FeatureIndex < 0 && !q.HasInterval {
			m[q.Name] = q.Value
		}
	}
	return m
}

type qualitiesXML struct {
	Qualities []qualityXML `xml:"quality"`
}

type qualityXML struct {
	namedValueXML
	FeatureIndex      string `xml:"feature_index"`
	IntervalStart     string `xml:"interval_start"`
	IntervalEnd       string `xml:"interval_end"`
	IntervalStartAttr string `xml:"interval_start,attr"`
	IntervalEndAttr   string `xml:"interval_end,attr"`
}

// ParseQualities reads a dataset's qualities (<oml:data_qualities>, the
// answer of data/qualities/<id>). An <oml:error> answer is returned as
// *APIError.
func ParseQualities(b []byte) (Qualities, error) {
	var x qualitiesXML
	if err := decode(b, "dataset qualities", &x, "data_qualities"); err != nil {
		return nil, err
	}
	out := make(Qualities, 0, len(x.Qualities))
	for i, qx := range x.Qualities {
		f := &fields{what: fmt.Sprintf("dataset qualities: quality %d (%s)", i+1, qx.name())}
		q := Quality{Name: qx.name(), FeatureIndex: -1}
		if text(qx.FeatureIndex) != "" {
			q.FeatureIndex = f.int("feature_index", qx.FeatureIndex)
		}
		start, end := firstText(qx.IntervalStart, qx.IntervalStartAttr), firstText(qx.IntervalEnd, qx.IntervalEndAttr)
		if start != "" || end != "" {
			q.IntervalStart = f.int64("interval_start", start)
			q.IntervalEnd = f.int64("interval_end", end)
			q.HasInterval = true
		}
		q.Value, q.HasValue = f.float("value", qx.value())
		if q.Name == "" {
			f.failf("<oml:name> is missing or empty")
		}
		if f.err != nil {
			return nil, f.err
		}
		out = append(out, q)
	}
	return out, nil
}

// ParseQualitiesJSON reads a dataset's qualities from the JSON API
// (api/v1/json/data/qualities/<id>).
func ParseQualitiesJSON(b []byte) (Qualities, error) {
	x, err := fromJSON(b, "dataset qualities")
	if err != nil {
		return nil, err
	}
	return ParseQualities(x)
}

// listedQualities converts the qualities a data or task listing attaches to
// each entry.
func listedQualities(f *fields, xs []namedValueXML) Qualities {
	if len(xs) == 0 {
		return nil
	}
	out := make(Qualities, 0, len(xs))
	for _, qx := range xs {
		q := Quality{Name: qx.name(), FeatureIndex: -1}
		q.Value, q.HasValue = f.float(fmt.Sprintf("quality name=%q", q.Name), qx.value())
		out = append(out, q)
	}
	return out
}

// firstText is the first of ss that is not blank, trimmed.
func firstText(ss ...string) string {
	for _, s := range ss {
		if s = text(s); s != "" {
			return s
		}
	}
	return ""
}
