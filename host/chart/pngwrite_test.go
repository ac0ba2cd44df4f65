package chart_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/chart"
)

// Every pixel comes back as written, whatever the picture's type, size
// (one pixel; wide enough that the data spans several IDAT chunks) or
// transparency (written by image/png instead).
func TestEncodePNG_roundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	noisy := func(img interface {
		image.Image
		Set(x, y int, c color.Color)
	}, alpha func() uint8) {
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				a := alpha()
				img.Set(x, y, color.NRGBA{R: uint8(rng.IntN(256)), G: uint8(x), B: uint8(y), A: a})
			}
		}
	}
	opaque := func() uint8 { return 0xff }
	cases := map[string]image.Image{}
	for name, r := range map[string]image.Rectangle{
		"one pixel":           image.Rect(0, 0, 1, 1),
		"several IDAT chunks": image.Rect(0, 0, 700, 300),
		"offset, odd size":    image.Rect(3, 5, 40, 31),
	} {
		n := image.NewNRGBA(r)
		noisy(n, opaque)
		cases["NRGBA "+name] = n
		rgba := image.NewRGBA(r)
		noisy(rgba, opaque)
		cases["RGBA "+name] = rgba
	}
	// A page's blank stretches: rows the same as the one above.
	repeated := image.NewNRGBA(image.Rect(0, 0, 50, 40))
	noisy(repeated, opaque)
	for y := 1; y < 40; y++ {
		if y%7 != 0 {
			copy(repeated.Pix[y*repeated.Stride:(y+1)*repeated.Stride], repeated.Pix[(y-1)*repeated.Stride:])
		}
	}
	cases["NRGBA with repeated rows"] = repeated
	translucent := image.NewNRGBA(image.Rect(0, 0, 20, 10))
	noisy(translucent, func() uint8 { return uint8(rng.IntN(256)) })
	cases["NRGBA with transparency"] = translucent
	gray := image.NewGray(image.Rect(0, 0, 9, 9))
	gray.Pix[40] = 200
	cases["grey"] = gray

	for name, img := range cases {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, chart.EncodePNG(&buf, img))
			got, err := png.Decode(&buf)
			require.NoError(t, err)
			require.Equal(t, img.Bounds().Size(), got.Bounds().Size())
			b, gb := img.Bounds(), got.Bounds()
			for y := 0; y < b.Dy(); y++ {
				for x := 0; x < b.Dx(); x++ {
					want := color.NRGBA64Model.Convert(img.At(b.Min.X+x, b.Min.Y+y))
					have := color.NRGBA64Model.Convert(got.At(gb.Min.X+x, gb.Min.Y+y))
					if !assert.Equal(t, want, have, "pixel %d,%d", x, y) {
						return
					}
				}
			}
		})
	}
}

func TestEncodePNG_writeError(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 300, 300))
	for i := 3; i < len(img.Pix); i += 4 {
		img.Pix[i] = 0xff
	}
	assert.Error(t, chart.EncodePNG(failingWriter{}, img))
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, assert.AnError }
