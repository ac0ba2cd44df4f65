package wire

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	"github.com/openml-dash/openml-dash/sdk"
	pb "github.com/openml-dash/openml-dash/sdk/proto"
)

// Every control carries Disabled over the wire.
func TestDisabled_survivesTheWire(t *testing.T) {
	t.Parallel()
	cases := map[string]sdk.Component{
		"select":    &sdk.Select{ID: "s", Options: sdk.Options("a"), Disabled: true},
		"radio":     &sdk.Radio{ID: "r", Options: sdk.Options("a"), Disabled: true},
		"checklist": &sdk.Checklist{ID: "c", Options: sdk.Options("a"), Disabled: true},
		"button":    &sdk.Button{ID: "b", Label: "Go", Disabled: true},
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
			assert.Equal(t, c, fromprotoComponent(&back), "disabled came back")
		})
	}
}

// A page's own notice travels with it; a page without one has none.
func TestPage_noticeSurvivesTheWire(t *testing.T) {
	t.Parallel()
	for name, n := range map[string]*sdk.Notice{
		"notice": {Level: sdk.Error, Summary: "The file could not be read", Detail: "line 3, column 1: expected @relation"},
		"nil":    nil,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m, err := toprotoPage(&sdk.Page{Title: "p", Notice: n})
			require.NoError(t, err)
			b, err := proto.Marshal(m)
			require.NoError(t, err)
			var back pb.Page
			require.NoError(t, proto.Unmarshal(b, &back))
			assert.Equal(t, n, fromprotoPage(&back).Notice)
		})
	}
}
