package overview

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/openml-dash/openml-dash/sdk"
)

// facet counts a listing's entries by category in a pie or a bar chart;
// a click on a slice or a bar lists that category's entries.
type facet[T any] struct {
	id         string
	title      string // "Attribute types"
	kind       sdk.ChartKind
	horizontal bool
	axis       string // the category axis's title, for bars
	// split gives the categories of items, in the chart's order, and the
	// category of each item (-1 for none: it is left out and counted in
	// the title).
	split func(items []T) (labels []string, of []int)
	// describe says which entries a category holds, for the table:
	// "Datasets with 2 classes". Nil uses "<title>: <label>".
	describe func(label string) string
	// missing names the entries in no category for the title: "without
	// the number of classes".
	missing string
}

// chart counts items by category. The categories are indexes 0..n-1 in
// order, so a click's index is the category's.
func (f *facet[T]) chart(items []T, one, noun string) *sdk.Chart {
	labels, of := f.split(items)
	counts := make([]float64, len(labels))
	left := 0
	for _, c := range of {
		if c < 0 {
			left++
			continue
		}
		counts[c]++
	}
	s := sdk.Series{Name: noun, X: make([]float64, len(labels)), Y: counts, Labels: make([]string, len(labels))}
	for i, l := range labels {
		s.X[i] = float64(i)
		s.Labels[i] = fmt.Sprintf("%s: %s (click to list them)", l, plural(int(counts[i]), one, noun))
	}
	title := f.title
	if left > 0 && f.missing != "" {
		title += fmt.Sprintf(" (%s %s left out)", plural(left, one, noun), f.missing)
	}
	c := &sdk.Chart{ID: f.id, Kind: f.kind, Title: title, Horizontal: f.horizontal,
		X: sdk.Axis{Title: f.axis, Categories: labels}, Series: []sdk.Series{s}}
	c.Height = chartHeight
	switch f.kind {
	case sdk.ChartPie:
		c.Legend = true
		c.X.Title = ""
	default:
		c.Y = sdk.Axis{Title: "Number of " + noun}
		if f.horizontal {
			c.Height = barsHeight(len(labels))
		}
	}
	return c
}

func (f *facet[T]) describeCat(label string) string {
	if f.describe != nil {
		return f.describe(label)
	}
	return f.title + ": " + label
}

// chartHeight is the height of a pie or of vertical bars.
const chartHeight = 400

// barsHeight is the height of a chart of n horizontal bars.
func barsHeight(n int) int { return max(chartHeight, 120+26*n) }

// byCount splits items by key, the most frequent key first (ties by key);
// an item whose key is "" is in no category. With top > 0 the keys after
// the top most frequent share one category, other.
func byCount[T any](items []T, key func(T) string, top int, other string) (labels []string, of []int) {
	return split(items, key, func(counts map[string]int) []string {
		labels := sortedKeys(counts)
		if top > 0 && len(labels) > top+1 {
			labels = append(labels[:top:top], other)
		}
		return labels
	})
}

// byKey splits items by key, in the keys' order; an item whose key is ""
// is in no category.
func byKey[T any](items []T, key func(T) string) (labels []string, of []int) {
	return split(items, key, func(counts map[string]int) []string {
		labels := make([]string, 0, len(counts))
		for k := range counts {
			labels = append(labels, k)
		}
		slices.Sort(labels)
		return labels
	})
}

// split gives each item the index of its key among the labels order
// makes of the keys' counts; keys order leaves out go to the last label.
func split[T any](items []T, key func(T) string, order func(counts map[string]int) []string) (labels []string, of []int) {
	keys := make([]string, len(items))
	counts := map[string]int{}
	for i, e := range items {
		if k := key(e); k != "" {
			keys[i] = k
			counts[k]++
		}
	}
	labels = order(counts)
	index := make(map[string]int, len(labels))
	for i, l := range labels {
		index[l] = i
	}
	of = make([]int, len(items))
	for i, k := range keys {
		c, ok := index[k]
		switch {
		case k == "":
			c = -1
		case !ok:
			c = len(labels) - 1
		}
		of[i] = c
	}
	return labels, of
}

// bins are ranges of a count, each holding its upper bound: bin i holds
// the values above upper[i-1] up to upper[i]; the last upper is +Inf.
type bins struct {
	upper  []float64
	labels []string
}

// of is the bin of v, or -1 for NaN.
func (b bins) of(v float64) int {
	if math.IsNaN(v) {
		return -1
	}
	for i, u := range b.upper {
		if v <= u {
			return i
		}
	}
	return len(b.upper) - 1
}

// byBin splits items by the bin of value (NaN: none).
func byBin[T any](items []T, b bins, value func(T) float64) (labels []string, of []int) {
	of = make([]int, len(items))
	for i, e := range items {
		of[i] = b.of(value(e))
	}
	return b.labels, of
}

// ranked is one bar of a chart of the most frequent entities.
type ranked struct {
	label string
	count int
	link  sdk.EntityRef
}

// rankedBars draws bars, the first at the top, each opening its entity.
func rankedBars(id, title, axis, one, noun string, rs []ranked) *sdk.Chart {
	s := sdk.Series{Name: noun}
	cats := make([]string, len(rs))
	for i, r := range rs {
		cats[i] = r.label
		s.X = append(s.X, float64(i))
		s.Y = append(s.Y, float64(r.count))
		s.Labels = append(s.Labels, fmt.Sprintf("%s: %s", r.label, plural(r.count, one, noun)))
		s.Links = append(s.Links, r.link)
	}
	return &sdk.Chart{ID: id, Kind: sdk.ChartBar, Title: title, Horizontal: true, Height: barsHeight(len(rs)),
		X: sdk.Axis{Title: axis, Categories: cats}, Y: sdk.Axis{Title: "Number of " + noun}, Series: []sdk.Series{s}}
}

// topCounts ranks ids by count, the highest first (ties: the smaller
// id), and keeps the first n.
func topCounts(counts map[int64]int, n int) []int64 {
	ids := make([]int64, 0, len(counts))
	for id := range counts {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b int64) int {
		if c := cmp.Compare(counts[b], counts[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return ids[:min(n, len(ids))]
}

// sortedKeys lists m's keys, the most frequent first (ties by key).
func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if c := cmp.Compare(m[b], m[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return keys
}
