// Package chart draws the chart specs that plugins send (*sdk.Chart) as
// PNG or SVG, in the window's size and theme, and maps a pixel back to the
// point drawn there (HitTest).
//
// It is the only package that imports go-chart (archived upstream): go-chart
// supplies the PNG and SVG renderers, the Roboto font, arcs and its Series
// and Range interfaces, while this package owns the layout (title, legend,
// colour bar, axes, plot boxes), so that it can fix go-chart's quirks (bars
// not starting at 0, y axis on the right, series drawn over the axes), lay
// out categorical ticks without overlap, and hit-test what it drew. A chart
// is laid out once per (spec, options) into a Layout; drawing in either
// format and hit-testing read the same Layout, and the last few are cached.
//
// Each chart kind lives in its own file (bar.go, histogram.go, points.go,
// line.go, box.go, violin.go, heatmap.go, matrix.go, pie.go, parcats.go)
// and turns the spec into a plot: axes, go-chart Series that draw inside
// the plot box (and answer hit tests), and legend entries.
//
// How the kinds read a spec:
//   - bar, stacked bar, grouped bar: X.Categories name the bars; a series'
//     X holds category indexes (or is empty: point i is category i) and Y
//     the values. Several series are grouped side by side in a plain or
//     grouped bar chart and piled in a stacked one, unless Barmode says
//     stack, group or overlay (overlaid bars are see-through).
//     Horizontal draws the categories (the X axis) down the left side.
//   - histogram: X holds bin edges (len(Y)+1 values) or bin centres
//     (len(Y) values) and Y the counts; several series are stacked unless
//     Barmode says group (side by side within each bin) or overlay. With
//     X.Categories it is a bar chart over them, stacked by default.
//   - scatter, line: X and Y are numbers (or category indexes when the axis
//     has Categories); one colour per series. A scatter series with Color
//     colours each point by that value on a viridis colour bar (titled by
//     ColorAxis.Title, logarithmic with ColorAxis.Log); colour by category
//     is one series per category. Up to 5,000 points are dots in both
//     formats; up to 100,000 a PNG draws dots straight into its image and
//     an SVG density cells; beyond, both draw density cells (points counted
//     per cell of a few pixels, shaded by count) and say so in the plot's
//     corner ("1,000,000 points, drawn as density").
//   - box: Y holds one series' samples; X, when present, holds each
//     sample's category index and gives one box per category, else each
//     series is one box named by the series.
//   - violin: grouped as box; each group is drawn as a mirrored density
//     outline with a slim box, whiskers and median inside. The density is
//     computed here from the samples as plotly.js computes it by default
//     (stats.KDE with stats.Silverman's bandwidth, two bandwidths past the
//     extremes), in log10 on a log axis; precomputed densities are not read.
//   - heatmap: Z holds the cells row-major (y, then x), over X.Categories
//     and Y.Categories (or the series' X and Y values when there are none),
//     first row on top, with a colour bar (ColorAxis) and each value
//     written in its cell when every value fits.
//   - scatter matrix: Dimensions name k dimensions (Title, Log, and
//     Categories for a nominal one); one series per colour group whose
//     Dims[d][i] is point i's value on dimension d. Panel (i, j) plots
//     dimension j across and i up, sharing axes by row and column; the
//     diagonal shows each dimension's histogram, series overlaid. Points
//     are drawn, and Color read, as in a scatter plot.
//   - pie: the first series with a positive value; X.Categories (indexed
//     by X, or point i is category i) or else the series' Labels name the
//     slices; slices run clockwise from the top and the legend gives each
//     category's share.
//   - parallel categories: Dimensions (two or more) name the dimensions
//     and their Categories; Dims[d][i] is item i's category index on
//     dimension d (without Categories the distinct values are the
//     categories), Y[i] its weight (1 when Y is empty). Each dimension is a
//     column of category blocks split by series, joined to the next by
//     ribbons as wide as the weight of the items they share.
//
// Points with NaN or infinite coordinates, or outside a log axis, are
// skipped; extra X or Y values without a partner are ignored. Category
// labels too long for the axis are shortened with an ellipsis; a hit on
// the category's marks gives the full name.
package chart

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"math"

	"github.com/openml-dash/openml-dash/sdk"
	gochart "github.com/wcharczuk/go-chart/v2"
)

// Format is the output format of Render.
type Format uint8

// Output formats.
const (
	PNG Format = iota
	SVG
)

func (f Format) String() string {
	switch f {
	case PNG:
		return "png"
	case SVG:
		return "svg"
	}
	return fmt.Sprintf("format(%d)", uint8(f))
}

// Size limits, in pixels. Below the minimum there is no room for an axis;
// above the maximum one image would take more than a gigabyte.
const (
	MinSize = 50
	MaxSize = 16384
)

// Options says how to draw a chart.
type Options struct {
	// Width and Height are the image size in pixels, each at least MinSize.
	Width, Height int
	// Scale multiplies text sizes and line widths (Fyne's canvas scale);
	// 0 means 1.
	Scale float32
	// TextSize is the size of legend text in points at scale 1 (Fyne's
	// theme text size); titles, tick labels and notes keep their
	// proportions to it. 0 means DefaultTextSize.
	TextSize float32
	// Dark draws light text on a dark background.
	Dark bool
	// Format is the output of Render; Image always draws a raster.
	Format Format
}

// DefaultTextSize is the text size of Options.TextSize 0.
const DefaultTextSize = 12

// Render draws spec into w as a PNG or an SVG document (opts.Format).
// A spec with no drawable points still draws its title and axes with a
// "No data" notice; an error means the spec or the options cannot be drawn
// at all (nil spec, unspecified kind, size out of range) or w failed.
func Render(spec *sdk.Chart, opts Options, w io.Writer) error {
	l, err := cachedLayout(spec, opts)
	if err != nil {
		return err
	}
	return l.Render(w, opts.Format)
}

// Image draws spec as an image for the window (opts.Format is ignored).
// The image is an *image.RGBA of opts.Width x opts.Height.
func Image(spec *sdk.Chart, opts Options) (image.Image, error) {
	l, err := cachedLayout(spec, opts)
	if err != nil {
		return nil, err
	}
	return l.Image()
}

// Font sizes are given to the renderers in points, and go-chart's raster
// renderer makes an em of pt*dpi/64 pixels while its SVG one writes
// pt*dpi/72 pixels: these DPIs make both draw 1 pt as 1 pixel, so the
// layout measured once holds for both.
const (
	rasterDPI = 64
	svgDPI    = 72
)

func render(f *frame, format Format, w io.Writer) error {
	spec := f.spec
	switch format {
	case PNG:
		img, err := rasterize(f)
		if err != nil {
			return err
		}
		if err := EncodePNG(w, img); err != nil {
			return fmt.Errorf("%s: write png: %w", name(spec), err)
		}
		return nil
	case SVG:
		r, err := gochart.SVG(f.c.w, f.c.h)
		if err != nil {
			return fmt.Errorf("%s: svg renderer: %w", name(spec), err)
		}
		r.SetDPI(svgDPI)
		f.paint(&svgRenderer{Renderer: r}, nil)
		if err := r.Save(w); err != nil {
			return fmt.Errorf("%s: write svg: %w", name(spec), err)
		}
		return nil
	}
	return fmt.Errorf("%s: unknown output format %d: use chart.PNG or chart.SVG", name(spec), format)
}

func rasterize(f *frame) (*image.RGBA, error) {
	spec := f.spec
	r, err := gochart.PNG(f.c.w, f.c.h)
	if err != nil {
		return nil, fmt.Errorf("%s: png renderer: %w", name(spec), err)
	}
	r.SetDPI(rasterDPI)
	// The raster renderer hands over the image it draws into at any time:
	// taking it first lets big point sets be drawn into it directly,
	// between the renderer's own drawing.
	var c rgbaCollector
	if err := r.Save(&c); err != nil || c.img == nil {
		return nil, fmt.Errorf("%s: png renderer returned no image", name(spec))
	}
	f.paint(&pngRenderer{Renderer: r, img: c.img}, c.img)
	return c.img, nil
}

// rgbaCollector takes the raster renderer's image instead of its PNG
// bytes (go-chart's RGBACollector), so Image needs no encode and decode.
type rgbaCollector struct {
	bytes.Buffer
	img *image.RGBA
}

func (c *rgbaCollector) SetRGBA(img *image.RGBA) { c.img = img }

// ErrNilSpec is returned for a nil chart.
var ErrNilSpec = errors.New("chart: no chart spec (nil): the plugin sent a chart component without data")

func check(spec *sdk.Chart, opts *Options) error {
	if spec == nil {
		return ErrNilSpec
	}
	if opts.Width < MinSize || opts.Height < MinSize {
		return fmt.Errorf("%s: size %dx%d is too small to draw: give at least %dx%d pixels", name(spec), opts.Width, opts.Height, MinSize, MinSize)
	}
	if opts.Width > MaxSize || opts.Height > MaxSize {
		return fmt.Errorf("%s: size %dx%d is too large: give at most %dx%d pixels", name(spec), opts.Width, opts.Height, MaxSize, MaxSize)
	}
	if opts.Format > SVG {
		return fmt.Errorf("%s: unknown output format %d: use chart.PNG or chart.SVG", name(spec), opts.Format)
	}
	switch ts := float64(opts.TextSize); {
	case ts == 0 || math.IsNaN(ts) || ts < 0:
		opts.TextSize = DefaultTextSize
	case ts < 4:
		opts.TextSize = 4
	case ts > 72:
		opts.TextSize = 72
	}
	s := float64(opts.Scale)
	switch {
	case s == 0 || math.IsNaN(s) || s < 0:
		opts.Scale = 1
	case s < 0.25:
		opts.Scale = 0.25
	case s > 8:
		opts.Scale = 8
	}
	if spec.Kind == sdk.ChartUnspecified {
		return fmt.Errorf("%s: chart kind is unspecified: the plugin must set Chart.Kind (bar, histogram, scatter, line, ...)", name(spec))
	}
	return nil
}

// name names a chart in errors: its ID, else its title.
func name(spec *sdk.Chart) string {
	switch {
	case spec == nil:
		return "chart"
	case spec.ID != "":
		return fmt.Sprintf("chart %q", spec.ID)
	case spec.Title != "":
		return fmt.Sprintf("chart %q", spec.Title)
	}
	return "chart"
}

// SeriesColor is the colour Render gives series i in the light or dark
// theme, for widgets that sit beside a chart (a table row, a tooltip).
func SeriesColor(i int, dark bool) color.RGBA {
	c := newTheme(dark).color(i)
	return color.RGBA{R: c.R, G: c.G, B: c.B, A: c.A}
}
