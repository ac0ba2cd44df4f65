package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/session"
	"github.com/openml-dash/openml-dash/sdk"
)

// A part that arrived before the page was drawn is drawn with it; the
// report of its arrival, handled later, must not add its tabs again.
func TestPageView_arrivalAlreadyShown(t *testing.T) {
	test.NewTempApp(t)
	tab := func(id string) *sdk.Page {
		return &sdk.Page{Tabs: []sdk.Tab{{ID: id, Title: id, Children: []sdk.Component{&sdk.Text{Markdown: id}}}}}
	}
	s := session.New(sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindData, ID: 1}, []session.Part{
		{Plugin: "core", Page: tab("core")},
		{Plugin: "late", Pending: true},
	}, session.Options{})
	t.Cleanup(s.Close)
	require.NoError(t, s.Arrive(1, tab("late"), nil))
	v := newPageView(s, nil, nil)
	require.Len(t, v.tabs.Items, 2)
	v.apply(session.Change{Part: 1, Arrived: true})
	assert.Len(t, v.tabs.Items, 2)
	assert.Len(t, v.states, 2)
	assert.Equal(t, []int{0, 1}, []int{v.states[0].part, v.states[1].part})
}
