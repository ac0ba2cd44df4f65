package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Theme variants the View menu offers.
const (
	variantSystem = "system"
	variantLight  = "light"
	variantDark   = "dark"
)

// Text scales the View menu steps through.
var textScales = []float64{0.85, 1, 1.15, 1.3, 1.5, 1.75}

// appTheme is Fyne's default theme with the user's choice of light, dark
// or the system's variant, and of text size, kept in prefs.
type appTheme struct {
	prefs   fyne.Preferences
	variant string
	scale   float64
}

var _ fyne.Theme = (*appTheme)(nil)

func loadTheme(prefs fyne.Preferences) *appTheme {
	t := &appTheme{prefs: prefs, variant: variantSystem, scale: 1}
	if prefs != nil {
		switch v := prefs.String(prefVariant); v {
		case variantLight, variantDark:
			t.variant = v
		}
		if s := prefs.FloatWithFallback(prefTextSize, 1); s >= textScales[0] && s <= textScales[len(textScales)-1] {
			t.scale = s
		}
	}
	return t
}

// apply makes t the app's theme; widgets and charts redraw in it.
func (t *appTheme) apply() {
	if t.prefs != nil {
		t.prefs.SetString(prefVariant, t.variant)
		t.prefs.SetFloat(prefTextSize, t.scale)
	}
	fyne.CurrentApp().Settings().SetTheme(&appTheme{variant: t.variant, scale: t.scale})
}

func (t *appTheme) setVariant(v string) {
	t.variant = v
	t.apply()
}

// stepText makes text one step larger (+1), smaller (-1), or normal (0).
func (t *appTheme) stepText(dir int) {
	i := 1
	if dir != 0 {
		i = 0
		for j, s := range textScales {
			if s <= t.scale+1e-9 {
				i = j
			}
		}
		i = min(max(i+dir, 0), len(textScales)-1)
	}
	t.scale = textScales[i]
	t.apply()
}

func (t *appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch t.variant {
	case variantLight:
		v = theme.VariantLight
	case variantDark:
		v = theme.VariantDark
	}
	return theme.DefaultTheme().Color(n, v)
}

func (t *appTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

func (t *appTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t *appTheme) Size(n fyne.ThemeSizeName) float32 {
	s := theme.DefaultTheme().Size(n)
	switch n {
	case theme.SizeNameText, theme.SizeNameHeadingText, theme.SizeNameSubHeadingText, theme.SizeNameCaptionText:
		return s * float32(t.scale)
	}
	return s
}
