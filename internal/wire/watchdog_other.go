//go:build !unix && !windows

package wire

// watchParent does nothing where there is no way to tell.
func watchParent(func(ppid int)) {}
