package hugeheap

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"unsafe"

	"golang.org/x/sys/unix"
)

const hugePage = 2 << 20

func enable(maxReserve int) bool {
	if unsafe.Sizeof(uintptr(0)) < 8 {
		return false // no address space to spare for the block
	}
	if !advised(readSys("/sys/kernel/mm/transparent_hugepage/enabled"), readSys("/proc/sys/vm/overcommit_memory")) {
		return false
	}
	var si unix.Sysinfo_t
	if unix.Sysinfo(&si) != nil {
		return false
	}
	n := reserveSize(maxReserve, uint64(si.Totalram)*uint64(si.Unit))
	if n < 2*hugePage || debug.SetMemoryLimit(-1) < int64(2*n) {
		// Below a memory limit the block would start a collection
		// while it is placed (see below).
		return false
	}
	// The block is a span of its own, mapped fresh and never written.
	// The heap's free space below it, which the allocator fills first, is
	// marked with it: from the start of the heap arena that holds the
	// heap's first objects, but not further down than a few arenas.
	first = new(byte)
	// Go zeroes a new block, all of it, when it starts in memory the
	// heap has used and freed: start-up's garbage lies just below the
	// memory never used, and a collection running meanwhile frees more
	// there. That wrote all 512 MB, 1.5 s on this machine, in about one
	// start in 150. So: collect (start-up's garbage freed, and nothing
	// more freed until the block is placed, no collection running), let
	// a block as large as the heap's free memory take the used tail, and
	// the large one starts in memory never used, which Go knows is zero.
	runtime.GC()
	gcPercent := debug.SetGCPercent(-1)
	plug := make([]byte, min(heapFree()+1<<20, n/4))
	b := make([]byte, n)
	debug.SetGCPercent(gcPercent)
	r := addrRange(b)
	r[0] = min(r[0], addrRange(plug)[0])
	lo := max(min(uintptr(unsafe.Pointer(first)), r[0]), r[0]-min(r[0], 4*heapArena)) &^ (heapArena - 1)
	marked = [2]uintptr{lo, r[1]}
	err := adviseHuge(lo, r[1])
	runtime.KeepAlive(plug)
	runtime.KeepAlive(b)
	plug, b = nil, nil
	// Collect now, the block dropped: a collection that found it still
	// referenced would count it live, and the next would come only once
	// the heap had grown by its size, all of it outside the marked range.
	runtime.GC()
	return err == nil
}

// heapFree is how much of the heap's memory is free, kept or given back
// to the system: more than the used memory that lies free below the
// memory never used.
func heapFree() int {
	ms := []metrics.Sample{{Name: "/memory/classes/heap/free:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(ms)
	free := 0
	for _, m := range ms {
		if m.Value.Kind() == metrics.KindUint64 {
			free += int(m.Value.Uint64())
		}
	}
	return free
}

// heapArena is the size and alignment of the Go heap's arenas on 64-bit
// Linux (runtime.heapArenaBytes).
const heapArena = 64 << 20

var (
	first  *byte      // one of the heap's first objects
	marked [2]uintptr // the address range Enable marked, for tests
)

func addrRange(b []byte) [2]uintptr {
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	return [2]uintptr{p, p + uintptr(len(b))}
}

// advised says whether marking memory does anything: huge pages are
// given where asked for ("madvise"), not everywhere ("always", nothing to
// ask) or nowhere ("never"); and the system does not count mapped memory
// against a strict limit (overcommit mode 2), where a large block could
// be refused.
func advised(thpMode, overcommit string) bool {
	return strings.Contains(thpMode, "[madvise]") && strings.TrimSpace(overcommit) != "2"
}

// reserveSize is how much address space to mark: maxReserve, but no more
// than a quarter of the memory, so that the block stays small beside what
// the system would map.
func reserveSize(maxReserve int, totalRAM uint64) int {
	return int(min(uint64(maxReserve), totalRAM/4))
}

// adviseHuge marks the whole huge pages within [lo, hi). Parts of the
// range that are not mapped are passed over (madvise says ENOMEM for
// them); parts reserved but not yet mapped lose the mark when Go maps them.
func adviseHuge(lo, hi uintptr) error {
	lo = (lo + hugePage - 1) &^ (hugePage - 1)
	hi &^= hugePage - 1
	if hi <= lo {
		return nil
	}
	// A raw call: the range is the heap's, not one Go object's.
	_, _, errno := unix.Syscall(unix.SYS_MADVISE, lo, hi-lo, unix.MADV_HUGEPAGE)
	if errno != 0 && errno != unix.ENOMEM {
		return errno
	}
	return nil
}

func readSys(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	return string(b)
}
