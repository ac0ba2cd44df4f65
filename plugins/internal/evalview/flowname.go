package evalview

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxLabel is the most characters a flow's label on a chart axis has,
// "(flow <id>)" included: the host gives an axis's labels about 30% of
// the chart's width and cuts what does not fit at the end, and 60
// characters fit a chart about 1,100 pixels wide. Shorter labels also
// leave room for the points.
const MaxLabel = 60

// ShortFlowName makes a flow's name readable on an axis: each dotted
// class path becomes its class name, parameter names go, and the version
// OpenML appends in listings ("(1)") is dropped, so
//
//	sklearn.pipeline.Pipeline(imputer=sklearn.impute._base.SimpleImputer,estimator=sklearn.ensemble._forest.RandomForestClassifier)(1)
//
// reads "Pipeline(SimpleImputer,RandomForestClassifier)", and
// "weka.J48(1)" reads "J48". A lower-case last part is not a class name,
// so only a known library prefix is dropped from it:
// "mlr.classif.randomForest" reads "classif.randomForest". The result is
// cut to MaxLabel characters in the middle, keeping its start and its
// end (the final estimator).
func ShortFlowName(name string) string {
	return truncate(shortName(name), MaxLabel)
}

func shortName(name string) string {
	s := stripVersion(strings.TrimSpace(name))
	t, rest, ok := parseTerm(s)
	if ok && rest == "" {
		s = t.short()
	}
	return s
}

// FlowLabels gives each flow a distinct short name of at most MaxLabel
// characters: its name shortened as ShortFlowName does, followed by
// "(flow <id>)" when several flows shorten alike (also when they differ
// only in what the cut leaves out). The name, not the "(flow <id>)", is
// cut to make room.
func FlowLabels(names map[int64]string) map[int64]string {
	short := make(map[int64]string, len(names))
	for id, n := range names {
		short[id] = ShortFlowName(n)
	}
	tell := func(id int64) string { return fmt.Sprintf("flow %d", id) }
	return unique(short, tell, func(id int64, _, suffix string) string {
		return truncate(shortName(names[id]), MaxLabel-utf8.RuneCountInString(suffix)) + suffix
	})
}

// Unique returns labels with every label that several ids share followed
// by " (" + tell(id) + ")", so that no two ids have the same label.
func Unique(labels map[int64]string, tell func(int64) string) map[int64]string {
	return unique(labels, tell, func(_ int64, label, suffix string) string { return label + suffix })
}

// unique is Unique with join making a shared label and its suffix into
// one, e.g. shortening the label to make room.
func unique(labels map[int64]string, tell func(int64) string, join func(id int64, label, suffix string) string) map[int64]string {
	count := map[string]int{}
	for _, l := range labels {
		count[l]++
	}
	out := make(map[int64]string, len(labels))
	for id, l := range labels {
		if count[l] > 1 {
			l = join(id, l, fmt.Sprintf(" (%s)", tell(id)))
		}
		out[id] = l
	}
	return out
}

// stripVersion drops a final "(<digits>)", the version OpenML appends to
// flow names in its listings.
func stripVersion(s string) string {
	if !strings.HasSuffix(s, ")") {
		return s
	}
	open := strings.LastIndexByte(s, '(')
	if open <= 0 {
		return s
	}
	digits := s[open+1 : len(s)-1]
	if digits == "" || strings.TrimFunc(digits, unicode.IsDigit) != "" {
		return s
	}
	return strings.TrimSpace(s[:open])
}

// term is a flow name parsed: a class path with its components, as in
// "a.B(x=c.D,y=e.F(g=h.I))".
type term struct {
	ident string
	args  []term
}

// parseTerm reads one term at the start of s and returns what follows;
// ok is false when the parentheses do not balance.
func parseTerm(s string) (t term, rest string, ok bool) {
	i := strings.IndexAny(s, "(),")
	if i < 0 {
		return term{ident: s}, "", true
	}
	t.ident = s[:i]
	if s[i] != '(' {
		return t, s[i:], true
	}
	s = s[i+1:]
	for {
		s = skipKey(s)
		a, r, ok := parseTerm(s)
		if !ok || r == "" {
			return t, "", false
		}
		if strings.TrimSpace(a.ident) != "" || len(a.args) > 0 {
			t.args = append(t.args, a)
		}
		switch r[0] {
		case ',':
			s = r[1:]
		case ')':
			return t, r[1:], true
		default:
			return t, "", false
		}
	}
}

// skipKey drops a leading "name=" of a component.
func skipKey(s string) string {
	eq := strings.IndexByte(s, '=')
	if eq < 0 {
		return s
	}
	if stop := strings.IndexAny(s, "(),"); stop >= 0 && stop < eq {
		return s
	}
	return s[eq+1:]
}

func (t term) short() string {
	s := shortIdent(t.ident)
	if len(t.args) == 0 {
		return s
	}
	parts := make([]string, len(t.args))
	for i, a := range t.args {
		parts[i] = a.short()
	}
	return s + "(" + strings.Join(parts, ",") + ")"
}

// libraries are first parts of flow names that say only where a flow
// comes from.
var libraries = map[string]bool{
	"sklearn": true, "mlr": true, "weka": true, "moa": true, "torch": true,
	"keras": true, "tensorflow": true, "openml": true, "xgboost": true, "lightgbm": true,
}

func shortIdent(ident string) string {
	ident = strings.TrimSpace(ident)
	parts := strings.Split(ident, ".")
	if len(parts) == 1 {
		return ident
	}
	last := parts[len(parts)-1]
	if r, _ := utf8.DecodeRuneInString(last); unicode.IsUpper(r) {
		return last
	}
	if libraries[strings.ToLower(parts[0])] {
		return strings.Join(parts[1:], ".")
	}
	return ident
}

// truncate cuts s to n characters in the middle: two thirds of what is
// kept from its start, one third from its end, around an ellipsis.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	tail := (n - 1) / 3
	head := n - 1 - tail
	return string(r[:head]) + "…" + string(r[len(r)-tail:])
}
