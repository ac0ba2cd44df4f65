package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"github.com/stretchr/testify/assert"

	"github.com/openml-dash/openml-dash/host/session"
	"github.com/openml-dash/openml-dash/sdk"
)

// The faces a page is prepared with are those its markdown uses,
// wherever the text is; a page of plain and bold text needs no others.
func TestPageStyles(t *testing.T) {
	open := func(tabs ...sdk.Tab) *session.Session {
		s := session.New(sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindData, ID: 1},
			[]session.Part{{Plugin: "core", Page: &sdk.Page{Tabs: tabs}}}, session.Options{})
		t.Cleanup(s.Close)
		return s
	}
	italic, mono := fyne.TextStyle{Italic: true}, fyne.TextStyle{Monospace: true}

	plain := open(sdk.Tab{ID: "a", Children: []sdk.Component{
		&sdk.Text{Markdown: "A **bold** name, an escaped \\*star\\* and a_b"},
		&sdk.Container{Children: []sdk.Component{(*sdk.Text)(nil), &sdk.Heading{Text: "*not markdown*"}}},
	}})
	styles := pageStyles(plain)
	assert.NotContains(t, styles, italic)
	assert.NotContains(t, styles, mono)
	assert.Contains(t, styles, fyne.TextStyle{Bold: true})

	cases := map[string]struct {
		md   string
		want fyne.TextStyle
	}{
		"emphasis":          {"an *italic* word", italic},
		"inline code":       {"call `f(x)`", mono},
		"code block":        {"```\nx = 1\n```", mono},
		"quote":             {"> quoted", italic},
		"in a list":         {"- *one*", italic},
		"in a table's cell": {"| a |\n| --- |\n| `b` |", mono},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			// Nested in a container and a slot, on a second tab.
			s := open(sdk.Tab{ID: "a", Children: []sdk.Component{&sdk.Text{Markdown: "plain"}}},
				sdk.Tab{ID: "b", Children: []sdk.Component{&sdk.Container{Children: []sdk.Component{
					&sdk.Slot{ID: "s", Children: []sdk.Component{&sdk.Text{Markdown: tc.md}}},
				}}}})
			assert.Contains(t, pageStyles(s), tc.want)
		})
	}
}
