// Package component is what the host does with a component by its type,
// in one place: read and write its properties (the values callbacks see
// and set), check a value's kind against the property, and copy it for
// reading without the session's lock. The twelve component types are
// sdk's; a type added there is added to each switch here, and the tests
// walk every type so that a forgotten one fails.
package component

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/openml-dash/openml-dash/sdk"
)

// Prop reads a component's property, the value callbacks see as an input
// or state.
func Prop(c sdk.Component, prop string) (sdk.Value, error) {
	if d := disabled(c); d != nil && prop == sdk.PropDisabled {
		return sdk.BoolValue(*d), nil
	}
	switch c := c.(type) {
	case *sdk.Select:
		if prop == sdk.PropValue {
			if c.Multi {
				return sdk.StrsValue(c.Values), nil
			}
			if len(c.Values) == 0 {
				return sdk.None, nil
			}
			return sdk.StrValue(c.Values[0]), nil
		}
	case *sdk.Radio:
		if prop == sdk.PropValue {
			if c.Value == "" {
				return sdk.None, nil
			}
			return sdk.StrValue(c.Value), nil
		}
	case *sdk.Checklist:
		if prop == sdk.PropValue {
			return sdk.StrsValue(c.Values), nil
		}
	case *sdk.Table:
		switch prop {
		case sdk.PropSelectedRows:
			return rowsValue(c.SelectedRows), nil
		case sdk.PropSortedRows:
			return rowsValue(c.SortedRows), nil
		}
	case *sdk.Button:
		if prop == sdk.PropNClicks {
			return sdk.IntValue(c.NClicks), nil
		}
	case *sdk.Chart:
		switch prop {
		case sdk.PropClickData:
			if c.Clicked == nil {
				return sdk.None, nil
			}
			return sdk.IntsValue(c.Clicked), nil
		case sdk.PropSelectedData:
			if c.Selected == nil {
				return sdk.None, nil
			}
			return sdk.IntsValue(c.Selected), nil
		}
	case *sdk.Slot:
		if prop == sdk.PropChildren {
			return sdk.ChildrenValue(c.Children...), nil
		}
	case *sdk.Container:
		if prop == sdk.PropChildren {
			return sdk.ChildrenValue(c.Children...), nil
		}
	}
	return sdk.None, fmt.Errorf("%s has no property %q", Describe(c), prop)
}

// Has reports whether c has the property prop.
func Has(c sdk.Component, prop string) bool {
	_, err := Prop(c, prop)
	return err == nil
}

// SetProp writes a component's property, as a callback output or a user's
// input does. A value of the wrong kind is refused with a message that
// says which kind the property takes. Slices are replaced, never written
// into, so a Clone taken earlier keeps what it saw.
func SetProp(c sdk.Component, prop string, v sdk.Value) error {
	if err := checkKind(c, prop, v); err != nil {
		return err
	}
	bad := func() error {
		return fmt.Errorf("cannot set %s.%s to %v", Describe(c), prop, v)
	}
	if d := disabled(c); d != nil && prop == sdk.PropDisabled {
		*d = v.Bool()
		return nil
	}
	switch c := c.(type) {
	case *sdk.Select:
		if prop == sdk.PropValue {
			c.Values = v.Strs()
			return nil
		}
	case *sdk.Radio:
		if prop == sdk.PropValue {
			c.Value = v.Str()
			return nil
		}
	case *sdk.Checklist:
		if prop == sdk.PropValue {
			c.Values = v.Strs()
			return nil
		}
	case *sdk.Table:
		switch prop {
		case sdk.PropSelectedRows:
			c.SelectedRows = rows(v)
			return nil
		case sdk.PropSortedRows:
			c.SortedRows = rows(v)
			return nil
		}
	case *sdk.Button:
		if prop == sdk.PropNClicks {
			c.NClicks = v.Int()
			return nil
		}
	case *sdk.Chart:
		p := v.Ints()
		switch prop {
		case sdk.PropClickData:
			if v.IsNone() || len(p) == 2 {
				c.Clicked = slices.Clone(p)
				return nil
			}
		case sdk.PropSelectedData:
			if v.IsNone() || len(p)%2 == 0 {
				c.Selected = slices.Clone(p)
				return nil
			}
		}
	case *sdk.Slot:
		if prop == sdk.PropChildren {
			c.Children = v.Children()
			return nil
		}
	case *sdk.Container:
		if prop == sdk.PropChildren {
			c.Children = v.Children()
			return nil
		}
	}
	return bad()
}

// checkKind refuses a value of the wrong kind for a property, which
// SetProp would otherwise turn into an empty value without a word. None
// (no value) is every property's empty value, and an empty list of any
// kind every list property's: a plugin in a language without typed lists
// (the Python SDK) cannot say which kind its empty list is, and sends an
// empty list of integers.
func checkKind(c sdk.Component, prop string, v sdk.Value) error {
	raw := v.Raw()
	if raw == nil {
		return nil
	}
	empty := false
	switch l := raw.(type) {
	case []int64:
		empty = len(l) == 0
	case []string:
		empty = len(l) == 0
	case []sdk.Component:
		empty = len(l) == 0
	}
	var want string
	ok := false
	switch prop {
	case sdk.PropValue:
		if _, radio := c.(*sdk.Radio); radio {
			want = "a string"
			_, ok = raw.(string)
		} else {
			want = "a string or a list of strings"
			switch raw.(type) {
			case string, []string:
				ok = true
			}
			ok = ok || empty
		}
	case sdk.PropSelectedRows, sdk.PropSortedRows:
		want = "a list of row numbers"
		_, ok = raw.([]int64)
		ok = ok || empty
	case sdk.PropClickData, sdk.PropSelectedData:
		want = "a list of (series, point) pairs"
		_, ok = raw.([]int64)
		ok = ok || empty
	case sdk.PropNClicks:
		want = "an integer"
		_, ok = raw.(int64)
	case sdk.PropDisabled:
		want = "true or false"
		_, ok = raw.(bool)
	case sdk.PropChildren:
		want = "a list of components"
		_, ok = raw.([]sdk.Component)
		ok = ok || empty
	default:
		return nil // SetProp names the missing property
	}
	if ok {
		return nil
	}
	return fmt.Errorf("%s.%s takes %s, not %s", Describe(c), prop, want, kindOfValue(raw))
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

// Clone copies c deep enough to be read, and its inputs written, while
// the original changes: its struct, its values and selections and,
// through containers and slots, its children. Table rows, options and
// chart series, the bulk of a page, are shared: they are read-only once
// a page is built (a patch replaces a component, never edits its rows).
func Clone(c sdk.Component) sdk.Component {
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
	case *sdk.Radio:
		x := *c
		return &x
	case *sdk.Chart:
		x := *c
		x.Clicked, x.Selected = slices.Clone(c.Clicked), slices.Clone(c.Selected)
		return &x
	case *sdk.Table:
		x := *c
		x.SelectedRows, x.SortedRows = slices.Clone(c.SelectedRows), slices.Clone(c.SortedRows)
		return &x
	case *sdk.Select:
		x := *c
		x.Values = slices.Clone(c.Values)
		return &x
	case *sdk.Checklist:
		x := *c
		x.Values = slices.Clone(c.Values)
		return &x
	case *sdk.Container:
		x := *c
		x.Children = CloneAll(c.Children)
		return &x
	case *sdk.Slot:
		x := *c
		x.Children = CloneAll(c.Children)
		return &x
	}
	// A type added to sdk later and not here: shared, which is only a
	// risk if a patch changes it while a call reads it (the tests catch it).
	return c
}

// CloneAll clones each component of cs, leaving out nil ones.
func CloneAll(cs []sdk.Component) []sdk.Component {
	if cs == nil {
		return nil
	}
	out := make([]sdk.Component, 0, len(cs))
	for _, c := range cs {
		if !IsNil(c) {
			out = append(out, Clone(c))
		}
	}
	return out
}

// IsNil reports a nil component, including a typed nil pointer, which
// would panic on ComponentID.
func IsNil(c sdk.Component) bool {
	if c == nil {
		return true
	}
	v := reflect.ValueOf(c)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// Describe names a component for messages: its type and id.
func Describe(c sdk.Component) string {
	name := TypeName(c)
	if id := c.ComponentID(); id != "" {
		return fmt.Sprintf("%s %q", name, id)
	}
	return name
}

// TypeName is the component's type without the package: "Select".
func TypeName(c sdk.Component) string {
	return strings.TrimPrefix(fmt.Sprintf("%T", c), "*sdk.")
}

// disabled is the Disabled flag of a control PropDisabled greys out, or
// nil for a component that has none.
func disabled(c sdk.Component) *bool {
	switch c := c.(type) {
	case *sdk.Select:
		return &c.Disabled
	case *sdk.Radio:
		return &c.Disabled
	case *sdk.Checklist:
		return &c.Disabled
	case *sdk.Button:
		return &c.Disabled
	}
	return nil
}

func rowsValue(rows []int) sdk.Value {
	out := make([]int64, len(rows))
	for i, r := range rows {
		out[i] = int64(r)
	}
	return sdk.IntsValue(out)
}

// rows is a value's row numbers as a new slice.
func rows(v sdk.Value) []int {
	var out []int
	for _, r := range v.Ints() {
		out = append(out, int(r))
	}
	return out
}
