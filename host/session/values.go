package session

import (
	"fmt"
	"slices"

	"github.com/openml-dash/openml-dash/sdk"
)

// checkType refuses a value of the wrong kind for a property, which
// sdk.SetProp would otherwise coerce to an empty value without a word.
func checkType(c sdk.Component, prop string, v sdk.Value) error {
	raw := v.Raw()
	var want string
	ok := raw == nil
	switch prop {
	case sdk.PropValue:
		switch c.(type) {
		case *sdk.Radio:
			want = "a string"
			_, s := raw.(string)
			ok = ok || s
		default:
			want = "a string or a list of strings"
			switch raw.(type) {
			case string, []string:
				ok = true
			}
		}
	case sdk.PropSelectedRows, sdk.PropSortedRows:
		want = "a list of row numbers"
		_, is := raw.([]int64)
		ok = ok || is
	case sdk.PropNClicks:
		want = "an integer"
		_, i := raw.(int64)
		ok = ok || i
	case sdk.PropDisabled:
		want = "true or false"
		_, b := raw.(bool)
		ok = ok || b
	case sdk.PropChildren:
		want = "a list of components"
		_, cs := raw.([]sdk.Component)
		ok = ok || cs
	default:
		return nil // sdk.SetProp names the missing property
	}
	if ok {
		return nil
	}
	return fmt.Errorf("%s.%s takes %s, not %s", describe(c), prop, want, kindOfValue(raw))
}

func describe(c sdk.Component) string {
	return fmt.Sprintf("%s %q", kindName(c), c.ComponentID())
}

func kindOfValue(raw any) string {
	switch raw.(type) {
	case string:
		return "a string"
	case []string:
		return "a list of strings"
	case int64:
		return "an integer"
	case []int64:
		return "a list of integers"
	case float64:
		return "a number"
	case bool:
		return "a flag"
	case []sdk.Component:
		return "a list of components"
	}
	return fmt.Sprintf("%T", raw)
}

// snapshot makes a value safe to hand to a plugin call running without the
// session's lock: component lists are deep-copied, since patches may change
// the live components meanwhile. Other values are immutable.
func snapshot(v sdk.Value) sdk.Value {
	cs, ok := v.Raw().([]sdk.Component)
	if !ok {
		return v
	}
	return sdk.ChildrenValue(cloneAll(cs)...)
}

func cloneAll(cs []sdk.Component) []sdk.Component {
	if cs == nil {
		return nil
	}
	out := make([]sdk.Component, 0, len(cs))
	for _, c := range cs {
		if !isNil(c) {
			out = append(out, clone(c))
		}
	}
	return out
}

func clone(c sdk.Component) sdk.Component {
	switch c := c.(type) {
	case *sdk.Heading:
		x := *c
		return &x
	case *sdk.Text:
		x := *c
		return &x
	case *sdk.Notice:
		x := *c
		return &x
	case *sdk.Link:
		x := *c
		return &x
	case *sdk.Button:
		x := *c
		return &x
	case *sdk.Table:
		x := *c
		x.Columns = slices.Clone(c.Columns)
		x.SelectedRows = slices.Clone(c.SelectedRows)
		x.SortedRows = slices.Clone(c.SortedRows)
		x.Rows = make([]sdk.Row, len(c.Rows))
		for i, r := range c.Rows {
			x.Rows[i] = sdk.Row{Cells: slices.Clone(r.Cells), Emphasis: r.Emphasis}
		}
		return &x
	case *sdk.Chart:
		return c.Clone()
	case *sdk.Container:
		x := *c
		x.Children = cloneAll(c.Children)
		return &x
	case *sdk.Slot:
		x := *c
		x.Children = cloneAll(c.Children)
		return &x
	case *sdk.Select:
		x := *c
		x.Options = slices.Clone(c.Options)
		x.Values = slices.Clone(c.Values)
		return &x
	case *sdk.Radio:
		x := *c
		x.Options = slices.Clone(c.Options)
		return &x
	case *sdk.Checklist:
		x := *c
		x.Options = slices.Clone(c.Options)
		x.Values = slices.Clone(c.Values)
		return &x
	}
	// A kind added to sdk later: shared, which is only a risk if a patch
	// changes it while a call reads it.
	return c
}
