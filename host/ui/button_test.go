package ui_test

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"

	"github.com/openml-dash/openml-dash/host/ui"
	"github.com/openml-dash/openml-dash/sdk"
)

func TestButton_countsClicks(t *testing.T) {
	test.NewTempApp(t)
	rec := &recorder{}
	b := &sdk.Button{ID: "go", Label: "Compare", NClicks: 3}
	r := ui.Render(b, rec.set, nil)
	btn, ok := r.Object.(*widget.Button)
	if !assert.True(t, ok, "got %T", r.Object) {
		return
	}
	assert.Equal(t, "Compare", btn.Text)
	test.Tap(btn)
	test.Tap(btn)
	ref := sdk.Input("go", sdk.PropNClicks)
	assert.Equal(t, []set{{ref, sdk.IntValue(4)}, {ref, sdk.IntValue(5)}}, rec.all(), "clicks count on from the page's n_clicks")

	b.NClicks = 0 // a callback reset it
	r.Update(b)
	test.Tap(btn)
	assert.Equal(t, set{ref, sdk.IntValue(1)}, rec.all()[2])
}
