// Package compare holds the statistics for comparing methods (algorithms,
// flows, setups) on several datasets or tasks, and two methods run fold by
// fold, that OpenML benchmark-suite and run-comparison pages show.
//
// Over many datasets, the recipe of Demšar (2006) is:
//
//  1. MeanRanks ranks the methods on each dataset (1 = best) and averages;
//  2. Friedman tests whether the methods differ at all;
//  3. NemenyiCD gives the critical difference of mean ranks and
//     NemenyiGroups the groups of methods it cannot tell apart, the bars of
//     a critical-difference diagram;
//  4. Wilcoxon compares two methods across datasets.
//
// Within one task, CorrectedTTest compares two methods on the per-fold
// scores of the same cross-validation splits.
//
// Results agree with SciPy 1.10 (scipy.stats.rankdata, friedmanchisquare,
// wilcoxon, studentized_range) to about 1e-10; where SciPy and the papers
// differ, each function says which it follows.
//
// All inputs must be finite: a NaN or ±Inf is an error, never silently
// dropped, because dropping a dataset for one method but not the others
// would bias the comparison. Callers decide which rows to drop or impute.
//
// References:
//
//   - J. Demšar, Statistical comparisons of classifiers over multiple data
//     sets, JMLR 7 (2006) 1–30.
//   - C. Nadeau, Y. Bengio, Inference for the generalization error, Machine
//     Learning 52 (2003) 239–281.
package compare
