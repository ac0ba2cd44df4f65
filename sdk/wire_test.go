package sdk

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	pb "github.com/openml-dash/openml-dash/sdk/proto"
)

// Every control carries Disabled over the wire, and a callback can set it
// through PropDisabled.
func TestDisabled_survivesTheWireAndIsAProperty(t *testing.T) {
	t.Parallel()
	cases := map[string]Component{
		"select":    &Select{ID: "s", Options: Options("a"), Disabled: true},
		"radio":     &Radio{ID: "r", Options: Options("a"), Disabled: true},
		"checklist": &Checklist{ID: "c", Options: Options("a"), Disabled: true},
		"button":    &Button{ID: "b", Label: "Go", Disabled: true},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m, err := toprotoComponent(c)
			require.NoError(t, err)
			b, err := proto.Marshal(m)
			require.NoError(t, err)
			var back pb.Component
			require.NoError(t, proto.Unmarshal(b, &back))
			got := fromprotoComponent(&back)
			v, err := Prop(got, PropDisabled)
			require.NoError(t, err)
			assert.True(t, v.Bool(), "disabled came back")

			require.NoError(t, SetProp(got, PropDisabled, BoolValue(false)))
			v, _ = Prop(got, PropDisabled)
			assert.False(t, v.Bool())
			assert.Error(t, SetProp(got, PropDisabled, StrValue("yes")), "only a flag")
		})
	}
	_, err := Prop(&Text{}, PropDisabled)
	assert.Error(t, err, "text has no disabled property")
}

// A page's own notice travels with it; a page without one has none.
func TestPage_noticeSurvivesTheWire(t *testing.T) {
	t.Parallel()
	for name, n := range map[string]*Notice{
		"notice": {Level: Error, Summary: "The file could not be read", Detail: "line 3, column 1: expected @relation"},
		"nil":    nil,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m, err := toprotoPage(&Page{Title: "p", Notice: n})
			require.NoError(t, err)
			b, err := proto.Marshal(m)
			require.NoError(t, err)
			var back pb.Page
			require.NoError(t, proto.Unmarshal(b, &back))
			assert.Equal(t, n, fromprotoPage(&back).Notice)
		})
	}
}
