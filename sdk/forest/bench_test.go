package forest_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/openml-dash/openml-dash/sdk/forest"
)

// synthetic mirrors /work/shared/bench/gen_arff.py: a 3-class target,
// numeric features drawn from class-shifted gaussians (mean class*(i%3),
// sd 1+i%2) with 1% missing, and nominal features with 2..8 categories that
// equal class%categories 60% of the time.
func synthetic(rows, numeric, nominal int, seed uint64) forest.Input {
	rng := rand.New(rand.NewPCG(seed, 42))
	in := forest.Input{Target: make([]float64, rows), Classes: 3}
	for i := range numeric {
		in.Features = append(in.Features, forest.Feature{Name: fmt.Sprintf("num%d", i), Values: make([]float64, rows)})
	}
	for j := range nominal {
		in.Features = append(in.Features, forest.Feature{Name: fmt.Sprintf("nom%d", j), Values: make([]float64, rows), Categorical: true})
	}
	for r := range rows {
		c := rng.IntN(3)
		in.Target[r] = float64(c)
		for i := range numeric {
			v := math.NaN()
			if rng.Float64() >= 0.01 {
				v = float64(c*(i%3)) + rng.NormFloat64()*float64(1+i%2)
			}
			in.Features[i].Values[r] = v
		}
		for j := range nominal {
			cats := 2 + j%7
			k := c % cats
			if rng.Float64() >= 0.6 {
				k = rng.IntN(cats)
			}
			in.Features[numeric+j].Values[r] = float64(k)
		}
	}
	return in
}

// BenchmarkImportance grows the dashboard's 10 trees on 20 numeric and 5
// nominal features.
func BenchmarkImportance(b *testing.B) {
	for _, rows := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("rows=%d", rows), func(b *testing.B) {
			in := synthetic(rows, 20, 5, 1)
			for b.Loop() {
				if _, err := forest.Importance(context.Background(), in, forest.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkImportanceMode compares exact and binned splits at the same
// sizes (Options.ExactRows).
func BenchmarkImportanceMode(b *testing.B) {
	for _, rows := range []int{100_000, 200_000, 1_000_000} {
		for _, mode := range []struct {
			name      string
			exactRows int
		}{{"exact", -1}, {"binned", 1}} {
			b.Run(fmt.Sprintf("rows=%d/%s", rows, mode.name), func(b *testing.B) {
				in := synthetic(rows, 20, 5, 1)
				for b.Loop() {
					if _, err := forest.Importance(context.Background(), in, forest.Options{ExactRows: mode.exactRows}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
