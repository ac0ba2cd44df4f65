package arff_test

import (
	"context"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk/arff"
	"github.com/openml-dash/openml-dash/sdk/frame"
)

// col is a column in a form that compares with assert.Equal: one cell per
// row, nil for a missing value, the level text for a nominal value.
type col struct {
	Name   string
	Kind   frame.Kind
	Levels []string
	Cells  []any
}

func num(name string, cells ...any) col { return col{Name: name, Kind: frame.Numeric, Cells: cells} }
func str(name string, cells ...any) col { return col{Name: name, Kind: frame.String, Cells: cells} }
func date(name string, cells ...any) col {
	return col{Name: name, Kind: frame.Date, Cells: cells}
}
func nom(name string, levels []string, cells ...any) col {
	return col{Name: name, Kind: frame.Nominal, Levels: levels, Cells: cells}
}

// columns turns a frame into cols, checking on the way that each column
// keeps the frame's conventions (missing values marked both ways, codes in
// range, equal lengths). Sparse columns give the same cells as dense ones.
func columns(t testing.TB, f *frame.Frame) []col {
	t.Helper()
	var out []col
	for _, c := range f.Columns {
		require.Equal(t, f.Rows(), c.Len(), "column %q length", c.Name)
		cc := col{Name: c.Name, Kind: c.Kind, Levels: c.Levels}
		for i := range c.Len() {
			missing := c.IsMissing(i)
			var cell any
			switch c.Kind {
			case frame.Nominal:
				code := c.Codes[i]
				require.Equal(t, missing, code == frame.MissingCode, "column %q row %d: missing mark and code disagree", c.Name, i)
				if !missing {
					require.Less(t, int(code), len(c.Levels), "column %q row %d", c.Name, i)
					cell = c.Levels[code]
				}
			case frame.String:
				if !missing {
					cell = c.Strings[i]
				} else {
					require.Empty(t, c.Strings[i])
				}
			default:
				v := c.Float(i)
				require.Equal(t, missing, math.IsNaN(v), "column %q row %d: missing mark and NaN disagree", c.Name, i)
				if !missing {
					cell = v
				}
			}
			cc.Cells = append(cc.Cells, cell)
		}
		out = append(out, cc)
	}
	return out
}

func readString(t testing.TB, text string, opts arff.Options) (*frame.Frame, error) {
	t.Helper()
	return arff.Read(context.Background(), strings.NewReader(text), opts)
}

// requireError checks that err is an *arff.Error at line and column whose
// message contains msg.
func requireError(t testing.TB, err error, line, column int, msg string) {
	t.Helper()
	var aerr *arff.Error
	require.ErrorAs(t, err, &aerr, "got %v", err)
	assert.Equal(t, line, aerr.Line, "line of %q", aerr.Msg)
	assert.Equal(t, column, aerr.Column, "column of %q", aerr.Msg)
	assert.Contains(t, aerr.Msg, msg)
}

func strconvItoa(i int) string { return strconv.Itoa(i) }
