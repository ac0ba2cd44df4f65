package ui_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/ui"
	"github.com/openml-dash/openml-dash/sdk"
)

func TestLink_tapOpensRef(t *testing.T) {
	test.NewTempApp(t)
	var opened []sdk.EntityRef
	target := ref(sdk.KindTask, 59)
	r := ui.Render(&sdk.Link{Text: "Task 59", Ref: target}, nil, func(r sdk.EntityRef) { opened = append(opened, r) })
	h, ok := r.Object.(*widget.Hyperlink)
	require.True(t, ok, "a link is a hyperlink, got %T", r.Object)
	show(t, h, 200, 50)
	assert.Equal(t, "Task 59", h.Text)
	test.TapAt(h, fyne.NewPos(12, h.Size().Height/2)) // on the text
	assert.Equal(t, []sdk.EntityRef{target}, opened)
}

func TestLink_withoutTextShowsRef(t *testing.T) {
	test.NewTempApp(t)
	r := ui.Render(&sdk.Link{Ref: ref(sdk.KindFlow, 5270)}, nil, nil)
	assert.Equal(t, "f/5270", r.Object.(*widget.Hyperlink).Text)
	test.Tap(r.Object.(*widget.Hyperlink)) // inert without an opener: no panic, no browser
}
