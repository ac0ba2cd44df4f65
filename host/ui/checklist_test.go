package ui_test

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/ui"
	"github.com/openml-dash/openml-dash/sdk"
)

func TestChecklist(t *testing.T) {
	test.NewTempApp(t)
	rec := &recorder{}
	c := &sdk.Checklist{ID: "show", Label: "Show", Options: sdk.Options("mean", "median", "max"), Values: []string{"mean"}}
	r := ui.Render(c, rec.set, nil)
	show(t, r.Object, 400, 200)
	group := one[*widget.CheckGroup](t, r.Object)
	assert.Equal(t, []string{"mean"}, group.Selected)

	checks := all[*widget.Check](r.Object)
	require.Len(t, checks, 3)
	test.Tap(checks[2]) // the user ticks "max"
	require.Len(t, rec.all(), 1)
	assert.Equal(t, sdk.Input("show", sdk.PropValue), rec.all()[0].Ref)
	assert.ElementsMatch(t, []string{"mean", "max"}, rec.all()[0].Value.Strs())

	c.Values = []string{"median"}
	r.Update(c)
	assert.Equal(t, []string{"median"}, group.Selected)
	assert.Len(t, rec.all(), 1, "a change from the session is not sent back")
}
