package component_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/internal/component"
	"github.com/openml-dash/openml-dash/sdk"
)

// every is one component of each of sdk's twelve types, with the
// properties callbacks use, and a value each property can be set to.
func every() map[sdk.Component]map[string]sdk.Value {
	return map[sdk.Component]map[string]sdk.Value{
		&sdk.Heading{ID: "h"}: nil,
		&sdk.Text{ID: "t"}:    nil,
		&sdk.Notice{ID: "n"}:  nil,
		&sdk.Link{ID: "l"}:    nil,
		&sdk.Select{ID: "s", Options: sdk.Options("a", "b"), Values: []string{"a"}}: {
			sdk.PropValue: sdk.StrValue("b"), sdk.PropDisabled: sdk.BoolValue(true)},
		&sdk.Radio{ID: "r", Options: sdk.Options("a", "b"), Value: "a"}: {
			sdk.PropValue: sdk.StrValue("b"), sdk.PropDisabled: sdk.BoolValue(true)},
		&sdk.Checklist{ID: "c", Options: sdk.Options("a", "b"), Values: []string{"a"}}: {
			sdk.PropValue: sdk.StrsValue([]string{"a", "b"}), sdk.PropDisabled: sdk.BoolValue(true)},
		&sdk.Button{ID: "b", Label: "Go"}: {
			sdk.PropNClicks: sdk.IntValue(3), sdk.PropDisabled: sdk.BoolValue(true)},
		&sdk.Table{ID: "tb", Rows: make([]sdk.Row, 3), SelectedRows: []int{0}, SortedRows: []int{2, 1, 0}}: {
			sdk.PropSelectedRows: sdk.IntsValue([]int64{1, 2}), sdk.PropSortedRows: sdk.IntsValue([]int64{0, 1, 2})},
		&sdk.Chart{ID: "ch", Kind: sdk.ChartScatter, Clicked: []int64{0, 1}, Selected: []int64{0, 1}}: {
			sdk.PropClickData: sdk.IntsValue([]int64{0, 2}), sdk.PropSelectedData: sdk.IntsValue([]int64{0, 3, 0, 4})},
		&sdk.Container{ID: "co", Children: []sdk.Component{&sdk.Text{ID: "in"}}}: {
			sdk.PropChildren: sdk.ChildrenValue(&sdk.Heading{ID: "new"})},
		&sdk.Slot{ID: "sl", Children: []sdk.Component{&sdk.Text{ID: "in"}}}: {
			sdk.PropChildren: sdk.ChildrenValue(&sdk.Heading{ID: "new"})},
	}
}

// A clone of any type keeps what it saw when the original's properties
// are set afterwards: what a plugin call or a widget reads without the
// session's lock.
func TestClone_keepsWhatItSaw(t *testing.T) {
	t.Parallel()
	cases := every()
	require.Len(t, cases, 12, "one of each component type")
	for c, props := range cases {
		t.Run(component.Describe(c), func(t *testing.T) {
			cp := component.Clone(c)
			require.Equal(t, c, cp)
			require.NotSame(t, c, cp, "a copy, not the original")
			before := map[string]sdk.Value{}
			for prop := range props {
				v, err := component.Prop(cp, prop)
				require.NoError(t, err)
				before[prop] = v
			}
			for prop, v := range props {
				require.NoError(t, component.SetProp(c, prop, v))
				got, err := component.Prop(c, prop)
				require.NoError(t, err)
				if prop != sdk.PropChildren {
					assert.True(t, got.Equal(v), "%s reads back as set: %v, not %v", prop, got, v)
				}
			}
			for prop, v := range before {
				got, err := component.Prop(cp, prop)
				require.NoError(t, err)
				if prop == sdk.PropChildren { // components are compared by identity
					assert.Equal(t, ids(v.Children()), ids(got.Children()), "the clone keeps its children")
					continue
				}
				assert.True(t, got.Equal(v), "the clone's %s is still %v, not %v", prop, v, got)
			}
		})
	}
}

func ids(cs []sdk.Component) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ComponentID()
	}
	return out
}

func TestCloneAll_dropsNils(t *testing.T) {
	t.Parallel()
	var typedNil *sdk.Text
	got := component.CloneAll([]sdk.Component{nil, typedNil, &sdk.Text{ID: "a"}})
	require.Len(t, got, 1)
	assert.Equal(t, "a", got[0].ComponentID())
	assert.Nil(t, component.CloneAll(nil))
}

// A value of the wrong kind is refused with what the property takes,
// rather than turned into an empty value.
func TestSetProp_refusesTheWrongKind(t *testing.T) {
	t.Parallel()
	cases := []struct {
		c    sdk.Component
		prop string
		v    sdk.Value
		want string
	}{
		{&sdk.Radio{ID: "r"}, sdk.PropValue, sdk.StrsValue([]string{"a"}), `Radio "r".value takes a string, not a list of strings`},
		{&sdk.Select{ID: "s"}, sdk.PropValue, sdk.IntValue(1), `Select "s".value takes a string or a list of strings, not an integer`},
		{&sdk.Table{ID: "t"}, sdk.PropSortedRows, sdk.StrValue("x"), `Table "t".sorted_rows takes a list of row numbers, not a string`},
		{&sdk.Button{ID: "b"}, sdk.PropNClicks, sdk.NumValue(1.5), `Button "b".n_clicks takes an integer, not a number`},
		{&sdk.Button{ID: "b"}, sdk.PropDisabled, sdk.StrValue("yes"), `Button "b".disabled takes true or false, not a string`},
		{&sdk.Slot{ID: "s"}, sdk.PropChildren, sdk.StrValue("x"), `Slot "s".children takes a list of components, not a string`},
		{&sdk.Chart{ID: "c"}, sdk.PropClickData, sdk.IntsValue([]int64{1}), `cannot set Chart "c".click_data to [1]`},
		{&sdk.Chart{ID: "c"}, sdk.PropSelectedData, sdk.IntsValue([]int64{1, 2, 3}), `cannot set Chart "c".selected_data to [1 2 3]`},
		{&sdk.Text{ID: "x"}, sdk.PropDisabled, sdk.BoolValue(true), `cannot set Text "x".disabled to true`},
	}
	for _, tc := range cases {
		assert.EqualError(t, component.SetProp(tc.c, tc.prop, tc.v), tc.want)
	}
	_, err := component.Prop(&sdk.Text{ID: "x"}, sdk.PropDisabled)
	assert.EqualError(t, err, `Text "x" has no property "disabled"`)
}

// No value is every property's empty value: no click, no selection, no
// order.
func TestSetProp_noneEmpties(t *testing.T) {
	t.Parallel()
	c := &sdk.Chart{ID: "c", Clicked: []int64{1, 2}, Selected: []int64{1, 2}}
	require.NoError(t, component.SetProp(c, sdk.PropClickData, sdk.None))
	require.NoError(t, component.SetProp(c, sdk.PropSelectedData, sdk.None))
	assert.Nil(t, c.Clicked)
	assert.Nil(t, c.Selected)
	v, err := component.Prop(c, sdk.PropClickData)
	require.NoError(t, err)
	assert.True(t, v.IsNone())

	require.NoError(t, component.SetProp(c, sdk.PropSelectedData, sdk.IntsValue([]int64{})), "an empty selection")
	assert.NotNil(t, c.Selected)

	tbl := &sdk.Table{ID: "t", SortedRows: []int{1, 0}}
	require.NoError(t, component.SetProp(tbl, sdk.PropSortedRows, sdk.None))
	assert.Empty(t, tbl.SortedRows)
	r := &sdk.Radio{ID: "r", Value: "a"}
	require.NoError(t, component.SetProp(r, sdk.PropValue, sdk.None))
	v, err = component.Prop(r, sdk.PropValue)
	require.NoError(t, err)
	assert.True(t, v.IsNone())
}

// An empty list of any kind is every list property's empty value: the
// Python SDK sends [] as an empty list of integers, not knowing its kind.
// A scalar property still refuses it.
func TestSetProp_anEmptyListEmptiesAnyList(t *testing.T) {
	t.Parallel()
	noInts := sdk.IntsValue([]int64{})
	slot := &sdk.Slot{ID: "s", Children: []sdk.Component{&sdk.Text{Markdown: "old"}}}
	require.NoError(t, component.SetProp(slot, sdk.PropChildren, noInts))
	assert.Empty(t, slot.Children)
	sel := &sdk.Select{ID: "m", Values: []string{"a"}}
	require.NoError(t, component.SetProp(sel, sdk.PropValue, noInts))
	assert.Empty(t, sel.Values)
	tbl := &sdk.Table{ID: "t", SelectedRows: []int{2}}
	require.NoError(t, component.SetProp(tbl, sdk.PropSelectedRows, sdk.StrsValue(nil)))
	assert.Empty(t, tbl.SelectedRows)

	assert.EqualError(t, component.SetProp(&sdk.Button{ID: "b"}, sdk.PropNClicks, noInts), `Button "b".n_clicks takes an integer, not a list of integers`)
	assert.EqualError(t, component.SetProp(&sdk.Radio{ID: "r"}, sdk.PropValue, noInts), `Radio "r".value takes a string, not a list of integers`)
	assert.EqualError(t, component.SetProp(slot, sdk.PropChildren, sdk.IntsValue([]int64{1})), `Slot "s".children takes a list of components, not a list of integers`)
}

// A single select reads as its one value, a multiple one as a list.
func TestProp_selectValue(t *testing.T) {
	t.Parallel()
	v, err := component.Prop(&sdk.Select{ID: "s", Values: []string{"a"}}, sdk.PropValue)
	require.NoError(t, err)
	assert.Equal(t, "a", v.Raw())
	v, err = component.Prop(&sdk.Select{ID: "s", Multi: true, Values: []string{"a"}}, sdk.PropValue)
	require.NoError(t, err)
	assert.Equal(t, []string{"a"}, v.Raw())
	v, err = component.Prop(&sdk.Select{ID: "s"}, sdk.PropValue)
	require.NoError(t, err)
	assert.True(t, v.IsNone())
}

// Children are cloned too: setting a property of a component inside a
// slot leaves the slot's clone as it was.
func TestClone_children(t *testing.T) {
	t.Parallel()
	inner := &sdk.Select{ID: "s", Values: []string{"a"}}
	slot := &sdk.Slot{ID: "sl", Children: []sdk.Component{&sdk.Container{ID: "co", Children: []sdk.Component{inner}}}}
	cp := component.Clone(slot).(*sdk.Slot)
	require.NoError(t, component.SetProp(inner, sdk.PropValue, sdk.StrValue("b")))
	v, err := component.Prop(cp.Children[0].(*sdk.Container).Children[0], sdk.PropValue)
	require.NoError(t, err)
	assert.Equal(t, "a", v.Str())
}
