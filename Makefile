# archsim — two commands for a newcomer on a fresh Debian machine:
#   make run    install what is missing, build a release binary, run it on the default topology
#   make test   install what is missing, build, run every test
SHELL := /bin/bash
# Swift's usual install place, for shells that don't have it on PATH yet.
export PATH := $(PATH):/opt/swift/usr/bin
SWIFT ?= swift
TOPOLOGY ?= Topologies/image-pipeline.yaml
BIN := .build/release/archsim

# Debian packages the build needs. libyaml: Yams bundles its own copy. libgraphviz-dev: the
# Diagrams module links libgvc/libcgraph (its plugins, with the PNG/PDF renderers, come with
# it). libturbojpeg0-dev: the Kernels module's JPEG codec (CTurboJPEG, found with pkg-config).
DEBIAN_PACKAGES := git ca-certificates pkg-config libgraphviz-dev libturbojpeg0-dev
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test deps build release schema docs golden reports check-yaml clean

deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "error: Swift 6.1 or later is needed (https://swift.org/install)"; exit 1; }

release: deps
	$(SWIFT) build -c release --product archsim

# Simulates the default topology briefly and writes out/report.json and out/diagram.svg. A
# target failing (exit 1) is a finding of the run, not a failure of `make run`.
run: release
	$(BIN) validate $(TOPOLOGY)
	$(BIN) describe $(TOPOLOGY)
	$(BIN) run $(TOPOLOGY) --duration 30min --replications 2 --out out --diagram; status=$$?; [ $$status -le 1 ]
	@echo "wrote out/report.json and out/diagram.svg"

# The release build is part of the tests: `make run` uses it, and the optimizer has crashed
# on code the debug build accepted. The tests that compare measured CPU times (live kernels
# against their calibration) run on their own after the rest: beside the parallel suite the
# other core's load changes a thread's CPU time by tens of percent (shared caches, a
# hyperthread sibling), which is noise those tests need not absorb.
TIMING_TESTS := KernelModeTests
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip $(TIMING_TESTS)
	$(SWIFT) test --skip-build --filter $(TIMING_TESTS)
	$(SWIFT) build -c release --product archsim
	Tests/ExternalTools/check-yaml.sh

# Every YAML file of the repository read by other tools: PyYAML, ruamel.yaml, the `yaml`
# package (yaml-language-server's parser) and check-jsonschema with topology.schema.json; the
# bad corpus checked against what each file's manifest entry says catches it. Installs the
# tools (PyPI into .build/yaml-tools, node-yaml from Debian).
check-yaml:
	Tests/ExternalTools/check-yaml.sh

# Regenerate the committed schema and the reference part of docs/language.md (both are
# printed from the language spec; tests fail when they drift).
schema: deps
	$(SWIFT) build --build-tests
	ARCHSIM_RECORD_GOLDEN=1 $(SWIFT) test --skip-build --filter LanguageSpecTests

# Re-record golden files (diagnostics of the bad-topology corpus, diagrams as DOT, a report.json).
golden:
	$(SWIFT) build --build-tests
	ARCHSIM_RECORD_GOLDEN=1 $(SWIFT) test --skip-build --filter 'GoldenDiagnosticsTests|DiagramsTests|goldenReportFile'

# Regenerate Reports/: every example topology drawn, simulated with the committed reference
# calibration profile (so the figures don't depend on this machine's speed) and drawn again
# annotated with its results. data-pipeline runs 1 h instead of its 4 h x 8 (minutes).
reports: release
	@for f in Topologies/*.yaml; do \
	  name=$$(basename $$f .yaml); extra=""; [ $$name = data-pipeline ] && extra="--duration 1h"; \
	  echo "== $$name"; \
	  $(BIN) diagram $$f --out Reports/$$name.svg || exit 1; \
	  $(BIN) run $$f --replications 4 $$extra --quiet --profile Topologies/profiles/reference.json --out Reports/runs/$$name > /dev/null; \
	  [ $$? -le 1 ] || exit 1; \
	  $(BIN) diagram $$f --results Reports/runs/$$name/report.json --fault-window none --out Reports/runs/$$name/diagram-annotated.svg || exit 1; \
	done

clean:
	rm -rf .build
