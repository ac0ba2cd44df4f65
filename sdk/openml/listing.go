package openml

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/openml-dash/openml-dash/sdk"
)

// The codes with which OpenML answers a listing that matched nothing. The
// listing helpers turn them into an empty list: for a dashboard, "no runs
// on this task yet" is an answer, not a failure.
//
// Sources: the server's message table (openml/OpenML
// openml_OS/views/pages/api_new/v1/xml/pre.php), the handlers that raise
// them (openml_OS/models/api/v1/Api_*.php), schemas/swagger.json, and
// openml-python's OpenMLServerNoResult list (372, 482, 500, 512, 542, 674).
// Study listings (599) and estimation procedures (500) are not in
// openml-python's list but are raised the same way (Api_study.php
// study_list, Api_estimationprocedure.php).
const (
	noDataResults                = 372 // data/list
	noTaskResults                = 482 // task/list
	noFlowResults                = 500 // flow/list
	noEstimationProcedureResults = 500 // estimationprocedure/list
	noRunResults                 = 512 // run/list
	noEvaluationResults          = 542 // evaluation/list
	noStudyResults               = 599 // study/list
	noSetupResults               = 674 // setup/list
)

// isNoResults reports whether err is OpenML's "no results" answer with
// the given code, whether it arrived parsed (*APIError) or as the host's
// *sdk.FetchError carrying the server's code. A listing missing from an
// offline mirror or an unreachable server carries no code: it says nothing
// about what the server would answer, so it stays an error.
func isNoResults(err error, code int) bool {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.Code == code
	}
	var fe *sdk.FetchError
	return errors.As(err, &fe) && fe.OpenMLCode == code
}

// decodeListing is decode for listings: the "no results" error answer
// (code noResults) is an empty listing.
func decodeListing(b []byte, what string, v any, root string, noResults int) (empty bool, err error) {
	err = decode(b, what, v, root)
	if isNoResults(err, noResults) {
		return true, nil
	}
	return false, err
}

// pathBuilder writes a listing path in OpenML's
// "<base>/<filter>/<value>/<filter>/<value>…" form, keeping the first
// mistake in the query.
type pathBuilder struct {
	what     string // "evaluation query"
	parts    []string
	filtered bool // parts hold a filter, not only options such as sort_order
	err      error
}

func (p *pathBuilder) failf(format string, args ...any) {
	if p.err == nil {
		p.err = fmt.Errorf(p.what+": "+format, args...)
	}
}

// text adds filter/value unless value is empty. A slash would start a
// new filter, so it is refused rather than escaped: the server splits the
// path before decoding it.
func (p *pathBuilder) text(filter, field, value string) {
	value = strings.TrimSpace(value)
	if value == "" {
		return
	}
	if strings.Contains(value, "/") {
		p.failf("%s %q holds a slash, which OpenML's listing paths cannot carry", field, value)
		return
	}
	p.add(filter, url.PathEscape(value))
}

// id adds filter/id unless id is 0.
func (p *pathBuilder) id(filter, field string, id int64) {
	if id == 0 {
		return
	}
	if id < 0 {
		p.failf("%s is %d; ids in listing filters are 1 or more", field, id)
		return
	}
	p.add(filter, strconv.FormatInt(id, 10))
}

// ids adds filter/1,2,3 unless ids is empty.
func (p *pathBuilder) ids(filter, field string, ids []int64) {
	if len(ids) == 0 {
		return
	}
	s := make([]string, len(ids))
	for i, id := range ids {
		if id < 1 {
			p.failf("%s holds %d; ids in listing filters are 1 or more", field, id)
			return
		}
		s[i] = strconv.FormatInt(id, 10)
	}
	p.add(filter, strings.Join(s, ","))
}

// rangeFilter adds filter/low..high unless r is the zero Range.
func (p *pathBuilder) rangeFilter(filter, field string, r Range) {
	if !r.set {
		return
	}
	if r.low > r.high {
		p.failf("%s runs from %d down to %d; give the lower bound first", field, r.low, r.high)
		return
	}
	p.add(filter, r.String())
}

// page adds limit/L/offset/O when limit is set. OpenML refuses an offset
// without a limit, and each listing has its own largest limit (max; 0 for
// none), so both are checked here rather than answered with an error code.
func (p *pathBuilder) page(limit, offset, max int) {
	switch {
	case limit < 0:
		p.failf("Limit is %d; it must be 0 (no limit) or more", limit)
	case offset < 0:
		p.failf("Offset is %d; it must be 0 or more", offset)
	case offset > 0 && limit == 0:
		p.failf("Offset %d needs a Limit: OpenML refuses an offset without a limit", offset)
	case max > 0 && limit > max:
		p.failf("Limit %d is above %d, the most OpenML returns at once; page with Offset instead", limit, max)
	case limit > 0:
		p.add("limit", strconv.Itoa(limit))
		p.option("offset", strconv.Itoa(offset))
	}
}

// add adds filter/value, a filter that narrows the listing.
func (p *pathBuilder) add(filter, value string) {
	p.parts = append(p.parts, filter, value)
	p.filtered = true
}

// option adds name/value, which shapes the listing without narrowing it
// (sort_order, per_fold).
func (p *pathBuilder) option(name, value string) {
	p.parts = append(p.parts, name, value)
}

// require fails when the query has no filter at all, for listings that
// OpenML refuses unfiltered.
func (p *pathBuilder) require(why string) {
	if p.err == nil && !p.filtered {
		p.failf("%s", why)
	}
}

func (p *pathBuilder) path(base string) (string, error) {
	if p.err != nil {
		return "", p.err
	}
	return strings.Join(append([]string{base}, p.parts...), "/"), nil
}

// Range is a filter on a number, such as the number of instances of a
// task's dataset; its zero value filters nothing. Build it with Between or
// Exactly.
type Range struct {
	low, high int64
	set       bool
}

// Between is the range low..high, both included.
func Between(low, high int64) Range { return Range{low: low, high: high, set: true} }

// Exactly is the range holding n alone.
func Exactly(n int64) Range { return Range{low: n, high: n, set: true} }

// String is the range as OpenML's listing filters write it: "10..100",
// or "10" for a single value.
func (r Range) String() string {
	if !r.set {
		return ""
	}
	if r.low == r.high {
		return strconv.FormatInt(r.low, 10)
	}
	return strconv.FormatInt(r.low, 10) + ".." + strconv.FormatInt(r.high, 10)
}

// namedValueXML reads both shapes OpenML gives a named value: the
// listings' <oml:quality name="NumberOfInstances">150.0</oml:quality>, and
// <oml:quality><oml:name>…</oml:name><oml:value>…</oml:value></oml:quality>
// as in data/qualities and in every JSON answer.
type namedValueXML struct {
	NameAttr string  `xml:"name,attr"`
	Name     string  `xml:"name"`
	Value    *string `xml:"value"`
	Text     string  `xml:",chardata"`
}

func (n namedValueXML) name() string {
	if s := text(n.Name); s != "" {
		return s
	}
	return text(n.NameAttr)
}

func (n namedValueXML) value() string {
	if n.Value != nil {
		return text(*n.Value)
	}
	return text(n.Text)
}
