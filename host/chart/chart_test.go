package chart_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"html"
	"image"
	"image/png"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/chart"
	"github.com/openml-dash/openml-dash/sdk"
)

// svgTexts parses an SVG document as XML and returns its text elements.
func svgTexts(t *testing.T, doc []byte) []string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	var texts []string
	inText := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err, "the SVG is well-formed XML")
		switch tok := tok.(type) {
		case xml.StartElement:
			inText = tok.Name.Local == "text"
		case xml.CharData:
			if inText {
				texts = append(texts, string(tok))
			}
		case xml.EndElement:
			inText = false
		}
	}
	return texts
}

// TestRender_everyKindBothFormats draws one chart of each kind as a PNG
// (it decodes, at the size asked, and is not blank) and as an SVG (it
// parses as XML and holds the title).
func TestRender_everyKindBothFormats(t *testing.T) {
	t.Parallel()
	for name, spec := range allKinds() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			opts := testOpts
			var buf bytes.Buffer
			require.NoError(t, chart.Render(spec, opts, &buf))
			img, err := png.Decode(&buf)
			require.NoError(t, err)
			assert.Equal(t, image.Rect(0, 0, opts.Width, opts.Height), img.Bounds())
			colours := map[[3]uint32]bool{}
			for y := 0; y < opts.Height; y += 3 {
				for x := 0; x < opts.Width; x += 3 {
					r, g, b, _ := img.At(x, y).RGBA()
					colours[[3]uint32{r, g, b}] = true
				}
			}
			assert.Greater(t, len(colours), 10, "the PNG shows a chart")

			opts.Format = chart.SVG
			buf.Reset()
			require.NoError(t, chart.Render(spec, opts, &buf))
			texts := svgTexts(t, buf.Bytes())
			assert.Contains(t, texts, spec.Title)
			assert.Less(t, buf.Len(), 1<<20, "the SVG stays under a megabyte")
		})
	}
}

// TestRender_svgOfAMillionPoints checks that the SVG of a huge scatter
// stays small and says it shows density.
func TestRender_svgOfAMillionPoints(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	opts := testOpts
	opts.Format = chart.SVG
	require.NoError(t, chart.Render(bigScatter(1_000_000), opts, &buf))
	assert.Less(t, buf.Len(), 400<<10)
	assert.Contains(t, svgTexts(t, buf.Bytes()), "1,000,000 points, drawn as density")
}

// TestRender_deterministic checks that the same chart draws the same
// bytes twice, density cells included.
func TestRender_deterministic(t *testing.T) {
	t.Parallel()
	for _, spec := range []*sdk.Chart{bigScatter(200_000), violinSpec(), parcatsSpec()} {
		var a, b bytes.Buffer
		l1, err := chart.NewLayout(spec, testOpts)
		require.NoError(t, err)
		l2, err := chart.NewLayout(spec, testOpts)
		require.NoError(t, err)
		require.NoError(t, l1.Render(&a, chart.PNG))
		require.NoError(t, l2.Render(&b, chart.PNG))
		assert.True(t, bytes.Equal(a.Bytes(), b.Bytes()), spec.Title)
	}
}

// TestRender_escapesText checks that markup in a title stays text.
func TestRender_escapesText(t *testing.T) {
	t.Parallel()
	spec := barSpec()
	spec.Title = `a < b & "c"`
	opts := testOpts
	opts.Format = chart.SVG
	var buf bytes.Buffer
	require.NoError(t, chart.Render(spec, opts, &buf))
	assert.Contains(t, svgTexts(t, buf.Bytes()), spec.Title)
	assert.Contains(t, buf.String(), html.EscapeString(spec.Title))
}

// TestRender_errors lists what cannot be drawn at all.
func TestRender_errors(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		spec *sdk.Chart
		opts chart.Options
		want string
	}{
		"nil":         {nil, testOpts, "no chart spec"},
		"unspecified": {&sdk.Chart{ID: "x"}, testOpts, `chart "x": chart kind is unspecified`},
		"too small":   {barSpec(), chart.Options{Width: 10, Height: 400}, "too small"},
		"too large":   {barSpec(), chart.Options{Width: 20000, Height: 400}, "too large"},
		"format":      {barSpec(), chart.Options{Width: 400, Height: 400, Format: 7}, "unknown output format"},
		"heatmap shape": {&sdk.Chart{Kind: sdk.ChartHeatmap, Series: []sdk.Series{{Z: []float64{1, 2}}}}, testOpts,
			"no x or y categories"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			err := chart.Render(tc.spec, tc.opts, io.Discard)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			_, err = chart.Image(tc.spec, tc.opts)
			assert.Error(t, err)
		})
	}
}

// TestRender_notDrawnHere checks that a kind this version does not know,
// and specs without the fields a kind needs, still draw a picture.
func TestRender_notDrawnHere(t *testing.T) {
	t.Parallel()
	for name, spec := range map[string]*sdk.Chart{
		"future kind":          {Kind: sdk.ChartKind(99), Title: "t"},
		"matrix without dims":  {Kind: sdk.ChartScatterMatrix, Title: "t"},
		"parcats with one dim": {Kind: sdk.ChartParallelCategories, Title: "t", Dimensions: []sdk.Axis{{Title: "a"}}},
		"empty pie":            {Kind: sdk.ChartPie, Title: "t"},
		"empty violin":         {Kind: sdk.ChartViolin, Title: "t"},
	} {
		for _, f := range []chart.Format{chart.PNG, chart.SVG} {
			opts := testOpts
			opts.Format = f
			assert.NoError(t, chart.Render(spec, opts, io.Discard), "%s as %s", name, f)
		}
	}
}

// titleHeight is the height of the first run of rows of img with pixels
// that are not the background: the title's ink.
func titleHeight(img *image.RGBA) int {
	bg := img.RGBAAt(0, 0)
	n := 0
	for y := 0; y < img.Rect.Max.Y; y++ {
		ink := false
		for x := 0; x < img.Rect.Max.X && !ink; x++ {
			ink = img.RGBAAt(x, y) != bg
		}
		switch {
		case ink:
			n++
		case n > 0:
			return n
		}
	}
	return n
}

// TestOptions_textSizeAndScale checks that the title grows with
// Options.TextSize and with Options.Scale.
func TestOptions_textSizeAndScale(t *testing.T) {
	t.Parallel()
	spec := barSpec()
	base := titleHeight(draw(t, spec, testOpts))
	bigText := testOpts
	bigText.TextSize = 18
	bigger := titleHeight(draw(t, spec, bigText))
	scaled := testOpts
	scaled.Scale = 1.5
	scaledRows := titleHeight(draw(t, spec, scaled))
	assert.Greater(t, base, 8)
	assert.InDelta(t, 1.5*float64(base), float64(bigger), 3)
	assert.InDelta(t, 1.5*float64(base), float64(scaledRows), 3)
}

// TestOptions_dark checks the dark theme's background and that series
// keep a colour of their own there.
func TestOptions_dark(t *testing.T) {
	t.Parallel()
	opts := testOpts
	opts.Dark = true
	img := draw(t, groupedBarSpec(), opts)
	bg := img.RGBAAt(0, 0)
	assert.Less(t, int(bg.R)+int(bg.G)+int(bg.B), 3*64, "a dark background")
	found := 0
	for y := 0; y < opts.Height; y++ {
		if len(rowRuns(img, y, is(chart.SeriesColor(1, true), 0))) > 0 {
			found++
		}
	}
	assert.Positive(t, found, "the dark palette's colour is drawn")
}

// TestRender_longLabelsShortened checks that a category name too long for
// the axis is drawn shortened with an ellipsis (TestHitTest_bar checks the
// full name comes back from a hit).
func TestRender_longLabelsShortened(t *testing.T) {
	t.Parallel()
	spec := barSpec()
	opts := testOpts
	opts.Format = chart.SVG
	var buf bytes.Buffer
	require.NoError(t, chart.Render(spec, opts, &buf))
	texts := svgTexts(t, buf.Bytes())
	full := spec.X.Categories[0]
	assert.NotContains(t, texts, full)
	shortened := false
	for _, s := range texts {
		if head, tail, ok := strings.Cut(s, "…"); ok && strings.HasPrefix(full, head) && strings.HasSuffix(full, tail) && len(head) > 5 && len(tail) > 5 {
			shortened = true
		}
	}
	assert.True(t, shortened, "%q is shown shortened in the middle among %q", full, texts)
	assert.Contains(t, texts, "sepal width", "short names stay whole")
}
