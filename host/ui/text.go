package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/openml-dash/openml-dash/sdk"
)

// newText renders a Text's markdown, wrapping at word boundaries.
func newText(t *sdk.Text) fyne.CanvasObject {
	rt := widget.NewRichTextFromMarkdown(hardBreaks(t.Markdown))
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// hardBreaks turns markdown hard line breaks (two trailing spaces or a
// backslash) into paragraph breaks. Fyne's markdown parser drops hard
// breaks, and OpenML descriptions use them for their "**Author**: …"
// header lines, which would otherwise run together. Code blocks are left
// alone: their trailing spaces are content.
func hardBreaks(md string) string {
	if !strings.Contains(md, "  \n") && !strings.Contains(md, "\\\n") {
		return md
	}
	lines := strings.Split(md, "\n")
	var b strings.Builder
	fenced := false
	for i, line := range lines {
		trimmed := strings.TrimLeft(line, " ")
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			fenced = !fenced
		}
		code := fenced || strings.HasPrefix(line, "    ") || strings.HasPrefix(line, "\t")
		next := i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != ""
		brk := strings.HasSuffix(line, "  ") || strings.HasSuffix(line, "\\")
		if !code && next && brk && strings.TrimSpace(line) != "" {
			line = strings.TrimRight(strings.TrimSuffix(line, "\\"), " ") + "\n"
		}
		b.WriteString(line)
		if i < len(lines)-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}
