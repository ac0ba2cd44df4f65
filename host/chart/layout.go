package chart

import (
	"fmt"
	"math"
	"strconv"

	"github.com/openml-dash/openml-dash/sdk"
	gochart "github.com/wcharczuk/go-chart/v2"
	xfont "golang.org/x/image/font"
)

// draw lays out and draws spec on r: background, title, legend, axes,
// then the kind's series clipped to the plot box.
func draw(r gochart.Renderer, spec *sdk.Chart, opts Options) error {
	f, err := defaultFont()
	if err != nil {
		return err
	}
	c := &canvas{r: r, font: f, th: newTheme(opts.Dark), scale: float64(opts.Scale), w: opts.Width, h: opts.Height, faces: map[float64]xfont.Face{}}
	fillRects(r, []rect{{0, 0, c.w, c.h}}, c.th.background)
	p, err := build(spec, c)
	if err != nil {
		return fmt.Errorf("%s: %w", name(spec), err)
	}
	c.drawPlot(spec, p)
	return nil
}

func (c *canvas) drawPlot(spec *sdk.Chart, p *plot) {
	pad := c.px(10)
	top := pad
	if title := cleanText(spec.Title); title != "" {
		c.text(c.fit(title, titleSize, c.w-2*pad), c.w/2, top, titleSize, c.th.text, alignCenter, alignTop)
		top += c.lineHeight(titleSize) + c.px(8)
	}
	if p.placeholder != "" {
		c.notice(p.placeholder, gochart.Box{Top: top, Left: pad, Right: c.w - pad, Bottom: c.h - pad})
		return
	}

	right := c.w - pad
	leg := c.layoutLegend(p.legend)
	if leg.width > 0 && right-leg.width-c.px(12) >= c.w/2 {
		right -= leg.width + c.px(12)
	} else {
		leg.width = 0
	}
	var cb colorbarLayout
	if p.colorbar != nil {
		cb = c.layoutColorbar(p.colorbar, c.h/2)
		if right-cb.width-c.px(12) >= c.w/2 {
			right -= cb.width + c.px(12)
		} else {
			cb.width = 0
		}
	}
	left, bottom := pad, c.h-pad
	if p.x.title != "" {
		bottom -= c.lineHeight(axisTitleSize) + c.px(6)
	}
	if p.y.title != "" {
		left += c.lineHeight(axisTitleSize) + c.px(6)
	}
	tickLen, gap := c.px(4), c.px(3)

	// The tick labels' room depends on the box and the box on the labels:
	// two passes settle it, as in go-chart's own Render.
	box := gochart.Box{Top: top, Left: left, Right: right, Bottom: bottom}
	var xl, yl axisLayout
	for pass := 0; pass < 2; pass++ {
		yl = c.layoutY(&p.y, box.Height())
		xl = c.layoutX(&p.x, box.Width())
		box = gochart.Box{
			Top:    top + yl.before,
			Left:   max(left+yl.size+tickLen+gap, pad+xl.before),
			Right:  right - max(0, xl.after-pad),
			Bottom: bottom - xl.size - tickLen - gap,
		}
		if p.points == 0 {
			box.Left, box.Bottom = left+c.px(4), bottom-c.px(4)
		}
		box.Right = max(box.Right, box.Left+1)
		box.Bottom = max(box.Bottom, box.Top+1)
	}
	yl = c.layoutY(&p.y, box.Height())
	xl = c.layoutX(&p.x, box.Width())

	if p.points > 0 {
		c.drawGrid(box, xl, yl)
		for _, s := range p.series {
			s.Render(c.r, box, xl.sc, yl.sc, gochart.Style{StrokeWidth: c.scale})
			c.r.ResetStyle()
		}
	}
	// Axis lines sit just outside the box so they never cover a bar.
	lw := max(1, c.px(1))
	hline(c.r, box.Left-lw, box.Right, box.Bottom, lw, c.th.axis)
	vline(c.r, box.Left-lw, box.Top, box.Bottom+lw, lw, c.th.axis)
	if p.points > 0 {
		c.drawXTicks(box, xl, lw, tickLen, gap)
		c.drawYTicks(box, yl, lw, tickLen, gap)
	} else {
		c.text("No data", (box.Left+box.Right)/2, (box.Top+box.Bottom)/2, noticeSize, c.th.muted, alignCenter, alignMiddle)
	}
	if p.x.title != "" {
		c.text(c.fit(p.x.title, axisTitleSize, box.Width()), (box.Left+box.Right)/2, c.h-pad, axisTitleSize, c.th.text, alignCenter, alignBottom)
	}
	if p.y.title != "" {
		t := c.fit(p.y.title, axisTitleSize, box.Height())
		c.rotatedText(t, pad+c.ascent(axisTitleSize), (box.Top+box.Bottom)/2+c.textWidth(t, axisTitleSize)/2, axisTitleSize, c.th.text, -math.Pi/2)
	}
	x := box.Right + max(0, xl.after-pad) + c.px(12)
	if cb.width > 0 && p.points > 0 {
		c.drawColorbar(cb, x, box)
		x += cb.width + c.px(12)
	}
	if leg.width > 0 {
		c.drawLegend(leg, x, box)
	}
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
		e.name = c.fit(e.name, legendSize, maxName)
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
	lo, hi float64
	width  int
	barW   int
}

func (c *canvas) layoutColorbar(cb *colorbar, height int) colorbarLayout {
	out := colorbarLayout{lo: cb.lo, hi: cb.hi, barW: c.px(14)}
	widest := 0
	for _, t := range linearTicks(cb.lo, cb.hi, max(2, height/c.px(45))) {
		widest = max(widest, c.textWidth(t.label, tickSize))
	}
	out.width = out.barW + c.px(4) + widest
	return out
}

// drawColorbar draws the heatmap's colour scale beside the plot box.
func (c *canvas) drawColorbar(cb colorbarLayout, x int, box gochart.Box) {
	const slices = 64
	h := box.Height()
	for i := 0; i < slices; i++ {
		y0 := box.Bottom - h*(i+1)/slices
		y1 := box.Bottom - h*i/slices
		fillRects(c.r, []rect{{x, y0, x + cb.barW, y1}}, heat((float64(i)+0.5)/slices))
	}
	sc := &scale{min: cb.lo, max: cb.hi, domain: h}
	for _, t := range linearTicks(cb.lo, cb.hi, max(2, h/c.px(45))) {
		y := toY(box, sc, t.value)
		hline(c.r, x+cb.barW, x+cb.barW+c.px(3), y, 1, c.th.axis)
		c.text(t.label, x+cb.barW+c.px(4), y, tickSize, c.th.muted, alignLeft, alignMiddle)
	}
}
