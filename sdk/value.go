package sdk

import (
	"fmt"
	"slices"
)

// Properties of components that callbacks read and write.
const (
	PropValue        = "value"         // Select, Radio, Checklist
	PropSelectedRows = "selected_rows" // Table
	PropSortedRows   = "sorted_rows"   // Table: rows in the order shown, empty while unsorted
	PropNClicks      = "n_clicks"      // Button
	PropChildren     = "children"      // Slot, Container
	// PropDisabled greys a control out (Bool): a callback that finds what
	// the control drives unavailable outputs it, as Dash's disabled.
	PropDisabled = "disabled" // Select, Radio, Checklist, Button
	// PropClickData is the point of a Chart the user clicked last, as
	// [series, index] (Ints; for bars the index is the category's), or None
	// before any click: Dash's clickData, for cross-filtering.
	PropClickData = "click_data" // Chart
	// PropSelectedData is the points of a Chart the user box-selected
	// last, flattened as [series, index, series, index, …] (Ints), or None:
	// Dash's selectedData. Scatter and line points can be selected.
	PropSelectedData = "selected_data" // Chart
)

// Value is a property value: none, a string, a list of strings, an integer,
// a list of integers, a number, a flag, or a list of components.
type Value struct {
	v any
}

// None is the absent value.
var None = Value{}

// StrValue is a string value, e.g. a Radio's choice.
func StrValue(s string) Value { return Value{s} }

// StrsValue is a list of strings, e.g. a Checklist's checked values.
func StrsValue(ss []string) Value { return Value{slices.Clone(nonNil(ss))} }

// IntValue is an integer, e.g. a Button's click count.
func IntValue(i int64) Value { return Value{i} }

// IntsValue is a list of integers, e.g. a Table's selected rows.
func IntsValue(is []int64) Value { return Value{slices.Clone(nonNil(is))} }

// NumValue is a number.
func NumValue(f float64) Value { return Value{f} }

// BoolValue is a flag.
func BoolValue(b bool) Value { return Value{b} }

// ChildrenValue is a list of components, e.g. a Slot's new contents.
func ChildrenValue(cs ...Component) Value { return Value{nonNil(cs)} }

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// IsNone reports whether the value is absent.
func (v Value) IsNone() bool { return v.v == nil }

// Str is the string value, or "" for any other kind.
func (v Value) Str() string { s, _ := v.v.(string); return s }

// Strs is the list of strings; a single string becomes a list of one.
func (v Value) Strs() []string {
	switch x := v.v.(type) {
	case []string:
		return x
	case string:
		return []string{x}
	}
	return nil
}

// Int is the integer value, or 0.
func (v Value) Int() int64 { i, _ := v.v.(int64); return i }

// Ints is the list of integers.
func (v Value) Ints() []int64 { is, _ := v.v.([]int64); return is }

// Num is the number value; integers convert.
func (v Value) Num() float64 {
	switch x := v.v.(type) {
	case float64:
		return x
	case int64:
		return float64(x)
	}
	return 0
}

// Bool is the flag value, or false.
func (v Value) Bool() bool { b, _ := v.v.(bool); return b }

// Children is the list of components, or nil.
func (v Value) Children() []Component { cs, _ := v.v.([]Component); return cs }

// Raw is the value as a plain Go value (nil, string, []string, int64,
// []int64, float64, bool or []Component), e.g. for JSON.
func (v Value) Raw() any { return v.v }

// Equal compares two values; component lists are never equal, since
// replacing children always counts as a change.
func (v Value) Equal(o Value) bool {
	switch x := v.v.(type) {
	case []string:
		y, ok := o.v.([]string)
		return ok && slices.Equal(x, y)
	case []int64:
		y, ok := o.v.([]int64)
		return ok && slices.Equal(x, y)
	case []Component:
		return false
	}
	return v.v == o.v
}

func (v Value) String() string {
	if v.v == nil {
		return "None"
	}
	if cs, ok := v.v.([]Component); ok {
		return fmt.Sprintf("[%d components]", len(cs))
	}
	return fmt.Sprint(v.v)
}
