package chart_test

import (
	"image/color"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/chart"
	"github.com/openml-dash/openml-dash/sdk"
)

// The hit tests find marks by their colour in the drawn image, then ask
// HitTest about those pixels: drawing and hit-testing must agree.

func series(i int) color.RGBA { return chart.SeriesColor(i, false) }

// TestHitTest_bar finds each bar of a bar chart near its base and checks
// the hit names its category in full (the axis shows it shortened), its
// value, and that the space above the shortest bar is a miss.
func TestHitTest_bar(t *testing.T) {
	t.Parallel()
	spec := barSpec()
	img := draw(t, spec, testOpts)
	bar := is(series(0), 0)
	// The lowest row with bar colour is the bars' base.
	base := -1
	for y := img.Rect.Max.Y - 1; y >= 0 && base < 0; y-- {
		if len(rowRuns(img, y, bar)) == len(spec.Series[0].Y) {
			base = y
		}
	}
	require.Positive(t, base, "five bars standing on the axis")
	runs := rowRuns(img, base, bar)
	for k, r := range runs {
		h, ok := chart.HitTest(spec, testOpts, r.mid(), base)
		require.True(t, ok, "bar %d", k)
		assert.Equal(t, 0, h.Series)
		assert.Equal(t, k, h.Index)
		assert.Equal(t, "gain", h.SeriesName)
		assert.Equal(t, float64(k), h.X)
		assert.Equal(t, spec.Series[0].Y[k], h.Y)
		assert.Equal(t, spec.Series[0].Y[k], h.Value)
		assert.Equal(t, spec.X.Categories[k], h.Label, "the full category name")
		assert.Nil(t, h.Link)
		// The bar's edges belong to it too.
		h, ok = chart.HitTest(spec, testOpts, r.from, base)
		assert.True(t, ok && h.Index == k, "left edge of bar %d", k)
		h, ok = chart.HitTest(spec, testOpts, r.to-1, base)
		assert.True(t, ok && h.Index == k, "right edge of bar %d", k)
		// And the pixels beside it, in the gap between bars, do not.
		_, ok = chart.HitTest(spec, testOpts, r.from-1, base)
		assert.False(t, ok, "left of bar %d", k)
		_, ok = chart.HitTest(spec, testOpts, r.to, base)
		assert.False(t, ok, "right of bar %d", k)
	}
	// Above the shortest bar (the last): up its column past its top.
	x := runs[len(runs)-1].mid()
	col := colRuns(img, x, bar)
	require.NotEmpty(t, col)
	top := col[len(col)-1].from
	_, ok := chart.HitTest(spec, testOpts, x, top-10)
	assert.False(t, ok, "above a bar is a miss")
	_, ok = chart.HitTest(spec, testOpts, x, top)
	assert.True(t, ok, "the bar's top row is a hit")
	_, ok = chart.HitTest(spec, testOpts, x, top-1)
	assert.False(t, ok, "the row above the bar's top is a miss")
	_, ok = chart.HitTest(spec, testOpts, 2, 2)
	assert.False(t, ok, "the corner is a miss")
	_, ok = chart.HitTest(spec, testOpts, -1, 700)
	assert.False(t, ok, "outside the image is a miss")
}

// TestHitTest_horizontalBar finds the bars of a horizontal bar chart down
// the value axis: the first category is at the top.
func TestHitTest_horizontalBar(t *testing.T) {
	t.Parallel()
	spec := barSpec()
	spec.Horizontal = true
	img := draw(t, spec, testOpts)
	bar := is(series(0), 0)
	base := -1
	for x := 0; x < img.Rect.Max.X && base < 0; x++ {
		if len(colRuns(img, x, bar)) == len(spec.Series[0].Y) {
			base = x
		}
	}
	require.Positive(t, base)
	for k, r := range colRuns(img, base, bar) {
		h, ok := chart.HitTest(spec, testOpts, base, r.mid())
		require.True(t, ok, "bar %d", k)
		assert.Equal(t, k, h.Index)
		assert.Equal(t, spec.Series[0].Y[k], h.Value)
		assert.Equal(t, spec.X.Categories[k], h.Label)
	}
	// Right of the shortest bar.
	r := colRuns(img, base, bar)[4]
	runs := rowRuns(img, r.mid(), bar)
	end := runs[len(runs)-1].to
	_, ok := chart.HitTest(spec, testOpts, end+10, r.mid())
	assert.False(t, ok)
}

// TestHitTest_groupedBar tells the two series of a grouped bar chart
// apart, with the series' labels and links.
func TestHitTest_groupedBar(t *testing.T) {
	t.Parallel()
	spec := groupedBarSpec()
	img := draw(t, spec, testOpts)
	for si := range spec.Series {
		bar := is(series(si), 0)
		base := -1
		for y := img.Rect.Max.Y - 1; y >= 0 && base < 0; y-- {
			if len(rowRuns(img, y, bar)) == 3 {
				base = y
			}
		}
		require.Positive(t, base, "series %d", si)
		for k, r := range rowRuns(img, base, bar) {
			h, ok := chart.HitTest(spec, testOpts, r.mid(), base)
			require.True(t, ok)
			assert.Equal(t, si, h.Series)
			assert.Equal(t, k, h.Index)
			assert.Equal(t, spec.Series[si].Name, h.SeriesName)
			assert.Equal(t, spec.Series[si].Y[k], h.Value)
			switch {
			case si == 0 && k == 0:
				assert.Equal(t, "train fold 1", h.Label, "the point's own label")
			default:
				assert.Equal(t, spec.X.Categories[k], h.Label)
			}
			if si == 1 {
				require.NotNil(t, h.Link)
				assert.Equal(t, int64(11+k), h.Link.ID)
			} else {
				assert.Nil(t, h.Link)
			}
		}
	}
}

// TestHitTest_histogramOverlay checks that of overlaid bins the one drawn
// on top is hit, with its bin range as its label.
func TestHitTest_histogramOverlay(t *testing.T) {
	t.Parallel()
	spec := histogramSpec(sdk.BarModeOverlay)
	img := draw(t, spec, testOpts)
	// Bin [4, 5): virginica (25) drawn last, over versicolor (2).
	top := is(over(series(2), 150), 3)
	var hits int
	for y := 0; y < img.Rect.Max.Y; y++ {
		for _, r := range rowRuns(img, y, top) {
			if r.to-r.from < 5 {
				continue
			}
			h, ok := chart.HitTest(spec, testOpts, r.mid(), y)
			require.True(t, ok)
			assert.Equal(t, 2, h.Series)
			hits++
			if h.Index == 4 {
				assert.Equal(t, 25.0, h.Value)
				assert.Equal(t, 4.5, h.X)
				assert.Equal(t, "[4, 5)", h.Label)
			}
		}
	}
	assert.Positive(t, hits)
}

func pointsSpec(xlog, ylog bool) *sdk.Chart {
	return &sdk.Chart{Kind: sdk.ChartScatter, X: sdk.Axis{Log: xlog}, Y: sdk.Axis{Log: ylog}, Series: []sdk.Series{
		{Name: "a", X: []float64{1, 2, 3, 4, 5}, Y: []float64{1, 4, 9, 16, 25},
			Labels: []string{"one", "two", "three", "four", "five"}, Links: []sdk.EntityRef{{Kind: sdk.KindData, ID: 1}, {Kind: sdk.KindData, ID: 2}, {Kind: sdk.KindData, ID: 3}, {Kind: sdk.KindData, ID: 4}, {Kind: sdk.KindData, ID: 5}}},
		{Name: "b", X: []float64{5, 1}, Y: []float64{1, 25}},
	}}
}

// TestHitTest_scatter finds each dot by its colour and checks the hit is
// that point (the dots left to right are the points in x order), on
// linear and log axes; a pixel in empty space is a miss.
func TestHitTest_scatter(t *testing.T) {
	t.Parallel()
	for name, spec := range map[string]*sdk.Chart{"linear": pointsSpec(false, false), "log x and y": pointsSpec(true, true)} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			img := draw(t, spec, testOpts)
			for si, s := range spec.Series {
				bs := blobs(img, is(series(si), 0))
				bs = slices.DeleteFunc(bs, func(b blob) bool { return b.n < 10 })
				require.Len(t, bs, len(s.X), "series %d", si)
				slices.SortFunc(bs, func(a, b blob) int { return int(a.cx - b.cx) })
				order := make([]int, len(s.X))
				for i := range order {
					order[i] = i
				}
				slices.SortFunc(order, func(a, b int) int { return int(s.X[a] - s.X[b]) })
				for k, b := range bs {
					h, ok := chart.HitTest(spec, testOpts, int(b.cx), int(b.cy))
					require.True(t, ok)
					i := order[k]
					assert.Equal(t, si, h.Series)
					assert.Equal(t, i, h.Index)
					assert.Equal(t, s.X[i], h.X)
					assert.Equal(t, s.Y[i], h.Y)
					assert.Equal(t, s.Y[i], h.Value)
					if si == 0 {
						assert.Equal(t, s.Labels[i], h.Label)
						require.NotNil(t, h.Link)
						assert.Equal(t, int64(i+1), h.Link.ID)
					}
					// A few pixels off still hits it.
					h, ok = chart.HitTest(spec, testOpts, int(b.cx)+4, int(b.cy))
					assert.True(t, ok && h.Series == si && h.Index == i, "4 px right of point %d", i)
				}
			}
			// Half way between the first and the last point of "a" lies
			// nothing (the curve bends away from the chord).
			a := blobs(img, is(series(0), 0))
			slices.SortFunc(a, func(p, q blob) int { return int(p.cx - q.cx) })
			_, ok := chart.HitTest(spec, testOpts, int((a[0].cx+a[len(a)-1].cx)/2), int((a[0].cy+a[len(a)-1].cy)/2))
			assert.False(t, ok)
		})
	}
}

// TestHitTest_bigScatter checks hits among a million points drawn as
// density: a dense pixel hits a point near it, an empty corner misses.
func TestHitTest_bigScatter(t *testing.T) {
	t.Parallel()
	spec := bigScatter(1_000_000)
	l, err := chart.NewLayout(spec, testOpts)
	require.NoError(t, err)
	img, err := l.Image()
	require.NoError(t, err)
	// The darkest pixel is the densest cell.
	bx, by, best := 0, 0, 255*3
	for y := 0; y < img.Rect.Max.Y; y++ {
		for x := 0; x < img.Rect.Max.X; x++ {
			c := img.RGBAAt(x, y)
			if s := int(c.R) + int(c.G) + int(c.B); near(c, series(0), 60) && s < best {
				bx, by, best = x, y, s
			}
		}
	}
	h, ok := l.HitTest(bx, by)
	require.True(t, ok)
	assert.Equal(t, spec.Series[0].X[h.Index], h.X)
	assert.Equal(t, spec.Series[0].Y[h.Index], h.Y)
	_, ok = l.HitTest(img.Rect.Max.X-60, img.Rect.Max.Y-60)
	assert.False(t, ok, "the bottom right of the plot is empty")
}

// TestHitTest_line checks a line chart: the ends of a line are its first
// and last points, and a pixel on the line between two points hits one of
// them.
func TestHitTest_line(t *testing.T) {
	t.Parallel()
	spec := lineSpec()
	img := draw(t, spec, testOpts)
	ink := is(series(1), 60)
	// The columns with the series' colour: the line's run of columns
	// comes first, the legend's swatch after a gap.
	var cols []span
	for x := 0; x < img.Rect.Max.X; x++ {
		if len(colRuns(img, x, ink)) == 0 {
			continue
		}
		if n := len(cols); n > 0 && cols[n-1].to == x {
			cols[n-1].to++
		} else {
			cols = append(cols, span{x, x + 1})
		}
	}
	require.Len(t, cols, 2, "the line and the legend's swatch")
	first, last := cols[0].from, cols[0].to-1
	check := func(x, want int) {
		t.Helper()
		runs := colRuns(img, x, ink)
		require.NotEmpty(t, runs)
		h, ok := chart.HitTest(spec, testOpts, x, runs[0].mid())
		require.True(t, ok)
		assert.Equal(t, 1, h.Series)
		if want >= 0 {
			assert.Equal(t, want, h.Index)
		} else {
			assert.Contains(t, []int{1, 2}, h.Index)
		}
		assert.Equal(t, spec.Series[1].Y[h.Index], h.Value)
	}
	check(first+2, 0)
	check(last-2, 3)
	check((first+last)/2, -1)
}

// TestHitTest_heatmap checks every pixel of a 2x2 heatmap: the pixels hit
// as a cell have that cell's colour (dark for 0, bright for 10), and the
// cells sit in their rows and columns.
func TestHitTest_heatmap(t *testing.T) {
	t.Parallel()
	spec := &sdk.Chart{Kind: sdk.ChartHeatmap,
		X: sdk.Axis{Title: "Predicted", Categories: []string{"a", "b"}}, Y: sdk.Axis{Title: "Actual", Categories: []string{"a", "b"}},
		Series: []sdk.Series{{Z: []float64{0, 10, 10, 0}}}}
	img := draw(t, spec, testOpts)
	type stats struct {
		n, right    int
		sumX, sumY  int
		label       string
		x, y, value float64
	}
	cells := map[int]*stats{}
	for y := 0; y < img.Rect.Max.Y; y += 2 {
		for x := 0; x < img.Rect.Max.X; x += 2 {
			h, ok := chart.HitTest(spec, testOpts, x, y)
			if !ok {
				continue
			}
			s := cells[h.Index]
			if s == nil {
				s = &stats{}
				cells[h.Index] = s
			}
			s.n++
			s.sumX += x
			s.sumY += y
			s.label, s.x, s.y, s.value = h.Label, h.X, h.Y, h.Value
			c := img.RGBAAt(x, y)
			lum := int(c.R)*2126 + int(c.G)*7152 + int(c.B)*722
			if dark := lum < 100*10000; dark == (spec.Series[0].Z[h.Index] == 0) {
				s.right++
			}
		}
	}
	require.Len(t, cells, 4)
	for k, s := range cells {
		assert.Greater(t, float64(s.right)/float64(s.n), 0.9, "cell %d has its colour", k)
		assert.Equal(t, float64(k%2), s.x)
		assert.Equal(t, float64(k/2), s.y)
		assert.Equal(t, spec.Series[0].Z[k], s.value)
	}
	cx := func(k int) int { return cells[k].sumX / cells[k].n }
	cy := func(k int) int { return cells[k].sumY / cells[k].n }
	assert.Less(t, cx(0), cx(1), "column a is left of column b")
	assert.Less(t, cy(0), cy(2), "row a is above row b (first row on top)")
	assert.Equal(t, "Actual: b, Predicted: a", cells[2].label)
}

// TestHitTest_box hits a box's body (its category and median) and an
// outlier dot (its sample).
func TestHitTest_box(t *testing.T) {
	t.Parallel()
	spec := boxSpec()
	img := draw(t, spec, testOpts)
	// The outlier of series 0 (sample 120, 0.2 in credit-g) is the lowest
	// mark in its colour.
	ink := is(series(0), 0)
	ox, oy := -1, -1
	for y := img.Rect.Max.Y - 1; y >= 0 && ox < 0; y-- {
		if runs := rowRuns(img, y, ink); len(runs) > 0 {
			ox, oy = runs[0].mid(), y-2
		}
	}
	require.Positive(t, ox)
	h, ok := chart.HitTest(spec, testOpts, ox, oy)
	require.True(t, ok)
	assert.Equal(t, 0, h.Series)
	assert.Equal(t, 120, h.Index)
	assert.Equal(t, 0.2, h.Value)
	assert.Equal(t, "credit-g", h.Label)

	// Box bodies are the series' colour, see-through.
	body := is(over(series(0), 80), 2)
	found := map[int]bool{}
	for y := 0; y < img.Rect.Max.Y; y += 3 {
		for _, r := range rowRuns(img, y, body) {
			h, ok := chart.HitTest(spec, testOpts, r.mid(), y)
			require.True(t, ok)
			assert.Equal(t, 0, h.Series)
			assert.InDelta(t, medianOf(spec.Series[0], h.Index), h.Value, 1e-12)
			assert.Equal(t, spec.X.Categories[h.Index], h.Label)
			found[h.Index] = true
		}
	}
	assert.Len(t, found, 3, "each category's box")
	_, ok = chart.HitTest(spec, testOpts, ox, 2)
	assert.False(t, ok)
}

// medianOf is the median of series s's samples in category c.
func medianOf(s sdk.Series, c int) float64 {
	var vs []float64
	for i, x := range s.X {
		if int(x) == c {
			vs = append(vs, s.Y[i])
		}
	}
	slices.Sort(vs)
	if len(vs)%2 == 1 {
		return vs[len(vs)/2]
	}
	return (vs[len(vs)/2-1] + vs[len(vs)/2]) / 2
}

// TestHitTest_violin hits the violins' see-through bodies.
func TestHitTest_violin(t *testing.T) {
	t.Parallel()
	spec := violinSpec()
	img := draw(t, spec, testOpts)
	fill := is(over(series(1), 90), 2)
	found := map[int]bool{}
	for y := 0; y < img.Rect.Max.Y; y += 3 {
		for _, r := range rowRuns(img, y, fill) {
			if r.to-r.from < 3 {
				continue
			}
			h, ok := chart.HitTest(spec, testOpts, r.mid(), y)
			require.True(t, ok, "violin fill at %d,%d", r.mid(), y)
			assert.Equal(t, 1, h.Series)
			assert.InDelta(t, medianOf(spec.Series[1], h.Index), h.Value, 1e-12)
			found[h.Index] = true
		}
	}
	assert.Len(t, found, 3)
}

// TestHitTest_pie hits each slice by its colour.
func TestHitTest_pie(t *testing.T) {
	t.Parallel()
	spec := pieSpec()
	img := draw(t, spec, testOpts)
	for k, v := range spec.Series[0].Y {
		bs := blobs(img, is(series(k), 0))
		slices.SortFunc(bs, func(a, b blob) int { return b.n - a.n })
		require.NotEmpty(t, bs)
		h, ok := chart.HitTest(spec, testOpts, int(bs[0].cx), int(bs[0].cy))
		require.True(t, ok, "slice %d", k)
		assert.Equal(t, k, h.Index)
		assert.Equal(t, v, h.Value)
		assert.Equal(t, spec.X.Categories[k], h.Label)
	}
	_, ok := chart.HitTest(spec, testOpts, 5, testOpts.Height/2)
	assert.False(t, ok, "left of the pie")
}

// TestHitTest_scatterMatrix hits dots in the panels: each is a point of
// the dot's series, with X and Y its values on the two dimensions of its
// panel, which the hit names.
func TestHitTest_scatterMatrix(t *testing.T) {
	t.Parallel()
	spec := &sdk.Chart{Kind: sdk.ChartScatterMatrix, Dimensions: []sdk.Axis{{Title: "u"}, {Title: "v"}}, Series: []sdk.Series{
		{Name: "p", Dims: [][]float64{{0, 1, 2}, {10, 30, 20}}},
		{Name: "q", Dims: [][]float64{{3, 4}, {0, 40}}},
	}}
	img := draw(t, spec, testOpts)
	for si, s := range spec.Series {
		bs := slices.DeleteFunc(blobs(img, is(series(si), 0)), func(b blob) bool { return b.n < 10 })
		require.Len(t, bs, 2*len(s.Dims[0]), "series %d: a dot in each off-diagonal panel", si)
		for _, b := range bs {
			h, ok := chart.HitTest(spec, testOpts, int(b.cx), int(b.cy))
			require.True(t, ok)
			assert.Equal(t, si, h.Series)
			i := h.Index
			require.Len(t, h.Dims, 2, "the panel's dimensions, across then up")
			assert.NotEqual(t, h.Dims[0], h.Dims[1], "dots are off the diagonal")
			assert.Equal(t, s.Dims[h.Dims[0]][i], h.X)
			assert.Equal(t, s.Dims[h.Dims[1]][i], h.Y)
		}
	}
}

// TestHitTest_parallelCategories hits the blocks: each pixel in a
// series' colour belongs to that series' share of a category.
func TestHitTest_parallelCategories(t *testing.T) {
	t.Parallel()
	spec := parcatsSpec()
	img := draw(t, spec, testOpts)
	hits := 0
	for y := 0; y < img.Rect.Max.Y; y += 2 {
		for si := range spec.Series {
			for _, r := range rowRuns(img, y, is(series(si), 0)) {
				h, ok := chart.HitTest(spec, testOpts, r.mid(), y)
				if !ok {
					continue // the legend's swatch
				}
				hits++
				assert.Equal(t, si, h.Series)
				d := int(h.X)
				require.Equal(t, float64(d), h.X, "a block, not a ribbon")
				assert.Equal(t, spec.Dimensions[d].Title+": "+spec.Dimensions[d].Categories[h.Index], h.Label)
				assert.Positive(t, h.Value)
			}
		}
	}
	assert.Greater(t, hits, 20)
}

// TestHitTest_agreesWithLayout checks that HitTest through the cache and
// a Layout of its own answer the same, and that bad options miss.
func TestHitTest_agreesWithLayout(t *testing.T) {
	t.Parallel()
	spec := scatterSpec()
	l, err := chart.NewLayout(spec, testOpts)
	require.NoError(t, err)
	for y := 0; y < testOpts.Height; y += 7 {
		for x := 0; x < testOpts.Width; x += 7 {
			a, aok := l.HitTest(x, y)
			b, bok := chart.HitTest(spec, testOpts, x, y)
			require.Equal(t, aok, bok, "%d,%d", x, y)
			require.Equal(t, a, b)
		}
	}
	_, ok := chart.HitTest(nil, testOpts, 1, 1)
	assert.False(t, ok)
	_, ok = chart.HitTest(spec, chart.Options{Width: 10, Height: 10}, 1, 1)
	assert.False(t, ok)
}
