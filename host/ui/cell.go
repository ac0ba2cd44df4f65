package ui

import (
	"cmp"
	"math"
	"strconv"
	"strings"

	"github.com/openml-dash/openml-dash/sdk"
)

// missingText stands for a missing cell.
const missingText = "—"

// formatCell is the text a table shows for a cell.
func formatCell(c sdk.Cell) string {
	if c.Missing {
		return missingText
	}
	switch c.Type {
	case sdk.CellNumber:
		return formatNumber(c.Number)
	case sdk.CellBool:
		if c.Flag {
			return "yes"
		}
		return "no"
	case sdk.CellLink:
		if c.Text == "" {
			return c.Link.String()
		}
	}
	return c.Text
}

// formatNumber writes integers without decimals and other numbers with
// four significant digits.
func formatNumber(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "∞"
	case math.IsInf(f, -1):
		return "-∞"
	case f == 0:
		return "0" // also for -0
	case f == math.Trunc(f) && math.Abs(f) < 1e15:
		return strconv.FormatFloat(f, 'f', 0, 64)
	}
	return strconv.FormatFloat(f, 'g', 4, 64)
}

// compareCells orders two cells of one column: numbers and flags by value,
// text case-insensitively. Missing cells are not compared here (they sort
// last in either direction).
func compareCells(a, b sdk.Cell) int {
	if a.Type == sdk.CellNumber && b.Type == sdk.CellNumber {
		switch {
		case a.Number < b.Number:
			return -1
		case a.Number > b.Number:
			return 1
		case math.IsNaN(a.Number) != math.IsNaN(b.Number):
			if math.IsNaN(a.Number) {
				return 1
			}
			return -1
		}
		return 0
	}
	if a.Type == sdk.CellBool && b.Type == sdk.CellBool {
		switch {
		case a.Flag == b.Flag:
			return 0
		case a.Flag:
			return 1
		}
		return -1
	}
	ta, tb := formatCell(a), formatCell(b)
	// Ids shown as links or text ("59", "146035") sort as numbers, so that
	// 59 comes before 146035.
	if na, err := strconv.ParseFloat(ta, 64); err == nil {
		if nb, err := strconv.ParseFloat(tb, 64); err == nil && !math.IsNaN(na) && !math.IsNaN(nb) {
			return cmp.Compare(na, nb)
		}
	}
	return strings.Compare(strings.ToLower(ta), strings.ToLower(tb))
}
