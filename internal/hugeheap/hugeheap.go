// Package hugeheap asks Linux to back the Go heap with transparent huge
// pages, where the system leaves that to each program (THP "madvise", the
// default of Debian and Ubuntu), as Go's runtime does not ask.
//
// A program touching fresh memory takes a page fault per 4 KiB page; in a
// virtual machine each costs several times what it does on bare metal.
// On the development machine (a VM, 2 cores) the first write to 168 MB
// took 0.48 s in 4 KiB pages and 0.01-0.3 s in 2 MiB ones. Whole pages,
// timed alternately without and with huge pages: demo 0.46 -> 0.29 s,
// 100k rows 0.83 -> 0.49 s, 1M rows 2.70 -> 2.06 s (120,000 page faults
// down to 5,000); 100k rows after a few idle seconds, when the VM has
// taken its memory back, 0.85 -> 0.78 s. A huge page is taken whole, so
// the largest process at 1M rows grew 410 -> 475 MB.
//
// The heap cannot be marked before Go maps it, so Enable grows it once by
// an untouched block, marks the block's range and the heap below it, and
// frees the block: the allocations that follow reuse the range, and their
// faults take 2 MiB at a time. Nothing is written, so the block costs no
// memory; Enable sees to it that Go has no reason to zero the block
// (which wrote all of it, 1.5 s, in about one start in 150 before it
// did), at the price of two collections: 12 ms at start-up (median; 35
// ms at the 90th percentile). Call it once, first thing in main.
package hugeheap

import (
	"os"
	"strings"
)

// DisableEnv set to 0 leaves the heap alone (for comparing, or a system
// where huge pages misbehave). GODEBUG=disablethp=1, Go's own switch
// against huge pages, is honoured too.
const DisableEnv = "OPENML_DASH_HUGEPAGES"

// reserve is how much heap address space Enable marks at most: more than
// a 1M-row data page's plugin uses. Beyond it, the heap is as Go makes it.
const reserve = 512 << 20

// Enable marks heap address space for huge pages, when the system takes
// the advice and the user has not turned it off; it says whether it did.
// The host and every Go plugin call it first thing.
func Enable() bool { return enableUpTo(reserve) }

func enableUpTo(maxReserve int) bool {
	if os.Getenv(DisableEnv) == "0" || godebugOff(os.Getenv("GODEBUG")) {
		return false
	}
	return enable(maxReserve)
}

// godebugOff says whether GODEBUG turns Go's huge pages off.
func godebugOff(godebug string) bool {
	off := false
	for _, kv := range strings.Split(godebug, ",") { // the last one wins, as in Go
		if k, v, ok := strings.Cut(kv, "="); ok && k == "disablethp" {
			off = v == "1"
		}
	}
	return off
}
