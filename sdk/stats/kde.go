package stats

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/stat"
)

// Silverman is the bandwidth plotly.js gives a violin by default and calls
// Silverman's rule of thumb: 1.059·min(s, IQR/1.349)·n^(-1/5), s being the
// sample standard deviation (ddof=1) and IQR the spread of the quartiles
// (see Quantile). plotly's 1.059 is the normal-reference constant where
// Silverman's book (and R's bw.nrd0) has 0.9, so the violins come out as
// openml.org's Dash pages drew them. sorted holds ascending values without
// NaN; it is NaN for fewer than two values and 0 when the middle half of
// the values are equal.
func Silverman(sorted []float64) float64 {
	n := len(sorted)
	if n < 2 {
		return math.NaN()
	}
	iqr := Quantile(sorted, 0.75) - Quantile(sorted, 0.25)
	return 1.059 * min(stat.StdDev(sorted, nil), iqr/1.349) * math.Pow(float64(n), -0.2)
}

// kernelReach is how many bandwidths away a value still counts: exp(-9²/2)
// is 2.6e-18.
const kernelReach = 9

// KDE is the Gaussian kernel density estimate of the ascending values
// sorted at each grid point, bw being the kernel's standard deviation, as
// scipy.stats.gaussian_kde(sorted, bw_method=bw/s)(grid) computes it (s the
// sample standard deviation). bw must be positive.
//
// Kernels further than 9 bandwidths from a grid point, which weigh less
// than 3e-18 of a kernel's peak, are skipped, so the cost is that of the
// values near each point rather than of all of them.
func KDE(sorted []float64, bw float64, grid []float64) []float64 {
	density := make([]float64, len(grid))
	norm := 1 / (float64(len(sorted)) * bw * math.Sqrt(2*math.Pi))
	for j, x := range grid {
		from := sort.SearchFloat64s(sorted, x-kernelReach*bw)
		sum := 0.0
		for _, xi := range sorted[from:] {
			z := (x - xi) / bw
			if z < -kernelReach {
				break
			}
			sum += math.Exp(-0.5 * z * z)
		}
		density[j] = sum * norm
	}
	return density
}
