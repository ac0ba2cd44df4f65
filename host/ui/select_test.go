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

var features = []sdk.Option{
	{Label: "Sepal length", Value: "sepallength"},
	{Label: "Petal width", Value: "petalwidth"},
	{Label: "Class", Value: "class"},
}

func TestSelect_single(t *testing.T) {
	test.NewTempApp(t)
	rec := &recorder{}
	s := &sdk.Select{ID: "feature", Label: "Feature", Options: features, Values: []string{"class"}}
	r := ui.Render(s, rec.set, nil)
	show(t, r.Object, 400, 100)
	drop := one[*widget.Select](t, r.Object)
	assert.Equal(t, []string{"Sepal length", "Petal width", "Class"}, drop.Options, "labels show")
	assert.Equal(t, "Class", drop.Selected, "the initial value shows without a Set")
	assert.Contains(t, texts(r.Object), "Feature")
	assert.Empty(t, rec.all())

	drop.SetSelected("Petal width") // as the user's pick does
	assert.Equal(t, []set{{sdk.Input("feature", sdk.PropValue), sdk.StrValue("petalwidth")}}, rec.all(), "the value, not the label, goes to the session")

	s.Values = []string{"sepallength"}
	require.True(t, r.Update(s))
	assert.Equal(t, "Sepal length", drop.Selected)
	assert.Len(t, rec.all(), 1, "a change from the session is not sent back")

	s.Values = nil
	r.Update(s)
	assert.Equal(t, "", drop.Selected)
	assert.Len(t, rec.all(), 1)
}

func TestSelect_multi(t *testing.T) {
	test.NewTempApp(t)
	rec := &recorder{}
	s := &sdk.Select{ID: "cols", Options: features, Multi: true, Values: []string{"class"}}
	r := ui.Render(s, rec.set, nil)
	show(t, r.Object, 400, 200)
	group := one[*widget.CheckGroup](t, r.Object)
	assert.Equal(t, []string{"Class"}, group.Selected)

	group.SetSelected([]string{"Class", "Sepal length"})
	require.Len(t, rec.all(), 1)
	got := rec.all()[0]
	assert.Equal(t, sdk.Input("cols", sdk.PropValue), got.Ref)
	assert.ElementsMatch(t, []string{"class", "sepallength"}, got.Value.Strs())

	s.Values = []string{"petalwidth"}
	r.Update(s)
	assert.Equal(t, []string{"Petal width"}, group.Selected)
	assert.Len(t, rec.all(), 1, "a change from the session is not sent back")
}

func TestSelect_manyOptionsScroll(t *testing.T) {
	test.NewTempApp(t)
	var opts []sdk.Option
	for i := range 40 {
		opts = append(opts, sdk.Option{Value: string(rune('a'+i%26)) + string(rune('a'+i/26))})
	}
	r := ui.Render(&sdk.Checklist{ID: "many", Options: opts}, nil, nil)
	few := ui.Render(&sdk.Checklist{ID: "few", Options: opts[:8]}, nil, nil)
	assert.Less(t, r.Object.MinSize().Height, few.Object.MinSize().Height*2, "40 check boxes take about the room of 8 and scroll")
}

func TestSelect_withoutIDSendsNothing(t *testing.T) {
	test.NewTempApp(t)
	rec := &recorder{}
	r := ui.Render(&sdk.Select{Options: features}, rec.set, nil)
	show(t, r.Object, 400, 100)
	one[*widget.Select](t, r.Object).SetSelected("Class")
	assert.Empty(t, rec.all(), "no callback can read a component without an id")
}
