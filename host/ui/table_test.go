package ui_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/ui"
	"github.com/openml-dash/openml-dash/sdk"
)

func TestFormatNumber(t *testing.T) {
	cases := map[string]struct {
		in   float64
		want string
	}{
		"zero":           {0, "0"},
		"negative zero":  {math.Copysign(0, -1), "0"},
		"integer":        {150, "150"},
		"big integer":    {1234567, "1234567"},
		"negative":       {-42, "-42"},
		"fraction":       {5.843333, "5.843"},
		"small":          {0.000012345, "1.234e-05"},
		"huge":           {1e20, "1e+20"},
		"integral float": {3.0, "3"},
		"NaN":            {math.NaN(), "NaN"},
		"infinity":       {math.Inf(1), "∞"},
		"minus infinity": {math.Inf(-1), "-∞"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, ui.FormatNumber(tc.in))
		})
	}
}

// irisTable is a small table: name, count, mean, nominal, a link.
func irisTable() *sdk.Table {
	return &sdk.Table{
		ID: "features",
		Columns: []sdk.Column{
			{ID: "name", Title: "Name", Type: sdk.CellText},
			{ID: "count", Title: "Count", Type: sdk.CellNumber},
			{ID: "mean", Title: "Mean", Type: sdk.CellNumber},
			{ID: "nominal", Title: "Nominal", Type: sdk.CellBool},
			{ID: "task", Title: "Task", Type: sdk.CellLink},
		},
		Rows: []sdk.Row{
			{Cells: []sdk.Cell{sdk.TextCell("sepallength"), sdk.NumberCell(150), sdk.NumberCell(5.843333), sdk.BoolCell(false), sdk.LinkCell("Task 59", ref(sdk.KindTask, 59))}},
			{Cells: []sdk.Cell{sdk.TextCell("sepalwidth"), sdk.NumberCell(148), sdk.NumberCell(3.057), sdk.BoolCell(false), sdk.MissingCell(sdk.CellLink)}},
			{Cells: []sdk.Cell{sdk.TextCell("petallength"), sdk.NumberCell(150), sdk.MissingCell(sdk.CellNumber), sdk.BoolCell(false), sdk.MissingCell(sdk.CellLink)}},
			{Cells: []sdk.Cell{sdk.TextCell("class"), sdk.NumberCell(150), sdk.MissingCell(sdk.CellNumber), sdk.BoolCell(true), sdk.MissingCell(sdk.CellLink)}, Emphasis: true},
		},
	}
}

// renderTable shows t in a window and returns its view.
func renderTable(t *testing.T, tbl *sdk.Table, rec *recorder, open func(sdk.EntityRef)) (*ui.TableView, fyne.Window) {
	t.Helper()
	var set func(sdk.PropRef, sdk.Value)
	if rec != nil {
		set = rec.set
	}
	r := ui.Render(tbl, set, open)
	v, ok := r.Object.(*ui.TableView)
	require.True(t, ok, "a table renders as *ui.TableView, got %T", r.Object)
	w := show(t, v, 800, 500)
	return v, w
}

// cellAt finds the visible cell showing text.
func cellAt(t *testing.T, o fyne.CanvasObject, text string) *ui.TableCell {
	t.Helper()
	for _, c := range all[*ui.TableCell](o) {
		if c.Text() == text {
			return c
		}
	}
	require.Failf(t, "no cell", "no visible cell shows %q", text)
	return nil
}

// rowTexts is what the visible cells show, row by row in display order.
func rowTexts(v *ui.TableView) [][]string {
	var rows [][]string
	cells := all[*ui.TableCell](v)
	byPos := map[float32]map[float32]string{}
	for _, c := range cells {
		p := c.Position()
		if byPos[p.Y] == nil {
			byPos[p.Y] = map[float32]string{}
		}
		byPos[p.Y][p.X] = c.Text()
	}
	ys := sortedKeys(byPos)
	for _, y := range ys {
		var row []string
		for _, x := range sortedKeys(byPos[y]) {
			row = append(row, byPos[y][x])
		}
		rows = append(rows, row)
	}
	return rows
}

func sortedKeys[V any](m map[float32]V) []float32 {
	var ks []float32
	for k := range m {
		ks = append(ks, k)
	}
	for i := range ks {
		for j := i + 1; j < len(ks); j++ {
			if ks[j] < ks[i] {
				ks[i], ks[j] = ks[j], ks[i]
			}
		}
	}
	return ks
}

func TestTable_typedCells(t *testing.T) {
	test.NewTempApp(t)
	v, _ := renderTable(t, irisTable(), nil, func(sdk.EntityRef) {})
	assert.Equal(t, [][]string{
		{"sepallength", "150", "5.843", "no", "Task 59"},
		{"sepalwidth", "148", "3.057", "no", "—"},
		{"petallength", "150", "—", "no", "—"},
		{"class", "150", "—", "yes", "—"},
	}, rowTexts(v))
	assert.Equal(t, fyne.TextAlignTrailing, cellAt(t, v, "148").Label().Alignment, "numbers align right")
	assert.Equal(t, fyne.TextAlignLeading, cellAt(t, v, "sepalwidth").Label().Alignment)
}

func TestTable_headerTitles(t *testing.T) {
	test.NewTempApp(t)
	v, _ := renderTable(t, irisTable(), nil, nil)
	for _, title := range []string{"Name", "Count", "Mean", "Nominal", "Task"} {
		assert.Contains(t, texts(v), title)
	}
}

func TestTable_emphasisIsBold(t *testing.T) {
	test.NewTempApp(t)
	v, _ := renderTable(t, irisTable(), nil, nil)
	assert.True(t, cellAt(t, v, "class").Label().TextStyle.Bold)
	assert.False(t, cellAt(t, v, "sepalwidth").Label().TextStyle.Bold)
	_, _, _, a := cellAt(t, v, "class").Background()
	assert.NotZero(t, a, "an emphasised row is tinted")
}

func TestTable_linkCellOpens(t *testing.T) {
	test.NewTempApp(t)
	var opened []sdk.EntityRef
	v, _ := renderTable(t, irisTable(), nil, func(r sdk.EntityRef) { opened = append(opened, r) })
	link := cellAt(t, v, "Task 59").Link()
	require.True(t, link.Visible())
	test.TapAt(link, fyne.NewPos(10, link.Size().Height/2))
	assert.Equal(t, []sdk.EntityRef{ref(sdk.KindTask, 59)}, opened)
}

func TestTable_styleLevelShading(t *testing.T) {
	test.NewTempApp(t)
	tbl := &sdk.Table{Columns: []sdk.Column{{Title: "Missing"}}}
	for level := range 5 {
		tbl.Rows = append(tbl.Rows, sdk.Row{Cells: []sdk.Cell{sdk.TextCell(fmt.Sprintf("L%d", level)).Styled(level)}})
	}
	v, _ := renderTable(t, tbl, nil, nil)
	var last uint32
	for level := range 5 {
		_, _, _, a := cellAt(t, v, fmt.Sprintf("L%d", level)).Background()
		if level == 0 {
			assert.Zero(t, a, "level 0 is plain")
		} else {
			assert.Greater(t, a, last, "level %d is darker than level %d", level, level-1)
		}
		last = a
	}
}

func TestTable_tapSelectsRows(t *testing.T) {
	cases := map[string]struct {
		mode sdk.Selection
		taps []int
		want [][]int64 // selected_rows sent after each tap
	}{
		"multi toggles":         {sdk.SelectMulti, []int{2, 0, 2}, [][]int64{{2}, {0, 2}, {0}}},
		"single replaces":       {sdk.SelectSingle, []int{1, 3}, [][]int64{{1}, {3}}},
		"single keeps on retap": {sdk.SelectSingle, []int{1, 1}, [][]int64{{1}}},
		"none sends nothing":    {sdk.SelectNone, []int{1}, nil},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			test.NewTempApp(t)
			tbl := irisTable()
			tbl.Selection = tc.mode
			rec := &recorder{}
			v, _ := renderTable(t, tbl, rec, nil)
			for _, row := range tc.taps {
				v.Table().Select(widget.TableCellID{Row: row, Col: 1 + v.Lead()})
			}
			var got [][]int64
			for _, s := range rec.all() {
				assert.Equal(t, sdk.Input("features", sdk.PropSelectedRows), s.Ref)
				got = append(got, s.Value.Ints())
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestTable_tapOnCanvasSelects(t *testing.T) {
	test.NewTempApp(t)
	tbl := irisTable()
	tbl.Selection = sdk.SelectMulti
	rec := &recorder{}
	v, w := renderTable(t, tbl, rec, nil)
	cell := cellAt(t, v, "petallength")
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(cell).AddXY(5, cell.Size().Height/2)
	test.TapCanvas(w.Canvas(), pos)
	require.Len(t, rec.all(), 1)
	assert.Equal(t, []int64{2}, rec.all()[0].Value.Ints())
}

func TestTable_sortKeepsSelectionOnOriginalRows(t *testing.T) {
	test.NewTempApp(t)
	tbl := irisTable()
	tbl.Sortable = true
	tbl.Selection = sdk.SelectMulti
	rec := &recorder{}
	v, _ := renderTable(t, tbl, rec, nil)

	var mean *widget.Button
	for _, b := range all[*widget.Button](v) {
		if b.Text == "Mean" {
			mean = b
		}
	}
	require.NotNil(t, mean, "a sortable table has header buttons")
	test.Tap(mean)
	assert.Equal(t, []int{1, 0, 2, 3}, v.DisplayRows(), "ascending by mean, missing last")
	test.Tap(mean)
	assert.Equal(t, []int{0, 1, 2, 3}, v.DisplayRows(), "descending by mean, missing still last")

	v.SortBy(0) // by name: class, petallength, sepallength, sepalwidth
	assert.Equal(t, []int{3, 2, 0, 1}, v.DisplayRows())
	sorted := rec.of(sdk.PropSortedRows)
	require.Len(t, sorted, 3, "each sort tells the session the rows' order")
	assert.Equal(t, []int64{1, 0, 2, 3}, sorted[0].Value.Ints())
	assert.Equal(t, []int64{3, 2, 0, 1}, sorted[2].Value.Ints())
	assert.Equal(t, tbl.ID, sorted[2].Ref.ComponentID)
	v.Table().Select(widget.TableCellID{Row: 0, Col: 1})
	selected := rec.of(sdk.PropSelectedRows)
	require.Len(t, selected, 1)
	assert.Equal(t, []int64{3}, selected[0].Value.Ints(), "display row 0 is original row 3")

	v.SortBy(0) // descending: the selection follows its row
	assert.Equal(t, []int{1, 0, 2, 3}, v.DisplayRows())
	assert.Equal(t, []int64{3}, v.Selected())
	v.Table().Select(widget.TableCellID{Row: 0, Col: 1})
	assert.Equal(t, []int64{1, 3}, rec.of(sdk.PropSelectedRows)[1].Value.Ints())
}

func TestTable_filter(t *testing.T) {
	test.NewTempApp(t)
	tbl := irisTable()
	tbl.Filterable = true
	tbl.Selection = sdk.SelectSingle
	rec := &recorder{}
	v, _ := renderTable(t, tbl, rec, nil)
	entry := one[*widget.Entry](t, v)
	assert.Contains(t, texts(v), "4 rows")

	test.Type(entry, "WIDTH")
	assert.Equal(t, []int{1}, v.DisplayRows(), "case-insensitive match on the cell text")
	assert.Contains(t, texts(v), "1 of 4 rows")
	v.Table().Select(widget.TableCellID{Row: 0, Col: 1})
	assert.Equal(t, []int64{1}, rec.all()[0].Value.Ints(), "the filtered row keeps its original index")

	entry.SetText("150")
	assert.Equal(t, []int{0, 2, 3}, v.DisplayRows(), "numbers match as shown")
	entry.SetText("")
	assert.Equal(t, []int{0, 1, 2, 3}, v.DisplayRows())
	assert.Equal(t, []int64{1}, v.Selected())
}

func TestTable_selectionFromSession(t *testing.T) {
	test.NewTempApp(t)
	tbl := irisTable()
	tbl.Selection = sdk.SelectMulti
	tbl.SelectedRows = []int{0}
	rec := &recorder{}
	r := ui.Render(tbl, rec.set, nil)
	v := r.Object.(*ui.TableView)
	show(t, v, 800, 500)
	assert.Equal(t, []int64{0}, v.Selected(), "the initial selection shows")

	tbl.SelectedRows = []int{1, 3, 99}
	require.True(t, r.Update(tbl))
	assert.Equal(t, []int64{1, 3}, v.Selected(), "rows out of range are ignored")
	assert.Empty(t, rec.all(), "a change from the session is not sent back")
}

func TestTable_virtualised(t *testing.T) {
	test.NewTempApp(t)
	tbl := &sdk.Table{Columns: []sdk.Column{{Title: "i", Type: sdk.CellNumber}, {Title: "x", Type: sdk.CellNumber}, {Title: "label"}}, Sortable: true, Filterable: true}
	for i := range 10000 {
		tbl.Rows = append(tbl.Rows, sdk.Row{Cells: []sdk.Cell{sdk.NumberCell(float64(i)), sdk.NumberCell(float64(i) / 7), sdk.TextCell(fmt.Sprintf("row %d", i))}})
	}
	v, _ := renderTable(t, tbl, nil, nil)
	rows, cols := v.Table().Length()
	assert.Equal(t, 10000, rows)
	assert.Equal(t, 3, cols)
	built := len(all[*ui.TableCell](v))
	assert.Less(t, built, 3*60, "only the visible cells are built, not 30,000")
	assert.Positive(t, built)

	v.SortBy(0)
	v.SortBy(0)
	assert.Equal(t, 9999, v.DisplayRows()[0])
	test.Type(one[*widget.Entry](t, v), "row 123")
	assert.Equal(t, []int{1239, 1238, 1237, 1236, 1235, 1234, 1233, 1232, 1231, 1230, 123}, v.DisplayRows())
}

func TestTable_markup(t *testing.T) {
	test.NewTempApp(t)
	tbl := irisTable()
	tbl.Selection = sdk.SelectMulti
	tbl.SelectedRows = []int{1}
	tbl.Sortable = true
	tbl.Rows[2].Cells[2] = tbl.Rows[2].Cells[2].Styled(3)
	_, w := renderTable(t, tbl, nil, func(sdk.EntityRef) {})
	assertMarkup(t, "table/small.xml", w.Canvas())
}

// A cell's text is cut with an ellipsis only when it is wider than its
// column; text that fits is shown whole, not run through Fyne's cutting.
func TestTable_cutsOnlyWhatDoesNotFit(t *testing.T) {
	test.NewTempApp(t)
	long := strings.TrimSpace(strings.Repeat("a long description ", 40))
	tbl := &sdk.Table{
		Columns: []sdk.Column{{Title: "Text", Type: sdk.CellText}},
		Rows:    []sdk.Row{{Cells: []sdk.Cell{sdk.TextCell("short")}}, {Cells: []sdk.Cell{sdk.TextCell(long)}}},
	}
	v, _ := renderTable(t, tbl, nil, nil)
	drawn := func(c *ui.TableCell) string {
		var s string
		for _, txt := range all[*canvas.Text](c.Label()) {
			s += txt.Text
		}
		return s
	}
	short, cut := cellAt(t, v, "short"), cellAt(t, v, long)
	assert.Equal(t, fyne.TextTruncateOff, short.Label().Truncation)
	assert.Equal(t, "short", drawn(short))
	assert.Equal(t, fyne.TextTruncateEllipsis, cut.Label().Truncation)
	assert.True(t, strings.HasSuffix(drawn(cut), "…"), "drawn as %q", drawn(cut))
	assert.Less(t, len(drawn(cut)), len(long))
}
