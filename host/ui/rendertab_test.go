package ui_test

import (
	"context"
	"image"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/session"
	"github.com/openml-dash/openml-dash/host/ui"
	"github.com/openml-dash/openml-dash/sdk"
)

func startedSession(t testing.TB, p *sdk.Page, caller session.CallerFunc) *session.Session {
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

// A short tab with wrapped text ends where its content ends: the heights
// wrapped text has before its width is known are not kept.
func TestRenderTab_wrappedTextKeepsItsHeight(t *testing.T) {
	test.NewTempApp(t)
	long := strings.Repeat("A task says what to predict and how models are evaluated. ", 6)
	p := &sdk.Page{Title: "Short", Tabs: []sdk.Tab{{Title: "Tasks", Children: []sdk.Component{
		&sdk.Text{Markdown: long},
		&sdk.Container{Direction: sdk.RowDirection, Children: []sdk.Component{&sdk.Button{ID: "reload", Label: "Reload"}}},
		&sdk.Slot{ID: "list", Children: []sdk.Component{
			// A long path wraps letter by letter while the width is unknown.
			&sdk.Notice{Level: sdk.Warning, Summary: "Could not be loaded", Detail: "not in the mirror: no file /work/shared/openml/www/api/v1/xml/task/list/limit/1000/offset/0/status/all/data_id/61."},
		}},
	}}}}
	p.Tabs = append([]sdk.Tab{selectionPage().Tabs[0]}, p.Tabs...)
	s := startedSession(t, p, nil)
	_, err := ui.RenderTab(s, 0, fyne.NewSize(1280, 900)) // as render does: the tabs one after another
	require.NoError(t, err)
	img, err := ui.RenderTab(s, 1, fyne.NewSize(1280, 900))
	require.NoError(t, err)
	bg := img.At(5, 895)
	for y := 450; y < 900; y += 3 {
		for x := 0; x < 1280; x += 7 {
			if img.At(x, y) != bg {
				t.Fatalf("the lower half is not empty: pixel %d,%d is drawn", x, y)
			}
		}
	}
}

// BenchmarkRenderTab draws, as render does, a tab of wrapped text around
// a 40-row table and a tab of inputs, at 1280x900.
func BenchmarkRenderTab(b *testing.B) {
	test.NewTempApp(b)
	long := strings.Repeat("A task says what to predict and how models are evaluated. ", 6)
	var rows []sdk.Row
	for i := range 40 {
		rows = append(rows, sdk.Row{Cells: []sdk.Cell{sdk.TextCell(strings.Repeat("feature", 1+i%3)), sdk.NumberCell(float64(i * 37)), sdk.TextCell("numeric")}})
	}
	p := &sdk.Page{Title: "Bench", Tabs: []sdk.Tab{{Title: "Features", Children: []sdk.Component{
		&sdk.Text{Markdown: long + "\n\n" + long},
		&sdk.Table{ID: "t", Columns: []sdk.Column{{ID: "a", Title: "Attribute"}, {ID: "m", Title: "Missing", Type: sdk.CellNumber}, {ID: "t", Title: "Type"}}, Rows: rows},
		&sdk.Text{Markdown: long},
	}}}}
	p.Tabs = append(p.Tabs, selectionPage().Tabs[0])
	s := startedSession(b, p, nil)
	for b.Loop() {
		for i := range p.Tabs {
			if _, err := ui.RenderTab(s, i, fyne.NewSize(1280, 900)); err != nil {
				b.Fatal(err)
			}
		}
	}
}
