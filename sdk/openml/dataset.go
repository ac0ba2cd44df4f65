package openml

import (
	"fmt"
	"strings"
)

// Dataset is a dataset description, the answer of data/<id>. Dates are
// kept as the server wrote them: their format changed over the years
// ("2014-04-06T23:23:39", "2020-11-20 19:02:18").
type Dataset struct {
	ID                 int64
	Name               string
	Version            int
	VersionLabel       string
	Description        string // markdown, as uploaded
	DescriptionVersion int
	Format             string // "ARFF", "Sparse_ARFF", ...
	Creators           []string
	Contributors       []string
	CollectionDate     string
	UploadDate         string
	ProcessingDate     string
	Language           string
	Licence            string
	Citation           string
	URL                string // the data file
	FileID             int64
	ParquetURL         string
	MinioURL           string
	MD5Checksum        string
	// DefaultTargetAttribute may name several attributes, comma-separated;
	// see Targets.
	DefaultTargetAttribute string
	RowIDAttribute         string
	IgnoreAttributes       []string
	OriginalDataURL        string
	PaperURL               string
	UpdateComment          string
	Status                 string // "active", "in_preparation", "deactivated"
	Visibility             string
	AccessPolicy           string
	Tags                   []string
	// Error and Warning are the server's notes on processing the dataset.
	Error   string
	Warning string
}

// Targets splits DefaultTargetAttribute into attribute names.
func (d *Dataset) Targets() []string {
	return texts(strings.Split(d.DefaultTargetAttribute, ","))
}

type datasetXML struct {
	ID                     string   `xml:"id"`
	Name                   string   `xml:"name"`
	Version                string   `xml:"version"`
	VersionLabel           string   `xml:"version_label"`
	Description            string   `xml:"description"`
	DescriptionVersion     string   `xml:"description_version"`
	Format                 string   `xml:"format"`
	Creators               []string `xml:"creator"`
	Contributors           []string `xml:"contributor"`
	CollectionDate         string   `xml:"collection_date"`
	UploadDate             string   `xml:"upload_date"`
	ProcessingDate         string   `xml:"processing_date"`
	Language               string   `xml:"language"`
	Licence                string   `xml:"licence"`
	Citation               string   `xml:"citation"`
	URL                    string   `xml:"url"`
	FileID                 string   `xml:"file_id"`
	ParquetURL             string   `xml:"parquet_url"`
	MinioURL               string   `xml:"minio_url"`
	MD5Checksum            string   `xml:"md5_checksum"`
	DefaultTargetAttribute string   `xml:"default_target_attribute"`
	RowIDAttribute         string   `xml:"row_id_attribute"`
	IgnoreAttributes       []string `xml:"ignore_attribute"`
	OriginalDataURL        string   `xml:"original_data_url"`
	PaperURL               string   `xml:"paper_url"`
	UpdateComment          string   `xml:"update_comment"`
	Status                 string   `xml:"status"`
	Visibility             string   `xml:"visibility"`
	AccessPolicy           string   `xml:"access_policy"`
	Tags                   []string `xml:"tag"`
	Error                  string   `xml:"error"`
	Warning                string   `xml:"warning"`
}

// ParseDataset reads a dataset description (<oml:data_set_description>).
// An <oml:error> answer is returned as *APIError.
func ParseDataset(b []byte) (*Dataset, error) {
	var x datasetXML
	if err := decode(b, "dataset description", &x, "data_set_description"); err != nil {
		return nil, err
	}
	f := &fields{what: "dataset description"}
	d := &Dataset{
		ID:                     f.required("id", x.ID),
		Name:                   text(x.Name),
		Version:                f.int("version", x.Version),
		VersionLabel:           text(x.VersionLabel),
		Description:            strings.TrimRight(x.Description, " \t\r\n"),
		DescriptionVersion:     f.int("description_version", x.DescriptionVersion),
		Format:                 text(x.Format),
		Creators:               texts(x.Creators),
		Contributors:           texts(x.Contributors),
		CollectionDate:         text(x.CollectionDate),
		UploadDate:             text(x.UploadDate),
		ProcessingDate:         text(x.ProcessingDate),
		Language:               text(x.Language),
		Licence:                text(x.Licence),
		Citation:               text(x.Citation),
		URL:                    text(x.URL),
		FileID:                 f.int64("file_id", x.FileID),
		ParquetURL:             text(x.ParquetURL),
		MinioURL:               text(x.MinioURL),
		MD5Checksum:            text(x.MD5Checksum),
		DefaultTargetAttribute: text(x.DefaultTargetAttribute),
		RowIDAttribute:         text(x.RowIDAttribute),
		IgnoreAttributes:       texts(x.IgnoreAttributes),
		OriginalDataURL:        text(x.OriginalDataURL),
		PaperURL:               text(x.PaperURL),
		UpdateComment:          text(x.UpdateComment),
		Status:                 text(x.Status),
		Visibility:             text(x.Visibility),
		AccessPolicy:           text(x.AccessPolicy),
		Tags:                   texts(x.Tags),
		Error:                  text(x.Error),
		Warning:                text(x.Warning),
	}
	if d.Name == "" {
		f.failf("<oml:name> is missing or empty")
	}
	if f.err != nil {
		return nil, f.err
	}
	return d, nil
}

// ParseDatasetJSON reads a dataset description from the JSON API
// (api/v1/json/data/<id>). An error answer is returned as *APIError.
func ParseDatasetJSON(b []byte) (*Dataset, error) {
	x, err := fromJSON(b, "dataset description")
	if err != nil {
		return nil, err
	}
	return ParseDataset(x)
}

// Feature is one attribute of a dataset, from data/features/<id>.
type Feature struct {
	Index    int
	Name     string
	DataType string // "numeric", "nominal", "string", "date"
	// NominalValues are the categories of a nominal feature, in order.
	NominalValues         []string
	IsTarget              bool
	IsIgnore              bool
	IsRowIdentifier       bool
	NumberOfMissingValues int64
	Ontologies            []string
}

// IsNominal reports whether the feature is categorical.
func (f Feature) IsNominal() bool { return strings.EqualFold(f.DataType, "nominal") }

type featuresXML struct {
	DID      string       `xml:"did"`
	Error    string       `xml:"error"`
	Features []featureXML `xml:"feature"`
}

type featureXML struct {
	Index           string   `xml:"index"`
	Name            string   `xml:"name"`
	DataType        string   `xml:"data_type"`
	Ontologies      []string `xml:"ontology"`
	NominalValues   []string `xml:"nominal_value"`
	IsTarget        string   `xml:"is_target"`
	IsIgnore        string   `xml:"is_ignore"`
	IsRowIdentifier string   `xml:"is_row_identifier"`
	Missing         string   `xml:"number_of_missing_values"`
}

// ParseFeatures reads a features answer (<oml:data_features>), in the
// order the server lists them. An <oml:error> answer is returned as
// *APIError.
func ParseFeatures(b []byte) ([]Feature, error) {
	var x featuresXML
	if err := decode(b, "dataset features", &x, "data_features"); err != nil {
		return nil, err
	}
	if e := text(x.Error); e != "" && len(x.Features) == 0 {
		return nil, fmt.Errorf("dataset features: OpenML could not compute them: %s", e)
	}
	out := make([]Feature, 0, len(x.Features))
	for i, fx := range x.Features {
		what := fmt.Sprintf("dataset features: feature %d", i+1)
		if name := text(fx.Name); name != "" {
			what += fmt.Sprintf(" (%s)", name)
		}
		f := &fields{what: what}
		ft := Feature{
			Index:                 f.int("index", fx.Index),
			Name:                  text(fx.Name),
			DataType:              text(fx.DataType),
			NominalValues:         texts(fx.NominalValues),
			IsTarget:              f.bool("is_target", fx.IsTarget),
			IsIgnore:              f.bool("is_ignore", fx.IsIgnore),
			IsRowIdentifier:       f.bool("is_row_identifier", fx.IsRowIdentifier),
			NumberOfMissingValues: f.int64("number_of_missing_values", fx.Missing),
			Ontologies:            texts(fx.Ontologies),
		}
		if ft.Name == "" {
			f.failf("<oml:name> is missing or empty")
		}
		if text(fx.Index) == "" {
			f.failf("<oml:index> is missing or empty")
		}
		if f.err != nil {
			return nil, f.err
		}
		out = append(out, ft)
	}
	return out, nil
}
