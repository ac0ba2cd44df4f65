//go:build windows

package pluginhost

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/openml-dash/openml-dash/internal/proctest"
)

// The test binary, run again with procHelperEnv set, plays a plugin that
// starts a child ("tree"), that child ("sleep"), or a host that starts
// such a plugin ("host"). A helper also sets main_test.go's helperEnv, so
// that TestMain does not build the test plugins again.
const (
	procHelperEnv = "PLUGINHOST_TEST_PROC_HELPER"
	skipBuildEnv  = "PLUGINHOST_TEST_HELPER_DIR"
)

func procHelper(role string) *exec.Cmd {
	exe, err := os.Executable()
	if err != nil {
		panic(err)
	}
	cmd := exec.Command(exe, "-test.run=^TestProcHelper$")
	cmd.Env = append(os.Environ(), procHelperEnv+"="+role, skipBuildEnv+"=unused")
	return cmd
}

// startTree starts a "tree" helper as launch starts a plugin, puts it in
// its job, and lets it start its child. It returns the child's pid and
// what the plugin said about its console window.
func startTree(t *testing.T) (cmd *exec.Cmd, stdin io.WriteCloser, child int, console string) {
	t.Helper()
	cmd = procHelper("tree")
	setProcAttr(cmd)
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	require.NoError(t, procStarted(cmd))
	require.NoError(t, procStarted(cmd), "a second call changes nothing")
	_, err = io.WriteString(stdin, "go\n") // it is in its job: start the child
	require.NoError(t, err)
	lines := bufio.NewScanner(out)
	for child == 0 && lines.Scan() {
		if s, ok := strings.CutPrefix(lines.Text(), "console "); ok {
			console = s
		}
		if s, ok := strings.CutPrefix(lines.Text(), "child pid "); ok {
			child, err = strconv.Atoi(s)
			require.NoError(t, err)
		}
	}
	require.NotZero(t, child, "the plugin printed no child pid")
	t.Cleanup(func() { proctest.Kill(child) })
	return cmd, stdin, child, console
}

func TestProcStarted_putsThePluginAndItsChildrenInAJob(t *testing.T) {
	cmd, _, child, console := startTree(t)
	assert.Equal(t, uint32(windows.CREATE_NO_WINDOW), cmd.SysProcAttr.CreationFlags&windows.CREATE_NO_WINDOW)
	assert.True(t, cmd.SysProcAttr.HideWindow)
	assert.Equal(t, "0", console, "the plugin has a console window")

	jobs.Lock()
	job, ok := jobs.m[cmd]
	jobs.Unlock()
	require.True(t, ok, "procStarted recorded no job")

	var limits windows.JOBOBJECT_EXTENDED_LIMIT_INFORMATION
	require.NoError(t, windows.QueryInformationJobObject(job, windows.JobObjectExtendedLimitInformation,
		uintptr(unsafe.Pointer(&limits)), uint32(unsafe.Sizeof(limits)), nil))
	if underWine() {
		t.Log("Wine reports no job limits: not checked")
	} else {
		assert.Equal(t, uint32(jobLimits), limits.BasicLimitInformation.LimitFlags&jobLimits)
	}

	var list struct {
		Assigned, Listed uint32
		Pids             [16]uintptr
	}
	require.NoError(t, windows.QueryInformationJobObject(job, windows.JobObjectBasicProcessIdList,
		uintptr(unsafe.Pointer(&list)), uint32(unsafe.Sizeof(list)), nil))
	pids := list.Pids[:list.Listed]
	assert.Contains(t, pids, uintptr(cmd.Process.Pid), "the plugin is not in its job")
	assert.Contains(t, pids, uintptr(child), "the plugin's child is not in its job")

	killGroup(cmd)
	assert.Eventually(t, func() bool { return !proctest.Alive(cmd.Process.Pid) && !proctest.Alive(child) }, 10*time.Second, 10*time.Millisecond,
		"killGroup left the plugin or its child running")
	assert.Eventually(t, func() bool {
		jobs.Lock()
		defer jobs.Unlock()
		_, ok := jobs.m[cmd]
		return !ok
	}, 10*time.Second, 10*time.Millisecond, "the job of an ended plugin is still held")
}

// A plugin that ends takes what it started with it: the host closes its
// job.
func TestProcStarted_endsTheChildrenOfAnEndedPlugin(t *testing.T) {
	cmd, stdin, child, _ := startTree(t)
	_, err := io.WriteString(stdin, "exit\n")
	require.NoError(t, err)
	require.NoError(t, cmd.Wait())
	assert.Eventually(t, func() bool { return !proctest.Alive(child) }, 10*time.Second, 10*time.Millisecond,
		"the child of an ended plugin still runs")
}

// A host that is killed, and so never stops its plugins, takes them and
// their children with it: Windows closes its handles to their jobs.
func TestProcStarted_pluginsEndWithAKilledHost(t *testing.T) {
	host := procHelper("host")
	out, err := host.StdoutPipe()
	require.NoError(t, err)
	host.Stderr = os.Stderr
	require.NoError(t, host.Start())
	defer func() { _ = host.Process.Kill(); _ = host.Wait() }()
	var plugin, child int
	lines := bufio.NewScanner(out)
	for (plugin == 0 || child == 0) && lines.Scan() {
		_, _ = fmt.Sscanf(lines.Text(), "plugin pid %d child pid %d", &plugin, &child)
	}
	require.NotZero(t, plugin, "the helper host printed no pids")
	defer proctest.Kill(plugin)
	defer proctest.Kill(child)
	require.True(t, proctest.Alive(plugin))
	require.True(t, proctest.Alive(child))

	require.NoError(t, host.Process.Kill())
	_ = host.Wait()
	assert.Eventually(t, func() bool { return !proctest.Alive(plugin) && !proctest.Alive(child) }, 10*time.Second, 10*time.Millisecond,
		"the plugin or its child outlived the killed host")
}

// TestProcHelper is the plugin, child and host of the tests above.
func TestProcHelper(t *testing.T) {
	switch os.Getenv(procHelperEnv) {
	case "":
		t.Skip("run by the TestProcStarted tests")
	case "tree":
		getConsoleWindow := windows.NewLazySystemDLL("kernel32.dll").NewProc("GetConsoleWindow")
		hwnd, _, _ := getConsoleWindow.Call()
		fmt.Printf("console %d\n", hwnd)
		in := bufio.NewReader(os.Stdin)
		if _, err := in.ReadString('\n'); err != nil {
			t.Fatal(err)
		}
		child := procHelper("sleep")
		require.NoError(t, child.Start())
		fmt.Printf("child pid %d\n", child.Process.Pid)
		if _, err := in.ReadString('\n'); err != nil {
			time.Sleep(time.Minute) // the host is gone: leave the ending to the job
		}
		os.Exit(0)
	case "sleep":
		time.Sleep(time.Minute)
	case "host":
		plugin := procHelper("tree")
		setProcAttr(plugin)
		stdin, err := plugin.StdinPipe()
		require.NoError(t, err)
		out, err := plugin.StdoutPipe()
		require.NoError(t, err)
		require.NoError(t, plugin.Start())
		require.NoError(t, procStarted(plugin))
		_, err = io.WriteString(stdin, "go\n")
		require.NoError(t, err)
		lines := bufio.NewScanner(out)
		for lines.Scan() {
			if s, ok := strings.CutPrefix(lines.Text(), "child pid "); ok {
				fmt.Printf("plugin pid %d child pid %s\n", plugin.Process.Pid, s)
				break
			}
		}
		time.Sleep(time.Minute)
	}
}

// underWine reports whether the tests run under Wine, which accepts job
// limits but reports none.
func underWine() bool {
	return windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil
}
