package ui

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"log"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openml-dash/openml-dash/host/chart"
	"github.com/openml-dash/openml-dash/host/session"
	"github.com/openml-dash/openml-dash/internal/component"
	"github.com/openml-dash/openml-dash/sdk"
)

// RenderTab draws tab (0-based, in session.Tabs order) of sess at size,
// under the page's title, with the window's widgets on Fyne's software
// renderer, for headless PNGs that show what the window shows.
// Links and inputs are inert. Start and Wait the session first so that its
// callbacks' output is drawn. With no Fyne app running it starts Fyne's
// in-memory one, in the light theme.
func RenderTab(sess *session.Session, tab int, size fyne.Size) (image.Image, error) {
	if sess == nil {
		return nil, errors.New("render: no page is open")
	}
	if size.Width < 1 || size.Height < 1 {
		return nil, fmt.Errorf("render: size %gx%g is empty: give a width and height of at least 1", size.Width, size.Height)
	}
	tabs := sess.Tabs()
	if tab < 0 || tab >= len(tabs) {
		return nil, fmt.Errorf("render: no tab %d: %s has %d tabs, numbered from 0", tab, sess.Ref(), len(tabs))
	}
	ensureApp()
	t := readTabs(sess, func(i int, _ session.Tab) bool { return i == tab })[tab]
	e := env{part: t.Part, reg: newRegistry()}
	c := software.NewCanvas()
	c.SetPadded(false)
	// Lay out twice: wrapped text is measured at the width the first
	// layout gives it, and its first height (measured narrower) would stay.
	// A canvas resized to the size it has does nothing, so the first
	// layout is one pixel taller. It is the content's first: sized before
	// it has content, the canvas does not lay it out at its minimum size
	// (a third layout, and the slowest: every wrapped text at its
	// narrowest).
	c.Resize(fyne.NewSize(size.Width, size.Height+1))
	c.SetContent(container.NewBorder(newTitle(sess.Title()), nil, nil, nil, withPageNotices(sess, tabContent(e, t.Tab.Children))))
	c.Resize(size)
	return capture(c), nil
}

// ensureApp makes sure widgets have an app for their theme and driver.
// Without a window's app (a headless command; the fyne test package also
// starts its in-memory app when it is linked in), it pins the default
// theme's light variant, so that headless pictures look as the window
// does in its light theme.
func ensureApp() {
	// fyne.CurrentApp logs when there is none; that is the case we
	// handle, not an error worth printing.
	prev := log.Writer()
	log.SetOutput(io.Discard)
	a := fyne.CurrentApp()
	log.SetOutput(prev)
	if a == nil {
		a = test.NewApp()
	}
	if a.UniqueID() != testAppID {
		return // a real app: draw in the user's theme
	}
	if _, ok := a.Settings().Theme().(lightTheme); !ok {
		a.Settings().SetTheme(lightTheme{theme.DefaultTheme()})
	}
}

// testAppID is the UniqueID of the fyne test package's in-memory app.
const testAppID = "testApp"

// lightTheme is the default theme pinned to its light variant: the
// in-memory app has no user preference to pick one.
type lightTheme struct{ fyne.Theme }

func (t lightTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, theme.VariantLight)
}

// PrepareFonts loads the text faces every page draws with, regular and
// bold (labels, headings, table headers), and the charts' font: about
// 40 ms of parsing the first time text is measured. With markdown it
// loads the faces of emphasis and code too, as an OpenML entity's
// description uses them: about 15 ms and 5 MB each that a page without
// them, such as a local file's, does not spend. Headless callers run it
// while the page's plugins work, on the goroutine that will draw: Fyne's
// text shaper must not measure on two goroutines at once, so it is never
// warmed in the background.
func PrepareFonts(markdown bool) {
	ensureApp()
	styles := []fyne.TextStyle{{}, {Bold: true}}
	if markdown {
		styles = append(styles, fyne.TextStyle{Italic: true}, fyne.TextStyle{Monospace: true})
	}
	prepareStyles(styles)
	chart.PrepareFont()
}

// PreparePageFonts loads, under the same rule, the faces that sess's
// text uses now (one loaded already costs nothing). A face first met in
// text a callback adds later is loaded when that is drawn.
func PreparePageFonts(sess *session.Session) {
	ensureApp()
	prepareStyles(pageStyles(sess))
}

func prepareStyles(styles []fyne.TextStyle) {
	for _, st := range styles {
		fyne.MeasureText("Ag", theme.TextSize(), st)
	}
}

// pageStyles are the text styles of sess's markdown.
func pageStyles(sess *session.Session) []fyne.TextStyle {
	var texts []string
	sess.Read(func() {
		for _, t := range sess.Tabs() {
			sdk.Walk(t.Tab.Children, func(c sdk.Component) bool {
				if x, ok := c.(*sdk.Text); ok && x != nil {
					texts = append(texts, x.Markdown)
				}
				return !component.IsNil(c)
			})
		}
	})
	seen := map[fyne.TextStyle]bool{}
	var styles []fyne.TextStyle
	add := func(st fyne.TextStyle) {
		if !seen[st] {
			seen[st] = true
			styles = append(styles, st)
		}
	}
	for _, md := range texts {
		eachSegment(markdownSegments(md), func(s widget.RichTextSegment) {
			switch s := s.(type) {
			case *widget.TextSegment:
				add(s.Style.TextStyle)
			case *widget.CodeBlockSegment:
				add(widget.RichTextStyleCodeBlock.TextStyle)
			}
		})
	}
	return styles
}
