package session_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/session"
	"github.com/openml-dash/openml-dash/sdk"
)

// TestSession_validationProblemsDisablePart: a part whose layout or callback
// graph is invalid runs no callbacks, shows its problems as an error Notice
// at the top of its tabs, and leaves the other parts working (rule 1).
func TestSession_validationProblemsDisablePart(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		comps []sdk.Component
		cbs   []sdk.Callback
		want  []string
	}{
		"duplicate component id": {
			comps: []sdk.Component{sel("x"), &sdk.Container{Children: []sdk.Component{&sdk.Table{ID: "x"}}}, slot("out")},
			cbs:   []sdk.Callback{cb("a", []string{"x.value"}, []string{"out.children"})},
			want:  []string{`component id "x" is used by 2 components (Select, Table); give each component its own id`},
		},
		"output set by two callbacks": {
			comps: []sdk.Component{sel("feature"), sel("other"), slot("dist")},
			cbs: []sdk.Callback{
				cb("init", []string{"feature.value"}, []string{"dist.children"}),
				cb("hist", []string{"other.value"}, []string{"dist.children"}),
			},
			want: []string{`callback "hist": output "dist.children" is already set by callback "init"; give each output one callback`},
		},
		"output declared twice by one callback": {
			comps: []sdk.Component{sel("x"), slot("out")},
			cbs:   []sdk.Callback{cb("a", []string{"x.value"}, []string{"out.children", "out.children"})},
			want:  []string{`callback "a" declares output "out.children" twice`},
		},
		"unknown input id": {
			comps: []sdk.Component{slot("out")},
			cbs:   []sdk.Callback{cb("a", []string{"nope.value"}, []string{"out.children"})},
			want:  []string{`callback "a": input "nope.value" names no component: the page has no component with id "nope"`},
		},
		"unknown state id": {
			comps: []sdk.Component{sel("x"), slot("out")},
			cbs: []sdk.Callback{{ID: "a", Inputs: refs("x.value"), State: refs("gone.value"),
				Outputs: refs("out.children")}},
			want: []string{`callback "a": state "gone.value" names no component`},
		},
		"unknown output id": {
			comps: []sdk.Component{sel("x")},
			cbs:   []sdk.Callback{cb("a", []string{"x.value"}, []string{"plot.children"})},
			want:  []string{`callback "a": output "plot.children" names no component`},
		},
		"property the kind lacks": {
			comps: []sdk.Component{sel("x"), slot("out")},
			cbs:   []sdk.Callback{cb("a", []string{"x.children"}, []string{"out.children"})},
			want:  []string{`callback "a": input "x.children" names a property Select "x" does not have; it has "value"`},
		},
		"component with no properties": {
			comps: []sdk.Component{sel("x"), &sdk.Heading{ID: "h"}},
			cbs:   []sdk.Callback{cb("a", []string{"x.value"}, []string{"h.text"})},
			want:  []string{`callback "a": output "h.text" names a Heading, which has no properties callbacks can use`},
		},
		"no outputs": {
			comps: []sdk.Component{sel("x")},
			cbs:   []sdk.Callback{cb("a", []string{"x.value"}, nil)},
			want:  []string{`callback "a" has no outputs`},
		},
		"no inputs": {
			comps: []sdk.Component{slot("out")},
			cbs:   []sdk.Callback{cb("a", nil, []string{"out.children"})},
			want:  []string{`callback "a" has no inputs`},
		},
		"duplicate callback id": {
			comps: []sdk.Component{sel("x"), slot("o1"), slot("o2")},
			cbs: []sdk.Callback{
				cb("a", []string{"x.value"}, []string{"o1.children"}),
				cb("a", []string{"x.value"}, []string{"o2.children"}),
			},
			want: []string{`callback id "a" is declared twice`},
		},
		"callback without id": {
			comps: []sdk.Component{sel("x"), slot("out")},
			cbs:   []sdk.Callback{cb("", []string{"x.value"}, []string{"out.children"})},
			want:  []string{`callback #1 has no id`},
		},
		"output is its own input": {
			comps: []sdk.Component{sel("x")},
			cbs:   []sdk.Callback{cb("a", []string{"x.value"}, []string{"x.value"})},
			want:  []string{`circular dependency: callback "a" writes "x.value", an input of callback "a"; break the cycle`},
		},
		"two callbacks feed each other": {
			comps: []sdk.Component{sel("x"), sel("y")},
			cbs: []sdk.Callback{
				cb("a", []string{"x.value"}, []string{"y.value"}),
				cb("b", []string{"y.value"}, []string{"x.value"}),
			},
			want: []string{`circular dependency: callback "a" writes "y.value", an input of callback "b", which writes "x.value", an input of callback "a"`},
		},
		"longer cycle": {
			comps: []sdk.Component{sel("w"), sel("x"), sel("y"), sel("z"), sel("start")},
			cbs: []sdk.Callback{
				cb("entry", []string{"start.value"}, []string{"x.value"}),
				cb("b", []string{"y.value"}, []string{"z.value"}),
				cb("a", []string{"x.value", "w.value"}, []string{"y.value"}),
				cb("c", []string{"z.value"}, []string{"w.value"}),
			},
			want: []string{`circular dependency: callback "a" writes "y.value", an input of callback "b", which writes "z.value", an input of callback "c", which writes "w.value", an input of callback "a"`},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			bad, good := newFake(), newFake().on("ok", relay("!", "gout.value"))
			s := session.New(testRef, []session.Part{
				{Plugin: "good", Page: page([]sdk.Component{sel("gin", "a"), sel("gout")}, cb("ok", []string{"gin.value"}, []string{"gout.value"})), Caller: good},
				{Plugin: "bad", Page: page(tc.comps, tc.cbs...), Caller: bad},
			}, session.Options{})
			t.Cleanup(s.Close)

			probs := s.Problems()
			require.Len(t, probs, len(tc.want), "problems: %v", probs)
			for i, w := range tc.want {
				assert.Contains(t, probs[i].Error(), w)
				var p *session.Problem
				require.ErrorAs(t, probs[i], &p)
				assert.Equal(t, 1, p.Part)
				assert.Contains(t, p.Error(), `plugin "bad": `)
			}

			tabs := s.Tabs()
			require.Len(t, tabs, 2)
			assert.Equal(t, 1, tabs[1].Part)
			notice, ok := tabs[1].Tab.Children[0].(*sdk.Notice)
			require.True(t, ok, "first child of the bad part's tab is %T, want a Notice", tabs[1].Tab.Children[0])
			assert.Equal(t, sdk.Error, notice.Level)
			assert.Contains(t, notice.Summary, `Plugin "bad"`)
			for _, w := range tc.want {
				assert.Contains(t, notice.Detail, w)
			}
			assert.Len(t, tabs[1].Tab.Children, len(tc.comps)+1, "the layout stays below the notice")
			assert.NotContains(t, tabs[0].Tab.Children, notice)

			s.Start(t.Context())
			wait(t, s)
			assert.Empty(t, bad.calls(), "a part with problems runs no callbacks")
			assert.Equal(t, 1, good.count("ok"))
			assert.Equal(t, "a!", value(t, s, 0, "gout.value").Str())
		})
	}
}

// TestSession_validIdsIncludeSlotChildren: callbacks may name components
// inside a slot's or container's initial children.
func TestSession_validIdsIncludeSlotChildren(t *testing.T) {
	t.Parallel()
	f := newFake().on("a", relay("!", "out.value"))
	s := open(t, f, page([]sdk.Component{
		slot("holder", &sdk.Container{Children: []sdk.Component{sel("inner", "b")}}),
		sel("out"),
	}, cb("a", []string{"inner.value"}, []string{"out.value"})), session.Options{})
	assert.Empty(t, s.Problems())
	assert.Equal(t, "b!", value(t, s, 0, "out.value").Str())
}

// TestSession_problemPartWithoutTabsGetsOne: a part with problems and no tabs
// still shows its problems in a tab of its own.
func TestSession_problemPartWithoutTabsGetsOne(t *testing.T) {
	t.Parallel()
	pg := &sdk.Page{Callbacks: []sdk.Callback{cb("a", []string{"x.value"}, []string{"y.value"})}}
	s := session.New(testRef, []session.Part{{Plugin: "extra", Page: pg, Caller: newFake()}}, session.Options{})
	t.Cleanup(s.Close)
	require.Len(t, s.Problems(), 2)
	tabs := s.Tabs()
	require.Len(t, tabs, 1)
	require.Len(t, tabs[0].Tab.Children, 1)
	n, ok := tabs[0].Tab.Children[0].(*sdk.Notice)
	require.True(t, ok)
	assert.Contains(t, n.Detail, `input "x.value" names no component`)
}

// TestSession_nilComponentsAreSkipped: nil and typed-nil components in a
// layout do not panic validation or indexing.
func TestSession_nilComponentsAreSkipped(t *testing.T) {
	t.Parallel()
	var typedNil *sdk.Select
	f := newFake().on("a", relay("!", "out.value"))
	s := open(t, f, page([]sdk.Component{nil, typedNil, sel("x", "a"), sel("out")},
		cb("a", []string{"x.value"}, []string{"out.value"})), session.Options{})
	assert.Empty(t, s.Problems())
	assert.Equal(t, "a!", value(t, s, 0, "out.value").Str())
}
