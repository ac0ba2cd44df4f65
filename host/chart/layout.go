package chart

import (
	"fmt"
	"image"
	"math"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/openml-dash/openml-dash/sdk"
	gochart "github.com/wcharczuk/go-chart/v2"
)

// frame is a chart laid out at one size: the boxes, axes, legend and
// colour bar, and the plot's series in their panels. Painting and
// hit-testing both read it, so a hit names what was drawn.
type frame struct {
	c      *canvas
	spec   *sdk.Chart
	p      *plot
	pad    int
	title  string
	notice *gochart.Box // where the placeholder notice goes, if any
	panels []panel
	// area bounds the panels; reach is how far their tick labels run past
	// its right side.
	area  gochart.Box
	reach int
	leg   legendLayout
	cb    colorbarLayout
	// tickLen is the length of a tick mark, gap the room between a tick and
	// its label, lw the width of axis lines.
	tickLen, gap, lw int
}

// panel is one plot box with its axes and the series drawn in it.
type panel struct {
	box    gochart.Box
	xl, yl axisLayout
	series []gochart.Series
	// axes draws axis lines and grid lines; border a frame on all four
	// sides; xTicks and yTicks the tick labels below and left of the box.
	axes, border   bool
	xTicks, yTicks bool
	// yTickLayout, when set, labels the y ticks instead of yl.
	yTickLayout *axisLayout
	// xTitle and yTitle are drawn below and left of the box, at the edge
	// of the image.
	xTitle, yTitle string
	// dims are a scatter matrix panel's dimensions, across then up.
	dims []int
}

// layoutFrame lays spec out for opts (already checked).
func layoutFrame(spec *sdk.Chart, opts Options) (*frame, error) {
	font, err := defaultFont()
	if err != nil {
		return nil, err
	}
	c := &canvas{font: font, th: newTheme(opts.Dark), scale: float64(opts.Scale),
		ts: float64(opts.Scale) * float64(opts.TextSize) / DefaultTextSize,
		w:  opts.Width, h: opts.Height, faces: map[float64]*measureFace{}}
	p, err := build(spec, c)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name(spec), err)
	}
	f := &frame{c: c, spec: spec, p: p, pad: c.px(10), tickLen: c.px(4), gap: c.px(3), lw: max(1, c.px(1))}
	f.layout()
	return f, nil
}

func (f *frame) layout() {
	c, p, pad := f.c, f.p, f.pad
	top := pad
	if title := cleanText(f.spec.Title); title != "" {
		f.title = c.fit(title, titleSize, c.w-2*pad)
		top += c.lineHeight(titleSize) + c.px(8)
	}
	if p.placeholder != "" {
		f.notice = &gochart.Box{Top: top, Left: pad, Right: c.w - pad, Bottom: c.h - pad}
		return
	}
	right := c.w - pad
	f.leg = c.layoutLegend(p.legend)
	if f.leg.width > 0 && right-f.leg.width-c.px(12) >= c.w/2 {
		right -= f.leg.width + c.px(12)
	} else {
		f.leg.width = 0
	}
	if p.colorbar != nil {
		f.cb = c.layoutColorbar(p.colorbar, c.h/2)
		if right-f.cb.width-c.px(12) >= c.w/2 {
			right -= f.cb.width + c.px(12)
		} else {
			f.cb.width = 0
		}
	}
	switch p.mode {
	case modeAxes:
		f.layoutAxes(top, right)
	case modeFree:
		box := gochart.Box{Top: top, Left: pad, Right: max(right, pad+1), Bottom: max(c.h-pad, top+1)}
		f.panels = []panel{{box: box, series: p.series}}
	case modeMatrix:
		f.layoutMatrix(top, right)
	}
	f.area = f.panels[0].box
	for _, q := range f.panels[1:] {
		f.area.Top, f.area.Left = min(f.area.Top, q.box.Top), min(f.area.Left, q.box.Left)
		f.area.Right, f.area.Bottom = max(f.area.Right, q.box.Right), max(f.area.Bottom, q.box.Bottom)
	}
	for _, q := range f.panels {
		if q.xTicks {
			f.reach = max(f.reach, q.box.Right+q.xl.after-f.area.Right-pad)
		}
	}
}

// layoutAxes lays out one plot box with its axes between top and right.
func (f *frame) layoutAxes(top, right int) {
	c, p, pad := f.c, f.p, f.pad
	left, bottom := pad, c.h-pad
	if p.x.title != "" {
		bottom -= c.lineHeight(axisTitleSize) + c.px(6)
	}
	if p.y.title != "" {
		left += c.lineHeight(axisTitleSize) + c.px(6)
	}
	// The tick labels' room depends on the box and the box on the labels:
	// two passes settle it, as in go-chart's own Render.
	box := gochart.Box{Top: top, Left: left, Right: right, Bottom: bottom}
	var xl, yl axisLayout
	for pass := 0; pass < 2; pass++ {
		yl = c.layoutY(&p.y, box.Height())
		xl = c.layoutX(&p.x, box.Width())
		box = gochart.Box{
			Top:    top + yl.before,
			Left:   max(left+yl.size+f.tickLen+f.gap, pad+xl.before),
			Right:  right - max(0, xl.after-pad),
			Bottom: bottom - xl.size - f.tickLen - f.gap,
		}
		if p.points == 0 {
			box.Left, box.Bottom = left+c.px(4), bottom-c.px(4)
		}
		box.Right = max(box.Right, box.Left+1)
		box.Bottom = max(box.Bottom, box.Top+1)
	}
	yl = c.layoutY(&p.y, box.Height())
	xl = c.layoutX(&p.x, box.Width())
	f.panels = []panel{{box: box, xl: xl, yl: yl, series: p.series, axes: true, xTicks: true, yTicks: true, xTitle: p.x.title, yTitle: p.y.title}}
}

// paint draws the frame on r; img is r's image when r is the raster
// renderer (big point sets are drawn into it directly).
func (f *frame) paint(r gochart.Renderer, img *image.RGBA) {
	c, p := f.c, f.p
	c.r, c.img = r, img
	defer func() { c.r, c.img = nil, nil }()
	fillRects(r, []rect{{0, 0, c.w, c.h}}, c.th.background)
	if f.title != "" {
		c.text(f.title, c.w/2, f.pad, titleSize, c.th.text, alignCenter, alignTop)
	}
	if f.notice != nil {
		c.notice(p.placeholder, *f.notice)
		return
	}
	// A matrix's panels of dots are painted beside each other, after the
	// rest of every panel: their dots lie inside their own box, which
	// nothing else painted covers.
	var dots []*panel
	for i := range f.panels {
		q := &f.panels[i]
		later := img != nil && len(f.panels) > 1 && q.axes && p.points > 0 && paintsImage(q.series)
		if later {
			dots = append(dots, q)
		}
		f.paintPanel(q, !later)
	}
	paintBeside(dots, func(q *panel) {
		for _, s := range q.series {
			s.Render(nil, q.box, q.xl.sc, q.yl.sc, gochart.Style{StrokeWidth: c.scale})
		}
	})
	x := f.area.Right + f.reach + c.px(12)
	if f.cb.width > 0 && p.points > 0 {
		c.drawColorbar(f.cb, x, f.area)
		x += f.cb.width + c.px(12)
	}
	if f.leg.width > 0 {
		c.drawLegend(f.leg, x, f.area)
	}
	note := p.note
	if img == nil && p.svgNote != "" {
		note = p.svgNote
	}
	if note != "" && p.points > 0 {
		c.drawNote(note, f.area)
	}
}

// paintsImage says whether every one of series paints straight into the
// canvas's image, inside its box, without the renderer.
func paintsImage(series []gochart.Series) bool {
	for _, s := range series {
		if d, ok := s.(interface{ paintsImage() bool }); !ok || !d.paintsImage() {
			return false
		}
	}
	return len(series) > 0
}

// paintBeside calls paint on each panel, on as many goroutines as there
// are processors.
func paintBeside(panels []*panel, paint func(*panel)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(panels)) {
		wg.Go(func() {
			for i := next.Add(1) - 1; i < int64(len(panels)); i = next.Add(1) - 1 {
				paint(panels[i])
			}
		})
	}
	wg.Wait()
}

// paintPanel paints q, and its series unless series is false.
func (f *frame) paintPanel(q *panel, series bool) {
	c, p, box := f.c, f.p, q.box
	if !q.axes {
		if p.points == 0 {
			c.text("No data", (box.Left+box.Right)/2, (box.Top+box.Bottom)/2, noticeSize, c.th.muted, alignCenter, alignMiddle)
		}
		for _, s := range q.series {
			s.Render(c.r, box, q.xl.sc, q.yl.sc, gochart.Style{StrokeWidth: c.scale})
			c.r.ResetStyle()
		}
		return
	}
	if p.points > 0 {
		c.drawGrid(box, q.xl, q.yl)
		for _, s := range q.series {
			if !series {
				break
			}
			s.Render(c.r, box, q.xl.sc, q.yl.sc, gochart.Style{StrokeWidth: c.scale})
			c.r.ResetStyle()
		}
	}
	// Axis lines sit just outside the box so they never cover a bar.
	lw := f.lw
	hline(c.r, box.Left-lw, box.Right, box.Bottom, lw, c.th.axis)
	vline(c.r, box.Left-lw, box.Top, box.Bottom+lw, lw, c.th.axis)
	if q.border {
		hline(c.r, box.Left-lw, box.Right+lw, box.Top-lw, lw, c.th.axis)
		vline(c.r, box.Right, box.Top-lw, box.Bottom+lw, lw, c.th.axis)
	}
	if p.points > 0 {
		if q.xTicks {
			c.drawXTicks(box, q.xl, lw, f.tickLen, f.gap)
		}
		if q.yTicks {
			yl := q.yl
			if q.yTickLayout != nil {
				yl = *q.yTickLayout
			}
			c.drawYTicks(box, yl, lw, f.tickLen, f.gap)
		}
	} else {
		c.text("No data", (box.Left+box.Right)/2, (box.Top+box.Bottom)/2, noticeSize, c.th.muted, alignCenter, alignMiddle)
	}
	if q.xTitle != "" {
		c.text(c.fit(q.xTitle, axisTitleSize, box.Width()), (box.Left+box.Right)/2, c.h-f.pad, axisTitleSize, c.th.text, alignCenter, alignBottom)
	}
	if q.yTitle != "" {
		t := c.fit(q.yTitle, axisTitleSize, box.Height())
		c.rotatedText(t, f.pad+c.ascent(axisTitleSize), (box.Top+box.Bottom)/2+c.textWidth(t, axisTitleSize)/2, axisTitleSize, c.th.text, -math.Pi/2)
	}
}

// drawNote writes a short remark in the top right corner of box, on a
// patch of background so points do not hide it.
func (c *canvas) drawNote(note string, box gochart.Box) {
	note = c.fit(note, tickSize, max(1, box.Width()-c.px(8)))
	w, h := c.textWidth(note, tickSize), c.lineHeight(tickSize)
	x1, y0 := box.Right-c.px(4), box.Top+c.px(4)
	fillRects(c.r, []rect{{x1 - w - c.px(4), y0 - c.px(2), x1 + c.px(2), y0 + h + c.px(2)}}, withAlpha(c.th.background, 220))
	c.text(note, x1, y0, tickSize, c.th.muted, alignRight, alignTop)
}

func (c *canvas) drawGrid(box gochart.Box, xl, yl axisLayout) {
	var rs []rect
	if yl.spec.grid && yl.spec.kind != axisBand {
		for _, t := range yl.ticks {
			y := toY(box, yl.sc, t.value)
			if y > box.Top && y < box.Bottom {
				rs = append(rs, rect{box.Left, y, box.Right, y + 1})
			}
		}
	}
	if xl.spec.grid && xl.spec.kind != axisBand {
		for _, t := range xl.ticks {
			x := toX(box, xl.sc, t.value)
			if x > box.Left && x < box.Right {
				rs = append(rs, rect{x, box.Top, x + 1, box.Bottom})
			}
		}
	}
	fillRects(c.r, rs, c.th.grid)
}

func (c *canvas) drawXTicks(box gochart.Box, xl axisLayout, lw, tickLen, gap int) {
	var marks []rect
	y0 := box.Bottom + lw
	for _, t := range xl.ticks {
		x := toX(box, xl.sc, t.value)
		if x < box.Left-1 || x > box.Right+1 {
			continue
		}
		marks = append(marks, rect{x, y0, x + lw, y0 + tickLen})
		w := c.textWidth(t.label, tickSize)
		if xl.rotate {
			// The label ends at its tick and runs down to the left.
			off := 0.35 * tickSize * c.scale * sin45
			sx := float64(x) - float64(w)*sin45 + off
			sy := float64(y0+tickLen+gap) + float64(w)*sin45 + off
			c.rotatedText(t.label, int(math.Round(sx)), int(math.Round(sy)), tickSize, c.th.muted, -math.Pi/4)
			continue
		}
		x = max(w/2, min(x, c.w-w/2))
		c.text(t.label, x, y0+tickLen+gap, tickSize, c.th.muted, alignCenter, alignTop)
	}
	fillRects(c.r, marks, c.th.axis)
}

func (c *canvas) drawYTicks(box gochart.Box, yl axisLayout, lw, tickLen, gap int) {
	var marks []rect
	x0 := box.Left - lw
	for _, t := range yl.ticks {
		y := toY(box, yl.sc, t.value)
		if y < box.Top-1 || y > box.Bottom+1 {
			continue
		}
		marks = append(marks, rect{x0 - tickLen, y, x0, y + lw})
		c.text(t.label, x0-tickLen-gap, y, tickSize, c.th.muted, alignRight, alignMiddle)
	}
	fillRects(c.r, marks, c.th.axis)
}

// notice writes msg centred in box, wrapped to its width.
func (c *canvas) notice(msg string, box gochart.Box) {
	lines := c.wrap(msg, noticeSize, max(1, box.Width()))
	lh := c.lineHeight(noticeSize) + c.px(2)
	y := (box.Top+box.Bottom)/2 - len(lines)*lh/2
	for _, l := range lines {
		c.text(l, (box.Left+box.Right)/2, y, noticeSize, c.th.muted, alignCenter, alignTop)
		y += lh
	}
}

type legendLayout struct {
	entries []legendEntry // names fitted to the legend's width
	width   int
}

func (c *canvas) layoutLegend(entries []legendEntry) legendLayout {
	if len(entries) == 0 {
		return legendLayout{}
	}
	out := legendLayout{entries: make([]legendEntry, len(entries))}
	maxName := max(c.px(40), c.w/4)
	widest := 0
	for i, e := range entries {
		e.name = c.fitMiddle(e.name, legendSize, maxName)
		widest = max(widest, c.textWidth(e.name, legendSize))
		out.entries[i] = e
	}
	out.width = c.px(12) + c.px(6) + max(widest, c.textWidth("+999 more", legendSize))
	return out
}

// drawLegend lists the entries from the top of the plot box down; those
// that do not fit are counted in a last "+N more" row.
func (c *canvas) drawLegend(l legendLayout, x int, box gochart.Box) {
	rowH := c.lineHeight(legendSize) + c.px(5)
	rows := max(1, box.Height()/rowH)
	shown := l.entries
	more := 0
	if len(shown) > rows {
		shown, more = shown[:rows-1], len(shown)-(rows-1)
	}
	sw := c.px(12)
	y := box.Top
	for _, e := range shown {
		cy := y + rowH/2
		switch e.shape {
		case shapeLine:
			hline(c.r, x, x+sw, cy-c.px(1), max(1, c.px(2)), e.color)
		case shapeDot:
			c.r.SetFillColor(e.color)
			c.r.Circle(float64(sw)/3, x+sw/2, cy)
			c.r.Fill()
			c.r.ResetStyle()
		default:
			fillRects(c.r, []rect{{x, cy - sw/2, x + sw, cy + sw - sw/2}}, e.color)
		}
		c.text(e.name, x+sw+c.px(6), cy, legendSize, c.th.text, alignLeft, alignMiddle)
		y += rowH
	}
	if more > 0 {
		c.text("+"+strconv.Itoa(more)+" more", x+sw+c.px(6), y+rowH/2, legendSize, c.th.muted, alignLeft, alignMiddle)
	}
}

type colorbarLayout struct {
	cb     colorbar
	title  string // fitted to the width
	width  int
	barW   int
	titleH int // room above the bar for the title
}

func (cb *colorbar) ticks(c *canvas, height int) []tick {
	target := max(2, height/c.px(45))
	if cb.sc.log {
		return logTicks(cb.sc.lo, cb.sc.hi, target)
	}
	return linearTicks(cb.sc.lo, cb.sc.hi, target)
}

func (c *canvas) layoutColorbar(cb *colorbar, height int) colorbarLayout {
	out := colorbarLayout{cb: *cb, barW: c.px(14)}
	widest := 0
	for _, t := range cb.ticks(c, height) {
		widest = max(widest, c.textWidth(t.label, tickSize))
	}
	out.width = out.barW + c.px(4) + widest
	if cb.title != "" {
		out.title = c.fit(cb.title, tickSize, max(out.width, c.px(90)))
		out.width = max(out.width, c.textWidth(out.title, tickSize))
		out.titleH = c.lineHeight(tickSize) + c.px(4)
	}
	return out
}

// drawColorbar draws a colour scale beside the plot area, its title on top.
func (c *canvas) drawColorbar(cb colorbarLayout, x int, area gochart.Box) {
	if cb.title != "" {
		c.text(cb.title, x, area.Top, tickSize, c.th.text, alignLeft, alignTop)
	}
	box := gochart.Box{Top: area.Top + cb.titleH, Left: x, Right: x + cb.barW, Bottom: area.Bottom}
	h := box.Height()
	if h < 2 {
		return
	}
	const slices = 64
	for i := 0; i < slices; i++ {
		y0 := box.Bottom - h*(i+1)/slices
		y1 := box.Bottom - h*i/slices
		fillRects(c.r, []rect{{x, y0, x + cb.barW, y1}}, heat((float64(i)+0.5)/slices))
	}
	sc := &scale{min: cb.cb.sc.lo, max: cb.cb.sc.hi, log: cb.cb.sc.log, domain: h}
	for _, t := range cb.cb.ticks(c, h) {
		y := toY(box, sc, t.value)
		if y < box.Top-1 || y > box.Bottom+1 {
			continue
		}
		hline(c.r, x+cb.barW, x+cb.barW+c.px(3), y, 1, c.th.axis)
		c.text(t.label, x+cb.barW+c.px(4), y, tickSize, c.th.muted, alignLeft, alignMiddle)
	}
}
