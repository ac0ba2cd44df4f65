package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
)

// shortcut is a key with the platform's shortcut modifier (Ctrl, or Cmd
// on macOS).
func shortcut(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

// installMenu sets the window's main menu. Menu shortcuts work whatever
// has the focus, the URL bar included, because Fyne tries them first.
func (u *UI) installMenu() {
	u.historyMenu = fyne.NewMenu("History")
	quit := fyne.NewMenuItem("Quit", func() { fyne.CurrentApp().Quit() })
	quit.IsQuit = true
	quit.Shortcut = shortcut(fyne.KeyQ)
	file := fyne.NewMenu("File",
		item("Open URL…", shortcut(fyne.KeyL), u.FocusURL),
		item("Open data file…", shortcut(fyne.KeyO), u.openFileDialog),
		item("Save page to folder…", shortcut(fyne.KeyS), u.savePageDialog),
		fyne.NewMenuItemSeparator(),
		item("Close window", shortcut(fyne.KeyW), func() { fyne.CurrentApp().Quit() }),
		quit,
	)
	edit := fyne.NewMenu("Edit",
		item("Copy selected table rows", nil, func() { u.copyRows() }),
		item("Find in table", shortcut(fyne.KeyF), u.FocusFilter),
		item("Export table as CSV…", nil, u.exportTableDialog),
	)
	goMenu := fyne.NewMenu("Go",
		item("Back", &desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierAlt}, u.Back),
		item("Forward", &desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierAlt}, u.Forward),
		item("Reload", shortcut(fyne.KeyR), u.Reload),
		fyne.NewMenuItemSeparator(),
		&fyne.MenuItem{Label: "Recent pages", ChildMenu: u.historyMenu},
	)
	u.themeItems = map[string]*fyne.MenuItem{}
	var themes []*fyne.MenuItem
	for _, v := range []string{variantSystem, variantLight, variantDark} {
		it := fyne.NewMenuItem(strings.ToUpper(v[:1])+v[1:]+" theme", func() {
			u.look.setVariant(v)
			u.refreshThemeMenu()
		})
		u.themeItems[v] = it
		themes = append(themes, it)
	}
	view := fyne.NewMenu("View", append(themes,
		fyne.NewMenuItemSeparator(),
		item("Larger text", shortcut(fyne.KeyEqual), func() { u.look.stepText(1) }),
		item("Smaller text", shortcut(fyne.KeyMinus), func() { u.look.stepText(-1) }),
		item("Normal text size", shortcut(fyne.Key0), func() { u.look.stepText(0) }),
	)...)
	help := fyne.NewMenu("Help",
		item("Keyboard shortcuts", nil, u.showShortcuts),
		item("About openml-dash", nil, u.showAbout),
	)
	u.menu = fyne.NewMainMenu(file, edit, goMenu, view, help)
	u.refreshThemeMenu()
	u.refreshHistoryMenu()
	u.w.SetMainMenu(u.menu)

	c := u.w.Canvas()
	// Ctrl+C outside a text field copies the rows selected in a table; in
	// a field, the field copies its text (Fyne gives it the shortcut).
	c.AddShortcut(&fyne.ShortcutCopy{}, func(fyne.Shortcut) { u.copyRows() })
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyF5 {
			u.Reload()
		}
	})
}

func item(label string, sc fyne.Shortcut, action func()) *fyne.MenuItem {
	it := fyne.NewMenuItem(label, action)
	it.Shortcut = sc
	return it
}

func (u *UI) refreshThemeMenu() {
	for v, it := range u.themeItems {
		it.Checked = v == u.look.variant
	}
	if u.menu != nil {
		u.menu.Refresh()
	}
}

// refreshHistoryMenu lists the recently opened pages, newest first.
func (u *UI) refreshHistoryMenu() {
	if u.historyMenu == nil {
		return
	}
	u.historyMenu.Items = nil
	for _, s := range u.hist.recent {
		u.historyMenu.Items = append(u.historyMenu.Items, fyne.NewMenuItem(s, func() { u.OpenText(s) }))
	}
	if len(u.historyMenu.Items) == 0 {
		none := fyne.NewMenuItem("(no pages yet)", nil)
		none.Disabled = true
		u.historyMenu.Items = append(u.historyMenu.Items, none)
	}
	u.menu.Refresh()
}

// FocusURL puts the cursor in the URL bar with its text selected, so
// typing replaces it.
func (u *UI) FocusURL() {
	fyne.Do(func() {
		u.w.Canvas().Focus(u.entry)
		u.entry.TypedShortcut(&fyne.ShortcutSelectAll{})
	})
}

// FocusFilter puts the cursor in the filter of the shown tab's first
// filterable table.
func (u *UI) FocusFilter() {
	fyne.Do(func() {
		if st := u.shownTab(); st != nil && len(st.filters) > 0 {
			u.w.Canvas().Focus(st.filters[0])
		}
	})
}

// shownTab is the state of the tab on screen, nil without a page.
func (u *UI) shownTab() *tabState {
	if u.view == nil || u.view.tabs == nil {
		return nil
	}
	i := u.view.tabs.SelectedIndex()
	if i < 0 || i >= len(u.view.states) {
		return nil
	}
	return u.view.states[i]
}

// activeTable is the table of the shown tab that was used last, else its
// first table.
func (u *UI) activeTable() *tableView {
	st := u.shownTab()
	if st == nil {
		return nil
	}
	if st.lastTable != nil {
		return st.lastTable
	}
	if len(st.tables) > 0 {
		return st.tables[0]
	}
	return nil
}

// copyRows copies the selected rows of the active table as TSV, with its
// header; it says so in the status line.
func (u *UI) copyRows() {
	t := u.activeTable()
	if t == nil {
		u.status.setActivity("No table here to copy from.")
		return
	}
	rows := t.copySelected(fyne.CurrentApp().Clipboard())
	if rows == 0 {
		u.status.setActivity("Select rows in the table first (click them), then copy.")
		return
	}
	u.status.setActivity(fmt.Sprintf("Copied %d rows as tab-separated text.", rows))
}

func (u *UI) exportTableDialog() {
	if t := u.activeTable(); t != nil {
		t.exportDialog(u.w)
	} else {
		u.status.setActivity("No table here to export.")
	}
}

// openFileDialog asks for a local data file and opens its data page.
func (u *UI) openFileDialog() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		u.OpenText(path)
	}, u.w)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".arff", ".gz", ".parquet", ".csv", ".tsv", ".txt"}))
	d.Show()
}

// savePageDialog asks for a folder and writes the page into it as the
// render command does, at the size the page has in the window.
func (u *UI) savePageDialog() {
	sess := u.Current()
	if sess == nil {
		u.status.setError("No page is open to save.")
		return
	}
	size := u.page.Size()
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		u.status.setActivity("Saving the page…")
		go func() {
			saved, err := SavePage(sess, dir.Path(), SaveOptions{Size: size, Charts: true, OnMain: fyne.DoAndWait})
			fyne.Do(func() {
				if err != nil {
					u.status.setActivity("")
					dialog.ShowError(fmt.Errorf("could not save the page: %w", err), u.w)
					return
				}
				u.status.setActivity(fmt.Sprintf("Saved %d tabs and %d charts to %s.", saved.Tabs, saved.Charts, dir.Path()))
			})
		}()
	}, u.w)
	d.Show()
}

// shortcutsText lists the keyboard shortcuts, for Help.
const shortcutsText = `Ctrl+L	Go to the URL bar
Enter	Open the URL typed
Alt+Left / Alt+Right	Back / Forward
Ctrl+R or F5	Reload the page
Ctrl+F	Filter the table on this tab
Ctrl+C	Copy the selected table rows (tab-separated)
Ctrl+O	Open a local data file
Ctrl+S	Save the page to a folder
Ctrl+= / Ctrl+- / Ctrl+0	Larger / smaller / normal text
Ctrl+W or Ctrl+Q	Quit
Right-click a chart	Save it as PNG or SVG
Right-click a table	Copy rows or export CSV`

func (u *UI) showShortcuts() {
	grid := container.NewGridWithColumns(2)
	for _, line := range strings.Split(shortcutsText, "\n") {
		k, what, _ := strings.Cut(line, "\t")
		grid.Add(widget.NewLabelWithStyle(k, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		grid.Add(widget.NewLabel(what))
	}
	dialog.ShowCustom("Keyboard shortcuts", "Close", grid, u.w)
}

func (u *UI) showAbout() {
	text := appName
	if u.opts.About != nil {
		text = u.opts.About()
	}
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("About openml-dash", "Close", container.NewVScroll(l), u.w)
	d.Resize(fyne.NewSize(min(640, u.w.Canvas().Size().Width-40), min(480, u.w.Canvas().Size().Height-40)))
	d.Show()
}
