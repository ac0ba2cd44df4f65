package chart

import (
	"fmt"
	"image"
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/golang/freetype/truetype"
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
	"github.com/wcharczuk/go-chart/v2/roboto"
	xfont "golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// defaultFont parses go-chart's embedded Roboto once. go-chart's own
// GetDefaultFont checks its cached pointer outside its lock, a data race
// when charts render in parallel.
var defaultFont = sync.OnceValues(func() (*truetype.Font, error) {
	f, err := truetype.Parse(roboto.Roboto)
	if err != nil {
		return nil, fmt.Errorf("chart: parse the embedded Roboto font: %w", err)
	}
	return f, nil
})

// PrepareFont parses the charts' font now rather than at the first
// chart drawn.
func PrepareFont() { _, _ = defaultFont() }

// canvas is one render in progress: the renderer, its font and theme, and
// the font faces that measure text. A canvas belongs to one goroutine
// (truetype faces cache glyphs without locks).
type canvas struct {
	r gochart.Renderer
	// img is the raster renderer's own image while a PNG is drawn (nil for
	// SVG): big point sets are drawn straight into it.
	img  *image.RGBA
	font *truetype.Font
	th   theme
	// scale multiplies lengths (Options.Scale); ts multiplies text sizes
	// (Options.Scale times Options.TextSize over the default 12).
	scale, ts float64
	w, h      int
	faces     map[float64]*measureFace
}

// measureFace measures text with a font face, remembering each rune's
// advance: a chart measures the same few glyphs thousands of times.
type measureFace struct {
	xfont.Face
	adv map[rune]fixed.Int26_6
}

// width is the advance of s, as font.MeasureString sums it.
func (f *measureFace) width(s string) fixed.Int26_6 {
	var w fixed.Int26_6
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			w += f.Kern(prev, r)
		}
		a, ok := f.adv[r]
		if !ok {
			a, _ = f.GlyphAdvance(r)
			f.adv[r] = a
		}
		w += a
		prev = r
	}
	return w
}

// Text sizes are given for the default text size at scale 1, in pixels
// per em; the canvas scales them.
func (c *canvas) face(size float64) *measureFace {
	f, ok := c.faces[size]
	if !ok {
		// DPI 72 makes Size the em in pixels, as the renderers draw it.
		// Measuring draws no glyph: a cache of one glyph mask, not
		// truetype's 512 (some 0.3-0.7 MB to zero per face).
		f = &measureFace{Face: truetype.NewFace(c.font, &truetype.Options{Size: size * c.ts, DPI: 72, Hinting: xfont.HintingNone, GlyphCacheEntries: 1}),
			adv: map[rune]fixed.Int26_6{}}
		c.faces[size] = f
	}
	return f
}

// px scales a length given at scale 1.
func (c *canvas) px(v float64) int { return int(math.Round(v * c.scale)) }

// textWidth is the advance width of s in pixels.
func (c *canvas) textWidth(s string, size float64) int {
	return c.face(size).width(s).Ceil()
}

// ascent and descent of a line of text, in pixels.
func (c *canvas) ascent(size float64) int  { return c.face(size).Metrics().Ascent.Ceil() }
func (c *canvas) descent(size float64) int { return c.face(size).Metrics().Descent.Ceil() }

// lineHeight is the height of a line box: ascent plus descent.
func (c *canvas) lineHeight(size float64) int { return c.ascent(size) + c.descent(size) }

type hAlign uint8

const (
	alignLeft hAlign = iota
	alignCenter
	alignRight
)

type vAlign uint8

const (
	alignTop vAlign = iota
	alignMiddle
	alignBottom
)

// text draws s with its line box anchored at (x, y).
func (c *canvas) text(s string, x, y int, size float64, col drawing.Color, ha hAlign, va vAlign) {
	if s == "" {
		return
	}
	switch ha {
	case alignCenter:
		x -= c.textWidth(s, size) / 2
	case alignRight:
		x -= c.textWidth(s, size)
	}
	switch va {
	case alignTop:
		y += c.ascent(size)
	case alignMiddle:
		y += c.ascent(size) - c.lineHeight(size)/2
	case alignBottom:
		y -= c.descent(size)
	}
	c.r.SetFont(c.font)
	c.r.SetFontSize(size * c.ts)
	c.r.SetFontColor(col)
	c.r.Text(s, x, y)
	c.r.ResetStyle()
}

// rotatedText draws s turned by radians (negative turns it anticlockwise)
// around its baseline start (x, y). The rotation is cleared after each text
// because go-chart's raster renderer adds it up otherwise.
func (c *canvas) rotatedText(s string, x, y int, size float64, col drawing.Color, radians float64) {
	if s == "" {
		return
	}
	c.r.SetFont(c.font)
	c.r.SetFontSize(size * c.ts)
	c.r.SetFontColor(col)
	c.r.SetTextRotation(radians)
	c.r.Text(s, x, y)
	c.r.ClearTextRotation()
	c.r.ResetStyle()
}

const ellipsis = "…"

// fit shortens s with an ellipsis so it is at most maxWidth pixels wide.
func (c *canvas) fit(s string, size float64, maxWidth int) string {
	if c.textWidth(s, size) <= maxWidth {
		return s
	}
	runes := []rune(s)
	lo, hi := 0, len(runes)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if c.textWidth(string(runes[:mid])+ellipsis, size) <= maxWidth {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		if c.textWidth(ellipsis, size) <= maxWidth {
			return ellipsis
		}
		return ""
	}
	return strings.TrimRightFunc(string(runes[:lo]), unicode.IsSpace) + ellipsis
}

// fitMiddle shortens s in the middle with an ellipsis so it is at most
// maxWidth pixels wide, keeping its start and its end: category and
// legend labels often differ only at the end ("… (flow 44)", "(AUC 0.94)").
func (c *canvas) fitMiddle(s string, size float64, maxWidth int) string {
	if c.textWidth(s, size) <= maxWidth {
		return s
	}
	runes := []rune(s)
	// Keep k runes in all, the larger half at the start.
	lo, hi := 0, len(runes)
	cut := func(k int) string {
		head := (k + 1) / 2
		return strings.TrimRightFunc(string(runes[:head]), unicode.IsSpace) + ellipsis +
			strings.TrimLeftFunc(string(runes[len(runes)-(k-head):]), unicode.IsSpace)
	}
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if c.textWidth(cut(mid), size) <= maxWidth {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo < 2 {
		return c.fit(s, size, maxWidth)
	}
	return cut(lo)
}

// wrap breaks s at spaces into lines at most maxWidth wide (a word wider
// than that is shortened).
func (c *canvas) wrap(s string, size float64, maxWidth int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		next := word
		if line != "" {
			next = line + " " + word
		}
		if c.textWidth(next, size) <= maxWidth {
			line = next
			continue
		}
		if line != "" {
			lines = append(lines, line)
		}
		line = c.fit(word, size, maxWidth)
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// cleanText makes plugin text safe to draw on one line: valid UTF-8, no
// control characters (an SVG cannot hold most of them), spaces trimmed.
func cleanText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}
