package ui_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/openml-dash/openml-dash/host/ui"
	"github.com/openml-dash/openml-dash/sdk"
)

// Ids in link or text cells sort by value; other text by letters.
func TestCompareCells(t *testing.T) {
	link := func(s string) sdk.Cell {
		return sdk.Cell{Type: sdk.CellLink, Text: s, Link: sdk.EntityRef{Kind: sdk.KindTask, ID: 1}}
	}
	assert.Negative(t, ui.CompareCells(link("59"), link("146035")), "59 before 146035")
	assert.Negative(t, ui.CompareCells(sdk.TextCell("9"), sdk.TextCell("10")))
	assert.Negative(t, ui.CompareCells(sdk.TextCell("2.5"), sdk.TextCell("10")))
	assert.Negative(t, ui.CompareCells(sdk.TextCell("Iris"), sdk.TextCell("kr-vs-kp")), "letters ignore case")
	assert.Negative(t, ui.CompareCells(sdk.TextCell("10"), sdk.TextCell("9 runs")), "text that is not a number sorts as text")
	assert.Zero(t, ui.CompareCells(sdk.NumberCell(3), sdk.NumberCell(3)))
}
