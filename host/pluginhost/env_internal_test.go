package pluginhost

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPluginEnv(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		environ []string
		windows bool
		want    []string
	}{
		"nil": {want: []string{}},
		"allowed kept, the rest dropped": {
			environ: []string{"PATH=/usr/bin", "HOME=/home/u", "OPENML_DASH_APIKEY=k", "AWS_SECRET_ACCESS_KEY=s",
				"GITHUB_TOKEN=t", "LC_ALL=C.UTF-8", "LANG=en_US.UTF-8", "TMPDIR=/tmp/u", "XDG_CACHE_HOME=/c", "XDG_SESSION_COOKIE=x",
				"PLUGIN_CLIENT_CERT=inherited", "LD_PRELOAD=/evil.so"},
			want: []string{"PATH=/usr/bin", "HOME=/home/u", "LC_ALL=C.UTF-8", "LANG=en_US.UTF-8", "TMPDIR=/tmp/u", "XDG_CACHE_HOME=/c"},
		},
		"Python finds itself and its packages": {
			environ: []string{"PYTHONPATH=/opt/grpc", "PYTHONHOME=/opt/py", "PYTHONUSERBASE=/u/.local", "VIRTUAL_ENV=/u/venv",
				"PYENV_VERSION=3.12", "PYTHONINSPECT=1", "PYTHONSTARTUP=/u/.pythonrc", "PYPI_TOKEN=t"},
			want: []string{"PYTHONPATH=/opt/grpc", "PYTHONHOME=/opt/py", "PYTHONUSERBASE=/u/.local", "VIRTUAL_ENV=/u/venv", "PYENV_VERSION=3.12"},
		},
		"the Windows launcher and its Python": {
			environ: []string{"SystemRoot=C:\\Windows", "Path=C:\\Python312", "PY_PYTHON=3.12", "AppData=C:\\u\\Roaming", "PythonPath=C:\\pkgs"},
			windows: true,
			want:    []string{"SystemRoot=C:\\Windows", "Path=C:\\Python312", "PY_PYTHON=3.12", "AppData=C:\\u\\Roaming", "PythonPath=C:\\pkgs"},
		},
		"the Go runtime's knobs and the huge pages switch": {
			environ: []string{"GOGC=200", "GODEBUG=disablethp=1", "OPENML_DASH_HUGEPAGES=0", "OPENML_DASH_CACHE=/c"},
			want:    []string{"GOGC=200", "GODEBUG=disablethp=1", "OPENML_DASH_HUGEPAGES=0"},
		},
		"names are case-sensitive on Unix": {
			environ: []string{"Path=/x", "home=/h"},
			want:    []string{},
		},
		"Windows names in any case": {
			environ: []string{"=C:=C:\\dir", "Path=C:\\Windows", "SystemRoot=C:\\Windows", "LocalAppData=C:\\u", "OPENML_DASH_APIKEY=k"},
			windows: true,
			want:    []string{"Path=C:\\Windows", "SystemRoot=C:\\Windows", "LocalAppData=C:\\u"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, pluginEnv(tc.environ, tc.windows))
		})
	}
}
