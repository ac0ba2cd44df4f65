# One set of build flags everywhere (cgo on, these GOFLAGS): the Fyne cold
# build takes minutes, and any change of flags makes it cold again; scripts
# run outside make read them with `make -s goflags`. no_emoji leaves out
# Fyne's 4 MB colour emoji font, which every start parsed once per text
# style (about 0.1 s of CPU before the first tab is drawn); an emoji then
# comes from the system's fonts, as any glyph the app's fonts lack does.
GO      ?= go
export GOFLAGS := -buildvcs=false -tags=no_emoji
BIN     := bin
PLUGINS := data task flow run study overview compare
# Plugins written in Python (plugins/NAME/build.sh packs each into one file).
PY_PLUGINS := missing
PYTHON  ?= /usr/bin/python3
# Packages without Fyne run under the race detector; the UI and main run
# without it, so go-gl's cgo build is shared with `make build`.
CORE_PKGS = $(shell $(GO) list ./... | grep -v -e /host/ui -e /cmd/openml-dash)
UI_PKGS   = ./host/ui/... ./cmd/openml-dash/...
ARGS    ?=

.PHONY: goflags all deps build dist cross run test test-go test-python check-imports proto proto-check smoke render-demo bench bench-data bench-clicks bench-window fuzz clean

all: build

goflags:
	@echo $(GOFLAGS)

deps:
	@scripts/deps.sh
	@scripts/deps.sh --python

build: deps
	$(GO) build -o $(BIN)/openml-dash ./cmd/openml-dash
	@for p in $(PLUGINS); do \
		$(GO) build -o $(BIN)/openml-dash-plugin-$$p ./plugins/$$p/cmd/openml-dash-plugin-$$p || exit 1; \
	done
	@for p in $(PY_PLUGINS); do \
		PYTHON=$(PYTHON) plugins/$$p/build.sh $(BIN)/openml-dash-plugin-$$p || exit 1; \
	done
	@$(PYTHON) -c 'import grpc, google.protobuf, cryptography' 2>/dev/null || \
		echo "make build: the Python plugins ($(PY_PLUGINS)) need python3-grpcio, python3-protobuf and python3-cryptography: run scripts/deps.sh --python" >&2

# Packages for Linux and Windows into dist/ (scripts/dist.sh); DIST=linux
# or DIST=windows for one of them.
DIST ?=
dist:
	scripts/dist.sh $(DIST)

# The Windows package, as CI checks it: the app cross-built with mingw-w64
# as a GUI program and every Go plugin as an .exe (about 7 minutes cold,
# seconds once the build cache has it).
cross:
	@scripts/deps.sh --windows
	scripts/dist.sh windows

# Opens the built-in demo page (no network needed); pass a page with
# ARGS="https://www.openml.org/d/61" or ARGS="--mirror ../shared/openml/www d/61".
run: build
	$(BIN)/openml-dash $(ARGS)

# The whole test suite, as CI runs it.
test: build check-imports proto-check test-go test-python cross smoke

test-go:
	$(GO) vet ./...
	@# Windows and macOS: everything but the Fyne window, which needs their cgo.
	GOOS=windows GOARCH=amd64 CGO_ENABLED=0 $(GO) vet $(CORE_PKGS)
	GOOS=darwin GOARCH=arm64 CGO_ENABLED=0 $(GO) vet $(CORE_PKGS)
	$(GO) test -race -count=1 $(CORE_PKGS)
	$(GO) test -count=1 $(UI_PKGS)

# The Python SDK's and the Python plugins' unit tests. The comparisons on
# recorded files skip without ../shared/openml, except with CI=true.
test-python:
	@scripts/deps.sh --python-test
	PYTHONDONTWRITEBYTECODE=1 PYTHONPATH=sdk/python $(PYTHON) -m unittest discover -s sdk/python/tests
	@for p in $(PY_PLUGINS); do \
		echo "PYTHONDONTWRITEBYTECODE=1 PYTHONPATH=sdk/python:plugins/$$p $(PYTHON) -m unittest discover -s plugins/$$p/tests"; \
		PYTHONDONTWRITEBYTECODE=1 PYTHONPATH=sdk/python:plugins/$$p $(PYTHON) -m unittest discover -s plugins/$$p/tests || exit 1; \
	done

# The host core and the SDK must build without Fyne.
check-imports:
	@bad=$$($(GO) list -deps ./host/route/... ./host/session/... ./host/fetch/... ./host/pluginhost/... ./host/dashboard/... ./sdk/... ./plugins/... | grep '^fyne.io/' || true); \
	if [ -n "$$bad" ]; then echo "host core, sdk or plugins import Fyne: $$bad" >&2; exit 1; fi; \
	echo "check-imports: host core, sdk and plugins are free of Fyne"

PROTOC_PLUGINS := $(BIN)/protoc-gen-go $(BIN)/protoc-gen-go-grpc
# Pinned by the tool lines in go.mod.
$(BIN)/protoc-gen-go:
	$(GO) build -o $@ google.golang.org/protobuf/cmd/protoc-gen-go
$(BIN)/protoc-gen-go-grpc:
	$(GO) build -o $@ google.golang.org/grpc/cmd/protoc-gen-go-grpc

# Regenerates sdk/proto from dashboard.proto, and the Python SDK's stubs in
# sdk/python/openml_dash/_proto (needs protoc and grpc_python_plugin:
# apt-get install protobuf-compiler protobuf-compiler-grpc).
proto: $(PROTOC_PLUGINS)
	@scripts/deps.sh --proto
	protoc --plugin=$(BIN)/protoc-gen-go --plugin=$(BIN)/protoc-gen-go-grpc -I sdk/proto \
		--go_out=sdk/proto --go_opt=paths=source_relative \
		--go-grpc_out=sdk/proto --go-grpc_opt=paths=source_relative sdk/proto/dashboard.proto
	sdk/python/genproto.sh

# Fails when the committed generated code is not what `make proto` makes.
proto-check: $(PROTOC_PLUGINS)
	@scripts/deps.sh --proto
	@tmp=$$(mktemp -d); \
	protoc --plugin=$(BIN)/protoc-gen-go --plugin=$(BIN)/protoc-gen-go-grpc -I sdk/proto \
		--go_out=$$tmp --go_opt=paths=source_relative \
		--go-grpc_out=$$tmp --go-grpc_opt=paths=source_relative sdk/proto/dashboard.proto; \
	for f in dashboard.pb.go dashboard_grpc.pb.go; do \
		cmp -s $$tmp/$$f sdk/proto/$$f || { echo "sdk/proto/$$f is stale: run make proto and commit" >&2; rm -rf $$tmp; exit 1; }; \
	done; \
	sdk/python/genproto.sh $$tmp/py || { rm -rf $$tmp; exit 1; }; \
	for f in $$(cd $$tmp/py && ls) $$(cd sdk/python/openml_dash/_proto && ls *_pb2*.py); do \
		cmp -s $$tmp/py/$$f sdk/python/openml_dash/_proto/$$f || { echo "sdk/python/openml_dash/_proto/$$f is stale or extra: run make proto and commit" >&2; rm -rf $$tmp; exit 1; }; \
	done; rm -rf $$tmp; echo "proto-check: generated code is up to date"

# Starts the real window under Xvfb on d/61 (from the recordings when
# present, else the demo), screenshots it and checks it is not blank.
smoke: build
	@scripts/deps.sh --window
	scripts/smoke.sh $(BIN)/openml-dash out/walk

# Runs every fuzz target (func FuzzX in a _test.go file) for FUZZTIME, one
# after another: go test -fuzz takes one target per package per run. New
# crashers land in the package's testdata/fuzz/FuzzX/; `make test` runs
# those and the seeds written in code as ordinary tests.
FUZZTIME ?= 30s
fuzz:
	@for f in $$(grep -rl --include='*_test.go' '^func Fuzz' cmd host internal plugins sdk | sort); do \
		for fn in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$f); do \
			echo "== $$fn (./$$(dirname $$f)) for $(FUZZTIME)"; \
			$(GO) test -run '^$$' -fuzz "^$$fn\$$" -fuzztime $(FUZZTIME) ./$$(dirname $$f) || exit 1; \
		done; \
	done

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./host/... ./sdk/... ./plugins/...

# The data page, Go beside the Python Dash pipeline, on 10k/100k/1M rows.
bench-data:
	scripts/bench-data.sh

# Each click of the data page through the real plugins, at 1M rows
# (ROWS=100000 for a quicker run), and the processes' peak memory.
bench-clicks:
	scripts/bench-clicks.sh $(ROWS)

# Enter to the first tab drawn, in the real window under Xvfb, on the
# 100k-row synthetic file bench-data makes.
bench-window: build
	@scripts/deps.sh --window
	@[ -f out/bench/syn100k.arff ] || { mkdir -p out/bench && /usr/bin/python3 ../shared/bench/gen_arff.py 100000 20 5 out/bench/syn100k.arff; }
	scripts/bench-window.sh $(BIN)/openml-dash $(CURDIR)/out/bench/syn100k.arff

clean:
	rm -rf $(BIN) out
