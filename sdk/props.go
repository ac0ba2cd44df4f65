package sdk

import (
	"fmt"
	"slices"
)

// Prop reads a component's property, the value callbacks see as an input or
// state. It is used by the host and by test harnesses; plugins read
// properties from CallbackRequest instead.
func Prop(c Component, prop string) (Value, error) {
	if d, ok := c.(disabler); ok && prop == PropDisabled {
		return BoolValue(*d.disabledFlag()), nil
	}
	switch c := c.(type) {
	case *Select:
		if prop == PropValue {
			if c.Multi {
				return StrsValue(c.Values), nil
			}
			if len(c.Values) == 0 {
				return None, nil
			}
			return StrValue(c.Values[0]), nil
		}
	case *Radio:
		if prop == PropValue {
			if c.Value == "" {
				return None, nil
			}
			return StrValue(c.Value), nil
		}
	case *Checklist:
		if prop == PropValue {
			return StrsValue(c.Values), nil
		}
	case *Table:
		switch prop {
		case PropSelectedRows:
			return rowsValue(c.SelectedRows), nil
		case PropSortedRows:
			return rowsValue(c.SortedRows), nil
		}
	case *Button:
		if prop == PropNClicks {
			return IntValue(c.NClicks), nil
		}
	case *Chart:
		if prop == PropClickData {
			if c.Clicked == nil {
				return None, nil
			}
			return IntsValue(c.Clicked), nil
		}
		if prop == PropSelectedData {
			if c.Selected == nil {
				return None, nil
			}
			return IntsValue(c.Selected), nil
		}
	case *Slot:
		if prop == PropChildren {
			return ChildrenValue(c.Children...), nil
		}
	case *Container:
		if prop == PropChildren {
			return ChildrenValue(c.Children...), nil
		}
	}
	return None, fmt.Errorf("%s has no property %q", describe(c), prop)
}

// SetProp writes a component's property in place, as a callback output or a
// user's input does.
func SetProp(c Component, prop string, v Value) error {
	bad := func() error {
		return fmt.Errorf("cannot set %s.%s to %v", describe(c), prop, v)
	}
	if d, ok := c.(disabler); ok && prop == PropDisabled {
		b, ok := v.v.(bool)
		if !ok && !v.IsNone() {
			return bad()
		}
		*d.disabledFlag() = b
		return nil
	}
	switch c := c.(type) {
	case *Select:
		if prop == PropValue {
			c.Values = v.Strs()
			return nil
		}
	case *Radio:
		if prop == PropValue {
			c.Value = v.Str()
			return nil
		}
	case *Checklist:
		if prop == PropValue {
			c.Values = v.Strs()
			return nil
		}
	case *Table:
		var rows *[]int
		switch prop {
		case PropSelectedRows:
			rows = &c.SelectedRows
		case PropSortedRows:
			rows = &c.SortedRows
		}
		if rows != nil {
			if !v.IsNone() && v.Ints() == nil {
				return bad()
			}
			*rows = (*rows)[:0]
			for _, r := range v.Ints() {
				*rows = append(*rows, int(r))
			}
			return nil
		}
	case *Button:
		if prop == PropNClicks {
			c.NClicks = v.Int()
			return nil
		}
	case *Chart:
		if prop == PropClickData {
			switch p := v.Ints(); {
			case v.IsNone():
				c.Clicked = nil
			case len(p) == 2:
				c.Clicked = slices.Clone(p)
			default:
				return bad()
			}
			return nil
		}
		if prop == PropSelectedData {
			switch p := v.Ints(); {
			case v.IsNone():
				c.Selected = nil
			case p != nil && len(p)%2 == 0:
				c.Selected = slices.Clone(p)
			default:
				return bad()
			}
			return nil
		}
	case *Slot:
		if prop == PropChildren {
			c.Children = v.Children()
			return nil
		}
	case *Container:
		if prop == PropChildren {
			c.Children = v.Children()
			return nil
		}
	}
	return bad()
}

// Children returns the components directly inside c.
func Children(c Component) []Component {
	switch c := c.(type) {
	case *Container:
		return c.Children
	case *Slot:
		return c.Children
	}
	return nil
}

// Walk calls fn for each component in cs and inside them, depth first,
// parents before children; fn returning false skips a component's children.
func Walk(cs []Component, fn func(Component) bool) {
	for _, c := range cs {
		if c == nil {
			continue
		}
		if fn(c) {
			Walk(Children(c), fn)
		}
	}
}

func describe(c Component) string {
	name := fmt.Sprintf("%T", c)
	if len(name) > 5 && name[:5] == "*sdk." {
		name = name[5:]
	}
	if id := c.ComponentID(); id != "" {
		return fmt.Sprintf("%s %q", name, id)
	}
	return name
}

// disabler is a control that PropDisabled greys out.
type disabler interface{ disabledFlag() *bool }

func (c *Select) disabledFlag() *bool    { return &c.Disabled }
func (c *Radio) disabledFlag() *bool     { return &c.Disabled }
func (c *Checklist) disabledFlag() *bool { return &c.Disabled }
func (c *Button) disabledFlag() *bool    { return &c.Disabled }

// rowsValue is a list of row numbers as a Value.
func rowsValue(rows []int) Value {
	out := make([]int64, len(rows))
	for i, r := range rows {
		out[i] = int64(r)
	}
	return IntsValue(out)
}
