package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/openml-dash/openml-dash/sdk"
)

// newText renders a Text's markdown, wrapping at word boundaries.
func newText(t *sdk.Text) fyne.CanvasObject {
	rt := widget.NewRichText(markdownSegments(t.Markdown)...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// markdownSegments parses md as newText draws it.
func markdownSegments(md string) []widget.RichTextSegment {
	segs := widget.NewRichTextFromMarkdown(hardBreaks(md)).Segments
	unescapeSegments(segs)
	return segs
}

// unescapeSegments removes markdown's backslash escapes ("wind\_speed")
// from the text Fyne parsed: its markdown renderer keeps them, so a
// plugin that escapes a name, as it must, would show the backslash.
// Code keeps its backslashes.
func unescapeSegments(segs []widget.RichTextSegment) {
	eachSegment(segs, func(s widget.RichTextSegment) {
		switch s := s.(type) {
		case *widget.TextSegment:
			if s.Style != widget.RichTextStyleCodeInline && s.Style != widget.RichTextStyleCodeBlock {
				s.Text = unescapePunct(s.Text)
			}
		case *widget.HyperlinkSegment:
			s.Text = unescapePunct(s.Text)
		}
	})
}

// eachSegment calls fn on segs and on the segments inside them:
// paragraphs' texts, lists' items and tables' cells.
func eachSegment(segs []widget.RichTextSegment, fn func(widget.RichTextSegment)) {
	for _, s := range segs {
		fn(s)
		switch s := s.(type) {
		case *widget.ParagraphSegment:
			eachSegment(s.Texts, fn)
		case *widget.ListSegment:
			eachSegment(s.Items, fn)
		case *widget.TableSegment:
			for _, cell := range s.Headers {
				eachSegment(cell, fn)
			}
			for _, row := range s.Rows {
				for _, cell := range row {
					eachSegment(cell, fn)
				}
			}
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
