# gemba: build, run, test. `make run` opens the shell on the sample data; `make test` runs every test.
SWIFT      ?= swift
PREFIX     ?= /usr/local
BIN_DEBUG   = .build/debug/gemba
BIN_RELEASE = .build/release/gemba
SAMPLE      = $(sort $(wildcard datasets/*.csv))

.PHONY: all build deps run test test-asan test-tsan test-unit test-e2e test-repl release install bench clean notebooks fuzz

all: build

# System libraries and test tools the project needs (Debian packages; rsvg-convert for the chart test;
# pexpect for the REPL tests, nbformat to validate the notebooks).
deps:
	@if ! [ -f /usr/include/readline/readline.h ] || ! [ -f /usr/include/sqlite3.h ]; then \
		echo "installing libreadline-dev and libsqlite3-dev"; \
		(apt-get update -qq && apt-get install -y -qq libreadline-dev libsqlite3-dev) >/dev/null; \
	fi
	@if ! command -v rsvg-convert >/dev/null; then \
		echo "installing librsvg2-bin (rsvg-convert, to check the chart SVGs)"; \
		(apt-get update -qq && apt-get install -y -qq librsvg2-bin) >/dev/null; \
	fi
	@python3 -c 'import pexpect' 2>/dev/null || python3 -m pip install -q pexpect
	@python3 -c 'import nbformat' 2>/dev/null || python3 -m pip install -q nbformat

build: deps
	$(SWIFT) build

run: build
	@$(BIN_DEBUG) $(foreach f,$(SAMPLE),--load $(f))

test: build
	$(SWIFT) test
	python3 Tests/e2e/run.py $(BIN_DEBUG)
	python3 Tests/repl/test_repl.py $(BIN_DEBUG)
	python3 Tests/workspace/test_workspace.py $(BIN_DEBUG)
	python3 Tests/notebooks/test_notebooks.py $(BIN_DEBUG)
	python3 Tests/badinput/run.py $(BIN_DEBUG)

# Re-runs the notebooks in notebooks/ in place, so they are committed with their outputs (make test
# runs them into temporary files and leaves these alone).
NOTEBOOKS = $(sort $(wildcard notebooks/*.ipynb))

notebooks: build
	@for nb in $(NOTEBOOKS); do echo "running $$nb"; $(BIN_DEBUG) notebook run $$nb || exit 1; done

release: deps
	$(SWIFT) build -c release

install: release
	install -d $(PREFIX)/bin
	install -m 755 $(BIN_RELEASE) $(PREFIX)/bin/gemba

# The benchmark (bench/README.md): a release build, data generated once into bench/data/, DuckDB from
# PyPI in bench/.venv; times 8 queries in gemba, DuckDB and SQLite and writes bench/results.md.
# GEMBA_BENCH_ROWS=1000000 make bench is a quick try.
BENCH_PYTHON = bench/.venv/bin/python

bench: release
	@test -x $(BENCH_PYTHON) || python3 -m venv bench/.venv
	@$(BENCH_PYTHON) -c "import duckdb, pexpect" 2>/dev/null || $(BENCH_PYTHON) -m pip install -q duckdb pexpect
	$(BENCH_PYTHON) bench/run.py --gemba $(BIN_RELEASE)

# The unit tests under AddressSanitizer and ThreadSanitizer (separate build folders; CI runs the first).
# Leak detection is off: LeakSanitizer cannot see Swift's tagged enum pointers and reports live objects
# as leaked (docs/testing.md, "Leaks").
test-asan: deps
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --sanitize=address --scratch-path .build-asan

test-tsan: deps
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan

# The libFuzzer targets (docs/testing.md): GEMBA_FUZZ=1 adds their executables to the package, built in
# release mode with AddressSanitizer and coverage (swiftc keeps only its last -sanitize flag, so both go
# in one). Each runs FUZZ_SECONDS; new coverage is merged into Tests/fuzz/TARGET/corpus/, crashes land
# in Tests/fuzz/TARGET/crashes/, and every run is logged in Tests/fuzz/runs.tsv.
FUZZ_SECONDS ?= 120
FUZZ_JOBS    ?= 1
FUZZ_TARGETS ?= statement reader workspace

fuzz: deps
	@for p in FuzzStatement FuzzReader FuzzWorkspace; do \
		GEMBA_FUZZ=1 $(SWIFT) build -c release --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address \
			--scratch-path .build-fuzz --product $$p || exit 1; done
	python3 Tests/fuzz/run.py --bin .build-fuzz/release --seconds $(FUZZ_SECONDS) --jobs $(FUZZ_JOBS) $(FUZZ_TARGETS)

clean:
	rm -rf .build
