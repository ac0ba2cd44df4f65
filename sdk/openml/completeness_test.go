package openml_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/internal/recordings"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// parser reads one answer into its typed value and says how many entries
// it holds (1 for an entity).
type parser func([]byte) (any, int, error)

func one[T any](parse func([]byte) (*T, error)) parser {
	return func(b []byte) (any, int, error) {
		v, err := parse(b)
		return v, 1, err
	}
}

func many[S ~[]E, E any](parse func([]byte) (S, error)) parser {
	return func(b []byte) (any, int, error) {
		v, err := parse(b)
		return v, len(v), err
	}
}

// xmlAnswers dispatches an XML answer on its root element; entry is the
// element each listing entry is written as ("" for an entity).
var xmlAnswers = map[string]struct {
	entry string
	parse parser
}{
	"data_set_description": {"", one(openml.ParseDataset)},
	"data_features":        {"feature", many(openml.ParseFeatures)},
	"data_qualities":       {"quality", many(openml.ParseQualities)},
	"task":                 {"", one(openml.ParseTask)},
	"flow":                 {"", one(openml.ParseFlow)},
	"implementation":       {"", one(openml.ParseFlow)},
	"run":                  {"", one(openml.ParseRun)},
	"setup_parameters":     {"", one(openml.ParseSetup)},
	"study":                {"", one(openml.ParseStudy)},
	"task_type":            {"", one(openml.ParseTaskType)},
	"evaluations":          {"evaluation", many(openml.ParseEvaluations)},
	"evaluation_measures":  {"measure", many(openml.ParseEvaluationMeasures)},
	"setups":               {"setup", many(openml.ParseSetups)},
	"tasks":                {"task", many(openml.ParseTaskList)},
	"data":                 {"dataset", many(openml.ParseDataList)},
	"flows":                {"flow", many(openml.ParseFlowList)},
	"runs":                 {"run", many(openml.ParseRunList)},
	"study_list":           {"study", many(openml.ParseStudyList)},
	"estimationprocedures": {"estimationprocedure", many(openml.ParseEstimationProcedures)},
	"task_types":           {"task_type", many(openml.ParseTaskTypes)},
	"users":                {"user", many(openml.ParseUsers)},
}

// jsonAnswers dispatches a JSON answer on its API path; entry is the key
// each listing entry has once.
var jsonAnswers = []struct {
	path  *regexp.Regexp
	entry string
	parse parser
}{
	{regexp.MustCompile(`^data/list/`), `"did"`, many(openml.ParseDataListJSON)},
	{regexp.MustCompile(`^data/qualities/-?\d+$`), `"name"`, many(openml.ParseQualitiesJSON)},
	{regexp.MustCompile(`^data/-?\d+$`), "", one(openml.ParseDatasetJSON)},
}

// unparsed lists recordings no parser reads, each with the reason; a
// recording that stops existing must leave this list too.
var unparsed = map[string]string{}

// recordedIDs are entity recordings whose content carries another id than
// their path (MANIFEST.tsv: the test server's run 1 and setup 1 are 100).
var recordedIDs = map[string]int64{"test/xml/run/1": 100, "test/xml/setup/1": 100}

// TestRecordings_everyAnswerParses walks every recorded API answer of both
// servers, XML and JSON, and parses it with the parser its root element
// (or, for JSON, its path) calls for: each must parse, hold as many entries
// as the file has, and carry the id of its path.
func TestRecordings_everyAnswerParses(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, a := range recordedAnswers(t) {
		seen[a.name] = true
		t.Run(a.name, func(t *testing.T) {
			t.Parallel()
			if reason, ok := unparsed[a.name]; ok {
				t.Skipf("not parsed: %s", reason)
			}
			p, entry, err := a.parser()
			require.NoError(t, err)
			got, n, err := p(a.body)
			require.NoError(t, err)
			assert.Equal(t, countEntries(a, entry), n, "entries")
			if id, ok := idOf(got); ok {
				want, err := strconv.ParseInt(filepath.Base(a.apiPath), 10, 64)
				if err == nil {
					if w, ok := recordedIDs[a.name]; ok {
						want = w
					}
					assert.Equal(t, want, id, "id in the answer")
				}
			}
		})
	}
	for name := range unparsed {
		assert.True(t, seen[name], "unparsed lists %s, which is not recorded", name)
	}
	assert.Greater(t, len(seen), 60, "recordings found")
}

// TestRecordings_noFieldLost checks, for every recorded answer, that each
// element and attribute it holds is read by its parser and that each value
// it holds ends up in the parsed result, so an element the server adds, or
// one the parser drops on the way, fails here.
func TestRecordings_noFieldLost(t *testing.T) {
	t.Parallel()
	for _, a := range recordedAnswers(t) {
		if _, ok := unparsed[a.name]; ok {
			continue
		}
		t.Run(a.name, func(t *testing.T) {
			t.Parallel()
			p, _, err := a.parser()
			require.NoError(t, err)
			got, _, err := p(a.body)
			require.NoError(t, err)
			values := collectValues(got)
			var root string
			var leaves []leaf
			if a.json {
				root, leaves = jsonLeaves(t, a.body)
			} else {
				root, leaves = xmlLeaves(t, a.body)
			}
			require.NotEmpty(t, leaves)
			unread, lost := map[string]bool{}, map[string]bool{}
			for _, l := range leaves {
				where := strings.Join(l.path, "/")
				if l.attr != "" {
					where += "@" + l.attr
				}
				if !openml.Handles(root, l.path, l.attr) {
					unread[where] = true
					continue
				}
				if l.text != "" && !values.has(l.text) {
					lost[where+" = "+strconv.Quote(shorten(l.text))] = true
				}
			}
			assert.Empty(t, unread, "elements of <oml:%s> no field reads", root)
			assert.Empty(t, lost, "values missing from the parsed %T", got)
		})
	}
}

func TestHandles(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		root string
		path string
		attr string
		want bool
	}{
		"field":           {"data_set_description", "md5_checksum", "", true},
		"nested":          {"run", "output_data/evaluation/array_data", "", true},
		"container":       {"run", "output_data", "", true},
		"attribute":       {"run", "output_data/evaluation", "fold", true},
		"recursive":       {"flow", "component/flow/component/flow/parameter/default_value", "", true},
		"embedded":        {"data_qualities", "quality/value", "", true},
		"unknown field":   {"data_set_description", "colour", "", false},
		"unknown attr":    {"run", "output_data/evaluation", "colour", false},
		"below a leaf":    {"data_set_description", "name/first", "", false},
		"unknown root":    {"nonsense", "id", "", false},
		"legacy root":     {"implementation", "components/implementation/name", "", true},
		"listing quality": {"tasks", "task/quality", "name", true},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, c.want, openml.Handles(c.root, strings.Split(c.path, "/"), c.attr))
		})
	}
}

type answer struct {
	name    string // "www/xml/run/1"
	apiPath string // "run/1"
	json    bool
	body    []byte
}

func (a answer) parser() (parser, string, error) {
	if a.json {
		for _, j := range jsonAnswers {
			if j.path.MatchString(a.apiPath) {
				return j.parse, j.entry, nil
			}
		}
		return nil, "", errors.New("no parser reads JSON answers at " + a.apiPath)
	}
	root, err := rootName(a.body)
	if err != nil {
		return nil, "", err
	}
	x, ok := xmlAnswers[root]
	if !ok {
		return nil, "", errors.New("no parser reads <oml:" + root + "> answers")
	}
	return x.parse, x.entry, nil
}

// recordedAnswers reads every recorded API answer under
// {www,test}/api/v1/{xml,json}.
func recordedAnswers(t *testing.T) []answer {
	t.Helper()
	var out []answer
	for _, server := range []string{"www", "test"} {
		for _, format := range []string{"xml", "json"} {
			dir := filepath.Join(recordings.Require(t, server), "api", "v1", format)
			err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				rel, err := filepath.Rel(dir, p)
				if err != nil {
					return err
				}
				body, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				apiPath := filepath.ToSlash(rel)
				out = append(out, answer{name: server + "/" + format + "/" + apiPath, apiPath: apiPath, json: format == "json", body: body})
				return nil
			})
			if !errors.Is(err, fs.ErrNotExist) {
				require.NoError(t, err)
			}
		}
	}
	return out
}

func rootName(b []byte) (string, error) {
	d := xml.NewDecoder(bytes.NewReader(openml.Sanitize(b)))
	for {
		tok, err := d.Token()
		if err != nil {
			return "", err
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Local, nil
		}
	}
}

// countEntries counts the entries of a listing the plain way: by the
// start tags (or JSON keys) that open one.
func countEntries(a answer, entry string) int {
	if entry == "" {
		return 1
	}
	if a.json {
		return bytes.Count(a.body, []byte(entry))
	}
	return len(regexp.MustCompile(`<oml:`+entry+`[\s/>]`).FindAll(a.body, -1))
}

// idOf reads the ID field of a parsed entity.
func idOf(v any) (int64, bool) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return 0, false
	}
	f := rv.Elem().FieldByName("ID")
	if !f.IsValid() || !f.CanInt() {
		return 0, false
	}
	return f.Int(), true
}

// leaf is an element without child elements, or an attribute, of an answer.
type leaf struct {
	path []string // below the root
	attr string
	text string
}

func xmlLeaves(t *testing.T, b []byte) (root string, leaves []leaf) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(openml.Sanitize(b)))
	type open struct {
		name     string
		text     strings.Builder
		children bool
	}
	var stack []*open
	var path []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return root, leaves
		}
		require.NoError(t, err)
		switch tok := tok.(type) {
		case xml.StartElement:
			if len(stack) == 0 {
				root = tok.Name.Local
			} else {
				stack[len(stack)-1].children = true
				path = append(path, tok.Name.Local)
			}
			stack = append(stack, &open{name: tok.Name.Local})
			for _, a := range tok.Attr {
				if a.Name.Space == "xmlns" || a.Name.Local == "xmlns" {
					continue
				}
				leaves = append(leaves, leaf{path: clone(path), attr: a.Name.Local, text: strings.TrimSpace(a.Value)})
			}
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text.Write(tok)
			}
		case xml.EndElement:
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if len(stack) > 0 {
				if !top.children {
					leaves = append(leaves, leaf{path: clone(path), text: strings.TrimSpace(top.text.String())})
				}
				path = path[:len(path)-1]
			}
		}
	}
}

func jsonLeaves(t *testing.T, b []byte) (root string, leaves []leaf) {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var doc map[string]any
	require.NoError(t, d.Decode(&doc))
	require.Len(t, doc, 1)
	var walk func(path []string, v any)
	walk = func(path []string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, c := range v {
				walk(append(clone(path), k), c)
			}
		case []any:
			for _, c := range v {
				walk(path, c)
			}
			if len(v) == 0 {
				leaves = append(leaves, leaf{path: path})
			}
		case nil:
			leaves = append(leaves, leaf{path: path})
		default:
			leaves = append(leaves, leaf{path: path, text: strings.TrimSpace(jsonText(v))})
		}
	}
	for k, v := range doc {
		root = k
		walk(nil, v)
	}
	return root, leaves
}

func jsonText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case bool:
		return strconv.FormatBool(v)
	}
	return ""
}

func clone(s []string) []string { return append([]string(nil), s...) }

// values is every value a parsed result holds, as text, with numbers
// also kept as numbers so "1.0" finds 1.
type values struct {
	texts  map[string]bool
	floats map[float64]bool
	nan    bool
}

func collectValues(v any) *values {
	vs := &values{texts: map[string]bool{}, floats: map[float64]bool{}}
	var walk func(rv reflect.Value)
	walk = func(rv reflect.Value) {
		switch rv.Kind() {
		case reflect.Pointer, reflect.Interface:
			if !rv.IsNil() {
				walk(rv.Elem())
			}
		case reflect.Struct:
			for i := range rv.NumField() {
				walk(rv.Field(i))
			}
		case reflect.Slice, reflect.Array:
			for i := range rv.Len() {
				walk(rv.Index(i))
			}
		case reflect.Map:
			for _, k := range rv.MapKeys() {
				walk(k)
				walk(rv.MapIndex(k))
			}
		case reflect.String:
			vs.texts[strings.TrimSpace(rv.String())] = true
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			vs.texts[strconv.FormatInt(rv.Int(), 10)] = true
			vs.floats[float64(rv.Int())] = true
		case reflect.Float32, reflect.Float64:
			if math.IsNaN(rv.Float()) {
				vs.nan = true
			}
			vs.floats[rv.Float()] = true
		case reflect.Bool:
			vs.texts[strconv.FormatBool(rv.Bool())] = true
		}
	}
	walk(reflect.ValueOf(v))
	return vs
}

func (vs *values) has(s string) bool {
	s = strings.TrimSpace(s)
	if vs.texts[s] {
		return true
	}
	if l := strings.ToLower(s); (l == "true" || l == "false") && vs.texts[l] {
		return true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return false
	}
	if math.IsNaN(f) {
		return vs.nan
	}
	return vs.floats[f]
}

func shorten(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}
