package arff

// Internals that the external tests check directly.
var (
	ParseNumber = parseNumber
	GoLayout    = goLayout
)
