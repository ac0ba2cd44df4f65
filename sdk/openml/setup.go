package openml

import "fmt"

// Setup is a flow with a value for each of its hyperparameters: what runs
// with equal settings share. It is the answer of setup/<id>, and an entry
// of setup/list/….
type Setup struct {
	ID         int64
	FlowID     int64 // the flow of the whole setup; a parameter may belong to a component
	Parameters []SetupParameter
}

// SetupParameter is one hyperparameter of a setup.
type SetupParameter struct {
	ID       int64 // the flow's input this sets
	FlowID   int64 // the (component) flow the parameter belongs to
	FlowName string
	// FullName is the parameter qualified by its flow,
	// "weka.J48(1)_C"; Name is "C".
	FullName     string
	Name         string
	DataType     string
	DefaultValue string
	Value        string
}

// Value returns the value of the parameter called name, matched against
// FullName first, then Name.
func (s *Setup) Value(name string) (string, bool) {
	for _, p := range s.Parameters {
		if p.FullName == name {
			return p.Value, true
		}
	}
	for _, p := range s.Parameters {
		if p.Name == name {
			return p.Value, true
		}
	}
	return "", false
}

type setupXML struct {
	ID         string              `xml:"setup_id"`
	FlowID     string              `xml:"flow_id"`
	Parameters []setupParameterXML `xml:"parameter"`
}

type setupParameterXML struct {
	ID           string `xml:"id"`
	FlowID       string `xml:"flow_id"`
	FlowName     string `xml:"flow_name"`
	FullName     string `xml:"full_name"`
	Name         string `xml:"parameter_name"`
	DataType     string `xml:"data_type"`
	DefaultValue string `xml:"default_value"`
	Value        string `xml:"value"`
}

type setupsXML struct {
	Setups []setupXML `xml:"setup"`
}

// ParseSetup reads a setup (<oml:setup_parameters>, the answer of
// setup/<id>). An <oml:error> answer is returned as *APIError.
func ParseSetup(b []byte) (*Setup, error) {
	var x setupXML
	if err := decode(b, "setup", &x, "setup_parameters"); err != nil {
		return nil, err
	}
	return convertSetup(&x, "setup")
}

// ParseSetups reads a setup listing (<oml:setups>). OpenML's "no results"
// answer (error 674) is an empty listing; any other <oml:error> answer is
// returned as *APIError.
func ParseSetups(b []byte) ([]Setup, error) {
	var x setupsXML
	if empty, err := decodeListing(b, "setup listing", &x, "setups", noSetupResults); empty || err != nil {
		return nil, err
	}
	out := make([]Setup, 0, len(x.Setups))
	for i := range x.Setups {
		s, err := convertSetup(&x.Setups[i], fmt.Sprintf("setup listing: entry %d", i+1))
		if err != nil {
			return nil, err
		}
		out = append(out, *s)
	}
	return out, nil
}

func convertSetup(x *setupXML, what string) (*Setup, error) {
	f := &fields{what: what}
	s := &Setup{ID: f.required("setup_id", x.ID), FlowID: f.int64("flow_id", x.FlowID)}
	for _, px := range x.Parameters {
		f.what = fmt.Sprintf("%s: parameter %q", what, text(px.FullName))
		s.Parameters = append(s.Parameters, SetupParameter{
			ID:           f.int64("id", px.ID),
			FlowID:       f.int64("flow_id", px.FlowID),
			FlowName:     text(px.FlowName),
			FullName:     text(px.FullName),
			Name:         text(px.Name),
			DataType:     text(px.DataType),
			DefaultValue: text(px.DefaultValue),
			Value:        text(px.Value),
		})
	}
	if f.err != nil {
		return nil, f.err
	}
	return s, nil
}

// SetupQuery selects the entries of a setup listing. OpenML refuses a
// query with no filter at all.
type SetupQuery struct {
	Flows  []int64 // setups of these flows
	Setups []int64 // these setups
	Tag    string
	// Limit caps the entries returned (at most MaxSetups), starting after
	// Offset ones. 0 is no limit.
	Limit, Offset int
}

// MaxSetups is the most entries one setup listing returns (Api_setup.php:
// $result_limit); a larger Limit is refused.
const MaxSetups = 1000

// Path is the API path of the listing, such as "setup/list/flow/5270".
func (q SetupQuery) Path() (string, error) {
	p := &pathBuilder{what: "setup query"}
	p.page(q.Limit, q.Offset, MaxSetups)
	p.ids("flow", "Flows", q.Flows)
	p.ids("setup", "Setups", q.Setups)
	p.text("tag", "Tag", q.Tag)
	p.require("give Flows, Setups, a Tag or a Limit: OpenML refuses to list every setup")
	return p.path("setup/list")
}
