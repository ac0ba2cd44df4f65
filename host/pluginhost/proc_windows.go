//go:build windows

package pluginhost

import (
	"fmt"
	"os/exec"
	"sync"
	"syscall"
	"unsafe"

	"golang.org/x/sys/windows"
)

// setProcAttr starts the plugin without a window. A plugin is a console
// program, and Windows opens a console window for each console program a
// GUI app starts; CREATE_NO_WINDOW runs it with no console at all (its
// stdout and stderr are go-plugin's pipes anyway). HideWindow hides the
// first window of a plugin built as a GUI program.
func setProcAttr(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{HideWindow: true, CreationFlags: windows.CREATE_NO_WINDOW}
}

// jobs holds the job object of each plugin process that procStarted put
// in one, until the process ends.
var jobs = struct {
	sync.Mutex
	m map[*exec.Cmd]windows.Handle
}{m: map[*exec.Cmd]windows.Handle{}}

// jobLimits: Windows kills the job's processes when the last handle to the
// job closes, which happens when the host ends, even when it is killed;
// a process in it may still leave it on purpose (CREATE_BREAKAWAY_FROM_JOB)
// rather than fail to start; and a plugin that crashes ends at once
// instead of waiting behind an error-reporting dialog nobody asked for.
const jobLimits = windows.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE |
	windows.JOB_OBJECT_LIMIT_BREAKAWAY_OK |
	windows.JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION

// procStarted puts a plugin process that has just started in a job object
// of its own, Windows' counterpart of the process group and the
// parent-death signal of Unix: the processes the plugin starts are in the
// job too, killGroup ends them all, and when the host ends, even killed,
// Windows closes its handle to the job and kills them. Only the host holds
// that handle (it is not inheritable), and it closes it once the plugin
// process has ended, which also ends what the plugin left running.
//
// exec.Cmd cannot start a process inside a job, so there is a window: what
// the plugin starts before procStarted runs is not in the job (the plugin
// itself is still ended by its watchdog, see wire.Serve). Call it as soon
// as the process exists. It does nothing to a cmd already in a job. Jobs
// nest (Windows 8 and later), so this works when the host itself runs in
// a job, as under a terminal or a CI runner.
func procStarted(cmd *exec.Cmd) error {
	if cmd.Process == nil {
		return nil
	}
	jobs.Lock()
	defer jobs.Unlock()
	if _, ok := jobs.m[cmd]; ok {
		return nil
	}
	pid := cmd.Process.Pid
	// SET_QUOTA and TERMINATE are what AssignProcessToJobObject needs.
	// The id is still the plugin's: go-plugin holds a handle to the
	// process until it has waited for it, and so does proc from here on.
	proc, err := windows.OpenProcess(windows.PROCESS_SET_QUOTA|windows.PROCESS_TERMINATE|windows.SYNCHRONIZE, false, uint32(pid))
	if err != nil {
		return fmt.Errorf("open plugin process %d: %w", pid, err)
	}
	job, err := newJob()
	if err != nil {
		_ = windows.CloseHandle(proc)
		return err
	}
	if err := windows.AssignProcessToJobObject(job, proc); err != nil {
		_ = windows.CloseHandle(job)
		_ = windows.CloseHandle(proc)
		return fmt.Errorf("put plugin process %d in a job object: %w", pid, err)
	}
	jobs.m[cmd] = job
	go func() {
		_, _ = windows.WaitForSingleObject(proc, windows.INFINITE)
		jobs.Lock()
		delete(jobs.m, cmd)
		jobs.Unlock()
		_ = windows.CloseHandle(job) // kills what the plugin left running
		_ = windows.CloseHandle(proc)
	}()
	return nil
}

// newJob creates an unnamed job object with jobLimits.
func newJob() (windows.Handle, error) {
	job, err := windows.CreateJobObject(nil, nil)
	if err != nil {
		return 0, fmt.Errorf("create a job object: %w", err)
	}
	var info windows.JOBOBJECT_EXTENDED_LIMIT_INFORMATION
	info.BasicLimitInformation.LimitFlags = jobLimits
	if _, err := windows.SetInformationJobObject(job, windows.JobObjectExtendedLimitInformation,
		uintptr(unsafe.Pointer(&info)), uint32(unsafe.Sizeof(info))); err != nil {
		_ = windows.CloseHandle(job)
		return 0, fmt.Errorf("set the limits of a job object: %w", err)
	}
	return job, nil
}

// killGroup ends the plugin and whatever it started: the whole job, as
// the process group on Unix (something the plugin started may hold its
// stdout, and go-plugin waits for that pipe). A plugin that procStarted
// did not put in a job is killed alone.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process == nil {
		return
	}
	jobs.Lock()
	job, ok := jobs.m[cmd]
	var err error
	if ok {
		err = windows.TerminateJobObject(job, 1)
	}
	jobs.Unlock()
	if !ok || err != nil {
		_ = cmd.Process.Kill()
	}
}
