package ui_test

import (
	"context"
	"image"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/session"
	"github.com/openml-dash/openml-dash/host/ui"
	"github.com/openml-dash/openml-dash/sdk"
)

func startedSession(t *testing.T, p *sdk.Page, caller session.CallerFunc) *session.Session {
	t.Helper()
	s := session.New(ref(sdk.KindData, 61), page(p, caller), session.Options{})
	t.Cleanup(s.Close)
	s.Start(context.Background())
	require.NoError(t, s.Wait(context.Background()))
	return s
}

func TestRenderTab(t *testing.T) {
	test.NewTempApp(t)
	p := selectionPage()
	p.Tabs = append(p.Tabs, sdk.Tab{Title: "Chart", Children: []sdk.Component{
		&sdk.Heading{Text: "Classes", Level: 1},
		barChart(),
	}})
	s := startedSession(t, p, describeSelection)

	for tab, size := range map[int]fyne.Size{0: fyne.NewSize(640, 480), 1: fyne.NewSize(800, 600)} {
		img, err := ui.RenderTab(s, tab, size)
		require.NoError(t, err)
		assert.Equal(t, image.Pt(int(size.Width), int(size.Height)), img.Bounds().Size())
		assert.Greater(t, distinctColors(img), 10, "tab %d is not blank", tab)
		r, g, b, _ := img.At(int(size.Width)-3, int(size.Height)-3).RGBA()
		assert.Greater(t, (299*r+587*g+114*b)/1000, uint32(0xe000), "tab %d is drawn in the light theme, not the test app's grey one", tab)
	}
}

func TestRenderTab_errors(t *testing.T) {
	test.NewTempApp(t)
	s := startedSession(t, linkPage(ref(sdk.KindData, 61)), nil)
	cases := map[string]struct {
		sess *session.Session
		tab  int
		size fyne.Size
		want string
	}{
		"no session":   {nil, 0, fyne.NewSize(10, 10), "no page"},
		"tab too high": {s, 2, fyne.NewSize(10, 10), "has 2 tabs"},
		"negative tab": {s, -1, fyne.NewSize(10, 10), "no tab -1"},
		"empty size":   {s, 0, fyne.NewSize(0, 10), "empty"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := ui.RenderTab(tc.sess, tc.tab, tc.size)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}
