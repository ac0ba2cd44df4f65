package ui_test

import (
	"testing"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/ui"
	"github.com/openml-dash/openml-dash/sdk"
)

func TestNotice_levelsDiffer(t *testing.T) {
	test.NewTempApp(t)
	type look struct {
		importance widget.Importance
		icon       string
	}
	looks := map[sdk.NoticeLevel]look{}
	for _, level := range []sdk.NoticeLevel{sdk.Info, sdk.Warning, sdk.Error} {
		r := ui.Render(&sdk.Notice{Level: level, Summary: "Summary " + level.String(), Detail: "Detail text"}, nil, nil)
		show(t, r.Object, 400, 200)
		var summary *widget.Label
		for _, l := range all[*widget.Label](r.Object) {
			if l.Text == "Summary "+level.String() {
				summary = l
			}
		}
		require.NotNil(t, summary, "summary shown")
		assert.True(t, summary.TextStyle.Bold)
		assert.Contains(t, texts(r.Object), "Detail text")
		icon := one[*widget.Icon](t, r.Object)
		require.NotNil(t, icon.Resource)
		looks[level] = look{summary.Importance, icon.Resource.Name()}
	}
	assert.NotEqual(t, looks[sdk.Info], looks[sdk.Warning])
	assert.NotEqual(t, looks[sdk.Warning], looks[sdk.Error])
	assert.NotEqual(t, looks[sdk.Info], looks[sdk.Error])
	assert.Equal(t, widget.DangerImportance, looks[sdk.Error].importance)
	assert.Equal(t, widget.WarningImportance, looks[sdk.Warning].importance)
}

func TestNotice_withoutDetail(t *testing.T) {
	test.NewTempApp(t)
	r := ui.Render(&sdk.Notice{Level: sdk.Info, Summary: "Only this"}, nil, nil)
	show(t, r.Object, 400, 200)
	assert.Equal(t, []string{"Only this"}, texts(r.Object))
}

func TestNotice_markup(t *testing.T) {
	test.NewTempApp(t)
	box := container.NewVBox(
		ui.Render(&sdk.Notice{Level: sdk.Info, Summary: "150 instances", Detail: "No missing values."}, nil, nil).Object,
		ui.Render(&sdk.Notice{Level: sdk.Warning, Summary: "No target feature", Detail: "Pick one above."}, nil, nil).Object,
		ui.Render(&sdk.Notice{Level: sdk.Error, Summary: "Could not load the data", Detail: "The server did not answer."}, nil, nil).Object,
	)
	w := show(t, box, 400, 300)
	assertMarkup(t, "notice/levels.xml", w.Canvas())
}
