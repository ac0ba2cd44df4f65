package openml

import (
	"reflect"
	"slices"
	"strings"
)

// Sanitize lets tests read recordings the way the parsers do.
var Sanitize = sanitize

// xmlTypes maps each answer's root element to the struct its parser
// decodes it into.
var xmlTypes = map[string]reflect.Type{
	"data_set_description": reflect.TypeFor[datasetXML](),
	"data_features":        reflect.TypeFor[featuresXML](),
	"data_qualities":       reflect.TypeFor[qualitiesXML](),
	"task":                 reflect.TypeFor[taskXML](),
	"flow":                 reflect.TypeFor[flowXML](),
	"implementation":       reflect.TypeFor[flowXML](),
	"run":                  reflect.TypeFor[runXML](),
	"evaluations":          reflect.TypeFor[evaluationsXML](),
	"evaluation_measures":  reflect.TypeFor[evaluationMeasuresXML](),
	"setup_parameters":     reflect.TypeFor[setupXML](),
	"setups":               reflect.TypeFor[setupsXML](),
	"tasks":                reflect.TypeFor[taskListXML](),
	"data":                 reflect.TypeFor[dataListXML](),
	"flows":                reflect.TypeFor[flowListXML](),
	"runs":                 reflect.TypeFor[runListXML](),
	"study":                reflect.TypeFor[studyXML](),
	"study_list":           reflect.TypeFor[studyListXML](),
	"estimationprocedures": reflect.TypeFor[estimationProceduresXML](),
	"task_type":            reflect.TypeFor[taskTypeXML](),
	"task_types":           reflect.TypeFor[taskTypesXML](),
	"users":                reflect.TypeFor[usersXML](),
}

// Handles reports whether the parser of <oml:root> answers reads the
// element at path (element names below the root, "output_data/evaluation/name")
// or, when attr is not "", that element's attribute attr. Unknown roots
// handle nothing.
func Handles(root string, path []string, attr string) bool {
	t, ok := xmlTypes[root]
	return ok && handles(t, path, attr)
}

func handles(t reflect.Type, path []string, attr string) bool {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return len(path) == 0 && attr == ""
	}
	if len(path) == 0 && attr == "" {
		return true
	}
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous {
			if handles(f.Type, path, attr) {
				return true
			}
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("xml"), ",")
		if name == "" || name == "-" {
			continue
		}
		if opts == "attr" {
			if len(path) == 0 && name == attr {
				return true
			}
			continue
		}
		steps := strings.Split(name, ">")
		if len(path) < len(steps) {
			// A container on the way to the field ("output_data" of
			// "output_data>evaluation").
			if attr == "" && slices.Equal(path, steps[:len(path)]) {
				return true
			}
			continue
		}
		if slices.Equal(path[:len(steps)], steps) && handles(f.Type, path[len(steps):], attr) {
			return true
		}
	}
	return false
}
