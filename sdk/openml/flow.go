package openml

import (
	"fmt"
	"strings"
)

// Flow is a flow (an algorithm, pipeline or workflow), the answer of
// flow/<id>. Components are flows themselves, nested to any depth.
type Flow struct {
	ID                int64
	Uploader          int64
	Name              string
	CustomName        string
	ClassName         string
	Version           string
	ExternalVersion   string
	Description       string
	Creators          []string
	Contributors      []string
	UploadDate        string
	Licence           string
	Language          string
	FullDescription   string
	InstallationNotes string
	Dependencies      string
	Implements        string
	References        []Reference
	Parameters        []FlowParameter
	Components        []Component
	// Qualities are what the uploader declared about the algorithm, such
	// as LearnerType = "classification".
	Qualities    []Parameter
	Tags         []string
	SourceURL    string
	BinaryURL    string
	SourceFormat string
	BinaryFormat string
	SourceMD5    string
	BinaryMD5    string
}

// FlowParameter is a hyperparameter a flow declares.
type FlowParameter struct {
	Name         string
	DataType     string
	DefaultValue string
	Description  string
	// RecommendedRange is free text: a minimum, a maximum, or a range.
	RecommendedRange string
}

// Component is a sub-flow, named by its role in the parent flow.
type Component struct {
	Identifier string
	Flow       *Flow
}

// Reference is a bibliographical reference of a flow.
type Reference struct {
	Citation string
	URL      string
}

// Walk calls fn for each component of f and of its components, depth
// first, with the identifiers leading to it ("pipeline", "pipeline/clf").
func (f *Flow) Walk(fn func(path string, c Component)) {
	f.walk("", fn)
}

func (f *Flow) walk(prefix string, fn func(string, Component)) {
	for _, c := range f.Components {
		p := c.Identifier
		if prefix != "" {
			p = prefix + "/" + p
		}
		fn(p, c)
		if c.Flow != nil {
			c.Flow.walk(p, fn)
		}
	}
}

type flowXML struct {
	ID                string         `xml:"id"`
	Uploader          string         `xml:"uploader"`
	Name              string         `xml:"name"`
	CustomName        string         `xml:"custom_name"`
	ClassName         string         `xml:"class_name"`
	Version           string         `xml:"version"`
	ExternalVersion   string         `xml:"external_version"`
	Description       string         `xml:"description"`
	Creators          []string       `xml:"creator"`
	Contributors      []string       `xml:"contributor"`
	UploadDate        string         `xml:"upload_date"`
	Licence           string         `xml:"licence"`
	Language          string         `xml:"language"`
	FullDescription   string         `xml:"full_description"`
	InstallationNotes string         `xml:"installation_notes"`
	Dependencies      string         `xml:"dependencies"`
	Implements        string         `xml:"implements"`
	References        []referenceXML `xml:"bibliographical_reference"`
	Parameters        []flowParamXML `xml:"parameter"`
	Components        []componentXML `xml:"component"`
	// Old answers (<oml:implementation>) nest components this way.
	LegacyComponents []flowXML       `xml:"components>implementation"`
	Qualities        []namedValueXML `xml:"quality"`
	Tags             []string        `xml:"tag"`
	SourceURL        string          `xml:"source_url"`
	BinaryURL        string          `xml:"binary_url"`
	SourceFormat     string          `xml:"source_format"`
	BinaryFormat     string          `xml:"binary_format"`
	SourceMD5        string          `xml:"source_md5"`
	BinaryMD5        string          `xml:"binary_md5"`
}

type flowParamXML struct {
	Name             string `xml:"name"`
	DataType         string `xml:"data_type"`
	DefaultValue     string `xml:"default_value"`
	Description      string `xml:"description"`
	RecommendedRange string `xml:"recommendedRange"`
}

type componentXML struct {
	Identifier string   `xml:"identifier"`
	Flow       *flowXML `xml:"flow"`
}

type referenceXML struct {
	Citation string `xml:"citation"`
	URL      string `xml:"url"`
}

// ParseFlow reads a flow description (<oml:flow>, or the older
// <oml:implementation>). An <oml:error> answer is returned as *APIError.
func ParseFlow(b []byte) (*Flow, error) {
	var x flowXML
	if err := decode(b, "flow description", &x, "flow", "implementation"); err != nil {
		return nil, err
	}
	return convertFlow(&x, "flow description")
}

func convertFlow(x *flowXML, what string) (*Flow, error) {
	f := &fields{what: what}
	fl := &Flow{
		ID:                f.required("id", x.ID),
		Uploader:          f.int64("uploader", x.Uploader),
		Name:              text(x.Name),
		CustomName:        text(x.CustomName),
		ClassName:         text(x.ClassName),
		Version:           text(x.Version),
		ExternalVersion:   text(x.ExternalVersion),
		Description:       strings.TrimSpace(x.Description),
		Creators:          texts(x.Creators),
		Contributors:      texts(x.Contributors),
		UploadDate:        text(x.UploadDate),
		Licence:           text(x.Licence),
		Language:          text(x.Language),
		FullDescription:   strings.TrimSpace(x.FullDescription),
		InstallationNotes: strings.TrimSpace(x.InstallationNotes),
		Dependencies:      text(x.Dependencies),
		Implements:        text(x.Implements),
		Tags:              texts(x.Tags),
		SourceURL:         text(x.SourceURL),
		BinaryURL:         text(x.BinaryURL),
		SourceFormat:      text(x.SourceFormat),
		BinaryFormat:      text(x.BinaryFormat),
		SourceMD5:         text(x.SourceMD5),
		BinaryMD5:         text(x.BinaryMD5),
	}
	if fl.Name == "" {
		f.failf("<oml:name> is missing or empty")
	}
	if f.err != nil {
		return nil, f.err
	}
	for _, r := range x.References {
		fl.References = append(fl.References, Reference{Citation: strings.TrimSpace(r.Citation), URL: text(r.URL)})
	}
	for _, p := range x.Parameters {
		fl.Parameters = append(fl.Parameters, FlowParameter{
			Name:             text(p.Name),
			DataType:         text(p.DataType),
			DefaultValue:     text(p.DefaultValue),
			Description:      strings.TrimSpace(p.Description),
			RecommendedRange: text(p.RecommendedRange),
		})
	}
	for _, q := range x.Qualities {
		fl.Qualities = append(fl.Qualities, Parameter{Name: q.name(), Value: q.value()})
	}
	for _, c := range x.Components {
		id := text(c.Identifier)
		if c.Flow == nil {
			return nil, fmt.Errorf("%s: component %q has no <oml:flow>", what, id)
		}
		sub, err := convertFlow(c.Flow, fmt.Sprintf("%s: component %q", what, id))
		if err != nil {
			return nil, err
		}
		fl.Components = append(fl.Components, Component{Identifier: id, Flow: sub})
	}
	for _, lx := range x.LegacyComponents {
		sub, err := convertFlow(&lx, fmt.Sprintf("%s: component %q", what, text(lx.Name)))
		if err != nil {
			return nil, err
		}
		fl.Components = append(fl.Components, Component{Identifier: sub.Name, Flow: sub})
	}
	return fl, nil
}
