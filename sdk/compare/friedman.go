package compare

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mathext"
)

// FriedmanResult is the outcome of the Friedman test.
type FriedmanResult struct {
	// N is the number of datasets, K the number of methods.
	N, K int
	// MeanRanks are the methods' mean ranks, 1 = best (see MeanRanks).
	MeanRanks []float64
	// ChiSquare is the Friedman statistic corrected for ties, equal to
	// scipy.stats.friedmanchisquare; PValue is its chi-square (K-1 df)
	// upper tail.
	ChiSquare, PValue float64
	// TieCorrection is the divisor of the tie correction, in [0, 1]: 1
	// without ties, 0 when every dataset ties all methods. ChiSquare*TieCorrection is the uncorrected chi2_F of
	// Demšar (2006), for reproducing published tables.
	TieCorrection float64
	// F is the Iman–Davenport statistic (N-1)χ²/(N(K-1)-χ²) computed from
	// ChiSquare, less conservative than χ²; FPValue is its F(K-1,
	// (K-1)(N-1)) upper tail. F is +Inf, and FPValue 0, when every dataset
	// ranks the methods the same way.
	F, FPValue float64
}

// Friedman runs the Friedman test of whether K >= 3 methods perform alike
// on N >= 2 datasets, from scores laid out as for Ranks.
//
// Demšar's chi2_F = 12N/(K(K+1)) [Σ R_j² - K(K+1)²/4] is divided by the tie
// correction 1 - Σ(t³-t)/(N K (K²-1)), t running over groups of tied scores
// within a dataset, as SciPy does: ties make the ranks less spread than the
// untied null distribution assumes, so uncorrected values are too small.
// When every dataset ties all methods there is no evidence of a difference:
// the statistics are 0 and the p-values 1 (SciPy returns NaN).
func Friedman(scores [][]float64, higherIsBetter bool) (FriedmanResult, error) {
	k, err := checkBlock(scores)
	if err != nil {
		return FriedmanResult{}, err
	}
	n := len(scores)
	if k < 3 {
		return FriedmanResult{}, fmt.Errorf("Friedman test needs at least 3 methods, got %d (use Wilcoxon for 2)", k)
	}
	if n < 2 {
		return FriedmanResult{}, fmt.Errorf("Friedman test needs at least 2 datasets, got %d", n)
	}
	ranks := make([][]float64, n)
	var ties float64
	for i, row := range scores {
		ranks[i] = rankRow(row, higherIsBetter)
		ties += tieSum(row)
	}
	means := columnMeans(ranks)
	nf, kf := float64(n), float64(k)

	res := FriedmanResult{N: n, K: k, MeanRanks: means, PValue: 1, FPValue: 1}
	res.TieCorrection = 1 - ties/(nf*kf*(kf*kf-1))
	if res.TieCorrection <= 0 {
		return res, nil
	}
	// Σ R_j² - K(K+1)²/4 is Σ (R_j - (K+1)/2)² since the R_j average
	// (K+1)/2; the centred form cannot cancel to a negative number.
	var ss float64
	for _, r := range means {
		d := r - (kf+1)/2
		ss += d * d
	}
	chi2 := 12 * nf / (kf * (kf + 1)) * ss / res.TieCorrection
	res.ChiSquare = chi2
	res.PValue = mathext.GammaIncRegComp((kf-1)/2, chi2/2)

	// χ² cannot exceed N(K-1), reached when all datasets agree; guard the
	// rounding around that bound so F is +Inf, not negative.
	df1, df2 := kf-1, (kf-1)*(nf-1)
	if den := nf*(kf-1) - chi2; den > 1e-12*nf*kf {
		res.F = (nf - 1) * chi2 / den
		res.FPValue = fSurvival(res.F, df1, df2)
	} else {
		res.F, res.FPValue = math.Inf(1), 0
	}
	return res, nil
}

// fSurvival is P(X > f) for X ~ F(d1, d2), from the incomplete beta
// function directly: 1 - CDF would lose small p-values to rounding.
func fSurvival(f, d1, d2 float64) float64 {
	if f <= 0 {
		return 1
	}
	return mathext.RegIncBeta(d2/2, d1/2, d2/(d2+d1*f))
}
