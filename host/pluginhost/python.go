package pluginhost

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"

	"github.com/openml-dash/openml-dash/internal/userpath"
)

// PythonEnv names the Python interpreter that runs .pyz plugins: a path
// or a command name on PATH.
const PythonEnv = "OPENML_DASH_PYTHON"

// command is how a process of the plugin starts: the binary itself, or a
// Python interpreter given the .pyz file. On Windows the Python launcher
// (py.exe) runs python.exe as a child in a job object of its own that
// ends python.exe when py.exe ends, so killGroup and the plugin's job
// object still end both.
func (p *Plugin) command() (*exec.Cmd, error) {
	if !isPyz(p.bin.Path) {
		return exec.Command(p.bin.Path), nil
	}
	python, err := pythonCommand(runtime.GOOS, os.Getenv, exec.LookPath)
	if err != nil {
		return nil, noPython(p.bin, runtime.GOOS, err)
	}
	p.m.log.Debug("plugin is a Python zip application", "plugin", p.bin.Name, "python", strings.Join(python, " "))
	return exec.Command(python[0], append(python[1:], p.bin.Path)...), nil
}

// pythonCommand is the interpreter a .pyz plugin starts with, as the
// program and the arguments that go before the file: $OPENML_DASH_PYTHON
// when set; else on Windows the Python launcher, py.exe -3 (the newest
// Python 3 installed, whichever folder it is in), else python.exe; else
// python3. lookPath finds a program as exec.LookPath does.
func pythonCommand(goos string, getenv func(string) string, lookPath func(string) (string, error)) ([]string, error) {
	if v := strings.TrimSpace(getenv(PythonEnv)); v != "" {
		path, err := lookPath(userpath.Expand(v))
		if err != nil {
			return nil, fmt.Errorf("$%s is %q, which is not a program: %w", PythonEnv, v, err)
		}
		return []string{path}, nil
	}
	candidates := [][]string{{"python3"}}
	if goos == "windows" {
		candidates = [][]string{{"py.exe", "-3"}, {"python.exe"}}
	}
	var names []string
	for _, c := range candidates {
		if path, err := lookPath(c[0]); err == nil {
			return append([]string{path}, c[1:]...), nil
		}
		names = append(names, c[0])
	}
	return nil, fmt.Errorf("no Python 3 found (looked for $%s, then %s on PATH)", PythonEnv, strings.Join(names, " and "))
}

// noPython is the start error of a .pyz plugin no interpreter was found
// for: it names the file, what was looked for and how to fix it.
func noPython(bin Binary, goos string, cause error) *Error {
	install := "install Python 3 and its packages grpcio, protobuf and cryptography " +
		"(Debian, Ubuntu: sudo apt-get install python3-grpcio python3-protobuf python3-cryptography; " +
		"elsewhere: python3 -m pip install grpcio protobuf cryptography)"
	if goos == "windows" {
		install = "install Python 3 from python.org, then run py -m pip install grpcio protobuf cryptography"
	}
	return &Error{Plugin: bin.Name, Op: "start", Kind: Start, Err: cause, msg: fmt.Sprintf(
		"plugin %q (%s) is a Python plugin and cannot start: %v. To use it, %s, or set %s to a Python 3 that has them",
		bin.Name, bin.Path, cause, install, PythonEnv)}
}
