package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openml-dash/openml-dash/sdk"
)

// newNotice renders a Notice as an icon, a coloured bold summary and a
// wrapped detail on a faint background of the level's colour, so info,
// warning and error differ by icon, colour and text.
func newNotice(n *sdk.Notice) fyne.CanvasObject {
	var (
		icon       fyne.Resource
		importance widget.Importance
		tint       fyne.ThemeColorName
	)
	switch n.Level {
	case sdk.Warning:
		icon = theme.NewWarningThemedResource(theme.WarningIcon())
		importance, tint = widget.WarningImportance, theme.ColorNameWarning
	case sdk.Error:
		icon = theme.NewErrorThemedResource(theme.ErrorIcon())
		importance, tint = widget.DangerImportance, theme.ColorNameError
	default:
		icon = theme.NewPrimaryThemedResource(theme.InfoIcon())
		importance, tint = widget.HighImportance, theme.ColorNamePrimary
	}
	summary := widget.NewLabelWithStyle(n.Summary, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	summary.Importance = importance
	summary.Wrapping = fyne.TextWrapWord
	text := container.NewVBox(summary)
	if n.Detail != "" {
		detail := widget.NewLabel(n.Detail)
		detail.Wrapping = fyne.TextWrapWord
		text.Add(detail)
	}
	bg := newTintRect(tint, 0x28)
	body := container.NewBorder(nil, nil, container.NewVBox(container.NewPadded(widget.NewIcon(icon))), nil, text)
	return container.NewStack(bg, container.NewPadded(body))
}

// tintRect is a background rectangle in a theme colour at a fixed alpha.
// It follows theme changes: Refresh re-reads the colour.
type tintRect struct {
	widget.BaseWidget
	name  fyne.ThemeColorName
	alpha uint8
}

func newTintRect(name fyne.ThemeColorName, alpha uint8) *tintRect {
	r := &tintRect{name: name, alpha: alpha}
	r.ExtendBaseWidget(r)
	return r
}

func (r *tintRect) CreateRenderer() fyne.WidgetRenderer {
	rect := canvas.NewRectangle(color.Transparent)
	rect.CornerRadius = theme.Size(theme.SizeNameInputRadius)
	rr := &tintRectRenderer{r: r, rect: rect}
	rr.Refresh()
	return rr
}

type tintRectRenderer struct {
	r    *tintRect
	rect *canvas.Rectangle
}

func (rr *tintRectRenderer) Destroy()                     {}
func (rr *tintRectRenderer) Layout(s fyne.Size)           { rr.rect.Resize(s) }
func (rr *tintRectRenderer) MinSize() fyne.Size           { return fyne.Size{} }
func (rr *tintRectRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{rr.rect} }
func (rr *tintRectRenderer) Refresh() {
	rr.rect.FillColor = withAlpha(themeColor(rr.r, rr.r.name), rr.r.alpha)
	rr.rect.Refresh()
}

// themeColor reads a colour from the theme in force for w.
func themeColor(w fyne.Widget, name fyne.ThemeColorName) color.Color {
	th := theme.Current()
	if bw, ok := w.(interface{ Theme() fyne.Theme }); ok {
		th = bw.Theme()
	}
	return th.Color(name, fyne.CurrentApp().Settings().ThemeVariant())
}

func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: a}
}
