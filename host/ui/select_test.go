package ui_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/ui"
	"github.com/openml-dash/openml-dash/internal/component"
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

// A long option list filters as the user types; Enter takes the first
// match. Short labels are never cut: the drop-down is as wide as its
// longest label.
func TestSelect_longListFiltersAsYouType(t *testing.T) {
	test.NewTempApp(t)
	rec := &recorder{}
	var opts []sdk.Option
	for _, n := range []string{"family", "product-type", "steel", "carbon", "hardness", "temper_rolling", "condition", "formability", "strength", "non-ageing", "surface-finish", "surface-quality", "enamelability", "bc", "bf", "class"} {
		opts = append(opts, sdk.Option{Label: n, Value: n})
	}
	s := &sdk.Select{ID: "target", Label: "Target", Options: opts, Values: []string{"class"}}
	r := ui.Render(s, rec.set, nil)
	w := show(t, r.Object, 600, 400)
	p := one[*ui.Picker](t, r.Object)
	assert.Equal(t, "class", p.Text())
	assert.GreaterOrEqual(t, p.Size().Width, fyne.MeasureText("surface-quality", theme.TextSize(), fyne.TextStyle{}).Width, "the longest label fits")

	filter, list := p.Open()
	require.NotNil(t, filter)
	assert.True(t, w.Canvas().Focused() == fyne.Focusable(filter), "the filter has the focus: typing filters at once")
	assert.Equal(t, len(opts), list.Length())
	test.Type(filter, "surf")
	assert.Equal(t, 2, list.Length())
	filter.OnSubmitted(filter.Text)
	assert.Equal(t, "surface-finish", p.Text())
	assert.Equal(t, []set{{sdk.Input("target", sdk.PropValue), sdk.StrValue("surface-finish")}}, rec.all())

	filter, _ = p.Open()
	assert.True(t, p.IsOpen())
	filter.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	assert.False(t, p.IsOpen(), "Escape closes the list")
	assert.Equal(t, "surface-finish", p.Text(), "and changes nothing")

	s.Values = []string{"steel"}
	r.Update(s)
	assert.Equal(t, "steel", p.Text())
	assert.Len(t, rec.all(), 1, "a change from the session is not sent back")
}

// A control the page disables is greyed out, and comes back when a
// callback enables it again.
func TestControls_disabled(t *testing.T) {
	test.NewTempApp(t)
	many := make([]sdk.Option, 20)
	for i := range many {
		many[i] = sdk.Option{Label: string(rune('a' + i)), Value: string(rune('a' + i))}
	}
	cases := map[string]sdk.Component{
		"select":      &sdk.Select{ID: "s", Options: features, Disabled: true},
		"long select": &sdk.Select{ID: "s", Options: many, Disabled: true},
		"multi":       &sdk.Select{ID: "s", Options: features, Multi: true, Disabled: true},
		"radio":       &sdk.Radio{ID: "s", Options: features, Disabled: true},
		"checklist":   &sdk.Checklist{ID: "s", Options: features, Disabled: true},
		"button":      &sdk.Button{ID: "s", Label: "Load more", Disabled: true},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			r := ui.Render(c, (&recorder{}).set, nil)
			show(t, r.Object, 400, 300)
			var ws []fyne.Disableable
			for _, o := range all[fyne.CanvasObject](r.Object) {
				if d, ok := o.(fyne.Disableable); ok {
					ws = append(ws, d)
				}
			}
			require.NotEmpty(t, ws)
			assert.True(t, ws[0].Disabled(), "greyed out")
			require.NoError(t, component.SetProp(c, sdk.PropDisabled, sdk.BoolValue(false)))
			require.True(t, r.Update(c))
			assert.False(t, ws[0].Disabled(), "enabled by the callback")
		})
	}
}

// A drop-down widens with the text size, so larger text cuts no label.
func TestSelect_widensWithTextSize(t *testing.T) {
	test.NewTempApp(t)
	s := &sdk.Select{ID: "y", Label: "Y", Options: sdk.Options("petal_count", "stem_length_cm"), Values: []string{"stem_length_cm"}}
	r := ui.Render(s, nil, nil)
	show(t, r.Object, 800, 200)
	before := r.Object.MinSize().Width
	test.ApplyTheme(t, bigText{theme.DefaultTheme()})
	assert.Greater(t, r.Object.MinSize().Width, before*1.3)
}

// bigText is the default theme with text half as large again.
type bigText struct{ fyne.Theme }

func (b bigText) Size(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameText {
		return b.Theme.Size(n) * 1.5
	}
	return b.Theme.Size(n)
}
