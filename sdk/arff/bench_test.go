package arff_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/openml-dash/openml-dash/sdk/arff"
)

// synthetic writes data shaped like /work/shared/bench/gen_arff.py's:
// numeric columns of class-shifted gaussians with about 1% missing,
// nominal columns of 2 to 8 values leaning on the class, and a 3-class
// target.
func synthetic(rows, numeric, nominal int) []byte {
	rng := rand.New(rand.NewPCG(42, 42))
	classes := []string{"alpha", "beta", "gamma"}
	cats := make([][]string, nominal)
	var b bytes.Buffer
	b.WriteString("% synthetic scale-test data\n@RELATION synthetic\n\n")
	for i := range numeric {
		fmt.Fprintf(&b, "@ATTRIBUTE num%d NUMERIC\n", i)
	}
	for j := range nominal {
		for k := range 2 + j%7 {
			cats[j] = append(cats[j], fmt.Sprintf("c%d_%d", j, k))
		}
		fmt.Fprintf(&b, "@ATTRIBUTE nom%d {%s}\n", j, strings.Join(cats[j], ","))
	}
	b.WriteString("@ATTRIBUTE class {alpha,beta,gamma}\n\n@DATA\n")
	line := make([]byte, 0, 256)
	for range rows {
		c := rng.IntN(3)
		line = line[:0]
		for i := range numeric {
			if rng.Float64() < 0.01 {
				line = append(line, '?')
			} else {
				v := float64(c*(i%3)) + rng.NormFloat64()*float64(1+i%2)
				line = strconv.AppendFloat(line, v, 'f', 4, 64)
			}
			line = append(line, ',')
		}
		for j := range nominal {
			cs := cats[j]
			k := rng.IntN(len(cs))
			if rng.Float64() < 0.6 {
				k = c % len(cs)
			}
			line = append(line, cs[k]...)
			line = append(line, ',')
		}
		line = append(line, classes[c]...)
		line = append(line, '\n')
		b.Write(line)
	}
	return b.Bytes()
}

func BenchmarkRead(b *testing.B) {
	for _, rows := range []int{10_000, 100_000} {
		data := synthetic(rows, 20, 5)
		b.Run(fmt.Sprintf("rows=%d", rows), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				f, err := arff.Read(b.Context(), bytes.NewReader(data), arff.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if f.Rows() != rows {
					b.Fatalf("read %d rows, want %d", f.Rows(), rows)
				}
			}
		})
	}
}
