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

func TestContainer_directions(t *testing.T) {
	test.NewTempApp(t)
	kids := func() []sdk.Component {
		var cs []sdk.Component
		for _, s := range []string{"a", "b", "c", "d"} {
			cs = append(cs, &sdk.Text{Markdown: s})
		}
		return cs
	}
	type pos struct{ x, y float32 }
	cases := map[string]struct {
		c     *sdk.Container
		check func(t *testing.T, p []pos)
	}{
		"column stacks": {&sdk.Container{Direction: sdk.ColumnDirection, Children: kids()}, func(t *testing.T, p []pos) {
			for i := 1; i < len(p); i++ {
				assert.Equal(t, p[0].x, p[i].x)
				assert.Greater(t, p[i].y, p[i-1].y)
			}
		}},
		"row lines up": {&sdk.Container{Direction: sdk.RowDirection, Children: kids()}, func(t *testing.T, p []pos) {
			for i := 1; i < len(p); i++ {
				assert.Equal(t, p[0].y, p[i].y)
				assert.Greater(t, p[i].x, p[i-1].x)
			}
		}},
		"grid of 2": {&sdk.Container{Direction: sdk.GridDirection, GridColumns: 2, Children: kids()}, func(t *testing.T, p []pos) {
			assert.Equal(t, p[0].y, p[1].y)
			assert.Greater(t, p[2].y, p[0].y)
			assert.Equal(t, p[0].x, p[2].x)
			assert.Equal(t, p[1].x, p[3].x)
		}},
		"grid without columns uses 2": {&sdk.Container{Direction: sdk.GridDirection, Children: kids()}, func(t *testing.T, p []pos) {
			assert.Equal(t, p[0].y, p[1].y)
			assert.Greater(t, p[2].y, p[0].y)
		}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			r := ui.Render(tc.c, nil, nil)
			show(t, r.Object, 600, 400)
			box, ok := r.Object.(*fyne.Container)
			require.True(t, ok)
			require.Len(t, box.Objects, 4)
			var p []pos
			for _, o := range box.Objects {
				p = append(p, pos{o.Position().X, o.Position().Y})
			}
			tc.check(t, p)
		})
	}
}

func TestContainer_withIDRebuildsChildren(t *testing.T) {
	test.NewTempApp(t)
	c := &sdk.Container{ID: "box", Children: []sdk.Component{&sdk.Text{Markdown: "old"}}}
	r := ui.Render(c, nil, nil)
	show(t, r.Object, 300, 200)
	c.Children = []sdk.Component{&sdk.Text{Markdown: "new one"}, &sdk.Text{Markdown: "new two"}}
	require.True(t, r.Update(c))
	assert.Equal(t, []string{"new one", "new two"}, texts(r.Object))
	assert.Len(t, all[*widget.RichText](r.Object), 2)
}
