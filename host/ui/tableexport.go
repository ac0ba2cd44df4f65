package ui

import (
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/openml-dash/openml-dash/sdk"
)

// showMenu offers, at a right click, to copy the table's rows or export
// it.
func (v *tableView) showMenu(ev *fyne.PointEvent) {
	c := fyne.CurrentApp().Driver().CanvasForObject(v)
	win := windowOf(v)
	if c == nil || win == nil {
		return
	}
	copySel := fyne.NewMenuItem("Copy selected rows", func() { v.copySelected(fyne.CurrentApp().Clipboard()) })
	copySel.Disabled = len(v.selected) == 0
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("",
		copySel,
		fyne.NewMenuItem("Copy all shown rows", func() { fyne.CurrentApp().Clipboard().SetContent(v.text('\t', v.view)) }),
		fyne.NewMenuItem("Export as CSV…", func() { v.exportDialog(win) }),
	), c, ev.AbsolutePosition)
}

// copySelected puts the selected rows, in the order shown, with the
// header, on the clipboard as tab-separated text (what spreadsheets paste
// as cells). It returns how many rows it copied.
func (v *tableView) copySelected(cb fyne.Clipboard) int {
	var rows []int
	for _, r := range v.view {
		if v.selected[r] {
			rows = append(rows, r)
		}
	}
	if len(rows) == 0 {
		return 0
	}
	cb.SetContent(v.text('\t', rows))
	return len(rows)
}

// text writes the header and rows (original indices) separated by sep:
// CSV quoting for a comma, plain cells with tabs and newlines replaced by
// spaces for a tab. Numbers are written in full, not as shown.
func (v *tableView) text(sep rune, rows []int) string {
	var b strings.Builder
	header := make([]string, len(v.spec.Columns))
	for i, c := range v.spec.Columns {
		header[i] = c.Title
	}
	records := [][]string{header}
	for _, r := range rows {
		rec := make([]string, len(v.spec.Columns))
		for col := range v.spec.Columns {
			rec[col] = exportCell(v.cell(r, col))
		}
		records = append(records, rec)
	}
	if sep == ',' {
		w := csv.NewWriter(&b)
		_ = w.WriteAll(records) // a strings.Builder does not fail
		return b.String()
	}
	clean := strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")
	for _, rec := range records {
		for i, f := range rec {
			if i > 0 {
				b.WriteRune(sep)
			}
			b.WriteString(clean.Replace(f))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// exportCell is a cell as exported: numbers at full precision, missing
// cells empty, links as their text.
func exportCell(c sdk.Cell) string {
	switch {
	case c.Missing:
		return ""
	case c.Type == sdk.CellNumber:
		return strconv.FormatFloat(c.Number, 'g', -1, 64)
	}
	return formatCell(c)
}

// exportDialog asks where to save the rows shown (filtered and sorted as
// on screen) as CSV.
func (v *tableView) exportDialog(win fyne.Window) {
	data := v.text(',', v.view)
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		defer w.Close()
		if _, err := w.Write([]byte(data)); err != nil {
			dialog.ShowError(fmt.Errorf("could not save the table: %w", err), win)
		}
	}, win)
	name := v.spec.ID
	if name == "" {
		name = "table"
	}
	d.SetFileName(safeName(name) + ".csv")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	d.Show()
}
