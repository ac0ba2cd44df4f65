package ui_test

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"

	"github.com/openml-dash/openml-dash/host/ui"
	"github.com/openml-dash/openml-dash/sdk"
)

func TestRadio(t *testing.T) {
	test.NewTempApp(t)
	rec := &recorder{}
	r0 := &sdk.Radio{ID: "scale", Label: "Scale", Options: []sdk.Option{{Label: "Linear", Value: "lin"}, {Label: "Log", Value: "log"}}, Value: "lin"}
	r := ui.Render(r0, rec.set, nil)
	show(t, r.Object, 400, 100)
	group := one[*widget.RadioGroup](t, r.Object)
	assert.Equal(t, "Linear", group.Selected)
	assert.True(t, group.Horizontal, "two options fit on a line")
	assert.Contains(t, texts(r.Object), "Scale")

	group.SetSelected("Log")
	assert.Equal(t, []set{{sdk.Input("scale", sdk.PropValue), sdk.StrValue("log")}}, rec.all())

	r0.Value = "lin"
	r.Update(r0)
	assert.Equal(t, "Linear", group.Selected)
	assert.Len(t, rec.all(), 1, "a change from the session is not sent back")

	group.SetSelected("")
	assert.Equal(t, set{sdk.Input("scale", sdk.PropValue), sdk.None}, rec.all()[1], "clearing the choice sends None")
}
