package ui_test

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/ui"
	"github.com/openml-dash/openml-dash/sdk"
)

func TestText_markdown(t *testing.T) {
	test.NewTempApp(t)
	r := ui.Render(&sdk.Text{Markdown: "The **iris** dataset has *150* rows.\n\n- sepal\n- petal"}, nil, nil)
	rt, ok := r.Object.(*widget.RichText)
	require.True(t, ok, "text is rich text, got %T", r.Object)
	assert.Equal(t, fyne.TextWrapWord, rt.Wrapping)

	var strong []string
	var list bool
	for _, s := range rt.Segments {
		if ts, ok := s.(*widget.TextSegment); ok && ts.Style.TextStyle.Bold {
			strong = append(strong, ts.Text)
		}
		if _, ok := s.(*widget.ListSegment); ok {
			list = true
		}
	}
	assert.Equal(t, []string{"iris"}, strong, "markdown bold is parsed, not shown literally")
	assert.True(t, list, "markdown lists become list segments")
	assert.NotContains(t, rt.String(), "**")
}

func TestText_wraps(t *testing.T) {
	test.NewTempApp(t)
	long := "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua."
	r := ui.Render(&sdk.Text{Markdown: long}, nil, nil)
	w := show(t, r.Object, 200, 400)
	_ = w
	assert.LessOrEqual(t, r.Object.Size().Width, float32(200))
	assert.Greater(t, r.Object.MinSize().Height, widget.NewLabel("x").MinSize().Height*2, "long text wraps onto several lines")
}

func TestText_hardLineBreaksSplitLines(t *testing.T) {
	test.NewTempApp(t)
	md := "**Author**: R.A. Fisher  \n**Source**: UCI\\\n**Please cite**: none\n\n    code  \n    block"
	r := ui.Render(&sdk.Text{Markdown: md}, nil, nil)
	rt := r.Object.(*widget.RichText)
	var blocks []string
	line := ""
	for _, s := range rt.Segments {
		line += s.Textual()
		if !s.Inline() {
			blocks = append(blocks, line)
			line = ""
		}
	}
	assert.Contains(t, blocks, "Author: R.A. Fisher", "a hard break ends the line")
	assert.Contains(t, blocks, "Source: UCI", "a backslash break ends the line")
	assert.Contains(t, rt.String(), "code  \nblock", "code blocks keep their lines as they are")
}

// A markdown escape is never visible: plugins escape names with
// underscores and stars, as they must, and the reader sees the name.
func TestText_escapesNotShown(t *testing.T) {
	test.NewTempApp(t)
	md := "Selected: petal\\_count (numeric), **stem\\_length\\_cm**\n\n- temper\\_rolling \\*\n\n`keep\\_this`\n\n| wind\\_speed |\n| --- |\n| gust\\_max |"
	r := ui.Render(&sdk.Text{Markdown: md}, nil, nil)
	text := segmentsText(r.Object.(*widget.RichText).Segments)
	assert.Contains(t, text, "petal_count")
	assert.Contains(t, text, "stem_length_cm")
	assert.Contains(t, text, "temper_rolling *")
	assert.Contains(t, text, "wind_speed", "a table's header")
	assert.Contains(t, text, "gust_max", "a table's cell")
	assert.Contains(t, text, "keep\\_this", "inline code keeps its backslashes")
	assert.NotContains(t, strings.ReplaceAll(text, "keep\\_this", ""), "\\")
}

// segmentsText is the text of segs, list items included.
func segmentsText(segs []widget.RichTextSegment) string {
	var b strings.Builder
	for _, s := range segs {
		switch s := s.(type) {
		case *widget.ListSegment:
			b.WriteString(segmentsText(s.Items))
		case *widget.ParagraphSegment:
			b.WriteString(segmentsText(s.Texts))
		default:
			b.WriteString(s.Textual())
		}
	}
	return b.String()
}
