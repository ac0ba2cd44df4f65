package forest

// Mode exposes mode over every row to the external tests.
func Mode(values []float64) float64 {
	keep := make([]int32, len(values))
	for i := range keep {
		keep[i] = int32(i)
	}
	return mode(values, keep)
}

// SortColumn exposes sortColumn over every row to the external tests.
func SortColumn(values []float64) ([]float32, []int32) {
	keep := make([]int32, len(values))
	for i := range keep {
		keep[i] = int32(i)
	}
	return sortColumn(values, keep)
}
