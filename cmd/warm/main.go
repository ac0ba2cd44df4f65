package main

import (
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
	_ "fyne.io/fyne/v2/test"
	_ "fyne.io/fyne/v2/driver/software"
)

func main() {
	a := app.New()
	w := a.NewWindow("x")
	w.SetContent(widget.NewLabel("x"))
}
