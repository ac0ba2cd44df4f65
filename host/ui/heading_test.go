package ui_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/ui"
	"github.com/openml-dash/openml-dash/sdk"
)

func TestHeading_sizesByLevel(t *testing.T) {
	test.NewTempApp(t)
	cases := map[string]struct {
		level int
		want  widget.RichTextStyle
	}{
		"zero is the largest": {0, widget.RichTextStyleHeading},
		"level 1":             {1, widget.RichTextStyleHeading},
		"level 2":             {2, widget.RichTextStyleSubHeading},
		"level 3":             {3, widget.RichTextStyleStrong},
		"level 6":             {6, widget.RichTextStyleStrong},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			r := ui.Render(&sdk.Heading{Text: "Features", Level: tc.level}, nil, nil)
			rt, ok := r.Object.(*widget.RichText)
			require.True(t, ok, "a heading is rich text, got %T", r.Object)
			require.Len(t, rt.Segments, 1)
			seg := rt.Segments[0].(*widget.TextSegment)
			assert.Equal(t, "Features", seg.Text)
			assert.Equal(t, tc.want, seg.Style)
			assert.Equal(t, fyne.TextWrapWord, rt.Wrapping)
		})
	}
}

func TestHeading_levelsRenderLargestFirst(t *testing.T) {
	test.NewTempApp(t)
	var heights []float32
	for level := 1; level <= 3; level++ {
		heights = append(heights, ui.Render(&sdk.Heading{Text: "Title", Level: level}, nil, nil).Object.MinSize().Height)
	}
	assert.Greater(t, heights[0], heights[1])
	assert.Greater(t, heights[1], heights[2])
}

func TestHeading_markup(t *testing.T) {
	test.NewTempApp(t)
	box := container.NewVBox(
		ui.Render(&sdk.Heading{Text: "Dataset iris", Level: 1}, nil, nil).Object,
		ui.Render(&sdk.Heading{Text: "Features", Level: 2}, nil, nil).Object,
		ui.Render(&sdk.Heading{Text: "Numeric", Level: 3}, nil, nil).Object,
	)
	w := show(t, box, 300, 200)
	assertMarkup(t, "heading/levels.xml", w.Canvas())
}
