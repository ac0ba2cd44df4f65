package pluginhost

import (
	"os/exec"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPluginName(t *testing.T) {
	t.Parallel()
	type want struct {
		name string
		ok   bool
	}
	cases := map[string]map[string]want{
		"openml-dash-plugin-data":      {"linux": {"data", true}, "darwin": {"data", true}, "windows": {}},
		"openml-dash-plugin-data.exe":  {"linux": {"data.exe", true}, "windows": {"data", true}},
		"openml-dash-plugin-data.EXE":  {"windows": {"data", true}},
		"openml-dash-plugin-miss.pyz":  {"linux": {"miss", true}, "darwin": {"miss", true}, "windows": {"miss", true}},
		"openml-dash-plugin-miss.PYZ":  {"linux": {"miss", true}, "windows": {"miss", true}},
		"openml-dash-plugin-.pyz":      {"linux": {}, "windows": {}},
		"openml-dash-plugin-":          {"linux": {}, "windows": {}},
		"openml-dash-plugin-.exe":      {"windows": {}},
		"other-tool.pyz":               {"linux": {}, "windows": {}},
		"openml-dash-plugin-x.pyz.txt": {"linux": {"x.pyz.txt", true}, "windows": {}},
	}
	for file, byOS := range cases {
		for goos, w := range byOS {
			t.Run(file+" on "+goos, func(t *testing.T) {
				t.Parallel()
				name, ok := pluginName(file, goos)
				assert.Equal(t, w, want{name, ok})
			})
		}
	}
}

// lookIn finds the programs in progs, by name or path, as exec.LookPath
// would on a machine that has just those.
func lookIn(progs map[string]string) func(string) (string, error) {
	return func(name string) (string, error) {
		if p, ok := progs[name]; ok {
			return p, nil
		}
		return "", &exec.Error{Name: name, Err: exec.ErrNotFound}
	}
}

func TestPythonCommand(t *testing.T) {
	t.Parallel()
	windows := map[string]string{`py.exe`: `C:\Windows\py.exe`, `python.exe`: `C:\Python312\python.exe`, `C:\venv\Scripts\python.exe`: `C:\venv\Scripts\python.exe`}
	unix := map[string]string{"python3": "/usr/bin/python3", "/opt/venv/bin/python": "/opt/venv/bin/python", "python3.12": "/usr/local/bin/python3.12"}
	cases := map[string]struct {
		goos    string
		env     string
		progs   map[string]string
		want    []string
		wantErr string
	}{
		"linux: python3":                 {goos: "linux", progs: unix, want: []string{"/usr/bin/python3"}},
		"darwin: python3":                {goos: "darwin", progs: map[string]string{"python3": "/opt/homebrew/bin/python3"}, want: []string{"/opt/homebrew/bin/python3"}},
		"windows: the launcher first":    {goos: "windows", progs: windows, want: []string{`C:\Windows\py.exe`, "-3"}},
		"windows: python.exe else":       {goos: "windows", progs: map[string]string{`python.exe`: `C:\Python312\python.exe`}, want: []string{`C:\Python312\python.exe`}},
		"windows: python3 is not looked": {goos: "windows", progs: unix, wantErr: "no Python 3 found (looked for $OPENML_DASH_PYTHON, then py.exe and python.exe on PATH)"},
		"linux: none":                    {goos: "linux", progs: windows, wantErr: "no Python 3 found (looked for $OPENML_DASH_PYTHON, then python3 on PATH)"},
		"zero":                           {goos: "linux", wantErr: "no Python 3 found"},
		"the variable, a path":           {goos: "linux", env: "/opt/venv/bin/python", progs: unix, want: []string{"/opt/venv/bin/python"}},
		"the variable, a command name":   {goos: "darwin", env: "python3.12", progs: unix, want: []string{"/usr/local/bin/python3.12"}},
		"the variable before py.exe":     {goos: "windows", env: `C:\venv\Scripts\python.exe`, progs: windows, want: []string{`C:\venv\Scripts\python.exe`}},
		"the variable blank":             {goos: "linux", env: "  ", progs: unix, want: []string{"/usr/bin/python3"}},
		// A Python the user named and that is not there is an error, not
		// a cue to run another one.
		"the variable names nothing": {goos: "linux", env: "/opt/gone/python", progs: unix, wantErr: `$OPENML_DASH_PYTHON is "/opt/gone/python", which is not a program: exec: "/opt/gone/python": executable file not found`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			getenv := func(k string) string {
				if k == PythonEnv {
					return tc.env
				}
				return ""
			}
			got, err := pythonCommand(tc.goos, getenv, lookIn(tc.progs))
			if tc.wantErr != "" {
				require.ErrorContains(t, err, tc.wantErr)
				assert.Nil(t, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

// TestNoPython: the error of a .pyz plugin with no interpreter names the
// file, what was looked for, and the fix for the system.
func TestNoPython(t *testing.T) {
	t.Parallel()
	bin := Binary{Name: "missing", Path: "/apps/openml-dash/openml-dash-plugin-missing.pyz"}
	cases := map[string][]string{
		"windows": {"install Python 3 from python.org, then run py -m pip install grpcio protobuf cryptography"},
		"linux":   {"sudo apt-get install python3-grpcio python3-protobuf python3-cryptography", "python3 -m pip install grpcio protobuf cryptography"},
		"darwin":  {"python3 -m pip install grpcio protobuf cryptography"},
	}
	for goos, fix := range cases {
		t.Run(goos, func(t *testing.T) {
			t.Parallel()
			_, cause := pythonCommand(goos, func(string) string { return "" }, lookIn(nil))
			require.Error(t, cause)
			e := noPython(bin, goos, cause)
			assert.Equal(t, Start, e.Kind)
			assert.Equal(t, "missing", e.Plugin)
			assert.ErrorIs(t, e, cause)
			msg := e.Error()
			assert.Contains(t, msg, `plugin "missing" (/apps/openml-dash/openml-dash-plugin-missing.pyz) is a Python plugin and cannot start: no Python 3 found (looked for $OPENML_DASH_PYTHON, then `)
			for _, f := range fix {
				assert.Contains(t, msg, f)
			}
			assert.Contains(t, msg, "or set OPENML_DASH_PYTHON to a Python 3 that has them")
			if goos != "windows" {
				assert.NotContains(t, msg, "py -m pip", "the launcher is Windows'")
			}
		})
	}
}
