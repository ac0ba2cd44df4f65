package stats

// Summarize is the summary Count makes of each column, for the tests.
var Summarize = summarize
