package hugeheap

import (
	"bufio"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAdvised(t *testing.T) {
	assert.True(t, advised("always defer defer+madvise [madvise] never\n", "0\n"))
	assert.True(t, advised("always [madvise] never\n", "1\n"))
	assert.False(t, advised("[always] madvise never\n", "0\n"), "every page is huge already")
	assert.False(t, advised("always madvise [never]\n", "0\n"))
	assert.False(t, advised("always [madvise] never\n", "2\n"), "strict overcommit may refuse the block")
	assert.False(t, advised("", ""), "no THP in this kernel")
}

func TestReserveSize(t *testing.T) {
	assert.Equal(t, 1<<30, reserveSize(1<<30, 16<<30))
	assert.Equal(t, 512<<20, reserveSize(1<<30, 2<<30), "a quarter of a small machine's memory")
}

// Enable marks heap memory that later allocations get: a large slice made
// after it lies in a mapping the kernel was told to back with huge pages.
func TestEnable_laterAllocationsGetHugePages(t *testing.T) {
	if !advised(readSys("/sys/kernel/mm/transparent_hugepage/enabled"), readSys("/proc/sys/vm/overcommit_memory")) {
		t.Skip("this system gives huge pages everywhere or nowhere (THP mode not madvise), or overcommit is strict: Enable leaves the heap alone")
	}
	t.Setenv(DisableEnv, "")
	t.Setenv("GODEBUG", "")
	require.True(t, enableUpTo(256<<20))
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	assert.Less(t, ms.NextGC, uint64(128<<20), "the marking block is freed, not counted live into the next collection's goal")
	b := make([]byte, 32<<20)
	b[0] = 1
	r := addrRange(b)
	assert.True(t, marked[0] <= r[0] && r[1] <= marked[1], "the next large slice [%#x, %#x) reuses the marked range [%#x, %#x)", r[0], r[1], marked[0], marked[1])
	flags := vmFlags(t, uintptr(unsafe.Pointer(&b[len(b)/2])))
	assert.Contains(t, strings.Fields(flags), "hg", "VmFlags of the mapping holding a new slice: %q", flags)
}

// vmFlags is the VmFlags line of the mapping of /proc/self/smaps that
// holds addr.
func vmFlags(t *testing.T, addr uintptr) string {
	f, err := os.Open("/proc/self/smaps")
	require.NoError(t, err)
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if lo, hi, ok := mappingRange(line); ok {
			in = lo <= addr && addr < hi
			continue
		}
		if in && strings.HasPrefix(line, "VmFlags:") {
			return strings.TrimPrefix(line, "VmFlags:")
		}
	}
	require.NoError(t, sc.Err())
	t.Fatalf("no mapping holds %#x", addr)
	return ""
}

// mappingRange reads a mapping's header line, "lo-hi perms ...".
func mappingRange(line string) (lo, hi uintptr, ok bool) {
	r, _, _ := strings.Cut(line, " ")
	a, b, found := strings.Cut(r, "-")
	if !found {
		return 0, 0, false
	}
	l, err1 := strconv.ParseUint(a, 16, 64)
	h, err2 := strconv.ParseUint(b, 16, 64)
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	return uintptr(l), uintptr(h), true
}
