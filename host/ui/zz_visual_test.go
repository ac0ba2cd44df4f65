package ui_test

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/openml-dash/openml-dash/host/session"
	"github.com/openml-dash/openml-dash/host/ui"
	"github.com/openml-dash/openml-dash/sdk"
)

func TestZZVisual(t *testing.T) {
	if os.Getenv("VISUAL") == "" {
		t.Skip()
	}
	test.NewTempApp(t)
	test.ApplyTheme(t, variantTheme{theme.DefaultTheme(), theme.VariantLight})
	tbl := irisTable()
	tbl.Selection = sdk.SelectMulti
	tbl.Sortable = true
	tbl.Filterable = true
	tbl.SelectedRows = []int{1}
	tbl.Rows[2].Cells[2] = tbl.Rows[2].Cells[2].Styled(2)
	tbl.Rows[3].Cells[2] = tbl.Rows[3].Cells[2].Styled(4)
	for i := range 30 {
		tbl.Rows = append(tbl.Rows, sdk.Row{Cells: []sdk.Cell{sdk.TextCell(fmt.Sprintf("feature %d", i)), sdk.NumberCell(float64(i * 3)), sdk.NumberCell(float64(i) / 3), sdk.BoolCell(i%2 == 0), sdk.MissingCell(sdk.CellLink).Styled(i % 5)}})
	}
	p := &sdk.Page{Title: "iris (61)", Tabs: []sdk.Tab{
		{Title: "Overview", Children: []sdk.Component{
			&sdk.Heading{Text: "iris", Level: 1},
			&sdk.Text{Markdown: "The **iris** dataset: 150 instances, 5 features. See [OpenML](https://www.openml.org/d/61)."},
			&sdk.Notice{Level: sdk.Warning, Summary: "No missing values", Detail: "Shading below is synthetic."},
			&sdk.Container{Direction: sdk.RowDirection, Children: []sdk.Component{
				&sdk.Select{ID: "s", Label: "Target", Options: sdk.Options("class", "petalwidth"), Values: []string{"class"}},
				&sdk.Radio{ID: "r", Label: "Scale", Options: sdk.Options("linear", "log"), Value: "log"},
				&sdk.Button{ID: "b", Label: "Compare"},
			}},
			&sdk.Checklist{ID: "c", Label: "Show", Options: sdk.Options("mean", "median"), Values: []string{"mean"}},
			&sdk.Link{Text: "Task 59", Ref: ref(sdk.KindTask, 59)},
			&sdk.Heading{Text: "Features", Level: 2},
			tbl,
		}},
		{Title: "Chart", Children: []sdk.Component{barChart()}},
	}}
	op := &fakeOpener{open: func(sdk.EntityRef) ([]session.Part, error) { return page(p, nil), nil }}
	u, w := newUI(t, op)
	w.Resize(fyne.NewSize(1000, 900))
	u.Open(ref(sdk.KindData, 61))
	wait(t, u)
	save(t, "/tmp/ui_window.png", w.Canvas().Capture())
	s := u.Current()
	img, err := ui.RenderTab(s, 1, fyne.NewSize(800, 500))
	if err != nil {
		t.Fatal(err)
	}
	save(t, "/tmp/ui_chart.png", img)
	u.OpenText("bogus/thing")
	save(t, "/tmp/ui_bad.png", w.Canvas().Capture())
}

func save(t *testing.T, path string, img image.Image) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}
