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
	unescapeSegments(rt.Segments)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// unescapeSegments removes markdown's backslash escapes ("wind\_speed")
// from the text Fyne parsed: its markdown renderer keeps them, so a
// plugin that escapes a name, as it must, would show the backslash.
// Code keeps its backslashes.
func unescapeSegments(segs []widget.RichTextSegment) {
	for _, s := range segs {
		switch s := s.(type) {
		case *widget.TextSegment:
			if s.Style != widget.RichTextStyleCodeInline && s.Style != widget.RichTextStyleCodeBlock {
				s.Text = unescapePunct(s.Text)
			}
		case *widget.HyperlinkSegment:
			s.Text = unescapePunct(s.Text)
		case *widget.ParagraphSegment:
			unescapeSegments(s.Texts)
		case *widget.ListSegment:
			unescapeSegments(s.Items)
		}
	}
}

// unescapePunct drops the backslash before ASCII punctuation, as
// CommonMark's backslash escapes do.
func unescapePunct(s string) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
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
