// Package proctest is what the tests of plugin processes ask of the
// system: whether a process still runs, and ending one by its id.
package proctest
